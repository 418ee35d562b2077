"""Headline metrics: how a benchmark declares the metrics its report cell shows, as functions of summed per-sample
features (see :mod:`affectkit.metrics.bootstrap`), so each gets a bootstrap interval and a paired test.

A benchmark folder declares its headline metrics once, next to its scorer (``headline_metrics()`` in
``evals/<benchmark>/scorer.py``), with the builders here: :func:`ratio` (``scale * sum(numerator) /
sum(denominator)``) and :func:`f1` (macro- or micro-F1 over the parsed records); a task without declared metrics
gets :func:`generic_metrics`.

Example:
    >>> record = ScoreRecord("s1", 1, {"correct": 1, "parsed": 1}, "B", {})
    >>> accuracy = ratio("accuracy", lambda r: key_value(r, "correct"))
    >>> accuracy.features(record, []), float(accuracy.value(np.array([3.0, 4.0])))
    ([1.0, 1.0], 0.75)
"""

from __future__ import annotations

import math
from collections.abc import Callable, Collection, Iterable, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from affectkit.metrics.classification import f1_from_counts

__all__ = [
    "Features",
    "HeadlineMetric",
    "ScoreRecord",
    "f1",
    "generic_metrics",
    "key_value",
    "meta",
    "number",
    "one_label",
    "parsed_prediction",
    "ratio",
    "scalar_value",
]


@dataclass(frozen=True)
class ScoreRecord:
    """One scored sample of a log: ``value``, ``answer`` and ``metadata`` of its (first) scorer's score."""

    id: str
    epoch: int
    value: Any
    answer: str | None
    metadata: dict[str, Any]



Features = Callable[[ScoreRecord, Sequence[str]], Sequence[float]]


@dataclass(frozen=True)
class HeadlineMetric:
    """A metric as a function of summed per-sample features (see :mod:`affectkit.metrics.bootstrap`).

    ``features(record, labels)`` gives one sample's row; ``value(sums)`` the metric from summed rows (vectorised
    over leading axes); ``labels(record)`` the label names a record contributes (for F1 metrics).
    """

    name: str
    features: Features
    value: Callable[[np.ndarray], np.ndarray]
    parse: bool = False
    higher_is_better: bool = True
    description: str = ""
    labels: Callable[[ScoreRecord], Iterable[str]] | None = None


def number(value: Any) -> float:
    """A score value as a number: booleans and numbers as they are, ``C``/``I``/``P``/``N`` as 1/0/0.5/0, anything
    else NaN."""
    if isinstance(value, bool):
        return float(value)
    if isinstance(value, int | float):
        return float(value)
    if isinstance(value, str):
        return {"C": 1.0, "I": 0.0, "P": 0.5, "N": 0.0}.get(value.strip().upper(), math.nan)
    return math.nan


def key_value(record: ScoreRecord, key: str) -> float:
    """``value[key]`` of a dict-valued score as a number (0 when it is missing or not a number)."""
    value = record.value.get(key) if isinstance(record.value, dict) else None
    result = number(value)
    return result if math.isfinite(result) else 0.0


def ratio(
    name: str,
    numerator: Callable[[ScoreRecord], float],
    denominator: Callable[[ScoreRecord], float] = lambda r: 1.0,
    *,
    scale: float = 1.0,
    parse: bool = False,
    higher_is_better: bool = True,
    description: str = "",
) -> HeadlineMetric:
    """``scale * sum(numerator) / sum(denominator)``; a record with denominator 0 adds nothing."""

    def features(record: ScoreRecord, labels: Sequence[str]) -> list[float]:
        weight = float(denominator(record))
        return [float(numerator(record)) if weight else 0.0, weight]

    def value(sums: np.ndarray) -> np.ndarray:
        return np.asarray(scale * sums[..., 0] / sums[..., 1], dtype=float)

    return HeadlineMetric(name, features, value, parse, higher_is_better, description)


def f1(
    name: str,
    gold: Callable[[ScoreRecord], Collection[str]],
    predicted: Callable[[ScoreRecord], Collection[str] | None],
    *,
    micro: bool = False,
    description: str = "",
) -> HeadlineMetric:
    """Macro-F1 (mean over labels present in gold or predictions) or micro-F1, over parsed records
    (``predicted`` not ``None``)."""

    def labels(record: ScoreRecord) -> Iterable[str]:
        chosen = predicted(record)
        return [] if chosen is None else [*gold(record), *chosen]

    def features(record: ScoreRecord, names: Sequence[str]) -> list[float]:
        chosen = predicted(record)
        row = [0.0] * (3 * len(names))
        if chosen is None:
            return row
        truth, guess = set(gold(record)), set(chosen)
        for i, label in enumerate(names):
            row[3 * i] = float(label in truth and label in guess)
            row[3 * i + 1] = float(label in guess and label not in truth)
            row[3 * i + 2] = float(label in truth and label not in guess)
        return row

    def value(sums: np.ndarray) -> np.ndarray:
        counts = sums.reshape(*sums.shape[:-1], -1, 3)
        tp, fp, fn = counts[..., 0], counts[..., 1], counts[..., 2]
        denominator = 2 * tp + fp + fn
        if micro:
            total = denominator.sum(axis=-1)
            return np.asarray(2 * tp.sum(axis=-1) / np.where(total > 0, total, np.nan), dtype=float)
        present = denominator > 0
        f1 = f1_from_counts(tp, fp, fn)
        count = present.sum(axis=-1)
        return np.asarray(f1.sum(axis=-1) / np.where(count > 0, count, np.nan), dtype=float)

    return HeadlineMetric(name, features, value, description=description, labels=labels)


def meta(record: ScoreRecord, key: str) -> Any:
    """The score metadata ``key`` of a record (``None`` when missing)."""
    return record.metadata.get(key)


def parsed_prediction(record: ScoreRecord) -> float:
    """1.0 when the scorer parsed a prediction (metadata ``predicted`` is set), else 0.0."""
    return float(meta(record, "predicted") is not None)


def one_label(value: Any) -> list[str] | None:
    """A single-label prediction as a label list (``None`` stays ``None``: unparsed)."""
    return None if value is None else [str(value)]



def generic_metrics(records: Sequence[ScoreRecord]) -> list[HeadlineMetric]:
    """Means of the score values of an unknown task (dict values: one metric per numeric key)."""
    if records and all(isinstance(r.value, dict) for r in records):
        keys: list[str] = []
        for record in records:
            keys.extend(k for k, v in record.value.items() if k not in keys and math.isfinite(number(v)))

        def finite(key: str) -> Callable[[ScoreRecord], float]:
            return lambda r: float(math.isfinite(number(r.value.get(key))))

        def value_of(key: str) -> Callable[[ScoreRecord], float]:
            return lambda r: key_value(r, key)

        metrics = [ratio(k, value_of(k), finite(k), parse="parse" in k) for k in keys]
        return sorted(metrics, key=lambda m: m.parse)
    metrics = [ratio("score", lambda r: scalar_value(r), lambda r: float(math.isfinite(number(r.value))))]
    if any(isinstance(r.value, str) and r.value.strip().upper() == "N" for r in records):
        metrics.append(ratio("no_answer", lambda r: float(isinstance(r.value, str) and r.value.strip().upper() == "N"),
                              parse=True, higher_is_better=False))
    return metrics


def scalar_value(record: ScoreRecord) -> float:
    """A scalar score value as a number (0 when it is not one)."""
    result = number(record.value)
    return result if math.isfinite(result) else 0.0
