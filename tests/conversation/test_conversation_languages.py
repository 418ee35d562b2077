"""Conversations, plans and the command line in other languages than English (issue 17): each turn is read by the
text model of its language, as affectkit.analyze reads it, and says so."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import affectkit
from affectkit.cli import main
from affectkit.conversation import ConversationTracker, TextTurnModel, analyze_conversation
from affectkit.errors import AffectkitError
from affectkit.recognizers import DEFAULT, MULTILINGUAL

MIXED = [
    {"speaker": "Ana", "text": "Estoy muy triste, mi perro murió ayer."},
    {"speaker": "Bo", "text": "Oh no, I am so sorry to hear that."},
    {"speaker": "Ana", "text": "Gracias, eres muy amable conmigo."},
    {"speaker": "Bo", "text": "Of course. Do you want to talk about him?"},
]


def codes(turn: object) -> list[str]:
    return [w.code for w in turn.warnings]  # type: ignore[attr-defined]


def test_each_turn_is_read_by_the_model_of_its_language() -> None:
    analysis = analyze_conversation({"id": "mixed", "utterances": MIXED})
    assert [t.language for t in analysis.turns] == ["es", "en", "es", "en"]
    spanish, english = analysis.turns[0], analysis.turns[1]
    assert spanish.model == MULTILINGUAL and english.model == analysis.model
    assert "AK-W032" in codes(spanish) and "AK-W032" not in codes(english)
    # read alone: the multilingual reading as a distribution, its decision kept, no causes
    alone = affectkit.analyze_one(MIXED[0]["text"])
    assert alone.model == MULTILINGUAL
    assert sum(spanish.ekman.values()) == pytest.approx(1.0, abs=1e-3)
    assert spanish.emotion == alone.labels[0] == "sadness"
    assert spanish.emotions == alone.emotions and spanish.vad == alone.vad
    assert spanish.causes == []
    assert english.causes  # the English turns keep the trained cause model


def test_each_turn_carries_its_text_reading_as_analyze_gives_it() -> None:
    """Labels, intensities and the Ekman distribution of the text alone travel with the turn (beside the reading in
    context), so that the planner and the service need not read the text again; the JSON has them too."""
    analysis = analyze_conversation({"id": "mixed", "utterances": MIXED})
    for turn in analysis.turns:
        alone = affectkit.analyze_one(turn.text)
        assert (turn.labels, turn.intensity, turn.ekman_alone) == (alone.labels, alone.intensity, alone.ekman)
        assert turn.emotions == alone.emotions and turn.vad == alone.vad
    english = analysis.turns[1]
    assert english.ekman != english.ekman_alone  # in context against alone
    assert {"labels", "intensity", "ekman_alone"} <= set(english.model_dump(mode="json"))


def test_live_tracking_equals_the_batch_analysis() -> None:
    tracker = ConversationTracker(conversation_id="mixed")
    for utterance in MIXED:
        tracker.add(utterance)
    assert tracker.result() == analyze_conversation({"id": "mixed", "utterances": MIXED})


def test_the_neutral_prior_moves_only_the_turns_read_in_context() -> None:
    moved = analyze_conversation({"id": "c", "utterances": MIXED}, neutral_bias=-1.0)
    kept = analyze_conversation({"id": "c", "utterances": MIXED}, neutral_bias=0.0)
    assert moved.turns[0].ekman == kept.turns[0].ekman
    assert moved.turns[1].ekman != kept.turns[1].ekman


BOOKING = [
    {"speaker": "guest", "text": "I'd like a table for two tonight, please."},
    {"speaker": "host", "text": "Certainly, what time would suit you?"},
    {"speaker": "guest", "text": "Hello ?"},  # alone: Italian
    {"speaker": "host", "text": "Sorry, I'm still here. Seven o'clock?"},
    {"speaker": "guest", "text": "Estoy muy triste, mi perro murió ayer."},
]


def test_a_short_turn_is_read_in_its_conversations_language() -> None:
    """"Hello ?" alone is Italian: in an English conversation it is read by the English model in its context, with
    its causes; a clearly Spanish turn is still read by the multilingual model."""
    assert affectkit.analyze_one("Hello ?").model == MULTILINGUAL
    analysis = analyze_conversation({"id": "booking", "utterances": BOOKING})
    assert [t.language for t in analysis.turns] == ["en", "en", "en", "en", "es"]
    hello = analysis.turns[2]
    assert hello.model == analysis.model and "AK-W032" not in codes(hello)
    assert hello.labels == affectkit.analyze_one("Hello ?", language="en").labels
    assert analysis.turns[4].model == MULTILINGUAL
    tracker = ConversationTracker(conversation_id="booking")
    for utterance in BOOKING:
        tracker.add(utterance)
    assert tracker.result() == analysis
    alone = analyze_conversation({"id": "booking", "utterances": BOOKING}, turn_model=TextTurnModel())
    assert [t.model for t in alone.turns] == [DEFAULT] * 4 + [MULTILINGUAL]


def test_a_language_given_routes_every_turn() -> None:
    english = analyze_conversation({"id": "c", "utterances": MIXED}, language="en")
    assert [t.language for t in english.turns] == ["en"] * 4
    assert all(t.model == english.model for t in english.turns)
    spanish = analyze_conversation({"id": "c", "utterances": MIXED}, language="es")
    assert {t.model for t in spanish.turns} == {MULTILINGUAL}
    unread = analyze_conversation({"id": "c", "utterances": MIXED[:1]}, language="xx")
    assert unread.turns[0].model == unread.model and codes(unread.turns[0])[0] == "AK-W031"
    with pytest.raises(AffectkitError) as error:
        analyze_conversation({"id": "c", "utterances": MIXED}, language="Spanish!")
    assert error.value.code == "AK-E040"


def test_turns_read_alone_route_too() -> None:
    analysis = analyze_conversation({"id": "c", "utterances": MIXED}, turn_model=TextTurnModel())
    assert [t.model for t in analysis.turns] == [MULTILINGUAL, DEFAULT, MULTILINGUAL, DEFAULT]
    assert analysis.model == "per-utterance:auto@1"


def test_a_plan_reads_the_user_in_their_language() -> None:
    plan = affectkit.plan({"utterances": [
        {"speaker": "user", "text": "Estoy muy triste, mi perro murió ayer y no puedo dejar de llorar."}]})
    assert plan.user is not None and plan.user.emotion == "sadness" and plan.user.primary == ["sadness"]
    assert set(plan.user.top) <= {"anger", "disgust", "fear", "joy", "sadness", "surprise"}
    assert "AK-W033" in [w.code for w in plan.warnings]
    english = affectkit.plan({"utterances": [{"speaker": "user", "text": "I finally passed my exam!"}]})
    assert "AK-W033" not in [w.code for w in english.warnings]


def test_cli_language_of_a_conversation(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "c.json"
    path.write_text(json.dumps({"id": "c", "utterances": MIXED}), encoding="utf-8")
    assert main(["conversation", str(path), "--format", "json", "--language", "es"]) == 0
    turns = json.loads(capsys.readouterr().out)["turns"]
    assert [(t["language"], t["model"]) for t in turns] == [("es", MULTILINGUAL)] * 4
    assert main(["conversation", str(path), "--format", "json", "--language", "xx"]) == 0
    captured = capsys.readouterr()
    assert "AK-W031" in captured.err and "no model of affectkit reads language 'xx'" in captured.err
    assert main(["analyze", "--format", "jsonl", "--language", "xx", "hola"]) == 0
    captured = capsys.readouterr()
    assert captured.err.count("AK-W031") == 1
    assert json.loads(captured.out)["warnings"][0]["code"] == "AK-W031"
