"""Conversations whose utterances carry an ``audio`` recording: the text analysis of the whole conversation
(:func:`affectkit.analyze_conversation`) plus, for each turn with audio, the voice's reading fused with that
turn's words.

An utterance is the usual ``{"speaker", "text"}`` with an optional ``"audio"``: a path (relative paths are
taken from ``base_dir``). With ``calibrate=True`` (the default) a speaker with at least
:data:`SESSION_CLIPS` windows of speech across their turns is read with a speaker profile fitted on those
windows: per-speaker normalisation over the session, the model's more accurate head (see the model card). It
assumes the session holds more than one mood; a speaker who stays angry throughout is normalised towards their
own anger. Fewer windows: the global head.

Example:
    >>> import numpy as np, soundfile as sf, tempfile, pathlib
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> t = np.arange(32000) / 16000
    >>> sf.write(folder / "t1.wav", 0.2 * np.sin(2 * np.pi * 150 * t), 16000)
    >>> chat = [{"speaker": "user", "text": "I'm fine.", "audio": "t1.wav"},
    ...         {"speaker": "assistant", "text": "Glad to hear it."}]
    >>> result = analyze_conversation_audio(chat, base_dir=folder)
    >>> [s is not None for s in result.speech], result.speech[0].transcript
    ([True, False], "I'm fine.")
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

import numpy as np
from pydantic import BaseModel

from affectkit.errors import AffectkitError
from affectkit.speech.analyze import SESSION_CLIPS, Windows, fuse, read_windows, window_vectors
from affectkit.speech.audio import Audio, load_audio
from affectkit.speech.model import SpeakerProfile, SpeechModel, load_speech_model
from affectkit.speech.types import SpeechAnalysis
from affectkit.types import ConversationAnalysis

__all__ = ["SESSION_CLIPS", "ConversationSpeechAnalysis", "analyze_conversation_audio"]


class ConversationSpeechAnalysis(BaseModel):
    """``conversation``: the text analysis; ``speech``: per utterance, the fused voice reading or ``None`` (no
    audio); ``profiles``: per speaker read with a session profile, how many windows it was fitted on."""

    conversation: ConversationAnalysis
    speech: list[SpeechAnalysis | None]
    profiles: dict[str, int]


def _utterances(conversation: Any) -> list[dict[str, Any]]:
    if isinstance(conversation, Mapping):
        items = conversation.get("utterances")
    else:
        items = conversation
    if not isinstance(items, Sequence) or isinstance(items, str | bytes):
        raise AffectkitError("AK-E005", "expected a dict with 'utterances' or a list of utterances",
                             field="conversation")
    out = []
    for i, item in enumerate(items):
        if not isinstance(item, Mapping):
            raise AffectkitError("AK-E005", f"utterance {i} is not an object", field="utterances")
        out.append(dict(item))
    return out


def analyze_conversation_audio(conversation: Any, *, base_dir: str | Path | None = None, calibrate: bool = True,
                               model: SpeechModel | None = None, **options: Any) -> ConversationSpeechAnalysis:
    """Analyse a conversation whose utterances may carry ``audio``; ``options`` go to
    :func:`affectkit.analyze_conversation`. Raises the speech errors (``AK-E001``, ``AK-E030``-``AK-E033``) with
    the utterance named in ``field``."""
    from affectkit import analyze_conversation, analyze_one

    model = model or load_speech_model()
    items = _utterances(conversation)
    audio_paths = [item.pop("audio", None) for item in items]
    text = analyze_conversation({**conversation, "utterances": items} if isinstance(conversation, Mapping)
                                else items, **options)
    root = Path(base_dir) if base_dir is not None else Path.cwd()
    found: dict[int, tuple[Audio, Windows]] = {}
    for i, path in enumerate(audio_paths):
        if path is None:
            continue
        if not isinstance(path, str | Path):
            raise AffectkitError("AK-E005", "an utterance's audio must be a path", field=f"utterances[{i}].audio")
        full = Path(path) if Path(path).is_absolute() else root / path
        try:
            loaded = load_audio(full)
            found[i] = (loaded, window_vectors(loaded))
        except AffectkitError as error:
            error.field = f"utterances[{i}].audio"
            raise
    profiles: dict[str, SpeakerProfile] = {}
    if calibrate:
        by_speaker: dict[str, list[np.ndarray]] = {}
        for i, (_, windows) in found.items():
            by_speaker.setdefault(text.turns[i].speaker, []).extend(windows[2])
        profiles = {speaker: model.profile(np.vstack(vectors)) for speaker, vectors in by_speaker.items()
                    if len(vectors) >= SESSION_CLIPS}
    speech: list[SpeechAnalysis | None] = [None] * len(items)
    for i, (loaded, windows) in found.items():
        turn = text.turns[i]
        reading = read_windows(loaded, windows, model, profiles.get(turn.speaker))
        speech[i] = fuse(reading, analyze_one(turn.text))
    return ConversationSpeechAnalysis(conversation=text, speech=speech,
                                      profiles={s: p.clips for s, p in profiles.items()})
