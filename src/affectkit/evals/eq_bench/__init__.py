"""EQ-Bench v2 emotion-intensity task (``affectkit/eq_intensity``): pure parser and scores, then the inspect_ai task.

Data: a JSON object of items (EQ-Bench v2 format), each with a ``prompt`` (a dialogue, then four emotions a
character may feel, to rate 0-10) and a ``reference_answer_fullscale`` holding ``emotion1`` .. ``emotion4`` and
``emotion1_score`` .. ``emotion4_score``.

Scoring (as in the EQ-Bench v2 reference implementation):

- the answer's ``Name: number`` pairs are read from its ``Revised scores:`` section when it has one (the prompt
  asks for first-pass scores, a critique, then revised scores), else from the ``First pass scores:`` section,
  else from the whole text; names match the reference emotions case-insensitively, trimmed;
- an item is *unparseable* unless exactly the four reference emotions come back, each once. Unparseable items are
  left out of the score and counted by ``parse_rate``, never scored 0;
- per emotion, ``d = |answer - reference|`` and the scaled difference is ``0`` for ``d = 0``,
  ``6.5 / (1 + e^(-1.2 (d - 4)))`` for ``0 < d <= 5`` and ``d`` above 5; the item score is
  ``10 - 0.7477 * sum of the four scaled differences`` (a perfect answer scores 10, random answers about 0);
- the benchmark score is ``10 *`` the mean item score over the parseable items, a 0-100 figure: the reference
  implementation reports ``100 * (sum of item scores / parseable items / 10)``, which is the same number;
- the run is *invalid* when fewer than 83.33% of the items parse (metric ``valid`` = 0 and a logged warning).

Metrics in the inspect log (``log.results.scores[0].metrics``): ``eq_bench_score``, ``parse_rate``, ``valid``.

Example (pure functions, no inspect_ai needed):
    >>> reference = {"Surprised": 2, "Angry": 7, "Relieved": 0, "Embarrassed": 5}
    >>> result = score_answer("Revised scores:\\nSurprised: 2\\nAngry: 7\\nRelieved: 0\\nEmbarrassed: 5", reference)
    >>> result.score, result.section
    (10.0, 'revised')
    >>> summary = benchmark_score([result.score, None])
    >>> summary.score, summary.parse_rate, summary.valid
    (100.0, 0.5, False)

Run it: ``inspect eval affectkit/eq_intensity -T data=questions.json --model openai-api/local/my-model``.
"""

from __future__ import annotations

from affectkit.evals._metrics import parse_rate
from affectkit.evals.eq_bench.dataset import EqBenchItem, load_eq_bench
from affectkit.evals.eq_bench.scorer import (
    ADJUST_CONST,
    MIN_PARSE_RATE,
    VALIDITY_NOTE,
    EqBenchSummary,
    ItemResult,
    answer_section,
    benchmark_score,
    eq_bench_score,
    eq_bench_scorer,
    eq_bench_summary,
    headline_metrics,
    item_score,
    match_ratings,
    parse_ratings,
    report_notes,
    scaled_difference,
    score_answer,
    valid,
)
from affectkit.evals.eq_bench.task import eq_intensity
from affectkit.evals.registry import EvalTask

__all__ = [
    "ADJUST_CONST",
    "MIN_PARSE_RATE",
    "TASKS",
    "VALIDITY_NOTE",
    "EqBenchItem",
    "EqBenchSummary",
    "ItemResult",
    "answer_section",
    "benchmark_score",
    "eq_bench_score",
    "eq_bench_scorer",
    "eq_bench_summary",
    "eq_intensity",
    "headline_metrics",
    "item_score",
    "load_eq_bench",
    "match_ratings",
    "parse_rate",
    "parse_ratings",
    "report_notes",
    "scaled_difference",
    "score_answer",
    "valid",
]

TASKS = (
    EvalTask("eq_intensity", eq_intensity, headline=headline_metrics, notes=report_notes),
)
"""This benchmark's tasks, declared once (see :mod:`affectkit.evals.registry`)."""
