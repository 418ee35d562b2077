"""Data loading of the recognition benchmark (see :mod:`affectkit.evals.recognition`)."""

from __future__ import annotations

import hashlib
import os
import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

import numpy as np

from affectkit.datasets import load_goemotions, load_group_mapping, map_to_groups, sha256_file
from affectkit.errors import AffectkitError
from affectkit.evals.recognition.prompts import recognition_prompt

if TYPE_CHECKING:
    from inspect_ai.dataset import MemoryDataset


SCHEMES = ("goemotions", "ekman")
EMBED_BATCH = 256
"""Texts per call to the encoder while embedding (one progress-bar step)."""

# --- Data -------------------------------------------------------------------------------------------


@dataclass
class RecognitionItems:
    """Texts of one split with their gold labels (names) in a scheme whose labels are ``labels``."""

    texts: list[str]
    gold: list[list[str]]
    labels: list[str]
    file: Path


def load_items(
    folder: Path, split: str = "test", scheme: str = "goemotions", limit: int | None = None
) -> RecognitionItems:
    """A GoEmotions split as texts and gold label names in ``scheme`` (``goemotions`` or ``ekman``).

    Example:
        >>> load_items(Path("."), scheme="plutchik")  # doctest: +IGNORE_EXCEPTION_DETAIL
        Traceback (most recent call last):
        ValueError: unknown scheme 'plutchik'; expected one of: goemotions, ekman
    """
    if scheme not in SCHEMES:
        raise ValueError(f"unknown scheme {scheme!r}; expected one of: {', '.join(SCHEMES)}")
    path = folder / f"{split}.tsv"
    for needed in (path, folder / "emotions.txt"):
        if not needed.is_file():
            raise AffectkitError("AK-E001", f"no GoEmotions file at {needed}", source=str(needed))
    data = load_goemotions(folder, split)
    if scheme == "goemotions":
        labels, targets = list(data.labels), data.targets
    else:
        mapping = load_group_mapping(folder, "ekman")
        labels = [group for group in mapping if group != "neutral"] + ["neutral"]
        targets = map_to_groups(data, labels, mapping)
    rows = len(data.texts) if limit is None else min(limit, len(data.texts))
    gold = [[labels[j] for j in np.flatnonzero(targets[i])] for i in range(rows)]
    return RecognitionItems(data.texts[:rows], gold, labels, path)


# --- Few-shot retrieval -----------------------------------------------------------------------------


class Embedder(Protocol):
    """What few-shot retrieval needs from an encoder (``EncoderRecognizer`` is one)."""

    @property
    def model_id(self) -> str: ...

    def embed(self, texts: Sequence[str]) -> np.ndarray: ...


def default_embedder() -> Embedder:
    """affectkit's shipped encoder (:class:`~affectkit.recognizers.encoder.EncoderRecognizer`)."""
    from affectkit.recognizers.encoder import EncoderRecognizer

    return EncoderRecognizer()


def embedding_cache_dir() -> Path:
    """Where embeddings are cached: ``$AFFECTKIT_CACHE_DIR/embeddings``, else the user cache dir of affectkit.

    Example:
        >>> embedding_cache_dir().name
        'embeddings'
    """
    from affectkit.evals._data import cache_dir

    return cache_dir() / "embeddings"


def embedder_fingerprint(embedder: Embedder) -> str:
    """The embedder's model id plus, when it has its weights on disk (``path/model.onnx``), their hash.

    Example:
        >>> class Toy:
        ...     model_id = "toy@1"
        >>> embedder_fingerprint(Toy())
        'toy@1'
    """
    weights = Path(getattr(embedder, "path", "") or "/nonexistent") / "model.onnx"
    if weights.is_file():
        return f"{embedder.model_id}#{sha256_file(weights)[:16]}"
    return embedder.model_id


def embed_cached(
    texts: Sequence[str],
    embedder: Embedder,
    source_hash: str,
    cache_dir: Path | None = None,
    description: str = "embedding",
    fingerprint: str | None = None,
) -> np.ndarray:
    """Embeddings of ``texts`` (one row each), read from or written to the on-disk cache.

    The cache file is named after the embedder's fingerprint (:func:`embedder_fingerprint`: model id and
    weights hash) and ``source_hash`` (the hash of the file the texts come from); a file holding the wrong
    number of rows is recomputed. Computing shows a progress bar on stderr. ``cache_dir`` defaults to
    :func:`embedding_cache_dir`.

    Example:
        >>> import tempfile
        >>> class Toy:
        ...     model_id = "toy@1"
        ...     def embed(self, texts):
        ...         return np.eye(3)[[len(t) % 3 for t in texts]]
        >>> embed_cached(["a", "bb"], Toy(), "abc", Path(tempfile.mkdtemp())).tolist()
        [[0.0, 1.0, 0.0], [0.0, 0.0, 1.0]]
    """
    fingerprint = fingerprint or embedder_fingerprint(embedder)
    key = hashlib.sha256(f"{fingerprint}\n{source_hash}".encode()).hexdigest()[:24]
    slug = re.sub(r"[^A-Za-z0-9.-]+", "-", fingerprint.split("#")[0]).strip("-")
    path = (cache_dir or embedding_cache_dir()) / f"{slug}-{key}.npy"
    if path.is_file():
        try:
            cached = np.load(path)
        except (OSError, ValueError):
            cached = None
        if cached is not None and cached.shape[0] == len(texts):
            return np.asarray(cached, dtype=np.float32)
    vectors = _embed_with_progress(texts, embedder, description)
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(f"{path.stem}.{os.getpid()}.partial.npy")
    np.save(partial, vectors)
    os.replace(partial, path)
    return vectors


