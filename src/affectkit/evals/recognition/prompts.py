"""Prompts of the recognition benchmark (see :mod:`affectkit.evals.recognition`)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    pass


QUESTION = """Which emotions does the text below express? Choose one or more labels from this list:
{labels}
Use "neutral" only when the text expresses none of the other emotions."""
ANSWER_FORMAT = "Answer with the labels only, separated by commas."

# --- Prompt and parsing -----------------------------------------------------------------------------


def recognition_prompt(text: str, labels: Sequence[str], examples: Sequence[tuple[str, Sequence[str]]] = ()) -> str:
    """The prompt for one text; ``examples`` are (text, gold labels) demonstrations, shown in the given order.

    Example:
        >>> print(recognition_prompt("Yay!", ["joy", "neutral"], [("So happy for you", ["joy"])]))
        Which emotions does the text below express? Choose one or more labels from this list:
        joy, neutral
        Use "neutral" only when the text expresses none of the other emotions.
        <BLANKLINE>
        Examples:
        Text: So happy for you
        Emotions: joy
        <BLANKLINE>
        Text: Yay!
        <BLANKLINE>
        Answer with the labels only, separated by commas.
    """
    parts = [QUESTION.format(labels=", ".join(labels))]
    if examples:
        parts.append("Examples:\n" + "\n\n".join(f"Text: {t}\nEmotions: {', '.join(g)}" for t, g in examples))
    parts += [f"Text: {text}", ANSWER_FORMAT]
    return "\n\n".join(parts)
