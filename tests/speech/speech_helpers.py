"""Shared helpers of the speech tests: where the corpora are, and a synthetic voiced signal."""

from __future__ import annotations

import os
from pathlib import Path

import numpy as np
import pytest

REPO = Path(__file__).resolve().parents[2]
RATE = 16000


def speech_data() -> Path:
    """The shared speech corpora: $AFFECTKIT_DATA, else ../shared/data; skips the test when absent."""
    path = Path(os.environ.get("AFFECTKIT_DATA", REPO.parent / "shared" / "data"))
    if not (path / "speech_emodb" / "wav").is_dir():
        pytest.skip(f"speech corpora not found at {path} (set AFFECTKIT_DATA)")
    return path


def voiced(seconds: float, rate: int = RATE, f0: float = 140.0, level: float = 0.2) -> np.ndarray:
    """A vowel-like signal: harmonics of a gliding F0 with a syllable-rate amplitude envelope."""
    t = np.arange(int(seconds * rate)) / rate
    pitch = f0 * (1 + 0.08 * np.sin(2 * np.pi * 0.7 * t))
    phase = 2 * np.pi * np.cumsum(pitch) / rate
    wave = sum(np.sin(k * phase) / k for k in range(1, 8))
    envelope = 0.6 + 0.4 * np.sin(2 * np.pi * 4 * t) ** 2
    return (level * wave * envelope / 2).astype(np.float32)
