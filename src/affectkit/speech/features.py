"""openSMILE eGeMAPS v02 features: the 88 functionals and the 25 low-level descriptors (LLDs, every 10 ms),
both from one openSMILE run, on 16 kHz mono float32 audio (see :mod:`affectkit.speech.audio`).

openSMILE ships in the ``opensmile`` wheel (library and configs); this module drives its SMILEapi directly
with the eGeMAPS v02 config and two external sinks, so the signal is processed once for both levels (the
``opensmile.Smile`` wrapper reads one level per run, which would double the cost).

Example:
    >>> import numpy as np
    >>> rate = 16000
    >>> t = np.arange(2 * rate) / rate
    >>> voice = 0.2 * np.sin(2 * np.pi * 150 * t) * (1 + 0.3 * np.sin(2 * np.pi * 3 * t))
    >>> features = egemaps(voice.astype(np.float32))
    >>> features.functionals.shape, features.lld.shape[1], features.functional_names[0]
    ((88,), 25, 'F0semitoneFrom27.5Hz_sma3nz_amean')
"""

from __future__ import annotations

import functools
import os
import threading
from dataclasses import dataclass

import numpy as np

from affectkit.errors import missing_extra
from affectkit.speech.audio import SAMPLE_RATE

FEATURE_SET = "eGeMAPSv02"
LLD_SINK, FUNC_SINK, SOURCE = "extsinklld", "extsinkfunc", "extsource"


@dataclass
class EgemapsFeatures:
    """eGeMAPS v02 of one signal: ``functionals`` (88), ``lld`` (frames x 25) and the frames' start times."""

    functionals: np.ndarray
    lld: np.ndarray
    lld_times: np.ndarray
    functional_names: list[str]
    lld_names: list[str]


@functools.lru_cache(maxsize=1)
def _config_root() -> str:
    try:
        import opensmile
    except ImportError as exc:  # pragma: no cover - depends on the installed extras
        raise missing_extra("speech", "opensmile") from exc
    return os.path.join(os.path.dirname(opensmile.core.__file__), "config")


def _options(root: str) -> dict[str, object]:
    shared = os.path.join(root, "shared")
    return {
        "source": os.path.join(shared, "standard_external_wave_input.conf.inc"),
        "sink": os.path.join(shared, "standard_external_data_output_multi.conf.inc"),
        "sinkLevelLLD": "lld",
        "sinkLevelFunc": "func",
        "sampleRate": SAMPLE_RATE,
        "nBits": 16,
        "bufferModeRbConf": os.path.join(shared, "BufferModeRb.conf.inc"),
        "frameModeFunctionalsConf": os.path.join(shared, "FrameModeFunctionals.conf.inc"),
    }


def _open() -> object:
    from opensmile.core.lib import OpenSMILE

    root = _config_root()
    smile = OpenSMILE()
    smile.initialize(config_file=os.path.join(root, "egemaps", "v02", "eGeMAPSv02.conf"),
                     options=_options(root), loglevel=0, log_file="", debug=False)
    return smile


@functools.lru_cache(maxsize=1)
def feature_names() -> tuple[list[str], list[str]]:
    """The names of the 88 functionals and of the 25 LLDs, as openSMILE gives them."""
    smile = _open()
    try:
        names = []
        for sink in (FUNC_SINK, LLD_SINK):
            count = smile.external_sink_get_num_elements(sink)  # type: ignore[attr-defined]
            names.append([smile.external_sink_get_element_name(sink, i) for i in range(count)])  # type: ignore[attr-defined]
    finally:
        smile.free()  # type: ignore[attr-defined]
    return names[0], names[1]


_LOCK = threading.Lock()  # one openSMILE run at a time per process: SMILEapi is not documented as thread-safe


def egemaps(signal: np.ndarray) -> EgemapsFeatures:
    """eGeMAPS v02 functionals and LLDs of ``signal`` (mono float32 in [-1, 1] at 16 kHz)."""
    functional_names, lld_names = feature_names()
    pcm = (np.clip(np.asarray(signal, dtype=np.float32), -1.0, 32767 / 32768) * 32768).astype(np.int16)
    lld_rows: list[np.ndarray] = []
    times: list[float] = []
    func_rows: list[np.ndarray] = []

    def on_lld(data: np.ndarray, meta: object) -> None:
        lld_rows.append(np.array(data, dtype=np.float32).reshape(-1))
        times.append(float(meta.time))  # type: ignore[attr-defined]

    def on_func(data: np.ndarray, meta: object) -> None:
        func_rows.append(np.array(data, dtype=np.float32).reshape(-1))

    with _LOCK:
        smile = _open()
        try:
            smile.external_sink_set_callback_ex(LLD_SINK, on_lld)  # type: ignore[attr-defined]
            smile.external_sink_set_callback_ex(FUNC_SINK, on_func)  # type: ignore[attr-defined]
            smile.external_audio_source_write_data(SOURCE, pcm.tobytes())  # type: ignore[attr-defined]
            smile.external_audio_source_set_eoi(SOURCE)  # type: ignore[attr-defined]
            smile.run()  # type: ignore[attr-defined]
        finally:
            smile.free()  # type: ignore[attr-defined]
    functionals = func_rows[0] if func_rows else np.full(len(functional_names), np.nan, dtype=np.float32)
    lld = np.vstack(lld_rows) if lld_rows else np.zeros((0, len(lld_names)), dtype=np.float32)
    return EgemapsFeatures(functionals, lld, np.asarray(times, dtype=np.float32), functional_names, lld_names)
