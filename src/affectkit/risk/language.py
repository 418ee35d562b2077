"""Which language a message is in, for risk detection: whether the detector covers it, and which crisis
resources to offer.

The quick guess of :func:`affectkit.language.detect_language` (script, then function words of seven languages)
decides when it has evidence. A Latin-script message it would call English, and a Cyrillic one, goes to
``py3langid`` (97 languages): a confident other answer (probability 0.9 or more) wins, so that "nataka kufa"
is called Swahili, not silently English.

Example:
    >>> risk_language("nataka kufa sasa hivi", ("en", "es"))
    ('sw', False)
    >>> risk_language("no quiero seguir viviendo así", ("en", "es"))
    ('es', True)
"""

from __future__ import annotations

from collections.abc import Collection

from affectkit.language import detect_language, full_identifier

CONFIDENT = 0.9


def risk_language(text: str, covered: Collection[str]) -> tuple[str, bool]:
    """``(ISO 639-1 code, covered)``; a text without letters is ``("und", True)``: there is nothing to miss."""
    if not any(ch.isalpha() for ch in text):
        return "und", True
    code = detect_language(text)
    if code in ("en", "ru") and len(text.split()) >= 2:
        other, probability = full_identifier().classify(text)
        if other != code and probability >= CONFIDENT and (code == "en" or other in ("uk", "be", "bg", "sr", "mk")):
            code = other
    return code, code in covered
