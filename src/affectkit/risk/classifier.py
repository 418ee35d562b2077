"""The learned part of risk detection: an ensemble of crisis heads over USE multilingual v3, read token by token.

``models/crisis-use/`` holds the learned weights (``network.npz``, read by :class:`~affectkit.risk.network.
CrisisNetwork`), the labels, the calibration and the decision thresholds (``config.json``) and the model card;
``affectkit.training.crisis`` rebuilds them. Each kind (``suicidal_ideation``, ``self_harm``, ``harm_to_others``,
``abuse``, ``third_party_risk``) has its own sigmoid output, and so has ``crisis`` (any kind: the detection
decision); the ensemble's mean logit goes through a per-output Platt calibration fitted on the dev split, so a
score of 0.8 means that about 8 in 10 dev messages with that score carried the label. A text's scores never
depend on the texts read with it (:func:`~affectkit.risk.network.stacked_product`).

Example:
    >>> classifier = CrisisClassifier()
    >>> classifier.kinds[:2], classifier.model_id
    (('suicidal_ideation', 'self_harm'), 'crisis-use@8')
    >>> classifier.predict_proba(["I don't want to live anymore"]).shape
    (1, 6)
"""

from __future__ import annotations

import json
import os
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from functools import cache, cached_property
from pathlib import Path
from typing import Any

import numpy as np
from threadpoolctl import ThreadpoolController

from affectkit.errors import AffectkitError
from affectkit.risk.network import CrisisNetwork

MODEL_DIR = Path(__file__).resolve().parent.parent / "models" / "crisis-use"


class CrisisClassifier:
    """Calibrated per-label crisis probabilities of texts."""

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
    def network_(self) -> CrisisNetwork:
        return CrisisNetwork.load(self.path / "network.npz")

    def logits(self, texts: Sequence[str]) -> np.ndarray:
        """The ensemble's mean logit per text and label, before calibration; a text's row never depends on the
        other texts."""
        if not texts:
            return np.zeros((0, len(self.outputs)), dtype=np.float32)
        # One BLAS thread per product: only then is a row computed the same way whatever it is stacked with. Groups
        # of texts are read side by side instead, one thread per core.
        groups = _groups(texts)
        if len(groups) < READING_WORKERS and len(texts) >= 2 * MIN_SHARE:  # two cores for a few texts
            half = (len(texts) + 1) // 2
            groups = [texts[:half], texts[half:]]
        pool = reading_pool()
        with _blas().limit(limits=1, user_api="blas"):
            if len(groups) > 1 and pool is not None:
                return np.concatenate(list(pool.map(self.network_.logits, groups)))
            return np.concatenate([self.network_.logits(group) for group in groups])

    def predict_proba(self, texts: Sequence[str]) -> np.ndarray:
        """Calibrated probabilities, shape ``(len(texts), len(outputs))``."""
        return self.calibrate(self.logits(texts))

    def calibrate(self, logits: np.ndarray) -> np.ndarray:
        """Calibrated probabilities from :meth:`logits`."""
        calibration = self.config["calibration"]
        a = np.asarray(calibration["a"], dtype=np.float32)
        b = np.asarray(calibration["b"], dtype=np.float32)
        probabilities: np.ndarray = 1.0 / (1.0 + np.exp(-(a * logits + b)))
        return probabilities


READING_WORKERS = min(2, os.cpu_count() or 1)  # texts read side by side, by the network and by the verifier
# The network reads up to GROUP texts of GROUP_CHARS characters in all (about 2,000 tokens) in one stack of
# products, reading the weights once for them all; bigger stacks leave the CPU caches (64 texts were slower than 16,
# and a 30,000-character post stacked with 15 others took four times as long as alone). A longer text goes alone.
GROUP = 16
GROUP_CHARS = 8_000
MIN_SHARE = 4  # the fewest texts worth a thread of their own


def _groups(texts: Sequence[str]) -> list[Sequence[str]]:
    """``texts`` in order, cut into stacks of at most ``GROUP`` texts and ``GROUP_CHARS`` characters (a longer text
    alone).

    Example:
        >>> [len(group) for group in _groups(["hi"] * 40)], [len(g) for g in _groups(["a" * 9000, "b", "c" * 8000])]
        ([16, 16, 8], [1, 1, 1])
    """
    groups: list[Sequence[str]] = []
    start, size = 0, 0
    for end, text in enumerate(texts):
        if end > start and (end - start == GROUP or size + len(text) > GROUP_CHARS):
            groups.append(texts[start:end])
            start, size = end, 0
        size += len(text)
    groups.append(texts[start:])
    return groups


@cache
def reading_pool() -> ThreadPoolExecutor | None:
    """The risk readers' threads, which read texts side by side (numpy and onnxruntime release the GIL while they
    compute); None on one core. One pool for both readers: a message is read by one, then by the other."""
    if READING_WORKERS == 1:
        return None
    return ThreadPoolExecutor(max_workers=READING_WORKERS, thread_name_prefix="affectkit-risk")


@cache
def _blas() -> ThreadpoolController:
    """The process's thread pools, found once (finding them costs about 0.4 ms)."""
    return ThreadpoolController()
