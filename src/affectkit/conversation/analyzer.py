"""Conversation analysis, in batch (:func:`analyze_conversation`) or live, one turn at a time
(:class:`ConversationTracker`). Both run the same incremental code, so after the last turn the tracker's
result equals the batch analysis exactly.

Per turn the work is: one turn-model prediction for the newest turn, the cause model on a bounded set of
candidate turns, one risk reading, and O(1) updates of the speaker's trajectory, the contagion sums and the
risk monitors; so a conversation's time grows linearly with its length. The batch analysis reads risk in
chunks of ``CHUNK`` turns and shows a progress bar on stderr for long conversations (``progress=``).

Example:
    >>> from affectkit.types import Conversation, Utterance
    >>> conversation = Conversation(id="demo", utterances=[
    ...     Utterance(speaker="Sam", text="My flight got cancelled and I'm going to miss the wedding."),
    ...     Utterance(speaker="Alex", text="Oh no, I'm so sorry."),
    ... ])
    >>> analysis = analyze_conversation(conversation)
    >>> [(t.index, t.speaker) for t in analysis.turns], sorted(analysis.speakers)
    ([(0, 'Sam'), (1, 'Alex')], ['Alex', 'Sam'])
"""

from __future__ import annotations

import numbers
from collections.abc import Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from functools import cache
from typing import Any

from affectkit import licence
from affectkit.conversation.context import prefetch
from affectkit.conversation.io import as_conversation, checked_utterance, utterance_from_data
from affectkit.conversation.trajectory import ContagionTracker, SpeakerTrack
from affectkit.conversation.turns import (
    DEFAULT_NEUTRAL_BIAS,
    CauseModel,
    TurnModel,
    TurnPrediction,
    turn_language,
    with_neutral_bias,
)
from affectkit.errors import AffectkitError, check_optional
from affectkit.progress import Progress
from affectkit.recognizers.router import check_language
from affectkit.risk import PersistentNegativeMonitor, RiskDetector, RiskReading, default_detector, flags_from_reading
from affectkit.types import (
    RISK_NOTICE,
    AnalysisWarning,
    Conversation,
    ConversationAnalysis,
    RiskFlag,
    Shift,
    TrackerUpdate,
    TurnAnalysis,
    Utterance,
)

CHUNK = 256  # turns per batch of risk readings: one encoder call per chunk, memory bounded by the chunk
PROGRESS_FROM = 1000  # conversations this long show progress on a terminal unless told otherwise


