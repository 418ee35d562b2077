"""The learned part of risk detection: a small ensemble of MLPs over multilingual sentence embeddings.

``models/crisis-use/`` holds the weights (``classifier.npz``), the labels, the calibration and the decision
thresholds (``config.json``) and the model card; ``affectkit.training.crisis`` rebuilds them. Each kind
(``suicidal_ideation``, ``self_harm``, ``harm_to_others``, ``abuse``, ``third_party_risk``) has its own
sigmoid output, and so has ``crisis`` (any kind: the detection decision); the ensemble's mean logit goes through
a per-output Platt calibration fitted on the dev split, so a score of 0.8 means that about 8 in 10 dev messages
with that score carried the label.

Example:
    >>> classifier = CrisisClassifier()
    >>> classifier.kinds[:2], classifier.model_id
    (('suicidal_ideation', 'self_harm'), 'crisis-use@2')
"""

from __future__ import annotations

import json
from functools import cached_property
from pathlib import Path
from typing import Any

import numpy as np

from affectkit.errors import AffectkitError

MODEL_DIR = Path(__file__).resolve().parent.parent / "models" / "crisis-use"


class CrisisClassifier:
    """Calibrated per-label crisis probabilities for rows of sentence embeddings."""

    def __init__(self, path: Path | None = None) -> None:
        self.path = path if path is not None else MODEL_DIR

    @cached_property
    def config(self) -> dict[str, Any]:
        config_path = self.path / "config.json"
        if not config_path.is_file():
            raise AffectkitError("AK-E007", f"no crisis model config at {config_path}")
        config: dict[str, Any] = json.loads(config_path.read_text(encoding="utf-8"))
        return config

    @property
    def kinds(self) -> tuple[str, ...]:
        return tuple(self.config["kinds"])

    @property
    def outputs(self) -> tuple[str, ...]:
        """The columns of :meth:`predict_proba`: the kinds, then ``crisis``."""
        return tuple(self.config["outputs"])

    @property
    def model_id(self) -> str:
        return f"{self.config['name']}@{self.config['version']}"

    @cached_property
    def _weights(self) -> dict[str, np.ndarray]:
        weights_path = self.path / "classifier.npz"
        if not weights_path.is_file():
            raise AffectkitError("AK-E007", f"no crisis model weights at {weights_path}")
        with np.load(weights_path) as data:
            return {key: data[key].astype(np.float32) for key in data.files}

    def logits(self, embeddings: np.ndarray) -> np.ndarray:
        """The ensemble's mean logit per row and label, before calibration."""
        w = self._weights
        hidden = np.maximum(np.einsum("nd,edh->enh", embeddings, w["w1"]) + w["b1"][:, None, :], 0.0)
        out = np.einsum("enh,ehk->enk", hidden, w["w2"]) + w["b2"][:, None, :]
        mean: np.ndarray = out.mean(axis=0)
        return mean

    def predict_proba(self, embeddings: np.ndarray) -> np.ndarray:
        """Calibrated probabilities, shape ``(rows, len(outputs))``."""
        calibration = self.config["calibration"]
        a = np.asarray(calibration["a"], dtype=np.float32)
        b = np.asarray(calibration["b"], dtype=np.float32)
        z = a * self.logits(embeddings) + b
        probabilities: np.ndarray = 1.0 / (1.0 + np.exp(-z))
        return probabilities
