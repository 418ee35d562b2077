"""How well, and how evenly, a system picks ESConv support strategies.

Two views of the same predictions, after Kang et al. (ACL 2024), "Can Large Language Models be Good
Emotional Supporter? Mitigating Preference Bias on Emotional Support Conversation":

* **proficiency** — macro-F1 over the strategies;
* **preference** — one Bradley–Terry strength per strategy, fitted on the confusion matrix read as a
  tournament (predicting strategy ``i`` where the gold strategy is ``j`` is a win of ``i`` over ``j``),
  scaled so that the strengths sum to the number of strategies; **bias** ``B`` is their spread.

A system without preference has every strength at 1 and ``B = 0``; one that answers every turn with the
same strategy has that strategy's strength near the number of strategies and a large ``B``.

The confusion matrix is :func:`affectkit.metrics.classification.confusion_matrix`, the F1
:func:`~affectkit.metrics.classification.f1_from_counts`. Nothing here knows about models: lists of label strings
go in, a :class:`StrategyReport` comes out, so
the same code scores the shipped planner and any LLM.

Example:
    >>> gold = ["Question", "Question", "Information", "Others"]
    >>> predicted = ["Question", "Information", "Information", "Question"]
    >>> report = strategy_report(gold, predicted)
    >>> report.accuracy
    0.5
    >>> round(sum(report.preferences.values()), 6)
    8.0
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from pydantic import BaseModel, ConfigDict, Field

from affectkit.errors import AffectkitError
from affectkit.metrics.classification import _check_labels, confusion_matrix, f1_from_counts
from affectkit.planning.labels import STRATEGIES

DEFAULT_PSEUDO_COUNT = 0.01
"""Virtual wins added in both directions to every pair of strategies before fitting Bradley–Terry."""


# --- Bradley–Terry ---------------------------------------------------------------------------------


def bradley_terry(
    wins: np.ndarray,
    iterations: int = 10_000,
    tol: float = 1e-10,
    pseudo_count: float = DEFAULT_PSEUDO_COUNT,
) -> np.ndarray:
    """Bradley–Terry strengths from a matrix of pairwise wins, scaled to sum to the number of players.

    ``wins[i, j]`` is how often player ``i`` beat player ``j``; the diagonal is ignored. The model says
    ``i`` beats ``j`` with probability ``p_i / (p_i + p_j)``; the strengths are the maximum-likelihood
    estimate found with the minorisation–maximisation iteration of Hunter (2004, Annals of Statistics
    32(1)), ``p_i <- W_i / sum_j n_ij / (p_i + p_j)``, with ``W_i`` the wins of ``i`` and ``n_ij`` the
    games between ``i`` and ``j``. After each step the strengths are rescaled to sum to the number of
    players; iteration stops when no strength moves by more than ``tol`` or after ``iterations`` steps.

    The plain estimate does not exist when a player never wins (its strength goes to 0) or never plays
    (anything fits). So ``pseudo_count`` virtual wins are added to every off-diagonal cell, i.e. each
    pair is treated as having also played ``2 * pseudo_count`` games split evenly — a weak prior that
    pulls the strengths towards each other. The default 0.01 is negligible beside real counts: a
    strategy that never wins gets a strength near 0, one that never appears lands between the
    strongest and the weakest.
    With ``pseudo_count=0`` the result is the plain estimate where it exists; if nobody ever wins, all
    strengths are 1.

    Example (two players, 3 wins to 1, so ``p1 / p2 = 3``):
        >>> bradley_terry(np.array([[0, 3], [1, 0]]), pseudo_count=0).round(6).tolist()
        [1.5, 0.5]
    """
    matrix = np.asarray(wins, dtype=float)
    if matrix.ndim != 2 or matrix.shape[0] != matrix.shape[1]:
        raise ValueError(f"wins must be a square matrix, got shape {matrix.shape}")
    if not np.all(np.isfinite(matrix)) or np.any(matrix < 0):
        raise ValueError("wins must be finite and non-negative")
    if pseudo_count < 0:
        raise ValueError(f"pseudo_count must be >= 0, got {pseudo_count}")
    size = matrix.shape[0]
    if size == 0:
        return np.zeros(0)
    off_diagonal = ~np.eye(size, dtype=bool)
    matrix = np.where(off_diagonal, matrix + pseudo_count, 0.0)
    games = matrix + matrix.T
    total_wins = matrix.sum(axis=1)
    if total_wins.sum() == 0:
        return np.ones(size)

    strengths = np.ones(size)
    for _ in range(iterations):
        pair_sums = strengths[:, None] + strengths[None, :]
        weights = np.divide(games, pair_sums, out=np.zeros_like(games), where=pair_sums > 0)
        denominator = weights.sum(axis=1)
        # A player with no games keeps its strength; with pseudo_count > 0 that never happens.
        updated = np.divide(total_wins, denominator, out=strengths.copy(), where=denominator > 0)
        updated *= size / updated.sum()
        converged = float(np.max(np.abs(updated - strengths))) <= tol
        strengths = updated
        if converged:
            break
    return strengths


def preference_bias(preferences: np.ndarray | Sequence[float]) -> float:
    """Bias ``B``: the population standard deviation (divisor ``n``, not ``n - 1``) of the preferences.

    Example:
        >>> preference_bias([1.0, 1.0, 1.0])
        0.0
        >>> preference_bias([2.0, 0.0])
        1.0
    """
    return float(np.std(np.asarray(preferences, dtype=float)))


# --- Report ----------------------------------------------------------------------------------------


class StrategyScores(BaseModel):
    """Scores of one strategy: ``support`` is how often it is the gold label, ``predicted`` how often it
    was predicted; precision, recall and F1 are 0 where their denominator is 0."""

    model_config = ConfigDict(frozen=True)

    precision: float = Field(ge=0.0, le=1.0)
    recall: float = Field(ge=0.0, le=1.0)
    f1: float = Field(ge=0.0, le=1.0)
    support: int = Field(ge=0)
    predicted: int = Field(ge=0)


class StrategyReport(BaseModel):
    """Proficiency and preference bias of a set of strategy predictions (see :func:`strategy_report`).

    ``confusion[i][j]`` counts examples with gold ``labels[i]`` predicted as ``labels[j]``;
    ``macro_f1_labels`` are the labels the macro-F1 averages over; ``preferences`` sum to
    ``len(labels)``; ``bias`` is their population standard deviation.
    """

    labels: list[str]
    n: int = Field(ge=0)
    correct: int = Field(ge=0)
    accuracy: float
    macro_f1: float
    macro_f1_labels: list[str]
    per_strategy: dict[str, StrategyScores]
    confusion: list[list[int]]
    preferences: dict[str, float]
    bias: float
    pseudo_count: float

    def confusion_array(self) -> np.ndarray:
        """The confusion matrix as a numpy array (rows gold, columns predicted).

        Example:
            >>> int(strategy_report(["Question"], ["Others"]).confusion_array()[0, 7])
            1
        """
        return np.asarray(self.confusion, dtype=np.int64)


def strategy_report(
    gold: Sequence[str],
    predicted: Sequence[str],
    labels: Sequence[str] = STRATEGIES,
    *,
    pseudo_count: float = DEFAULT_PSEUDO_COUNT,
) -> StrategyReport:
    """Accuracy, macro-F1, per-strategy scores, confusion matrix, preferences and bias ``B``.

    * ``macro_f1`` is the unweighted mean F1 over the labels that occur at least once in ``gold`` or in
      ``predicted`` (listed in ``macro_f1_labels``); a label absent from both has no defined F1 and is
      left out rather than counted as 0. Per-strategy scores are still given for every label.
    * ``preferences`` are :func:`bradley_terry` strengths over all ``labels`` of the wins matrix
      ``confusion.T`` (a prediction of ``i`` for gold ``j`` is a win of ``i`` over ``j``; correct
      predictions are ignored), with ``pseudo_count`` as there; they sum to ``len(labels)``.
    * ``bias`` is :func:`preference_bias` of the preferences (population standard deviation).

    Raises ``AK-E011`` for an unknown label (see :func:`confusion_matrix`) and ``AK-E009`` when there
    are no examples.

    Example:
        >>> report = strategy_report(["Question", "Information"], ["Question", "Question"])
        >>> report.accuracy, round(report.macro_f1, 3), report.macro_f1_labels
        (0.5, 0.333, ['Question', 'Information'])
    """
    names = _check_labels(labels)
    matrix = confusion_matrix(gold, predicted, names)
    total = int(matrix.sum())
    if total == 0:
        raise AffectkitError("AK-E009", "there are no examples to evaluate")

    true_positives = np.diag(matrix).astype(float)
    support = matrix.sum(axis=1)
    predicted_counts = matrix.sum(axis=0)
    precision = np.divide(
        true_positives, predicted_counts, out=np.zeros_like(true_positives), where=predicted_counts > 0
    )
    recall = np.divide(true_positives, support, out=np.zeros_like(true_positives), where=support > 0)
    f1 = f1_from_counts(true_positives, predicted_counts - true_positives, support - true_positives)
    present = (support + predicted_counts) > 0

    strengths = bradley_terry(matrix.T, pseudo_count=pseudo_count)
    correct = int(true_positives.sum())
    return StrategyReport(
        labels=names,
        n=total,
        correct=correct,
        accuracy=correct / total,
        macro_f1=float(f1[present].mean()),
        macro_f1_labels=[name for name, keep in zip(names, present, strict=True) if keep],
        per_strategy={
            name: StrategyScores(
                precision=float(precision[i]),
                recall=float(recall[i]),
                f1=float(f1[i]),
                support=int(support[i]),
                predicted=int(predicted_counts[i]),
            )
            for i, name in enumerate(names)
        },
        confusion=matrix.tolist(),
        preferences={name: float(strengths[i]) for i, name in enumerate(names)},
        bias=preference_bias(strengths),
        pseudo_count=pseudo_count,
    )


def format_report(report: StrategyReport) -> str:
    """A plain-text table of a :class:`StrategyReport`: one row per strategy, then the summary numbers.

    Example:
        >>> report = strategy_report(["Question", "Others"], ["Question", "Question"])
        >>> print(format_report(report).splitlines()[0])
        strategy                     support  predicted  precision  recall     F1  preference
    """
    width = max(len("strategy"), *(len(label) for label in report.labels))
    header = (
        f"{'strategy':<{width}}  {'support':>7}  {'predicted':>9}  {'precision':>9}  {'recall':>6}  "
        f"{'F1':>5}  {'preference':>10}"
    )
    lines = [header, "-" * len(header)]
    for label in report.labels:
        scores = report.per_strategy[label]
        lines.append(
            f"{label:<{width}}  {scores.support:>7}  {scores.predicted:>9}  {scores.precision:>9.3f}  "
            f"{scores.recall:>6.3f}  {scores.f1:>5.3f}  {report.preferences[label]:>10.3f}"
        )
    lines.append("-" * len(header))
    lines.append(f"examples   {report.n}")
    lines.append(f"accuracy   {report.accuracy:.3f} ({report.correct}/{report.n})")
    scored = f"over {len(report.macro_f1_labels)} of {len(report.labels)} labels"
    lines.append(f"macro-F1   {report.macro_f1:.3f} ({scored})")
    lines.append(f"bias B     {report.bias:.3f} (std of preferences; 0 = no preference)")
    return "\n".join(lines)
