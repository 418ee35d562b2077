"""Answer parsing, scores, the inspect_ai metrics and scorer, and the report's headline metrics of the
eq_bench benchmark (see :mod:`affectkit.evals.eq_bench`)."""

from __future__ import annotations

import math
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from affectkit.evals._metrics import parse_rate, score_dict
from affectkit.evals._optional import HAVE_INSPECT, metric, scorer
from affectkit.evals.eq_bench.dataset import _norm
from affectkit.evals.headline import HeadlineMetric, key_value, ratio

if TYPE_CHECKING:
    from affectkit.evals._report_model import Cell

if TYPE_CHECKING or HAVE_INSPECT:  # at run time too: inspect_ai reads the metrics' and scorers' type hints
    from inspect_ai.log import EvalLog
    from inspect_ai.scorer import Metric, SampleScore, Score, Scorer, Target
    from inspect_ai.solver import TaskState


ADJUST_CONST = 0.7477
"""Weight of the summed scaled differences; chosen by EQ-Bench so that random answers score about 0."""

MIN_PARSE_RATE = 0.8333
"""Below this share of parseable answers an EQ-Bench run is invalid (EQ-Bench's 83.33% rule)."""

VALIDITY_NOTE = (
    "EQ-Bench v2: eq_bench_score = 10 x mean item score over parseable answers (0-100); a run with "
    f"parse_rate < {MIN_PARSE_RATE} is invalid (metric valid = 0) and its score must not be reported."
)

_REVISED = re.compile(r"revised\s+scores?\s*\**\s*[:：]", re.IGNORECASE)
_FIRST_PASS = re.compile(r"first[\s-]*pass\s+scores?\s*\**\s*[:：]", re.IGNORECASE)
_CRITIQUE = re.compile(r"^[\W_]*critique\s*\**\s*[:：]", re.IGNORECASE | re.MULTILINE)
# A name (letters first; words, spaces, hyphens, apostrophes inside; one line), an optional markdown "**",
# a colon, then a number: "Surprised: 5", "- **Angry**: 7", "1. Relieved : 0.5".
_PAIR = re.compile(
    r"(?P<name>[^\W\d_](?:[\w'’ -]*[^\W_])?)\s*\**\s*[:：]\s*\**\s*(?P<value>[-+]?\d+(?:\.\d+)?)(?!\.?\d|[eE][-+]?\d)"
)

# ---- parsing ----------------------------------------------------------------------------------------------------

def answer_section(text: str) -> tuple[str, str]:
    """The part of an answer that holds the final scores, and which part it is.

    ``("revised", text after the last "Revised scores:" heading)`` when there is one; else
    ``("first_pass", text after "First pass scores:" up to a "Critique:" heading)``; else ``("whole", text)``.

    Example:
        >>> answer_section("First pass scores:\\nSad: 3\\nCritique: too low\\nRevised scores:\\nSad: 5")
        ('revised', '\\nSad: 5')
        >>> answer_section("First pass scores:\\nSad: 3\\nCritique: too low")
        ('first_pass', '\\nSad: 3\\n')
        >>> answer_section("Sad: 3")
        ('whole', 'Sad: 3')
    """
    revised = list(_REVISED.finditer(text))
    if revised:
        return "revised", text[revised[-1].end() :]
    first = list(_FIRST_PASS.finditer(text))
    if first:
        section = text[first[-1].end() :]
        critique = _CRITIQUE.search(section)
        return "first_pass", section[: critique.start()] if critique else section
    return "whole", text


def parse_ratings(text: str) -> list[tuple[str, float]]:
    """The ``Name: number`` pairs of an answer's final section (see :func:`answer_section`), in order.

    Names are trimmed but otherwise kept as written; markdown bold and list markers are tolerated.

    Example:
        >>> parse_ratings("First pass scores:\\nSad: 3\\nAngry: 1\\n\\nRevised scores:\\n- **Sad**: 5\\nAngry: 0.5")
        [('Sad', 5.0), ('Angry', 0.5)]
    """
    _, section = answer_section(text)
    return [(match["name"].strip(), float(match["value"])) for match in _PAIR.finditer(section)]


def match_ratings(pairs: Sequence[tuple[str, float]], emotions: Sequence[str]) -> dict[str, float] | None:
    """The pairs keyed by the reference emotion names, or ``None`` unless they are exactly those emotions, once each,
    each rated on the asked 0-10 scale (a rating outside it is no answer to the question, and one such number could
    otherwise sink the whole score).

    Names match case-insensitively with whitespace trimmed and collapsed.

    Example:
        >>> match_ratings([("sad ", 5), ("ANGRY", 1)], ["Angry", "Sad"])
        {'Sad': 5, 'Angry': 1}
        >>> match_ratings([("Sad", 5), ("Sad", 4)], ["Angry", "Sad"]) is None
        True
        >>> match_ratings([("Sad", 5)], ["Angry", "Sad"]) is None
        True
        >>> match_ratings([("Sad", 80), ("Angry", 1)], ["Angry", "Sad"]) is None
        True
    """
    if len(pairs) != len(emotions) or not all(0.0 <= value <= 10.0 for _, value in pairs):
        return None
    wanted = {_norm(emotion): emotion for emotion in emotions}
    matched: dict[str, float] = {}
    for name, value in pairs:
        emotion = wanted.get(_norm(name))
        if emotion is None or emotion in matched:
            return None
        matched[emotion] = value
    return matched


