"""Risk detection, one reader for every surface: crisis language in any message (:class:`RiskDetector`), the
trajectory signal of a speaker who stays strongly negative (:class:`PersistentNegativeMonitor`), and the crisis
resources to offer by locale (:func:`resources_for`).

``analyze_conversation``, ``ConversationTracker``, ``plan`` and ``check_reply`` all read a turn's risk through
:func:`turn_flags` / :func:`default_detector`, so they agree on every turn. Flags are a signal for a person to
look at, not a diagnosis (:data:`affectkit.types.RISK_NOTICE`).

Example:
    >>> [(f.kind, f.turn, f.language) for f in turn_flags(2, "user", "Estoy parado en la azotea y pienso saltar.")]
    [('suicidal_ideation', 2, 'es')]
"""

from __future__ import annotations

import os
from functools import cache

from affectkit.errors import AffectkitError
from affectkit.risk.detector import CONCERNS, UNCOVERED_WARNING, RiskDetector, RiskFinding, RiskReading
from affectkit.risk.persistent import PersistentNegativeMonitor, strongly_negative
from affectkit.risk.resources import resources_for
from affectkit.types import AnalysisWarning, ConversationAnalysis, RiskFlag

CRISIS_KINDS = frozenset(CONCERNS)

__all__ = [
    "CRISIS_KINDS", "UNCOVERED_WARNING", "PersistentNegativeMonitor", "RiskDetector", "RiskFinding", "RiskReading",
    "default_detector", "flags_from_reading", "resources_for", "strongly_negative", "turn_flags", "unread_turns",
]  # fmt: skip


VERIFIER_ENV = "AFFECTKIT_RISK_VERIFIER"


@cache
def default_detector() -> RiskDetector:
    """The shipped detector, built once per process (its models load on first use). With the environment variable
    ``AFFECTKIT_RISK_VERIFIER=off`` it leaves the verifier out: more recall on the held-out crisis test, and many
    more false alarms (see the crisis model card). A value other than on/off (or 1/0, true/false, yes/no) is
    ``AK-E005``."""
    value = os.environ.get(VERIFIER_ENV, "on").strip().lower()
    if value not in _SWITCH:
        raise AffectkitError("AK-E005", f"{VERIFIER_ENV}={value!r}: expected on or off", field=VERIFIER_ENV)
    return RiskDetector(verify=_SWITCH[value])


_SWITCH = {"on": True, "1": True, "true": True, "yes": True, "off": False, "0": False, "false": False, "no": False}


def unread_turns(analysis: ConversationAnalysis, agent: str | None = None) -> list[tuple[int, AnalysisWarning]]:
    """The turns (other than ``agent``'s) whose language the detector does not cover, each with its ``AK-W008``
    warning: every surface that shows flags shows these too, so that "no flag" is never read as "no crisis"."""
    return [(turn.index, w) for turn in analysis.turns if turn.speaker != agent
            for w in turn.warnings if w.code == UNCOVERED_WARNING]


def flags_from_reading(turn: int, speaker: str, reading: RiskReading) -> list[RiskFlag]:
    """The findings of one turn's reading as :class:`~affectkit.types.RiskFlag` objects."""
    return [
        RiskFlag(turn=turn, speaker=speaker, kind=f.kind, concern=f.concern, severity=f.severity,
                 evidence=f.evidence, message=f.message, start=f.start, end=f.end, turns=[turn],
                 score=f.score, language=reading.language, source=f.source)  # fmt: skip
        for f in reading.findings
    ]


def turn_flags(turn: int, speaker: str, text: str) -> list[RiskFlag]:
    """The crisis-language flags of one turn, read by the shipped detector."""
    return flags_from_reading(turn, speaker, default_detector().read_one(text))
