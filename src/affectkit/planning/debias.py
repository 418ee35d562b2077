"""Prior correction of strategy probabilities, to reduce a planner's preference for a few strategies.

A model that over-predicts some strategies puts, on average, too much probability on them. Dividing
each predicted distribution by the model's average predicted distribution (its *prior*, estimated on
validation predictions) raised to a strength ``alpha`` and renormalising removes part (``alpha < 1``)
or all (``alpha = 1``) of that tilt; ``alpha = 0`` changes nothing. With ``alpha="auto"`` the strength
is chosen on validation data: the least biased setting (bias ``B``, see :mod:`affectkit.metrics.strategy`)
whose macro-F1 is at most ``max_f1_loss`` below that of the uncorrected model.

Example:
    >>> import numpy as np
    >>> probabilities = np.array([[0.7, 0.3], [0.9, 0.1]])
    >>> debiaser = PriorDebiaser(alpha=1.0, labels=["a", "b"]).fit(probabilities)
    >>> debiaser.prior_.round(2).tolist()
    [0.8, 0.2]
    >>> debiaser.predict(probabilities)
    ['b', 'a']
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any, Literal

import numpy as np

from affectkit.planning.labels import STRATEGIES

DEFAULT_GRID: tuple[float, ...] = tuple(round(0.05 * step, 2) for step in range(21))
"""Strengths tried by ``alpha="auto"``: 0, 0.05, ..., 1."""

_FORMAT_VERSION = 1


def _as_distributions(probabilities: np.ndarray | Sequence[Sequence[float]], size: int) -> np.ndarray:
    """Validate a (rows, size) matrix of non-negative scores and scale every row to sum to 1."""
    matrix = np.asarray(probabilities, dtype=float)
    if matrix.ndim != 2 or matrix.shape[1] != size:
        raise ValueError(f"probabilities must have shape (n, {size}), got {matrix.shape}")
    if not np.all(np.isfinite(matrix)) or np.any(matrix < 0):
        raise ValueError("probabilities must be finite and non-negative")
    totals = matrix.sum(axis=1, keepdims=True)
    if np.any(totals <= 0):
        raise ValueError("every row of probabilities must have a positive sum")
    return matrix / totals


class PriorDebiaser:
    """Divide strategy distributions by the model's average distribution to the power ``alpha``.

    Parameters (stored as given; checked in :meth:`fit`):
        alpha: a strength in [0, 1], or ``"auto"`` to pick one from ``grid`` on the data given to
            :meth:`fit`, which then needs gold labels.
        labels: the strategy of each probability column, in order (the ESConv eight by default).
        grid: the strengths ``"auto"`` tries; 0 (no correction) is always tried as the reference.
        max_f1_loss: how far below the uncorrected macro-F1 the chosen strength may take the macro-F1.
        min_prior: floor for the estimated prior, so that a strategy the model (almost) never predicts
            does not divide by zero or blow up; the floored prior is renormalised.

    Learned state after :meth:`fit`: ``prior_`` (mean predicted distribution, one value per label),
    ``alpha_`` (the strength used) and ``grid_scores_`` (``(alpha, macro_f1, bias)`` for each strength
    tried by ``"auto"``; empty for a fixed strength).

    Example:
        >>> import numpy as np
        >>> scores = np.array([[0.6, 0.4], [0.8, 0.2], [0.7, 0.3], [0.9, 0.1]])
        >>> debiaser = PriorDebiaser(alpha="auto", labels=["a", "b"]).fit(scores, gold=["b", "a", "b", "a"])
        >>> debiaser.alpha_, debiaser.predict(scores)
        (0.8, ['b', 'a', 'b', 'a'])
    """

    def __init__(
        self,
        alpha: float | Literal["auto"] = 1.0,
        *,
        labels: Sequence[str] = STRATEGIES,
        grid: Sequence[float] = DEFAULT_GRID,
        max_f1_loss: float = 0.01,
        min_prior: float = 1e-4,
    ) -> None:
        self.alpha = alpha
        self.labels = labels
        self.grid = grid
        self.max_f1_loss = max_f1_loss
        self.min_prior = min_prior

    # --- fitting -----------------------------------------------------------------------------------

    def fit(
        self,
        probabilities: np.ndarray | Sequence[Sequence[float]],
        gold: Sequence[str] | None = None,
    ) -> PriorDebiaser:
        """Estimate ``prior_`` from validation predictions and set ``alpha_``; returns ``self``.

        ``probabilities`` is an (examples, labels) matrix; rows are rescaled to sum to 1 first. ``gold``
        holds the true strategy of each row and is required for ``alpha="auto"`` (ignored otherwise).

        Example:
            >>> PriorDebiaser(alpha=0.5, labels=["a", "b"]).fit([[0.5, 0.5], [1.0, 0.0]]).prior_.tolist()
            [0.75, 0.25]
        """
        names = list(self.labels)
        if len(names) < 2 or len(set(names)) != len(names):
            raise ValueError(f"labels must be at least two distinct names, got {names}")
        if not 0 < self.min_prior < 1 / len(names):
            raise ValueError(f"min_prior must be in (0, 1/{len(names)}), got {self.min_prior}")
        distributions = _as_distributions(probabilities, len(names))
        prior = np.maximum(distributions.mean(axis=0), self.min_prior)
        self.prior_: np.ndarray = prior / prior.sum()

        self.grid_scores_: list[tuple[float, float, float]] = []
        if self.alpha == "auto":
            self.alpha_: float = self._choose_alpha(distributions, gold, names)
        elif isinstance(self.alpha, int | float) and 0.0 <= float(self.alpha) <= 1.0:
            self.alpha_ = float(self.alpha)
        else:
            raise ValueError(f"alpha must be a number in [0, 1] or 'auto', got {self.alpha!r}")
        return self

    def _choose_alpha(self, distributions: np.ndarray, gold: Sequence[str] | None, names: list[str]) -> float:
        if gold is None:
            raise ValueError("alpha='auto' needs the gold labels of the validation data: fit(probabilities, gold)")
        from affectkit.metrics.strategy import strategy_report  # choosing alpha is measurement: only when fitting

        if len(gold) != len(distributions):
            raise ValueError(f"gold has {len(gold)} labels but probabilities has {len(distributions)} rows")
        if self.max_f1_loss < 0:
            raise ValueError(f"max_f1_loss must be >= 0, got {self.max_f1_loss}")
        candidates = sorted({0.0, *(float(value) for value in self.grid)})
        if candidates[0] < 0 or candidates[-1] > 1:
            raise ValueError(f"grid values must lie in [0, 1], got {list(self.grid)}")

        for candidate in candidates:
            predicted = self._argmax_labels(self._correct(distributions, candidate), names)
            report = strategy_report(gold, predicted, names)
            self.grid_scores_.append((candidate, report.macro_f1, report.bias))
        reference_f1 = self.grid_scores_[0][1]  # alpha = 0 comes first
        allowed = [score for score in self.grid_scores_ if score[1] >= reference_f1 - self.max_f1_loss - 1e-12]
        # Least bias wins; among equal biases, the weakest correction.
        best = min(allowed, key=lambda score: (round(score[2], 12), score[0]))
        return best[0]

    # --- applying ----------------------------------------------------------------------------------

    def _correct(self, distributions: np.ndarray, alpha: float) -> np.ndarray:
        corrected = distributions / self.prior_**alpha
        return corrected / corrected.sum(axis=1, keepdims=True)

    @staticmethod
    def _argmax_labels(distributions: np.ndarray, names: list[str]) -> list[str]:
        return [names[i] for i in distributions.argmax(axis=1)]

    def _check_fitted(self) -> None:
        if not hasattr(self, "prior_") or not hasattr(self, "alpha_"):
            raise RuntimeError("this PriorDebiaser is not fitted yet: call fit() or from_dict() first")

    def transform(self, probabilities: np.ndarray | Sequence[Sequence[float]]) -> np.ndarray:
        """The corrected distributions: each row times ``prior_ ** -alpha_``, rescaled to sum to 1.

        Example:
            >>> debiaser = PriorDebiaser(alpha=1.0, labels=["a", "b"]).fit([[0.75, 0.25]])
            >>> debiaser.transform([[0.75, 0.25], [0.5, 0.5]]).round(2).tolist()
            [[0.5, 0.5], [0.25, 0.75]]
        """
        self._check_fitted()
        return self._correct(_as_distributions(probabilities, len(self.prior_)), self.alpha_)

    def predict(self, probabilities: np.ndarray | Sequence[Sequence[float]]) -> list[str]:
        """The most probable strategy of each corrected row (the first label on a tie).

        Example:
            >>> PriorDebiaser(alpha=1.0, labels=["a", "b"]).fit([[0.8, 0.2]]).predict([[0.7, 0.3]])
            ['b']
        """
        return self._argmax_labels(self.transform(probabilities), list(self.labels))

    # --- serialisation -----------------------------------------------------------------------------

    def to_dict(self) -> dict[str, Any]:
        """Settings and, once fitted, learned state as plain JSON-ready values.

        Example:
            >>> state = PriorDebiaser(alpha=1.0, labels=["a", "b"]).fit([[0.8, 0.2]]).to_dict()
            >>> state["alpha_"], [round(value, 2) for value in state["prior_"]]
            (1.0, [0.8, 0.2])
        """
        state: dict[str, Any] = {
            "type": "prior-debiaser",
            "version": _FORMAT_VERSION,
            "alpha": self.alpha if self.alpha == "auto" else float(self.alpha),
            "labels": list(self.labels),
            "grid": [float(value) for value in self.grid],
            "max_f1_loss": float(self.max_f1_loss),
            "min_prior": float(self.min_prior),
        }
        if hasattr(self, "prior_") and hasattr(self, "alpha_"):
            state["alpha_"] = self.alpha_
            state["prior_"] = [float(value) for value in self.prior_]
            state["grid_scores_"] = [list(score) for score in self.grid_scores_]
        return state

    @classmethod
    def from_dict(cls, state: Mapping[str, Any]) -> PriorDebiaser:
        """Rebuild a debiaser from :meth:`to_dict` output (fitted if the state was fitted).

        Example:
            >>> original = PriorDebiaser(alpha=0.5, labels=["a", "b"]).fit([[0.8, 0.2]])
            >>> copy = PriorDebiaser.from_dict(original.to_dict())
            >>> copy.transform([[0.5, 0.5]]).tolist() == original.transform([[0.5, 0.5]]).tolist()
            True
        """
        if state.get("type") != "prior-debiaser" or state.get("version") != _FORMAT_VERSION:
            raise ValueError(
                f"not a version-{_FORMAT_VERSION} prior-debiaser state: "
                f"type={state.get('type')!r}, version={state.get('version')!r}"
            )
        debiaser = cls(
            alpha=state["alpha"],
            labels=tuple(state["labels"]),
            grid=tuple(float(value) for value in state["grid"]),
            max_f1_loss=float(state["max_f1_loss"]),
            min_prior=float(state["min_prior"]),
        )
        if "prior_" in state:
            prior = np.asarray(state["prior_"], dtype=float)
            if prior.shape != (len(debiaser.labels),):
                raise ValueError(f"prior_ has {prior.size} values for {len(debiaser.labels)} labels")
            debiaser.prior_ = prior
            debiaser.alpha_ = float(state["alpha_"])
            debiaser.grid_scores_ = [
                (float(a), float(f1), float(bias)) for a, f1, bias in state.get("grid_scores_", [])
            ]
        return debiaser
