"""Which emotional-support strategy the agent's next turn should use: the shipped ESConv strategy model.

Two small heads in ``affectkit/models/strategy-minilm`` sit on the shipped text encoder, like the
conversation heads (each utterance is encoded once into the vector of
:func:`affectkit.conversation.features.utterance_features`):

* the **tagger** reads an agent turn that was already said (the turn and the turn before it) and gives
  the strategy it used. Live conversations carry no strategy labels, so the agent's earlier turns are
  tagged by this head, in training and at run time alike;
* the **next-strategy** head reads the conversation so far (the last user turn, the previous turn, the
  mean of all user turns, the tagged strategy of the agent's last turn and of all its turns, and the
  position in the conversation) and gives a probability for each of the 8 ESConv strategies for the
  agent's next turn.

An optional prior correction (:class:`affectkit.planning.debias.PriorDebiaser`, fitted on ESConv valid)
divides out the model's own average preference, which spreads the choices over more strategies.

Example:
    >>> from affectkit.types import Utterance
    >>> model = StrategyModel()
    >>> turns = [Utterance(speaker="user", text="I lost my job today and I don't know what to do.")]
    >>> probabilities = model.predict(turns, agent="assistant")
    >>> sorted(probabilities) == sorted(STRATEGIES) and abs(sum(probabilities.values()) - 1) < 1e-3
    True
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from functools import cached_property
from pathlib import Path
from typing import Any

import numpy as np

from affectkit.conversation.features import UTTERANCE_DIM
from affectkit.conversation.onnx_heads import head_sessions, load_head_config
from affectkit.planning.debias import PriorDebiaser
from affectkit.planning.labels import STRATEGIES
from affectkit.types import Utterance

MODELS_DIR = Path(__file__).resolve().parent.parent / "models"
DEFAULT = "strategy-minilm"
TAGGER_DIM = 2 * UTTERANCE_DIM + 1
NEXT_DIM = 3 * UTTERANCE_DIM + 2 * len(STRATEGIES) + 5


def tagger_rows(utterances: np.ndarray, is_agent: Sequence[bool]) -> np.ndarray:
    """Tagger features of every turn: the turn, the turn before it, and whether that one is the user's."""
    rows = []
    zero = np.zeros(UTTERANCE_DIM, dtype=np.float32)
    for i in range(len(is_agent)):
        previous = utterances[i - 1] if i > 0 else zero
        after_user = float(i > 0 and not is_agent[i - 1])
        rows.append(np.concatenate([utterances[i], previous, np.array([after_user], dtype=np.float32)]))
    return np.stack(rows) if rows else np.zeros((0, TAGGER_DIM), dtype=np.float32)


def next_row(utterances: np.ndarray, is_agent: Sequence[bool], tags: np.ndarray, texts: Sequence[str]) -> np.ndarray:
    """Features for the agent's turn after the ``len(is_agent)`` turns given (``tags``: strategy
    distributions of the agent's turns, rows of user turns ignored)."""
    n = len(is_agent)
    zero = np.zeros(UTTERANCE_DIM, dtype=np.float32)
    agent = np.array(is_agent, dtype=bool)
    users = [i for i in range(n) if not agent[i]]
    last_user = utterances[users[-1]] if users else zero
    previous = utterances[n - 1] if n else zero
    user_mean = utterances[users].mean(0) if users else zero
    agent_turns = [i for i in range(n) if agent[i]]
    no_tags = np.zeros(len(STRATEGIES), dtype=np.float32)
    last_tag = tags[agent_turns[-1]] if agent_turns else no_tags
    mean_tag = tags[agent_turns].mean(0) if agent_turns else no_tags
    flags = np.array(
        [
            float(n > 0 and agent[n - 1]),
            float(bool(agent_turns)),
            float(bool(users) and "?" in texts[users[-1]]),
            min(n / 40.0, 1.0),
            min(len(agent_turns) / 20.0, 1.0),
        ],
        dtype=np.float32,
    )
    return np.concatenate([last_user, previous, user_mean, last_tag, mean_tag, flags]).astype(np.float32)


class StrategyModel:
    """The shipped ESConv strategy heads (see the module docstring); ``debias=True`` applies the prior
    correction stored with the model."""

    def __init__(self, path: str | os.PathLike[str] | None = None, encoder: Any = None) -> None:
        self.path = Path(path) if path is not None else MODELS_DIR / DEFAULT
        self.encoder = encoder

    @cached_property
    def config_(self) -> dict[str, Any]:
        return load_head_config(self.path, "strategy")

    @property
    def model_id(self) -> str:
        return f"{self.config_['name']}@{self.config_['version']}"

    @cached_property
    def sessions_(self) -> dict[str, Any]:
        return head_sessions(self.path, self.config_)

    @cached_property
    def debiaser_(self) -> PriorDebiaser:
        return PriorDebiaser.from_dict(self.config_["debias"])

    @cached_property
    def encoder_(self) -> Any:
        from affectkit.conversation.context import shared_encoder

        return self.encoder if self.encoder is not None else shared_encoder()

    def _run(self, head: str, rows: np.ndarray) -> np.ndarray:
        result: np.ndarray = self.sessions_[head].run(None, {"features": rows.astype(np.float32)})[0]
        return result

    def tag(self, utterances: np.ndarray, is_agent: Sequence[bool]) -> np.ndarray:
        """Strategy distribution of every turn as if it were the agent's (use the agent rows)."""
        if not len(is_agent):
            return np.zeros((0, len(STRATEGIES)), dtype=np.float32)
        return self._run("tagger", tagger_rows(utterances, is_agent))

    def next_probabilities(self, utterances: np.ndarray, is_agent: Sequence[bool], texts: Sequence[str],
                           debias: bool = False) -> np.ndarray:
        """Probabilities of the 8 strategies for the agent's next turn, from precomputed utterance vectors."""
        tags = self.tag(utterances, is_agent)
        probabilities = self._run("next_strategy", next_row(utterances, is_agent, tags, texts)[None, :])
        if debias:
            probabilities = self.debiaser_.transform(probabilities)
        return np.asarray(probabilities[0], dtype=np.float64)

    def predict(self, utterances: Sequence[Utterance], agent: str = "assistant",
                debias: bool = False) -> dict[str, float]:
        """Strategy name → probability for the next turn of the speaker named ``agent``."""
        vectors = (self.encoder_.matrix(utterances) if utterances
                   else np.zeros((0, UTTERANCE_DIM), dtype=np.float32))
        probabilities = self.next_probabilities(vectors, [u.speaker == agent for u in utterances],
                                                [u.text for u in utterances], debias)
        return {name: round(float(p), 4) for name, p in zip(STRATEGIES, probabilities, strict=True)}
