"""Recognizers registered by versioned name (``name@version``); ``name`` alone means the newest.

Example:
    >>> from affectkit.recognizers import available
    >>> "goemotions-minilm@5" in available()
    True
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cache
from typing import TYPE_CHECKING

from affectkit.errors import AffectkitError

if TYPE_CHECKING:
    from affectkit.recognizers.base import Recognizer

DEFAULT = "goemotions-minilm@5"
# The recognizer for the languages other than English that it lists (affectkit.recognizers.router).
MULTILINGUAL = "brighter-e5@4"
# Kinds of English text the English model has an Ekman view for, the default first (affectkit.recognizers.encoder).
DOMAINS = ("comments", "stories")


def _encoder() -> Recognizer:
    from affectkit.recognizers.encoder import EncoderRecognizer

    return EncoderRecognizer()


def _lexicon() -> Recognizer:
    from affectkit.recognizers.lexicon import LexiconRecognizer

    return LexiconRecognizer()


def _multilingual() -> Recognizer:
    from affectkit.recognizers.multilingual import MultilingualRecognizer

    return MultilingualRecognizer()


_FACTORIES: dict[str, Callable[[], Recognizer]] = {
    "brighter-e5@4": _multilingual,
    "goemotions-minilm@5": _encoder,
    "nrc-lexicon@1": _lexicon,
}


# Recognizers that need an optional extra: versioned name -> (extra, module it installs).
_EXTRAS: dict[str, tuple[str, str]] = {"nrc-lexicon@1": ("baseline", "nrclex")}


def requirement(name: str) -> tuple[str, bool] | None:
    """The extra the recognizer ``name`` needs and whether it is installed; ``None`` when it needs none.

    Example:
        >>> requirement("goemotions-minilm@5") is None, requirement("nrc-lexicon")[0]
        (True, 'baseline')
    """
    import importlib.util

    needs = _EXTRAS.get(resolve(name))
    if needs is None:
        return None
    return needs[0], importlib.util.find_spec(needs[1]) is not None


@cache
def multilingual_languages() -> frozenset[str]:
    """ISO 639-1 codes of the languages :data:`MULTILINGUAL` reads: those it was trained on and those it reads
    zero-shot (none when it is not shipped); read from its config, without loading the model.

    Example:
        >>> "de" in multilingual_languages()
        True
    """
    import json
    from pathlib import Path

    config = Path(__file__).resolve().parent.parent / "models" / MULTILINGUAL.split("@")[0] / "config.json"
    if MULTILINGUAL not in _FACTORIES or not config.is_file():
        return frozenset()
    settings = json.loads(config.read_text(encoding="utf-8"))
    return frozenset(settings["languages"]) | frozenset(settings.get("zero_shot", []))


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
