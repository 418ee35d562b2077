"""The data model every surface serialises: Python API, CLI JSON, HTTP JSON, batch rows.

Example:
    >>> vad = VAD(valence=0.5, arousal=-0.1, dominance=0.0)
    >>> vad.valence
    0.5
"""

from __future__ import annotations

import re
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator

_LONE_SURROGATE = re.compile("[\ud800-\udfff]")


def valid_unicode(text: str) -> str:
    r"""``text`` with each lone surrogate code point replaced by U+FFFD, the Unicode replacement character.

    Lone surrogates reach Python strings from JSON escapes such as ``"\ud800"`` and from undecodable
    bytes in command-line arguments; they cannot be tokenised or written as UTF-8. Texts that hold
    U+FFFD get the warning AK-W007.

    Example:
        >>> valid_unicode("ok \ud800 then") == "ok \ufffd then"
        True
    """
    return _LONE_SURROGATE.sub("\ufffd", text) if _LONE_SURROGATE.search(text) else text


class VAD(BaseModel):
    """Valence (unpleasant..pleasant), arousal (calm..excited), dominance (controlled..in control), in [-1, 1]."""

    model_config = ConfigDict(frozen=True)

    valence: float = Field(ge=-1.0, le=1.0)
    arousal: float = Field(ge=-1.0, le=1.0)
    dominance: float = Field(ge=-1.0, le=1.0)


class AnalysisWarning(BaseModel):
    """Something the caller should know about an input; the analysis is still returned.

    ``code`` is stable (see :mod:`affectkit.errors`), ``message`` is for people.
    """

    model_config = ConfigDict(frozen=True)

    code: str
    message: str


class TextAnalysis(BaseModel):
    """What one recognizer found in one text.

    ``emotions`` holds a probability for every label of the fine-grained scheme (GoEmotions-28 for the
    shipped model); ``labels`` are those at or above their calibrated threshold, most likely first;
    ``intensity`` is, for each label, the strength of its Ekman family in [0, 1] (one value per family, shared by
    its labels; see the model card). ``ekman`` and ``sentiment`` are the coarse
    views with their own thresholded ``ekman_labels`` and ``sentiment_labels``. ``windows`` says into
    how many overlapping windows a long text was split (1 for anything that fits the model).
    """

    text: str
    emotions: dict[str, float]
    labels: list[str]
    intensity: dict[str, float]
    ekman: dict[str, float]
    ekman_labels: list[str]
    sentiment: dict[str, float]
    sentiment_labels: list[str]
    vad: VAD | None
    language: str
    windows: int = Field(ge=0)
    warnings: list[AnalysisWarning] = Field(default_factory=list)
    model: str

    def top(self, n: int = 3) -> list[tuple[str, float]]:
        """The ``n`` most probable fine-grained emotions, most probable first.

        Example:
            >>> analysis = TextAnalysis(text="x", emotions={"joy": 0.9, "anger": 0.1}, labels=["joy"],
            ...     intensity={}, ekman={}, ekman_labels=[], sentiment={}, sentiment_labels=[], vad=None,
            ...     language="en", windows=1, model="m@1")
            >>> analysis.top(1)
            [('joy', 0.9)]
        """
        return sorted(self.emotions.items(), key=lambda item: -item[1])[:n]


# --- Speech (the ``speech`` extra reads them; the types live here so that a turn can carry its voice) --------


class SpeechWindow(BaseModel):
    """One stretch of speech read on its own: ``start``/``end`` in seconds from the start of the recording."""

    start: float = Field(ge=0.0)
    end: float = Field(ge=0.0)
    speech_seconds: float = Field(ge=0.0)
    emotion: str
    emotions: dict[str, float]
    vad: VAD


class Disagreement(BaseModel):
    """Voice and words point different ways (``kind``), with the values that say so."""

    kind: Literal["calm_voice_dark_words", "negative_voice_positive_words", "aroused_voice_neutral_words"]
    description: str
    text_valence: float
    voice_valence: float
    voice_arousal: float


