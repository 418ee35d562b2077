"""The one builder of the benchmarks' inspect ``Task`` objects.

:func:`variant_task` makes the task function of a benchmark that runs with solver variants: the benchmark's function
takes only its own parameters and returns its dataset and scorer; the decorator adds the variant parameters
(:data:`VARIANT_PARAMETERS`: ``solver``, ``stimulus``, ``affect_hints``, ``support_plan``) to its signature, where
inspect_ai reads a task's parameters, and to its docstring, and puts the affectkit wrappers they choose in front of
the solver (:func:`affectkit.evals.solvers.compose`). A new variant parameter is one entry of
:data:`VARIANT_PARAMETERS` (and its wrapper in ``compose``). :func:`file_task` is the task of a benchmark read from
one data file (``data``), named after the file and versioned.

Example:
    >>> def lines(data: str, language: str | None = None):
    ...     '''A toy task.
    ...
    ...     Args:
    ...         data: a file.
    ...         language: keep this language only.
    ...     '''
    ...     return data, language
    >>> toy = variant_task(lines)
    >>> list(inspect.signature(toy).parameters)
    ['data', 'language', 'solver', 'stimulus', 'affect_hints', 'support_plan']
    >>> print(toy.__doc__.split("Args:")[1].splitlines()[3].strip()[:58])
    solver: the solver to run instead of ``generate()`` (the w
"""

from __future__ import annotations

import functools
import inspect
import textwrap
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from affectkit.evals._optional import require_inspect
from affectkit.evals.solvers import compose

if TYPE_CHECKING:
    from inspect_ai import Task
    from inspect_ai.dataset import Dataset, Sample
    from inspect_ai.scorer import Scorer
    from inspect_ai.solver import Solver

__all__ = ["VARIANT_PARAMETERS", "VariantParameter", "file_task", "variant_task"]


@dataclass(frozen=True)
class VariantParameter:
    """A parameter that every variant task takes: its name, default, type (as written in a signature) and the
    line that documents it."""

    name: str
    default: Any
    annotation: str
    doc: str


VARIANT_PARAMETERS: tuple[VariantParameter, ...] = (
    VariantParameter(
        "solver", None, "Solver | Sequence[Solver] | None",
        "the solver to run instead of ``generate()`` (the wrappers below still go in front).",
    ),
    VariantParameter(
        "stimulus", None, "str | None",
        "an emotional-stimulus id (``EP01``..., ``NP01``...) to append to the last user message (the prompt).",
    ),
    VariantParameter(
        "affect_hints", False, "bool",
        "put affectkit's reading of the input (the text, or the conversation so far) in a system message.",
    ),
    VariantParameter(
        "support_plan", False, "bool",
        "put affectkit's plan for the next reply (strategy, target, boundaries) in a system message.",
    ),
)
"""The variant parameters, in the order they follow a task's own parameters (see :func:`variant_task`)."""


def variant_task(parts: Callable[..., tuple[Dataset, Scorer]]) -> Callable[..., Task]:
    """The task function of ``parts`` (which returns a benchmark's dataset and scorer) run with solver variants.

    The returned function takes ``parts``' parameters followed by :data:`VARIANT_PARAMETERS`, as its signature
    and its docstring's ``Args:`` say; its task's solver is the wrappers the variant parameters choose, then
    ``solver`` (default ``generate()``). Put ``@task`` above it::

        @task
        @variant_task
        def my_bench(data: str) -> tuple[Dataset, Scorer]:
            return my_dataset(data), my_scorer()
    """
    own = inspect.signature(parts)
    names = [p.name for p in VARIANT_PARAMETERS]
    if clash := [name for name in names if name in own.parameters]:
        raise TypeError(f"{parts.__qualname__} declares the variant parameters {clash} itself")
    signature = own.replace(
        parameters=[
            *own.parameters.values(),
            *(inspect.Parameter(p.name, inspect.Parameter.POSITIONAL_OR_KEYWORD, default=p.default,
                                annotation=p.annotation) for p in VARIANT_PARAMETERS),
        ],
        return_annotation="Task",
    )

    @functools.wraps(parts)
    def build(*args: Any, **kwargs: Any) -> Task:
        bound = signature.bind(*args, **kwargs)
        bound.apply_defaults()
        variant = {name: bound.arguments.pop(name) for name in names}
        dataset, scorer = parts(*bound.args, **bound.kwargs)
        require_inspect()
        from inspect_ai import Task

        solver = variant.pop("solver")
        return Task(dataset=dataset, solver=compose(solver, **variant), scorer=scorer)

    build.__signature__ = signature  # type: ignore[attr-defined]  # inspect.signature reads it, not parts' own
    build.__annotations__ = {**parts.__annotations__, **{p.name: p.annotation for p in VARIANT_PARAMETERS},
                             "return": "Task"}
    build.__doc__ = _document(parts.__doc__)
    return build


def _document(doc: str | None) -> str:
    """``doc`` with :data:`VARIANT_PARAMETERS` documented at the end of its ``Args:`` section (added if missing)."""
    lines = inspect.cleandoc(doc or "").splitlines()
    start = next((i for i, line in enumerate(lines) if line.strip() == "Args:"), None)
    if start is None:
        lines += ["", "Args:"]
        start = len(lines) - 1
    end = start + 1
    while end < len(lines) and lines[end].strip():
        end += 1
    indent = "    "
    added = [
        textwrap.fill(f"{p.name}: {p.doc}", width=116, initial_indent=indent, subsequent_indent=indent * 2)
        for p in VARIANT_PARAMETERS
    ]
    return "\n".join([*lines[:end], *added, *lines[end:]])


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
