"""Request and response bodies of the HTTP API (kept apart from storage rows and from the library's types,
which the responses embed as they are: a ``TextAnalysis`` here is the CLI's JSONL object).

Example:
    >>> AnalyzeRequest(texts=["I love it"]).texts
    ['I love it']
"""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field

from affectkit.types import (
    ConversationAnalysis,
    GeneratedReply,
    Persona,
    ReplyCheck,
    ResponsePlan,
    RiskFlag,
    Shift,
    SpeakerSummary,
    TextAnalysis,
    TurnAnalysis,
    valid_unicode,
)

# Strings from JSON may hold lone surrogates ("\ud800"): replaced by U+FFFD, as the library does, so that every
# answer can be written as UTF-8.
Text = Annotated[str, AfterValidator(valid_unicode)]


def _no_nul(value: str) -> str:
    if "\x00" in value:
        raise ValueError("may not hold a NUL character (\\u0000)")
    return value


# Strings that are stored: PostgreSQL text cannot hold NUL.
Stored = Annotated[str, AfterValidator(valid_unicode), AfterValidator(_no_nul)]

NAME = Field(min_length=1, max_length=200)


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class AnalyzeRequest(_Strict):
    """Texts to analyse with the shipped text model (at most ``AFFECTKIT_MAX_BATCH_TEXTS``)."""

    texts: list[Text] = Field(min_length=1, description="the texts, each read on its own")


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
    analysis: ConversationAnalysis = Field(description="each turn's analysis in context, every flag, and the "
                                           "speakers' summaries after the latest turn")


class UtteranceResult(BaseModel):
    """What appending one utterance gave: its turn in context, its speaker's updated summary (trajectory, arc,
    shifts), the shifts and flags it raised, and the plan of the agent's next reply (``null`` when every turn
    so far is the agent's)."""

    conversation_id: str
    turns: int
    turn: TurnAnalysis
    summary: SpeakerSummary
    shifts: list[Shift]
    flags: list[RiskFlag]
    plan: ResponsePlan | None


class Health(BaseModel):
    status: str
    checks: dict[str, bool] = Field(default_factory=dict)


class Info(BaseModel):
    version: str
    models: dict[str, str]
    labels: dict[str, list[str]]
    languages: dict[str, list[str]]
    limits: dict[str, int | float]


__all__ = [
    "AnalyzeRequest", "AnalyzeResponse", "CheckReplyRequest", "ConversationIn", "ConversationInfo",
    "ConversationOut", "CreateConversation", "GeneratedReply", "Health", "Info", "PlanRequest", "ReplyCheck",
    "RespondRequest", "ResponsePlan", "UtteranceIn", "UtteranceResult",
]