class ConversationTracker:
    """Live analysis: :meth:`add` one utterance at a time, :meth:`result` for the analysis so far.

    ``turn_model`` defaults to the shipped :class:`~affectkit.conversation.context.ContextTurnModel`,
    ``cause_model`` to :class:`~affectkit.conversation.context.TrainedCauseModel` (under the ``commercial``
    licence profile, to the EDOS heads and the cause heuristic: :mod:`affectkit.licence`), ``risk_detector`` to
    the shipped :class:`~affectkit.risk.RiskDetector`.

    ``neutral_bias`` moves the turn model's prior for ``neutral`` (a shift of its log-probability, see
    :func:`~affectkit.conversation.turns.shift_neutral`): negative values let emotional turns read as their
    emotion more often. ``None`` (the default) is ``DEFAULT_NEUTRAL_BIAS`` (-0.6, chosen on dev dialogues for
    chat and support use) with the default turn model, and 0 (the model as it is) with a turn model you give
    or under the ``commercial`` licence profile; ``0.0`` gives the in-context head as trained for DailyDialog,
    whose turns are 83% neutral.

    ``agent`` names the speaker whose turns are the application's own (an AI assistant): they are analysed like
    every turn but not read for crisis language, because a supporter's words ("are you thinking of killing
    yourself?") are no disclosure and reading them would cost as much as the user's turns.

    Each turn is read by the text model of its language (identified per turn, or ``language``, an ISO 639 code,
    for every turn); a turn in a language the in-context heads do not read is read alone by the multilingual model,
    without causes, with warning ``AK-W032`` (:mod:`affectkit.conversation.context`). Each turn's ``language`` and
    ``model`` say what read it.

    Example:
        >>> tracker = ConversationTracker(conversation_id="chat")
        >>> update = tracker.add(Utterance(speaker="Sam", text="I passed my exam!"))
        >>> update.turn.index, update.summary.turns
        (0, [0])
        >>> update = tracker.add({"speaker": "Alex", "text": "Congratulations!"})
        >>> len(tracker.result().turns)
        2
    """

    def __init__(
        self,
        turn_model: TurnModel | None = None,
        cause_model: CauseModel | None = None,
        conversation_id: str = "live",
        risk_detector: RiskDetector | None = None,
        neutral_bias: float | None = None,
        agent: str | None = None,
        language: str | None = None,
    ) -> None:
        if agent is not None and not (isinstance(agent, str) and agent.strip()):
            raise AffectkitError("AK-E005", f"agent must be a speaker's name or None, got {agent!r}", field="agent")
        self.neutral_bias = check_neutral_bias(neutral_bias)
        if not isinstance(conversation_id, str):
            raise AffectkitError("AK-E005", f"conversation_id must be a string, got {conversation_id!r:.60}",
                                 field="conversation_id")
        check_optional(("turn_model", turn_model, TurnModel), ("cause_model", cause_model, CauseModel),
                       ("risk_detector", risk_detector, RiskDetector))
        self.turn_model = turn_model
        self.language = language
        self.agent = agent
        self.cause_model = cause_model
        self.risk_detector = risk_detector
        self.conversation_id = conversation_id
        self.reset()

    def reset(self) -> None:
        """Forget every turn (the models are kept; models not given are those of the licence profile in force,
        see :mod:`affectkit.licence`)."""
        self.licence_ = licence.current_licence()
        self.turn_model_: TurnModel = self.turn_model if self.turn_model is not None else licence.turn_model()
        self.cause_model_: CauseModel = self.cause_model if self.cause_model is not None else licence.cause_model()
        if self.language is not None:  # models that route turns by language read every turn as this one
            self.turn_model_ = _for_language(self.turn_model_, self.language)
            self.cause_model_ = _for_language(self.cause_model_, self.language)
        self.risk_detector_ = self.risk_detector if self.risk_detector is not None else default_detector()
        # DEFAULT_NEUTRAL_BIAS was chosen for the default profile's head; the commercial head keeps its own prior
        default_bias = DEFAULT_NEUTRAL_BIAS if self.turn_model is None and self.licence_ == "default" else 0.0
        self.neutral_bias_ = float(self.neutral_bias if self.neutral_bias is not None else default_bias)
        self.utterances_: list[Utterance] = []
        self.predictions_: list[TurnPrediction] = []
        self.turns_: list[TurnAnalysis] = []
        self.tracks_: dict[str, SpeakerTrack] = {}
        self.contagion_ = ContagionTracker()
        self.persistent_ = PersistentNegativeMonitor()
        self.flags_: list[RiskFlag] = []

    def add(self, utterance: Utterance | Mapping[str, Any]) -> TrackerUpdate:
        """Analyse the next utterance in the context of the earlier ones; returns what it changed."""
        index = len(self.turns_)
        utterance = _as_utterance(utterance, index)
        self.utterances_.append(utterance)
        try:
            # the risk detector reads the turn while the text model does
            self.risk_detector_.load()
            risk = (risk_readers().submit(self.risk_detector_.read_one, utterance.text)
                    if utterance.speaker != self.agent else None)  # fmt: skip
            speech = _read_speech([utterance], calibrate=False, offset=index)[0] if utterance.audio else None
            prediction = self.turn_model_.predict_last(self.utterances_)
            turn, track, shifts, flags = self._ingest(prediction, risk.result() if risk is not None else None)
        except BaseException:  # a model failed: forget the turn, keep the state as it was
            del self.utterances_[index:]
            del self.predictions_[index:]
            raise
        turn.speech = speech
        return TrackerUpdate(turn=turn, summary=track.summary(), shifts=shifts, flags=flags)

    def _ingest(self, prediction: TurnPrediction, reading: RiskReading | None = None
                ) -> tuple[TurnAnalysis, SpeakerTrack, list[Shift], list[RiskFlag]]:
        """Record the prediction for the newest utterance (already appended) and update everything; ``reading``
        is its risk reading when already made. Returns the turn, its speaker's track, and the shifts and flags
        it raised (the speaker summary is left to :meth:`add`: the batch analysis needs none, and it costs as
        much as the speaker's history).

        The models run first; the state is only changed once nothing else can fail.
        """
        index = len(self.turns_)
        utterance = self.utterances_[index]
        prediction = with_neutral_bias(prediction, self.neutral_bias_)
        self.predictions_.append(prediction)
        emotion = prediction.emotion
        text = prediction.reading
        causes = self.cause_model_.predict(self.utterances_, index, self.predictions_)
        if reading is None and utterance.speaker != self.agent:
            reading = self.risk_detector_.read_one(utterance.text)
        flags = flags_from_reading(index, utterance.speaker, reading) if reading is not None else []
        warnings = list(prediction.warnings)
        if reading is not None and reading.warnings:
            warnings.append(AnalysisWarning(code=reading.warnings[0], message=(
                f"risk detection not available for language '{reading.language}': crisis flags may be missing")))
        turn = TurnAnalysis(
            index=index,
            speaker=utterance.speaker,
            text=utterance.text,
            timestamp=utterance.timestamp,
            emotion=emotion,
            ekman=dict(prediction.ekman),
            emotions=dict(prediction.emotions),
            vad=prediction.vad,
            causes=causes,
            warnings=warnings,
            labels=list(text.labels) if text is not None else None,
            intensity=dict(text.intensity) if text is not None and text.intensity is not None else None,
            ekman_alone=dict(text.ekman) if text is not None and text.ekman is not None else None,
            language=prediction.language,
            model=prediction.model,
        )
        self.turns_.append(turn)
        track = self.tracks_.get(utterance.speaker)
        if track is None:
            track = self.tracks_[utterance.speaker] = SpeakerTrack(utterance.speaker)
        previous_own = track.turns[-1] if track.turns else -1
        trigger = index - 1 if index - 1 > previous_own and track.turns else None
        _, shifts = track.add(index, prediction.vad, prediction.ekman, emotion, trigger)
        self.contagion_.add(utterance.speaker, prediction.vad.valence)
        persistent = self.persistent_.update(
            utterance.speaker, index, track.smoothed_valence, emotion, prediction.ekman
        )
        if persistent is not None:
            flags.append(persistent)
        self.flags_.extend(flags)
        return turn, track, shifts, flags

    def result(self) -> ConversationAnalysis:
        """The analysis of every turn added so far; ``licence`` names the profile of the models actually used."""
        used = licence.profile_of(self.turn_model_.model_id, self.cause_model_.model_id)
        return ConversationAnalysis(
            id=self.conversation_id,
            turns=list(self.turns_),
            speakers={speaker: track.summary() for speaker, track in self.tracks_.items()},
            contagion=self.contagion_.results(),
            flags=list(self.flags_),
            model=self.turn_model_.model_id,
            cause_model=self.cause_model_.model_id,
            notice=RISK_NOTICE,
            licence=used,
            warnings=[AnalysisWarning(code=code, message=message)
                      for code, message in licence.profile_warnings(used, self.cause_model_.model_id, self.licence_)],
        )


