"""Prompts of the emobench benchmark (see :mod:`affectkit.evals.emobench`)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from affectkit.evals._optional import HAVE_INSPECT
from affectkit.evals.emobench.dataset import LETTERS, EAItem, EUItem

if TYPE_CHECKING or HAVE_INSPECT:  # at run time too: inspect_ai reads the metrics' and scorers' type hints
    pass


def format_options(choices: Sequence[str]) -> str:
    """Choices as lettered lines.

    Example:
        >>> print(format_options(["Joy", "Anger"]))
        A. Joy
        B. Anger
    """
    return "\n".join(f"{LETTERS[i]}. {choice}" for i, choice in enumerate(choices))

# ---- prompts ----------------------------------------------------------------------------------------------------


def _chinese(language: str) -> bool:
    return language.lower().startswith("zh")


def eu_emotion_prompt(item: EUItem) -> str:
    """The first EU turn: scenario, emotion question, lettered options."""
    options = format_options(item.emotion.choices)
    if _chinese(item.language):
        return (
            f"场景：{item.scenario}\n\n问题：在这个场景中，{item.subject}最终会有什么情绪？\n\n选项：\n{options}\n\n"
            "请只回答一个选项的字母（例如：B）。"
        )
    return (
        f"Scenario: {item.scenario}\n\nQuestion: In this scenario, what emotion(s) would {item.subject} "
        f"ultimately feel?\n\nOptions:\n{options}\n\nAnswer with the letter of one option only (for example: B)."
    )


def eu_cause_prompt(item: EUItem, emotion: str | None) -> str:
    """The second EU turn: why the subject feels ``emotion`` (the model's own pick; ``None`` if it named none)."""
    options = format_options(item.cause.choices)
    if _chinese(item.language):
        feeling = f"感到“{emotion}”" if emotion else "有这样的情绪"
        return (
            f"问题：为什么{item.subject}在这个场景中会{feeling}？\n\n选项：\n{options}\n\n"
            "请只回答一个选项的字母（例如：B）。"
        )
    feeling = f"feel {emotion}" if emotion else "feel this way"
    return (
        f"Question: Why would {item.subject} {feeling} in this scenario?\n\nOptions:\n{options}\n\n"
        "Answer with the letter of one option only (for example: B)."
    )


def ea_prompt(item: EAItem) -> str:
    """The EA question: scenario, most effective action or response, lettered options."""
    options = format_options(item.question.choices)
    kind = item.question_type.strip().lower()
    if _chinese(item.language):
        what = "回应" if "response" in kind or "回应" in kind or "回复" in kind else "做法"
        return (
            f"场景：{item.scenario}\n\n问题：在这个场景中，{item.subject}最有效的{what}是什么？\n\n选项：\n{options}\n\n"
            "请只回答一个选项的字母（例如：B）。"
        )
    what = "response" if "response" in kind else "action" if "action" in kind else "choice"
    return (
        f"Scenario: {item.scenario}\n\nQuestion: In this scenario, what is the most effective {what} for "
        f"{item.subject}?\n\nOptions:\n{options}\n\nAnswer with the letter of one option only (for example: B)."
    )
