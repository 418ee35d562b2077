"""Measurement: every score, interval and test affectkit reports, in one package.

- :mod:`~affectkit.metrics.classification`: F1 per label, macro and micro (all from one
  :func:`~affectkit.metrics.classification.f1_from_counts`), the confusion matrix, Pearson correlation;
- :mod:`~affectkit.metrics.thresholds`: fitting per-label decision thresholds on a dev split;
- :mod:`~affectkit.metrics.calibration`: expected calibration errors;
- :mod:`~affectkit.metrics.bootstrap`: percentile-bootstrap intervals (over rows of predictions, or over per-unit
  feature sums) and paired permutation tests;
- :mod:`~affectkit.metrics.strategy`: how well and how evenly a system picks support strategies (macro-F1,
  Bradley-Terry preferences, bias ``B``).

Understanding and acting code (recognizers, conversation, planning) does not import this package; training,
benchmarks and the evaluation tasks do. The names below are importable from ``affectkit.metrics`` itself, as
they were when it was one module (``apply_thresholds`` and ``closest_to_threshold`` are run-time decisions and
live in :mod:`affectkit.thresholds`).

Example:
    >>> import numpy as np
    >>> gold = np.array([[1, 0], [0, 1], [1, 1]])
    >>> round(macro_f1(gold, gold.astype(bool)), 2)
    1.0
"""

from __future__ import annotations

from affectkit.metrics.bootstrap import bootstrap_interval
from affectkit.metrics.calibration import (
    expected_calibration_error,
    label_calibration_errors,
    top_label_calibration_error,
)
from affectkit.metrics.classification import confusion_matrix, f1_from_counts, f1_per_label, macro_f1, micro_f1, pearson
from affectkit.metrics.strategy import StrategyReport, StrategyScores, format_report, strategy_report
from affectkit.metrics.thresholds import THRESHOLD_GRID, tune_thresholds
from affectkit.thresholds import apply_thresholds, closest_to_threshold

__all__ = [
    "THRESHOLD_GRID",
    "StrategyReport",
    "StrategyScores",
    "apply_thresholds",
    "bootstrap_interval",
    "closest_to_threshold",
    "confusion_matrix",
    "expected_calibration_error",
    "f1_from_counts",
    "f1_per_label",
    "format_report",
    "label_calibration_errors",
    "macro_f1",
    "micro_f1",
    "pearson",
    "strategy_report",
    "top_label_calibration_error",
    "tune_thresholds",
]
