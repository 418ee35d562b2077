"""A word-count baseline on the NRC Emotion Lexicon, as shipped inside the ``nrclex`` package.

Only the lexicon file is read; ``nrclex`` itself is not imported (its TextBlob path wants downloads).
Tokenisation is ours: lower-cased words, with a light plural/inflection fallback. The eight NRC emotions
map onto GoEmotions labels (``trust`` -> ``approval``, ``anticipation`` -> ``optimism``, the six Ekman
emotions to themselves); a text with no emotion word is ``neutral``. Each label's probability is
``hits / (hits + 1)``, so one hit gives 0.5 (the threshold), two give 0.67. The NRC lexicon is for
research / non-commercial use. It has no valence-arousal-dominance scores, so ``vad`` is ``None``.

Example:
    >>> sorted(LexiconRecognizer().analyze_one("I am so angry and afraid").labels)  # NRC: angry is anger, disgust
    ['anger', 'disgust', 'fear']
"""

from __future__ import annotations

import importlib.util
import json
import re
from collections.abc import Sequence
from functools import cached_property
from pathlib import Path

from affectkit.errors import missing_extra
from affectkit.recognizers.base import Recognizer, check_texts, input_warnings
from affectkit.recognizers.emoji import text_for_model
from affectkit.schemes import load_scheme
from affectkit.types import AnalysisWarning, TextAnalysis

NRC_TO_GOEMOTIONS = {
    "anger": "anger",
    "disgust": "disgust",
    "fear": "fear",
    "joy": "joy",
    "sadness": "sadness",
    "surprise": "surprise",
    "trust": "approval",
    "anticipation": "optimism",
}
NRC_TO_EKMAN = {
    "anger": "anger",
    "disgust": "disgust",
    "fear": "fear",
    "joy": "joy",
    "sadness": "sadness",
    "surprise": "surprise",
}
_WORD = re.compile(r"[a-z]+(?:'[a-z]+)?")


def _lexicon_file() -> Path:
    spec = importlib.util.find_spec("nrclex")
    if spec is None or spec.origin is None:
        raise missing_extra("baseline", "nrclex")
    return Path(spec.origin).parent / "data" / "nrc_en.json"


class LexiconRecognizer(Recognizer):
    name = "nrc-lexicon"
    version = "1"

    @cached_property
    def _lexicon(self) -> dict[str, list[str]]:
        lexicon: dict[str, list[str]] = json.loads(_lexicon_file().read_text(encoding="utf-8"))
        return lexicon

    def thresholds(self) -> dict[str, float]:
        return dict.fromkeys(load_scheme("goemotions-28").labels, 0.5)

    def _lookup(self, word: str) -> list[str]:
        for candidate in (
            word,
            word[:-1] if word.endswith("s") else "",
            word[:-2] if word.endswith("ed") else "",
            word[:-1] if word.endswith("d") else "",
            word[:-3] if word.endswith("ing") else "",
        ):
            if candidate and candidate in self._lexicon:
                return self._lexicon[candidate]
        return []

    def counts(self, text: str) -> dict[str, int]:
        """How many words of ``text`` the lexicon associates with each NRC category."""
        counts: dict[str, int] = {}
        for word in _WORD.findall(text.lower()):
            for category in self._lookup(word):
                counts[category] = counts.get(category, 0) + 1
        return counts

    def analyze(self, texts: Sequence[str]) -> list[TextAnalysis]:
        results = []
        for text in check_texts(texts):
            language, warnings = input_warnings(text)
            counts = self.counts(text_for_model(text))  # emoji alone read as the words of their feeling
            emotions = dict.fromkeys(load_scheme("goemotions-28").labels, 0.0)
            ekman = dict.fromkeys(load_scheme("ekman-7").labels, 0.0)
            for category, hits in counts.items():
                p = round(hits / (hits + 1), 4)
                if category in NRC_TO_GOEMOTIONS:
                    emotions[NRC_TO_GOEMOTIONS[category]] = p
                if category in NRC_TO_EKMAN:
                    ekman[NRC_TO_EKMAN[category]] = p
            if not any(emotions.values()):
                emotions["neutral"] = ekman["neutral"] = 1.0
                if text.strip():
                    warnings.append(AnalysisWarning(code="AK-W005", message="no emotion words found"))
            positive, negative = counts.get("positive", 0), counts.get("negative", 0)
            sentiment = {
                "positive": round(positive / (positive + 1), 4),
                "negative": round(negative / (negative + 1), 4),
                "ambiguous": 0.0,
            }
            results.append(
                TextAnalysis(
                    text=text,
                    emotions=emotions,
                    labels=_above(emotions),
                    intensity={label: p for label, p in emotions.items() if label != "neutral"}
                    | {"neutral": 0.0},
                    ekman=ekman,
                    ekman_labels=_above(ekman),
                    sentiment=sentiment,
                    sentiment_labels=[k for k, v in sentiment.items() if v >= 0.5],
                    vad=None,
                    language=language,
                    windows=1,
                    warnings=warnings,
                    model=self.model_id,
                )
            )
        return results


def _above(scores: dict[str, float]) -> list[str]:
    return sorted((label for label, p in scores.items() if p >= 0.5), key=lambda label: -scores[label])
