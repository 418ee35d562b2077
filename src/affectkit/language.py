"""A small, dependency-free language guess, good enough to flag text the English models should not trust.

Texts in a non-Latin script are named by their script's most common language family code
(``ru`` for Cyrillic, ``zh`` for Han, ...). Latin-script texts are scored by how many of their words are
frequent function words of English, Spanish, German, French, Italian, Portuguese or Dutch. A text is
called non-English only on clear evidence, so short or slangy English (most chat) is not flagged.

Example:
    >>> detect_language("I can't believe they cancelled my flight again")
    'en'
    >>> detect_language("No puedo creer que cancelaron mi vuelo otra vez")
    'es'
"""

from __future__ import annotations

import re
import unicodedata

_FUNCTION_WORDS = {
    "en": "the a an and or but is are was were be been am i you he she it we they me my your his her our their "
    "this that these those to of in on at for with from by not no do does did have has had will would can "
    "could should just so what who how why when there here all about if than then too very its it's i'm "
    "don't can't im dont",
    "es": "el la los las un una unos y o pero es son era fue ser estar está están estoy yo tú él ella nosotros "
    "ellos me mi tu su nuestro este esta eso que de del en con por para no sí muy más qué cómo cuando "
    "donde porque también ya hay lo le se al mis tus",
    "de": "der die das ein eine einen und oder aber ist sind war waren sein bin ich du er sie es wir ihr mich "
    "mein dein sein unser dieser diese das zu von in im mit für auf nicht kein keine sehr was wie warum "
    "wann hier auch schon noch nur mir dir dem den des",
    "fr": "le la les un une des et ou mais est sont était être suis je tu il elle nous vous ils elles me mon "
    "ton son notre ce cette ces que qui de du en avec pour par pas ne très plus quoi comment pourquoi "
    "quand où aussi déjà au aux",
    "it": "il lo la i gli le un una e o ma è sono era essere io tu lui lei noi voi loro mi mio tuo suo questo "
    "questa che di del della in con per non molto più cosa come perché quando dove anche già ho hai ha",
    "pt": "o a os as um uma e ou mas é são era ser estar está estou eu tu ele ela nós eles me meu teu seu "
    "nosso este esta isso que de do da em com por para não sim muito mais como quando onde porque também "
    "já tem",
    "nl": "de het een en of maar is zijn was waren ben ik jij je hij zij wij mij mijn jouw zijn ons deze dit "
    "dat die van in op met voor niet geen heel wat hoe waarom wanneer hier ook al nog",
}
_WORDS = {lang: frozenset(words.split()) for lang, words in _FUNCTION_WORDS.items()}
_SCRIPTS = {
    "CYRILLIC": "ru",
    "GREEK": "el",
    "ARABIC": "ar",
    "HEBREW": "he",
    "CJK": "zh",
    "HIRAGANA": "ja",
    "KATAKANA": "ja",
    "HANGUL": "ko",
    "DEVANAGARI": "hi",
    "THAI": "th",
    "ETHIOPIC": "am",
    "BENGALI": "bn",
    "TAMIL": "ta",
    "GEORGIAN": "ka",
    "ARMENIAN": "hy",
}
_TOKEN = re.compile(r"[^\W\d_]+(?:'[^\W\d_]+)?", re.UNICODE)


def _script_language(text: str) -> str | None:
    if text.isascii():  # the common case, and the per-character Unicode lookups below are slow
        return None
    counts: dict[str, int] = {}
    letters = 0
    for ch in text:
        if not unicodedata.category(ch).startswith("L"):
            continue
        letters += 1
        script = unicodedata.name(ch, "").split(" ")[0]
        if script in _SCRIPTS:
            counts[script] = counts.get(script, 0) + 1
    if not counts:
        return None
    script, count = max(counts.items(), key=lambda item: item[1])
    # Japanese mixes kana into Han text; any kana means Japanese.
    if script == "CJK" and (counts.get("HIRAGANA") or counts.get("KATAKANA")):
        return "ja"
    return _SCRIPTS[script] if count >= 0.5 * letters else None


def detect_language(text: str) -> str:
    """ISO 639-1 code of the likely language; ``en`` unless the evidence points elsewhere."""
    by_script = _script_language(text)
    if by_script:
        return by_script
    words = [w.lower() for w in _TOKEN.findall(text)]
    if not words:
        return "und"
    scores = {lang: sum(w in vocab for w in words) for lang, vocab in _WORDS.items()}
    best = max(scores, key=lambda lang: scores[lang])
    # Words shared by several languages ("a", "de", "in") are weak evidence: ask for a clear lead.
    if best != "en" and scores[best] >= 2 and scores[best] > 1.5 * scores["en"]:
        return best
    if best != "en" and scores["en"] == 0 and scores[best] >= 1 and len(words) <= 3:
        return best
    return "en"
