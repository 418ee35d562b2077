"""Classification scores: F1 (per label, macro, micro) from one F1 of counts, the confusion matrix, correlation.

Every F1 in affectkit (the recognizers' benchmarks, the strategy report, the eval reports' headline metrics)
is :func:`f1_from_counts` of true positive, false positive and false negative counts: ``2 tp / (2 tp + fp +
fn)``, 0 where the denominator is 0.

Example:
    >>> import numpy as np
    >>> gold = np.array([[1, 0], [0, 1], [1, 1]])
    >>> round(macro_f1(gold, gold.astype(bool)), 2)
    1.0
    >>> f1_from_counts(np.array([1.0, 0.0]), np.array([1.0, 0.0]), np.array([0.0, 0.0])).tolist()
    [0.6666666666666666, 0.0]
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from affectkit.errors import AffectkitError
from affectkit.planning.labels import STRATEGIES

__all__ = ["confusion_matrix", "f1_from_counts", "f1_per_label", "macro_f1", "micro_f1", "pearson"]


def f1_from_counts(tp: np.ndarray, fp: np.ndarray, fn: np.ndarray) -> np.ndarray:
    """F1 of each entry of the count arrays (any shape): ``2 tp / (2 tp + fp + fn)``, 0 where that denominator
    is 0."""
    tp = np.asarray(tp, dtype=float)
    denominator = 2 * tp + fp + fn
    return np.divide(2 * tp, denominator, out=np.zeros_like(tp), where=denominator > 0)


def f1_per_label(gold: np.ndarray, predicted: np.ndarray) -> np.ndarray:
    """F1 of each column of a 0/1 gold matrix against a boolean prediction matrix."""
    gold = gold.astype(bool)
    tp = (gold & predicted).sum(0).astype(float)
    fp = (~gold & predicted).sum(0)
    fn = (gold & ~predicted).sum(0)
    return f1_from_counts(tp, fp, fn)


def macro_f1(gold: np.ndarray, predicted: np.ndarray) -> float:
    """The mean of :func:`f1_per_label` over every column."""
    return float(f1_per_label(gold, predicted).mean())


def micro_f1(gold: np.ndarray, predicted: np.ndarray) -> float:
    """F1 of the counts summed over every column (0 without a true positive)."""
    gold = gold.astype(bool)
    tp = float((gold & predicted).sum())
    fp = float((~gold & predicted).sum())
    fn = float((gold & ~predicted).sum())
    return float(f1_from_counts(np.array(tp), np.array(fp), np.array(fn))) if tp else 0.0


def _label_indices(values: Sequence[str], labels: Sequence[str], field: str) -> np.ndarray:
    index = {label: i for i, label in enumerate(labels)}
    positions = np.empty(len(values), dtype=np.intp)
    for position, value in enumerate(values):
        found = index.get(value)
        if found is None:
            hint = ""
            if isinstance(value, str) and value.strip("[] ") in index:
                hint = f" (did you mean {value.strip('[] ')!r}? ESConv files wrap strategy names in brackets)"
            raise AffectkitError(
                "AK-E011",
                f"unknown label {value!r} at position {position}{hint}; expected one of: {', '.join(labels)}",
                field=field,
            )
        positions[position] = found
    return positions


def _check_labels(labels: Sequence[str]) -> list[str]:
    names = list(labels)
    if not names:
        raise ValueError("labels must not be empty")
    if len(set(names)) != len(names):
        raise ValueError(f"labels must be distinct, got {names}")
    return names


def confusion_matrix(
    gold: Sequence[str], predicted: Sequence[str], labels: Sequence[str] = STRATEGIES
) -> np.ndarray:
    """Counts of (gold, predicted) pairs: row ``i`` is gold ``labels[i]``, column ``j`` predicted ``labels[j]``.

    Raises :class:`~affectkit.errors.AffectkitError` ``AK-E011`` (with ``field`` set to ``"gold"`` or
    ``"predicted"``) for a label not in ``labels``, and ``ValueError`` when the two lists differ in length.

    Example:
        >>> confusion_matrix(["a", "a", "b"], ["a", "b", "b"], labels=["a", "b"]).tolist()
        [[1, 1], [0, 1]]
    """
    names = _check_labels(labels)
    if len(gold) != len(predicted):
        raise ValueError(f"gold has {len(gold)} labels but predicted has {len(predicted)}")
    rows = _label_indices(gold, names, "gold")
    columns = _label_indices(predicted, names, "predicted")
    matrix = np.zeros((len(names), len(names)), dtype=np.int64)
    np.add.at(matrix, (rows, columns), 1)
    return matrix


def pearson(a: np.ndarray, b: np.ndarray) -> float:
    """Pearson correlation of two vectors."""
    return float(np.corrcoef(a, b)[0, 1])
