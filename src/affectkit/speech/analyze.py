"""``analyze_speech``: the emotion in a recording's voice, read in windows of speech, optionally fused with the
words of its transcript.

Pipeline: :func:`~affectkit.speech.audio.load_audio` (16 kHz mono) -> :func:`~affectkit.speech.vad.detect_speech`
-> :func:`speech_windows` (stretches of speech up to :data:`MAX_WINDOW` seconds, cut at pauses) -> eGeMAPS
vector of each window -> :class:`~affectkit.speech.model.SpeechModel` -> weighted mean over windows -> fusion.

Example:
    >>> import numpy as np
    >>> rate = 16000
    >>> t = np.arange(2 * rate) / rate
    >>> hum = 0.2 * np.sin(2 * np.pi * (140 + 20 * np.sin(2 * np.pi * 2 * t)) * t)
    >>> reading = analyze_speech(np.concatenate([np.zeros(rate), hum, np.zeros(rate)]), sample_rate=rate)
    >>> reading.emotion in reading.emotions, reading.segments, reading.head
    (True, [(0.98, 3.015)], 'global')
    >>> [w.code for w in reading.warnings]
    ['AK-W020']
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import numpy as np

from affectkit.errors import AffectkitError
from affectkit.speech.audio import Audio, load_audio
from affectkit.speech.clip import clip_vector
from affectkit.speech.model import SpeakerProfile, SpeechModel, load_speech_model
from affectkit.speech.types import Disagreement, SpeechAnalysis, SpeechWindow
from affectkit.speech.vad import detect_speech, speech_span
from affectkit.types import VAD, AnalysisWarning, TextAnalysis

MAX_WINDOW = 8.0
"""Longest window read at once, in seconds (EmoDB's utterances, which the model learned from, are 1-9 s)."""
MIN_WINDOW = 2.0
"""A window is closed at a pause only once it holds this much."""
PAUSE = 0.5
"""A gap between stretches of speech at least this long may end a window."""
LONG_PAUSE = 1.0
"""A gap at least this long always ends a window: a window never holds a long silence."""
LITTLE_SPEECH = 1.0
SILENCE_NOTE = 0.2
SESSION_CLIPS = 10
"""Windows of speech a recording or a speaker's turns need before a profile is fitted on them."""
TEXT_VALENCE_WEIGHT = 0.7
"""In ``fused_vad``, the words' share of valence (the voice's share of arousal is the same)."""

AudioInput = str | Path | bytes | np.ndarray | Audio
"""A path, the bytes of an audio file, an array (with its sample rate) or a loaded :class:`Audio`."""
Windows = tuple[list[tuple[float, float]], list[tuple[float, float]], list[np.ndarray], list[float]]
"""Stretches of speech, windows, each window's feature vector and seconds of speech (:func:`window_vectors`)."""


def speech_windows(
    segments: Sequence[tuple[float, float]], max_window: float = MAX_WINDOW
) -> list[tuple[float, float]]:
    """Group stretches of speech into windows: a window ends at a pause of :data:`PAUSE` seconds once it holds
    :data:`MIN_WINDOW` seconds, at any pause of :data:`LONG_PAUSE` seconds, or before it would exceed
    ``max_window``; a longer stretch is cut into pieces.

    Example:
        >>> speech_windows([(0.0, 1.0), (1.2, 2.5), (3.5, 4.0), (5.0, 14.0)])
        [(0.0, 2.5), (3.5, 4.0), (5.0, 13.0), (13.0, 14.0)]
    """
    windows: list[list[float]] = []
    for start, end in segments:
        while end - start > max_window:
            if windows and start - windows[-1][1] < PAUSE and windows[-1][1] - windows[-1][0] < MIN_WINDOW:
                cut = windows[-1][0] + max_window
                windows[-1][1] = cut
            else:
                cut = start + max_window
                windows.append([start, cut])
            start = cut
        if windows:
            last = windows[-1]
            gap, length = start - last[1], last[1] - last[0]
            if end - last[0] <= max_window and (gap < PAUSE or (length < MIN_WINDOW and gap < LONG_PAUSE)):
                last[1] = end
                continue
        windows.append([start, end])
    return [(round(s, 3), round(e, 3)) for s, e in windows]


def _vad(values: tuple[float, float, float]) -> VAD:
    v, a, d = (round(float(np.clip(x, -1.0, 1.0)), 4) for x in values)
    return VAD(valence=v, arousal=a, dominance=d)


def window_vectors(audio: Audio) -> Windows:
    """The recording's stretches of speech, its windows, each window's feature vector and seconds of speech."""
    activity = detect_speech(audio.signal, audio.sample_rate)
    if activity.silent:
        raise AffectkitError("AK-E032", "the audio is silent: no stretch of sound above the voice-activity "
                             f"threshold ({activity.threshold_db:.0f} dBFS)", source=audio.source)
    rate = audio.sample_rate
    windows, vectors, speech = [], [], []
    for start, end in speech_windows(activity.segments):
        span = speech_span(activity, start, end)
        if span is None:
            continue
        vector = clip_vector(audio.signal[int(span[0] * rate):int(span[1] * rate)], rate)
        if vector is None:
            continue
        windows.append((round(span[0], 3), round(span[1], 3)))
        vectors.append(vector)
        speech.append(sum(max(0.0, min(e, end) - max(s, start)) for s, e in activity.segments))
    if not vectors:
        raise AffectkitError("AK-E032", "the audio holds no stretch of speech long enough to read",
                             source=audio.source)
    return activity.segments, windows, vectors, speech


def speaker_profile(recordings: Sequence[AudioInput], sample_rate: int | None = None,
                    model: SpeechModel | str | None = None) -> SpeakerProfile:
    """A :class:`SpeakerProfile` from unlabelled recordings of one speaker (paths, or arrays at
    ``sample_rate``): every window of speech in them counts as a clip. Ten or more clips, in more than one mood,
    make a good profile; see the model card for how accuracy grows with them.

    Example:
        >>> import numpy as np
        >>> rate = 16000
        >>> t = np.arange(rate) / rate
        >>> clips = [0.1 * k * np.sin(2 * np.pi * (120 + 10 * k) * t) for k in range(1, 4)]
        >>> speaker_profile(clips, sample_rate=rate).clips
        3
    """
    model = as_model(model)
    loaded = (rec if isinstance(rec, Audio) else load_audio(rec, sample_rate) for rec in recordings)
    vectors = [v for audio in loaded for v in window_vectors(audio)[2]]
    return model.profile(np.vstack(vectors))


def analyze_speech(
    audio: AudioInput,
    transcript: str | TextAnalysis | None = None,
    *,
    sample_rate: int | None = None,
    profile: SpeakerProfile | None = None,
    model: SpeechModel | str | None = None,
    calibrate: bool = False,
) -> SpeechAnalysis:
    """Read the emotion in the voice of ``audio`` (a WAV/FLAC/OGG path or its bytes, an array with its
    ``sample_rate``, or :func:`~affectkit.speech.audio.load_audio`'s result);
    with ``transcript`` (a text, or its :class:`~affectkit.types.TextAnalysis`), fuse it with the words' reading
    from :func:`affectkit.analyze_one` and flag where they disagree (``AK-W023``). ``profile`` (see
    :func:`speaker_profile`) selects the speaker-normalised head, which is much more accurate for a known
    speaker. ``calibrate=True`` (one speaker only!) fits that profile on the recording itself when it holds at
    least :data:`SESSION_CLIPS` windows of speech: per-speaker normalisation over the session, which assumes the
    recording holds more than one mood. ``model`` is a :class:`~affectkit.speech.model.SpeechModel`, a shipped
    model's name (``"speech-emodb"``, ``"speech-emodb-ravdess"``) or a folder; by default the licence profile's
    (:func:`~affectkit.speech.model.load_speech_model`); fit ``profile`` with the same model.
    Raises ``AK-E030``-``AK-E033`` for audio that cannot be read or holds no speech.
    """
    model = as_model(model)
    loaded = audio if isinstance(audio, Audio) else load_audio(audio, sample_rate)
    found = window_vectors(loaded)
    session = profile is None and calibrate and len(found[2]) >= SESSION_CLIPS
    if session:
        profile = model.profile(np.vstack(found[2]))
    result = read_windows(loaded, found, model, profile)
    if session and profile is not None:
        result.warnings.append(profile_note(profile, "this recording"))
    if transcript is not None:
        result = fuse(result, transcript)
    return result


def as_model(model: SpeechModel | str | Path | None) -> SpeechModel:
    """``model`` itself, or the shipped model it names (:func:`~affectkit.speech.model.load_speech_model`)."""
    return model if isinstance(model, SpeechModel) else load_speech_model(model)


def licence_note(model: SpeechModel) -> list[AnalysisWarning]:
    """``AK-W013`` when the ``commercial`` licence profile is in force and ``model`` was trained on data that does
    not permit commercial use (it can only have been given explicitly: the profile's own model is commercial).

    Example:
        >>> from affectkit import licence
        >>> from affectkit.speech.model import load_speech_model
        >>> _ = licence.configure("commercial")
        >>> [w.code for w in licence_note(load_speech_model("speech-emodb-ravdess"))]
        ['AK-W013']
        >>> licence_note(load_speech_model())
        []
        >>> licence.configure(None)
        'default'
    """
    from affectkit.licence import NOT_COMMERCIAL, current_licence

    if model.commercial_use or current_licence() != "commercial":
        return []
    code, message = NOT_COMMERCIAL
    return [AnalysisWarning(code=code, message=f"{message} (speech model {model.name}: "
                            f"{model.config.get('licence_note', 'no commercial use stated')})")]


def profile_note(profile: SpeakerProfile, fitted_on: str) -> AnalysisWarning:
    """``AK-W026``: the reading used a session profile fitted on the unlabelled speech it read."""
    return AnalysisWarning(code="AK-W026", message=(
        f"read against a speaker profile fitted on {profile.clips} windows of {fitted_on} (normalised over the "
        "session: assumes it holds more than one mood)"))


def read_windows(loaded: Audio, found: Windows, model: SpeechModel, profile: SpeakerProfile | None) -> SpeechAnalysis:
    """The :class:`SpeechAnalysis` of a recording from its :func:`window_vectors` (the voice only)."""
    segments, windows, vectors, speech = found
    probabilities = model.predict_proba(np.vstack(vectors), profile)
    labels = model.labels
    weights = np.asarray(speech) / max(sum(speech), 1e-9)
    mean = weights @ probabilities
    warnings = list(loaded.warnings) + licence_note(model)
    speech_seconds = float(sum(e - s for s, e in segments))
    silence = loaded.duration - speech_seconds
    if silence >= 0.5 and silence / loaded.duration >= SILENCE_NOTE:
        warnings.append(AnalysisWarning(code="AK-W020", message=(
            f"{silence:.1f} s of {loaded.duration:.1f} s is silence or non-speech and was not read")))
    if len(windows) > 1:
        warnings.append(AnalysisWarning(code="AK-W021", message=f"read in {len(windows)} windows of speech"))
    if speech_seconds < LITTLE_SPEECH:
        warnings.append(AnalysisWarning(code="AK-W022", message=(
            f"only {speech_seconds:.2f} s of speech: the reading is unreliable")))
    window_rows = [
        SpeechWindow(start=s, end=e, speech_seconds=round(sec, 3), emotion=labels[int(np.argmax(p))],
                     emotions={label: round(float(q), 4) for label, q in zip(labels, p, strict=True)},
                     vad=_vad(model.vad(p)))
        for (s, e), p, sec in zip(windows, probabilities, speech, strict=True)
    ]
    voice = _vad(model.vad(mean))
    return SpeechAnalysis(
        source=loaded.source, duration=round(loaded.duration, 3), speech_seconds=round(speech_seconds, 3),
        segments=segments, windows=window_rows, emotion=labels[int(np.argmax(mean))],
        emotions={label: round(float(q), 4) for label, q in zip(labels, mean, strict=True)}, vad=voice,
        head="global" if profile is None else "speaker", warnings=warnings, model=model.name,
    )


def fuse(speech: SpeechAnalysis, transcript: str | TextAnalysis) -> SpeechAnalysis:
    """``speech`` with the transcript's text reading, the fused VAD and the disagreements between them.

    Example:
        >>> from affectkit.types import VAD
        >>> calm = SpeechAnalysis(source="x", duration=2, speech_seconds=2, segments=[(0.0, 2.0)], windows=[],
        ...     emotion="neutral", emotions={"neutral": 0.9}, vad=VAD(valence=0.0, arousal=-0.1, dominance=0.0),
        ...     head="global", model="m@1")
        >>> fused = fuse(calm, "I feel hopeless, there is no point in going on.")
        >>> [d.kind for d in fused.disagreements], fused.warnings[-1].code
        (['calm_voice_dark_words'], 'AK-W023')
    """
    if isinstance(transcript, TextAnalysis):
        text = transcript
    else:
        from affectkit import analyze_one

        text = analyze_one(transcript)
    text_vad = text.vad or VAD(valence=0.0, arousal=0.0, dominance=0.0)
    w = TEXT_VALENCE_WEIGHT
    fused = _vad((w * text_vad.valence + (1 - w) * speech.vad.valence,
                  (1 - w) * text_vad.arousal + w * speech.vad.arousal,
                  0.5 * (text_vad.dominance + speech.vad.dominance)))
    found = disagreements(text, speech)
    warnings = list(speech.warnings) + [AnalysisWarning(code="AK-W023", message=d.description) for d in found]
    return speech.model_copy(update={"transcript": text.text, "text": text, "fused_vad": fused,
                                     "disagreements": found, "warnings": warnings})


DARK = -0.25
BRIGHT = 0.3
CALM_EMOTIONS = ("neutral", "boredom")
NEGATIVE_VOICE = ("anger", "sadness", "fear", "disgust")


def disagreements(text: TextAnalysis, speech: SpeechAnalysis) -> list[Disagreement]:
    """Where the words and the voice disagree: dark words in a calm, flat voice (a known marker in the
    depression literature, and of masking); bright words in a negative voice (sarcasm, masking); a highly
    aroused voice with neutral words."""
    tv = text.vad.valence if text.vad else 0.0
    negative_text = tv <= DARK or "negative" in text.sentiment_labels
    voice = speech.vad
    found = []

    def note(kind: str, description: str) -> None:
        found.append(Disagreement(kind=kind, description=description, text_valence=round(tv, 4),  # type: ignore[arg-type]
                                  voice_valence=voice.valence, voice_arousal=voice.arousal))

    if negative_text and speech.emotion in CALM_EMOTIONS and voice.arousal <= 0.1:
        note("calm_voice_dark_words",
             f"calm voice ({speech.emotion}, arousal {voice.arousal:+.2f}) with dark words (valence {tv:+.2f})")
    if tv >= BRIGHT and speech.emotion in NEGATIVE_VOICE and voice.valence <= DARK:
        note("negative_voice_positive_words",
             f"negative voice ({speech.emotion}, valence {voice.valence:+.2f}) with bright words "
             f"(valence {tv:+.2f})")
    if abs(tv) < 0.15 and not text.sentiment_labels and voice.arousal >= 0.5:
        note("aroused_voice_neutral_words",
             f"aroused voice ({speech.emotion}, arousal {voice.arousal:+.2f}) with neutral words")
    return found
