"""The shipped multi-task model: a fine-tuned MiniLM encoder in int8 ONNX, run with onnxruntime.

Inference needs no torch: ``tokenizers`` splits the text, ``onnxruntime`` runs the graph.

Long texts are never silently truncated. A text longer than the window (``window.max_tokens`` in the
model config, 128 tokens) is cut into windows that overlap by ``window.stride`` tokens, every window is
analysed, and the results are combined:

* an emotion's probability and intensity are their maximum over windows (an emotion expressed anywhere
  in the text is in the text), except ``neutral``, which takes the minimum (a text is neutral only if
  every part of it is);
* valence, arousal and dominance are the mean over windows, weighted by each window's token count.

The analysis reports how many windows were used and warns (``AK-W004``) when there was more than one.

Probabilities are calibrated: a head whose config entry holds a ``calibration`` (see
:mod:`affectkit.calibration`) has each label's raw output mapped through an increasing curve fitted on dev,
so that a probability of 0.7 is right about 70% of the time; its ``thresholds`` are in that calibrated
scale. :meth:`EncoderRecognizer.predict_raw` returns the uncalibrated outputs (what the conversation and
strategy heads read); :meth:`EncoderRecognizer.annotate` applies the maps, one text at a time.

Text domains: how often an emotion is there depends on where a text comes from (fear is marked in half of
BRIGHTER's sentences of personal stories, in 2% of GoEmotions' Reddit comments), and a head tuned on one kind of text
misses emotions in another. ``domain`` (:data:`DOMAINS`) picks the Ekman view made for that kind of text:
``comments`` (the default: the ``ekman`` output, learned on GoEmotions) or ``stories`` (the ``ekman_stories`` output,
learned on GoEmotions and BRIGHTER English at once, with thresholds and calibration fitted on BRIGHTER;
see :mod:`affectkit.training.ekman_stories`). Each is a ``heads.ekman.domains`` entry in the config. Every other
output is the same in every domain.

Every window runs through the graph on its own, unpadded. The int8 graph quantises its activations
dynamically, with one scale per input tensor: run together, texts (and their padding) would set each
other's scales, and a text's reading would depend on what it was batched with. Alone, every text gets
the same numbers, bit for bit, in ``analyze_one``, in any batch, live or in training.
"""

from __future__ import annotations

import json
import os
from collections.abc import Sequence
from functools import cached_property
from pathlib import Path
from typing import Any

import numpy as np

from affectkit.calibration import LabelCalibrator
from affectkit.errors import AffectkitError
from affectkit.recognizers import DOMAINS
from affectkit.recognizers.base import Recognizer, WindowReader, check_texts, input_warnings
from affectkit.recognizers.emoji import text_for_model
from affectkit.schemes import load_scheme
from affectkit.thresholds import closest_to_threshold
from affectkit.types import VAD, AnalysisWarning, TextAnalysis

MODELS_DIR = Path(__file__).resolve().parent.parent / "models"
DEFAULT_MODEL = "goemotions-minilm"
# Emotions of each GoEmotions family take the intensity of the BRIGHTER emotion closest to the family;
# BRIGHTER's English data has no disgust, so disgust borrows anger's intensity.
FAMILY_INTENSITY = {
    "anger": "anger",
    "disgust": "anger",
    "fear": "fear",
    "joy": "joy",
    "sadness": "sadness",
    "surprise": "surprise",
}


