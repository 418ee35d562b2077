"""``emotion_recognition``: GoEmotions-style multi-label emotion classification by the model under test.

Each sample is one text of a GoEmotions split (``test.tsv`` by default) with its gold labels in the chosen
scheme: ``goemotions`` (the labels of ``emotions.txt``, 27 emotions and ``neutral``) or ``ekman`` (the groups
of ``taxonomy/ekman_mapping.json`` and ``neutral``; a group is gold when any of its member labels is). The
prompt lists the scheme's labels and asks for the ones the text expresses, separated by commas.

**Few-shot** (``shots=k > 0``): the ``k`` training texts most similar to the sample's text, by cosine
similarity of affectkit's own sentence embeddings (:meth:`EncoderRecognizer.embed
<affectkit.recognizers.encoder.EncoderRecognizer.embed>`), are shown first with their gold labels, the most
similar one last, right before the text to classify. The embeddings of the training split (43k texts) are
computed once, with a progress bar, and cached on disk (see :func:`embed_cached`): the cache key holds the
encoder's model id, a hash of its weights and the hash of the training file, so a retrained model or a
changed file never reuses stale vectors.

**Parsing** (:func:`parse_labels`): the text after the last ``Emotions:`` / ``Labels:`` / ``Answer:`` marker
(else the whole answer) is split at commas, semicolons, slashes, new lines and the word "and"; each piece
that is exactly a known label of the scheme (any letter case, without quotes, bullets or markdown) is kept,
anything else is ignored. An answer with no known label is a *parse failure*.

**Metrics** (:func:`recognition_metrics`), over the answers that parsed, all epochs:

* ``macro_f1`` — mean F1 over the labels present in the gold or predicted sets (on a full split every label is
  present, so this is the usual macro-F1; on a small subset, labels nobody used have no F1 and are left out);
* ``micro_f1`` — F1 of all (text, label) decisions pooled;
* ``exact_match`` — share of texts whose predicted set equals the gold set;
* ``parse_failures`` — share of *all* answers that named no known label (never scored as wrong labels).

Run it::

    inspect eval affectkit/emotion_recognition -T data=../shared/data/goemotions -T scheme=ekman -T shots=5 \\
        -T limit=500 --model <model>

Example:
    >>> parse_labels("Emotions: Joy, gratitude and pride.", ["joy", "gratitude", "pride", "neutral"])
    ['joy', 'gratitude', 'pride']
    >>> parse_labels("I cannot tell.", ["joy", "neutral"]) is None
    True
"""

from __future__ import annotations

import hashlib
import os
import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

import numpy as np

from affectkit.datasets import data_root, load_goemotions, load_group_mapping, map_to_groups, sha256_file
from affectkit.errors import AffectkitError
from affectkit.evals._optional import HAVE_INSPECT, metric, scorer, task
from affectkit.evals.solvers import compose
from affectkit.metrics import f1_per_label, micro_f1

if TYPE_CHECKING:
    from inspect_ai import Task
    from inspect_ai.dataset import MemoryDataset
    from inspect_ai.scorer import Metric, SampleScore, Scorer, Target
    from inspect_ai.solver import Solver, TaskState
elif HAVE_INSPECT:  # inspect_ai resolves a metric's annotations at run time
    from inspect_ai.scorer import SampleScore

SCHEMES = ("goemotions", "ekman")
EMBED_BATCH = 256
"""Texts per call to the encoder while embedding (one progress-bar step)."""

QUESTION = """Which emotions does the text below express? Choose one or more labels from this list:
{labels}
Use "neutral" only when the text expresses none of the other emotions."""
ANSWER_FORMAT = "Answer with the labels only, separated by commas."


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


# --- Prompt and parsing -----------------------------------------------------------------------------


def recognition_prompt(text: str, labels: Sequence[str], examples: Sequence[tuple[str, Sequence[str]]] = ()) -> str:
    """The prompt for one text; ``examples`` are (text, gold labels) demonstrations, shown in the given order.

    Example:
        >>> print(recognition_prompt("Yay!", ["joy", "neutral"], [("So happy for you", ["joy"])]))
        Which emotions does the text below express? Choose one or more labels from this list:
        joy, neutral
        Use "neutral" only when the text expresses none of the other emotions.
        <BLANKLINE>
        Examples:
        Text: So happy for you
        Emotions: joy
        <BLANKLINE>
        Text: Yay!
        <BLANKLINE>
        Answer with the labels only, separated by commas.
    """
    parts = [QUESTION.format(labels=", ".join(labels))]
    if examples:
        parts.append("Examples:\n" + "\n\n".join(f"Text: {t}\nEmotions: {', '.join(g)}" for t, g in examples))
    parts += [f"Text: {text}", ANSWER_FORMAT]
    return "\n\n".join(parts)


def parse_labels(answer: str, labels: Sequence[str]) -> list[str] | None:
    """The known labels an answer names, in order of first mention, or ``None`` if it names none.

    See the module docstring for the rules.

    Example:
        >>> parse_labels("- **Anger**\\n- disgust\\n- boredom", ["anger", "disgust", "neutral"])
        ['anger', 'disgust']
    """
    known = {label.lower(): label for label in labels}
    markers = list(re.finditer(r"\b(emotions?|labels?|answer)\s*:", answer, flags=re.IGNORECASE))
    text = answer[markers[-1].end() :] if markers else answer
    found: list[str] = []
    for piece in re.split(r"[,;/|\n]+|\band\b", text, flags=re.IGNORECASE):
        cleaned = re.sub(r"^\s*(?:[-*•]+|\d+[.)])\s*", "", piece)
        cleaned = cleaned.strip().strip("*_`'\"“”.:!?()[]{} \t").lower()
        label = known.get(cleaned)
        if label is not None and label not in found:
            found.append(label)
    return found or None


