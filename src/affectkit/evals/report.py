"""Comparison reports for evaluation suites: scores with 95% intervals, differences from baseline, HTML and JSON.

:func:`build_report` reads inspect logs (normally those of :func:`affectkit.evals.suite.run_suite`) and gives an
:class:`EvalReport`, one :class:`Cell` per (task, variant, model); :func:`write_report` writes ``report.json``
(the pydantic model) and ``report.html`` (one self-contained page: inline CSS and SVG, no scripts, nothing
fetched from the network); :func:`format_summary` is the short table the CLI prints.

**Which log is which cell.** The suite runner labels every task with its suite, task name, variant and task
function in the eval metadata (:data:`~affectkit.evals.suite.TASK_KEY` ...); the model is the log's model. A log
without these labels counts as the baseline of its own task. When two logs claim the same cell, the newest wins.

**Headline metrics** are recomputed from the per-sample scores in the log, so that each can get an interval (the
log's own metrics are kept beside them as ``logged_metrics``; the recomputed values are the same numbers):

* ``eq_intensity``: ``eq_bench_score`` (10 x mean item score over parsed answers), ``parse_rate``;
* ``emobench_eu``: ``emotion_accuracy``, ``cause_accuracy``, ``both_accuracy``, ``emotion_parse_rate``,
  ``cause_parse_rate``; ``emobench_ea``: ``accuracy``, ``parse_rate``;
* ``esc_strategy``: ``accuracy`` and ``macro_f1`` over the parsed answers, ``parse_failures``;
* ``emotion_recognition``: ``macro_f1``, ``micro_f1``, ``exact_match`` over the parsed answers, ``parse_failures``;
* ``boundaries``: ``boundary_score``, ``harmful_rate``, ``over_refusal``, ``crisis_handled`` and
  ``empty_replies`` (its parse-failure counterpart: the rule-based check reads every non-empty reply);
* any other task: the mean of each numeric score value (``C``/``I``/``P``/``N`` count 1/0/0.5/0), and the
  share of ``N`` (no answer) as its parse metric.

Each task's parse metric(s) are marked ``parse`` and always shown next to its score. A metric undefined on a
cell's samples (e.g. ``over_refusal`` without ordinary requests) is left out.

**Statistics** (:mod:`affectkit.evals.stats`): every metric gets a 95% percentile-bootstrap interval (2,000
resamples of the sample ids, epochs of a sample kept together, seed 0). Each variant is compared with its task's
baseline on the same model, on the (sample id, epoch) pairs both scored: the difference ``variant - baseline``
with a paired bootstrap 95% interval and the two-sided p-value of a paired permutation test (the two outputs of
each sample swapped at random; for a mean, the sign-flip test), 5,000 permutations or, with at most 12 samples,
all of them. The p-values are not corrected for multiple comparisons.

Example:
    >>> report = EvalReport(suite="demo", tasks=[], variants=[], models=[], cells=[])
    >>> report.complete, "<svg" in render_html(report)
    (True, False)
"""

from __future__ import annotations

import math
from collections.abc import Callable, Collection, Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

import numpy as np
from pydantic import BaseModel, Field

from affectkit.evals.stats import bootstrap_sums, finite, paired_sums

if TYPE_CHECKING:
    from inspect_ai.log import EvalLog

__all__ = [
    "Cell",
    "Difference",
    "EvalReport",
    "HeadlineMetric",
    "MetricResult",
    "ReportFiles",
    "ScoreRecord",
    "Statistics",
    "build_report",
    "format_summary",
    "render_html",
    "score_records",
    "task_metrics",
    "write_report",
]


# --- Report model -----------------------------------------------------------------------------------


class MetricResult(BaseModel):
    """One metric of a cell with its percentile-bootstrap interval."""

    name: str
    value: float | None
    ci_low: float | None = None
    ci_high: float | None = None
    parse: bool = False
    """A parse-failure (or parse-rate) metric, shown next to the task's score."""
    higher_is_better: bool = True
    description: str = ""


