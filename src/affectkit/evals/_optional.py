"""inspect_ai's decorators for the eval modules, or stand-ins when the ``eval`` extra is not installed.

The task modules apply ``@task``, ``@solver``, ``@scorer`` and ``@metric`` at import time (that is how inspect_ai
registers them). Importing them from here keeps those modules importable without inspect_ai, so their pure parts
(parsers, scores, loaders) still work; the stand-ins make every task, solver and scorer factory raise
``AK-E008`` naming the extra instead. Only the eval modules import this module, never ``import affectkit``.

Example:
    >>> from affectkit.evals._optional import HAVE_INSPECT
    >>> HAVE_INSPECT in (True, False)   # require_inspect() raises AK-E008 when it is False
    True
"""

from __future__ import annotations

import functools
import importlib.util
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from affectkit.errors import missing_extra

__all__ = ["HAVE_INSPECT", "grouped", "metric", "require_inspect", "scorer", "solver", "task"]


def _have_inspect() -> bool:
    try:
        return importlib.util.find_spec("inspect_ai") is not None
    except (ImportError, ValueError):  # e.g. a broken install, or sys.modules["inspect_ai"] set to None
        return False


HAVE_INSPECT = _have_inspect()


def require_inspect() -> None:
    """Raise ``AK-E008`` (install ``affectkit[eval]``) when inspect_ai is missing."""
    if not HAVE_INSPECT:
        raise missing_extra("eval", "inspect_ai")


def _unavailable(*args: Any, **kwargs: Any) -> Any:
    """Stand-in for ``@task`` / ``@solver`` / ``@scorer(...)``: the factory raises ``AK-E008`` when called."""

    def decorate(factory: Callable[..., Any]) -> Callable[..., Any]:
        @functools.wraps(factory)
        def unavailable(*_args: Any, **_kwargs: Any) -> Any:
            raise missing_extra("eval", "inspect_ai")

        return unavailable

    if len(args) == 1 and callable(args[0]) and not kwargs:
        return decorate(args[0])
    return decorate


def _passthrough(*args: Any, **kwargs: Any) -> Any:
    """Stand-in for ``@metric``: metric factories stay plain functions (they only run inside a scorer)."""
    if len(args) == 1 and callable(args[0]) and not kwargs:
        return args[0]
    return lambda factory: factory


def _no_grouped(*_args: Any, **_kwargs: Any) -> None:
    """Stand-in for ``grouped(...)`` in a scorer's metric list, which is never used without inspect_ai."""
    return None


if TYPE_CHECKING:
    from inspect_ai import task
    from inspect_ai.scorer import grouped, metric, scorer
    from inspect_ai.solver import solver
elif HAVE_INSPECT:
    from inspect_ai import task
    from inspect_ai.scorer import grouped, metric, scorer
    from inspect_ai.solver import solver
else:  # the eval extra is not installed
    task = solver = scorer = _unavailable
    metric = _passthrough
    grouped = _no_grouped
