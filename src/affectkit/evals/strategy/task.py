"""The inspect_ai task(s) of the strategy benchmark (see :mod:`affectkit.evals.strategy`)."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from affectkit.datasets import data_root
from affectkit.evals._build import variant_task
from affectkit.evals._optional import task
from affectkit.evals.strategy.dataset import esconv_dataset
from affectkit.evals.strategy.scorer import strategy_scorer

if TYPE_CHECKING:
    from inspect_ai import Task
    from inspect_ai.solver import Solver


@task
def esc_strategy(
    data: str | None = None,
    split: str = "test",
    limit_dialogues: int | None = None,
    solver: Solver | Sequence[Solver] | None = None,
    stimulus: str | None = None,
    affect_hints: bool = False,
    support_plan: bool = False,
) -> Task:
    """ESConv next-strategy prediction by the model under test (see the module docstring).

    Args:
        data: the ESConv folder holding ``<split>.jsonl`` (default: ``esconv`` under
            :func:`affectkit.datasets.data_root`).
        split: ``train``, ``valid`` or ``test``.
        limit_dialogues: use only the first this many dialogues.
        solver: the solver to run instead of ``generate()`` (the wrappers below still go in front).
        stimulus: an emotional-stimulus id (``EP01``..., ``NP01``...) to append to the prompt.
        affect_hints: put affectkit's reading of the conversation in a system message.
        support_plan: put affectkit's plan for the supporter's next turn in a system message.

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
    return variant_task(
        esconv_dataset(folder, split, limit_dialogues),
        strategy_scorer(),
        solver,
        stimulus=stimulus,
        affect_hints=affect_hints,
        support_plan=support_plan,
    )