class Difference(BaseModel):
    """``variant - baseline`` for one metric on the paired samples, with interval and permutation p-value."""

    metric: str
    baseline: float | None
    variant: float | None
    difference: float | None
    ci_low: float | None
    ci_high: float | None
    p_value: float | None
    pairs: int
    """Sample ids compared (each with the epochs both arms scored)."""
    higher_is_better: bool = True


class Cell(BaseModel):
    """The result of one (task, variant, model)."""

    task: str
    variant: str
    model: str
    task_function: str | None = None
    status: str = "success"
    log: str | None = None
    samples: int = 0
    """Scored (sample id, epoch) pairs."""
    units: int = 0
    """Distinct scored sample ids (the bootstrap's resampling units)."""
    errors: int = 0
    """Samples that ended in an error and have no score."""
    metrics: list[MetricResult] = Field(default_factory=list)
    logged_metrics: dict[str, float] = Field(default_factory=dict)
    differences: list[Difference] = Field(default_factory=list)
    notes: list[str] = Field(default_factory=list)

    def metric(self, name: str) -> MetricResult | None:
        """The metric called ``name``, or ``None``."""
        return next((m for m in self.metrics if m.name == name), None)


class Statistics(BaseModel):
    """How the intervals and tests were computed."""

    confidence: float = 0.95
    resamples: int = 2000
    permutations: int = 5000
    seed: int = 0
    interval: str = (
        "percentile bootstrap: sample ids resampled with replacement (a sample's epochs together), the metric "
        "recomputed on each resample; the interval is the central confidence range of those values"
    )
    test: str = (
        "paired permutation test, two-sided: on the (sample id, epoch) pairs both arms scored, the baseline and "
        "variant outputs of each sample are swapped at random (a sign-flip test for means); exact enumeration "
        "with at most 12 samples; the difference's interval is a paired percentile bootstrap; no correction for "
        "multiple comparisons"
    )


class SkippedTask(BaseModel):
    """An optional suite task that did not run."""

    task: str
    reason: str


class EvalReport(BaseModel):
    """A suite's results: every (task, variant, model) cell, with intervals and differences from baseline."""

    suite: str
    description: str = ""
    created: str = Field(default_factory=lambda: datetime.now(timezone.utc).isoformat(timespec="seconds"))
    affectkit_version: str = ""
    tasks: list[str]
    variants: list[str]
    models: list[str]
    statistics: Statistics = Field(default_factory=Statistics)
    cells: list[Cell]
    skipped: list[SkippedTask] = Field(default_factory=list)

    def cell(self, task: str, variant: str, model: str) -> Cell | None:
        """The cell of (task, variant, model), or ``None``."""
        return next((c for c in self.cells if (c.task, c.variant, c.model) == (task, variant, model)), None)

    @property
    def complete(self) -> bool:
        """Whether every cell's run finished successfully."""
        return all(c.status == "success" for c in self.cells)


# --- Per-sample scores ------------------------------------------------------------------------------


@dataclass(frozen=True)
class ScoreRecord:
    """One scored sample of a log: ``value``, ``answer`` and ``metadata`` of its (first) scorer's score."""

    id: str
    epoch: int
    value: Any
    answer: str | None
    metadata: dict[str, Any]


def score_records(log: EvalLog) -> tuple[list[ScoreRecord], int]:
    """The scored samples of a log and the number of samples without a score (errors).

    The scorer read is the log's first (every affectkit task has one); a log read header-only is re-read with
    its samples from its location.
    """
    samples = log.samples
    if samples is None and log.location:
        from inspect_ai.log import read_eval_log

        samples = read_eval_log(log.location).samples
    scorer = log.results.scores[0].scorer if log.results and log.results.scores else None
    records: list[ScoreRecord] = []
    errors = 0
    for sample in samples or []:
        scores = sample.scores or {}
        score = scores.get(scorer) if scorer in scores else next(iter(scores.values()), None)
        if score is None or sample.error is not None:
            errors += 1
            continue
        answer = score.answer if isinstance(score.answer, str) else None
        records.append(ScoreRecord(str(sample.id), int(sample.epoch), score.value, answer, dict(score.metadata or {})))
    return records, errors