# ---- scoring ----------------------------------------------------------------------------------------------------


def scaled_difference(d: float) -> float:
    """EQ-Bench v2's penalty for being ``d`` points off: 0 at 0, an S-curve up to 5, then ``d`` itself.

    Example:
        >>> [round(scaled_difference(d), 4) for d in (0, 1, 2, 4, 5, 6)]
        [0.0, 0.1729, 0.5406, 3.25, 4.9954, 6.0]
    """
    d = abs(d)
    if d == 0:
        return 0.0
    if d <= 5:
        return 6.5 / (1 + math.exp(-1.2 * (d - 4)))
    return float(d)


def item_score(answer: Mapping[str, float], reference: Mapping[str, float]) -> float:
    """One item's score, ``10 - 0.7477 * sum(scaled_difference(|answer - reference|))``; 10 is a perfect answer.

    ``answer`` must hold exactly the reference emotions (as returned by :func:`match_ratings`).

    Example:
        >>> ref = {"Sad": 5, "Angry": 2, "Calm": 0, "Proud": 8}
        >>> round(item_score({"Sad": 6, "Angry": 0, "Calm": 0, "Proud": 2}, ref), 4)  # d = 1, 2, 0, 6
        4.9803
    """
    if set(answer) != set(reference):
        raise ValueError(f"the answer's emotions {sorted(answer)} are not the reference's {sorted(reference)}")
    tally = sum(scaled_difference(float(answer[name]) - float(reference[name])) for name in reference)
    return 10 - ADJUST_CONST * tally


@dataclass(frozen=True)
class ItemResult:
    """The outcome for one answer: ``score`` is ``None`` when the answer is unparseable (``reason`` says why)."""

    score: float | None
    section: str
    ratings: dict[str, float] | None = None
    pairs: list[tuple[str, float]] = field(default_factory=list)
    reason: str | None = None

    @property
    def parsed(self) -> bool:
        return self.score is not None


def score_answer(text: str, reference: Mapping[str, float]) -> ItemResult:
    """Parse a model's answer and score it against the reference ratings.

    Example:
        >>> ref = {"Sad": 5, "Angry": 2, "Calm": 0, "Proud": 8}
        >>> score_answer("Sad: 5\\nAngry: 2\\nCalm: 0\\nProud: 8", ref).score
        10.0
        >>> score_answer("Sad: 5\\nAngry: 2\\nCalm: 0", ref).reason
        'expected exactly the 4 emotions Sad, Angry, Calm, Proud; got Sad, Angry, Calm'
    """
    section, _ = answer_section(text)
    pairs = parse_ratings(text)
    ratings = match_ratings(pairs, list(reference))
    if ratings is None:
        if not pairs:
            reason = f"no 'Name: number' pairs in the {section} section"
        else:
            got = ", ".join(name for name, _ in pairs)
            reason = f"expected exactly the {len(reference)} emotions {', '.join(reference)}; got {got}"
        return ItemResult(score=None, section=section, pairs=pairs, reason=reason)
    return ItemResult(score=item_score(ratings, reference), section=section, ratings=ratings, pairs=pairs)


@dataclass(frozen=True)
class EqBenchSummary:
    """A run's result: ``score`` (0-100, NaN when nothing parsed), ``parse_rate`` and ``valid``."""

    score: float
    parse_rate: float
    valid: bool
    n_items: int
    n_parsed: int

    @property
    def note(self) -> str:
        if self.valid:
            return f"valid: {self.n_parsed}/{self.n_items} answers parsed"
        return (
            f"INVALID run: only {self.n_parsed}/{self.n_items} answers parsed ({self.parse_rate:.2%} < "
            f"{MIN_PARSE_RATE:.2%}); do not report its eq_bench_score"
        )


def benchmark_score(item_scores: Sequence[float | None]) -> EqBenchSummary:
    """The benchmark result from item scores, ``None`` (or NaN) marking an unparseable item.

    ``score = 10 * mean(parseable item scores)``; ``parse_rate = parseable / all``; valid when
    ``parse_rate >= 0.8333``.

    Example:
        >>> s = benchmark_score([10.0, 4.980313817771465, None])
        >>> round(s.score, 2), round(s.parse_rate, 4), s.valid   # 10 * (10 + 4.9803) / 2
        (74.9, 0.6667, False)
        >>> benchmark_score([10.0] * 5 + [None]).valid               # 5/6 = 83.33% parse
        True
    """
    parsed = [float(s) for s in item_scores if s is not None and not math.isnan(s)]
    n_items = len(item_scores)
    rate = len(parsed) / n_items if n_items else 0.0
    score = 10 * sum(parsed) / len(parsed) if parsed else float("nan")
    return EqBenchSummary(
        score=score,
        parse_rate=rate,
        valid=bool(n_items) and rate >= MIN_PARSE_RATE,
        n_items=n_items,
        n_parsed=len(parsed),
    )


