"""Which language a text is in: ``py3langid`` (a naive-Bayes byte n-gram model, BSD) with a prior.

The identifier is restricted to :data:`LANGUAGES`, the languages a chat product is likely to meet, and its
probabilities are multiplied by a prior that favours English (x10) and a few widely used languages (x3)
before the most probable one is chosen: short or slangy English ("Whammer!", "SO MUCH.") otherwise comes out
as Danish or Spanish, and a text the English model could read well would be sent elsewhere. Tatar, which the
identifier confuses with Russian, Kazakh and Uzbek, is recognised by its own Cyrillic letters. An ASCII text
whose most probable language has under 0.2 ("lol ok", "haha") is called English.

A turn of a conversation is short and says little about its language ("Hello ?" comes out as Italian, "Waiter !"
as French), while the turns around it say a lot: :func:`language_in_conversation` gives the language of the
``CONVERSATION_TURNS`` turns before it (the most frequent) ten times the weight of the others, so a turn keeps
its conversation's language unless another language is more than ten times as probable. On 10,000 DailyDialog
turns, 17 came out in another language alone and 1 in context ("Bye-bye ."); of 184 Spanish BRIGHTER texts put
into an English conversation, 174 stay Spanish (180 alone), and in a Spanish conversation all 184 do.

On BRIGHTER test texts of the 13 languages the multilingual model reads, 0.973 of texts are named correctly
(mean over languages; ``benchmarks/multilingual.py`` has the table), and 99.9% of GoEmotions English comments
stay English.

Example:
    >>> detect_language("I can't believe they cancelled my flight again")
    'en'
    >>> detect_language("No puedo creer que cancelaron mi vuelo otra vez")
    'es'
    >>> detect_language("Ich freue mich so sehr auf das Wochenende!")
    'de'
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from functools import cache, lru_cache
from typing import Any

from affectkit.errors import AffectkitError

# ISO 639-1 codes the identifier may answer (py3langid knows 97; regional and historical varieties that
# mostly steal short texts from their neighbours, such as Galician, Occitan or Latin, are left out).
LANGUAGES = tuple(
    "af am ar az be bg bn bs ca cs cy da de el en es et eu fa fi fr ga ha he hi hr hu hy id ig is it ja jv ka "
    "kk km kn ko lt lv mk ml mr ms my ne nl no om pa pl ps pt ro ru rw si sk sl so sq sr sv sw ta te th tl tr "
    "tt uk ur uz vi xh yo zh zu".split()
)
_PRIOR_ENGLISH = 10.0
_PRIOR_MAJOR = 3.0
_PRIOR_CONVERSATION = 10.0
# a turn this short in plain ASCII ("Bye-bye .", "Hello ?") says too little about its language to leave its
# conversation's: it keeps it unless another is a hundred times as probable (not a short turn in another script: "谢谢")
_SHORT_TURN_LETTERS = 10
_PRIOR_SHORT_TURN = 100.0
CONVERSATION_TURNS = 8  # the turns before a turn that say which language its conversation is in
_LITTLE_EVIDENCE = 0.2
_MAJOR = frozenset("es pt de fr it ru zh ja ar hi ko tr pl nl uk id vi fa".split())
_TATAR = re.compile("[әөүҗңһӘӨҮҖҢҺ]")
_NOT_TATAR = re.compile("[қғұіҚҒҰІ]")  # Kazakh's own letters
_TURKIC_CONFUSIONS = frozenset({"ru", "bg", "be", "kk", "uz", "mk", "sr", "uk"})


@cache
def full_identifier() -> Any:
    """``py3langid``'s identifier over all its 97 languages, with normalised probabilities (loaded once)."""
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


@cache
def _identifier() -> Any:
    """The identifier restricted to :data:`LANGUAGES`, as ``set_languages`` makes it, but sharing the full one's
    byte tables: a second loaded model cost 80 MB."""
    import numpy as np
    from py3langid.langid import LanguageIdentifier

    full, wanted = full_identifier(), set(LANGUAGES)
    keep = [i for i, code in enumerate(full.nb_classes) if code in wanted]
    # row-major, as the full table: a text reads a few rows of it, each then one run of memory, not 81 scattered values
    table = np.ascontiguousarray(full.nb_ptc[:, keep])
    return LanguageIdentifier(table, full.nb_pc[keep], [full.nb_classes[i] for i in keep],
                              full.tk_nextmove, full.tk_output, norm_probs=True, tk_row=full.tk_row)