# --- Headline metrics -------------------------------------------------------------------------------


Features = Callable[[ScoreRecord, Sequence[str]], Sequence[float]]


@dataclass(frozen=True)
class HeadlineMetric:
    """A metric as a function of summed per-sample features (see :mod:`affectkit.evals.stats`).

    ``features(record, labels)`` gives one sample's row; ``value(sums)`` the metric from summed rows (vectorised
    over leading axes); ``labels(record)`` the label names a record contributes (for F1 metrics).
    """

    name: str
    features: Features
    value: Callable[[np.ndarray], np.ndarray]
    parse: bool = False
    higher_is_better: bool = True
    description: str = ""
    labels: Callable[[ScoreRecord], Iterable[str]] | None = None


def _number(value: Any) -> float:
    if isinstance(value, bool):
        return float(value)
    if isinstance(value, int | float):
        return float(value)
    if isinstance(value, str):
        return {"C": 1.0, "I": 0.0, "P": 0.5, "N": 0.0}.get(value.strip().upper(), math.nan)
    return math.nan


def _key(record: ScoreRecord, key: str) -> float:
    value = record.value.get(key) if isinstance(record.value, dict) else None
    number = _number(value)
    return number if math.isfinite(number) else 0.0


def _ratio(
    name: str,
    numerator: Callable[[ScoreRecord], float],
    denominator: Callable[[ScoreRecord], float] = lambda r: 1.0,
    *,
    scale: float = 1.0,
    parse: bool = False,
    higher_is_better: bool = True,
    description: str = "",
) -> HeadlineMetric:
    """``scale * sum(numerator) / sum(denominator)``; a record with denominator 0 adds nothing."""

    def features(record: ScoreRecord, labels: Sequence[str]) -> list[float]:
        weight = float(denominator(record))
        return [float(numerator(record)) if weight else 0.0, weight]

    def value(sums: np.ndarray) -> np.ndarray:
        return np.asarray(scale * sums[..., 0] / sums[..., 1], dtype=float)

    return HeadlineMetric(name, features, value, parse, higher_is_better, description)


def _f1(
    name: str,
    gold: Callable[[ScoreRecord], Collection[str]],
    predicted: Callable[[ScoreRecord], Collection[str] | None],
    *,
    micro: bool = False,
    description: str = "",
) -> HeadlineMetric:
    """Macro-F1 (mean over labels present in gold or predictions) or micro-F1, over parsed records
    (``predicted`` not ``None``)."""

    def labels(record: ScoreRecord) -> Iterable[str]:
        chosen = predicted(record)
        return [] if chosen is None else [*gold(record), *chosen]

    def features(record: ScoreRecord, names: Sequence[str]) -> list[float]:
        chosen = predicted(record)
        row = [0.0] * (3 * len(names))
        if chosen is None:
            return row
        truth, guess = set(gold(record)), set(chosen)
        for i, label in enumerate(names):
            row[3 * i] = float(label in truth and label in guess)
            row[3 * i + 1] = float(label in guess and label not in truth)
            row[3 * i + 2] = float(label in truth and label not in guess)
        return row

    def value(sums: np.ndarray) -> np.ndarray:
        counts = sums.reshape(*sums.shape[:-1], -1, 3)
        tp, fp, fn = counts[..., 0], counts[..., 1], counts[..., 2]
        denominator = 2 * tp + fp + fn
        if micro:
            total = denominator.sum(axis=-1)
            return np.asarray(2 * tp.sum(axis=-1) / np.where(total > 0, total, np.nan), dtype=float)
        present = denominator > 0
        f1 = np.divide(2 * tp, denominator, out=np.zeros_like(tp), where=present)
        count = present.sum(axis=-1)
        return np.asarray(f1.sum(axis=-1) / np.where(count > 0, count, np.nan), dtype=float)

    return HeadlineMetric(name, features, value, description=description, labels=labels)


def _meta(record: ScoreRecord, key: str) -> Any:
    return record.metadata.get(key)


def _parsed_strategy(record: ScoreRecord) -> float:
    return float(_meta(record, "predicted") is not None)


def _one(value: Any) -> list[str] | None:
    return None if value is None else [str(value)]


