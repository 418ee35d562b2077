"""The rule engine: regex rule groups kept as data, matched with negation, quotes and reported speech handled.

The engine knows no domain. A *rule book* is a folder with one ``<language>.json`` per language::

    {"fragments": {"NAME": "regex", ...}, "groups": {"group": ["source", ...], ...}}

(optionally with ``"context_languages": ["en", ...]``, see below) and a registry of :class:`GroupProperties`
(one entry per group) says what to do with a group's matches. The language data (negators, saying verbs,
clause-break words, ...) is in ``lang/<code>.json``, one file per language, next to this module.

**Sources.** A source is a case-insensitive regex. ``{NAME}`` is replaced by the fragment ``NAME`` of the
same file (fragments may use other fragments); an unknown name raises :class:`RuleError`. A ``'`` also
matches ``’``. A source is bounded by word boundaries, only at its end when it starts with a comma, a colon
or an anchor group ``(?:^|...)``. A source may mark its evidence with a named group ``e``.

**Matching** (:meth:`RuleBook.find`): every source of the group in every given language, then the longest
non-overlapping matches in text order. For a *negatable* group a match is dropped when a negator stands among
the five words before it in its clause (unless the next word is a negation exception: "no wonder", "I can't
stop") or, in languages with post-negators (German), after it ("ich vermisse dich nicht"). For a *reportable*
group a match is dropped inside quotes or when reported from someone else ("people might say ..."). The words
before a match are those of its language or, when its file lists ``context_languages``, of all of them (for
texts that mix languages, such as chat replies); post-negators are always the match's own language's.

Example:
    >>> negated("I would never say I love you", 18, 28, "en"), negated("no wonder you're upset", 10, 22, "en")
    (True, False)
    >>> negated("ich vermisse dich wirklich nicht", 4, 17, "de")
    True
    >>> quoted_spans('they said "cheer up" to me')
    [(10, 20)]
    >>> sentence_spans("Hi there.  How are you?\\nFine")
    [(0, 9), (11, 23), (24, 28)]
"""

from __future__ import annotations

import bisect
import functools
import json
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol, TypeVar

if TYPE_CHECKING:
    from importlib.resources.abc import Traversable

NEGATION_WINDOW = 5  # words before a match in which a negator negates it
REPORT_WINDOW = 6  # words before a match in which "someone ... says" reports it

_PLACEHOLDER = re.compile(r"\{([A-Z][A-Z0-9_]*)\}")
_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?")
_PUNCTUATION_BREAK = r"[.!?;:\n¿¡…]"
# Double quotes of any style; single quotes are too often apostrophes.
_QUOTED = re.compile(r"\"[^\"\n]*\"|“[^”\n]*”|„[^“”\n]*[“”]|«[^»\n]*»")
_SENTENCE_BREAK = re.compile(r"[.!?…]+[\"'”’»)\]]*(?=\s|$)|\n")


class RuleError(ValueError):
    """A rule book or language file is malformed (unknown fragment, group without properties, ...)."""


@dataclass(frozen=True)
class GroupProperties:
    """One registry entry per rule group: what to do with the group's matches."""

    negatable: bool = False  # drop a match that is negated
    reportable: bool = False  # drop a match inside quotes or reported from someone else


@dataclass(frozen=True)
class Hit:
    """One match of a rule group: ``evidence == text[start:end]``."""

    group: str
    language: str
    start: int
    end: int
    evidence: str


@dataclass(frozen=True)
class Language:
    """The data of ``lang/<code>.json``: words are lower-case, ``'`` stands for ``’`` too.

    ``negators`` (and words ending in a ``negator_suffixes`` entry, English "n't") negate the words after them
    unless followed by a ``negation_exceptions`` word ("no wonder"); ``post_negators`` negate the words before
    them, over ``post_skip`` words (German "ich vermisse dich wirklich nicht"). ``others`` and ``saying`` mark
    reported speech. ``clause_breaks`` end a clause, a comma followed by a ``clause_continuers`` word does not.
    ``hints`` are frequent function words that tell the language, ``stopwords`` words too common to compare
    texts by. ``joking`` are word-bounded regex sources of laughter or hyperbole, ``joking_symbols`` emoji.
    """

    code: str
    negators: frozenset[str]
    negator_suffixes: tuple[str, ...]
    negation_exceptions: frozenset[str]
    post_negators: frozenset[str]
    post_skip: frozenset[str]
    others: frozenset[str]
    saying: frozenset[str]
    clause_breaks: frozenset[str]
    clause_continuers: frozenset[str]
    hints: frozenset[str]
    stopwords: frozenset[str]
    joking: tuple[str, ...]
    joking_symbols: tuple[str, ...]