MAX_NEUTRAL_BIAS = 20.0  # exp(20): neutral 500 million times likelier, or less likely; past it only overflow is left


def check_neutral_bias(bias: float | None) -> float | None:
    """``bias`` if it is ``None`` or a number within +-:data:`MAX_NEUTRAL_BIAS`; else AK-E005 (a larger shift
    overflows the renormalisation into NaN probabilities).

    Example:
        >>> check_neutral_bias(-0.6), check_neutral_bias(None)
        (-0.6, None)
    """
    if bias is None:
        return None
    if isinstance(bias, bool) or not isinstance(bias, numbers.Real) or not abs(bias) <= MAX_NEUTRAL_BIAS:
        raise AffectkitError("AK-E005", f"neutral_bias must be a number from {-MAX_NEUTRAL_BIAS:g} to "
                             f"{MAX_NEUTRAL_BIAS:g}, got {bias!r}", field="neutral_bias")
    return float(bias)


def analyze_conversation(
    conversation: Conversation | Mapping[str, Any] | Sequence[Utterance],
    turn_model: TurnModel | None = None,
    cause_model: CauseModel | None = None,
    *,
    progress: bool | None = None,
    neutral_bias: float | None = None,
    calibrate_speech: bool = True,
    agent: str | None = None,
    language: str | None = None,
) -> ConversationAnalysis:
    """Analyse a whole conversation: turns in context, causes, per-speaker trajectories, contagion, flags.

    ``conversation`` is a :class:`~affectkit.types.Conversation`, a list of utterances, or decoded JSON
    (``{"id": ..., "utterances": [...]}``). Risk flags are a signal for a person to review, not a diagnosis
    (``ConversationAnalysis.notice``). ``progress`` shows a progress bar on stderr: ``None`` (the default)
    for conversations of ``PROGRESS_FROM`` turns or more when stderr is a terminal, ``True`` always,
    ``False`` never. ``neutral_bias`` moves the turn model's prior for ``neutral`` (see
    :class:`ConversationTracker`; default -0.6 with the default turn model, for chat and support use). ``agent``
    names the application's own speaker, whose turns are not read for crisis language (see
    :class:`ConversationTracker`). ``language`` fixes the language every turn is routed by (default: each turn's
    identified language; see :class:`ConversationTracker`).

    An utterance with ``audio`` (a recording; needs the ``speech`` extra) gets ``speech``: its voice fused with
    its words (:mod:`affectkit.speech.conversation`). ``calibrate_speech`` reads a speaker with 10 or more
    windows of speech in the session against a profile fitted on them (more accurate for acted speech); off,
    each recording is read alone, as the live tracker does. Missing or unreadable audio raises ``AK-E001`` or
    ``AK-E030``-``AK-E033`` naming ``utterances[i].audio``, before any text is read.

    Example:
        >>> analysis = analyze_conversation({"id": "c1", "utterances": [
        ...     {"speaker": "Sam", "text": "I can't take this anymore, I just want to end it all."},
        ...     {"speaker": "Alex", "text": "I'm here. Tell me what happened."}]})
        >>> [(f.turn, f.kind) for f in analysis.flags]
        [(0, 'suicidal_ideation')]
    """
    conversation = as_conversation(conversation)  # coded errors for anything else, AK-E009 for no utterances
    tracker = ConversationTracker(turn_model, cause_model, conversation_id=conversation.id, neutral_bias=neutral_bias,
                                  agent=agent, language=language)
    utterances = conversation.utterances
    loaded = _load_audio(utterances) if any(u.audio is not None for u in utterances) else None
    # Turn by turn, as the live tracker: each turn model reads only the history before the turn, and the cause
    # model finds the few turns it needs still in the encoder's cache.
    with Progress(len(utterances), "turns", show=progress, long=PROGRESS_FROM) as bar:
        for start in range(0, len(utterances), CHUNK):
            chunk = utterances[start : start + CHUNK]
            texts = [u.text for u in chunk]
            read = [u.text for u in chunk if u.speaker != agent]
            # the risk detector reads while the text model does: each leaves a core idle at times on its own
            tracker.risk_detector_.load()
            risk = risk_readers().submit(tracker.risk_detector_.read, read)
            languages = [turn_language(utterances, i) for i in range(start, start + len(chunk))]
            prefetch((tracker.turn_model_, tracker.cause_model_), texts, languages)  # on every core, each text alone
            found = dict(zip(read, risk.result(), strict=True))
            readings = [found.get(u.text) if u.speaker != agent else None for u in chunk]
            for utterance, reading in zip(chunk, readings, strict=True):
                tracker.utterances_.append(utterance)
                tracker._ingest(tracker.turn_model_.predict_last(tracker.utterances_), reading)
                bar.update()
    if loaded is not None:
        from affectkit.speech.conversation import read_turn_speech

        for turn, speech in zip(tracker.turns_, read_turn_speech(utterances, loaded, calibrate=calibrate_speech),
                                strict=True):
            turn.speech = speech
    return tracker.result()