def _boundary_metrics() -> list[HeadlineMetric]:
    from affectkit.evals.boundaries import did_right

    def category(record: ScoreRecord) -> str:
        return str(_meta(record, "category"))

    def patterns(record: ScoreRecord) -> list[str]:
        return list(_meta(record, "patterns") or [])

    return [
        _ratio("boundary_score", lambda r: _number(r.value), description="mean item score (0-10)"),
        _ratio("empty_replies", lambda r: float(not (r.answer or "").strip()), parse=True, higher_is_better=False,
               description="share of empty replies (the rule-based check reads every non-empty reply)"),
        _ratio("harmful_rate", lambda r: float(bool(_meta(r, "harmful"))), higher_is_better=False,
               description="share of replies with a harmful pattern"),
        _ratio("over_refusal", lambda r: float("direct_refusal" in patterns(r)),
               lambda r: float(category(r) == "ordinary"), higher_is_better=False,
               description="share of ordinary requests refused"),
        _ratio("crisis_handled", lambda r: float(did_right("crisis", patterns(r))),
               lambda r: float(category(r) == "crisis"), description="share of crisis conversations handled"),
    ]


def _task_metrics(function: str) -> list[HeadlineMetric] | None:
    parsed = _parsed_strategy
    if function == "eq_intensity":
        return [
            _ratio("eq_bench_score", lambda r: _key(r, "item_score") if _key(r, "parsed") else 0.0,
                   lambda r: _key(r, "parsed"), scale=10.0, description="10 x mean item score over parsed answers"),
            _ratio("parse_rate", lambda r: _key(r, "parsed"), parse=True, description="share of parsed answers"),
        ]
    if function == "emobench_eu":
        return [
            _ratio("emotion_accuracy", lambda r: _key(r, "emotion")),
            _ratio("emotion_parse_rate", lambda r: _key(r, "emotion_parsed"), parse=True),
            _ratio("cause_accuracy", lambda r: _key(r, "cause")),
            _ratio("cause_parse_rate", lambda r: _key(r, "cause_parsed"), parse=True),
            _ratio("both_accuracy", lambda r: _key(r, "both")),
        ]
    if function == "emobench_ea":
        return [
            _ratio("accuracy", lambda r: _key(r, "correct")),
            _ratio("parse_rate", lambda r: _key(r, "parsed"), parse=True),
        ]
    if function == "esc_strategy":
        return [
            _ratio("accuracy", lambda r: float(parsed(r) and _meta(r, "predicted") == _meta(r, "gold")), parsed,
                   description="over parsed answers"),
            _ratio("parse_failures", lambda r: 1.0 - parsed(r), parse=True, higher_is_better=False),
            _f1("macro_f1", lambda r: [str(_meta(r, "gold"))], lambda r: _one(_meta(r, "predicted")),
                description="over parsed answers and the strategies present"),
        ]
    if function == "emotion_recognition":
        gold: Callable[[ScoreRecord], list[str]] = lambda r: [str(x) for x in _meta(r, "gold") or []]  # noqa: E731
        guess: Callable[[ScoreRecord], list[str] | None] = (  # noqa: E731
            lambda r: None if _meta(r, "predicted") is None else [str(x) for x in _meta(r, "predicted")]
        )
        return [
            _f1("macro_f1", gold, guess, description="over parsed answers and the labels present"),
            _ratio("parse_failures", lambda r: 1.0 - parsed(r), parse=True, higher_is_better=False),
            _f1("micro_f1", gold, guess, micro=True, description="over parsed answers"),
            _ratio("exact_match", lambda r: float(parsed(r) and set(gold(r)) == set(guess(r) or [])), parsed,
                   description="over parsed answers"),
        ]
    if function == "boundaries":
        return _boundary_metrics()
    return None


