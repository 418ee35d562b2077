"""The shared utterance encoder: a text's feature vector for every head that sits on the text model.

Both conversation heads (:mod:`affectkit.conversation.features`) and the strategy heads
(:mod:`affectkit.planning.strategy`) read each utterance as one vector of ``UTTERANCE_DIM`` numbers: its sentence
embedding, 28 GoEmotions probabilities, Ekman-7 probabilities and valence/arousal/dominance from the text model
(:func:`utterance_features`). :class:`UtteranceEncoder` computes them one text at a time, cached by text, together
with the text's full reading; :func:`shared_encoder` is the one instance the default models share, so that a turn
is encoded once for all of them. Training computes the same vectors (:mod:`affectkit.training.features_cache`).

Example:
    >>> vector, analysis = shared_encoder().encode("I lost my job.")
    >>> vector.shape == (UTTERANCE_DIM,), analysis.model
    (True, 'goemotions-minilm@5')
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Iterable, Sequence
from functools import cache
from typing import Any

import numpy as np

from affectkit.recognizers import DEFAULT
from affectkit.types import TextAnalysis, Utterance

__all__ = ["CACHE_SIZE", "EMBEDDING_DIM", "UTTERANCE_DIM", "UtteranceEncoder", "shared_encoder", "utterance_features"]

EMBEDDING_DIM = 384
UTTERANCE_DIM = EMBEDDING_DIM + 28 + 7 + 3
CACHE_SIZE = 4096


def utterance_features(raw: dict[str, np.ndarray]) -> np.ndarray:
    """Per-utterance vectors from :meth:`EncoderRecognizer.predict_raw` output (rows = utterances).

    V/A/D comes from the text model's main head (``vad_head``), which the heads were trained on; the
    shipped ``vad`` also mixes in the distilled branch (see the text model's card).
    """
    return np.concatenate(
        [raw["embedding"], raw["goemotions"], raw["ekman"], raw["vad_head"]], axis=1
    ).astype(np.float32)


class UtteranceEncoder:
    """Utterance feature vectors from the shipped text model, one text per call, cached by text."""

    def __init__(self, recognizer: str = DEFAULT) -> None:
        self.recognizer = recognizer
        self._cache: OrderedDict[str, tuple[np.ndarray, Any]] = OrderedDict()
        # readings by the model of the text's language: (text, language given) -> analysis
        self._readings: OrderedDict[tuple[str, str | None], TextAnalysis] = OrderedDict()

    def encode(self, text: str) -> tuple[np.ndarray, Any]:
        """(feature vector, TextAnalysis) of ``text``."""
        hit = self._cache.get(text)
        if hit is not None:
            self._cache.move_to_end(text)
            return hit
        recognizer = self._recognizer()
        raw = recognizer.predict_raw([text])
        return self._remember(text, utterance_features(raw)[0], recognizer.annotate([text], raw)[0])

    def read(self, text: str, language: str | None = None) -> TextAnalysis:
        """The analysis of ``text`` by the model of its language (``language``, else the identified one), exactly
        as :func:`affectkit.analyze` gives it (``model`` and ``language`` say which model read it and why): the
        English model's analysis of :meth:`encode` for English, the multilingual model's for the languages it
        reads. Cached by text and ``language``.

        Example:
            >>> encoder = UtteranceEncoder()
            >>> [encoder.read(t).model for t in ("I lost my job.", "He perdido mi trabajo.")]
            ['goemotions-minilm@5', 'brighter-e5@4']
        """
        key = (text, language)
        hit = self._readings.get(key)
        if hit is not None:
            self._readings.move_to_end(key)
            return hit
        from affectkit.recognizers.router import Router, route, with_language

        router = Router(language)
        code = router.languages([text])[0]
        if route(code) == self.recognizer:
            analysis = with_language(self.encode(text)[1], code, self.recognizer)
        else:
            analysis = router.analyze([text])[0]
        return self._remember_reading(key, analysis)

    def prefetch(self, texts: Sequence[str], languages: Sequence[str | None] | None = None) -> None:
        """Encode the texts not cached yet in one batch, which spreads them over every core, and read those of
        another language with its model (:meth:`read`, with each text's language in ``languages``, default
        ``None``: identified), in one batch too. The shipped encoders read every text alone whatever its batch,
        so the numbers are those of :meth:`encode` and :meth:`read`. At most ``CACHE_SIZE`` texts, so that none
        is evicted before use."""
        todo = [text for text in dict.fromkeys(texts) if text not in self._cache][:CACHE_SIZE]
        if todo:
            recognizer = self._recognizer()
            raw = recognizer.predict_raw(todo)
            for entry in zip(todo, utterance_features(raw), recognizer.annotate(todo, raw), strict=True):
                self._remember(*entry)
        from affectkit.recognizers.router import Router, route, with_language

        keys = dict.fromkeys(zip(texts, languages if languages is not None else [None] * len(texts), strict=True))
        unread = [key for key in keys if key not in self._readings][:CACHE_SIZE]
        other: dict[str | None, list[str]] = {}  # language given -> texts read by another model
        for key in unread:
            text, given = key
            code = Router(given).languages([text])[0]
            if route(code) == self.recognizer:  # remembered as read() would make it, without identifying it again
                self._remember_reading(key, with_language(self.encode(text)[1], code, self.recognizer))
            else:
                other.setdefault(given, []).append(text)
        for given, chosen in other.items():
            for text, analysis in zip(chosen, Router(given).analyze(chosen), strict=True):
                self._remember_reading((text, given), analysis)

    def forget(self, texts: Iterable[str]) -> int:
        """Drop ``texts`` from the cache (a deleted conversation leaves no text behind); returns how many were held.

        Example:
            >>> encoder = UtteranceEncoder()
            >>> _ = encoder.encode("See you tomorrow.")
            >>> encoder.forget(["See you tomorrow.", "never seen"]), encoder.forget(["See you tomorrow."])
            (1, 0)
        """
        texts = set(texts)
        for key in [key for key in self._readings if key[0] in texts]:
            del self._readings[key]
        return sum(self._cache.pop(text, None) is not None for text in texts)

    def _recognizer(self) -> Any:
        from affectkit.recognizers import get_recognizer

        return get_recognizer(self.recognizer)

    def _remember(self, text: str, vector: np.ndarray, analysis: Any) -> tuple[np.ndarray, Any]:
        self._cache[text] = (vector, analysis)
        if len(self._cache) > CACHE_SIZE:
            self._cache.popitem(last=False)
        return vector, analysis

    def _remember_reading(self, key: tuple[str, str | None], analysis: TextAnalysis) -> TextAnalysis:
        self._readings[key] = analysis
        if len(self._readings) > CACHE_SIZE:
            self._readings.popitem(last=False)
        return analysis

    def matrix(self, utterances: Sequence[Utterance]) -> np.ndarray:
        return np.stack([self.encode(u.text)[0] for u in utterances])


@cache
def shared_encoder() -> UtteranceEncoder:
    """The encoder both default models use, so that a turn is encoded once for both."""
    return UtteranceEncoder()