_LANG_KEYS = tuple(name for name in Language.__dataclass_fields__ if name != "code")


def _lang_folder() -> Traversable:
    return resources.files(__package__ or "affectkit.rules").joinpath("lang")


@functools.cache
def language_codes() -> tuple[str, ...]:
    """The languages that have a data file in ``lang/``."""
    return tuple(sorted(p.name[: -len(".json")] for p in _lang_folder().iterdir() if p.name.endswith(".json")))


@functools.cache
def language_data(code: str) -> Language:
    """The data of one language, read once."""
    if code not in language_codes():
        raise RuleError(f"no language data for {code!r} in affectkit/rules/lang (known: {', '.join(language_codes())})")
    data = json.loads(_lang_folder().joinpath(f"{code}.json").read_text(encoding="utf-8"))
    missing = [key for key in _LANG_KEYS if key not in data]
    if missing:
        raise RuleError(f"lang/{code}.json lacks {', '.join(missing)}")
    values: dict[str, Any] = {
        key: tuple(data[key]) if key in ("negator_suffixes", "joking", "joking_symbols") else frozenset(data[key])
        for key in _LANG_KEYS
    }
    return Language(code=code, **values)


@functools.cache
def _clause_break() -> re.Pattern[str]:
    # Clauses break at the words of every language: clause_start() is asked without a language.
    codes = [language_data(code) for code in language_codes()]
    words = sorted(set().union(*(lang.clause_breaks for lang in codes)), key=lambda w: (-len(w), w))
    continuers = sorted(set().union(*(lang.clause_continuers for lang in codes)), key=lambda w: (-len(w), w))
    comma = rf",(?!\s*(?:{'|'.join(map(re.escape, continuers))})\b)" if continuers else ","
    return re.compile(rf"{_PUNCTUATION_BREAK}|{comma}|\b(?:{'|'.join(map(re.escape, words))})\b", re.IGNORECASE)


def expand(source: str, fragments: Mapping[str, str], _seen: tuple[str, ...] = ()) -> str:
    """``source`` with every ``{NAME}`` replaced by its fragment (recursively)."""

    def replace(match: re.Match[str]) -> str:
        name = match.group(1)
        if name not in fragments:
            known = ", ".join(sorted(fragments)) or "none"
            raise RuleError(f"unknown fragment {{{name}}} in rule source {source[:60]!r} (known: {known})")
        if name in _seen:
            raise RuleError(f"fragment {{{name}}} uses itself (through {' -> '.join(_seen)})")
        return expand(fragments[name], fragments, (*_seen, name))

    return _PLACEHOLDER.sub(replace, source)


def compile_source(source: str, fragments: Mapping[str, str] | None = None) -> re.Pattern[str]:
    """One rule source, fragments expanded, word-bounded (see the module docstring), case-insensitive."""
    raw = expand(source, fragments or {})
    body = raw.replace("'", "['’]")
    if raw.startswith(("(?:^|", ",", ":")):
        return re.compile(rf"(?:{body})(?!\w)", re.IGNORECASE)
    return re.compile(rf"(?<!\w)(?:{body})(?!\w)", re.IGNORECASE)


def words(text: str, start: int = 0, end: int | None = None) -> list[str]:
    """The words of ``text[start:end]``, lower-cased, with ``’`` as ``'``."""
    return [w.lower().replace("’", "'") for w in _WORD.findall(text, start, len(text) if end is None else end)]


_SYNC = 64  # chars: more than a clause break and what its look-ahead reads ("," + spaces + "that")


def clause_start(text: str, position: int) -> int:
    """Where the clause holding ``position`` starts: after the last punctuation mark or clause-break word
    ("but", "pero", "aber", ...) before it; a comma before "that"/"que"/"dass" does not break the clause.

    The breaks are those of a scan of ``text`` that stops at ``position``. Such a scan finds every break of the
    whole text that ends well before ``position`` (:data:`_SYNC`), so only the last stretch is scanned again: a
    long reply with a match in every clause costs linear time, not quadratic."""
    ends = _break_ends(text)
    known = bisect.bisect_right(ends, position - _SYNC)
    begin = ends[known - 1] if known else max(0, position - 2 * _SYNC)  # no earlier break: none can reach here
    start = begin if known else 0
    for match in _clause_break().finditer(text, begin, position):
        start = match.end()
    return start