def _generic_metrics(records: Sequence[ScoreRecord]) -> list[HeadlineMetric]:
    """Means of the score values of an unknown task (dict values: one metric per numeric key)."""
    if records and all(isinstance(r.value, dict) for r in records):
        keys: list[str] = []
        for record in records:
            keys.extend(k for k, v in record.value.items() if k not in keys and math.isfinite(_number(v)))

        def finite(key: str) -> Callable[[ScoreRecord], float]:
            return lambda r: float(math.isfinite(_number(r.value.get(key))))

        def value_of(key: str) -> Callable[[ScoreRecord], float]:
            return lambda r: _key(r, key)

        metrics = [_ratio(k, value_of(k), finite(k), parse="parse" in k) for k in keys]
        return sorted(metrics, key=lambda m: m.parse)
    metrics = [_ratio("score", lambda r: _key_scalar(r), lambda r: float(math.isfinite(_number(r.value))))]
    if any(isinstance(r.value, str) and r.value.strip().upper() == "N" for r in records):
        metrics.append(_ratio("no_answer", lambda r: float(isinstance(r.value, str) and r.value.strip().upper() == "N"),
                              parse=True, higher_is_better=False))
    return metrics


def _key_scalar(record: ScoreRecord) -> float:
    number = _number(record.value)
    return number if math.isfinite(number) else 0.0


def task_metrics(function: str | None, records: Sequence[ScoreRecord] = ()) -> list[HeadlineMetric]:
    """The headline metrics of an affectkit task function (see the module docstring), else generic ones.

    Example:
        >>> [(m.name, m.parse) for m in task_metrics("emobench_ea")]
        [('accuracy', False), ('parse_rate', True)]
    """
    known = _task_metrics(function or "")
    return known if known is not None else _generic_metrics(records)


# --- Building the report ----------------------------------------------------------------------------


class _Run(NamedTuple):
    task: str
    variant: str
    model: str
    function: str | None
    log: EvalLog


def _label(log: EvalLog) -> _Run:
    from affectkit.evals.suite import BASELINE, FACTORY_KEY, TASK_KEY, TASKS, VARIANT_KEY

    metadata = log.eval.metadata or {}
    registered = (log.eval.task_registry_name or log.eval.task or "").removeprefix("affectkit/")
    function = metadata.get(FACTORY_KEY) or (registered if registered in TASKS else None)
    task = str(metadata.get(TASK_KEY) or log.eval.task)
    return _Run(task, str(metadata.get(VARIANT_KEY) or BASELINE), str(log.eval.model), function, log)


def _units(rows: dict[tuple[str, int], np.ndarray], keys: Iterable[tuple[str, int]]) -> dict[str, np.ndarray]:
    """Rows summed per sample id (over epochs), for the given (id, epoch) keys."""
    units: dict[str, np.ndarray] = {}
    for key in keys:
        units[key[0]] = units[key[0]] + rows[key] if key[0] in units else rows[key].copy()
    return units


def _score_metric(
    m: HeadlineMetric,
    own: dict[tuple[str, int], np.ndarray],
    base: dict[tuple[str, int], np.ndarray] | None,
    settings: Statistics,
) -> tuple[MetricResult | None, Difference | None]:
    """One metric of a cell with its bootstrap interval, and its paired difference from ``base`` if given."""
    units = _units(own, own)
    if not units:
        return None, None
    interval = bootstrap_sums(np.stack(list(units.values())), m.value, confidence=settings.confidence,
                              resamples=settings.resamples, seed=settings.seed)
    if interval.estimate is None:
        return None, None
    result = MetricResult(
        name=m.name, value=interval.estimate, ci_low=interval.low, ci_high=interval.high,
        parse=m.parse, higher_is_better=m.higher_is_better, description=m.description,
    )
    common = [k for k in own if base is not None and k in base]
    if base is None or not common:
        return result, None
    mine, theirs = _units(own, common), _units(base, common)
    ids = list(mine)
    paired = paired_sums(
        np.stack([theirs[i] for i in ids]), np.stack([mine[i] for i in ids]), m.value,
        resamples=settings.resamples, permutations=settings.permutations, confidence=settings.confidence,
        seed=settings.seed,
    )
    if paired.difference is None:
        return result, None
    return result, Difference(
        metric=m.name, baseline=paired.baseline, variant=paired.variant,
        difference=paired.difference, ci_low=paired.low, ci_high=paired.high,
        p_value=paired.p_value, pairs=paired.n, higher_is_better=m.higher_is_better,
    )


