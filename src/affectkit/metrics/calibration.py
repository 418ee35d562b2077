"""Calibration errors: how far a model's probabilities sit from how often it is right.

Example:
    >>> import numpy as np
    >>> expected_calibration_error(np.array([0.5, 0.5]), np.array([1, 0]))
    0.0
"""

from __future__ import annotations

import numpy as np

__all__ = ["expected_calibration_error", "label_calibration_errors", "top_label_calibration_error"]


def expected_calibration_error(confidence: np.ndarray, correct: np.ndarray, bins: int = 15) -> float:
    """Expected calibration error: the mean gap between confidence and accuracy over equal-width bins of
    confidence, each bin weighted by its share of the rows.

    Example:
        >>> expected_calibration_error(np.array([0.9, 0.9, 0.9, 0.9]), np.array([1, 1, 1, 0]))  # 0.9 vs 0.75
        0.15
    """
    confidence = np.asarray(confidence, dtype=np.float64).ravel()
    correct = np.asarray(correct, dtype=np.float64).ravel()
    which = np.minimum((confidence * bins).astype(int), bins - 1)
    gaps = np.abs(np.bincount(which, weights=confidence, minlength=bins) - np.bincount(
        which, weights=correct, minlength=bins))
    return round(float(gaps.sum() / max(len(confidence), 1)), 10)


def top_label_calibration_error(gold: np.ndarray, probabilities: np.ndarray, bins: int = 15) -> float:
    """ECE of the most probable label of each row: its probability against whether it is a gold label.

    Example:
        >>> gold = np.array([[1, 0], [0, 1]])
        >>> top_label_calibration_error(gold, np.array([[0.8, 0.1], [0.7, 0.2]]))  # 0.8 right, 0.7 wrong
        0.45
    """
    top = np.asarray(probabilities).argmax(axis=1)
    rows = np.arange(len(top))
    return expected_calibration_error(np.asarray(probabilities)[rows, top], np.asarray(gold)[rows, top] > 0, bins)


def label_calibration_errors(gold: np.ndarray, probabilities: np.ndarray, bins: int = 15) -> np.ndarray:
    """ECE of each label (column) on its own: the label's probability against whether it is gold."""
    return np.array([expected_calibration_error(probabilities[:, j], gold[:, j] > 0, bins)
                     for j in range(gold.shape[1])])
