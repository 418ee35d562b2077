"""The shipped conversation models: turn emotion in context and causal emotion entailment.

Both use the heads in ``affectkit/models/conversation-minilm`` on top of the shipped text encoder (see
:mod:`affectkit.conversation.features`). Each utterance is encoded once, alone (one text per encoder call,
so that live tracking and batch analysis give identical numbers), and cached by its text; a new turn
therefore costs one encoder pass plus two tiny MLPs.

* :class:`ContextTurnModel` gives the Ekman-7 emotion of a turn from the turn, the previous turn and the
  same speaker's previous turn. The 28 GoEmotions probabilities and VAD are the text model's for the turn.
* :class:`TrainedCauseModel` scores the candidate turns (the turn itself, the turns just before it and the
  speaker's own latest turns: see :func:`~affectkit.conversation.features.cause_candidates`) as causes of a
  non-neutral turn's emotion, keeps those above the dev-tuned threshold (the most likely one at least),
  and reports for each the clause most associated with the emotion (see
  :meth:`affectkit.conversation.causes.HeuristicCauseModel.span`).

Both read only the few turns they need, so a turn costs the same at turn 10,000 as at turn 10.

**Other languages.** Each turn is read by the text model of its language, as :func:`affectkit.analyze` reads it
(:meth:`UtteranceEncoder.read`; the language is given for the whole conversation, or identified per turn with
the turns before it as context: :func:`turn_language`). The
heads were trained on the English model's features (DailyDialog, RECCON), so a turn routed to the multilingual
model ``brighter-e5`` is read alone: its Ekman-7 distribution, VAD and ``emotions`` are that model's reading
(the ``ekman`` scores normalised to sum to 1, so the most probable label is the one the model decides on at its
dev-tuned thresholds), its ``model`` names ``brighter-e5``, no causes are given for it, and it carries warning
``AK-W032``. The heads still read every turn's English-model features as context (an English turn after a
Spanish one sees the English model's features of the Spanish text, as before routing); what the heads make of
them in another language has not been measured: no labelled conversations in those languages are at hand.

Example:
    >>> from affectkit.types import Utterance
    >>> model = ContextTurnModel()
    >>> turns = [Utterance(speaker="A", text="I got the job!"),
    ...          Utterance(speaker="B", text="That is wonderful, congratulations!")]
    >>> [p.emotion for p in model.predict(turns)]
    ['joy', 'joy']
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from functools import cache, cached_property
from typing import Any

import numpy as np

from affectkit.conversation.causes import HeuristicCauseModel
from affectkit.conversation.features import cause_candidates, context_row, pair_features
from affectkit.conversation.turns import IncrementalTurnModel, TurnPrediction, turn_language
from affectkit.errors import AffectkitError
from affectkit.recognizers.heads import ONNXHeads
from affectkit.recognizers.utterance import UtteranceEncoder, shared_encoder
from affectkit.types import VAD, AnalysisWarning, Cause, TextAnalysis, Utterance


class _Rows:
    """The feature rows of a conversation, encoded when read: a turn reads only the few it needs."""

    def __init__(self, encoder: UtteranceEncoder, utterances: Sequence[Utterance]) -> None:
        self.encoder, self.utterances = encoder, utterances

    def __getitem__(self, j: int) -> np.ndarray:
        return self.encoder.encode(self.utterances[j].text)[0]


class _Speakers:
    """The speakers of a conversation, without copying them out."""

    def __init__(self, utterances: Sequence[Utterance]) -> None:
        self.utterances = utterances

    def __getitem__(self, j: int) -> str:
        return self.utterances[j].speaker


@cache
def shared_heads() -> ONNXHeads:
    """The shipped heads, loaded once per process: every ``analyze_conversation`` and ``plan`` call makes new
    models, and opening their onnxruntime sessions each time cost about 25 ms a call."""
    return ONNXHeads()


class _OnSharedEncoder:
    """A model made of the conversation heads over the shared utterance encoder, both loaded on first use
    unless given. ``language`` fixes the language every turn is routed by (``None``: each turn's identified
    language; see :meth:`UtteranceEncoder.read`)."""

    def __init__(self, heads: ONNXHeads | None = None, encoder: UtteranceEncoder | None = None,
                 language: str | None = None) -> None:
        self.heads = heads
        self.encoder = encoder
        self.language = language

    def for_language(self, language: str | None) -> Any:
        """The same model (same heads and encoder) routing every turn as ``language``."""
        return type(self)(self.heads, self.encoder, language)

    def routing_language(self, utterances: Sequence[Utterance], i: int) -> str | None:
        """The language turn ``i`` is read in, as :meth:`UtteranceEncoder.read` takes it: the model's, else
        :func:`turn_language`'s."""
        return self.language if self.language is not None else turn_language(utterances, i)

    @cached_property
    def heads_(self) -> ONNXHeads:
        return self.heads if self.heads is not None else shared_heads()

    @cached_property
    def encoder_(self) -> UtteranceEncoder:
        return self.encoder if self.encoder is not None else shared_encoder()


