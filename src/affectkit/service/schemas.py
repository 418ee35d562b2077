"""Request and response bodies of the HTTP API (kept apart from storage rows and from the library's types,
which the responses embed as they are: a ``TextAnalysis`` here is the CLI's JSONL object).

Example:
    >>> AnalyzeRequest(texts=["I love it"]).texts
    ['I love it']
"""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Literal

from pydantic import AfterValidator, BaseModel, BeforeValidator, ConfigDict, Field

from affectkit.types import (
    AnalysisWarning,
    ConversationAnalysis,
    GeneratedReply,
    Persona,
    ReplyCheck,
    ResponsePlan,
    RiskFlag,
    SafetyPlan,
    Shift,
    SpeakerSummary,
    StrategyChoice,
    TargetEmotion,
    TextAnalysis,
    TrajectoryPoint,
    TurnAnalysis,
    UserState,
    valid_unicode,
)


# Strings from JSON may hold lone surrogates ("\ud800"): replaced by U+FFFD, as the library does, so that every
# answer can be written as UTF-8. Before the string's own checks: a length bound refuses a lone surrogate outright.
def _valid_unicode(value: object) -> object:
    return valid_unicode(value) if isinstance(value, str) else value


Text = Annotated[str, BeforeValidator(_valid_unicode)]


def _no_nul(value: str) -> str:
    if "\x00" in value:
        raise ValueError("may not hold a NUL character (\\u0000)")
    return value


# Strings that are stored: PostgreSQL text cannot hold NUL.
Stored = Annotated[str, BeforeValidator(_valid_unicode), AfterValidator(_no_nul)]

NAME = Field(min_length=1, max_length=200)


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class AnalyzeRequest(_Strict):
    """Texts to analyse with the shipped text model (at most ``AFFECTKIT_MAX_BATCH_TEXTS``)."""

    texts: list[Text] = Field(min_length=1, description="the texts, each read on its own")
    domain: Literal["comments", "stories"] = Field(
        "comments", description="what kind of English text these are, for the Ekman view: comments (social media, "
        "chat) or stories (sentences of first-person narratives); see `affectkit.analyze`")


class AnalyzeResponse(BaseModel):
    model: str
    analyses: list[TextAnalysis] = Field(description="one per text, in request order (the CLI's JSONL objects)")


class UtteranceIn(_Strict):
    speaker: Stored = NAME
    text: Stored
    timestamp: Stored | Annotated[float, Field(allow_inf_nan=False)] | None = None
    id: Stored | None = Field(default=None, max_length=200)


class ConversationIn(_Strict):
    """A conversation given inline (``/v1/plan``, ``/v1/check-reply``, ``/v1/respond``)."""

    id: Text = Field(default="request", min_length=1, max_length=200)
    utterances: list[UtteranceIn] = Field(min_length=1)


class PlanRequest(_Strict):
    conversation: ConversationIn
    agent: Text = Field(default="assistant", min_length=1, max_length=200)
    persona: Persona | None = None
    debias: bool = False
    stimulus: Text | None = Field(default=None, max_length=20)
    locale: Text | None = Field(default=None, max_length=35)


class CheckReplyRequest(_Strict):
    conversation: ConversationIn
    reply: Text
    agent: Text = Field(default="assistant", min_length=1, max_length=200)
    language: Literal["en", "es", "de"] | None = None


class RespondRequest(PlanRequest):
    pass


class CreateConversation(_Strict):
    agent: Stored = Field(default="assistant", min_length=1, max_length=200,
                       description="the speaker whose next reply is planned after each utterance")
    locale: Stored | None = Field(default=None, max_length=35, description="the user's locale (crisis resources)")


class ConversationInfo(BaseModel):
    id: str
    agent: str
    locale: str | None
    turns: int
    created_at: datetime
    updated_at: datetime


class ConversationOut(ConversationInfo):
    """A stored conversation with its analysis, whole or a page of its turns (``?after=`` and ``limit=``)."""

    analysis: ConversationAnalysis = Field(description="each turn's analysis in context (the page's turns, when "
                                           "paged), their flags, and the speakers' summaries after the latest turn "
                                           "(when paged: their turns, trajectory points and shifts in the page, and "
                                           "their arc and dominant emotions over the whole conversation)")
    after: int | None = Field(default=None, description="the page's turns come after this turn (null: from the "
                              "first)")
    next_after: int | None = Field(default=None, description="pass it as `after` for the next page; null when this "
                                   "page ends with the latest turn")


