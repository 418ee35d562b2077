"""affectkit's voice layer (the ``speech`` extra): emotion from how something is said, fused with what is said,
and emotion-aware controls for speech synthesis.

* :func:`analyze_speech` / :func:`speaker_profile` (:mod:`affectkit.speech.analyze`): read a recording;
* :func:`egemaps` (:mod:`affectkit.speech.features`): openSMILE eGeMAPS v02 functionals and LLDs;
* :func:`detect_speech` (:mod:`affectkit.speech.vad`): energy-based voice activity;
* :func:`prosody_controls` (:mod:`affectkit.speech.prosody`): SSML prosody from a target emotion and VAD.

Nothing heavy is imported until used.
"""

from __future__ import annotations

from typing import Any

__all__ = ["analyze_speech", "speaker_profile", "egemaps", "detect_speech", "load_audio", "prosody_controls"]

_HOMES = {
    "analyze_speech": "affectkit.speech.analyze",
    "speaker_profile": "affectkit.speech.analyze",
    "egemaps": "affectkit.speech.features",
    "detect_speech": "affectkit.speech.vad",
    "load_audio": "affectkit.speech.audio",
    "prosody_controls": "affectkit.speech.prosody",
}


def __getattr__(name: str) -> Any:
    if name in _HOMES:
        import importlib

        return getattr(importlib.import_module(_HOMES[name]), name)
    raise AttributeError(f"module 'affectkit.speech' has no attribute {name!r}")