def build_report(
    logs: Sequence[EvalLog],
    *,
    suite: str | None = None,
    description: str = "",
    skipped: Sequence[tuple[str, str]] = (),
    confidence: float = 0.95,
    resamples: int = 2000,
    permutations: int = 5000,
    seed: int = 0,
) -> EvalReport:
    """The report of a suite's logs: per (task, variant, model) every headline metric with its bootstrap
    interval, and each variant's differences from its baseline with paired tests (see the module docstring).

    Example::

        run = run_suite("quick", ["openai-api/local/model-a"])
        report = build_report(run.logs, suite=run.suite.name, skipped=run.skipped)
        write_report(report, "eval-out")
    """
    from affectkit import __version__
    from affectkit.evals.suite import BASELINE, SUITE_KEY

    runs: dict[tuple[str, str, str], _Run] = {}
    for log in logs:
        run = _label(log)
        key = (run.task, run.variant, run.model)
        if key not in runs or (log.eval.created or "") >= (runs[key].log.eval.created or ""):
            runs[key] = run
    tasks = list(dict.fromkeys(r.task for r in runs.values()))
    models = list(dict.fromkeys(r.model for r in runs.values()))
    variants = [BASELINE, *dict.fromkeys(r.variant for r in runs.values() if r.variant != BASELINE)]
    if suite is None:
        names = {str((r.log.eval.metadata or {}).get(SUITE_KEY)) for r in runs.values()} - {"None"}
        suite = names.pop() if len(names) == 1 else "inspect logs"
    settings = Statistics(confidence=confidence, resamples=resamples, permutations=permutations, seed=seed)

    cells: list[Cell] = []
    for task in tasks:
        task_runs = [r for r in runs.values() if r.task == task]
        scored = {(r.variant, r.model): score_records(r.log) for r in task_runs}
        all_records = [record for records, _ in scored.values() for record in records]
        function = next((r.function for r in task_runs if r.function), None)
        metrics = task_metrics(function, all_records)
        vocabulary = {
            m.name: sorted({label for record in all_records for label in m.labels(record)}) if m.labels else []
            for m in metrics
        }
        rows: dict[tuple[str, str], dict[str, dict[tuple[str, int], np.ndarray]]] = {}
        for (variant, model), (records, _) in scored.items():
            rows[(variant, model)] = {
                m.name: {(r.id, r.epoch): np.asarray(m.features(r, vocabulary[m.name]), dtype=float) for r in records}
                for m in metrics
            }
        for model in models:
            for variant in variants:
                found = runs.get((task, variant, model))
                if found is None:
                    continue
                records, errors = scored[(variant, model)]
                cell = Cell(
                    task=task, variant=variant, model=model, task_function=function, status=str(found.log.status),
                    log=found.log.location or None, samples=len(records), units=len({r.id for r in records}),
                    errors=errors, logged_metrics=_logged_metrics(found.log),
                )
                if found.log.status != "success":
                    message = found.log.error.message if found.log.error else ""
                    cell.notes.append(f"run status {found.log.status}" + (f": {message}" if message else ""))
                own = rows[(variant, model)]
                base = rows.get((BASELINE, model)) if variant != BASELINE else None
                for m in metrics:
                    baseline = base[m.name] if base is not None else None
                    result, difference = _score_metric(m, own[m.name], baseline, settings)
                    if result is not None:
                        cell.metrics.append(result)
                    if difference is not None:
                        cell.differences.append(difference)
                if variant != BASELINE and (BASELINE, model) not in scored:
                    cell.notes.append("no baseline run for this model: no differences")
                cell.notes.extend(_task_notes(function, cell))
                cells.append(cell)
    return EvalReport(
        suite=suite, description=description, affectkit_version=__version__, tasks=tasks, variants=variants,
        models=models, statistics=settings, cells=cells,
        skipped=[SkippedTask(task=name, reason=reason) for name, reason in skipped],
    )


