"""The recognizer interface and the checks every recognizer shares.

A recognizer turns a batch of texts into one :class:`~affectkit.types.TextAnalysis` per text, in input
order. ``predict`` is pure (texts in, numbers out); ``analyze`` adds the input checks and wraps the
numbers in the data model.
"""

from __future__ import annotations

import itertools
import os
import re
import unicodedata
from abc import ABC, abstractmethod
from collections.abc import Callable, Iterable, Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from functools import cached_property
from pathlib import Path
from typing import Any

import numpy as np

from affectkit.errors import AffectkitError, missing_extra
from affectkit.language import detect_language
from affectkit.recognizers.emoji import text_for_model
from affectkit.types import AnalysisWarning, TextAnalysis, valid_unicode

_has_ascii_letter = re.compile("[A-Za-z]").search  # a quick yes for most texts before the Unicode scan


def input_warnings(
    text: str, english_model: bool = True, language: str | None = None
) -> tuple[str, list[AnalysisWarning]]:
    """The language of ``text`` and the warnings its content deserves (empty, no letters, not English unless
    ``english_model`` is false, replacement characters). A text of emoji or emoticons alone that the
    recognizers read as words (:func:`~affectkit.recognizers.emoji.text_for_model`) gets no warning (its
    language is ``und``). ``language``, when the caller knows it, is taken instead of identifying it."""
    language, warnings = _content_warnings(text, english_model, language)
    if "\ufffd" in text:
        warnings.append(
            AnalysisWarning(
                code="AK-W007",
                message="text holds U+FFFD replacement characters: some characters were invalid or lost in "
                "decoding and were read as U+FFFD",
            )
        )
    return language, warnings


def _content_warnings(
    text: str, english_model: bool = True, language: str | None = None
) -> tuple[str, list[AnalysisWarning]]:
    if not text.strip():
        return "und", [AnalysisWarning(code="AK-W001", message="empty or whitespace-only text")]
    if text_for_model(text) != text:  # emoji or emoticons alone, read as words (affectkit.recognizers.emoji)
        return "und", []
    if not (_has_ascii_letter(text) or any(unicodedata.category(ch).startswith("L") for ch in text)):
        return "und", [
            AnalysisWarning(code="AK-W002", message="no letters: only digits, punctuation or unread symbols")
        ]
    language = detect_language(text) if language is None else language
    if language != "en" and english_model:
        return language, [
            AnalysisWarning(
                code="AK-W003",
                message=f"text looks non-English (detected '{language}'); the model is trained on English",
            )
        ]
    return language, []


def check_texts(texts: Sequence[str]) -> list[str]:
    """Reject a bare string (a common slip) and non-string items with a coded error; replace lone
    surrogates (invalid Unicode) with U+FFFD, which :func:`input_warnings` then reports."""
    if isinstance(texts, str):
        raise AffectkitError(
            "AK-E005", "expected a list of texts, got one string; use analyze_one() or read_one() for one text"
        )
    if isinstance(texts, bytes | bytearray | memoryview):
        raise AffectkitError("AK-E005", f"expected a list of texts, got {type(texts).__name__}; decode it first "
                             "(data.decode('utf-8'))")
    # Iterating a table or a dict gives its column names or keys, which would be analysed silently.
    if isinstance(texts, Mapping) or hasattr(texts, "columns"):
        raise AffectkitError("AK-E005", f"expected a list of texts, got a {type(texts).__name__}; pass one column "
                             "as a list, e.g. df['text'].tolist()")
    if not isinstance(texts, Iterable):  # None, a number
        raise AffectkitError("AK-E005", f"expected a list of texts, got {type(texts).__name__}")
    out = list(texts)
    for i, text in enumerate(out):
        if not isinstance(text, str):
            raise AffectkitError("AK-E005", f"item {i} is {type(text).__name__}, not a string", field="text")
        out[i] = valid_unicode(text)
    return out


