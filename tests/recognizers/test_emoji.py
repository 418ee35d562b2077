"""Emoji and emoticons read as the feelings they carry (affectkit.recognizers.emoji)."""

from __future__ import annotations

import json

import pytest

from affectkit.recognizers import available, get_recognizer
from affectkit.recognizers.emoji import TABLE, read_emoji, text_for_model
from affectkit.recognizers.encoder import EncoderRecognizer


def test_the_table_is_well_formed() -> None:
    data = json.loads(TABLE.read_text(encoding="utf-8"))
    assert len(data["emoji"]) >= 100 and len(data["emoticons"]) >= 40
    for key, phrase in {**data["emoji"], **data["emoticons"]}.items():
        assert key.strip() == key and key and phrase.strip() == phrase and phrase
        assert not any(ch.isalpha() for ch in phrase if not ch.isascii())  # English words only
    assert all(len(key) == 1 for key in data["emoji"])  # one code point: modifiers are stripped when read


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("😭😭😭", "crying so sad"),  # a run is read once
        ("🤦🏽‍♀️", "facepalm, annoyed"),  # skin tone, joiner, gender sign and variation selector dropped
        ("❤️", "love"),
        ("❤", "love"),
        (":) :)", "smiling smiling"),
        ("T_T", "crying so sad"),
    ],
)
def test_read_emoji(text: str, expected: str) -> None:
    assert read_emoji(text)[0] == expected


def test_emoticons_only_as_whole_words_and_plain_text_untouched() -> None:
    assert read_emoji("see http://example.com/a:/b") == ("see http://example.com/a:/b", 0)
    assert read_emoji("Version 2:3 (beta)") == ("Version 2:3 (beta)", 0)
    text = "  odd   spacing stays\tas it is "
    assert read_emoji(text) == (text, 0) and text_for_model(text) == text


def test_only_texts_without_words_are_read_as_emoji() -> None:
    assert text_for_model("😂😂") == "haha so funny"
    assert text_for_model("xD") == "haha lol"  # the letters of an emoticon are no words
    assert text_for_model("so funny 😂") == "so funny 😂"
    assert text_for_model("!!! 123") == "!!! 123"


@pytest.mark.parametrize(
    ("text", "ekman"),
    [
        ("😭😭😭", "sadness"),
        ("😂😂", "joy"),
        ("😡😡", "anger"),
        ("😱", "fear"),
        ("🤢", "disgust"),
        ("😮", "surprise"),
        (":(", "sadness"),
        ("<3", "joy"),
    ],
)
def test_emoji_only_messages_read_as_their_feeling(text: str, ekman: str) -> None:
    analysis = EncoderRecognizer().analyze_one(text)
    assert analysis.ekman_labels[0] == ekman
    assert "neutral" not in analysis.labels
    assert not analysis.warnings  # no AK-W002: the message was read
    assert analysis.text == text


def test_valence_follows_the_emoji() -> None:
    sad, happy = EncoderRecognizer().analyze(["😭😭😭", "🥰🥰"])
    assert sad.vad is not None and happy.vad is not None
    assert sad.vad.valence < -0.2 < 0.2 < happy.vad.valence
    assert "sadness" in sad.labels and "love" in happy.labels


@pytest.mark.parametrize("name", available())
def test_every_recognizer_reads_an_emoji_only_message_without_warning(name: str) -> None:
    recognizer = get_recognizer(name)
    analysis = recognizer.analyze_one("😭😭😭")
    assert "AK-W002" not in {w.code for w in analysis.warnings}
    assert analysis.ekman["sadness"] > analysis.ekman["joy"]


def test_emoji_reading_is_the_same_alone_and_in_a_batch() -> None:
    recognizer = EncoderRecognizer()
    alone = recognizer.analyze_one("😭😭😭")
    beside = recognizer.analyze(["I got the job!", "😭😭😭", "ok"])[1]
    assert (alone.emotions, alone.labels, alone.vad) == (beside.emotions, beside.labels, beside.vad)