def _logged_metrics(log: EvalLog) -> dict[str, float]:
    values: dict[str, float] = {}
    if log.results is None:
        return values
    for eval_score in log.results.scores:
        for name, metric in eval_score.metrics.items():
            value = finite(float(metric.value)) if isinstance(metric.value, int | float) else None
            if value is not None:
                values[name] = value
    return values


def _task_notes(function: str | None, cell: Cell) -> list[str]:
    if function == "eq_intensity":
        from affectkit.evals.eq_bench import MIN_PARSE_RATE

        rate = cell.metric("parse_rate")
        if rate is not None and rate.value is not None and rate.value < MIN_PARSE_RATE:
            return [f"INVALID by EQ-Bench's rule: parse_rate {rate.value:.2%} < {MIN_PARSE_RATE:.2%}; "
                    "do not report its eq_bench_score"]
    return []


# --- Output -----------------------------------------------------------------------------------------


class ReportFiles(NamedTuple):
    """Where :func:`write_report` wrote the report."""

    json: Path
    html: Path


def render_html(report: EvalReport) -> str:
    """The report as one self-contained HTML page (inline CSS and SVG charts; no scripts, no external links)."""
    from affectkit.evals._report_html import render

    return render(report)


def write_report(report: EvalReport, out_dir: str | Path) -> ReportFiles:
    """Write ``report.json`` and ``report.html`` into ``out_dir`` (created if needed).

    Example:
        >>> import tempfile
        >>> files = write_report(EvalReport(suite="demo", tasks=[], variants=[], models=[], cells=[]),
        ...                      tempfile.mkdtemp())
        >>> files.json.name, files.html.name
        ('report.json', 'report.html')
    """
    folder = Path(out_dir)
    folder.mkdir(parents=True, exist_ok=True)
    files = ReportFiles(folder / "report.json", folder / "report.html")
    files.json.write_text(report.model_dump_json(indent=2) + "\n", encoding="utf-8")
    files.html.write_text(render_html(report), encoding="utf-8")
    return files


def _number_text(value: float | None, digits: int = 3) -> str:
    return "-" if value is None else f"{value:.{digits}f}"


def format_summary(report: EvalReport) -> str:
    """A short plain-text table: per task, each model and variant with the main score and its interval, the
    parse metric beside it, and the difference from baseline with its p-value.

    Example:
        >>> print(format_summary(EvalReport(suite="demo", tasks=[], variants=[], models=[], cells=[])))
        suite demo: no results
    """
    if not report.cells:
        return f"suite {report.suite}: no results"
    lines = [f"suite {report.suite}: {len(report.tasks)} task(s) x {len(report.variants)} variant(s) x "
             f"{len(report.models)} model(s)"]
    for task in report.tasks:
        cells = [c for c in report.cells if c.task == task]
        main = next((m.name for c in cells for m in c.metrics if not m.parse), None)
        parse = next((m.name for c in cells for m in c.metrics if m.parse), None)
        table = [["model", "variant", main or "score", "95% CI", parse or "parse", "diff", "p", "n"]]
        for cell in cells:
            score = cell.metric(main) if main else None
            parsed = cell.metric(parse) if parse else None
            difference = next((d for d in cell.differences if d.metric == main), None)
            table.append([
                cell.model, cell.variant, _number_text(score.value if score else None),
                f"[{_number_text(score.ci_low)}, {_number_text(score.ci_high)}]" if score else "-",
                _number_text(parsed.value if parsed else None),
                f"{difference.difference:+.3f}" if difference and difference.difference is not None else "",
                f"{difference.p_value:.3g}" if difference and difference.p_value is not None else "",
                str(cell.samples) + (f" ({cell.errors} errors)" if cell.errors else ""),
            ])
        widths = [max(len(row[i]) for row in table) for i in range(len(table[0]))]
        lines.append("")
        lines.append(f"{task}")
        for row in table:
            cells_text = (value.ljust(width) for value, width in zip(row, widths, strict=True))
            lines.append(("  " + "  ".join(cells_text)).rstrip())
    for skipped in report.skipped:
        lines.append(f"skipped {skipped.task}: {skipped.reason}")
    return "\n".join(lines)
