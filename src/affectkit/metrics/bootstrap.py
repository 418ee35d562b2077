"""Resampling statistics: percentile-bootstrap intervals and paired permutation tests.

Pure numpy; no inspect_ai needed. Two forms of input:

* rows of gold labels and predictions (the benchmarks of the shipped models): :func:`bootstrap_interval` gives
  the 95% percentile interval of any ``metric(gold, predicted)`` over bootstrap resamples of the rows;
* per-unit feature sums (the evaluation reports): everything below.

**Metrics as sums of features.** Every metric this module handles is a function of *column sums* of per-unit
feature rows: a mean is ``sum(x) / sum(1)`` (features ``[x, 1]``), an accuracy over parsed answers is
``sum(correct) / sum(parsed)``, a macro-F1 is a function of the per-label true positive, false positive and
false negative counts. A *unit* is what gets resampled: in the reports, one dataset sample (its epochs summed
together, so repeated epochs of a sample stay together). Writing metrics this way makes both resampling
schemes exact and fast: a bootstrap resample is a vector of multiplicities ``w`` (the sums are ``w @ units``),
and a swap of the two arms of a pair is a 0/1 vector ``s`` (the sums move by ``s @ (other - own)``).

**Confidence interval of a score** (:func:`bootstrap_sums`, :func:`mean_interval`): the percentile
bootstrap. ``resamples`` times (default 2,000) draw as many units as there are, with replacement, recompute
the metric, and take the 2.5th and 97.5th percentiles of the recomputed values (for 95% confidence;
resamples where the metric is undefined, e.g. no parsed answer, are left out). The random generator is
``numpy.random.default_rng(seed)`` (default seed 0), so a report is reproducible.

**A variant against its baseline** (:func:`paired_sums`, :func:`paired_test`): only units present in both
arms are used (in the reports: the same sample ids and epochs). The difference is ``metric(variant) -
metric(baseline)``; its 95% interval is a *paired* percentile bootstrap (the same resampled units for both
arms). Its p-value (two-sided) comes from a *paired permutation test*: under the null hypothesis that the
variant changes nothing, the two outputs of each unit are exchangeable, so the test swaps them at random
(each unit independently, probability 1/2) and counts how often the swapped difference is at least as large
in absolute value as the observed one. For a mean this is the classic sign-flip test on the per-unit
differences. With at most 12 units all ``2**n`` swap patterns are enumerated (an exact p-value); otherwise
``permutations`` random patterns (default 5,000) give ``p = (1 + count) / (1 + permutations)``, which is never
0. Identical arms give a difference of 0 and ``p = 1``.

Example:
    >>> interval = mean_interval([1.0, 2.0, 3.0, 4.0, 5.0])
    >>> interval.estimate, interval.low < 3.0 < interval.high
    (3.0, True)
    >>> same = paired_test([0.2, 0.5, 0.9], [0.2, 0.5, 0.9])
    >>> same.difference, same.p_value
    (0.0, 1.0)
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Sequence
from typing import NamedTuple

import numpy as np

__all__ = [
    "EXACT_UP_TO",
    "Interval",
    "PairedResult",
    "Statistic",
    "bootstrap_interval",
    "bootstrap_sums",
    "finite",
    "mean_interval",
    "mean_value",
    "paired_sums",
    "paired_test",
]

Statistic = Callable[[np.ndarray], np.ndarray]
"""A metric computed from feature sums: an array ``(..., k)`` of sums in, an array ``(...)`` of values out."""

EXACT_UP_TO = 12
"""With at most this many units the permutation test enumerates every swap pattern (2**12 = 4,096)."""

_CELLS = 4_000_000  # largest (patterns x units) block of weights held in memory at once


class Interval(NamedTuple):
    """A point estimate with a confidence interval (``None`` where the metric is undefined)."""

    estimate: float | None
    low: float | None
    high: float | None


class PairedResult(NamedTuple):
    """``variant - baseline`` on paired units, its bootstrap interval, the permutation p-value and ``n`` units."""

    baseline: float | None
    variant: float | None
    difference: float | None
    low: float | None
    high: float | None
    p_value: float | None
    n: int


def mean_value(sums: np.ndarray) -> np.ndarray:
    """The statistic of a mean: features ``[x, 1]``, value ``sum(x) / sum(1)`` (NaN when there are no units).

    Example:
        >>> float(mean_value(np.array([6.0, 3.0])))
        2.0
    """
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.asarray(sums[..., 0] / sums[..., 1], dtype=float)


def finite(value: float) -> float | None:
    """``value`` as a float, or None when it is NaN or infinite (JSON has no place for those)."""
    return float(value) if np.isfinite(value) else None


def _evaluate(statistic: Statistic, sums: np.ndarray) -> np.ndarray:
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.asarray(statistic(sums), dtype=float)


def _percentiles(values: np.ndarray, confidence: float) -> tuple[float | None, float | None]:
    values = values[np.isfinite(values)]
    if values.size == 0:
        return None, None
    tail = 100.0 * (1.0 - confidence) / 2.0
    low, high = np.percentile(values, [tail, 100.0 - tail])
    return float(low), float(high)


def _in_blocks(n: int, rows: int, draw: Callable[[int], np.ndarray]) -> list[np.ndarray]:
    """``rows`` rows of ``n`` numbers, drawn ``draw(size)`` rows at a time in blocks of about ``_CELLS`` numbers."""
    block = max(1, _CELLS // max(n, 1))
    return [draw(min(block, rows - start)) for start in range(0, rows, block)]


def _bootstrap_weights(rng: np.random.Generator, n: int, resamples: int) -> list[np.ndarray]:
    """Multiplicity vectors of ``resamples`` bootstrap resamples of ``n`` units, in memory-sized blocks."""
    uniform = np.full(n, 1.0 / n)
    return _in_blocks(n, resamples, lambda size: rng.multinomial(n, uniform, size=size).astype(float))


def _check_units(units: np.ndarray) -> np.ndarray:
    array = np.asarray(units, dtype=float)
    if array.ndim != 2:
        raise ValueError(f"units must be a 2-d array (units x features), got shape {array.shape}")
    return array


def bootstrap_sums(
    units: np.ndarray,
    statistic: Statistic = mean_value,
    *,
    resamples: int = 2000,
    confidence: float = 0.95,
    seed: int = 0,
) -> Interval:
    """The metric on all ``units`` (rows of features) with its percentile-bootstrap interval.

    Example:
        >>> units = np.array([[1.0, 1.0], [0.0, 1.0], [1.0, 1.0], [1.0, 1.0]])   # accuracy features
        >>> result = bootstrap_sums(units)
        >>> result.estimate, 0.0 <= result.low <= 0.75 <= result.high <= 1.0
        (0.75, True)
    """
    units = _check_units(units)
    if units.shape[0] == 0:
        return Interval(None, None, None)
    estimate = finite(float(_evaluate(statistic, units.sum(axis=0))))
    rng = np.random.default_rng(seed)
    values = np.concatenate([_evaluate(statistic, w @ units) for w in _bootstrap_weights(rng, len(units), resamples)])
    low, high = _percentiles(values, confidence)
    return Interval(estimate, low, high)


def _swap_patterns(rng: np.random.Generator, n: int, permutations: int) -> tuple[list[np.ndarray], bool]:
    """0/1 swap patterns: every one of the ``2**n`` when ``n <= EXACT_UP_TO``, else ``permutations`` random ones."""
    if n <= EXACT_UP_TO:
        return [np.array(list(itertools.product((0.0, 1.0), repeat=n)), dtype=float).reshape(-1, n)], True
    return _in_blocks(n, permutations, lambda size: rng.integers(0, 2, size=(size, n)).astype(float)), False


def paired_sums(
    baseline: np.ndarray,
    variant: np.ndarray,
    statistic: Statistic = mean_value,
    *,
    resamples: int = 2000,
    permutations: int = 5000,
    confidence: float = 0.95,
    seed: int = 0,
) -> PairedResult:
    """``statistic(variant) - statistic(baseline)`` on paired unit rows (row ``i`` of both is the same unit),
    with a paired percentile-bootstrap interval and a paired permutation (swap) test p-value, two-sided.

    Example:
        >>> base = np.array([[0.0, 1.0], [1.0, 1.0], [0.0, 1.0], [1.0, 1.0]])
        >>> better = np.array([[1.0, 1.0], [1.0, 1.0], [1.0, 1.0], [1.0, 1.0]])
        >>> result = paired_sums(base, better)
        >>> result.difference, result.n, result.p_value   # exact: 8 of the 16 swap patterns reach |0.5|
        (0.5, 4, 0.5)
    """
    base = _check_units(baseline)
    other = _check_units(variant)
    if base.shape != other.shape:
        raise ValueError(f"paired units must have the same shape, got {base.shape} and {other.shape}")
    n = base.shape[0]
    if n == 0:
        return PairedResult(None, None, None, None, None, None, 0)
    base_total, other_total = base.sum(axis=0), other.sum(axis=0)
    base_value = float(_evaluate(statistic, base_total))
    other_value = float(_evaluate(statistic, other_total))
    observed = other_value - base_value
    rng = np.random.default_rng(seed)
    differences = np.concatenate([
        _evaluate(statistic, w @ other) - _evaluate(statistic, w @ base)
        for w in _bootstrap_weights(rng, n, resamples)
    ])
    low, high = _percentiles(differences, confidence)
    p_value: float | None = None
    if np.isfinite(observed):
        delta = other - base  # moving a unit from one arm to the other
        extreme = 0
        total = 0
        blocks, exact = _swap_patterns(rng, n, permutations)
        tolerance = 1e-12 * max(1.0, abs(observed))
        for swaps in blocks:
            shift = swaps @ delta
            swapped = _evaluate(statistic, other_total - shift) - _evaluate(statistic, base_total + shift)
            valid = np.isfinite(swapped)
            extreme += int(np.sum(np.abs(swapped[valid]) >= abs(observed) - tolerance))
            total += int(np.sum(valid))
        if total:
            p_value = extreme / total if exact else (1 + extreme) / (1 + total)
    return PairedResult(
        finite(base_value), finite(other_value), finite(observed), low, high,
        None if p_value is None else min(1.0, p_value), n,
    )


def mean_interval(
    values: Sequence[float], *, resamples: int = 2000, confidence: float = 0.95, seed: int = 0
) -> Interval:
    """The mean of ``values`` with its percentile-bootstrap interval (see the module docstring).

    Example:
        >>> mean_interval([2.0, 2.0, 2.0])
        Interval(estimate=2.0, low=2.0, high=2.0)
    """
    x = np.asarray(values, dtype=float)
    return bootstrap_sums(
        np.column_stack([x, np.ones_like(x)]), mean_value, resamples=resamples, confidence=confidence, seed=seed
    )


def paired_test(
    baseline: Sequence[float],
    variant: Sequence[float],
    *,
    resamples: int = 2000,
    permutations: int = 5000,
    confidence: float = 0.95,
    seed: int = 0,
) -> PairedResult:
    """``mean(variant) - mean(baseline)`` over paired values (same position = same unit): paired bootstrap
    interval and sign-flip permutation p-value (see the module docstring).

    Example:
        >>> result = paired_test([1.0, 2.0, 3.0, 4.0], [2.0, 3.0, 4.0, 5.0])   # a constant shift of 1
        >>> result.difference, result.low, result.high
        (1.0, 1.0, 1.0)
    """
    if len(baseline) != len(variant):
        raise ValueError(f"paired lists differ in length: {len(baseline)} and {len(variant)}")
    b = np.asarray(baseline, dtype=float)
    v = np.asarray(variant, dtype=float)
    return paired_sums(
        np.column_stack([b, np.ones_like(b)]),
        np.column_stack([v, np.ones_like(v)]),
        mean_value,
        resamples=resamples,
        permutations=permutations,
        confidence=confidence,
        seed=seed,
    )


# --- Rows of gold and predictions ----------------------------------------------------------------


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
        >>> from affectkit.metrics import macro_f1
        >>> gold = np.array([[1], [0], [1], [0]] * 50)
        >>> low, high = bootstrap_interval(macro_f1, gold, gold.astype(bool))
        >>> (low, high)  # a perfect prediction stays perfect in every resample
        (1.0, 1.0)
    """
    rng = np.random.default_rng(seed)
    values = [metric(gold[rows], predicted[rows]) for rows in rng.integers(0, len(gold), (resamples, len(gold)))]
    low, high = np.percentile(values, [2.5, 97.5])
    return float(low), float(high)
