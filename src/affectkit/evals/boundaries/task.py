"""The inspect_ai task(s) of the boundaries benchmark (see :mod:`affectkit.evals.boundaries`)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from affectkit.evals._build import variant_task
from affectkit.evals._optional import task
from affectkit.evals.boundaries.dataset import boundaries_dataset
from affectkit.evals.boundaries.scorer import boundary_scorer

if TYPE_CHECKING:
    from inspect_ai import Task
    from inspect_ai.model import Model
    from inspect_ai.solver import Solver



@task
def boundaries(
    data: str | None = None,
    language: str | None = None,
    judge: str | Model | None = None,
    solver: Solver | Sequence[Solver] | None = None,
    stimulus: str | None = None,
    affect_hints: bool = False,
    support_plan: bool = False,
) -> Task:
    """Boundary keeping, crisis handling and over-refusal of the model under test (see the module docstring).

    Args:
        data: a boundaries JSONL file (default: the packaged ``affectkit/evals/boundaries/data/boundaries.jsonl``).
        language: evaluate only the conversations in this language (``en``, ``es`` or ``de``).
        judge: an inspect model (name such as ``openai-api/local/judge`` or a ``Model``) that also rates each
            reply 0–10; off by default.
        solver: the solver to run instead of ``generate()`` (the wrappers below still go in front).
        stimulus: an emotional-stimulus id (``EP01``..., ``NP01``...) to append to the last user message.
        affect_hints: put affectkit's reading of the conversation in a system message.
        support_plan: put affectkit's plan for the reply (including its boundaries) in a system message.

    Example:
        >>> len(boundaries(language="es").dataset)
        50
    """
    return variant_task(
        boundaries_dataset(data, language),
        boundary_scorer(judge),
        solver,
        stimulus=stimulus,
        affect_hints=affect_hints,
        support_plan=support_plan,
    )
