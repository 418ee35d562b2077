"""Licence profiles: which shipped models a call may use, by the licence of the data they were trained on.

Two profiles:

* ``default``: the most accurate models, some of them trained on data for **non-commercial** use only
  (``conversation-minilm@1`` on DailyDialog, CC BY-NC-SA 4.0; ``strategy-minilm@1`` on ESConv, CC BY-NC 4.0);
* ``commercial``: only models whose training data permits commercial use: turn emotion in context from
  ``conversation-edos-minilm@2`` (trained on XED, CC BY 4.0, and GoEmotions, Apache-2.0, chosen on our own
  everyday dialogues) and the next support strategy from ``strategy-edos-minilm@2`` (EDOS, CC BY 4.0, and our own
  support conversations). No cause data that permits commercial use exists, so
  causes come from the word-list heuristic ``heuristic-causes@1`` (our own), and every analysis and plan says
  so with warning ``AK-W011``. The strategy model covers 5 of the 8 ESConv strategies (see its card).

The voice (:mod:`affectkit.speech`): the default profile reads it with ``speech-emodb-ravdess-egemaps@1``
(EmoDB and RAVDESS, CC BY-NC-SA 4.0: non-commercial), the commercial one with ``speech-emodb-egemaps@1`` (EmoDB
only); a non-commercial speech model given explicitly under the commercial profile gets ``AK-W013``.

The profile is chosen once, with :func:`configure` (``affectkit.configure(licence="commercial")``), the
environment variable ``AFFECTKIT_LICENCE`` or the command line's ``--licence``; :func:`configure` wins over
the environment. Models are picked when a call starts, so a change applies to the next call.

The crisis reader ``crisis-use@8`` (``affectkit.risk``) serves both profiles: every input it was trained on permits
commercial use (version 5's first reader was trained partly on DailyDialog, and the commercial profile then carried
warning ``AK-W012``).

Example:
    >>> configure(licence="commercial")
    'commercial'
    >>> profile().turn, profile().cause
    ('conversation-edos-minilm@2', None)
    >>> configure(licence=None)  # back to $AFFECTKIT_LICENCE, else the default
    'default'
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from typing import Any

from affectkit.errors import AffectkitError
from affectkit.recognizers import DEFAULT

ENV = "AFFECTKIT_LICENCE"
LICENCES = ("default", "commercial")
# Datasets whose licence forbids commercial use (or states none): a model trained on any of them is
# non-commercial. Matched case-insensitively in model cards and configs by tests/test_licence.py.
NON_COMMERCIAL_DATA = (
    "DailyDialog", "ESConv", "RECCON", "EmpatheticDialogues", "NRC", "EPITOME", "CARER", "RAVDESS",
    "EmotionBench", "LongEmotion", "IEMOCAP",
)  # fmt: skip
HEURISTIC_CAUSES = (
    "AK-W011",
    "causes come from the word-list heuristic heuristic-causes@1, not a trained model: no cause data that "
    "permits commercial use exists (licence profile 'commercial')",
)
NOT_COMMERCIAL = (
    "AK-W013",
    "licence profile 'commercial' is in force, but this result comes from models given explicitly that are not "
    "its own: they were trained on non-commercial data",
)


@dataclass(frozen=True)
class Profile:
    """The models of a licence profile: the heads (:mod:`affectkit.recognizers.heads`) and the text model by
    versioned name, the crisis reader by its folder under ``affectkit/models`` (``cause=None``: the heuristic)."""

    name: str
    turn: str
    cause: str | None
    strategy: str
    text: str
    risk: str
    notes: tuple[tuple[str, str], ...] = ()
    speech: str = "speech-emodb"
    """The speech model's folder (:mod:`affectkit.speech.model`)."""

    @property
    def models(self) -> tuple[str, ...]:
        """The model folders this profile reads (the text model's folder included)."""
        names = [self.text, self.turn, self.strategy, self.risk, self.speech]
        if self.cause is not None:
            names.append(self.cause)
        return tuple(dict.fromkeys(name.split("@")[0] for name in names))


PROFILES = {
    "default": Profile("default", turn="conversation-minilm@1", cause="conversation-minilm@1",
                       strategy="strategy-minilm@1", text=DEFAULT, risk="crisis-use",
                       speech="speech-emodb-ravdess"),
    "commercial": Profile("commercial", turn="conversation-edos-minilm@2", cause=None,
                          strategy="strategy-edos-minilm@2", text=DEFAULT, risk="crisis-use",
                          speech="speech-emodb"),
}

_configured: str | None = None


