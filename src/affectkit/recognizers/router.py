"""Send each text to the best recognizer for its language.

The language of every text is identified (:func:`affectkit.language.detect_language`) unless it is given, and
the text goes to the recognizer that reads that language best (:func:`route`): English and every language
without a model of its own to the English model, the languages of the multilingual model to it. Texts of
several languages in one batch are read by their own models and come back in input order; each analysis's
``language`` is the language used for routing and its ``model`` the recognizer that read it.

A language given that no model reads (:func:`reads`: English and the languages of the multilingual model) is
still read by the English model, and every analysis says so with warning ``AK-W031`` (:func:`unread_language`)
instead of the softer ``AK-W003``; the command line prints that warning once on stderr.

Example:
    >>> router = Router()
    >>> [a.language for a in router.analyze(["What a lovely surprise!", "¡Qué sorpresa tan bonita!"])]
    ['en', 'es']
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence

from affectkit.errors import AffectkitError
from affectkit.language import detect_language
from affectkit.recognizers import DEFAULT, DOMAINS, MULTILINGUAL, get_recognizer, multilingual_languages
from affectkit.recognizers.base import Recognizer, check_texts
from affectkit.recognizers.encoder import check_domain
from affectkit.types import AnalysisWarning, TextAnalysis

_CODE = re.compile(r"^[a-z]{2,3}$")
_SUBTAG = re.compile(r"^[a-z0-9]{1,8}$")  # a BCP 47 tag's later parts (script, region such as 419, variant)


def check_language(language: str | None) -> str | None:
    """``language`` lower-cased and checked as an ISO 639 code (``"pt-BR"`` -> ``"pt"``; the parts after the code must
    be a BCP 47 tag's, letters and digits), or ``None``.

    Example:
        >>> check_language("pt-BR"), check_language("eng"), check_language(None)
        ('pt', 'en', None)
    """
    if language is None:
        return None
    if not isinstance(language, str):
        raise AffectkitError("AK-E040", f"language must be an ISO 639 code such as 'en', got {type(language).__name__}",
                             field="language")
    code, *subtags = language.strip().lower().replace("_", "-").split("-")
    if not _CODE.match(code) or not all(_SUBTAG.match(subtag) for subtag in subtags):
        raise AffectkitError("AK-E040", f"language {language!r} is not an ISO 639 code such as 'en', 'de' or 'zh'",
                             field="language")
    return THREE_LETTER_CODES.get(code, code)


# ISO 639-2 (and 639-3) codes of languages with a two-letter code, "eng" as "en": the languages the shipped models
# and rules read and a few more of the widely used ones; another three-letter code is kept as it is
THREE_LETTER_CODES = {
    three: two for two, threes in {
        "af": "afr", "am": "amh", "ar": "ara", "bn": "ben", "cs": "ces cze", "da": "dan", "de": "deu ger",
        "el": "ell gre", "en": "eng", "es": "spa", "fa": "fas per", "fi": "fin", "fr": "fra fre", "ha": "hau",
        "he": "heb", "hi": "hin", "hu": "hun", "id": "ind", "ig": "ibo", "it": "ita", "ja": "jpn", "jv": "jav",
        "ko": "kor", "mr": "mar", "nl": "nld dut", "no": "nor", "om": "orm", "pl": "pol", "pt": "por",
        "ro": "ron rum", "ru": "rus", "rw": "kin", "so": "som", "su": "sun", "sv": "swe", "sw": "swa", "th": "tha",
        "ti": "tir", "tr": "tur", "tt": "tat", "uk": "ukr", "ur": "urd", "vi": "vie", "xh": "xho", "yo": "yor",
        "zh": "zho chi", "zu": "zul",
    }.items() for three in threes.split()
}


def route(language: str) -> str:
    """The versioned name of the recognizer that reads ``language`` best.

    Example:
        >>> route("en") == DEFAULT
        True
    """
    if language != "en" and language in multilingual_languages():
        return MULTILINGUAL
    return DEFAULT


def reads(language: str) -> bool:
    """Whether a model of affectkit reads ``language`` (an ISO 639 code): English, and the languages the
    multilingual model was trained on or reads zero-shot.

    Example:
        >>> reads("de"), reads("en"), reads("xx")
        (True, True, False)
    """
    return language == "en" or language in multilingual_languages()


def unread_language(language: str | None) -> AnalysisWarning | None:
    """Warning ``AK-W031`` for a ``language`` given that no model reads (see :func:`reads`), else ``None``.

    Example:
        >>> unread_language("xx").code, unread_language("de") is None, unread_language(None) is None
        ('AK-W031', True, True)
    """
    code = check_language(language)
    if code is None or reads(code):
        return None
    return AnalysisWarning(
        code="AK-W031",
        message=f"no model of affectkit reads language '{code}': read by the English model {DEFAULT}, whose "
        f"emotions for it are unreliable (languages read: en, {', '.join(sorted(multilingual_languages()))})",
    )


def text_reader(model: str | None = None, language: str | None = None,
                domain: str = DOMAINS[0]) -> Callable[[Sequence[str]], list[TextAnalysis]]:
    """How :func:`affectkit.analyze` and ``affectkit analyze`` read texts: with no ``model``, a :class:`Router` for
    ``language`` and ``domain``; else the named recognizer (``language`` is only checked; ``domain`` as
    :func:`check_model_domain` allows).

    Example:
        >>> read = text_reader(domain="stories")
        >>> read(["The house was silent and I was alone."])[0].language
        'en'
    """
    if model is None:
        return Router(language, domain=domain).analyze
    check_language(language)
    recognizer = get_recognizer(model)
    check_model_domain(recognizer.model_id, domain)
    if recognizer.model_id == DEFAULT:
        return lambda texts: recognizer.analyze(texts, domain=domain)  # type: ignore[call-arg]
    return recognizer.analyze


def check_model_domain(model: str | None, domain: str) -> str:
    """``domain``, checked, for the recognizer ``model`` (a versioned name; ``None``: the router): only the English
    model has domains, so another model with a domain other than the default is AK-E041.

    Example:
        >>> check_model_domain(MULTILINGUAL, "comments"), check_model_domain(None, "stories")
        ('comments', 'stories')
    """
    if check_domain(domain) != DOMAINS[0] and model not in (None, DEFAULT):
        raise AffectkitError("AK-E041", f"{model} reads every text one way: a domain is for the English model "
                             f"{DEFAULT}", field="domain")
    return domain


class Router(Recognizer):
    """A recognizer that reads each text with :func:`route`'s recognizer for its language; ``language`` fixes
    the language of every text instead of identifying it. ``recognizers`` maps a versioned name of
    :func:`route` to the instance to use instead of the shared one (a batch worker's own, on its threads).
    ``domain`` is the kind of text for the English model's Ekman view (:data:`~affectkit.recognizers.encoder.DOMAINS`);
    the multilingual model has one reading, tuned on BRIGHTER's texts."""

    name = "auto"
    version = "1"

    def __init__(self, language: str | None = None, recognizers: Mapping[str, Recognizer] | None = None,
                 domain: str = DOMAINS[0]) -> None:
        self.language = language
        self.recognizers = recognizers
        self.domain = check_domain(domain)

    def thresholds(self) -> dict[str, float]:
        return get_recognizer(DEFAULT).thresholds()

    def languages(self, texts: Sequence[str]) -> list[str]:
        """The routing language of each text: the one given, else the identified one."""
        given = check_language(self.language)
        return [given or detect_language(text) for text in texts]

    def recognizer(self, name: str) -> Recognizer:
        """The recognizer registered as ``name`` (:func:`route`'s answer), or the one given for it."""
        if self.recognizers is not None and name in self.recognizers:
            return self.recognizers[name]
        return get_recognizer(name)

    def analyze(self, texts: Sequence[str]) -> list[TextAnalysis]:
        texts = check_texts(texts)
        languages = self.languages(texts)
        groups: dict[str, list[int]] = {}
        for i, language in enumerate(languages):
            groups.setdefault(route(language), []).append(i)
        results: list[TextAnalysis | None] = [None] * len(texts)
        for name, indices in groups.items():
            recognizer = self.recognizer(name)
            chosen = [texts[i] for i in indices]
            if name == MULTILINGUAL:  # it reads the language it is given (thresholds, character model)
                analyses = recognizer.analyze(chosen, languages=[languages[i] for i in indices])  # type: ignore[call-arg]
            else:
                analyses = recognizer.analyze(chosen, domain=self.domain)  # type: ignore[call-arg]
            for i, analysis in zip(indices, analyses, strict=True):
                results[i] = with_language(analysis, languages[i], name)
        return [r for r in results if r is not None]


def with_language(analysis: TextAnalysis, language: str, model: str) -> TextAnalysis:
    """``analysis`` with the routing language; the not-English warning (AK-W003) is recomputed from it, and a
    language no model reads gets AK-W031 instead."""
    if analysis.language == "und":  # empty, no letters, emoji only: the recognizer's own warnings stand
        return analysis
    unread = unread_language(language) if model == DEFAULT else None
    if language == analysis.language and unread is None:  # the recognizer's own warnings already fit
        return analysis
    warnings = [w for w in analysis.warnings if w.code != "AK-W003"]
    if unread is not None:
        warnings.insert(0, unread)
    elif model == DEFAULT and language != "en":
        warnings.insert(0, AnalysisWarning(
            code="AK-W003",
            message=f"text given as '{language}'; the model is trained on English",
        ))
    return analysis.model_copy(update={"language": language, "warnings": warnings})