@functools.lru_cache(maxsize=32)
def _break_ends(text: str) -> tuple[int, ...]:
    """The ends of the clause breaks of the whole ``text`` (a reply is asked about once per match in it)."""
    return tuple(match.end() for match in _clause_break().finditer(text))


def words_before(text: str, position: int, last: int | None = None) -> list[str]:
    """The words of the clause before ``position`` (see :func:`words`), or only its ``last`` ones: those are read
    from the stretch just before ``position`` when it holds more than ``last`` words (its first word may be cut),
    so that a long clause is not read whole for every match in it."""
    start = clause_start(text, position)
    if last is None:
        return words(text, start, position)
    near = max(start, position - 32 * last)
    found = words(text, near, position)
    if near > start and len(found) <= last:
        found = words(text, start, position)
    return found[-last:]


def negated(text: str, start: int, end: int, language: str) -> bool:
    """Whether ``text[start:end]`` is negated: a negator of ``language`` among the few words before it in its
    clause, not followed by a negation exception, or a post-negator after it (German "nicht")."""
    return _negated(text, start, end, language_data(language), language_data(language))


def reported(text: str, start: int, language: str) -> bool:
    """Whether the span at ``start`` is reported speech of someone else ("people might say cheer up")."""
    return _reported(text, start, language_data(language))


def _negated(text: str, start: int, end: int, before_words: Language, after_words: Language) -> bool:
    before = words_before(text, start, NEGATION_WINDOW)
    following = [w.lower() for w in _WORD.findall(text, start, min(len(text), start + 40))[:1]]
    lang = before_words
    for word, after in zip(before, [*before[1:], *following], strict=False):
        if (word in lang.negators or word.endswith(lang.negator_suffixes)) and after not in lang.negation_exceptions:
            return True
    if after_words.post_negators:
        for match in _WORD.finditer(text, end):
            if _clause_break().search(text, end, match.start()):
                break
            word = match.group().lower()
            if word in after_words.post_negators:
                return True
            if word not in after_words.post_skip:
                break
    return False


def _reported(text: str, start: int, words_of: Language) -> bool:
    before = words_before(text, start, REPORT_WINDOW)
    return any(w in words_of.others for w in before) and any(w in words_of.saying for w in before)


@functools.cache
def merged_language_data(codes: tuple[str, ...]) -> Language:
    """The data of several languages as one: every list is the union of theirs."""
    parts = [language_data(code) for code in codes]
    values: dict[str, Any] = {}
    for key in _LANG_KEYS:
        lists = [getattr(part, key) for part in parts]
        values[key] = (
            tuple(dict.fromkeys(x for xs in lists for x in xs))
            if isinstance(lists[0], tuple)
            else (frozenset().union(*lists))
        )
    return Language(code="+".join(codes), **values)


def quoted_spans(text: str) -> list[tuple[int, int]]:
    """The spans of ``text`` inside double quotes ("...", “...”, „...“, «...»), quotes included."""
    return [m.span() for m in _QUOTED.finditer(text)]


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """The sentences of ``text`` as spans without surrounding whitespace. A sentence ends at a newline or at
    ``.``, ``!``, ``?`` or ``…`` (with any closing quotes or brackets) followed by a space or the end."""
    spans: list[tuple[int, int]] = []
    start = 0
    for match in [*_SENTENCE_BREAK.finditer(text), None]:
        end = len(text) if match is None else match.start() if match.group() == "\n" else match.end()
        piece = text[start:end]
        if piece.strip():
            spans.append((start + len(piece) - len(piece.lstrip()), start + len(piece.rstrip())))
        start = len(text) if match is None else match.end()
    return spans


def joking(text: str, languages: Iterable[str]) -> bool:
    """Whether ``text`` laughs or jokes ("lol", "jaja", 😂, "this meeting is killing me") in any of ``languages``."""
    return any(pattern.search(text) for code in languages for pattern in _joking(code))


@functools.cache
def _joking(code: str) -> tuple[re.Pattern[str], ...]:
    data = language_data(code)
    symbols = [re.compile("|".join(map(re.escape, data.joking_symbols)))] if data.joking_symbols else []
    return (*(compile_source(source) for source in data.joking), *symbols)


class Span(Protocol):
    """Anything with a ``start`` and an ``end`` in a text (a :class:`Hit`, a reply check's ``PatternMatch``)."""

    @property
    def start(self) -> int: ...

    @property
    def end(self) -> int: ...


