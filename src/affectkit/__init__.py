"""affectkit: understand, act on and measure emotion in text and conversations.

Example:
    >>> import affectkit
    >>> analysis = affectkit.analyze_one("I can't believe you remembered my birthday!")
    >>> analysis.labels[0] in analysis.emotions
    True
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from affectkit.types import TextAnalysis

__version__ = "0.1.0"
__all__ = ["analyze", "analyze_one", "__version__"]


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
