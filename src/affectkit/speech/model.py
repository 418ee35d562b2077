"""The speech emotion model at run time: two linear softmax heads over the 263-value eGeMAPS vector
(:mod:`affectkit.speech.vectors`), in plain numpy (no torch, no scikit-learn).

* the **speaker** head reads features z-scored per speaker. It needs a :class:`SpeakerProfile`, fitted on a few
  unlabelled recordings of the same speaker (ten or more, in several moods, are best: see the model card);
* the **global** head reads features z-scored with the training corpus' statistics, and is what a single clip of
  an unknown speaker gets. It is markedly weaker (a voice's pitch and loudness are read against everyone's).

Two models ship (:data:`SPEECH_MODELS`), both over the same features and EmoDB's seven labels:

* ``speech-emodb-egemaps@1`` (folder ``speech-emodb``), trained on EmoDB only: usable commercially, the speech
  model of the ``commercial`` licence profile (:mod:`affectkit.licence`);
* ``speech-emodb-ravdess-egemaps@1`` (folder ``speech-emodb-ravdess``), trained on EmoDB and the RAVDESS subset:
  **non-commercial** (RAVDESS is CC BY-NC-SA 4.0), the speech model of the ``default`` profile. It reads English
  speech much better (see its model card).

:func:`load_speech_model` with no argument gives the model of the licence profile in force;
:func:`shipped_speech_models` lists both with their languages, corpora, licence and profile.

Example:
    >>> model = load_speech_model("speech-emodb")
    >>> model.name, model.labels[:3], model.dim, model.commercial_use
    ('speech-emodb-egemaps@1', ['anger', 'boredom', 'disgust'], 263, True)
    >>> load_speech_model("speech-emodb-ravdess").commercial_use
    False
    >>> import numpy as np
    >>> probabilities = model.predict_proba(np.zeros((1, model.dim)))
    >>> probabilities.shape, bool(np.isclose(probabilities.sum(), 1.0))
    ((1, 7), True)
"""

from __future__ import annotations

import functools
import json
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from affectkit.errors import AffectkitError

MODELS = Path(__file__).resolve().parent.parent / "models"
MODEL_DIR = MODELS / "speech-emodb"
"""The EmoDB-only model (commercial use allowed)."""
SPEECH_MODELS = ("speech-emodb", "speech-emodb-ravdess")
"""The shipped speech models, by folder under ``affectkit/models``."""
PRIOR_CLIPS = 5.0
"""A profile's spread is blended with the training speakers' mean within-speaker spread, as if from this many
clips: a profile of a few clips is noisy, and its spread more so than its mean."""


@dataclass
class SpeakerProfile:
    """Per-speaker feature statistics (mean and spread of the 263 values) from ``clips`` unlabelled clips."""

    mean: np.ndarray
    scale: np.ndarray
    clips: int

    def to_dict(self) -> dict[str, object]:
        """A JSON-ready form (see :meth:`from_dict`)."""
        return {"mean": self.mean.tolist(), "scale": self.scale.tolist(), "clips": self.clips}

    @classmethod
    def from_dict(cls, data: dict[str, object]) -> SpeakerProfile:
        """The profile stored by :meth:`to_dict`."""
        return cls(np.asarray(data["mean"], dtype=np.float64), np.asarray(data["scale"], dtype=np.float64),
                   int(data["clips"]))  # type: ignore[call-overload]


def _softmax(z: np.ndarray) -> np.ndarray:
    z = z - z.max(axis=1, keepdims=True)
    e = np.exp(z)
    return e / e.sum(axis=1, keepdims=True)