class EncoderRecognizer(WindowReader, Recognizer):
    """The multi-task encoder shipped under ``affectkit/models/<name>``.

    Example:
        >>> recognizer = EncoderRecognizer()
        >>> analysis = recognizer.analyze_one("Thank you so much, this made my day!")
        >>> "gratitude" in analysis.labels
        True
    """

    def __init__(
        self,
        path: str | os.PathLike[str] | None = None,
        *,
        config: dict[str, Any] | None = None,
        threads: int | None = None,
        domain: str = DOMAINS[0],
    ) -> None:
        self.path = Path(path) if path is not None else MODELS_DIR / DEFAULT_MODEL
        self.threads = threads
        if config is None:
            config_path = self.path / "config.json"
            if not config_path.is_file():
                raise AffectkitError("AK-E007", f"no model config at {config_path}")
            config = json.loads(config_path.read_text(encoding="utf-8"))
        self.config: dict[str, Any] = config
        self.name = config["name"]
        self.version = str(config["version"])
        self.max_tokens = int(config["window"]["max_tokens"])
        self.stride = int(config["window"]["stride"])
        self.domain = self._checked_domain(domain)  # what `analyze` reads its texts as, unless a call says

    @property
    def domains(self) -> tuple[str, ...]:
        """The domains this model reads: the default, and each one a head of its config has an entry for."""
        named = {domain for head in self.config["heads"].values() for domain in head.get("domains", {})}
        return tuple(domain for domain in DOMAINS if domain == DOMAINS[0] or domain in named)

    def _checked_domain(self, domain: str) -> str:
        """``domain`` if this model reads it; else AK-E041 (a model trained without a domain's head would read
        its texts as the default's without saying so)."""
        if check_domain(domain) not in self.domains:
            raise AffectkitError("AK-E041", f"{self.model_id} has no {domain!r} reading: its config has no head "
                                 f"for that domain (see affectkit.training.ekman_stories)", field="domain")
        return domain

    def head(self, name: str, domain: str = DOMAINS[0]) -> dict[str, Any]:
        """Head ``name``'s config entry for texts of ``domain``: a head with an entry for that domain (under
        ``domains``) reads the graph output it names (``output``, default: the head's own) with its thresholds and
        calibration; every other head is the same in all domains."""
        head: dict[str, Any] = {"output": name, **self.config["heads"][name]}
        return {**head, **head.get("domains", {}).get(self._checked_domain(domain), {})}

    def without_calibration(self) -> EncoderRecognizer:
        """The same model reporting its raw outputs, each label decided at its raw threshold (in every domain): the
        readings as they were before calibration, for comparison. The labels are the same as this model's.

        Example:
            >>> recognizer = EncoderRecognizer()
            >>> raw = recognizer.without_calibration().analyze_one("Thanks a lot!")
            >>> raw.labels == recognizer.analyze_one("Thanks a lot!").labels
            True
        """
        config = json.loads(json.dumps(self.config))
        for head in config["heads"].values():
            for entry in [head, *head.get("domains", {}).values()]:
                calibration = entry.pop("calibration", None)
                if calibration:
                    entry["thresholds"] = calibration["raw_thresholds"]
        return EncoderRecognizer(self.path, config=config, threads=self.threads, domain=self.domain)

    @cached_property
    def _output_labels(self) -> dict[str, list[str]]:
        """The labels of each label output of the graph: a head's own, and those of its domains' outputs."""
        return {entry.get("output", name): head.get("labels", [])
                for name, head in self.config["heads"].items()
                for entry in [{}, *head.get("domains", {}).values()]}

    @cached_property
    def _calibrators(self) -> dict[tuple[str, str], LabelCalibrator]:
        """The calibration map of each label head that has one in the config, for each domain."""
        return {(name, domain): LabelCalibrator.from_config(entry["calibration"])
                for name in self.config["heads"] for domain in self.domains
                if (entry := self.head(name, domain)).get("calibration")}

    def calibrated(self, name: str, values: np.ndarray, domain: str = DOMAINS[0]) -> np.ndarray:
        """Head ``name``'s raw outputs for one text (a row) mapped to calibrated probabilities for ``domain``
        (unchanged for a head without calibration). One row at a time, so that the arithmetic of a text never
        depends on the texts beside it."""
        calibrator = self._calibrators.get((name, domain))
        if calibrator is None:
            return values
        return calibrator.transform(values.astype(np.float64)[None, :])[0]

    @cached_property
    def _tokenizer(self) -> Any:
        from tokenizers import Tokenizer

        tokenizer = Tokenizer.from_file(str(self.path / "tokenizer.json"))
        tokenizer.enable_truncation(self.max_tokens, stride=self.stride)
        tokenizer.no_padding()
        return tokenizer

    def windows(self, texts: Sequence[str]) -> list[list[list[int]]]:
        """Token ids of each text, split into overlapping windows (one window for a short text). In a text
        without letters, emoji and emoticons are read as the words of their feeling
        (:func:`~affectkit.recognizers.emoji.text_for_model`): the tokenizer knows none of them."""
        encoded = self._tokenizer.encode_batch([text_for_model(text) for text in texts])
        return [[e.ids] + [o.ids for o in e.overflowing] for e in encoded]

    def predict_raw(self, texts: Sequence[str]) -> dict[str, np.ndarray]:
        """Model outputs per text, windows combined: one array per head, plus ``windows`` (counts)."""
        per_text = self.windows(texts)
        flat = [ids for windows in per_text for ids in windows]
        # One window per run, never padded: the activation scales are the window's own (module doc).
        names, values = self._run_windows(flat, lambda ids: {"input_ids": ids, "attention_mask": np.ones_like(ids)})
        out: dict[str, np.ndarray] = {}
        for i, outputs in enumerate(values):
            for name, value in zip(names, outputs, strict=True):
                if name not in out:
                    out[name] = np.zeros((len(flat), value.shape[1]), dtype=np.float32)
                out[name][i] = value[0]
        lengths = np.array([len(ids) for ids in flat], dtype=np.float32)
        owner = np.array([t for t, windows in enumerate(per_text) for _ in windows])
        return self._combine(out, owner, lengths, len(per_text))

    def _combine(
        self, out: dict[str, np.ndarray], owner: np.ndarray, lengths: np.ndarray, n: int
    ) -> dict[str, np.ndarray]:
        counts = np.bincount(owner, minlength=n)
        # A text of one window keeps its window's values as they are: arithmetic on them (a weighted mean
        # of one, a renormalised unit vector) would move their last bits, whether a long text is in the batch.
        first = np.searchsorted(owner, np.arange(n))
        combined = {name: values[first] for name, values in out.items()}
        long = counts > 1
        if long.any():
            for name, values in out.items():
                if name in ("vad", "vad_head"):
                    weighted = np.zeros((n, values.shape[1]), dtype=np.float32)
                    np.add.at(weighted, owner, values * lengths[:, None])
                    totals = np.bincount(owner, weights=lengths, minlength=n)
                    combined[name][long] = (weighted / totals[:, None])[long]
                elif name == "embedding":
                    summed = np.zeros((n, values.shape[1]), dtype=np.float32)
                    np.add.at(summed, owner, values)
                    combined[name][long] = (summed / np.linalg.norm(summed, axis=1, keepdims=True))[long]
                else:
                    highest = np.full((n, values.shape[1]), -np.inf, dtype=np.float32)
                    np.maximum.at(highest, owner, values)
                    labels = self._output_labels.get(name, [])
                    if "neutral" in labels:
                        j = labels.index("neutral")
                        lowest = np.full(n, np.inf, dtype=np.float32)
                        np.minimum.at(lowest, owner, values[:, j])
                        highest[:, j] = lowest
                    combined[name][long] = highest[long]
        combined["windows"] = counts
        return combined

    def analyze(self, texts: Sequence[str], domain: str | None = None) -> list[TextAnalysis]:
        """Analyses of ``texts``; ``domain`` (:data:`DOMAINS`; default: the recognizer's) chooses the Ekman view (see
        the module docstring)."""
        domain = self._checked_domain(self.domain if domain is None else domain)
        texts = check_texts(texts)
        if not texts:
            return []
        return self.annotate(texts, self.predict_raw(texts), domain)

    def annotate(self, texts: Sequence[str], raw: dict[str, np.ndarray], domain: str | None = None
                 ) -> list[TextAnalysis]:  # fmt: skip
        """Wrap :meth:`predict_raw` output for ``texts`` in the data model: calibrated probabilities, the
        labels at or above their thresholds (the Ekman view's for ``domain``, default the recognizer's), and
        warnings."""
        domain = self._checked_domain(self.domain if domain is None else domain)
        heads = self.config["heads"]
        fine, ekman, sentiment = heads["goemotions"], self.head("ekman", domain), heads["sentiment"]
        ekman_raw = raw[ekman["output"]]
        family = load_scheme("ekman-7").group_of()
        intensity_index = {e: i for i, e in enumerate(heads["intensity"]["labels"])}
        results = []
        for i, text in enumerate(texts):
            language, warnings = input_warnings(text)
            windows = int(raw["windows"][i])
            if windows > 1:
                warnings.append(
                    AnalysisWarning(
                        code="AK-W004",
                        message=f"text longer than {self.max_tokens} tokens: analysed in {windows} "
                        "overlapping windows",
                    )
                )
            emotions = _scores(fine, self.calibrated("goemotions", raw["goemotions"][i]))
            ekman_scores = _scores(ekman, self.calibrated("ekman", ekman_raw[i], domain))
            sentiment_scores = _scores(sentiment, self.calibrated("sentiment", raw["sentiment"][i]))
            group_intensity = {
                g: round(float(raw["intensity"][i, intensity_index[src]]), 4) for g, src in FAMILY_INTENSITY.items()
            }
            intensity = {label: group_intensity.get(family.get(label, ""), 0.0) for label in fine["labels"]}
            v, a, d = (float(np.clip(x, -1.0, 1.0)) for x in raw["vad"][i])
            results.append(
                TextAnalysis(
                    text=text,
                    emotions=emotions,
                    labels=_above(fine, emotions, raw["goemotions"][i]),
                    intensity=intensity,
                    ekman=ekman_scores,
                    ekman_labels=_above(ekman, ekman_scores, ekman_raw[i]),
                    sentiment=sentiment_scores,
                    sentiment_labels=_above(sentiment, sentiment_scores, raw["sentiment"][i], at_least_one=False),
                    vad=VAD(valence=round(v, 4), arousal=round(a, 4), dominance=round(d, 4)),
                    language=language,
                    windows=windows,
                    warnings=warnings,
                    model=self.model_id,
                )
            )
        return results

    def thresholds(self) -> dict[str, float]:
        """The 28 labels' decision thresholds, in the scale of the reported (calibrated) probabilities."""
        return _thresholds(self.config["heads"]["goemotions"])

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        """Unit-length sentence embeddings from the fine-tuned encoder (rows follow ``texts``)."""
        return self.predict_raw(check_texts(texts))["embedding"]


