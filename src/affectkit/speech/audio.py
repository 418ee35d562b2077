"""Reading audio for the speech layer: any file libsndfile reads (WAV, FLAC, OGG/Vorbis, ...), its bytes (an
upload) or an array, mixed down to mono and resampled to 16 kHz, with coded errors for what cannot be analysed.

Example:
    >>> import numpy as np
    >>> tone = 0.1 * np.sin(2 * np.pi * 220 * np.arange(8000) / 8000)
    >>> audio = load_audio(tone, sample_rate=8000)
    >>> audio.sample_rate, audio.signal.shape, audio.original_rate, [w.code for w in audio.warnings]
    (16000, (16000,), 8000, ['AK-W025'])
"""

from __future__ import annotations

import io
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from affectkit.errors import AffectkitError, missing_extra
from affectkit.types import AnalysisWarning

SAMPLE_RATE = 16_000
"""Every signal is analysed at this rate (openSMILE's eGeMAPS is defined on 16 kHz speech)."""
MIN_SECONDS = 0.25
"""Shorter audio is refused as empty (``AK-E031``): no emotion can be read from a quarter of a second."""
MIN_RATE = 4_000
"""Lower sample rates hold no speech worth reading (``AK-E030`` for a file, ``AK-E033`` for an array)."""
MAX_SAMPLES_PER_SECOND = 96_000
"""With ``max_seconds``, a file may hold at most this many samples (all channels) per allowed second: 48 kHz
stereo. A longer or wider file is refused (``AK-E036``) before it is decoded."""
CLIP_LEVEL = 0.999
CLIP_FRACTION = 0.001


@dataclass
class Audio:
    """A mono float32 signal at :data:`SAMPLE_RATE`, with where it came from and what was done to it."""

    signal: np.ndarray
    sample_rate: int
    original_rate: int
    channels: int
    source: str
    warnings: list[AnalysisWarning] = field(default_factory=list)

    @property
    def duration(self) -> float:
        """Length in seconds."""
        return float(self.signal.size) / self.sample_rate


def _read_file(path: Path | bytes, name: str, max_seconds: float | None) -> tuple[np.ndarray, int]:
    try:
        import soundfile
    except ImportError as exc:  # pragma: no cover - depends on the installed extras
        raise missing_extra("speech", "soundfile") from exc
    if isinstance(path, bytes):
        if not path:
            raise AffectkitError("AK-E031", "the audio holds no bytes", source=name)
        opened: Any = io.BytesIO(path)
    else:
        if not path.exists():
            raise AffectkitError("AK-E001", "no such audio file", source=name)
        if not path.is_file():
            raise AffectkitError("AK-E030", "not a file (a directory?)", source=name)
        opened = str(path)
    try:
        with soundfile.SoundFile(opened) as sound:
            rate, frames, channels = int(sound.samplerate), int(sound.frames), int(sound.channels)
            if rate < MIN_RATE:
                raise AffectkitError("AK-E030", f"the sample rate ({rate} Hz) is too low for speech (at least "
                                     f"{MIN_RATE} Hz)", source=name)
            if max_seconds is not None and frames > max_seconds * rate:
                raise AffectkitError("AK-E036", f"the audio lasts {frames / rate:.1f} s, more than the "
                                     f"limit of {max_seconds:g} s", source=name)
            if max_seconds is not None and frames * channels > max_seconds * MAX_SAMPLES_PER_SECOND:
                raise AffectkitError("AK-E036", f"the audio holds {frames * channels} samples ({channels} channels "
                                     f"at {rate} Hz), more than {max_seconds:g} s of 48 kHz stereo", source=name)
            data = sound.read(dtype="float32", always_2d=True)
    except AffectkitError:
        raise
    except Exception as exc:  # libsndfile's own error type differs between soundfile versions
        detail = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        raise AffectkitError(
            "AK-E030", f"cannot read the audio (WAV, FLAC or OGG expected): {detail}", source=name
        ) from exc
    if data.size and not np.isfinite(data).all():
        raise AffectkitError("AK-E030", "the audio holds NaN or infinite samples", source=name)
    return data, rate