def _check(licence: Any, source: str) -> str:
    if not isinstance(licence, str) or licence.strip().lower() not in LICENCES:
        raise AffectkitError("AK-E005", f"unknown licence profile {licence!r} (from {source}); choose one of "
                             + ", ".join(LICENCES), field="licence")
    return licence.strip().lower()


def configure(licence: str | None = None) -> str:
    """Choose the licence profile for every later call in this process (``None``: back to
    ``$AFFECTKIT_LICENCE``, else ``default``); returns the profile now in force. An unknown name is
    ``AK-E005``.

    Example:
        >>> configure(licence="Commercial"), current_licence()
        ('commercial', 'commercial')
        >>> configure()
        'default'
    """
    global _configured
    _configured = None if licence is None else _check(licence, "configure()")
    return current_licence()


def current_licence() -> str:
    """The profile in force: the one given to :func:`configure`, else ``$AFFECTKIT_LICENCE``, else ``default``."""
    if _configured is not None:
        return _configured
    value = os.environ.get(ENV, "").strip()
    return _check(value, f"${ENV}") if value else "default"


def profile(licence: str | None = None) -> Profile:
    """The :class:`Profile` named ``licence`` (default: the one in force)."""
    return PROFILES[_check(licence, "licence") if licence is not None else current_licence()]


def turn_model(licence: str | None = None) -> Any:
    """The in-context turn-emotion model of the profile (a
    :class:`~affectkit.conversation.context.ContextTurnModel` on that profile's heads)."""
    from affectkit.conversation.context import ContextTurnModel

    return ContextTurnModel(heads=_heads(profile(licence).turn))


def cause_model(licence: str | None = None) -> Any:
    """The cause model of the profile: the trained heads, or the heuristic when the profile has none."""
    from affectkit.conversation.causes import HeuristicCauseModel
    from affectkit.conversation.context import TrainedCauseModel

    folder = profile(licence).cause
    return HeuristicCauseModel() if folder is None else TrainedCauseModel(heads=_heads(folder))


def strategy_model(licence: str | None = None) -> Any:
    """The support-strategy model of the profile (one instance per profile, reused)."""
    return _strategy(profile(licence).strategy)


def profile_of(turn_model_id: str, cause_model_id: str) -> str:
    """The profile whose models these are: ``commercial`` only when both the turn model and the cause model are
    the commercial profile's, else ``default`` (models given explicitly are judged by what they are, not by the
    profile in force).

    Example:
        >>> profile_of("conversation-edos-minilm@2+goemotions-minilm@4", "heuristic-causes@1")
        'commercial'
        >>> profile_of("conversation-minilm@1+goemotions-minilm@4", "heuristic-causes@1")
        'default'
    """
    commercial = PROFILES["commercial"]
    turn_ok = turn_model_id.split("@")[0] == commercial.turn.split("@")[0]
    cause_ok = (cause_model_id.startswith("heuristic-causes@") if commercial.cause is None
                else cause_model_id.split("@")[0] == commercial.cause.split("@")[0])
    return "commercial" if turn_ok and cause_ok else "default"


def profile_warnings(licence: str | None = None, cause_model_id: str | None = None,
                     in_force: str | None = None) -> list[tuple[str, str]]:
    """``(code, message)`` of what a result made with the models of profile ``licence`` must say about them: the
    profile's notes, ``AK-W011`` when causes came from the heuristic under the commercial profile, and
    ``AK-W013`` when the profile ``in_force`` is ``commercial`` but the models used are not its own.

    Example:
        >>> [code for code, _ in profile_warnings("default", "conversation-minilm@1:cause", in_force="commercial")]
        ['AK-W013']
    """
    current = profile(licence)
    notes = list(current.notes)
    if cause_model_id is not None and cause_model_id.startswith("heuristic-causes") and current.cause is None:
        notes.insert(0, HEURISTIC_CAUSES)
    if in_force == "commercial" and current.name != "commercial":
        notes.append(NOT_COMMERCIAL)
    return notes


_HEADS: dict[str, Any] = {}
_STRATEGIES: dict[str, Any] = {}


def _heads(name: str) -> Any:
    from affectkit.conversation.context import shared_heads
    from affectkit.recognizers.heads import DEFAULT_CONVERSATION, ONNXHeads, head_path

    if name == DEFAULT_CONVERSATION:
        return shared_heads()  # the same instance the models built without a profile use
    if name not in _HEADS:
        _HEADS[name] = ONNXHeads(head_path(name))
    return _HEADS[name]


def _strategy(name: str) -> Any:
    from affectkit.planning.strategy import StrategyModel
    from affectkit.recognizers.heads import head_path

    if name not in _STRATEGIES:
        _STRATEGIES[name] = StrategyModel(head_path(name))
    return _STRATEGIES[name]
