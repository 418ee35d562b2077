"""The inspect_ai task(s) of the strategy benchmark (see :mod:`affectkit.evals.strategy`)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from affectkit.datasets import data_root
from affectkit.evals._build import variant_task
from affectkit.evals._optional import task
from affectkit.evals.strategy.dataset import esconv_dataset
from affectkit.evals.strategy.scorer import strategy_scorer

if TYPE_CHECKING:
    from inspect_ai.dataset import Dataset
    from inspect_ai.scorer import Scorer


@task
@variant_task
def esc_strategy(
    data: str | None = None,
    split: str = "test",
    limit_dialogues: int | None = None,
) -> tuple[Dataset, Scorer]:
    """ESConv next-strategy prediction by the model under test (see the module docstring).

    Args:
        data: the ESConv folder holding ``<split>.jsonl`` (default: ``esconv`` under
            :func:`affectkit.datasets.data_root`).
        split: ``train``, ``valid`` or ``test``.
        limit_dialogues: use only the first this many dialogues.

    Example:
        >>> import json, tempfile
        >>> folder = Path(tempfile.mkdtemp())
        >>> dialog = [{"speaker": "usr", "text": "I can't sleep."},
        ...           {"speaker": "sys", "text": "Why?", "strategy": "Question"}]
        >>> _ = (folder / "test.jsonl").write_text(json.dumps({"dialog": dialog}) + "\\n")
        >>> [s.target for s in esc_strategy(data=str(folder)).dataset]
        ['Question']
    """
    folder = Path(data) if data is not None else data_root() / "esconv"
    return esconv_dataset(folder, split, limit_dialogues), strategy_scorer()
