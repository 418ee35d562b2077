"""The data model of an eval report (:mod:`affectkit.evals.report`): pydantic models only, so that building
(:mod:`affectkit.evals.report`) and rendering (:mod:`affectkit.evals._report_html`) both read it and neither imports
the other."""

from __future__ import annotations

from datetime import datetime, timezone

from pydantic import BaseModel, Field

__all__ = ["Cell", "Difference", "EvalReport", "MetricResult", "SkippedTask", "Statistics"]


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