class Recognizer(ABC):
    """Base class: subclasses set ``name`` and ``version`` and implement :meth:`analyze`."""

    name: str
    version: str

    @property
    def model_id(self) -> str:
        return f"{self.name}@{self.version}"

    @abstractmethod
    def thresholds(self) -> dict[str, float]:
        """Decision threshold of each fine-grained label: ``labels`` holds those at or above it."""

    @abstractmethod
    def analyze(self, texts: Sequence[str]) -> list[TextAnalysis]:
        """One analysis per text, in input order."""

    def analyze_one(self, text: str) -> TextAnalysis:
        return self.analyze([text])[0]


def onnx_session(model: Path, threads: int) -> Any:
    """An onnxruntime CPU session for ``model`` with ``threads`` threads inside one run (AK-E007 when the file is
    missing)."""
    try:
        import onnxruntime as ort
    except ImportError:  # pragma: no cover - a core dependency
        raise missing_extra("core", "onnxruntime") from None
    if not model.is_file():
        raise AffectkitError("AK-E007", f"no model weights at {model}")
    options = ort.SessionOptions()
    options.graph_optimization_level = ort.GraphOptimizationLevel.ORT_ENABLE_ALL
    options.intra_op_num_threads = threads
    # without onnxruntime's memory arena: one session read by several threads side by side ran 10-20% faster (its
    # allocations no longer contend), and memory is given back between runs
    options.enable_cpu_mem_arena = False
    return ort.InferenceSession(str(model), options, providers=["CPUExecutionProvider"])


class WindowReader:
    """Runs a model folder's ``model.onnx`` on token windows, each window alone and unpadded (an int8 graph quantises
    its activations with one scale per run: a window's numbers must not depend on the windows beside it).

    Several windows are read side by side, on ``threads`` threads (default: one per CPU), through one shared
    single-threaded session: small transformer matrices parallelise poorly inside one run, and onnxruntime runs are
    thread-safe. One copy of the weights stays warmer in the CPU caches than a copy per thread (about 10% more texts
    per second here, and 60 MB less). A single window (one short text, a conversation turn) runs on a session that
    spreads its one run over the threads, for the lowest latency. A window gives the same result either way.
    """

    path: Path
    threads: int | None
    _thread_name = "affectkit-onnx"

    def _new_session(self, threads: int) -> Any:
        return onnx_session(self.path / "model.onnx", threads)

    @property
    def _workers(self) -> int:
        return self.threads or os.cpu_count() or 1

    @cached_property
    def _session(self) -> Any:
        return self._new_session(1)

    @cached_property
    def _solo_session(self) -> Any:
        return self._new_session(self._workers)

    @cached_property
    def _pool(self) -> ThreadPoolExecutor:
        return ThreadPoolExecutor(max_workers=self._workers, thread_name_prefix=self._thread_name)

    def _run_windows(self, windows: Sequence[Sequence[int]], feed: Callable[[np.ndarray], dict[str, np.ndarray]]
                     ) -> tuple[list[str], list[list[np.ndarray]]]:  # fmt: skip
        """The graph's output names and each window's outputs, in order; ``feed`` makes a run's inputs from a
        window's ids (shape ``(1, tokens)``)."""
        session, workers = (self._solo_session, 1) if len(windows) == 1 else (self._session, self._workers)
        outputs: list[list[np.ndarray]] = [[] for _ in windows]

        def run(i: int) -> None:
            outputs[i] = session.run(None, feed(np.array([windows[i]], dtype=np.int64)))

        side_by_side(len(windows), run, workers, self._pool if workers > 1 else None)
        return [o.name for o in session.get_outputs()], outputs


def side_by_side(count: int, read: Callable[[int], None], workers: int, pool: ThreadPoolExecutor | None) -> None:
    """``read(i)`` for every ``i`` below ``count``: ``workers`` workers on ``pool`` side by side (numpy and onnxruntime
    release the GIL while they compute), each taking the next ``i`` not yet taken, so that a worker given short texts
    does not sit idle while another reads long ones; one after the other without a pool."""
    if pool is None or workers == 1:
        for i in range(count):
            read(i)
        return
    taken = itertools.count()  # next() on it is atomic under the GIL

    def work(_: int) -> None:
        while (i := next(taken)) < count:
            read(i)

    list(pool.map(work, range(min(workers, count))))
