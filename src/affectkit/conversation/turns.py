"""The interfaces that analyse turns: a :class:`TurnModel` predicts each turn's emotions given the turns
before it, a :class:`CauseModel` finds the spans that evoked a turn's emotion.

Both are protocols, so a context-aware model can replace the defaults without touching the rest: pass it
as ``turn_model=`` / ``cause_model=`` to :func:`~affectkit.conversation.analyze_conversation` or
:class:`~affectkit.conversation.ConversationTracker`. A turn model may look at earlier turns but never at
later ones; that is what lets the live tracker predict the newest turn alone and still agree exactly with
the batch analysis.

The default :class:`TextTurnModel` runs the shipped per-text recognizer on each utterance on its own
(no context yet). The default cause model is :class:`~affectkit.conversation.causes.HeuristicCauseModel`.

Example:
    >>> from affectkit.types import Utterance
    >>> prediction = TextTurnModel().predict_last([Utterance(speaker="Sam", text="Thank you so much!")])
    >>> sorted(prediction.ekman) == sorted(EKMAN_LABELS) and len(prediction.emotions) == 28
    True
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Sequence
from typing import TYPE_CHECKING, Protocol, runtime_checkable

import numpy as np
from pydantic import BaseModel, ConfigDict, Field

from affectkit.errors import AffectkitError
from affectkit.language import CONVERSATION_TURNS, detect_language, language_in_conversation
from affectkit.types import VAD, AnalysisWarning, Cause, TextAnalysis, Utterance

if TYPE_CHECKING:
    from affectkit.recognizers.base import Recognizer

EKMAN_LABELS = ("anger", "disgust", "fear", "joy", "sadness", "surprise", "neutral")
NEUTRAL_VAD = VAD(valence=0.0, arousal=0.0, dominance=0.0)
# The shift of neutral's log-probability that the conversation analysis applies by default to the shipped
# in-context turn model (``neutral_bias``): the value with the best 7-class macro-F1 on the dev dialogues
# (RECCON's DailyDialog validation split, 493 turns; grid 0 to -1.3 by 0.05), where every emotion counts as
# much as neutral. See :func:`shift_neutral` and benchmarks/conversation.py.
DEFAULT_NEUTRAL_BIAS = -0.6


class TurnPrediction(BaseModel):
    """What a turn model says about one turn: Ekman-7 and GoEmotions-28 probabilities, VAD and warnings;
    ``language`` is the language the turn was routed by and ``model`` what gave ``ekman`` (``None`` when the turn
    model does not say). ``in_context`` is false for a turn read alone by the text model of its language (a
    language the in-context heads, which read English-model features, do not cover): its ``ekman`` is that
    model's reading as a distribution, ``emotions`` the model's own labels (Ekman-7 for the multilingual model),
    and the neutral prior is not moved (:func:`with_neutral_bias`).

    Example:
        >>> TurnPrediction(ekman={"joy": 0.8, "neutral": 0.3}, emotions={}, vad=NEUTRAL_VAD).emotion
        'joy'
    """

    model_config = ConfigDict(frozen=True)

    ekman: dict[str, float]
    emotions: dict[str, float]
    vad: VAD
    warnings: list[AnalysisWarning] = Field(default_factory=list)
    language: str | None = None
    model: str | None = None
    in_context: bool = True
    reading: TextAnalysis | None = None
    """The turn's text read alone, as the model read it (its labels and intensities go into the turn's analysis,
    so that nothing reads the text again); ``None`` from a turn model that does not give it."""

    @property
    def emotion(self) -> str:
        """The most probable Ekman-7 label (the first one listed on a tie; ``neutral`` if none)."""
        return max(self.ekman, key=lambda label: self.ekman[label]) if self.ekman else "neutral"


def shift_neutral(probabilities: np.ndarray, bias: float, neutral: int = EKMAN_LABELS.index("neutral")) -> np.ndarray:
    """Turn-emotion probabilities (rows over the Ekman-7 labels) with neutral's prior moved by ``bias``.

    Neutral's probability is multiplied by ``exp(bias)`` and each row renormalised: for a softmax head, the
    same as adding ``bias`` to neutral's logit, a shift of the prior the head learned from its training
    dialogues (83% of DailyDialog's turns are neutral). A negative ``bias`` lets an emotional turn read as
    its emotion where the head's prior would call it neutral; ``0`` leaves the rows as they are. A row that
    does not sum to 1 (a multi-label reading) only has neutral scaled.

    Example:
        >>> rows = np.array([[0.0, 0.0, 0.0, 0.0, 0.35, 0.0, 0.65]])   # sadness 0.35, neutral 0.65
        >>> shift_neutral(rows, -1.0).round(3).tolist()
        [[0.0, 0.0, 0.0, 0.0, 0.594, 0.0, 0.406]]
    """
    shifted = np.array(probabilities, dtype=np.float64)
    if bias == 0:
        return shifted
    totals = shifted.sum(axis=1)
    shifted[:, neutral] *= np.exp(bias)
    distribution = np.abs(totals - 1.0) < 1e-3
    shifted[distribution] /= shifted[distribution].sum(axis=1, keepdims=True)
    return shifted


def with_neutral_bias(prediction: TurnPrediction, bias: float) -> TurnPrediction:
    """``prediction`` with its Ekman-7 probabilities shifted by :func:`shift_neutral` (4 decimals); a turn read
    alone by the multilingual model (``in_context`` false) is left as it is: its neutral is the complement of its
    strongest emotion, already decided at the thresholds that model chose on dev for the language.

    Example:
        >>> turn = TurnPrediction(ekman={"sadness": 0.35, "neutral": 0.65}, emotions={}, vad=NEUTRAL_VAD)
        >>> turn.emotion, with_neutral_bias(turn, -1.0).emotion
        ('neutral', 'sadness')
    """
    if bias == 0 or "neutral" not in prediction.ekman or not prediction.in_context:
        return prediction
    labels = list(prediction.ekman)
    row = shift_neutral(np.array([[prediction.ekman[label] for label in labels]]), bias, labels.index("neutral"))[0]
    ekman = {label: round(float(p), 4) for label, p in zip(labels, row, strict=True)}
    return prediction.model_copy(update={"ekman": ekman})


@runtime_checkable
class TurnModel(Protocol):
    """Predicts turns in context. ``predict`` covers a whole conversation (one prediction per utterance, in
    order); ``predict_last`` the newest utterance of ``history`` given the ones before it. For any model,
    ``predict(u)[i]`` must equal ``predict_last(u[: i + 1])``."""

    @property
    def model_id(self) -> str:
        """``name@version`` (or a description) recorded in ``ConversationAnalysis.model``."""
        ...

    def predict(self, utterances: Sequence[Utterance]) -> list[TurnPrediction]:
        """One prediction per utterance, in input order."""
        ...

    def predict_last(self, history: Sequence[Utterance]) -> TurnPrediction:
        """The prediction for ``history[-1]``, given the turns before it."""
        ...


@runtime_checkable
class CauseModel(Protocol):
    """Finds the causes of turn ``turn_index``'s emotion among ``utterances[: turn_index + 1]``.

    ``predictions`` holds the turn model's predictions for at least those turns. A cause model must not look
    at later turns (the live tracker has not seen them yet).
    """

    @property
    def model_id(self) -> str:
        """``name@version`` recorded in ``ConversationAnalysis.cause_model``."""
        ...

    def predict(
        self, utterances: Sequence[Utterance], turn_index: int, predictions: Sequence[TurnPrediction]
    ) -> list[Cause]:
        """The causes of turn ``turn_index``'s emotion, most likely first (empty for a neutral turn)."""
        ...


class IncrementalTurnModel(ABC):
    """Base class for turn models that predict one turn at a time: implement :meth:`predict_last`;
    :meth:`predict` calls it on every prefix (override it when a batch can be done faster)."""

    @property
    @abstractmethod
    def model_id(self) -> str:
        """``name@version`` of the model."""

    @abstractmethod
    def predict_last(self, history: Sequence[Utterance]) -> TurnPrediction:
        """The prediction for ``history[-1]``, given the turns before it."""

    def predict(self, utterances: Sequence[Utterance]) -> list[TurnPrediction]:
        """One prediction per utterance: :meth:`predict_last` on each prefix."""
        return [self.predict_last(utterances[: i + 1]) for i in range(len(utterances))]


def turn_language(utterances: Sequence[Utterance], i: int) -> str | None:
    """The language turn ``i`` of a conversation is read in when none is given, as :meth:`UtteranceEncoder.read`
    takes it: ``None`` (identified alone) when its conversation agrees, else its conversation's
    (:func:`~affectkit.language.language_in_conversation`: "Hello ?" in an English conversation is English)."""
    text = utterances[i].text
    code = language_in_conversation(text, [u.text for u in utterances[max(0, i - CONVERSATION_TURNS) : i]])
    return None if code == detect_language(text) else code


class TextTurnModel(IncrementalTurnModel):
    """The shipped per-text recognizer applied to each utterance alone (it ignores earlier turns). With no
    ``recognizer``, each utterance is read by the model of its language, as :func:`affectkit.analyze` reads it
    (:class:`~affectkit.recognizers.router.Router`; ``language`` fixes the language of every turn).

    Each text is analysed in its own call, in batch as well as live: the shipped int8 graph quantises
    activations per call, so a text's scores shift slightly with the other texts in its batch, and one text
    per call is what keeps the batch analysis and the live tracker exactly equal.

    Example:
        >>> from affectkit.types import Utterance
        >>> model = TextTurnModel()
        >>> model.model_id
        'per-utterance:auto@1'
        >>> TextTurnModel("goemotions-minilm@5").model_id
        'per-utterance:goemotions-minilm@5'
        >>> len(model.predict([Utterance(speaker="A", text="hi"), Utterance(speaker="B", text="hello")]))
        2
    """

    def __init__(self, recognizer: str | None = None, language: str | None = None) -> None:
        self.recognizer = recognizer
        self.language = language

    @property
    def model_id(self) -> str:
        from affectkit.recognizers import resolve

        return f"per-utterance:{'auto@1' if self.recognizer is None else resolve(self.recognizer)}"

    def for_language(self, language: str | None) -> TextTurnModel:
        """This model reading every turn as ``language`` (``None``: each turn's identified language)."""
        return TextTurnModel(self.recognizer, language)

    def _recognizer(self, utterances: Sequence[Utterance], i: int) -> Recognizer:
        """What reads turn ``i``: the recognizer given, else the router for the turn's language (the one given, else
        the turn's in its conversation)."""
        from affectkit.recognizers import get_recognizer
        from affectkit.recognizers.router import Router

        if self.recognizer is not None:
            return get_recognizer(self.recognizer)
        return Router(self.language if self.language is not None else turn_language(utterances, i))

    def predict_last(self, history: Sequence[Utterance]) -> TurnPrediction:
        if not history:
            raise AffectkitError("AK-E009", "predict_last() needs at least one utterance")
        return self._one(history, len(history) - 1)

    def predict(self, utterances: Sequence[Utterance]) -> list[TurnPrediction]:
        return [self._one(utterances, i) for i in range(len(utterances))]

    def _one(self, utterances: Sequence[Utterance], i: int) -> TurnPrediction:
        analysis = self._recognizer(utterances, i).analyze([utterances[i].text])[0]
        warnings = list(analysis.warnings)
        vad = analysis.vad
        if vad is None:
            vad = NEUTRAL_VAD
            warnings.append(
                AnalysisWarning(
                    code="AK-W006",
                    message=f"{analysis.model} gives no valence/arousal/dominance; neutral values used",
                )
            )
        ekman = {label: analysis.ekman.get(label, 0.0) for label in EKMAN_LABELS} if analysis.ekman else {}
        if not any(ekman.values()):
            ekman = {label: 1.0 if label == "neutral" else 0.0 for label in EKMAN_LABELS}
        return TurnPrediction(ekman=ekman, emotions=dict(analysis.emotions), vad=vad, warnings=warnings,
                              language=analysis.language, model=analysis.model, reading=analysis)