def _embed_with_progress(texts: Sequence[str], embedder: Embedder, description: str) -> np.ndarray:
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

    parts: list[np.ndarray] = []
    columns = (TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn())
    with Progress(*columns, console=Console(stderr=True), transient=True) as progress:
        bar = progress.add_task(description, total=len(texts))
        for start in range(0, len(texts), EMBED_BATCH):
            batch = list(texts[start : start + EMBED_BATCH])
            parts.append(np.asarray(embedder.embed(batch), dtype=np.float32))
            progress.advance(bar, len(batch))
    return np.concatenate(parts) if parts else np.zeros((0, 0), dtype=np.float32)


def nearest(queries: np.ndarray, pool: np.ndarray, k: int) -> np.ndarray:
    """Indices of the ``k`` rows of ``pool`` most cosine-similar to each query row, most similar first.

    Ties keep the lower index first. ``k`` larger than the pool is cut to the pool size.

    Example:
        >>> pool = np.array([[1.0, 0.0], [0.0, 1.0], [0.7, 0.7]])
        >>> nearest(np.array([[0.9, 0.1]]), pool, 2).tolist()
        [[0, 2]]
    """
    k = min(k, pool.shape[0])
    if k <= 0:
        return np.zeros((queries.shape[0], 0), dtype=np.intp)

    def unit(matrix: np.ndarray) -> np.ndarray:
        norms = np.linalg.norm(matrix, axis=1, keepdims=True)
        return matrix / np.where(norms > 0, norms, 1.0)

    similarity = unit(np.asarray(queries, dtype=np.float64)) @ unit(np.asarray(pool, dtype=np.float64)).T
    return np.argsort(-similarity, axis=1, kind="stable")[:, :k]

def recognition_dataset(
    folder: Path,
    scheme: str = "goemotions",
    shots: int = 0,
    limit: int | None = None,
    split: str = "test",
    embedder: Embedder | None = None,
) -> MemoryDataset:
    """The samples of :func:`emotion_recognition`; ``embedder`` (for ``shots > 0``) defaults to
    :func:`default_embedder`. Sample metadata: ``text``, ``gold``, ``labels`` (the scheme's) and, with
    shots, ``demonstrations`` (indices into the training split, most similar first)."""
    from inspect_ai.dataset import MemoryDataset, Sample

    if shots < 0:
        raise ValueError(f"shots must be >= 0, got {shots}")
    items = load_items(folder, split, scheme, limit)
    examples: list[list[int]] = [[] for _ in items.texts]
    pool: RecognitionItems | None = None
    if shots > 0 and items.texts:
        pool = load_items(folder, "train", scheme)
        encoder = embedder if embedder is not None else default_embedder()
        fingerprint = embedder_fingerprint(encoder)
        pool_vectors = embed_cached(
            pool.texts, encoder, sha256_file(pool.file), description="embedding train split", fingerprint=fingerprint
        )
        query_hash = hashlib.sha256("\n".join(items.texts).encode()).hexdigest()
        query_vectors = embed_cached(
            items.texts, encoder, query_hash, description=f"embedding {split} texts", fingerprint=fingerprint
        )
        examples = nearest(query_vectors, pool_vectors, shots).tolist()
    samples = []
    for i, (text, gold) in enumerate(zip(items.texts, items.gold, strict=True)):
        shown = [] if pool is None else [(pool.texts[j], pool.gold[j]) for j in reversed(examples[i])]
        metadata: dict[str, Any] = {"text": text, "gold": gold, "labels": items.labels}
        if pool is not None:
            metadata["demonstrations"] = examples[i]
        samples.append(Sample(id=f"{split}-{i}", input=recognition_prompt(text, items.labels, shown),
                              target=", ".join(gold), metadata=metadata))
    return MemoryDataset(samples, name=f"goemotions-{split}-{scheme}", location=str(items.file))
