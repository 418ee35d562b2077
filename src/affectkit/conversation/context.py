"""The shipped conversation models: turn emotion in context and causal emotion entailment.

Both use the heads in ``affectkit/models/conversation-minilm`` on top of the shipped text encoder (see
:mod:`affectkit.conversation.features`). Each utterance is encoded once, alone (one text per encoder call,
so that live tracking and batch analysis give identical numbers), and cached by its text; a new turn
therefore costs one encoder pass plus two tiny MLPs.

* :class:`ContextTurnModel` gives the Ekman-7 emotion of a turn from the turn, the previous turn and the
  same speaker's previous turn. The 28 GoEmotions probabilities and VAD are the text model's for the turn.
* :class:`TrainedCauseModel` scores every earlier turn (and the turn itself) as a cause of a non-neutral
  turn's emotion, keeps those above the dev-tuned threshold (the most likely one at least), and reports
  for each the clause most associated with the emotion (see
  :meth:`affectkit.conversation.causes.HeuristicCauseModel.span`).

Example:
    >>> from affectkit.types import Utterance
    >>> model = ContextTurnModel()
    >>> turns = [Utterance(speaker="A", text="I got the job!"),
    ...          Utterance(speaker="B", text="That is wonderful, congratulations!")]
    >>> [p.emotion for p in model.predict(turns)]
    ['joy', 'joy']
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Sequence
from functools import cache, cached_property
from typing import Any

import numpy as np

from affectkit.conversation.causes import HeuristicCauseModel
from affectkit.conversation.features import context_row, pair_features, utterance_features
from affectkit.conversation.onnx_heads import ONNXHeads
from affectkit.conversation.turns import IncrementalTurnModel, TurnPrediction
from affectkit.errors import AffectkitError
from affectkit.types import VAD, Cause, Utterance

CACHE_SIZE = 4096


class UtteranceEncoder:
    """Utterance feature vectors from the shipped text model, one text per call, cached by text."""

    def __init__(self, recognizer: str = "goemotions-minilm@3") -> None:
        self.recognizer = recognizer
        self._cache: OrderedDict[str, tuple[np.ndarray, Any]] = OrderedDict()

    def encode(self, text: str) -> tuple[np.ndarray, Any]:
        """(feature vector, TextAnalysis) of ``text``."""
        hit = self._cache.get(text)
        if hit is not None:
            self._cache.move_to_end(text)
            return hit
        from affectkit.recognizers import get_recognizer

        recognizer: Any = get_recognizer(self.recognizer)
        raw = recognizer.predict_raw([text])
        analysis = recognizer.annotate([text], raw)[0]
        entry = (utterance_features(raw)[0], analysis)
        self._cache[text] = entry
        if len(self._cache) > CACHE_SIZE:
            self._cache.popitem(last=False)
        return entry

    def matrix(self, utterances: Sequence[Utterance]) -> np.ndarray:
        return np.stack([self.encode(u.text)[0] for u in utterances])


@cache
def shared_encoder() -> UtteranceEncoder:
    """The encoder both default models use, so that a turn is encoded once for both."""
    return UtteranceEncoder()


class _OnSharedEncoder:
    """A model made of the conversation heads over the shared utterance encoder, both loaded on first use
    unless given."""

    def __init__(self, heads: ONNXHeads | None = None, encoder: UtteranceEncoder | None = None) -> None:
        self.heads = heads
        self.encoder = encoder

    @cached_property
    def heads_(self) -> ONNXHeads:
        return self.heads if self.heads is not None else ONNXHeads()

    @cached_property
    def encoder_(self) -> UtteranceEncoder:
        return self.encoder if self.encoder is not None else shared_encoder()


class ContextTurnModel(_OnSharedEncoder, IncrementalTurnModel):
    @property
    def model_id(self) -> str:
        return f"{self.heads_.model_id}+{self.heads_.config['encoder']}"

    def predict_last(self, history: Sequence[Utterance]) -> TurnPrediction:
        if not history:
            raise AffectkitError("AK-E009", "predict_last() needs at least one utterance")
        i = len(history) - 1
        features = self.encoder_.matrix(history)
        row = context_row(features, [u.speaker for u in history], i)
        probabilities = self.heads_.turn_emotion(row[None, :])[0]
        analysis = self.encoder_.encode(history[i].text)[1]
        vad = analysis.vad if analysis.vad is not None else VAD(valence=0.0, arousal=0.0, dominance=0.0)
        ekman = {label: round(float(p), 4) for label, p in zip(self.heads_.labels, probabilities, strict=True)}
        return TurnPrediction(ekman=ekman, emotions=dict(analysis.emotions), vad=vad, warnings=list(analysis.warnings))


class TrainedCauseModel(_OnSharedEncoder):
    @property
    def model_id(self) -> str:
        return f"{self.heads_.model_id}:cause"

    def predict(self, utterances: Sequence[Utterance], turn_index: int,
                predictions: Sequence[TurnPrediction]) -> list[Cause]:
        emotion = predictions[turn_index].emotion
        if emotion == "neutral":
            return []
        history = utterances[: turn_index + 1]
        features = self.encoder_.matrix(history)
        distribution = np.array([predictions[turn_index].ekman.get(label, 0.0) for label in self.heads_.labels])
        scores = self.heads_.cause(pair_features(features, [u.speaker for u in history], turn_index, distribution))
        chosen = [j for j in range(turn_index + 1) if scores[j] >= self.heads_.cause_threshold]
        if not chosen:
            chosen = [int(np.argmax(scores))]
        causes = []
        for j in sorted(chosen, key=lambda k: -scores[k]):
            start, end = HeuristicCauseModel.span(utterances[j].text, emotion)
            causes.append(Cause(turn=j, span=utterances[j].text[start:end], score=round(float(scores[j]), 4),
                                start=start, end=end))
        return causes
