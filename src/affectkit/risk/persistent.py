"""The trajectory-based risk signal: a speaker whose turns stay strongly negative (``persistent_negative``).

A turn counts when the speaker's smoothed valence is at most ``PERSISTENT_VALENCE`` or the turn's emotion is
sadness or fear with probability at least ``PERSISTENT_PROBABILITY``. ``PERSISTENT_TURNS`` such turns in a row
raise a ``medium`` flag, ``PERSISTENT_HIGH_TURNS`` a ``high`` one; a better turn resets the run.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Literal

from affectkit.types import RiskFlag

PERSISTENT_TURNS = 3
PERSISTENT_HIGH_TURNS = 6
PERSISTENT_VALENCE = -0.3
PERSISTENT_PROBABILITY = 0.5


def strongly_negative(smoothed_valence: float, emotion: str, ekman: Mapping[str, float]) -> bool:
    """Whether a turn counts towards a persistent negative state.

    Example:
        >>> strongly_negative(-0.1, "sadness", {"sadness": 0.7}), strongly_negative(-0.1, "joy", {"joy": 0.9})
        (True, False)
    """
    if smoothed_valence <= PERSISTENT_VALENCE:
        return True
    return emotion in ("sadness", "fear") and ekman.get(emotion, 0.0) >= PERSISTENT_PROBABILITY


class PersistentNegativeMonitor:
    """Flags a speaker whose consecutive turns stay strongly negative (see the module docstring).

    Example:
        >>> monitor = PersistentNegativeMonitor()
        >>> flags = [monitor.update("Sam", t, -0.5, "sadness", {"sadness": 0.8}) for t in (0, 2, 4)]
        >>> [(f.kind, f.severity, f.turns) for f in flags if f]
        [('persistent_negative', 'medium', [0, 2, 4])]
    """

    def __init__(self) -> None:
        self._runs: dict[str, list[tuple[int, float, str]]] = {}

    def update(
        self, speaker: str, turn: int, smoothed_valence: float, emotion: str, ekman: Mapping[str, float]
    ) -> RiskFlag | None:
        """Record the speaker's turn; returns a flag when the run of negative turns reaches a threshold."""
        run = self._runs.setdefault(speaker, [])
        if not strongly_negative(smoothed_valence, emotion, ekman):
            run.clear()
            return None
        run.append((turn, smoothed_valence, emotion))
        if len(run) not in (PERSISTENT_TURNS, PERSISTENT_HIGH_TURNS):
            return None
        severity: Literal["medium", "high"] = "high" if len(run) == PERSISTENT_HIGH_TURNS else "medium"
        return _persistent_flag(speaker, run, severity)


def _persistent_flag(
    speaker: str, run: Sequence[tuple[int, float, str]], severity: Literal["medium", "high"]
) -> RiskFlag:
    turns = [t for t, _, _ in run]
    evidence = (
        f"{len(run)} consecutive turns of {speaker} strongly negative (turns {', '.join(map(str, turns))}; "
        f"smoothed valence {', '.join(f'{v:+.2f}' for _, v, _ in run)}; emotions {', '.join(e for _, _, e in run)})"
    )
    return RiskFlag(
        turn=turns[-1],
        speaker=speaker,
        kind="persistent_negative",
        concern="persistent_negative",
        severity=severity,
        evidence=evidence,
        message=f"{speaker} has stayed in a strongly negative state for {len(run)} turns",
        turns=turns,
        source="trajectory",
    )
