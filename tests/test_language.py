"""Language identification and routing texts to the model of their language (issue 17)."""

from __future__ import annotations

import pytest

import affectkit
from affectkit.cli import main
from affectkit.errors import AffectkitError
from affectkit.language import (
    LANGUAGES,
    conversation_language,
    detect_language,
    language_in_conversation,
    language_scores,
)
from affectkit.recognizers import DEFAULT
from affectkit.recognizers.router import check_language, route


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("lol ok", "en"),
        ("SO MUCH.", "en"),
        ("Whammer!", "en"),
        ("Ich habe heute wirklich keine Lust mehr auf diesen ganzen Stress.", "de"),
        ("Estoy harta de que nadie me escuche en esta casa.", "es"),
        ("Fiquei muito feliz com a notícia, obrigado!", "pt"),
        ("Я так устала от всего этого.", "ru"),
        ("Я дуже радію, що ти приїхала!", "uk"),
        ("Мин бүген бик шат, рәхмәт сиңа!", "tt"),
        ("我今天真的很开心！", "zh"),
        ("मुझे बहुत गुस्सा आ रहा है।", "hi"),
        ("Jag är så glad att du kom!", "sv"),
        ("Sunt foarte trist astăzi.", "ro"),
        ("12:30 !!", "und"),
    ],
)
def test_short_chat_messages_are_named_correctly(text: str, code: str) -> None:
    assert detect_language(text) == code


def test_a_turn_keeps_its_conversations_language_unless_clearly_another() -> None:
    # short turns say little about their language: alone, these come out as Italian and French
    assert detect_language("Hello ?") == "it" and detect_language("Waiter !") == "fr"
    english = ["I booked a table for two at eight.", "Lovely, I'll be there."]
    assert language_in_conversation("Hello ?", english) == "en"
    assert language_in_conversation("Waiter !", english) == "en"
    # a clear turn in another language keeps its own; so does Tatar, recognised by its letters
    assert language_in_conversation("Estoy muy triste, mi perro murió ayer.", english) == "es"
    assert language_in_conversation("Мин бүген бик шат, рәхмәт сиңа!", ["Я так устала от всего этого."]) == "tt"
    # the conversation's language helps another language as much: "ok" alone is English
    spanish = ["¿Vienes a cenar esta noche?", "Sí, llego a las nueve."]
    assert detect_language("ok") == "en" and language_in_conversation("ok", spanish) == "es"
    assert language_in_conversation("Hello ?", []) == "it"  # no conversation yet: the text alone


def test_a_very_short_ascii_turn_needs_more_to_leave_its_conversation() -> None:
    english = ["I booked a table for two at eight.", "Lovely, I'll be there."]
    # alone "Bye-bye ." is Kinyarwanda, over ten times as probable as English; ten letters or fewer need a hundred
    scores = dict(language_scores("Bye-bye ."))
    assert max(scores, key=scores.__getitem__) == "rw" and scores["rw"] > 10 * scores["en"]
    assert language_in_conversation("Bye-bye .", english) == "en"
    # another script is evidence enough, however short; so is a longer turn
    assert language_in_conversation("谢谢", english) == "zh"
    assert language_in_conversation("Спасибо", english) == "ru"
    assert language_in_conversation("Gracias por todo, de verdad.", english) == "es"


def test_a_conversations_language_is_its_most_frequent() -> None:
    assert conversation_language([]) is None and conversation_language(["12:30", "!!"]) is None
    turns = ["Where is my order?", "¿Dónde está mi pedido?", "It left yesterday.", "12:30"]
    assert conversation_language(turns) == "en"
    assert conversation_language(turns[:2]) == "es"  # as frequent: the latest
    # only the last turns count
    italian_then_english = ["Ciao, come stai? Tutto bene?"] * 20 + ["I'm fine, thanks."] * 8
    assert language_in_conversation("Hello ?", italian_then_english) == "en"