# ---- inspect_ai -------------------------------------------------------------------------------------------------


def _summary(scores: list[SampleScore]) -> EqBenchSummary:
    items: list[float | None] = []
    for sample_score in scores:
        value = score_dict(sample_score)
        parsed = value.get("parsed")
        item = value.get("item_score")
        ok = isinstance(parsed, int | float) and parsed > 0 and isinstance(item, int | float)
        items.append(float(item) if ok and isinstance(item, int | float) else None)
    return benchmark_score(items)


@metric
def eq_bench_score() -> Metric:
    """EQ-Bench v2 score: 10 x the mean item score over the parseable answers (0-100; NaN if none parsed)."""

    def compute(scores: list[SampleScore]) -> float:
        return _summary(scores).score

    return compute


@metric
def valid() -> Metric:
    """1 when the run is valid (``parse_rate >= 0.8333``), else 0: then ``eq_bench_score`` must not be reported."""

    def compute(scores: list[SampleScore]) -> float:
        return 1.0 if _summary(scores).valid else 0.0

    return compute


@scorer(metrics=[eq_bench_score(), parse_rate(), valid()], validity_rule=VALIDITY_NOTE)
def eq_bench_scorer() -> Scorer:
    """Score each answer against ``metadata["reference"]`` (see :func:`score_answer`).

    The score value is ``{"item_score": float, "parsed": 1}``, or ``{"item_score": NaN, "parsed": 0}`` for an
    unparseable answer (left out of ``eq_bench_score``, counted by ``parse_rate``).
    """

    async def score(state: TaskState, target: Target) -> Score:
        reference: dict[str, float] = state.metadata["reference"]
        result = score_answer(state.output.completion, reference)
        metadata: dict[str, Any] = {"section": result.section, "pairs": [list(pair) for pair in result.pairs]}
        if result.score is None:
            return Score(
                value={"item_score": float("nan"), "parsed": 0},
                answer=None,
                explanation=f"unparseable: {result.reason}",
                metadata={**metadata, "reason": result.reason},
            )
        ratings = result.ratings or {}
        differences = {name: abs(ratings[name] - reference[name]) for name in reference}
        return Score(
            value={"item_score": result.score, "parsed": 1},
            answer=", ".join(f"{name}: {ratings[name]:g}" for name in reference),
            explanation=f"item score {result.score:.4f} from differences "
            + ", ".join(f"{name} {d:g}" for name, d in differences.items()),
            metadata={**metadata, "ratings": ratings, "differences": differences},
        )

    return score


def eq_bench_summary(log: EvalLog) -> EqBenchSummary:
    """The :class:`EqBenchSummary` of a finished ``eq_intensity`` run, read from its inspect log.

    ``summary.note`` says plainly whether the run is valid, e.g. for a report or a CI check::

        log = inspect_ai.eval("affectkit/eq_intensity", task_args={"data": path}, model=...)[0]
        print(eq_bench_summary(log).note)
    """
    if log.results is None:
        raise ValueError(f"the log has no results (status {log.status!r})")
    for eval_score in log.results.scores:
        metrics = eval_score.metrics
        if "eq_bench_score" in metrics and "parse_rate" in metrics:
            n_items = eval_score.scored_samples if eval_score.scored_samples is not None else log.results.total_samples
            rate = metrics["parse_rate"].value
            return EqBenchSummary(
                score=metrics["eq_bench_score"].value,
                parse_rate=rate,
                valid=bool(n_items) and rate >= MIN_PARSE_RATE,
                n_items=n_items,
                n_parsed=round(rate * n_items),
            )
    raise ValueError("the log has no eq_bench_score metric (is it an affectkit/eq_intensity run?)")


# ---- report -----------------------------------------------------------------------------------------------------


def headline_metrics() -> list[HeadlineMetric]:
    """The report's metrics of ``eq_intensity``: ``eq_bench_score`` (10 x mean item score over parsed answers) and
    ``parse_rate``."""
    return [
        ratio("eq_bench_score", lambda r: key_value(r, "item_score") if key_value(r, "parsed") else 0.0,
              lambda r: key_value(r, "parsed"), scale=10.0, description="10 x mean item score over parsed answers"),
        ratio("parse_rate", lambda r: key_value(r, "parsed"), parse=True, description="share of parsed answers"),
    ]


def report_notes(cell: Cell) -> list[str]:
    """A report cell's note when its parse rate breaks EQ-Bench's validity rule."""
    rate = cell.metric("parse_rate")
    if rate is not None and rate.value is not None and rate.value < MIN_PARSE_RATE:
        return [f"INVALID by EQ-Bench's rule: parse_rate {rate.value:.2%} < {MIN_PARSE_RATE:.2%}; "
                "do not report its eq_bench_score"]
    return []
