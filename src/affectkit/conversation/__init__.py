"""Conversations: emotions in context, their causes, each speaker's trajectory, and distress signals.

* :func:`analyze_conversation` analyses a whole conversation; :class:`ConversationTracker` does the same one
  utterance at a time and agrees exactly with it after the last turn;
* :func:`read_conversation` reads ``.json``, ``.jsonl``, ``.csv`` and ``Speaker: text`` transcripts;
* :class:`TurnModel` and :class:`CauseModel` are the pluggable interfaces for the models (defaults:
  :class:`TextTurnModel`, :class:`HeuristicCauseModel`);
* :func:`render_html` and :func:`format_table` present an analysis.

Risk flags (read by :mod:`affectkit.risk`) are a signal for a person or an escalation path to review, not a
diagnosis.

Example:
    >>> from affectkit.conversation import analyze_conversation
    >>> analysis = analyze_conversation([{"speaker": "Sam", "text": "I got the job!"},
    ...                                  {"speaker": "Alex", "text": "That's wonderful news!"}])
    >>> [t.speaker for t in analysis.turns]
    ['Sam', 'Alex']
"""

from __future__ import annotations

from affectkit.conversation.analyzer import ConversationTracker, analyze_conversation
from affectkit.conversation.causes import HeuristicCauseModel
from affectkit.conversation.io import parse_conversation, read_conversation
from affectkit.conversation.report import format_table, render_html
from affectkit.conversation.turns import (
    CauseModel,
    IncrementalTurnModel,
    TextTurnModel,
    TurnModel,
    TurnPrediction,
)

__all__ = [
    "CauseModel",
    "ConversationTracker",
    "HeuristicCauseModel",
    "IncrementalTurnModel",
    "TextTurnModel",
    "TurnModel",
    "TurnPrediction",
    "analyze_conversation",
    "format_table",
    "parse_conversation",
    "read_conversation",
    "render_html",
]