def _check_array(signal: object, sample_rate: int | None, source: str) -> tuple[np.ndarray, int]:
    if (sample_rate is None or isinstance(sample_rate, bool) or not isinstance(sample_rate, (int, np.integer))
            or sample_rate <= 0):
        raise AffectkitError("AK-E033", f"an audio array needs a positive integer sample_rate, got {sample_rate!r}",
                             source=source, field="sample_rate")
    if sample_rate < MIN_RATE:
        raise AffectkitError("AK-E033", f"the sample rate ({sample_rate} Hz) is too low for speech (at least "
                             f"{MIN_RATE} Hz)", source=source, field="sample_rate")
    array = np.asarray(signal)
    if array.dtype.kind not in "iuf":
        raise AffectkitError("AK-E033", f"audio samples must be numbers, got dtype {array.dtype}", source=source)
    if array.ndim == 1:
        array = array[:, None]
    elif array.ndim != 2:
        raise AffectkitError("AK-E033", f"audio must be 1-D or 2-D (samples, channels), got shape {array.shape}",
                             source=source)
    elif array.shape[1] > array.shape[0]:  # more channels than samples: (channels, samples), read the wrong way
        raise AffectkitError("AK-E033", f"audio of shape {array.shape} looks like (channels, samples): pass it as "
                             "(samples, channels), e.g. array.T", source=source)
    if array.dtype.kind in "iu":  # to [-1, 1): signed samples over 2^(bits-1), unsigned ones centred on their middle
        scale = (float(np.iinfo(array.dtype).max) + 1.0) / (2.0 if array.dtype.kind == "u" else 1.0)
        offset = scale if array.dtype.kind == "u" else 0.0
        array = (array.astype(np.float64) - offset) / scale
    array = array.astype(np.float32)
    if array.size and not np.isfinite(array).all():
        raise AffectkitError("AK-E033", "audio holds NaN or infinite samples", source=source)
    return array, int(sample_rate)


def load_audio(source: str | Path | bytes | np.ndarray, sample_rate: int | None = None, *,
               max_seconds: float | None = None, name: str | None = None) -> Audio:
    """Read ``source`` (a path, the bytes of an audio file, or an array with its ``sample_rate``) as mono 16 kHz
    float32; ``name`` names it in errors and in the result's ``source`` (default: the path, ``<bytes>``,
    ``<array>``).

    A 2-D array is ``(samples, channels)``, as :func:`soundfile.read` returns it; integer arrays are scaled to
    [-1, 1). Raises ``AK-E001`` (no such file), ``AK-E030`` (unreadable), ``AK-E031`` (empty or shorter than
    :data:`MIN_SECONDS`), ``AK-E033`` (malformed array), ``AK-E036`` (a file or bytes lasting more than
    ``max_seconds``, found from the header before anything is decoded). Warns ``AK-W025`` when the audio was
    resampled or mixed down and ``AK-W024`` when it is clipped.
    """
    if isinstance(source, (str, Path)):
        name = name or str(source)
        data, rate = _read_file(Path(source), name, max_seconds)
    elif isinstance(source, bytes | bytearray | memoryview):
        name = name or "<bytes>"
        data, rate = _read_file(bytes(source), name, max_seconds)
    else:
        name = name or "<array>"
        data, rate = _check_array(source, sample_rate, name)
        if max_seconds is not None and data.shape[0] > max_seconds * rate:
            raise AffectkitError("AK-E036", f"the audio lasts {data.shape[0] / rate:.1f} s, more than the limit of "
                                 f"{max_seconds:g} s", source=name)
    channels = int(data.shape[1])
    if data.shape[0] == 0 or channels == 0:
        raise AffectkitError("AK-E031", "the audio holds no samples", source=name)
    warnings: list[AnalysisWarning] = []
    clipped = float(np.mean(np.abs(data) >= CLIP_LEVEL))
    if clipped > CLIP_FRACTION:
        warnings.append(AnalysisWarning(
            code="AK-W024", message=f"{clipped:.1%} of the samples are at full scale: the audio is clipped"))
    mono = data.mean(axis=1) if channels > 1 else data[:, 0]
    done = []
    if channels > 1:
        done.append(f"mixed down from {channels} channels")
    if rate != SAMPLE_RATE:
        mono = resample(mono, rate)
        done.append(f"resampled from {rate} Hz to {SAMPLE_RATE} Hz")
    if done:
        warnings.append(AnalysisWarning(code="AK-W025", message="; ".join(done)))
    mono = np.ascontiguousarray(mono, dtype=np.float32)
    if mono.size < MIN_SECONDS * SAMPLE_RATE:
        raise AffectkitError(
            "AK-E031", f"the audio is too short to analyse ({mono.size / SAMPLE_RATE:.2f} s, at least "
            f"{MIN_SECONDS} s needed)", source=name)
    return Audio(mono, SAMPLE_RATE, rate, channels, name, warnings)


def resample(signal: np.ndarray, rate: int) -> np.ndarray:
    """``signal`` (1-D, at ``rate``) resampled to :data:`SAMPLE_RATE` with audresample (openSMILE's resampler)."""
    try:
        import audresample
    except ImportError as exc:  # pragma: no cover - depends on the installed extras
        raise missing_extra("speech", "audresample") from exc
    out = audresample.resample(np.asarray(signal, dtype=np.float32), rate, SAMPLE_RATE)
    return np.asarray(out, dtype=np.float32).reshape(-1)
