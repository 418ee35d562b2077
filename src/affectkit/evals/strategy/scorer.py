"""Answer parsing, scores, the inspect_ai metrics and scorer, and the report's headline metrics of the
strategy benchmark (see :mod:`affectkit.evals.strategy`)."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from affectkit.evals._metrics import parsed_answers
from affectkit.evals._optional import HAVE_INSPECT, metric, scorer
from affectkit.evals.headline import HeadlineMetric, f1, meta, one_label, parsed_prediction, ratio
from affectkit.metrics.strategy import strategy_report
from affectkit.planning.labels import STRATEGIES

if TYPE_CHECKING:
    from inspect_ai.scorer import Metric, SampleScore, Scorer, Target
    from inspect_ai.solver import TaskState
elif HAVE_INSPECT:  # inspect_ai resolves a metric's annotations at run time
    from inspect_ai.scorer import SampleScore


ALIASES = {
    "restatement": "Restatement or Paraphrasing",
    "paraphrasing": "Restatement or Paraphrasing",
    "paraphrase": "Restatement or Paraphrasing",
    "restatement/paraphrasing": "Restatement or Paraphrasing",
    "reflection": "Reflection of feelings",
    "self disclosure": "Self-disclosure",
    "affirmation": "Affirmation and Reassurance",
    "reassurance": "Affirmation and Reassurance",
    "affirmation & reassurance": "Affirmation and Reassurance",
    "suggestions": "Providing Suggestions",
    "providing suggestion": "Providing Suggestions",
    "suggestion": "Providing Suggestions",
    "other": "Others",
    "questions": "Question",
}
"""Short forms accepted when they are the whole answer (lower case)."""

PREFERENCE_KEYS = {name: "preference_" + re.sub(r"[^a-z]+", "_", name.lower()).strip("_") for name in STRATEGIES}
"""The metric name of each strategy's Bradley–Terry preference."""

def _clean(text: str) -> str:
    text = text.strip().strip("*_`'\"“”«».:;!()[]{} \t\n").strip()
    return re.sub(r"\s+", " ", text)


def parse_strategy(answer: str) -> str | None:
    """The ESConv strategy an answer names, or ``None``.

    In order: the whole answer (after an optional ``Answer:`` / ``Strategy:`` prefix, without quotes,
    brackets, markdown or a final period) is a strategy name in any letter case, its number ``1``–``8`` in
    :data:`~affectkit.planning.labels.STRATEGIES` order, or an alias in :data:`ALIASES`; the first line
    is; else exactly one strategy name (whole words, any case) occurs in the answer. Anything else —
    several names, no name — is ``None``.

    Example:
        >>> parse_strategy("**Providing suggestions**"), parse_strategy("Answer: 3."), parse_strategy("[Others]")
        ('Providing Suggestions', 'Reflection of feelings', 'Others')
        >>> parse_strategy("I am not sure.") is None
        True
    """
    by_lower = {name.lower(): name for name in STRATEGIES}
    text = answer.strip()
    candidates = [text]
    lines = [line for line in text.splitlines() if line.strip()]
    if lines:
        candidates += [lines[0], lines[-1]]
    for candidate in candidates:
        candidate = re.sub(r"^\s*(final\s+)?(answer|strategy)\s*[:\-]\s*", "", candidate, flags=re.IGNORECASE)
        cleaned = _clean(candidate).lower()
        if cleaned in by_lower:
            return by_lower[cleaned]
        if cleaned.isdigit() and 1 <= int(cleaned) <= len(STRATEGIES):
            return STRATEGIES[int(cleaned) - 1]
        if cleaned in ALIASES:
            return ALIASES[cleaned]
        numbered = re.match(r"^(\d)\s*[.)]\s*(.+)$", cleaned)
        if numbered and numbered.group(2) in by_lower:
            return by_lower[numbered.group(2)]
    found = {name for name in STRATEGIES if re.search(rf"(?<![\w-]){re.escape(name)}(?![\w-])", text, re.IGNORECASE)}
    return found.pop() if len(found) == 1 else None

@metric(scores="unreduced")
def strategy_metrics() -> Metric:
    """Accuracy, macro-F1, bias ``B``, each strategy's preference and the parse-failure rate.

    Reads ``gold`` and ``predicted`` (``None`` for an unparsed answer) from the score metadata; the
    strategy metrics are :func:`~affectkit.metrics.strategy.strategy_report` over the parsed answers and
    are absent when none parsed.
    """

    def compute(scores: list[SampleScore]) -> dict[str, float | None]:
        parsed, values = parsed_answers(scores)
        if not parsed:
            return values
        report = strategy_report([m["gold"] for m in parsed], [m["predicted"] for m in parsed])
        values.update(accuracy=report.accuracy, macro_f1=report.macro_f1, bias=report.bias)
        values.update({PREFERENCE_KEYS[name]: value for name, value in report.preferences.items()})
        return values

    return compute


@scorer(metrics=[strategy_metrics()])
def strategy_scorer() -> Scorer:
    """Parse the answer with :func:`parse_strategy`; ``C`` / ``I`` against the gold strategy, ``N`` if unparsed.

    The score metadata carry ``gold`` and ``predicted`` for :func:`strategy_metrics`.
    """

    from inspect_ai.scorer import CORRECT, INCORRECT, NOANSWER, Score

    async def score(state: TaskState, target: Target) -> Score:
        predicted = parse_strategy(state.output.completion)
        gold = target.text
        if predicted is None:
            value, explanation = NOANSWER, "no single strategy found in the answer"
        else:
            value, explanation = (CORRECT if predicted == gold else INCORRECT), f"gold {gold}, predicted {predicted}"
        return Score(value=value, answer=predicted, explanation=explanation,
                     metadata={"gold": gold, "predicted": predicted})

    return score


# ---- report -----------------------------------------------------------------------------------------------------


def headline_metrics() -> list[HeadlineMetric]:
    """The report's metrics of ``esc_strategy``: ``accuracy`` and ``macro_f1`` over the parsed answers,
    ``parse_failures``."""
    parsed = parsed_prediction
    return [
        ratio("accuracy", lambda r: float(parsed(r) and meta(r, "predicted") == meta(r, "gold")), parsed,
              description="over parsed answers"),
        ratio("parse_failures", lambda r: 1.0 - parsed(r), parse=True, higher_is_better=False),
        f1("macro_f1", lambda r: [str(meta(r, "gold"))], lambda r: one_label(meta(r, "predicted")),
           description="over parsed answers and the strategies present"),
    ]
