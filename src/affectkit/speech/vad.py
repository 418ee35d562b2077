"""A simple energy-based voice activity detector: which stretches of a recording hold speech, so that silence
and pauses are never read as a calm voice.

Frames of 25 ms every 10 ms; a frame is active when its level is above a threshold that adapts to the
recording (a margin over its noise floor, and no more than :data:`DYNAMIC_RANGE_DB` under its loudest frames)
and above an absolute floor; short gaps are bridged and short blips dropped. Energy alone cannot tell speech
from other loud sound (music, a door): it finds *sound*, and the rest of the pipeline assumes the sound is
speech.

Example:
    >>> import numpy as np
    >>> rate = 16000
    >>> t = np.arange(rate) / rate
    >>> signal = np.concatenate([np.zeros(rate), 0.3 * np.sin(2 * np.pi * 200 * t), np.zeros(rate)])
    >>> [(round(s, 1), round(e, 1)) for s, e in detect_speech(signal, rate).segments]
    [(1.0, 2.0)]
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

FRAME = 0.025
HOP = 0.010
SILENCE_DBFS = -55.0
"""A recording whose loudest frame stays under this level is silent (``AK-E032``)."""
DYNAMIC_RANGE_DB = 35.0
NOISE_MARGIN_DB = 10.0
MIN_SPEECH = 0.10
MAX_GAP = 0.25


@dataclass
class SpeechActivity:
    """The active stretches (``segments``, seconds from the start), the per-frame decision and levels."""

    segments: list[tuple[float, float]]
    active: np.ndarray
    level_db: np.ndarray
    threshold_db: float
    duration: float

    @property
    def speech_seconds(self) -> float:
        """Total length of the active stretches."""
        return float(sum(end - start for start, end in self.segments))

    @property
    def silent(self) -> bool:
        """True when no stretch is active."""
        return not self.segments


def frame_levels(signal: np.ndarray, rate: int) -> np.ndarray:
    """The RMS level in dBFS of each 25 ms frame, every 10 ms (a signal shorter than a frame gives one frame)."""
    frame, hop = int(round(FRAME * rate)), int(round(HOP * rate))
    x = np.asarray(signal, dtype=np.float64)
    if x.size < frame:
        x = np.pad(x, (0, frame - x.size))
    count = 1 + (x.size - frame) // hop
    power = np.cumsum(np.concatenate([[0.0], x * x]))
    starts = np.arange(count) * hop
    mean_power = (power[starts + frame] - power[starts]) / frame
    return 10.0 * np.log10(np.maximum(mean_power, 1e-12)) + 3.0103  # +3 dB: a full-scale sine reads 0 dBFS


def _runs(mask: np.ndarray) -> list[tuple[int, int]]:
    edges = np.diff(np.concatenate([[0], mask.astype(np.int8), [0]]))
    return list(zip(np.flatnonzero(edges == 1).tolist(), np.flatnonzero(edges == -1).tolist(), strict=True))


def detect_speech(signal: np.ndarray, rate: int) -> SpeechActivity:
    """Find the active stretches of ``signal`` (mono, at ``rate`` Hz); see the module docstring."""
    level = frame_levels(signal, rate)
    duration = float(len(signal)) / rate
    loud = float(np.percentile(level, 95))
    floor = float(np.percentile(level, 10))
    threshold = max(SILENCE_DBFS, loud - DYNAMIC_RANGE_DB, min(floor + NOISE_MARGIN_DB, loud - 6.0))
    active = level > threshold
    if active.any():  # a constant offset (a flat line, 8-bit silence read as signed) is no sound
        x = np.asarray(signal, dtype=np.float64)
        if float(np.percentile(frame_levels(x - x.mean(), rate), 95)) <= SILENCE_DBFS:
            active[:] = False
    max_gap, min_run = int(round(MAX_GAP / HOP)), int(round(MIN_SPEECH / HOP))
    runs = _runs(active)
    bridged: list[list[int]] = []
    for start, end in runs:
        if bridged and start - bridged[-1][1] <= max_gap:
            bridged[-1][1] = end
        else:
            bridged.append([start, end])
    mask = np.zeros_like(active)
    segments = []
    for start, end in bridged:
        if end - start < min_run:
            continue
        mask[start:end] = True
        seconds = (start * HOP, min(duration, (end - 1) * HOP + FRAME))
        segments.append((round(seconds[0], 3), round(seconds[1], 3)))
    return SpeechActivity(segments, mask, level, threshold, duration)


PAD = 0.10


def speech_span(activity: SpeechActivity, start: float = 0.0, end: float | None = None) -> tuple[float, float] | None:
    """From the first active stretch to the last within ``[start, end)``, padded by :data:`PAD` seconds on each
    side (inside the recording): what the emotion model reads of a clip. ``None`` when nothing is active."""
    stop = activity.duration if end is None else end
    inside = [(max(s, start), min(e, stop)) for s, e in activity.segments if e > start and s < stop]
    if not inside:
        return None
    return max(start, inside[0][0] - PAD), min(stop, inside[-1][1] + PAD)