@cache
def risk_readers() -> ThreadPoolExecutor:
    """Threads that run the risk detector on turns while the text model reads them (a few, for concurrent callers)."""
    return ThreadPoolExecutor(max_workers=4, thread_name_prefix="affectkit-risk-turns")


def _load_audio(utterances: Sequence[Utterance], offset: int = 0) -> Any:
    from affectkit.speech.conversation import load_turn_audio

    return load_turn_audio(utterances, offset)


def _read_speech(utterances: Sequence[Utterance], calibrate: bool, offset: int = 0) -> list[Any]:
    """The voice of ``utterances`` (:mod:`affectkit.speech.conversation`), each fused with its words."""
    from affectkit.speech.conversation import read_turn_speech

    return read_turn_speech(utterances, _load_audio(utterances, offset), calibrate=calibrate)


def _for_language(model: Any, language: str) -> Any:
    """``model`` routing every turn as ``language`` when it routes turns by language (``for_language``)."""
    check_language(language)
    return model.for_language(language) if hasattr(model, "for_language") else model


def _as_utterance(utterance: Utterance | Mapping[str, Any], index: int) -> Utterance:
    if isinstance(utterance, Utterance):
        return checked_utterance(utterance, prefix=f"[{index}].")
    return utterance_from_data(utterance, prefix=f"[{index}].")
