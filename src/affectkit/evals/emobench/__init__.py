"""EmoBench tasks: emotional understanding (``affectkit/emobench_eu``) and application (``affectkit/emobench_ea``).

Data: EmoBench's JSONL files, one item per line.

- EU: ``qid, language, coarse_category, finegrained_category, scenario, subject, emotion_choices, emotion_label,
  cause_choices, cause_label``. Two turns: the model picks the emotion the subject feels, then, in the same chat,
  why the subject feels the emotion it picked.
- EA: ``qid, language, category, question type, scenario, subject, choices, label``. One turn: the most effective
  action or response.

Labels are choice texts. Choices are shown as lettered options, shuffled per item with a fixed seed (task argument
``seed``, default 42; ``shuffle=false`` keeps the file's order), so a model's preference for a position shows up
in the position-bias metrics instead of in the accuracy. Answers are parsed by letter or by choice text
(:func:`parse_choice`); an answer that names no single option is *unparsed*: it counts as not correct in the
accuracies and is reported by the parse-rate metrics, never silently.

Metrics in the inspect log (``log.results.scores[0].metrics``):

- EU: ``emotion_accuracy``, ``cause_accuracy``, ``both_accuracy``; the same per coarse category
  (``emotion_accuracy[category=complex_emotions]``) and per language (``emotion_accuracy[language=en]``);
  ``emotion_parse_rate``, ``cause_parse_rate``; ``emotion_accuracy_parsed``, ``cause_accuracy_parsed`` (over
  parsed answers only); position bias per question (see :func:`position_bias`): ``emotion_chosen_A``,
  ``emotion_gold_A``, ``emotion_accuracy_gold_A`` .. and ``emotion_position_bias``, likewise ``cause_*``.
- EA: ``accuracy``, ``accuracy[category=...]``, ``accuracy[question_type=...]``, ``accuracy[language=...]``,
  ``parse_rate``, ``accuracy_parsed``, ``chosen_A``, ``gold_A``, ``accuracy_gold_A`` .. and ``position_bias``.

Example (pure functions, no inspect_ai needed):
    >>> parse_choice("**B**. Anger", ["Joy", "Anger", "Fear"])
    1
    >>> parse_choice("I think she feels fear.", ["Joy", "Anger", "Fear"])
    2
    >>> parse_choice("Joy or anger, hard to say", ["Joy", "Anger", "Fear"]) is None
    True

Run it: ``inspect eval affectkit/emobench_eu -T data=EU.jsonl --model openai-api/local/my-model``.
"""

from __future__ import annotations

from affectkit.evals.emobench.dataset import (
    LETTERS,
    ChoiceQuestion,
    EAItem,
    EUItem,
    load_emobench_ea,
    load_emobench_eu,
    shuffle_choices,
)
from affectkit.evals.emobench.prompts import ea_prompt, eu_cause_prompt, eu_emotion_prompt, format_options
from affectkit.evals.emobench.scorer import (
    both_accuracy,
    cause_accuracy,
    ea_accuracy,
    ea_headline_metrics,
    ea_parsing,
    ea_position_bias,
    emobench_ea_scorer,
    emobench_eu_scorer,
    emotion_accuracy,
    eu_headline_metrics,
    eu_parsing,
    eu_position_bias,
    parse_choice,
    position_bias,
)
from affectkit.evals.emobench.task import emobench_ea, emobench_eu, emotion_then_cause
from affectkit.evals.registry import EvalTask

__all__ = [
    "LETTERS",
    "TASKS",
    "ChoiceQuestion",
    "EAItem",
    "EUItem",
    "both_accuracy",
    "cause_accuracy",
    "ea_accuracy",
    "ea_headline_metrics",
    "ea_parsing",
    "ea_position_bias",
    "ea_prompt",
    "emobench_ea",
    "emobench_ea_scorer",
    "emobench_eu",
    "emobench_eu_scorer",
    "emotion_accuracy",
    "emotion_then_cause",
    "eu_cause_prompt",
    "eu_emotion_prompt",
    "eu_headline_metrics",
    "eu_parsing",
    "eu_position_bias",
    "format_options",
    "load_emobench_ea",
    "load_emobench_eu",
    "parse_choice",
    "position_bias",
    "shuffle_choices",
]

TASKS = (
    EvalTask("emobench_eu", emobench_eu, headline=eu_headline_metrics),
    EvalTask("emobench_ea", emobench_ea, headline=ea_headline_metrics),
)
"""This benchmark's tasks, declared once (see :mod:`affectkit.evals.registry`)."""
