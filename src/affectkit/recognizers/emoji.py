"""Emoji and emoticons read as the words of the feelings they carry.

The shipped text model's tokenizer knows no emoji: "😭😭😭" reaches it as one ``[UNK]`` token and reads as
``neutral``. Before a text is tokenized, :func:`read_emoji` puts in place of every emoji and emoticon it
knows a few English words of the feeling it usually carries (the table is ``emoji.json`` beside this
module: 😭 "crying so sad", 🙄 "ugh, eye roll, annoying", ``:)`` "smiling"), so the model reads the
emoji's feeling together with the rest of the text. A run of the same emoji is read once. Emoji are
matched without their variation selector, skin tone and zero-width-joiner parts (🤦🏽‍♀️ is 🤦);
emoticons only as whole words (``http://`` holds no ``:/``). A text without any is left exactly as it is.

The recognizers read emoji this way only in a text without letters (:func:`text_for_model`): in a text
with words the model's reading of the words stands. GoEmotions' annotators labelled the feeling of the
whole comment, and reading the emoji of those comments as words too added labels they did not give
(GoEmotions dev, thresholds unchanged: macro-F1 0.537 → 0.530, micro-F1 0.602 → 0.595; on the 224 dev
comments with an emoji or emoticon, micro-F1 0.613 → 0.466).

The analysis keeps the original text; only what the model reads changes.

Example:
    >>> read_emoji("😭😭😭")
    ('crying so sad', 1)
    >>> read_emoji("great, another meeting 🙄")
    ('great, another meeting ugh, eye roll, annoying', 1)
    >>> read_emoji("see you at 5 :)")
    ('see you at 5 smiling', 1)
    >>> read_emoji("nothing to read here")
    ('nothing to read here', 0)
    >>> text_for_model("😂😂"), text_for_model("so funny 😂")
    ('haha so funny', 'so funny 😂')
"""

from __future__ import annotations

import json
import re
import unicodedata
from functools import cache
from pathlib import Path

TABLE = Path(__file__).resolve().parent / "emoji.json"
# Parts of an emoji sequence that change its look, not its feeling: variation selectors, skin tones, the
# zero-width joiner and the gender and hair components that follow a joiner.
_MODIFIERS = {"\ufe0e", "\ufe0f", "\u200d", "\u2640", "\u2642", *map(chr, range(0x1F3FB, 0x1F400))}


@cache
def _table() -> tuple[dict[str, str], dict[str, str], re.Pattern[str]]:
    data = json.loads(TABLE.read_text(encoding="utf-8"))
    emoticons: dict[str, str] = data["emoticons"]
    alternatives = "|".join(re.escape(e) for e in sorted(emoticons, key=len, reverse=True))
    pattern = re.compile(rf"(?<!\S)(?:{alternatives})(?!\S)")
    return data["emoji"], emoticons, pattern


def read_emoji(text: str) -> tuple[str, int]:
    """``text`` with each known emoji and emoticon replaced by the words of its feeling, and how many were
    read (a run of the same one counts once). See the module docstring."""
    emoji, emoticons, pattern = _table()
    found = 0
    text_read = text
    if not text.isascii():  # emoji are never ASCII
        pieces: list[str] = []
        last: str | None = None  # the phrase of the emoji just read, while only its modifiers or spaces follow
        for ch in text:
            phrase = emoji.get(ch)
            if phrase is not None:
                if phrase != last:
                    pieces.append(f" {phrase} ")
                    found += 1
                last = phrase
            elif ch in _MODIFIERS and last is not None:
                continue
            else:
                if not ch.isspace():
                    last = None
                pieces.append(ch)
        if found:
            text_read = "".join(pieces)

    def emoticon(match: re.Match[str]) -> str:
        nonlocal found
        found += 1
        return emoticons[match.group(0)]

    text_read = pattern.sub(emoticon, text_read)
    if not found:
        return text, 0
    return " ".join(text_read.split()), found


def has_letters(text: str) -> bool:
    """Whether ``text`` holds a letter of any script."""
    return any(ch.isascii() and ch.isalpha() or unicodedata.category(ch).startswith("L") for ch in text)


def text_for_model(text: str) -> str:
    """What the text model reads for ``text``: a text with no letters outside its emoticons (``xD`` and
    ``T_T`` are no words) with its emoji and emoticons read as words (:func:`read_emoji`), any other text as
    it is (see the module docstring)."""
    if text.isascii() and not any(ch.isalpha() for ch in text):
        return text if not text.strip() else read_emoji(text)[0]
    if has_letters(_table()[2].sub(" ", text)):
        return text
    return read_emoji(text)[0]
