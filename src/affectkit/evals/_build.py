"""The one builder of the benchmarks' inspect ``Task`` objects.

:func:`variant_task` is the task of a benchmark whose function takes the solver-variant arguments (``solver``,
``stimulus``, ``affect_hints``, ``support_plan``): the affectkit wrappers go in front of its solver
(:func:`affectkit.evals.solvers.compose`). :func:`file_task` is the task of a benchmark read from one data file
(``data``), named after the file and versioned.

Example:
    >>> callable(variant_task) and callable(file_task)
    True
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from affectkit.evals._optional import require_inspect
from affectkit.evals.solvers import compose

if TYPE_CHECKING:
    from inspect_ai import Task
    from inspect_ai.dataset import Dataset, Sample
    from inspect_ai.scorer import Scorer
    from inspect_ai.solver import Solver

__all__ = ["file_task", "variant_task"]


def variant_task(
    dataset: Dataset,
    scorer: Scorer,
    solver: Solver | Sequence[Solver] | None = None,
    *,
    stimulus: str | None = None,
    affect_hints: bool = False,
    support_plan: bool = False,
    **task_args: Any,
) -> Task:
    """A task whose solver is the chosen wrappers, then ``solver`` (default ``generate()``)."""
    require_inspect()
    from inspect_ai import Task

    return Task(
        dataset=dataset,
        solver=compose(solver, stimulus=stimulus, affect_hints=affect_hints, support_plan=support_plan),
        scorer=scorer,
        **task_args,
    )


def file_task(
    samples: list[Sample], data: str, solver: Solver, scorer: Scorer, metadata: dict[str, Any], **task_args: Any
) -> Task:
    """A task over the samples read from the file ``data`` (the dataset named after it), version 1."""
    require_inspect()
    from inspect_ai import Task
    from inspect_ai.dataset import MemoryDataset

    return Task(
        dataset=MemoryDataset(samples, name=Path(data).stem, location=str(data)),
        solver=solver,
        scorer=scorer,
        metadata=metadata,
        version=1,
        **task_args,
    )