class SpeakerState(BaseModel):
    """The state of a speaker after one of their turns: the point it adds to their trajectory, their arc and
    dominant emotions so far, and how many turns and shifts they have (the lists are in ``GET
    /v1/conversations/{id}``)."""

    speaker: str
    turns: int = Field(ge=0, description="how many turns the speaker has had")
    point: TrajectoryPoint = Field(description="the speaker's smoothed state after this turn (the trajectory's new "
                                   "last point)")
    arc: str
    dominant_emotions: list[str]
    shifts: int = Field(ge=0, description="how many shifts the speaker's trajectory has had")

    @classmethod
    def of(cls, summary: SpeakerSummary) -> SpeakerState:
        return cls(speaker=summary.speaker, turns=len(summary.turns), point=summary.trajectory[-1], arc=summary.arc,
                   dominant_emotions=summary.dominant_emotions, shifts=len(summary.shifts))


class SafetyBrief(BaseModel):
    """The plan's safety part without the lists that grow with the conversation: whether to escalate, the
    resources, and how many flags and notes there are (all of them in ``GET /v1/conversations/{id}/plan``)."""

    escalate: bool
    resources: list[str]
    flags: int = Field(ge=0)
    notes: int = Field(ge=0)
    notice: str

    @classmethod
    def of(cls, safety: SafetyPlan) -> SafetyBrief:
        return cls(escalate=safety.escalate, resources=safety.resources, flags=len(safety.flags),
                   notes=len(safety.notes), notice=safety.notice)


class PlanBrief(BaseModel):
    """The plan of the agent's next reply (:class:`ResponsePlan`) without what grows with the conversation: the
    chat messages are the system message (``system``) followed by the conversation's ``messages - 1`` utterances,
    and ``safety`` counts the flags and notes. ``GET /v1/conversations/{id}/plan`` gives the whole plan."""

    conversation_id: str
    agent: str
    mode: Literal["support", "escalation"]
    user: UserState | None
    strategy: StrategyChoice
    target: TargetEmotion
    acknowledge: list[str]
    guidance: list[str]
    boundaries: list[str]
    safety: SafetyBrief
    stimulus: str | None = None
    system: str = Field(description="the system message that opens the plan's chat messages")
    messages: int = Field(ge=0, description="how many chat messages the whole plan holds")
    models: list[str]
    warnings: list[AnalysisWarning] = Field(default_factory=list)

    @classmethod
    def of(cls, plan: ResponsePlan) -> PlanBrief:
        kept = {name: getattr(plan, name) for name in cls.model_fields
                if name in ResponsePlan.model_fields and name not in ("safety", "messages")}
        return cls(**kept, safety=SafetyBrief.of(plan.safety), messages=len(plan.messages),
                   system=plan.messages[0]["content"] if plan.messages else "")


class UtteranceResult(BaseModel):
    """What appending one utterance gave, and only what is new, so that the answer does not grow with the
    conversation: its turn in context, its speaker's new state (the trajectory's new point, arc), the shifts and
    risk flags it raised, and the plan of the agent's next reply (``null`` while every turn is the agent's), without
    the message history. The whole state is at ``GET /v1/conversations/{id}`` (paged) and ``GET
    /v1/conversations/{id}/plan``."""

    conversation_id: str
    turns: int = Field(ge=1, description="how many turns the conversation holds now")
    turn: TurnAnalysis
    speaker: SpeakerState
    shifts: list[Shift] = Field(description="the shifts this turn raised")
    flags: list[RiskFlag] = Field(description="the risk flags this turn raised")
    plan: PlanBrief | None


class Health(BaseModel):
    status: str
    checks: dict[str, bool] = Field(default_factory=dict)


class SpeechModelInfo(BaseModel):
    """A shipped speech model (:func:`affectkit.speech.model.shipped_speech_models`)."""

    name: str = Field(description="name@version, as in a SpeechAnalysis' model field")
    languages: list[str] = Field(description="ISO 639-1 codes of the languages spoken in its training data")
    corpora: list[str] = Field(description="the corpora it was trained on")
    commercial_use: bool = Field(description="whether its training data permits commercial use")
    profiles: list[str] = Field(description="the licence profiles that read voices with it")


class Info(BaseModel):
    version: str
    models: dict[str, str] = Field(description="the model of each task under the service's licence profile (speech: "
                                   "the one POST /v1/speech uses, which needs the speech extra)")
    labels: dict[str, list[str]]
    languages: dict[str, list[str]]
    speech_models: list[SpeechModelInfo] = Field(description="every shipped speech model, with its licence")
    limits: dict[str, int | float]


__all__ = [
    "AnalyzeRequest", "AnalyzeResponse", "CheckReplyRequest", "ConversationIn", "ConversationInfo",
    "ConversationOut", "CreateConversation", "GeneratedReply", "Health", "Info", "PlanBrief", "PlanRequest",
    "ReplyCheck", "RespondRequest", "ResponsePlan", "SafetyBrief", "SpeakerState", "SpeechModelInfo", "UtteranceIn",
    "UtteranceResult",
]
