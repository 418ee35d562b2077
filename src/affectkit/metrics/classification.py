"""Metrics shared by training (threshold tuning on dev) and the benchmarks (reporting on test).

Example:
    >>> import numpy as np
    >>> gold = np.array([[1, 0], [0, 1], [1, 1]])
    >>> round(macro_f1(gold, gold.astype(bool)), 2)
    1.0
"""

from __future__ import annotations

from collections.abc import Callable

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


def tune_thresholds(
    gold: np.ndarray, probabilities: np.ndarray, resamples: int = 100, seed: int = 0
) -> np.ndarray:
    """Per-label decision thresholds from a dev split (never test), bagged over bootstrap resamples.

    For each of ``resamples`` bootstrap draws of the rows, every label gets the grid threshold that
    maximises its F1 on that draw; a label's threshold is the mean of those, rounded to the grid step.
    The single best threshold on one split overfits its rare positives; the bagged mean moves less
    with the sample and, in repeated half-splits of GoEmotions dev, scores better on the other half
    (see the model card). ``resamples=0`` gives the plain best threshold on the whole split.

    Example:
        >>> gold = np.array([[0], [0], [1], [1]])
        >>> scores = np.array([[0.1], [0.3], [0.6], [0.9]])
        >>> tune_thresholds(gold, scores, resamples=0).tolist()  # first grid step above 0.3
        [0.31]
    """
    gold = np.asarray(gold, dtype=bool)
    # Index of the largest grid threshold at or below each probability: a row is predicted positive at
    # grid threshold k exactly when its index exceeds k, so every F1 curve comes from cumulative sums.
    index = np.searchsorted(THRESHOLD_GRID, probabilities, side="right")
    n, size = len(gold), len(THRESHOLD_GRID) + 1
    rng = np.random.default_rng(seed)
    draws = [np.ones(n)] if resamples == 0 else [rng.multinomial(n, np.full(n, 1.0 / n)) for _ in range(resamples)]
    best = np.zeros((len(draws), gold.shape[1]))
    for d, weight in enumerate(draws):
        for j in range(gold.shape[1]):
            positives = np.bincount(index[:, j], weights=weight * gold[:, j], minlength=size)
            everything = np.bincount(index[:, j], weights=weight, minlength=size)
            # For each grid threshold k: the weight of rows whose index exceeds k (predicted positive).
            true_positive = np.cumsum(positives[::-1])[::-1][1:]
            predicted = np.cumsum(everything[::-1])[::-1][1:]
            denominator = predicted + positives.sum()
            f1 = np.divide(2 * true_positive, denominator, out=np.zeros_like(denominator), where=true_positive > 0)
            best[d, j] = THRESHOLD_GRID[int(np.argmax(f1))]
    return np.round(best.mean(axis=0), 2)


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


def bootstrap_interval(
    metric: Callable[[np.ndarray, np.ndarray], float],
    gold: np.ndarray,
    predicted: np.ndarray,
    resamples: int = 1000,
    seed: int = 0,
) -> tuple[float, float]:
    """95% percentile interval of ``metric(gold, predicted)`` over bootstrap resamples of the rows.

    A test split of a few thousand rows measures macro-F1 to about ±0.01; the interval shows how far a
    figure may sit from a target by chance alone.

    Example:
        >>> gold = np.array([[1], [0], [1], [0]] * 50)
        >>> low, high = bootstrap_interval(macro_f1, gold, gold.astype(bool))
        >>> (low, high)  # a perfect prediction stays perfect in every resample
        (1.0, 1.0)
    """
    rng = np.random.default_rng(seed)
    values = [metric(gold[rows], predicted[rows]) for rows in rng.integers(0, len(gold), (resamples, len(gold)))]
    low, high = np.percentile(values, [2.5, 97.5])
    return float(low), float(high)


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
