"""Probability calibration: a monotone map per label, fitted on a dev split, stored in the model config.

The shipped heads are trained with a positive weight against label imbalance, so their raw outputs
overstate how often a label is right (GoEmotions test: the most probable label has a mean probability of
0.875 and is a gold label 60% of the time). :class:`LabelCalibrator` maps each label's raw probability
``p`` through its own logistic curve on the log-odds (Platt scaling),

    calibrated = sigmoid(slope * logit(p) + intercept),   slope > 0,

fitted by maximum likelihood on dev. Each map is strictly increasing, so a decision ``p >= t`` is the
decision ``calibrated >= map(t)``: the thresholds are carried into the calibrated scale
(:meth:`LabelCalibrator.map_thresholds`) and every label decision stays what it was.

The recognizer reads the fitted maps from its config (``heads.<head>.calibration``) and applies them at
run time; the model weights are untouched.

Example:
    >>> import numpy as np
    >>> rng = np.random.default_rng(0)
    >>> raw = rng.uniform(0.01, 0.99, size=(4000, 1))
    >>> gold = rng.uniform(size=(4000, 1)) < raw ** 3      # the raw scores overstate the truth
    >>> calibrator = LabelCalibrator().fit(raw, gold)
    >>> bool(calibrator.transform(np.array([[0.9]]))[0, 0] < 0.85)
    True
    >>> calibrator.map_thresholds([0.5]) == calibrator.transform(np.array([[0.5]]))[0].tolist()
    True
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np

from affectkit.errors import AffectkitError

METHOD = "platt"
EPSILON = 1e-6  # raw probabilities are clipped to [EPSILON, 1 - EPSILON] before taking log-odds
MIN_SLOPE = 0.05  # keeps every map strictly increasing


def log_odds(p: Any, eps: float = EPSILON) -> np.ndarray:
    """Log-odds of probabilities clipped to ``eps``..``1 - eps``, element-wise: the one log-odds helper (the
    calibrators, the crisis verifier's combination and the multilingual intensity model each keep their own ``eps``).

    Example:
        >>> log_odds(np.array([0.5, 1.0]), 1e-4).round(3).tolist()
        [0.0, 9.21]
    """
    q = np.clip(np.asarray(p, dtype=np.float64), eps, 1 - eps)
    result: np.ndarray = np.log(q) - np.log1p(-q)
    return result


def _sigmoid(z: np.ndarray) -> np.ndarray:
    result: np.ndarray = 0.5 * (1.0 + np.tanh(0.5 * z))  # no overflow for large |z|
    return result


def fit_platt(raw: np.ndarray, gold: np.ndarray, weights: np.ndarray | None = None, ridge: float = 1e-3,
              iterations: int = 100) -> tuple[float, float]:
    """``(slope, intercept)`` of the logistic curve on ``logit(raw)`` that maximises the (weighted)
    likelihood of the 0/1 ``gold``, by Newton's method; ``ridge`` pulls toward the identity map
    (slope 1, intercept 0) so that a label with few positives keeps a sensible curve.

    Example:
        >>> raw = np.array([0.1, 0.2, 0.3, 0.7, 0.8, 0.9] * 50)
        >>> gold = np.array([0, 0, 1, 0, 1, 1] * 50)
        >>> slope, intercept = fit_platt(raw, gold)
        >>> 0 < slope < 1   # the raw scores are too sure of themselves
        True
    """
    z = log_odds(raw)
    y = np.asarray(gold, dtype=np.float64)
    w = np.ones_like(y) if weights is None else np.asarray(weights, dtype=np.float64)
    x = np.stack([z, np.ones_like(z)], axis=1)
    theta = np.array([1.0, 0.0])
    prior = np.array([1.0, 0.0])
    scale = float(w.sum())
    for _ in range(iterations):
        p = _sigmoid(x @ theta)
        gradient = x.T @ (w * (p - y)) / scale + ridge * (theta - prior)
        hessian = (x * (w * p * (1 - p))[:, None]).T @ x / scale + ridge * np.eye(2)
        step = np.linalg.solve(hessian, gradient)
        theta = theta - step
        if np.abs(step).max() < 1e-10:
            break
    return max(float(theta[0]), MIN_SLOPE), float(theta[1])


class LabelCalibrator:
    """One increasing logistic map per label (column), learned on dev (see the module docstring).

    ``fit`` sets ``slopes_`` and ``intercepts_``; ``to_config`` / ``from_config`` store them in, and read
    them from, a head's entry of a model config.

    Example:
        >>> calibrator = LabelCalibrator.from_config({"method": "platt", "slope": [0.5], "intercept": [-1.0]})
        >>> calibrator.transform(np.array([[0.5]])).round(4).tolist()
        [[0.2689]]
    """

    def __init__(self, ridge: float = 1e-3) -> None:
        self.ridge = ridge

    def fit(self, raw: np.ndarray, gold: np.ndarray, weights: np.ndarray | None = None) -> LabelCalibrator:
        """Fit one map per column of ``raw`` (rows: texts) to the 0/1 ``gold`` of the same shape;
        ``weights`` (one per row) count some rows more than others."""
        raw, gold = np.asarray(raw), np.asarray(gold)
        fitted = [fit_platt(raw[:, j], gold[:, j], weights, self.ridge) for j in range(raw.shape[1])]
        self.slopes_ = np.array([s for s, _ in fitted])
        self.intercepts_ = np.array([b for _, b in fitted])
        return self

    def transform(self, raw: np.ndarray) -> np.ndarray:
        """Calibrated probabilities, same shape as ``raw`` (float64)."""
        return _sigmoid(self.slopes_ * log_odds(raw) + self.intercepts_)

    def map_thresholds(self, thresholds: Sequence[float]) -> list[float]:
        """The raw-scale thresholds carried into the calibrated scale (``p >= t`` iff ``map(p) >= map(t)``)."""
        return [float(v) for v in self.transform(np.asarray(thresholds, dtype=np.float64)[None, :])[0]]

    def to_config(self) -> dict[str, Any]:
        return {"method": METHOD, "slope": [round(float(s), 6) for s in self.slopes_],
                "intercept": [round(float(b), 6) for b in self.intercepts_]}

    @classmethod
    def from_config(cls, entry: Mapping[str, Any]) -> LabelCalibrator:
        """The calibrator stored by :meth:`to_config` (AK-E007 for an unknown method or a malformed entry)."""
        if entry.get("method") != METHOD or len(entry.get("slope", [])) != len(entry.get("intercept", [])):
            method = entry.get("method")
            raise AffectkitError("AK-E007", f"model config: unreadable calibration entry (method {method!r})")
        calibrator = cls()
        calibrator.slopes_ = np.asarray(entry["slope"], dtype=np.float64)
        calibrator.intercepts_ = np.asarray(entry["intercept"], dtype=np.float64)
        if (calibrator.slopes_ <= 0).any():
            raise AffectkitError("AK-E007", "model config: a calibration slope is not positive (maps must increase)")
        return calibrator
