"""The trajectory-based risk signal (persistent_negative), on runs written for these tests."""

from __future__ import annotations

from affectkit.risk.persistent import (
    PERSISTENT_HIGH_TURNS,
    PERSISTENT_TURNS,
    PersistentNegativeMonitor,
    strongly_negative,
)
from affectkit.types import RISK_NOTICE


def test_notice_says_not_a_diagnosis() -> None:
    assert "not a diagnosis" in RISK_NOTICE and "human" in RISK_NOTICE


def test_strongly_negative() -> None:
    assert strongly_negative(-0.3, "neutral", {"neutral": 0.9})
    assert not strongly_negative(-0.29, "neutral", {"neutral": 0.9})
    assert strongly_negative(0.2, "fear", {"fear": 0.5})
    assert not strongly_negative(0.2, "fear", {"fear": 0.49})
    assert not strongly_negative(0.2, "anger", {"anger": 0.99})


def test_persistent_negative_runs() -> None:
    monitor = PersistentNegativeMonitor()
    sad = {"sadness": 0.8}
    raised = []
    # Sam's turns 0, 2, 4, ... are all strongly negative; Alex's cheerful turns in between do not break the run.
    for turn in range(2 * PERSISTENT_HIGH_TURNS):
        if turn % 2:
            flag = monitor.update("Alex", turn, 0.6, "joy", {"joy": 0.9})
        else:
            flag = monitor.update("Sam", turn, -0.5, "sadness", sad)
        if flag is not None:
            raised.append(flag)
    assert [(f.speaker, f.severity, f.turn, len(f.turns)) for f in raised] == [
        ("Sam", "medium", 2 * (PERSISTENT_TURNS - 1), PERSISTENT_TURNS),
        ("Sam", "high", 2 * (PERSISTENT_HIGH_TURNS - 1), PERSISTENT_HIGH_TURNS),
    ]
    assert raised[0].kind == "persistent_negative" and raised[0].turns == [0, 2, 4]
    assert "-0.50" in raised[0].evidence and raised[0].start is None


def test_persistent_negative_resets_on_a_better_turn() -> None:
    monitor = PersistentNegativeMonitor()
    valences = [-0.5, -0.5, 0.1, -0.5, -0.5, -0.5]
    flags = [monitor.update("Sam", t, v, "neutral", {"neutral": 0.6}) for t, v in enumerate(valences)]
    assert [t for t, f in enumerate(flags) if f is not None] == [5]
