"""Metrics shared by the eval tasks: for scorers that return dict values, metrics that read one key of them; for
scorers that put ``gold`` and ``predicted`` in their score metadata, the parsed answers and the parse-failure rate.

Example:
    >>> from affectkit.evals._metrics import value_mean
    >>> callable(value_mean("parsed"))
    True
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING, Any

from affectkit.evals._optional import HAVE_INSPECT, metric

if TYPE_CHECKING or HAVE_INSPECT:  # at run time too: inspect_ai reads the metrics' type hints
    from inspect_ai.scorer import Metric, SampleScore

__all__ = ["parse_rate", "parsed_answers", "score_dict", "value_mean"]


def score_dict(sample_score: SampleScore) -> dict[str, Any]:
    """The dict value of a sample's score (a clear error when a metric is paired with the wrong scorer)."""
    value = sample_score.score.value
    if not isinstance(value, dict):
        raise TypeError(f"this metric needs a scorer with dict values, got {value!r}")
    return value


def value_mean(key: str) -> Metric:
    """A metric function: the mean of ``value[key]`` over all scores (NaN when there are none)."""

    def compute(scores: list[SampleScore]) -> float:
        values = [float(score_dict(score)[key]) for score in scores]
        return sum(values) / len(values) if values else math.nan

    return compute


def parsed_answers(scores: list[SampleScore]) -> tuple[list[dict[str, Any]], dict[str, float | None]]:
    """The score metadata of the answers that parsed (``predicted`` is not ``None``), and the metric values to
    start from: ``parse_failures``, the share of all answers that did not parse (``None`` when there are none)."""
    metadata = [s.score.metadata or {} for s in scores]
    parsed = [m for m in metadata if m.get("predicted") is not None]
    return parsed, {"parse_failures": (len(metadata) - len(parsed)) / len(metadata) if metadata else None}


@metric
def parse_rate() -> Metric:
    """Share of answers the scorer could parse (``value["parsed"]`` is 1), over all answers."""
    return value_mean("parsed")