def prefetch(models: Iterable[object], texts: Sequence[str], languages: Sequence[str | None] | None = None) -> None:
    """Encode ``texts`` ahead (see :meth:`UtteranceEncoder.prefetch`) for those of ``models`` that read an
    utterance encoder, each encoder and language once. ``languages``: each text's language in its conversation
    (:func:`turn_language`), for the models that identify it; default: identified alone."""
    encoders = {(id(m.encoder_), m.language): m for m in models if isinstance(m, _OnSharedEncoder)}
    for model in encoders.values():
        given = [model.language] * len(texts) if model.language is not None or languages is None else languages
        model.encoder_.prefetch(texts, given)


def forget(models: Iterable[object], texts: Sequence[str]) -> int:
    """Drop ``texts`` from the utterance encoders of ``models`` (see :meth:`UtteranceEncoder.forget`); returns how
    many cache entries went."""
    encoders = {id(m.encoder_): m.encoder_ for m in models if isinstance(m, _OnSharedEncoder)}
    return sum(encoder.forget(texts) for encoder in encoders.values())


class ContextTurnModel(_OnSharedEncoder, IncrementalTurnModel):
    @property
    def model_id(self) -> str:
        return f"{self.heads_.model_id}+{self.heads_.config['encoder']}"

    def predict_last(self, history: Sequence[Utterance]) -> TurnPrediction:
        if not history:
            raise AffectkitError("AK-E009", "predict_last() needs at least one utterance")
        return self._predict_at(history, len(history) - 1)

    def predict(self, utterances: Sequence[Utterance]) -> list[TurnPrediction]:
        return [self._predict_at(utterances, i) for i in range(len(utterances))]  # no prefix copies

    def _predict_at(self, utterances: Sequence[Utterance], i: int) -> TurnPrediction:
        analysis = self.encoder_.read(utterances[i].text, self.routing_language(utterances, i))
        if analysis.model != self.encoder_.recognizer:
            return self._alone(analysis)
        row = context_row(_Rows(self.encoder_, utterances), _Speakers(utterances), i)
        probabilities = self.heads_.turn_emotion(row[None, :])[0]
        vad = analysis.vad if analysis.vad is not None else VAD(valence=0.0, arousal=0.0, dominance=0.0)
        ekman = {label: round(float(p), 4) for label, p in zip(self.heads_.labels, probabilities, strict=True)}
        return TurnPrediction(ekman=ekman, emotions=dict(analysis.emotions), vad=vad, warnings=list(analysis.warnings),
                              language=analysis.language, model=self.model_id, reading=analysis)

    def _alone(self, analysis: TextAnalysis) -> TurnPrediction:
        """A turn the multilingual model read: its reading alone, as a distribution over the heads' labels."""
        scores = np.array([analysis.ekman.get(label, 0.0) for label in self.heads_.labels], dtype=np.float64)
        scores = scores / scores.sum() if scores.sum() > 0 else (np.array(self.heads_.labels) == "neutral") * 1.0
        ekman = {label: round(float(p), 4) for label, p in zip(self.heads_.labels, scores, strict=True)}
        vad = analysis.vad if analysis.vad is not None else VAD(valence=0.0, arousal=0.0, dominance=0.0)
        note = AnalysisWarning(code="AK-W032", message=(
            f"turn in '{analysis.language}' read alone by {analysis.model}: the in-context head and the cause model "
            f"read English-model features, so this turn's emotion does not use its context and no causes are given"))
        return TurnPrediction(ekman=ekman, emotions=dict(analysis.emotions), vad=vad,
                              warnings=[*analysis.warnings, note], language=analysis.language, model=analysis.model,
                              in_context=False, reading=analysis)


class TrainedCauseModel(_OnSharedEncoder):
    @property
    def model_id(self) -> str:
        return f"{self.heads_.model_id}:cause"

    def predict(self, utterances: Sequence[Utterance], turn_index: int,
                predictions: Sequence[TurnPrediction]) -> list[Cause]:
        emotion = predictions[turn_index].emotion
        if emotion == "neutral" or not predictions[turn_index].in_context:  # not in context: AK-W032
            return []
        speakers = _Speakers(utterances)
        candidates = cause_candidates(speakers, turn_index)
        distribution = np.array([predictions[turn_index].ekman.get(label, 0.0) for label in self.heads_.labels])
        features = pair_features(_Rows(self.encoder_, utterances), speakers, turn_index, distribution, candidates)
        scores = dict(zip(candidates, self.heads_.cause(features).tolist(), strict=True))
        chosen = [j for j in candidates if scores[j] >= self.heads_.cause_threshold]
        if not chosen:
            chosen = [max(candidates, key=lambda j: scores[j])]  # the first on a tie, as argmax
        causes = []
        for j in sorted(chosen, key=lambda k: -scores[k]):
            start, end = HeuristicCauseModel.span(utterances[j].text, emotion)
            causes.append(Cause(turn=j, span=utterances[j].text[start:end], score=round(scores[j], 4),
                                start=start, end=end))
        return causes
