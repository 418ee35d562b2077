"""Metrics shared by training (threshold tuning on dev) and the benchmarks (reporting on test).

Example:
    >>> import numpy as np
    >>> gold = np.array([[1, 0], [0, 1], [1, 1]])
    >>> round(macro_f1(gold, gold.astype(bool)), 2)
    1.0
"""

from __future__ import annotations

import numpy as np

THRESHOLD_GRID = np.round(np.arange(0.02, 0.96, 0.01), 2)


def f1_per_label(gold: np.ndarray, predicted: np.ndarray) -> np.ndarray:
    """F1 of each column of a 0/1 gold matrix against a boolean prediction matrix."""
    gold = gold.astype(bool)
    tp = (gold & predicted).sum(0).astype(float)
    fp = (~gold & predicted).sum(0)
    fn = (gold & ~predicted).sum(0)
    denominator = 2 * tp + fp + fn
    return np.divide(2 * tp, denominator, out=np.zeros_like(tp), where=denominator > 0)


def macro_f1(gold: np.ndarray, predicted: np.ndarray) -> float:
    return float(f1_per_label(gold, predicted).mean())


def micro_f1(gold: np.ndarray, predicted: np.ndarray) -> float:
    gold = gold.astype(bool)
    tp = float((gold & predicted).sum())
    fp = float((~gold & predicted).sum())
    fn = float((gold & ~predicted).sum())
    return 2 * tp / (2 * tp + fp + fn) if tp else 0.0


def tune_thresholds(gold: np.ndarray, probabilities: np.ndarray) -> np.ndarray:
    """Per-label threshold maximising that label's F1; use on a dev split only, never on test."""
    best = np.full(gold.shape[1], 0.5)
    for j in range(gold.shape[1]):
        scores = [
            f1_per_label(gold[:, j : j + 1], probabilities[:, j : j + 1] >= t)[0] for t in THRESHOLD_GRID
        ]
        best[j] = THRESHOLD_GRID[int(np.argmax(scores))]
    return best


def apply_thresholds(
    probabilities: np.ndarray, thresholds: np.ndarray, at_least_one: bool = True
) -> np.ndarray:
    """Labels at or above their threshold; with ``at_least_one`` a row with none keeps the label nearest
    its own threshold (highest probability / threshold), as :func:`closest_to_threshold` does.

    Every GoEmotions example carries at least one label (``neutral`` included), so an empty prediction
    is never right there; the sentiment groups are all off for a neutral text.
    """
    predicted = probabilities >= thresholds
    if not at_least_one:
        return predicted
    empty = ~predicted.any(axis=1)
    predicted[empty, (probabilities[empty] / thresholds).argmax(axis=1)] = True
    return predicted


def closest_to_threshold(scores: dict[str, float], thresholds: dict[str, float]) -> str:
    """The label whose score comes nearest its threshold (ratio): the fallback when none clears it.

    Thresholds differ a lot between labels (a rare label may need 0.1, neutral 0.6), so the plain most
    probable label over-picks the labels with high thresholds; on GoEmotions dev the ratio is as good or
    better for the 28 labels and for Ekman-7.
    """
    return max(scores, key=lambda label: scores[label] / thresholds[label])


def pearson(a: np.ndarray, b: np.ndarray) -> float:
    return float(np.corrcoef(a, b)[0, 1])