def check_domain(domain: str) -> str:
    """``domain`` if it is one of :data:`DOMAINS`, else AK-E041.

    Example:
        >>> check_domain("stories")
        'stories'
    """
    if domain not in DOMAINS:
        raise AffectkitError("AK-E041", f"unknown text domain {domain!r}: choose one of {', '.join(DOMAINS)}",
                             field="domain")
    return domain


def _scores(head: dict[str, Any], values: np.ndarray) -> dict[str, float]:
    return dict(zip(head["labels"], np.round(values.astype(np.float64), 4).tolist(), strict=True))


def _thresholds(head: dict[str, Any]) -> dict[str, float]:
    return dict(zip(head["labels"], head.get("thresholds") or [0.5] * len(head["labels"]), strict=True))


def _above(head: dict[str, Any], scores: dict[str, float], raw: np.ndarray, at_least_one: bool = True) -> list[str]:
    """Labels at or above their threshold, most probable first; if none, the one nearest its threshold.

    Every training example carries a label (``neutral`` included), so an empty answer is never right for
    the emotion heads; sentiment groups may all be off (a neutral text). A calibrated head decides on the scale its
    thresholds were tuned on, the raw outputs (``raw``, 4 decimals, against the ``raw_thresholds`` of its
    calibration), so that calibration changes no label: its rounded probabilities could tie a rounded threshold
    that the raw output is under. "Nearest" is the ratio of a label's output to its threshold on that scale.
    """
    thresholds = _thresholds(head)
    decided = scores
    calibration = head.get("calibration") or {}
    if "raw_thresholds" in calibration:
        decided = _scores(head, raw)
        thresholds = dict(zip(head["labels"], calibration["raw_thresholds"], strict=True))
    chosen = [label for label, p in decided.items() if p >= thresholds[label]]
    if not chosen and at_least_one:
        chosen = [closest_to_threshold(decided, thresholds)]
    return sorted(chosen, key=lambda label: -scores[label])
