"""The inspect_ai task(s) of the recognition benchmark (see :mod:`affectkit.evals.recognition`)."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from affectkit.datasets import data_root
from affectkit.evals._build import variant_task
from affectkit.evals._optional import task
from affectkit.evals.recognition.dataset import recognition_dataset
from affectkit.evals.recognition.scorer import recognition_scorer

if TYPE_CHECKING:
    from inspect_ai import Task
    from inspect_ai.solver import Solver


@task
def emotion_recognition(
    data: str | None = None,
    scheme: str = "goemotions",
    shots: int = 0,
    limit: int | None = None,
    split: str = "test",
    solver: Solver | Sequence[Solver] | None = None,
    stimulus: str | None = None,
    affect_hints: bool = False,
    support_plan: bool = False,
) -> Task:
    """Multi-label emotion recognition by the model under test (see the module docstring).

    Args:
        data: the GoEmotions folder (``<split>.tsv``, ``train.tsv`` for shots, ``emotions.txt``,
            ``taxonomy/ekman_mapping.json``; default: ``goemotions`` under :func:`affectkit.datasets.data_root`).
        scheme: ``goemotions`` (28 labels) or ``ekman`` (7).
        shots: number of retrieved demonstrations from the training split (0 = zero-shot).
        limit: use only the first this many texts of the split.
        split: the split to evaluate on (``test`` or ``dev``).
        solver: the solver to run instead of ``generate()`` (the wrappers below still go in front).
        stimulus: an emotional-stimulus id (``EP01``..., ``NP01``...) to append to the prompt.
        affect_hints: put affectkit's reading of the text in a system message.
        support_plan: put affectkit's plan for a reply to the text in a system message.

    Example:
        >>> import tempfile
        >>> folder = Path(tempfile.mkdtemp())
        >>> _ = (folder / "emotions.txt").write_text("joy\\nneutral\\n")
        >>> _ = (folder / "test.tsv").write_text("What a lovely day\\t0\\tid1\\n")
        >>> [s.metadata["gold"] for s in emotion_recognition(data=str(folder)).dataset]
        [['joy']]
    """
    folder = Path(data) if data is not None else data_root() / "goemotions"
    return variant_task(
        recognition_dataset(folder, scheme, shots, limit, split),
        recognition_scorer(),
        solver,
        stimulus=stimulus,
        affect_hints=affect_hints,
        support_plan=support_plan,
    )