def test_scores_are_a_distribution_over_the_listed_languages() -> None:
    scores = language_scores("Das ist ja wunderbar")
    assert {code for code, _ in scores} <= set(LANGUAGES)
    assert sum(p for _, p in scores) == pytest.approx(1.0)
    assert [p for _, p in scores] == sorted((p for _, p in scores), reverse=True)


def test_language_codes_are_checked() -> None:
    assert check_language("PT_br") == "pt"
    assert [check_language(code) for code in ("eng", "deu", "ger", "zho", "xyz")] == ["en", "de", "de", "zh", "xyz"]
    # BCP 47 tags: a script, a region (two letters or three digits), a variant after the code
    tags = ("es-419", "zh-Hant-TW", "sr-Latn", "de-CH-1996")
    assert [check_language(tag) for tag in tags] == ["es", "zh", "sr", "de"]
    for bad in ("Portuguese!", "en-!!", "pt-", "en--us", "de-toolongsubtag", "en US"):
        with pytest.raises(AffectkitError) as error:
            check_language(bad)
        assert error.value.code == "AK-E040", bad


def test_english_goes_to_the_english_model() -> None:
    assert route("en") == DEFAULT
    assert route("xx") == DEFAULT  # no model of its own: the English model, with AK-W031


def test_a_language_no_model_reads_says_so() -> None:
    analysis = affectkit.analyze_one("Mi estas tre feliĉa hodiaŭ!", language="eo")
    assert analysis.model == DEFAULT and analysis.language == "eo"
    assert [w.code for w in analysis.warnings][0] == "AK-W031"
    assert "no model of affectkit reads language 'eo'" in analysis.warnings[0].message
    assert "AK-W003" not in [w.code for w in analysis.warnings]
    german = affectkit.analyze_one("Die Sonne scheint", language="de")
    assert "AK-W031" not in [w.code for w in german.warnings]


def test_mixed_batch_keeps_order_and_says_who_read_each_text() -> None:
    texts = ["Thank you so much, you saved my day!", "Mein Hund ist gestern gestorben.", "", "I am so angry."]
    analyses = affectkit.analyze(texts)
    assert [a.text for a in analyses] == texts
    assert [a.language for a in analyses] == ["en", "de", "und", "en"]
    assert analyses[0].model == analyses[3].model == DEFAULT
    assert analyses[1].model == route("de")
    assert [w.code for w in analyses[2].warnings] == ["AK-W001"]
    # Read alone, a text reads the same as in the mixed batch.
    assert affectkit.analyze_one(texts[1]) == analyses[1]


def test_language_override_decides_the_route_and_the_warning() -> None:
    text = "Die Sonne scheint"
    as_english = affectkit.analyze_one(text, language="en")
    assert as_english.language == "en" and as_english.model == DEFAULT
    assert "AK-W003" not in [w.code for w in as_english.warnings]
    with pytest.raises(AffectkitError):
        affectkit.analyze([text], language="not a code")


def test_cli_language_flag(capsys: pytest.CaptureFixture[str]) -> None:
    import json

    assert main(["analyze", "--format", "jsonl", "--language", "en", "Die Sonne scheint"]) == 0
    row = json.loads(capsys.readouterr().out.splitlines()[0])
    assert row["language"] == "en" and row["model"] == DEFAULT
    assert main(["analyze", "--format", "jsonl", "--language", "??", "x"]) == 2
    assert "AK-E040" in capsys.readouterr().err


def test_a_conversations_language_refuses_bad_input_with_a_code() -> None:
    for earlier in (None, "one string", [1, 2]):
        with pytest.raises(AffectkitError) as error:
            language_in_conversation("ok", earlier)  # type: ignore[arg-type]
        assert error.value.code == "AK-E005"
    with pytest.raises(AffectkitError) as error:
        detect_language("Hello ?", 5)  # type: ignore[arg-type]
    assert error.value.code == "AK-E040"
    assert language_in_conversation("Hello ?", ("Table for two, please.",)) == "en"  # any sequence of texts