class SpeechModel:
    """The two heads and their normalisation statistics, read from a model folder (``model.npz``,
    ``config.json``)."""

    def __init__(self, path: Path | str = MODEL_DIR) -> None:
        self.path = Path(path)

    @functools.cached_property
    def _weights(self) -> dict[str, np.ndarray]:
        try:
            with np.load(self.path / "model.npz") as stored:
                return {key: stored[key].astype(np.float64) for key in stored.files}
        except (OSError, ValueError) as exc:
            raise AffectkitError("AK-E034", f"speech model folder missing or incomplete: {exc}",
                                 source=str(self.path)) from exc

    @functools.cached_property
    def config(self) -> dict[str, object]:
        """The model's ``config.json``: labels, VAD prototypes, feature set, version."""
        try:
            config = json.loads((self.path / "config.json").read_text(encoding="utf-8"))
        except (OSError, ValueError) as exc:
            raise AffectkitError("AK-E034", f"speech model config missing or unreadable: {exc}",
                                 source=str(self.path)) from exc
        if config.get("features") != "egemaps-v02+lld-stats@1":
            raise AffectkitError("AK-E034", f"unknown feature set {config.get('features')!r}", source=str(self.path))
        return config

    @property
    def name(self) -> str:
        """``name@version`` of the model."""
        return f"{self.config['name']}@{self.config['version']}"

    @property
    def commercial_use(self) -> bool:
        """Whether the model's training data permits commercial use (``commercial_use`` in its config; a model
        whose config does not say is taken as non-commercial)."""
        return self.config.get("commercial_use") is True

    @property
    def labels(self) -> list[str]:
        """The emotion labels, in the order of the probabilities."""
        return list(self.config["labels"])  # type: ignore[call-overload]

    @property
    def dim(self) -> int:
        """Length of the feature vector the heads read."""
        return int(self._weights["global_mean"].size)

    def profile(self, vectors: np.ndarray) -> SpeakerProfile:
        """A :class:`SpeakerProfile` from the feature vectors (rows) of a speaker's unlabelled clips."""
        vectors = np.atleast_2d(np.asarray(vectors, dtype=np.float64))
        n = len(vectors)
        within = self._weights["within_scale"]
        spread = vectors.std(axis=0) if n > 1 else np.zeros_like(within)
        scale = np.sqrt((n * spread**2 + PRIOR_CLIPS * within**2) / (n + PRIOR_CLIPS))
        return SpeakerProfile(vectors.mean(axis=0), scale, n)

    def predict_proba(self, vectors: np.ndarray, profile: SpeakerProfile | None = None) -> np.ndarray:
        """Class probabilities (rows x labels) of feature vectors: the speaker head with ``profile``, else the
        global head."""
        w = self._weights
        x = np.atleast_2d(np.asarray(vectors, dtype=np.float64))
        if profile is None:
            z = (x - w["global_mean"]) / w["global_scale"]
            return _softmax(z @ w["global_coef"].T + w["global_intercept"])
        z = (x - profile.mean) / np.maximum(profile.scale, 1e-8)
        z = (z - w["speaker_mean"]) / w["speaker_scale"]
        return _softmax(z @ w["speaker_coef"].T + w["speaker_intercept"])

    def vad(self, probabilities: Sequence[float]) -> tuple[float, float, float]:
        """Valence, arousal and dominance: the probability-weighted mean of the labels' prototypes (set by hand
        from the emotion literature, in the config), each in [-1, 1]."""
        prototypes = self.config["vad_prototypes"]
        table = np.array([prototypes[label] for label in self.labels], dtype=np.float64)  # type: ignore[index]
        v, a, d = np.clip(np.asarray(probabilities, dtype=np.float64) @ table, -1.0, 1.0)
        return float(v), float(a), float(d)


def speech_model_dir(model: str | Path | None = None) -> Path:
    """The folder of a speech model: ``None`` is the licence profile's (:func:`affectkit.licence.profile`); a
    shipped model is named by its folder or its ``name@version``; anything else is a path.

    Example:
        >>> speech_model_dir("speech-emodb-ravdess-egemaps@1").name
        'speech-emodb-ravdess'
    """
    if model is None:
        from affectkit.licence import profile

        return MODELS / profile().speech
    text = str(model)
    for folder in SPEECH_MODELS:
        if text == folder or (text.startswith(folder + "-egemaps@") and text.count("@") == 1):
            return MODELS / folder
    return Path(model)


def load_speech_model(model: str | Path | None = None) -> SpeechModel:
    """The speech model of the licence profile in force (``affectkit.configure(licence=...)``), or the one named
    (``"speech-emodb"``, ``"speech-emodb-ravdess"`` or a ``name@version``) or in the folder ``model``; each
    folder is loaded once. A ``name@version`` that is not the shipped version is ``AK-E034``."""
    loaded = _load(speech_model_dir(model).resolve())
    if model is not None and "@" in str(model) and loaded.name != str(model):
        raise AffectkitError("AK-E034", f"no speech model {model} is shipped (this affectkit has {loaded.name})",
                             source=str(loaded.path))
    return loaded


@dataclass(frozen=True)
class SpeechModelInfo:
    """What a shipped speech model is, for listings (``affectkit models``, the service's ``/v1/info``)."""

    name: str
    """``name@version``."""
    languages: tuple[str, ...]
    """ISO 639-1 codes of the languages spoken in its training data."""
    corpora: tuple[str, ...]
    """The corpora it was trained on."""
    commercial_use: bool
    """Whether its training data permits commercial use."""
    profiles: tuple[str, ...]
    """The licence profiles (:mod:`affectkit.licence`) that read voices with it."""


def speech_extra_installed() -> bool:
    """Whether the modules of the ``speech`` extra, which reading a recording needs, are installed (none is
    imported)."""
    import importlib.util

    return all(importlib.util.find_spec(module) is not None for module in ("opensmile", "soundfile", "audresample"))


def shipped_speech_models() -> list[SpeechModelInfo]:
    """The shipped speech models (:data:`SPEECH_MODELS`), read from their configs (no weights are loaded).

    Example:
        >>> for info in shipped_speech_models():
        ...     print(info.name, info.languages, info.corpora, info.commercial_use, info.profiles)
        speech-emodb-egemaps@1 ('de',) ('EmoDB',) True ('commercial',)
        speech-emodb-ravdess-egemaps@1 ('de', 'en') ('EmoDB', 'RAVDESS') False ('default',)
    """
    from affectkit.licence import PROFILES

    infos = []
    for folder in SPEECH_MODELS:
        model = _load((MODELS / folder).resolve())
        languages: list[str] = model.config["languages"]  # type: ignore[assignment]
        corpora: list[str] = model.config["corpora"]  # type: ignore[assignment]
        infos.append(SpeechModelInfo(
            name=model.name, languages=tuple(languages), corpora=tuple(corpora), commercial_use=model.commercial_use,
            profiles=tuple(name for name, profile in PROFILES.items() if profile.speech == folder),
        ))
    return infos


@functools.lru_cache(maxsize=8)
def _load(path: Path) -> SpeechModel:
    return SpeechModel(path)
