"""The rule engine on small rule books written for these tests."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from affectkit.rules import GroupProperties, Hit, RuleBook, clause_start, negated, quoted_spans, sentence_spans
from affectkit.rules.engine import RuleError, compile_source, expand, joking, language_codes, language_data

PROPERTIES = {
    "love": GroupProperties(negatable=True, reportable=True),
    "plain": GroupProperties(),
    "sorry": GroupProperties(),
}


def _book(tmp_path: Path, **languages: dict) -> RuleBook:
    for code, data in languages.items():
        (tmp_path / f"{code}.json").write_text(json.dumps(data), encoding="utf-8")
    return RuleBook(tmp_path, PROPERTIES)


@pytest.fixture
def book(tmp_path: Path) -> RuleBook:
    return _book(
        tmp_path,
        en={
            "fragments": {"ME": "(?:I|me)", "LOVE": "(?:love|adore)"},
            "groups": {
                "love": [r"{ME}\s+{LOVE}\s+you"],
                "plain": [r"{ME}\s+{LOVE}\s+you"],
                "sorry": ["sorry", r"so\s+sorry", r"I'm\s+so\s+sorry", r"(?:^|[.!?]\s*)(?P<e>sorry)"],
            },
        },
        de={"fragments": {}, "groups": {"love": [r"ich\s+vermisse\s+dich", r"ich\s+liebe\s+dich"]}},
        es={"fragments": {}, "groups": {"love": [r"te\s+quiero"]}},
    )


def test_languages_and_hits(book: RuleBook) -> None:
    assert book.languages == ("de", "en", "es")
    assert book.find("Honestly, I love you.", "love", ["en"]) == [Hit("love", "en", 10, 20, "I love you")]
    assert book.find("I love you", "love", ["de", "es"]) == []
    assert book.find("te quiero", "love", ["es"])[0].language == "es"


def test_negation_before_in_the_clause(book: RuleBook) -> None:
    assert book.find("I would never say I love you.", "love", ["en"]) == []
    assert book.find("I don't think I adore you.", "love", ["en"]) == []
    assert book.find("No te quiero.", "love", ["es"]) == []
    # A clause break ends the negation's reach; a non-negatable group keeps the match.
    assert [h.evidence for h in book.find("I'm not sure, but I love you.", "love", ["en"])] == ["I love you"]
    assert [h.evidence for h in book.find("I never said I love you.", "plain", ["en"])] == ["I love you"]
    # The negation window is five words.
    assert book.find("Never in all these long years did I love you.", "love", ["en"])


def test_negation_exceptions_and_words_of_another_language(book: RuleBook) -> None:
    assert negated("no wonder you're upset", 10, 22, "en") is False
    assert negated("I can't stop thinking about it", 14, 22, "en") is False
    assert negated("no dejo de pensar en ti", 3, 23, "es") is False
    # Negators are per language: German "nicht" does not negate an English match.
    assert negated("nicht I love you", 6, 16, "de") is True
    assert negated("nicht I love you", 6, 16, "en") is False


def test_post_negation_in_german(book: RuleBook) -> None:
    assert book.find("Ich vermisse dich nicht.", "love", ["de"]) == []
    assert book.find("Ich vermisse dich wirklich nicht.", "love", ["de"]) == []
    assert book.find("ich liebe dich auch nie", "love", ["de"]) == []
    # Over a word that is no skip word, or past a clause break, "nicht" negates nothing.
    assert book.find("Ich vermisse dich heute nicht", "love", ["de"])
    assert book.find("Ich vermisse dich, nicht wahr?", "love", ["de"])
    # English has no post-negators.
    assert negated("I love you not", 0, 10, "en") is False


def test_quotes_and_reported_speech(book: RuleBook) -> None:
    assert quoted_spans('she said "I love you" and «hola» and “x”') == [(9, 21), (26, 32), (37, 40)]
    assert quoted_spans("it's 'single' quotes") == []
    assert book.find('The card said "I love you" on it.', "love", ["en"]) == []
    assert book.find("People might say I love you.", "love", ["en"]) == []
    assert book.find("Some people tell me: I love you.", "love", ["en"]) != []  # the colon ends the clause
    assert book.find('He wrote "I love you".', "plain", ["en"]) != []  # not reportable


def test_longest_non_overlapping_match_in_text_order(book: RuleBook) -> None:
    hits = book.find("I'm so sorry. Sorry again, so sorry", "sorry", ["en"])
    assert [(h.evidence, h.start) for h in hits] == [("I'm so sorry", 0), ("Sorry", 14), ("so sorry", 27)]
    # The evidence group "e" narrows an anchored match to the word itself.
    assert [h.evidence for h in book.find("Ok. sorry", "sorry", ["en"])] == ["sorry"]


def test_fragments_expand_recursively_and_sources_are_bounded() -> None:
    assert expand("{A}+", {"A": "x{B}", "B": "y"}) == "xy+"
    assert expand(r"a{2,}", {}) == r"a{2,}"  # quantifiers are no placeholders
    assert compile_source("cat").search("concatenate") is None
    assert compile_source("don't").search("I don’t")
    assert compile_source(", so").search("fine, so")


def test_missing_fragment_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(RuleError, match=r"unknown fragment \{NOPE\}.*known: ME"):
        expand("{NOPE} there", {"ME": "me"})
    book = _book(tmp_path, en={"fragments": {"ME": "me"}, "groups": {"plain": ["{NOPE} there"]}})
    with pytest.raises(RuleError, match=r"en\.json, group 'plain': unknown fragment \{NOPE\}"):
        book.find("me there", "plain", ["en"])
    with pytest.raises(RuleError, match="uses itself"):
        expand("{A}", {"A": "{B}", "B": "{A}"})


def test_groups_must_have_properties_and_languages_must_exist(tmp_path: Path) -> None:
    book = _book(tmp_path, en={"fragments": {}, "groups": {"mystery": ["x"]}})
    with pytest.raises(RuleError, match="groups without properties: mystery"):
        book.find("x", "plain", ["en"])
    with pytest.raises(RuleError, match="unknown rule group 'nothing'"):
        book.find("x", "nothing", ["en"])
    with pytest.raises(RuleError, match="no rules for language 'fr'"):
        book.find("x", "plain", ["fr"])


def test_clause_start() -> None:
    text = "I was sad, but now I'm fine"
    assert text[clause_start(text, len(text)) :] == " now I'm fine"
    assert clause_start("Ich weiß, dass du traurig bist", 25) == 0  # a comma before "dass" does not break
    assert clause_start("Vale. Pero no quiero", 20) == 10


def test_sentence_spans() -> None:
    text = 'She said "stop!" Then left.\n\nOk… fine 3.5 times?  Yes'
    spans = sentence_spans(text)
    assert [text[s:e] for s, e in spans] == ['She said "stop!"', "Then left.", "Ok…", "fine 3.5 times?", "Yes"]
    assert sentence_spans("   ") == []


def test_language_data_and_joking() -> None:
    assert set(language_codes()) >= {"en", "es", "de", "fr", "pt", "it"}
    keys = {code: set(vars(language_data(code))) for code in language_codes()}
    assert all(k == keys["en"] for k in keys.values())
    for code in ("fr", "pt", "it"):
        data = language_data(code)
        assert data.negators and data.saying and data.clause_breaks
    assert joking("this meeting is killing me lol", ["en"])
    assert joking("jajaja", ["es"]) and not joking("jajaja", ["de"])
    assert joking("great😂", ["de"])
    assert not joking("I feel awful", ["en", "es", "de"])
    with pytest.raises(RuleError, match="no language data for 'xx'"):
        language_data("xx")


def test_context_languages_widen_the_words_before_a_match(tmp_path: Path) -> None:
    groups = {"love": [r"I\s+love\s+you"]}
    (tmp_path / "own").mkdir()
    (tmp_path / "mixed").mkdir()
    own = _book(tmp_path / "own", en={"groups": groups})
    mixed = _book(tmp_path / "mixed", en={"context_languages": ["en", "de"], "groups": groups})
    assert own.find("nicht I love you", "love", ["en"])
    assert mixed.find("nicht I love you", "love", ["en"]) == []
    assert mixed.find("Leute sagen I love you", "love", ["en"]) == []  # reported, in German words
    # Post-negators stay the match's own language's.
    assert mixed.find("I love you nicht", "love", ["en"])
