"""Recognizers registered by versioned name (``name@version``); ``name`` alone means the newest.

Example:
    >>> from affectkit.recognizers import available
    >>> "goemotions-minilm@3" in available()
    True
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cache
from typing import TYPE_CHECKING

from affectkit.errors import AffectkitError

if TYPE_CHECKING:
    from affectkit.recognizers.base import Recognizer

DEFAULT = "goemotions-minilm@3"


def _encoder() -> Recognizer:
    from affectkit.recognizers.encoder import EncoderRecognizer

    return EncoderRecognizer()


def _lexicon() -> Recognizer:
    from affectkit.recognizers.lexicon import LexiconRecognizer

    return LexiconRecognizer()


_FACTORIES: dict[str, Callable[[], Recognizer]] = {
    "goemotions-minilm@3": _encoder,
    "nrc-lexicon@1": _lexicon,
}


def available() -> list[str]:
    """Versioned names of every registered recognizer."""
    return sorted(_FACTORIES)


def resolve(name: str) -> str:
    """The versioned name for ``name`` (``"nrc-lexicon"`` -> ``"nrc-lexicon@1"``)."""
    if name in _FACTORIES:
        return name
    versions = sorted(
        (key for key in _FACTORIES if key.split("@")[0] == name), key=lambda key: int(key.split("@")[1])
    )
    if not versions:
        raise AffectkitError("AK-E006", f"unknown recognizer '{name}'; available: {', '.join(available())}")
    return versions[-1]


@cache
def get_recognizer(name: str = DEFAULT) -> Recognizer:
    """The recognizer registered as ``name``, built once per process and reused."""
    return _FACTORIES[resolve(name)]()