class SpeechAnalysis(BaseModel):
    """The emotion in a recording's voice, and, given a transcript, its fusion with the words.

    ``emotions`` are the model's probabilities over its labels, averaged over the windows weighted by their
    seconds of speech; ``emotion`` is the most probable. ``vad`` is the voice's valence/arousal/dominance (from
    the categories, see the model card); ``fused_vad`` mixes it with the text's (valence mostly from the words,
    arousal mostly from the voice). ``head`` is ``speaker`` when a speaker profile normalised the features,
    else ``global``. Silence is never read: ``segments`` are the stretches of sound found by the voice activity
    detector, and only they are analysed.
    """

    source: str
    duration: float = Field(ge=0.0)
    speech_seconds: float = Field(ge=0.0)
    segments: list[tuple[float, float]]
    windows: list[SpeechWindow]
    emotion: str
    emotions: dict[str, float]
    vad: VAD
    head: Literal["speaker", "global"]
    transcript: str | None = None
    text: TextAnalysis | None = None
    fused_vad: VAD | None = None
    disagreements: list[Disagreement] = Field(default_factory=list)
    warnings: list[AnalysisWarning] = Field(default_factory=list)
    model: str


# --- Conversations -----------------------------------------------------------------------------------

RISK_NOTICE = (
    "Risk flags are an automated signal for a human reviewer or an escalation path, not a diagnosis or a "
    "risk assessment: they can miss a crisis and can flag harmless text."
)


class Utterance(BaseModel):
    """One turn of a conversation: who spoke, what they said and, optionally, when and a recording of it.

    Example:
        >>> Utterance(speaker="Sam", text="Hi!").timestamp is None
        True
    """

    model_config = ConfigDict(frozen=True)

    speaker: str
    text: str
    timestamp: str | float | None = None
    id: str | None = None
    audio: str | None = Field(default=None, exclude_if=lambda value: value is None)
    """A recording of the turn (WAV, FLAC or OGG path; needs the ``speech`` extra): its voice is read and fused
    with the words (``TurnAnalysis.speech``). The file readers resolve a relative path against the conversation
    file's folder; otherwise it is taken from the working directory."""

    @field_validator("speaker", "text")
    @classmethod
    def _valid_unicode(cls, value: str) -> str:
        return valid_unicode(value)


class Conversation(BaseModel):
    """A conversation: an id and its utterances in order.

    Example:
        >>> Conversation(id="c1", utterances=[Utterance(speaker="Sam", text="Hi!")]).utterances[0].speaker
        'Sam'
    """

    id: str
    utterances: list[Utterance]


class Cause(BaseModel):
    """A span that plausibly evoked a turn's emotion: ``turn`` is the index of the turn holding ``span``,
    ``start``/``end`` are character offsets of ``span`` in that turn's text, ``score`` is in [0, 1]."""

    model_config = ConfigDict(frozen=True)

    turn: int = Field(ge=0)
    span: str
    score: float = Field(ge=0.0, le=1.0)
    start: int = Field(default=0, ge=0)
    end: int = Field(default=0, ge=0)


class TurnAnalysis(BaseModel):
    """One turn analysed in its conversation: ``emotion`` is the Ekman-7 label (the most probable of
    ``ekman``, the reading in context), ``causes`` the spans that evoked it, ``speech`` the voice of its recording
    (when the utterance has ``audio``) fused with its words. ``emotions``, ``labels``, ``intensity``,
    ``ekman_alone`` and ``vad`` are the turn's text read alone, as :func:`affectkit.analyze` reads it (for a turn
    in another language, by the model of that language)."""

    index: int = Field(ge=0)
    speaker: str
    text: str
    timestamp: str | float | None = None
    emotion: str
    ekman: dict[str, float]
    emotions: dict[str, float]
    vad: VAD
    causes: list[Cause] = Field(default_factory=list)
    warnings: list[AnalysisWarning] = Field(default_factory=list)
    labels: list[str] | None = Field(default=None, exclude_if=lambda value: value is None)
    """The labels of the text read alone, at their thresholds (``TextAnalysis.labels``); absent from a turn model
    that does not give its text reading."""
    intensity: dict[str, float] | None = Field(default=None, exclude_if=lambda value: value is None)
    """The intensity of each emotion of the text read alone (``TextAnalysis.intensity``: one value per emotion
    family); absent as ``labels``."""
    ekman_alone: dict[str, float] | None = Field(default=None, exclude_if=lambda value: value is None)
    """The Ekman-7 probabilities of the text read alone (``TextAnalysis.ekman``), beside ``ekman`` in context;
    absent as ``labels``."""
    language: str | None = None
    """The language the turn was routed by (ISO 639-1; ``und`` without letters); ``None`` from a turn model that
    does not say."""
    model: str | None = None
    """What read ``ekman``: the in-context model (``conversation-minilm@1+goemotions-minilm@4``) for English, the
    multilingual text model alone (``brighter-e5@4``, warning ``AK-W032``) for the languages it reads."""
    speech: SpeechAnalysis | None = Field(default=None, exclude_if=lambda value: value is None)
    """The voice of the turn's ``audio`` fused with its words (absent when the utterance has no audio)."""