SpanT = TypeVar("SpanT", bound=Span)


def longest(candidates: Iterable[SpanT]) -> list[SpanT]:
    """The longest non-overlapping candidates (the earlier of two equally long), in text order."""
    chosen: list[SpanT] = []  # in text order, never overlapping: a candidate is checked against its neighbours only
    starts: list[int] = []
    for candidate in sorted(candidates, key=lambda h: (-(h.end - h.start), h.start)):
        at = bisect.bisect_left(starts, candidate.start)
        if (at == 0 or chosen[at - 1].end <= candidate.start) and (at == len(chosen) or candidate.end <= starts[at]):
            chosen.insert(at, candidate)
            starts.insert(at, candidate.start)
    return chosen


class RuleBook:
    """Rule groups in one or more languages, read from ``folder`` and compiled once per language on first use.

    ``properties`` holds one entry per group; a group in a file without an entry is an error.
    """

    def __init__(self, folder: Path | Traversable, properties: Mapping[str, GroupProperties]) -> None:
        self.folder = folder
        self.properties = dict(properties)
        self.languages: tuple[str, ...] = tuple(
            sorted(p.name[: -len(".json")] for p in folder.iterdir() if p.name.endswith(".json"))
        )
        self._data: dict[str, dict[str, Any]] = {}
        self._compiled: dict[str, dict[str, tuple[re.Pattern[str], ...]]] = {}

    def data(self, language: str) -> dict[str, Any]:
        """The file of one language as written: ``{"fragments": {...}, "groups": {...}}``."""
        if language not in self._data:
            if language not in self.languages:
                raise RuleError(f"no rules for language {language!r} in {self.folder} (known: {self.languages})")
            path = self.folder.joinpath(f"{language}.json")
            data = json.loads(path.read_text(encoding="utf-8"))
            unknown = sorted(set(data.get("groups", {})) - set(self.properties))
            if unknown:
                raise RuleError(f"{path}: groups without properties: {', '.join(unknown)}")
            self._data[language] = data
        return self._data[language]

    def sources(self, group: str, language: str) -> tuple[str, ...]:
        """The sources of one group in one language as written (fragments not expanded)."""
        return tuple(self.data(language).get("groups", {}).get(group, ()))

    def compiled(self, language: str) -> dict[str, tuple[re.Pattern[str], ...]]:
        """Every group of one language, compiled (once)."""
        if language not in self._compiled:
            data = self.data(language)
            self._context(language)  # the negation and reporting data must exist too
            fragments = data.get("fragments", {})
            compiled: dict[str, tuple[re.Pattern[str], ...]] = {}
            for group, sources in data.get("groups", {}).items():
                try:
                    compiled[group] = tuple(compile_source(source, fragments) for source in sources)
                except (RuleError, re.error) as error:
                    raise RuleError(f"{self.folder}/{language}.json, group {group!r}: {error}") from error
            self._compiled[language] = compiled
        return self._compiled[language]

    def _context(self, language: str) -> Language:
        # The words that negate or report a match, before it: by default its own language's.
        codes = self.data(language).get("context_languages", [language])
        return merged_language_data(tuple(codes))

    def find(self, text: str, group: str, languages: Sequence[str]) -> list[Hit]:
        """Non-overlapping longest matches of one group in text order, with negation and reporting applied as
        the group's properties say."""
        if group not in self.properties:
            raise RuleError(f"unknown rule group {group!r} (known: {', '.join(self.properties)})")
        properties = self.properties[group]
        quotes = quoted_spans(text) if properties.reportable else []  # in text order, never overlapping
        quote_starts = [s for s, _ in quotes]
        candidates: list[Hit] = []
        for code in languages:
            context = self._context(code)
            post = language_data(code)
            for pattern in self.compiled(code).get(group, ()):
                for match in pattern.finditer(text):
                    start, end = match.span("e") if "e" in pattern.groupindex and match.group("e") else match.span()
                    if start == end:
                        continue
                    if properties.negatable and _negated(text, start, end, context, post):
                        continue
                    if properties.reportable:
                        last = bisect.bisect_right(quote_starts, start) - 1  # the one quote that could hold it
                        if (last >= 0 and end <= quotes[last][1]) or _reported(text, start, context):
                            continue
                    candidates.append(Hit(group, code, start, end, text[start:end]))
        return longest(candidates)
