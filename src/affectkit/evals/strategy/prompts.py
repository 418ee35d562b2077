"""Prompts of the strategy benchmark (see :mod:`affectkit.evals.strategy`)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from affectkit.planning.labels import STRATEGIES

if TYPE_CHECKING:
    pass


SPEAKERS = {"usr": "Seeker", "sys": "Supporter"}
"""How the ESConv speaker codes are written in the prompt and in the ``conversation`` metadata."""

DESCRIPTIONS = {
    "Question": "ask something that helps the seeker say more about their problem or feelings",
    "Restatement or Paraphrasing": "say back, briefly and in other words, what the seeker has said",
    "Reflection of feelings": "name and mirror the feelings the seeker seems to have",
    "Self-disclosure": "share a similar experience of one's own and how one felt",
    "Affirmation and Reassurance": "affirm the seeker's strengths, efforts or ideas and give encouragement",
    "Providing Suggestions": "suggest a way to deal with the problem",
    "Information": "give useful facts, figures or resources",
    "Others": "anything else, such as greetings, small talk or thanks",
}
"""A one-line description of each strategy for the prompt (affectkit's wording)."""

INSTRUCTIONS = """Below is the beginning of an emotional-support conversation between a help seeker and a \
supporter.

{conversation}

Which support strategy should the supporter use in their next turn? The strategies are:
{options}

Answer with the name of one strategy only."""


def format_options() -> str:
    """The numbered strategy list of the prompt.

    Example:
        >>> format_options().splitlines()[0]
        '1. Question: ask something that helps the seeker say more about their problem or feelings'
    """
    return "\n".join(f"{i}. {name}: {DESCRIPTIONS[name]}" for i, name in enumerate(STRATEGIES, start=1))
