"""Feature vectors for the conversation heads, shared by training and inference (numpy only).

Both conversation heads sit on top of the shipped text encoder: every utterance is encoded once into its
utterance vector (:mod:`affectkit.recognizers.utterance`: its sentence embedding, 28 GoEmotions probabilities,
Ekman-7 probabilities and valence/arousal/dominance), and the heads combine those vectors. Encoding each
utterance once is what makes live tracking cheap: a new turn costs one encoder pass, whatever the length of the
history.

* Turn emotion in context: the turn's own vector, the previous turn's, and the same speaker's previous
  turn's, with flags saying which exist and whether the previous turn is by the same speaker.
* Causal emotion entailment (is candidate turn j a cause of the emotion of target turn i, j <= i): both
  vectors, their element-wise product, the distance i - j (one-hot, 5 and more pooled), whether j is
  i itself, whether they share a speaker, and the target's emotion (Ekman-7 distribution).

At run time the candidates of turn i are bounded (:func:`cause_candidates`): the turn and the
``CAUSE_WINDOW - 1`` turns before it, plus the speaker's ``CAUSE_OWN`` latest turns before that window, as
RECCON-style models do. In RECCON's DailyDialog test split every annotated cause is at most 12 turns back,
so the bound changes nothing there, and a turn of a 10,000-turn conversation costs what a turn of a
20-turn one does. Earlier turns of a speaker are looked for at most ``LOOKBACK`` turns back, for the same
reason.

Example:
    >>> import numpy as np
    >>> utterances = np.ones((3, UTTERANCE_DIM), dtype=np.float32)
    >>> context_features(utterances, ["A", "B", "A"]).shape == (3, CONTEXT_DIM)
    True
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol

import numpy as np

from affectkit.recognizers.utterance import UTTERANCE_DIM

CONTEXT_DIM = 3 * UTTERANCE_DIM + 3
MAX_DISTANCE = 5
PAIR_DIM = 3 * UTTERANCE_DIM + (MAX_DISTANCE + 1) + 2 + 7
CAUSE_WINDOW = 16  # the turn and the 15 before it...
CAUSE_OWN = 4  # ...plus the speaker's 4 latest turns before those
LOOKBACK = 256  # how far back a speaker's earlier turns are looked for


class Rows(Protocol):
    """Anything that gives row ``j`` (an array, or features computed on access)."""

    def __getitem__(self, j: int, /) -> np.ndarray: ...


class Speakers(Protocol):
    """Anything that gives the speaker of turn ``j`` (a list, or a view over utterances)."""

    def __getitem__(self, j: int, /) -> str: ...


def same_speaker_before(speakers: Speakers, i: int) -> int | None:
    """The latest turn before ``i`` by the speaker of ``i``, at most ``LOOKBACK`` turns back.

    Example:
        >>> same_speaker_before(["A", "B", "A", "B"], 3), same_speaker_before(["A", "B"], 1)
        (1, None)
    """
    return next((j for j in range(i - 1, max(i - 1 - LOOKBACK, -1), -1) if speakers[j] == speakers[i]), None)


def cause_candidates(speakers: Speakers, target: int) -> list[int]:
    """The turns that may have caused the emotion of turn ``target``, in order: the window of the turn and the
    ``CAUSE_WINDOW - 1`` before it, and the speaker's ``CAUSE_OWN`` latest turns before the window (found at
    most ``LOOKBACK`` turns back). At most ``CAUSE_WINDOW + CAUSE_OWN`` turns, however long the conversation.

    Example:
        >>> cause_candidates(["A", "B", "A"], 2)
        [0, 1, 2]
        >>> candidates = cause_candidates(["A", "B"] * 50, 99)
        >>> candidates[:5], len(candidates)
        ([77, 79, 81, 83, 84], 20)
    """
    start = max(0, target - CAUSE_WINDOW + 1)
    own: list[int] = []
    for j in range(start - 1, max(target - 1 - LOOKBACK, -1), -1):
        if len(own) == CAUSE_OWN:
            break
        if speakers[j] == speakers[target]:
            own.append(j)
    return [*reversed(own), *range(start, target + 1)]


def context_row(utterances: Rows, speakers: Speakers, i: int) -> np.ndarray:
    """The context feature vector of turn ``i`` (only turns up to ``i`` are read, at most three of them)."""
    zero = np.zeros(UTTERANCE_DIM, dtype=np.float32)
    previous = utterances[i - 1] if i > 0 else zero
    same = same_speaker_before(speakers, i)
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


def pair_features(utterances: Rows, speakers: Speakers, target: int, emotion: np.ndarray,
                  candidates: Sequence[int] | None = None) -> np.ndarray:
    """Candidate-cause vectors of the emotion (Ekman-7 distribution) of ``target``, one per turn of
    ``candidates`` (default: every turn ``0..target``, as in training)."""
    rows = []
    own = utterances[target]
    for j in range(target + 1) if candidates is None else candidates:
        distance = np.zeros(MAX_DISTANCE + 1, dtype=np.float32)
        distance[min(target - j, MAX_DISTANCE)] = 1.0
        flags = np.array([j == target, speakers[j] == speakers[target]], dtype=np.float32)
        other = utterances[j]
        rows.append(np.concatenate([own, other, own * other, distance, flags, emotion.astype(np.float32)]))
    return np.stack(rows)