# --- Metrics ----------------------------------------------------------------------------------------


def multilabel_scores(gold: Sequence[Sequence[str]], predicted: Sequence[Sequence[str]]) -> dict[str, float]:
    """``macro_f1`` (over labels present in gold or predicted), ``micro_f1`` and ``exact_match``.

    Example:
        >>> scores = multilabel_scores([["joy"], ["anger", "fear"]], [["joy"], ["anger"]])
        >>> scores["exact_match"], round(scores["micro_f1"], 4), round(scores["macro_f1"], 4)
        (0.5, 0.8, 0.6667)
    """
    if len(gold) != len(predicted):
        raise ValueError(f"gold has {len(gold)} rows but predicted has {len(predicted)}")
    if not gold:
        raise AffectkitError("AK-E009", "there are no examples to evaluate")
    present = sorted({label for row in (*gold, *predicted) for label in row})
    column = {label: j for j, label in enumerate(present)}
    gold_matrix = np.zeros((len(gold), len(present)), dtype=bool)
    predicted_matrix = np.zeros_like(gold_matrix)
    for i, (g, p) in enumerate(zip(gold, predicted, strict=True)):
        gold_matrix[i, [column[label] for label in g]] = True
        predicted_matrix[i, [column[label] for label in p]] = True
    exact = float(np.mean([set(g) == set(p) for g, p in zip(gold, predicted, strict=True)]))
    macro = float(f1_per_label(gold_matrix, predicted_matrix).mean()) if present else 1.0
    micro = micro_f1(gold_matrix, predicted_matrix) if present else 1.0
    return {"macro_f1": macro, "micro_f1": micro, "exact_match": exact}


@metric(scores="unreduced")
def recognition_metrics() -> Metric:
    """``macro_f1``, ``micro_f1`` and ``exact_match`` over the parsed answers, and ``parse_failures``.

    Reads ``gold`` and ``predicted`` (``None`` when the answer did not parse) from the score metadata.
    """

    def compute(scores: list[SampleScore]) -> dict[str, float | None]:
        metadata = [s.score.metadata or {} for s in scores]
        parsed = [m for m in metadata if m.get("predicted") is not None]
        values: dict[str, float | None] = {
            "parse_failures": (len(metadata) - len(parsed)) / len(metadata) if metadata else None
        }
        if parsed:
            values.update(multilabel_scores([m["gold"] for m in parsed], [m["predicted"] for m in parsed]))
        return values

    return compute


@scorer(metrics=[recognition_metrics()])
def recognition_scorer() -> Scorer:
    """Parse the answer against the sample's ``labels`` metadata: ``C`` for the exact gold set, ``I`` for
    another set, ``N`` when no known label was named. ``gold`` and ``predicted`` go in the score metadata."""
    from inspect_ai.scorer import CORRECT, INCORRECT, NOANSWER, Score

    async def score(state: TaskState, target: Target) -> Score:
        gold = list(state.metadata["gold"])
        predicted = parse_labels(state.output.completion, state.metadata["labels"])
        if predicted is None:
            value, explanation = NOANSWER, "no known label in the answer"
        else:
            value = CORRECT if set(predicted) == set(gold) else INCORRECT
            explanation = f"gold {', '.join(gold)}; predicted {', '.join(predicted)}"
        return Score(value=value, answer=", ".join(predicted or []), explanation=explanation,
                     metadata={"gold": gold, "predicted": predicted})

    return score


# --- Task -------------------------------------------------------------------------------------------


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


@task
def emotion_recognition(
    data: str | None = None,
    scheme: str = "goemotions",
    shots: int = 0,
    limit: int | None = None,
    split: str = "test",
    solver: Solver | Sequence[Solver] | None = None,
    stimulus: str | None = None,
    affect_hints: bool = False,
    support_plan: bool = False,
) -> Task:
    """Multi-label emotion recognition by the model under test (see the module docstring).

    Args:
        data: the GoEmotions folder (``<split>.tsv``, ``train.tsv`` for shots, ``emotions.txt``,
            ``taxonomy/ekman_mapping.json``; default: ``goemotions`` under :func:`affectkit.datasets.data_root`).
        scheme: ``goemotions`` (28 labels) or ``ekman`` (7).
        shots: number of retrieved demonstrations from the training split (0 = zero-shot).
        limit: use only the first this many texts of the split.
        split: the split to evaluate on (``test`` or ``dev``).
        solver: the solver to run instead of ``generate()`` (the wrappers below still go in front).
        stimulus: an emotional-stimulus id (``EP01``..., ``NP01``...) to append to the prompt.
        affect_hints: put affectkit's reading of the text in a system message.
        support_plan: put affectkit's plan for a reply to the text in a system message.

    Example:
        >>> import tempfile
        >>> folder = Path(tempfile.mkdtemp())
        >>> _ = (folder / "emotions.txt").write_text("joy\\nneutral\\n")
        >>> _ = (folder / "test.tsv").write_text("What a lovely day\\t0\\tid1\\n")
        >>> [s.metadata["gold"] for s in emotion_recognition(data=str(folder)).dataset]
        [['joy']]
    """
    from inspect_ai import Task

    folder = Path(data) if data is not None else data_root() / "goemotions"
    return Task(
        dataset=recognition_dataset(folder, scheme, shots, limit, split),
        solver=compose(solver, stimulus=stimulus, affect_hints=affect_hints, support_plan=support_plan),
        scorer=recognition_scorer(),
    )