def language_scores(text: str) -> list[tuple[str, float]]:
    """Every language of :data:`LANGUAGES` with its probability after the prior, most probable first.

    Example:
        >>> language_scores("Muito obrigado pela ajuda!")[0][0]
        'pt'
    """
    ranked = _identifier().rank(text)
    weighted = [
        (code, p * (_PRIOR_ENGLISH if code == "en" else _PRIOR_MAJOR if code in _MAJOR else 1.0))
        for code, p in ranked
    ]
    total = sum(p for _, p in weighted) or 1.0
    return sorted(((code, p / total) for code, p in weighted), key=lambda item: -item[1])


@lru_cache(maxsize=4096)  # several readers look at a conversation's turns; the answer depends on the arguments only
def detect_language(text: str, context: str | None = None) -> str:
    """ISO 639-1 code of the likely language of ``text``; ``und`` for a text without letters. ``context``, the
    language of the conversation the text is in, stands unless another language is more than ten times as
    probable (a hundred times for an ASCII text of ten letters or fewer; see :func:`language_in_conversation`).

    Example:
        >>> detect_language("Мин бүген бик шат!"), detect_language("12:30 !!")
        ('tt', 'und')
        >>> detect_language("Hello ?"), detect_language("Hello ?", context="en")
        ('it', 'en')
    """
    if context is not None and not isinstance(context, str):
        raise AffectkitError("AK-E040", f"a conversation's language must be an ISO 639 code such as 'en', got "
                             f"{type(context).__name__}", field="context")
    if not any(ch.isalpha() for ch in text):
        return "und"
    if context is not None and detect_language(text) == context:  # the usual case, and the same answer: no scoring
        return context
    scores = language_scores(text)
    best, probability = scores[0]
    if best in _TURKIC_CONFUSIONS and _TATAR.search(text) and not _NOT_TATAR.search(text):
        return "tt"
    if context is not None and context != best:
        short = text.isascii() and sum(ch.isalpha() for ch in text) <= _SHORT_TURN_LETTERS
        if dict(scores).get(context, 0.0) * (_PRIOR_SHORT_TURN if short else _PRIOR_CONVERSATION) >= probability:
            return context
    if probability < _LITTLE_EVIDENCE and text.isascii():
        return "en"  # "lol ok", "haha": too little to go on, and the English model is the default
    return best


def conversation_language(earlier: Sequence[str]) -> str | None:
    """The language most of ``earlier`` (the texts of a conversation so far, oldest first) are in, each identified
    alone; of languages as frequent, the latest; ``None`` when no text has letters.

    Example:
        >>> conversation_language(["Where is my order?", "It left yesterday.", "¿Dónde está?"])
        'en'
    """
    codes = [code for code in map(detect_language, earlier) if code != "und"]
    if not codes:
        return None
    counts = Counter(codes)
    most = max(counts.values())
    return next(code for code in reversed(codes) if counts[code] == most)


def language_in_conversation(text: str, earlier: Sequence[str]) -> str:
    """The language of ``text``, a turn of a conversation whose turns so far are ``earlier`` (oldest first; the last
    ``CONVERSATION_TURNS`` are read): the conversation's language unless another is more than ten times as
    probable for ``text`` alone (a hundred times for an ASCII turn of ten letters or fewer). Only the turns before
    count, so a live conversation and the same conversation read whole agree.

    Example:
        >>> language_in_conversation("Hello ?", ["I'm at the table by the window.", "Coming!"])
        'en'
        >>> language_in_conversation("Estoy muy triste hoy", ["How are you?", "Fine, you?"])
        'es'
    """
    if isinstance(earlier, str) or not isinstance(earlier, Sequence) or not all(isinstance(t, str) for t in earlier):
        raise AffectkitError("AK-E005", "the earlier turns must be a list of texts, got "
                             f"{type(earlier).__name__}", field="earlier")
    return detect_language(text, conversation_language(earlier[-CONVERSATION_TURNS:]))
