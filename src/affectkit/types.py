"""The data model every surface serialises: Python API, CLI JSON, HTTP JSON, batch rows.

Example:
    >>> vad = VAD(valence=0.5, arousal=-0.1, dominance=0.0)
    >>> vad.valence
    0.5
"""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field


class VAD(BaseModel):
    """Valence (unpleasant..pleasant), arousal (calm..excited), dominance (controlled..in control), in [-1, 1]."""

    model_config = ConfigDict(frozen=True)

    valence: float = Field(ge=-1.0, le=1.0)
    arousal: float = Field(ge=-1.0, le=1.0)
    dominance: float = Field(ge=-1.0, le=1.0)


class AnalysisWarning(BaseModel):
    """Something the caller should know about an input; the analysis is still returned.

    ``code`` is stable (see :mod:`affectkit.errors`), ``message`` is for people.
    """

    model_config = ConfigDict(frozen=True)

    code: str
    message: str


class TextAnalysis(BaseModel):
    """What one recognizer found in one text.

    ``emotions`` holds a probability for every label of the fine-grained scheme (GoEmotions-28 for the
    shipped model); ``labels`` are those at or above their calibrated threshold, most likely first;
    ``intensity`` is the strength of each emotion in [0, 1]. ``ekman`` and ``sentiment`` are the coarse
    views with their own thresholded ``ekman_labels`` and ``sentiment_labels``. ``windows`` says into
    how many overlapping windows a long text was split (1 for anything that fits the model).
    """

    text: str
    emotions: dict[str, float]
    labels: list[str]
    intensity: dict[str, float]
    ekman: dict[str, float]
    ekman_labels: list[str]
    sentiment: dict[str, float]
    sentiment_labels: list[str]
    vad: VAD | None
    language: str
    windows: int = Field(ge=0)
    warnings: list[AnalysisWarning] = Field(default_factory=list)
    model: str

    def top(self, n: int = 3) -> list[tuple[str, float]]:
        """The ``n`` most probable fine-grained emotions, most probable first.

        Example:
            >>> analysis = TextAnalysis(text="x", emotions={"joy": 0.9, "anger": 0.1}, labels=["joy"],
            ...     intensity={}, ekman={}, ekman_labels=[], sentiment={}, sentiment_labels=[], vad=None,
            ...     language="en", windows=1, model="m@1")
            >>> analysis.top(1)
            [('joy', 0.9)]
        """
        return sorted(self.emotions.items(), key=lambda item: -item[1])[:n]
