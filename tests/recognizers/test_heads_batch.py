"""The small heads on the text model (conversation and strategy) read every row the same, alone or with others.

Issue 14: with dynamic int8 a row's output depended on the other rows of the run (a turn's cause candidates,
a conversation's turns); the heads ship in float32 so that it cannot.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
import pytest

from affectkit.planning.strategy import StrategyModel
from affectkit.recognizers.heads import ONNXHeads


def rows_alone_and_together(run: Callable[[np.ndarray], np.ndarray], rows: np.ndarray) -> None:
    alone = np.concatenate([run(rows[i : i + 1]) for i in range(len(rows))])
    rng = np.random.default_rng(0)
    for _ in range(5):
        pick = rng.choice(len(rows), size=int(rng.integers(2, len(rows) + 1)), replace=False)
        assert np.array_equal(run(rows[pick]), alone[pick])


@pytest.mark.parametrize("head", ["turn_emotion", "turn_emotion_nocontext", "cause"])
def test_conversation_heads_read_each_row_alone(head: str) -> None:
    heads = ONNXHeads()
    session = heads._sessions[head]
    width = session.get_inputs()[0].shape[1]
    rows = np.random.default_rng(1).normal(scale=0.5, size=(24, width)).astype(np.float32)
    rows_alone_and_together(lambda x: session.run(None, {"features": x})[0], rows)


@pytest.mark.parametrize("head", ["tagger", "next_strategy"])
def test_strategy_heads_read_each_row_alone(head: str) -> None:
    model = StrategyModel()
    width = model.sessions_[head].get_inputs()[0].shape[1]
    rows = np.random.default_rng(2).normal(scale=0.5, size=(24, width)).astype(np.float32)
    rows_alone_and_together(lambda x: model._run(head, x), rows)