class TrajectoryPoint(BaseModel):
    """A speaker's smoothed state after one of their turns (``emotion``: the argmax of the smoothed Ekman-7)."""

    model_config = ConfigDict(frozen=True)

    turn: int = Field(ge=0)
    valence: float
    arousal: float
    dominance: float
    emotion: str


class Shift(BaseModel):
    """A significant change of a speaker's smoothed ``dimension`` at ``turn`` (``before`` and ``after`` are smoothed
    values, not the turn's own reading, which ``description`` names too); ``trigger_turn`` is the other speaker's
    turn just before it (``None`` when the speaker spoke twice in a row)."""

    model_config = ConfigDict(frozen=True)

    turn: int = Field(ge=0)
    trigger_turn: int | None
    dimension: str
    before: float
    after: float
    description: str


class SpeakerSummary(BaseModel):
    """One speaker's turns, smoothed trajectory, overall arc, shifts and most frequent turn emotions."""

    speaker: str
    turns: list[int]
    trajectory: list[TrajectoryPoint]
    arc: Literal["improving", "worsening", "stable", "volatile"]
    shifts: list[Shift]
    dominant_emotions: list[str]


class Contagion(BaseModel):
    """How strongly ``target``'s valence follows ``source``'s ``lag`` turns later (Pearson ``correlation``
    over ``pairs`` turn pairs; positive: moves with it, negative: moves against it)."""

    model_config = ConfigDict(frozen=True)

    source: str
    target: str
    lag: int = Field(ge=1)
    correlation: float = Field(ge=-1.0, le=1.0)
    pairs: int = Field(ge=0)


class RiskFlag(BaseModel):
    """A distress or crisis signal for a person to look at (see ``RISK_NOTICE``): never a diagnosis.

    ``evidence`` is the exact span of the turn's text (``start``/``end`` offsets) for language flags, and a
    short description of the run of turns (``turns``) for ``persistent_negative``. ``concern`` names what the
    language is about; it equals ``kind`` except for ``third_party_risk`` (e.g. ``suicidal_ideation``).
    ``score`` is the detector's calibrated probability for the kind, ``language`` the message's language and
    ``source`` what raised the flag: ``classifier``, ``rules``, ``classifier+rules`` or ``trajectory``. A flag the
    rules raise keeps the classifier's probability, which can be low: act on a flag and its ``severity``, never on a
    threshold of ``score``.
    """

    model_config = ConfigDict(frozen=True)

    turn: int = Field(ge=0)
    speaker: str
    kind: str
    concern: str
    severity: Literal["low", "medium", "high"]
    evidence: str
    message: str
    start: int | None = None
    end: int | None = None
    turns: list[int] = Field(default_factory=list)
    score: float | None = None
    language: str | None = None
    source: str | None = None


class ConversationAnalysis(BaseModel):
    """Everything found in one conversation: turns in input order, per-speaker summaries, contagion between
    speakers, risk flags, the models used and the notice that flags are not a diagnosis. ``licence`` is the
    licence profile the models were chosen by (see :mod:`affectkit.licence`); ``warnings`` are coded notes
    about the models of the whole analysis (``AK-W011``: causes from the heuristic)."""

    id: str
    turns: list[TurnAnalysis]
    speakers: dict[str, SpeakerSummary]
    contagion: list[Contagion]
    flags: list[RiskFlag]
    model: str
    cause_model: str
    notice: str = RISK_NOTICE
    licence: str = "default"
    warnings: list[AnalysisWarning] = Field(default_factory=list)


# --- Response planning ----------------------------------------------------------------------------------


class Persona(BaseModel):
    """Big Five personality of the agent, each trait in [0, 1] (0.5 = average).

    Example:
        >>> Persona(extraversion=0.9).agreeableness
        0.5
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    openness: float = Field(default=0.5, ge=0.0, le=1.0)
    conscientiousness: float = Field(default=0.5, ge=0.0, le=1.0)
    extraversion: float = Field(default=0.5, ge=0.0, le=1.0)
    agreeableness: float = Field(default=0.5, ge=0.0, le=1.0)
    neuroticism: float = Field(default=0.5, ge=0.0, le=1.0)


class TargetEmotion(BaseModel):
    """The emotion and VAD the reply should carry, with the steps that produced them."""

    emotion: str
    vad: VAD
    rationale: list[str]


class CauseWords(BaseModel):
    """A cause of the user's emotion (see :class:`Cause`) with the content words worth acknowledging."""

    turn: int = Field(ge=0)
    span: str
    words: list[str]
    score: float = Field(ge=0.0, le=1.0)


