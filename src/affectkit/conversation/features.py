"""Feature vectors for the conversation heads, shared by training and inference (numpy only).

Both conversation heads sit on top of the shipped text encoder: every utterance is encoded once into
``utterance_features`` (its sentence embedding, 28 GoEmotions probabilities, Ekman-7 probabilities and
valence/arousal/dominance), and the heads combine those vectors. Encoding each utterance once is what
makes live tracking cheap: a new turn costs one encoder pass, whatever the length of the history.

* Turn emotion in context: the turn's own vector, the previous turn's, and the same speaker's previous
  turn's, with flags saying which exist and whether the previous turn is by the same speaker.
* Causal emotion entailment (is candidate turn j a cause of the emotion of target turn i, j <= i): both
  vectors, their element-wise product, the distance i - j (one-hot, 5 and more pooled), whether j is
  i itself, whether they share a speaker, and the target's emotion (Ekman-7 distribution).

Example:
    >>> import numpy as np
    >>> utterances = np.ones((3, UTTERANCE_DIM), dtype=np.float32)
    >>> context_features(utterances, ["A", "B", "A"]).shape == (3, CONTEXT_DIM)
    True
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

EMBEDDING_DIM = 384
UTTERANCE_DIM = EMBEDDING_DIM + 28 + 7 + 3
CONTEXT_DIM = 3 * UTTERANCE_DIM + 3
MAX_DISTANCE = 5
PAIR_DIM = 3 * UTTERANCE_DIM + (MAX_DISTANCE + 1) + 2 + 7


def utterance_features(raw: dict[str, np.ndarray]) -> np.ndarray:
    """Per-utterance vectors from :meth:`EncoderRecognizer.predict_raw` output (rows = utterances).

    V/A/D comes from the text model's main head (``vad_head``), which the heads were trained on; the
    shipped ``vad`` also mixes in the distilled branch (see the text model's card).
    """
    return np.concatenate(
        [raw["embedding"], raw["goemotions"], raw["ekman"], raw["vad_head"]], axis=1
    ).astype(np.float32)


def context_row(utterances: np.ndarray, speakers: Sequence[str], i: int) -> np.ndarray:
    """The context feature vector of turn ``i`` (only turns up to ``i`` are read)."""
    zero = np.zeros(UTTERANCE_DIM, dtype=np.float32)
    previous = utterances[i - 1] if i > 0 else zero
    same = next((j for j in range(i - 1, -1, -1) if speakers[j] == speakers[i]), None)
    flags = np.array([i > 0, same is not None, i > 0 and speakers[i - 1] == speakers[i]], dtype=np.float32)
    return np.concatenate([utterances[i], previous, utterances[same] if same is not None else zero, flags])


def context_features(utterances: np.ndarray, speakers: Sequence[str]) -> np.ndarray:
    """Context feature vectors of every turn of one conversation."""
    return np.stack([context_row(utterances, speakers, i) for i in range(len(speakers))])


def target_only(context: np.ndarray) -> np.ndarray:
    """The no-context ablation: context features with everything but the turn itself zeroed."""
    out = np.zeros_like(context)
    out[..., :UTTERANCE_DIM] = context[..., :UTTERANCE_DIM]
    return out


def pair_features(utterances: np.ndarray, speakers: Sequence[str], target: int, emotion: np.ndarray) -> np.ndarray:
    """Candidate-cause vectors for turns ``0..target`` of the emotion (Ekman-7 distribution) of ``target``."""
    rows = []
    for j in range(target + 1):
        distance = np.zeros(MAX_DISTANCE + 1, dtype=np.float32)
        distance[min(target - j, MAX_DISTANCE)] = 1.0
        flags = np.array([j == target, speakers[j] == speakers[target]], dtype=np.float32)
        rows.append(np.concatenate([utterances[target], utterances[j], utterances[target] * utterances[j],
                                    distance, flags, emotion.astype(np.float32)]))
    return np.stack(rows)
