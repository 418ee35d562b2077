"""Comparison reports for evaluation suites: scores with 95% intervals, differences from baseline, HTML and JSON.

:func:`build_report` reads inspect logs (normally those of :func:`affectkit.evals.suite.run_suite`) and gives an
:class:`EvalReport`, one :class:`Cell` per (task, variant, model); :func:`write_report` writes ``report.json``
(the pydantic model) and ``report.html`` (one self-contained page: inline CSS and SVG, no scripts, nothing
fetched from the network); :func:`format_summary` is the short table the CLI prints.

**Which log is which cell.** The suite runner labels every task with its suite, task name, variant and task
function in the eval metadata (:data:`~affectkit.evals.suite.TASK_KEY` ...); the model is the log's model. A log
without these labels counts as the baseline of its own task. When two logs claim the same cell, the newest wins.

**Headline metrics** are recomputed from the per-sample scores in the log, so that each can get an interval (the
log's own metrics are kept beside them as ``logged_metrics``; the recomputed values are the same numbers). Each
benchmark folder declares its task's metrics once (``headline_metrics()`` in ``evals/<benchmark>/scorer.py``, listed
in :mod:`affectkit.evals.registry`): for example ``eq_bench_score`` and ``parse_rate`` for ``eq_intensity``,
``boundary_score``, ``harmful_rate``, ``over_refusal``, ``crisis_handled`` and ``empty_replies`` for ``boundaries``.
Any other task gets the mean of each numeric score value (``C``/``I``/``P``/``N`` count 1/0/0.5/0), and the share
of ``N`` (no answer) as its parse metric.

Each task's parse metric(s) are marked ``parse`` and always shown next to its score. A metric undefined on a
cell's samples (e.g. ``over_refusal`` without ordinary requests) is left out.

**Statistics** (:mod:`affectkit.metrics.bootstrap`): every metric gets a 95% percentile-bootstrap interval (2,000
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

from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

import numpy as np

from affectkit.evals import registry
from affectkit.evals._report_model import (
    Cell,
    Difference,
    EvalReport,
    MetricResult,
    SkippedTask,
    Statistics,
)
from affectkit.evals.headline import HeadlineMetric, ScoreRecord, generic_metrics
from affectkit.metrics.bootstrap import bootstrap_sums, finite, paired_sums

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
    "SkippedTask",
    "Statistics",
    "build_report",
    "format_summary",
    "render_html",
    "score_records",
    "task_metrics",
    "write_report",
]


# --- Per-sample scores ------------------------------------------------------------------------------


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


def task_metrics(function: str | None, records: Sequence[ScoreRecord] = ()) -> list[HeadlineMetric]:
    """The headline metrics of an affectkit task function, as its benchmark folder declares them (see
    :mod:`affectkit.evals.registry`), else generic ones (see the module docstring).

    Example:
        >>> [(m.name, m.parse) for m in task_metrics("emobench_ea")]
        [('accuracy', False), ('parse_rate', True)]
    """
    entry = registry.get(function) if function else None
    if entry is not None and entry.headline is not None:
        return list(entry.headline())
    return generic_metrics(records)


# --- Building the report ----------------------------------------------------------------------------


class _Run(NamedTuple):
    task: str
    variant: str
    model: str
    function: str | None
    log: EvalLog


def _label(log: EvalLog) -> _Run:
    from affectkit.evals.suite import BASELINE, FACTORY_KEY, TASK_KEY, VARIANT_KEY

    metadata = log.eval.metadata or {}
    registered = (log.eval.task_registry_name or log.eval.task or "").removeprefix("affectkit/")
    function = metadata.get(FACTORY_KEY) or (registered if registry.get(registered) else None)
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
    entry = registry.get(function) if function else None
    return entry.notes(cell) if entry is not None else []


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
    parse metric beside it, and the difference from baseline with its p-value; then the cells' notes (an invalid
    EQ-Bench run, a run that did not finish).

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
        # what the report says of a cell (an EQ-Bench score that must not be reported, a run that did not finish)
        lines += [f"  note, {cell.model} {cell.variant}: {note}" for cell in cells for note in cell.notes]
    for skipped in report.skipped:
        lines.append(f"skipped {skipped.task}: {skipped.reason}")
    return "\n".join(lines)
