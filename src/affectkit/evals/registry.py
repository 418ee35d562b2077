"""The one registry of evaluation tasks: every folder ``affectkit/evals/<benchmark>/`` that declares ``TASKS``.

A benchmark is one folder (a Python package) holding its data loading, prompts, scorer and task, whose
``__init__.py`` declares its tasks once::

    TASKS = (EvalTask("emobench_eu", emobench_eu, headline=eu_headline_metrics),)

From that declaration the inspect_ai entry point (``affectkit.evals._registry``) registers the task, the suite
runner (:mod:`affectkit.evals.suite`) accepts its name and the report (:mod:`affectkit.evals.report`) shows its
headline metrics; nothing else lists it. The folders are found by walking this package, so adding a benchmark
needs no edit anywhere else.

Example:
    >>> sorted(tasks())
    ['boundaries', 'emobench_ea', 'emobench_eu', 'emotion_recognition', 'eq_intensity', 'esc_strategy']
    >>> [m.name for m in get("emobench_ea").headline()]
    ['accuracy', 'parse_rate']
"""

from __future__ import annotations

import functools
import importlib
import pkgutil
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from affectkit.evals._report_model import Cell
    from affectkit.evals.headline import HeadlineMetric

__all__ = ["EvalTask", "get", "tasks"]


def _no_notes(cell: Cell) -> list[str]:
    return []


@dataclass(frozen=True)
class EvalTask:
    """One inspect_ai task of a benchmark folder.

    ``name`` is the task's name (inspect runs it as ``affectkit/<name>``; a suite names it in ``task``),
    ``function`` the ``@task`` function, ``headline()`` the metrics its report cells show (see
    :mod:`affectkit.evals.headline`; ``None``: the generic means of the score values), and ``notes(cell)`` extra
    notes for a report cell (such as EQ-Bench's validity rule).
    """

    name: str
    function: Callable[..., Any]
    headline: Callable[[], Sequence[HeadlineMetric]] | None = None
    notes: Callable[[Cell], list[str]] = _no_notes


@functools.cache
def tasks() -> dict[str, EvalTask]:
    """Every registered task by name, in folder order (imports each benchmark folder once)."""
    import affectkit.evals as package

    found: dict[str, EvalTask] = {}
    for info in sorted(pkgutil.iter_modules(package.__path__), key=lambda i: i.name):
        if not info.ispkg or info.name.startswith("_"):
            continue
        module = importlib.import_module(f"{package.__name__}.{info.name}")
        for entry in getattr(module, "TASKS", ()):
            if entry.name in found:
                raise ValueError(f"eval task {entry.name!r} is declared twice (in {module.__name__})")
            found[entry.name] = entry
    return found


def get(name: str) -> EvalTask | None:
    """The task called ``name`` (an ``affectkit/`` prefix is allowed), or ``None``."""
    return tasks().get(name.removeprefix("affectkit/"))
