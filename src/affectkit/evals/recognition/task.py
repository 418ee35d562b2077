"""The inspect_ai task(s) of the recognition benchmark (see :mod:`affectkit.evals.recognition`)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from affectkit.datasets import data_root
from affectkit.evals._build import variant_task
from affectkit.evals._optional import task
from affectkit.evals.recognition.dataset import recognition_dataset
from affectkit.evals.recognition.scorer import recognition_scorer

if TYPE_CHECKING:
    from inspect_ai.dataset import Dataset
    from inspect_ai.scorer import Scorer


@task
@variant_task
def emotion_recognition(
    data: str | None = None,
    scheme: str = "goemotions",
    shots: int = 0,
    limit: int | None = None,
    split: str = "test",
) -> tuple[Dataset, Scorer]:
    """Multi-label emotion recognition by the model under test (see the module docstring).

    Args:
        data: the GoEmotions folder (``<split>.tsv``, ``train.tsv`` for shots, ``emotions.txt``,
            ``taxonomy/ekman_mapping.json``; default: ``goemotions`` under :func:`affectkit.datasets.data_root`).
        scheme: ``goemotions`` (28 labels) or ``ekman`` (7).
        shots: number of retrieved demonstrations from the training split (0 = zero-shot).
        limit: use only the first this many texts of the split.
        split: the split to evaluate on (``test`` or ``dev``).

    Example:
        >>> import tempfile
        >>> folder = Path(tempfile.mkdtemp())
        >>> _ = (folder / "emotions.txt").write_text("joy\\nneutral\\n")
        >>> _ = (folder / "test.tsv").write_text("What a lovely day\\t0\\tid1\\n")
        >>> [s.metadata["gold"] for s in emotion_recognition(data=str(folder)).dataset]
        [['joy']]
    """
    folder = Path(data) if data is not None else data_root() / "goemotions"
    return recognition_dataset(folder, scheme, shots, limit, split), recognition_scorer()
