"""From a loaded recording to the model's input: the span of speech in a stretch of audio and its feature vector.

Example:
    >>> import numpy as np
    >>> from affectkit.speech.audio import load_audio
    >>> rate = 16000
    >>> t = np.arange(rate) / rate
    >>> audio = load_audio(np.concatenate([np.zeros(rate), 0.3 * np.sin(2 * np.pi * 180 * t)]), sample_rate=rate)
    >>> clip_vector(audio.signal, rate).shape
    (263,)
"""

from __future__ import annotations

import numpy as np

from affectkit.speech.features import egemaps
from affectkit.speech.vad import detect_speech, speech_span
from affectkit.speech.vectors import feature_vector


def clip_vector(signal: np.ndarray, rate: int) -> np.ndarray | None:
    """The feature vector of the speech in ``signal`` (from its first to its last active stretch), or ``None``
    when the signal holds no speech."""
    span = speech_span(detect_speech(signal, rate))
    if span is None:
        return None
    start, end = int(span[0] * rate), int(span[1] * rate)
    return feature_vector(egemaps(signal[start:end]))
