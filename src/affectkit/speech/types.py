"""The speech layer's data model (pydantic, like :mod:`affectkit.types`)."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, Field

from affectkit.types import VAD, AnalysisWarning, TextAnalysis


class SpeechWindow(BaseModel):
    """One stretch of speech read on its own: ``start``/``end`` in seconds from the start of the recording."""

    start: float = Field(ge=0.0)
    end: float = Field(ge=0.0)
    speech_seconds: float = Field(ge=0.0)
    emotion: str
    emotions: dict[str, float]
    vad: VAD


class Disagreement(BaseModel):
    """Voice and words point different ways (``kind``), with the values that say so."""

    kind: Literal["calm_voice_dark_words", "negative_voice_positive_words", "aroused_voice_neutral_words"]
    description: str
    text_valence: float
    voice_valence: float
    voice_arousal: float


class SpeechAnalysis(BaseModel):
    """The emotion in a recording's voice, and, given a transcript, its fusion with the words.

    ``emotions`` are the model's probabilities over its labels, averaged over the windows weighted by their
    seconds of speech; ``emotion`` is the most probable. ``vad`` is the voice's valence/arousal/dominance (from
    the categories, see the model card); ``fused_vad`` mixes it with the text's (valence mostly from the words,
    arousal mostly from the voice). ``head`` is ``speaker`` when a speaker profile normalised the features,
    else ``global``. Silence is never read: ``segments`` are the stretches of sound found by the voice activity
    detector, and only they are analysed.
    """

    source: str
    duration: float = Field(ge=0.0)
    speech_seconds: float = Field(ge=0.0)
    segments: list[tuple[float, float]]
    windows: list[SpeechWindow]
    emotion: str
    emotions: dict[str, float]
    vad: VAD
    head: Literal["speaker", "global"]
    transcript: str | None = None
    text: TextAnalysis | None = None
    fused_vad: VAD | None = None
    disagreements: list[Disagreement] = Field(default_factory=list)
    warnings: list[AnalysisWarning] = Field(default_factory=list)
    model: str
