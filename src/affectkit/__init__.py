"""affectkit: understand, act on and measure emotion in text and conversations.

Example:
    >>> import affectkit
    >>> analysis = affectkit.analyze_one("I can't believe you remembered my birthday!")
    >>> analysis.labels[0] in analysis.emotions
    True
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from affectkit.conversation.turns import CauseModel, TurnModel
    from affectkit.types import Conversation, ConversationAnalysis, TextAnalysis

__version__ = "0.1.0"
__all__ = ["analyze", "analyze_one", "analyze_conversation", "__version__"]


def analyze(texts: Sequence[str], model: str = "goemotions-minilm@1") -> list[TextAnalysis]:
    """Analyse a batch of texts with the named recognizer (loaded once, then reused).

    Returns one :class:`~affectkit.types.TextAnalysis` per text, in input order.

    Example:
        >>> [a.labels[0] for a in analyze(["Thanks a lot!", "This is awful."])]
        ['gratitude', 'disgust']
    """
    from affectkit.recognizers import get_recognizer

    return get_recognizer(model).analyze(texts)


def analyze_one(text: str, model: str = "goemotions-minilm@1") -> TextAnalysis:
    """Analyse one text; see :func:`analyze`."""
    from affectkit.recognizers import get_recognizer

    return get_recognizer(model).analyze_one(text)


def analyze_conversation(
    conversation: Conversation | Mapping[str, Any] | Sequence[Any],
    turn_model: TurnModel | None = None,
    cause_model: CauseModel | None = None,
) -> ConversationAnalysis:
    """Analyse a conversation: each turn's emotion in context and its causes, each speaker's trajectory,
    arc and shifts, contagion between speakers, and risk flags (a signal for a person to review, not a
    diagnosis). See :func:`affectkit.conversation.analyze_conversation`.

    Example:
        >>> analysis = analyze_conversation({"id": "c1", "utterances": [
        ...     {"speaker": "Sam", "text": "My exam went badly."}, {"speaker": "Alex", "text": "I'm sorry."}]})
        >>> [t.index for t in analysis.turns], analysis.id
        ([0, 1], 'c1')
    """
    from affectkit.conversation.analyzer import analyze_conversation as analyze_turns

    return analyze_turns(conversation, turn_model, cause_model)
