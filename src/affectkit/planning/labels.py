"""The labels of the strategy planner: the eight ESConv support strategies.

Example:
    >>> len(STRATEGIES), STRATEGIES[0]
    (8, 'Question')
"""

from __future__ import annotations

__all__ = ["STRATEGIES"]

STRATEGIES: tuple[str, ...] = (
    "Question",
    "Restatement or Paraphrasing",
    "Reflection of feelings",
    "Self-disclosure",
    "Affirmation and Reassurance",
    "Providing Suggestions",
    "Information",
    "Others",
)
"""The eight ESConv support strategies, in the canonical order used for every vector and matrix."""
