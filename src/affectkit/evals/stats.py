"""Resampling statistics for evaluation reports: moved to :mod:`affectkit.metrics.bootstrap`.

This module keeps the old import path (listed in the README); ``bootstrap_interval`` here is the interval of a
mean, :func:`affectkit.metrics.bootstrap.mean_interval`.

Example:
    >>> bootstrap_interval([2.0, 2.0, 2.0])
    Interval(estimate=2.0, low=2.0, high=2.0)
"""

from __future__ import annotations

from affectkit.metrics.bootstrap import (
    EXACT_UP_TO,
    Interval,
    PairedResult,
    Statistic,
    bootstrap_sums,
    finite,
    mean_value,
    paired_sums,
    paired_test,
)
from affectkit.metrics.bootstrap import mean_interval as bootstrap_interval

__all__ = [
    "EXACT_UP_TO",
    "Interval",
    "PairedResult",
    "Statistic",
    "bootstrap_interval",
    "bootstrap_sums",
    "finite",
    "mean_value",
    "paired_sums",
    "paired_test",
]
