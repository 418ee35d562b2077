"""A file cache of utterance feature vectors, so that slow encoder passes are paid once per text.

The vectors are :func:`affectkit.recognizers.utterance.utterance_features` of the recognizer's
``predict_raw`` output, the run-time path: the shipped encoder reads every text alone whatever its batch,
so a cached row equals what :class:`affectkit.recognizers.utterance.UtteranceEncoder` computes live. The
cache is keyed by text and remembers the recognizer it was made with; a cache made with another one is
ignored. It lives under ``build/`` (untracked), never in the package.

Example:
    >>> import numpy as np, tempfile, pathlib
    >>> class Fake:
    ...     model_id = "fake@1"
    ...     def predict_raw(self, texts):
    ...         n = len(texts)
    ...         return {"embedding": np.ones((n, 384)), "goemotions": np.zeros((n, 28)),
    ...                 "ekman": np.zeros((n, 7)), "vad_head": np.zeros((n, 3))}
    >>> path = pathlib.Path(tempfile.mkdtemp()) / "cache.npz"
    >>> FeatureCache(path, Fake()).vectors(["a", "b", "a"]).shape
    (3, 422)
    >>> len(FeatureCache(path, Fake()).rows)
    2
"""

from __future__ import annotations

import sys
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np

from affectkit.recognizers.utterance import UTTERANCE_DIM, utterance_features

CHUNK = 1024  # texts encoded between two saves


class FeatureCache:
    """Utterance vectors by text, read from and saved to ``path`` (``None``: in memory only)."""

    def __init__(self, path: Path | None, recognizer: Any) -> None:
        self.path = path
        self.recognizer = recognizer
        self.rows: dict[str, np.ndarray] = {}
        if path is not None and path.is_file():
            with np.load(path, allow_pickle=False) as data:
                if str(data["model"]) == recognizer.model_id:
                    self.rows = dict(zip(data["texts"].tolist(), data["vectors"], strict=True))

    def vectors(self, texts: Sequence[str], progress: bool = False) -> np.ndarray:
        """One row per text, in order; texts not cached yet are encoded (``CHUNK`` at a time, saving after
        each chunk, so an interrupted run keeps what it did)."""
        todo = [t for t in dict.fromkeys(texts) if t not in self.rows]
        started = time.perf_counter()
        for start in range(0, len(todo), CHUNK):
            chunk = todo[start : start + CHUNK]
            for text, row in zip(chunk, utterance_features(self.recognizer.predict_raw(chunk)), strict=True):
                self.rows[text] = row
            self.save()
            if progress:
                done = start + len(chunk)
                rate = done / max(time.perf_counter() - started, 1e-9)
                print(f"encoded {done}/{len(todo)} texts ({rate:.0f}/s)", file=sys.stderr, flush=True)
        if not texts:
            return np.zeros((0, UTTERANCE_DIM), dtype=np.float32)
        return np.stack([self.rows[t] for t in texts]).astype(np.float32)

    def save(self) -> None:
        if self.path is None:
            return
        self.path.parent.mkdir(parents=True, exist_ok=True)
        texts = list(self.rows)
        partial = self.path.with_name(self.path.name + ".partial.npz")
        np.savez(partial, model=np.array(self.recognizer.model_id), texts=np.array(texts, dtype=str),
                 vectors=np.stack([self.rows[t] for t in texts]) if texts else np.zeros((0, UTTERANCE_DIM)))
        partial.replace(self.path)
