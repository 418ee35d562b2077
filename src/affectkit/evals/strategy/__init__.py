"""``esc_strategy``: which ESConv support strategy should the supporter use next? Asked of the model under test.

One sample per supporter turn that carries a strategy in an ESConv split (Liu et al., ACL 2021): the
conversation before that turn as text (``Seeker:`` / ``Supporter:`` lines; empty for the opening turn), the
eight strategies as numbered options with a one-line description each, and the question. The gold answer
is the strategy the human supporter used.

The answer is parsed by :func:`parse_strategy` (the strategy name in any letter case, its number, a short
alias such as ``Paraphrasing``, or one single strategy name mentioned in a longer reply). The metrics,
computed by :func:`affectkit.metrics.strategy.strategy_report` over every parsed answer of the run
(all epochs), are:

* ``accuracy`` and ``macro_f1`` (over the strategies present in gold or predictions);
* ``bias`` — the bias ``B`` of Kang et al. (ACL 2024): the spread of the Bradley–Terry preferences;
* ``preference_<strategy>`` — each strategy's Bradley–Terry preference (``preference_question``,
  ``preference_restatement_or_paraphrasing``, …, see :data:`PREFERENCE_KEYS`), 1 for no preference;
* ``parse_failures`` — the fraction of answers that named no strategy. They are left out of the other
  metrics (never counted as some strategy), so read the two together.

Run it::

    inspect eval affectkit/esc_strategy -T data=../shared/data/esconv -T limit_dialogues=20 --model <model>

Example:
    >>> parse_strategy("I would go with Reflection of feelings.")
    'Reflection of feelings'
    >>> parse_strategy("7") , parse_strategy("maybe a question, or some information?")
    ('Information', None)
"""

from __future__ import annotations

from affectkit.evals.registry import EvalTask
from affectkit.evals.strategy.dataset import dialogue_samples, esconv_dataset
from affectkit.evals.strategy.prompts import DESCRIPTIONS, INSTRUCTIONS, SPEAKERS, format_options
from affectkit.evals.strategy.scorer import (
    ALIASES,
    PREFERENCE_KEYS,
    headline_metrics,
    parse_strategy,
    strategy_metrics,
    strategy_scorer,
)
from affectkit.evals.strategy.task import esc_strategy

__all__ = [
    "ALIASES",
    "DESCRIPTIONS",
    "INSTRUCTIONS",
    "PREFERENCE_KEYS",
    "SPEAKERS",
    "TASKS",
    "dialogue_samples",
    "esc_strategy",
    "esconv_dataset",
    "format_options",
    "parse_strategy",
    "strategy_metrics",
    "strategy_scorer",
]

TASKS = (
    EvalTask("esc_strategy", esc_strategy, headline=headline_metrics),
)
"""This benchmark's tasks, declared once (see :mod:`affectkit.evals.registry`)."""