class UserState(BaseModel):
    """The user's state at the end of the conversation: their last turn's emotions (``primary``: the
    GoEmotions labels to put first), intensity of the strongest, VAD, smoothed trend, arc and causes."""

    speaker: str
    turn: int = Field(ge=0)
    emotion: str
    primary: list[str]
    top: dict[str, float]
    intensity: float = Field(ge=0.0, le=1.0)
    vad: VAD
    trend: VAD
    arc: str
    causes: list[CauseWords]


class StrategyChoice(BaseModel):
    """A probability for each of the 8 ESConv strategies (names as in ESConv) and the chosen one."""

    probabilities: dict[str, float]
    choice: str
    debiased: bool
    model: str


class SafetyPlan(BaseModel):
    """Whether the reply must escalate (a crisis flag was raised), the flags, resources and notes, and the notice
    that flags are a signal for a person, not a diagnosis."""

    escalate: bool
    flags: list[RiskFlag]
    resources: list[str]
    notes: list[str]
    notice: str = RISK_NOTICE


class ResponsePlan(BaseModel):
    """What the agent's next reply should do, and the chat messages that ask an LLM to do it.

    ``mode`` is ``support`` or ``escalation`` (a crisis flag). ``messages`` is in the OpenAI chat format.
    ``warnings`` are coded notes about the request itself (``AK-W009``: the agent has no turn in the
    conversation).
    """

    conversation_id: str
    agent: str
    mode: Literal["support", "escalation"]
    user: UserState | None
    strategy: StrategyChoice
    target: TargetEmotion
    acknowledge: list[str]
    guidance: list[str]
    boundaries: list[str]
    safety: SafetyPlan
    stimulus: str | None = None
    messages: list[dict[str, str]]
    models: list[str]
    warnings: list[AnalysisWarning] = Field(default_factory=list)


class TrackerUpdate(BaseModel):
    """What one new turn changed: its analysis, its speaker's updated summary, and the shifts and flags it
    raised."""

    turn: TurnAnalysis
    summary: SpeakerSummary
    shifts: list[Shift]
    flags: list[RiskFlag]


# --- Reply check -------------------------------------------------------------------------------------


class PatternMatch(BaseModel):
    """One response pattern found in a candidate reply (see :mod:`affectkit.planning.reply_check`).

    ``evidence`` is the exact span ``reply[start:end]``; ``language`` names the rule set that matched
    (``en``, ``es`` or ``de``).

    Example:
        >>> PatternMatch(name="apology", evidence="Sorry", start=0, end=5, language="en").end
        5
    """

    model_config = ConfigDict(frozen=True)

    name: str
    evidence: str
    start: int = Field(ge=0)
    end: int = Field(ge=0)
    language: str


class ReplyCheck(BaseModel):
    """Which response patterns a candidate assistant reply shows, in reply order.

    ``empathy`` is a rule-based estimate in [0, 1]; ``harmful`` lists the harmful pattern names present
    (``fostering_dependence``, ``claiming_human_feelings``, ``minimising_crisis``, ``manipulative_pressure``,
    ``dismissive``)
    and ``risky`` is true when it is not empty. ``warnings`` says what could not be checked: ``AK-W034``, a reply in a
    language without reply-check rules; ``AK-W008``, a user turn in a language the risk detector does not cover (a
    crisis there may go unseen, and with it ``minimising_crisis``).

    Example:
        >>> ReplyCheck(reply="Ok.", language="en", patterns=[], empathy=0.1, risky=False, harmful=[]).risky
        False
    """

    reply: str
    language: str
    patterns: list[PatternMatch]
    empathy: float = Field(ge=0.0, le=1.0)
    risky: bool
    harmful: list[str]
    warnings: list[AnalysisWarning] = Field(default_factory=list)


class GeneratedReply(BaseModel):
    """``affectkit respond``: the plan, the reply an LLM wrote from it (``None`` when no backend is
    configured: affectkit never invents a reply), the check of that reply, and how it was generated."""

    plan: ResponsePlan
    reply: str | None
    check: ReplyCheck | None
    model: str | None = None
    latency_ms: float | None = None
    note: str | None = None
