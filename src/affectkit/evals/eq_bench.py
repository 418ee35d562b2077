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

import json
import math
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from affectkit.errors import AffectkitError
from affectkit.evals._metrics import parse_rate, score_dict
from affectkit.evals._optional import HAVE_INSPECT, metric, scorer, task

if TYPE_CHECKING or HAVE_INSPECT:  # at run time too: inspect_ai reads the metrics' and scorers' type hints
    from inspect_ai import Task
    from inspect_ai.log import EvalLog
    from inspect_ai.scorer import Metric, SampleScore, Score, Scorer, Target
    from inspect_ai.solver import TaskState

__all__ = [
    "ADJUST_CONST",
    "MIN_PARSE_RATE",
    "EqBenchItem",
    "EqBenchSummary",
    "ItemResult",
    "answer_section",
    "benchmark_score",
    "eq_bench_summary",
    "eq_bench_score",
    "eq_bench_scorer",
    "eq_intensity",
    "item_score",
    "load_eq_bench",
    "match_ratings",
    "parse_rate",
    "parse_ratings",
    "scaled_difference",
    "score_answer",
    "valid",
]

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
    r"(?P<name>[^\W\d_](?:[\w'’ -]*[^\W_])?)\s*\**\s*[:：]\s*\**\s*(?P<value>[-+]?\d+(?:\.\d+)?)(?!\.?\d)"
)


# ---- data -------------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class EqBenchItem:
    """One EQ-Bench question: ``reference`` maps the four emotions (as written, in order) to their scores."""

    id: str
    prompt: str
    reference: dict[str, float]


def load_eq_bench(path: str | Path) -> list[EqBenchItem]:
    """Read an EQ-Bench v2 question file (see the module docstring), with coded errors naming file and item.

    Example:
        >>> import json, pathlib, tempfile
        >>> ref = {"emotion1": "Calm", "emotion1_score": 3, "emotion2": "Sad", "emotion2_score": 6,
        ...        "emotion3": "Angry", "emotion3_score": 0, "emotion4": "Proud", "emotion4_score": 1}
        >>> path = pathlib.Path(tempfile.mkdtemp()) / "q.json"
        >>> _ = path.write_text(json.dumps({"7": {"prompt": "...", "reference_answer_fullscale": ref}}))
        >>> load_eq_bench(path)[0].reference
        {'Calm': 3.0, 'Sad': 6.0, 'Angry': 0.0, 'Proud': 1.0}
    """
    from affectkit.evals._data import resolve_data
    from affectkit.io import read_text_file

    source = str(path)
    path = resolve_data(path)
    try:
        content = json.loads(read_text_file(path))
    except json.JSONDecodeError as error:
        raise AffectkitError("AK-E004", f"not valid JSON: {error.msg}", source=source, line=error.lineno) from None
    if not isinstance(content, dict):
        raise AffectkitError("AK-E004", "expected a JSON object of items keyed by question id", source=source)
    items = [_eq_bench_item(str(key), value, source) for key, value in content.items()]
    if not items:
        raise AffectkitError("AK-E009", "the file holds no questions", source=source)
    return items


def _eq_bench_item(key: str, value: Any, source: str) -> EqBenchItem:
    where = f"{source}[{key}]"
    if not isinstance(value, dict):
        raise AffectkitError("AK-E005", "an item must be a JSON object", source=where)
    prompt = value.get("prompt")
    if prompt is None:
        raise AffectkitError("AK-E003", "missing field", source=where, field="prompt")
    if not isinstance(prompt, str):
        raise AffectkitError("AK-E005", "the prompt must be a string", source=where, field="prompt")
    answer = value.get("reference_answer_fullscale")
    if answer is None:
        raise AffectkitError("AK-E003", "missing field", source=where, field="reference_answer_fullscale")
    if not isinstance(answer, dict):
        raise AffectkitError("AK-E005", "must be an object", source=where, field="reference_answer_fullscale")
    reference: dict[str, float] = {}
    for index in range(1, 5):
        name_field, score_field = f"emotion{index}", f"emotion{index}_score"
        for name in (name_field, score_field):
            if name not in answer:
                raise AffectkitError(
                    "AK-E003", "missing field", source=where, field=f"reference_answer_fullscale.{name}"
                )
        name = answer[name_field]
        if not isinstance(name, str) or not name.strip():
            raise AffectkitError("AK-E005", "an emotion must be a non-empty string", source=where, field=name_field)
        try:
            reference[name.strip()] = float(answer[score_field])
        except (TypeError, ValueError):
            raise AffectkitError("AK-E005", "a score must be a number", source=where, field=score_field) from None
    if len({_norm(name) for name in reference}) != 4:
        raise AffectkitError(
            "AK-E005", "the four emotions must differ", source=where, field="reference_answer_fullscale"
        )
    return EqBenchItem(id=key, prompt=prompt, reference=reference)


# ---- parsing ----------------------------------------------------------------------------------------------------


def _norm(name: str) -> str:
    return " ".join(name.split()).casefold()


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
    """The pairs keyed by the reference emotion names, or ``None`` unless they are exactly those emotions, once each.

    Names match case-insensitively with whitespace trimmed and collapsed.

    Example:
        >>> match_ratings([("sad ", 5), ("ANGRY", 1)], ["Angry", "Sad"])
        {'Sad': 5, 'Angry': 1}
        >>> match_ratings([("Sad", 5), ("Sad", 4)], ["Angry", "Sad"]) is None
        True
        >>> match_ratings([("Sad", 5)], ["Angry", "Sad"]) is None
        True
    """
    if len(pairs) != len(emotions):
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


@task
def eq_intensity(data: str, temperature: float = 0.01) -> Task:
    """EQ-Bench v2 emotion intensity: one generation per question, scored by :func:`eq_bench_scorer`.

    Args:
        data: path to an EQ-Bench v2 question file (JSON object of items; see the module docstring).
        temperature: sampling temperature (EQ-Bench uses 0.01).

    Example:
        ``inspect eval affectkit/eq_intensity -T data=questions.json --model openai-api/local/my-model``
    """
    from inspect_ai.dataset import MemoryDataset, Sample
    from inspect_ai.model import GenerateConfig
    from inspect_ai.solver import generate

    items = load_eq_bench(data)
    samples = [
        Sample(
            id=item.id,
            input=item.prompt,
            target=", ".join(f"{name}: {value:g}" for name, value in item.reference.items()),
            metadata={"reference": item.reference},
        )
        for item in items
    ]
    return Task(
        dataset=MemoryDataset(samples, name=Path(data).stem, location=str(data)),
        solver=generate(),
        scorer=eq_bench_scorer(),
        config=GenerateConfig(temperature=temperature),
        metadata={"benchmark": "EQ-Bench v2", "data": str(data), "validity_rule": VALIDITY_NOTE},
        version=1,
    )
