"""Which emotional-support strategy the agent's next turn should use: the shipped ESConv strategy model.

Two small heads in ``affectkit/models/strategy-minilm`` sit on the shipped text encoder, like the
conversation heads (each utterance is encoded once into the vector of
:func:`affectkit.recognizers.utterance.utterance_features`):

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

from affectkit.planning.debias import PriorDebiaser
from affectkit.planning.labels import STRATEGIES
from affectkit.recognizers.heads import DEFAULT_STRATEGY, head_path, head_sessions, load_head_config
from affectkit.recognizers.utterance import UTTERANCE_DIM
from affectkit.types import Utterance

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
    agent = np.array(is_agent, dtype=bool)
    users = [i for i in range(n) if not agent[i]]
    agent_turns = [i for i in range(n) if agent[i]]
    return next_features(
        last_user=utterances[users[-1]] if users else None,
        previous=utterances[n - 1] if n else None,
        user_mean=utterances[users].mean(0) if users else None,
        last_tag=tags[agent_turns[-1]] if agent_turns else None,
        mean_tag=tags[agent_turns].mean(0) if agent_turns else None,
        turns=n, agent_turns=len(agent_turns), last_is_agent=bool(n > 0 and agent[n - 1]),
        user_asked=bool(users) and "?" in texts[users[-1]],
    )


def next_features(last_user: np.ndarray | None, previous: np.ndarray | None, user_mean: np.ndarray | None,
                  last_tag: np.ndarray | None, mean_tag: np.ndarray | None, turns: int, agent_turns: int,
                  last_is_agent: bool, user_asked: bool) -> np.ndarray:
    """The next-strategy head's feature row from what it reads of the conversation (``None``: no such turn);
    :func:`next_row` computes these from every turn, :class:`StrategyState` keeps them up to date turn by turn."""
    zero = np.zeros(UTTERANCE_DIM, dtype=np.float32)
    no_tags = np.zeros(len(STRATEGIES), dtype=np.float32)
    flags = np.array(
        [float(last_is_agent), float(agent_turns > 0), float(user_asked), min(turns / 40.0, 1.0),
         min(agent_turns / 20.0, 1.0)],
        dtype=np.float32,
    )
    parts = [last_user, previous, user_mean]
    return np.concatenate([*(zero if p is None else p for p in parts), no_tags if last_tag is None else last_tag,
                           no_tags if mean_tag is None else mean_tag, flags]).astype(np.float32)


class StrategyModel:
    """The shipped ESConv strategy heads (see the module docstring); ``debias=True`` applies the prior
    correction stored with the model."""

    def __init__(self, path: str | os.PathLike[str] | None = None, encoder: Any = None) -> None:
        self.path = Path(path) if path is not None else head_path(DEFAULT_STRATEGY)
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
        from affectkit.recognizers.utterance import shared_encoder

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


class StrategyState:
    """:meth:`StrategyModel.predict` for a live conversation, kept up to date one turn at a time: each agent turn
    is tagged once, when it is added, and the means the next-strategy head reads are running sums, so that a turn
    costs the same at turn 1,000 as at turn 10. :meth:`probabilities` gives what ``predict`` gives on the same
    turns (to float rounding).

    Example:
        >>> from affectkit.types import Utterance
        >>> model = StrategyModel()
        >>> turns = [Utterance(speaker="user", text="I lost my job today."),
        ...          Utterance(speaker="assistant", text="I'm so sorry. What happened?")]
        >>> state = StrategyState(model, agent="assistant")
        >>> for turn in turns:
        ...     state.add(turn)
        >>> live, whole = state.probabilities(), model.predict(turns, agent="assistant")
        >>> max(abs(live[name] - whole[name]) for name in STRATEGIES) <= 2e-4
        True
    """

    def __init__(self, model: StrategyModel, agent: str = "assistant") -> None:
        self.model = model
        self.agent = agent
        self.turns_ = 0
        self.agent_turns_ = 0
        self.previous_: np.ndarray | None = None
        self.last_is_agent_ = False
        self.last_user_: np.ndarray | None = None
        self.user_asked_ = False
        self.user_sum_ = np.zeros(UTTERANCE_DIM, dtype=np.float64)
        self.last_tag_: np.ndarray | None = None
        self.tag_sum_ = np.zeros(len(STRATEGIES), dtype=np.float64)

    def add(self, utterance: Utterance) -> None:
        """Read one more turn (its text is encoded by the model's utterance encoder, cached by text)."""
        vector = self.model.encoder_.encode(utterance.text)[0]
        if utterance.speaker == self.agent:
            previous = self.previous_ if self.previous_ is not None else np.zeros(UTTERANCE_DIM, dtype=np.float32)
            after_user = float(self.turns_ > 0 and not self.last_is_agent_)
            row = np.concatenate([vector, previous, np.array([after_user], dtype=np.float32)])
            tag = self.model._run("tagger", row[None, :])[0]
            self.last_tag_ = tag
            self.tag_sum_ += tag
            self.agent_turns_ += 1
        else:
            self.last_user_ = vector
            self.user_asked_ = "?" in utterance.text
            self.user_sum_ += vector
        self.previous_ = vector
        self.last_is_agent_ = utterance.speaker == self.agent
        self.turns_ += 1

    def probabilities(self, debias: bool = False) -> dict[str, float]:
        """Strategy name -> probability for the agent's next turn after the turns added so far."""
        users = self.turns_ - self.agent_turns_
        row = next_features(
            last_user=self.last_user_, previous=self.previous_,
            user_mean=(self.user_sum_ / users).astype(np.float32) if users else None,
            last_tag=self.last_tag_,
            mean_tag=(self.tag_sum_ / self.agent_turns_).astype(np.float32) if self.agent_turns_ else None,
            turns=self.turns_, agent_turns=self.agent_turns_, last_is_agent=self.last_is_agent_,
            user_asked=self.user_asked_)
        probabilities = self.model._run("next_strategy", row[None, :])
        if debias:
            probabilities = self.model.debiaser_.transform(probabilities)
        return {name: round(float(p), 4) for name, p in zip(STRATEGIES, probabilities[0], strict=True)}
