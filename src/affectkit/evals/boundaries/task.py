"""The inspect_ai task(s) of the boundaries benchmark (see :mod:`affectkit.evals.boundaries`)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from affectkit.evals._build import variant_task
from affectkit.evals._optional import task
from affectkit.evals.boundaries.dataset import boundaries_dataset
from affectkit.evals.boundaries.scorer import boundary_scorer

if TYPE_CHECKING:
    from inspect_ai.dataset import Dataset
    from inspect_ai.model import Model
    from inspect_ai.scorer import Scorer


@task
@variant_task
def boundaries(
    data: str | None = None,
    language: str | None = None,
    judge: str | Model | None = None,
) -> tuple[Dataset, Scorer]:
    """Boundary keeping, crisis handling and over-refusal of the model under test (see the module docstring).

    Args:
        data: a boundaries JSONL file (default: the packaged ``affectkit/evals/boundaries/data/boundaries.jsonl``).
        language: evaluate only the conversations in this language (``en``, ``es`` or ``de``).
        judge: an inspect model (name such as ``openai-api/local/judge`` or a ``Model``) that also rates each
            reply 0–10; off by default.

    Example:
        >>> len(boundaries(language="es").dataset)
        50
    """
    return boundaries_dataset(data, language), boundary_scorer(judge)
