"""The voice of a conversation's turns: the one place where utterances with an ``audio`` recording are read.

:func:`affectkit.analyze_conversation` and :class:`~affectkit.conversation.ConversationTracker` call it for the
utterances that carry ``audio`` (a path; the conversation file readers resolve a relative one against the file's
folder). Each recording is read in windows of speech (:mod:`affectkit.speech.analyze`) and fused with its turn's
words (:func:`~affectkit.speech.analyze.fuse`); the result is the turn's ``speech``.

With ``calibrate=True`` (the batch analysis' default) a speaker with at least :data:`SESSION_CLIPS` windows of
speech across their turns is read with a speaker profile fitted on those windows: per-speaker normalisation over
the session, the model's more accurate head (see the model card), noted by ``AK-W026``. It assumes the session
holds more than one mood; a speaker who stays angry throughout is normalised towards their own anger. Fewer
windows, or the live tracker (the session is not over): the global head.

Example:
    >>> import numpy as np, soundfile as sf, tempfile, pathlib
    >>> from affectkit import analyze_conversation
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> t = np.arange(32000) / 16000
    >>> sf.write(folder / "t1.wav", 0.2 * np.sin(2 * np.pi * 150 * t), 16000)
    >>> chat = [{"speaker": "user", "text": "I'm fine.", "audio": str(folder / "t1.wav")},
    ...         {"speaker": "assistant", "text": "Glad to hear it."}]
    >>> turns = analyze_conversation(chat).turns
    >>> [t.speech is not None for t in turns], turns[0].speech.transcript
    ([True, False], "I'm fine.")
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import numpy as np

from affectkit.errors import AffectkitError
from affectkit.speech.analyze import SESSION_CLIPS, Windows, fuse, profile_note, read_windows, window_vectors
from affectkit.speech.audio import Audio, load_audio
from affectkit.speech.model import SpeakerProfile, SpeechModel, load_speech_model
from affectkit.types import SpeechAnalysis, Utterance

__all__ = ["SESSION_CLIPS", "LoadedTurns", "load_turn_audio", "read_turn_speech"]

LoadedTurns = dict[int, tuple[Audio, Windows]]
"""Per index of an utterance with audio: its recording and its windows of speech (:func:`load_turn_audio`)."""


def load_turn_audio(utterances: Sequence[Utterance], offset: int = 0) -> LoadedTurns:
    """Load the recording of every utterance with ``audio`` and find its windows of speech (before any text model
    runs, so a bad file fails early). Errors (``AK-E001`` no such file, ``AK-E030``-``AK-E033``) name the
    utterance in ``field`` (``utterances[i].audio``, ``i`` counted from ``offset``) and the file in ``source``."""
    found: LoadedTurns = {}
    for i, utterance in enumerate(utterances):
        if utterance.audio is None:
            continue
        where = f"utterances[{offset + i}].audio"
        if not utterance.audio.strip():
            raise AffectkitError("AK-E005", "an utterance's audio must be a path, got an empty string", field=where)
        try:
            loaded = load_audio(Path(utterance.audio))
            found[i] = (loaded, window_vectors(loaded))
        except AffectkitError as error:
            error.field = where
            raise
    return found


def read_turn_speech(utterances: Sequence[Utterance], loaded: LoadedTurns, *, calibrate: bool = True,
                     model: SpeechModel | None = None) -> list[SpeechAnalysis | None]:
    """Per utterance, its voice (from :func:`load_turn_audio`) fused with its words, or ``None`` without audio;
    with ``calibrate``, each speaker with :data:`SESSION_CLIPS` windows or more is read with a session profile."""
    model = model or load_speech_model()
    profiles: dict[str, SpeakerProfile] = {}
    if calibrate:
        by_speaker: dict[str, list[np.ndarray]] = {}
        for i, (_, windows) in loaded.items():
            by_speaker.setdefault(utterances[i].speaker, []).extend(windows[2])
        profiles = {speaker: model.profile(np.vstack(vectors)) for speaker, vectors in by_speaker.items()
                    if len(vectors) >= SESSION_CLIPS}
    speech: list[SpeechAnalysis | None] = [None] * len(utterances)
    for i, (audio, windows) in loaded.items():
        utterance = utterances[i]
        profile = profiles.get(utterance.speaker)
        reading = read_windows(audio, windows, model, profile)
        if profile is not None:
            reading.warnings.append(profile_note(profile, f"{utterance.speaker}'s turns in this conversation"))
        speech[i] = fuse(reading, utterance.text)
    return speech
