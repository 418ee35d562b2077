"""The speech layer's data model. The types live in :mod:`affectkit.types` (a conversation turn carries its
voice's reading); they are named here too for the speech layer's readers."""

from __future__ import annotations

from affectkit.types import Disagreement, SpeechAnalysis, SpeechWindow

__all__ = ["Disagreement", "SpeechAnalysis", "SpeechWindow"]
