"""The neutral prior of the in-context turn emotion (``neutral_bias``): the knob, its default and its paths."""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path

import numpy as np
import pytest

from affectkit import cli
from affectkit.conversation import ConversationTracker, analyze_conversation
from affectkit.conversation.turns import (
    DEFAULT_NEUTRAL_BIAS,
    EKMAN_LABELS,
    IncrementalTurnModel,
    TurnPrediction,
    shift_neutral,
    with_neutral_bias,
)
from affectkit.types import VAD, Utterance

FLIGHT = "My flight got cancelled and I'm going to miss my sister's wedding."
CHAT = {"id": "c1", "utterances": [
    {"speaker": "user", "text": FLIGHT},
    {"speaker": "assistant", "text": "Oh no, that's awful timing."},
    {"speaker": "user", "text": "I've been on hold with the airline for two hours. I'm furious."},
]}


def test_shift_neutral_is_a_prior_shift() -> None:
    rows = np.array([[0.1, 0.0, 0.0, 0.2, 0.1, 0.0, 0.6], [0.0, 0.0, 0.0, 0.0, 0.3, 0.0, 0.7]])
    assert np.array_equal(shift_neutral(rows, 0.0), rows)
    shifted = shift_neutral(rows, -1.0)
    assert np.allclose(shifted.sum(axis=1), 1.0)
    # The odds of every emotion against neutral grow by e; between emotions they stay as they were.
    assert np.allclose(shifted[:, 3] / shifted[:, 6], np.e * rows[:, 3] / rows[:, 6])
    assert np.allclose(shifted[0, 3] / shifted[0, 0], rows[0, 3] / rows[0, 0])
    assert [EKMAN_LABELS[i] for i in shifted.argmax(axis=1)] == ["neutral", "sadness"]
    assert shift_neutral(rows, 1.0)[1].argmax() == 6
    multi_label = np.array([[0.0, 0.0, 0.0, 0.0, 0.9, 0.0, 0.4]])  # independent probabilities: only neutral moves
    assert np.allclose(shift_neutral(multi_label, -1.0), [[0.0, 0.0, 0.0, 0.0, 0.9, 0.0, 0.4 / np.e]])


def test_with_neutral_bias_on_a_prediction() -> None:
    prediction = TurnPrediction(ekman=dict(zip(EKMAN_LABELS, [0, 0, 0, 0, 0.3, 0, 0.7], strict=True)), emotions={},
                                vad=VAD(valence=0, arousal=0, dominance=0))
    assert with_neutral_bias(prediction, 0.0) is prediction
    assert prediction.emotion == "neutral" and with_neutral_bias(prediction, -1.0).emotion == "sadness"


def test_the_issue_example_reads_sadness_with_a_support_setting_and_neutral_as_trained() -> None:
    as_trained = analyze_conversation(CHAT, neutral_bias=0.0).turns[0]
    support = analyze_conversation(CHAT, neutral_bias=-1.0).turns[0]
    assert as_trained.emotion == "neutral"  # the DailyDialog prior: 83% of its turns are neutral
    assert support.emotion == "sadness"
    assert support.ekman["neutral"] < as_trained.ekman["neutral"]
    assert support.emotions == as_trained.emotions  # the text reading is untouched


def test_the_default_is_the_documented_shift_of_the_head() -> None:
    default = analyze_conversation(CHAT)
    as_trained = analyze_conversation(CHAT, neutral_bias=0.0)
    for turn, raw in zip(default.turns, as_trained.turns, strict=True):
        row = np.array([[raw.ekman[label] for label in EKMAN_LABELS]])
        expected = shift_neutral(row, DEFAULT_NEUTRAL_BIAS)[0]
        assert np.allclose([turn.ekman[label] for label in EKMAN_LABELS], expected, atol=2e-4)


def test_tracker_equals_batch_with_a_bias() -> None:
    tracker = ConversationTracker(conversation_id="c1", neutral_bias=-1.0)
    for utterance in CHAT["utterances"]:
        tracker.add(utterance)
    live = tracker.result()
    batch = analyze_conversation(CHAT, neutral_bias=-1.0)
    assert [(t.emotion, t.ekman, [c.turn for c in t.causes]) for t in live.turns] == [
        (t.emotion, t.ekman, [c.turn for c in t.causes]) for t in batch.turns]


class Scripted(IncrementalTurnModel):
    """Every turn 60% neutral, 40% sadness."""

    model_id = "scripted@1"

    def predict_last(self, history: Sequence[Utterance]) -> TurnPrediction:
        return TurnPrediction(ekman=dict(zip(EKMAN_LABELS, [0, 0, 0, 0, 0.4, 0, 0.6], strict=True)), emotions={},
                              vad=VAD(valence=-0.2, arousal=0, dominance=0))


def test_a_given_turn_model_is_left_as_it_is_unless_asked() -> None:
    assert {t.emotion for t in analyze_conversation(CHAT, turn_model=Scripted()).turns} == {"neutral"}
    shifted = analyze_conversation(CHAT, turn_model=Scripted(), neutral_bias=-1.0)
    assert {t.emotion for t in shifted.turns} == {"sadness"}


def test_cli_conversation_and_plan_take_the_knob(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "chat.json"
    path.write_text(json.dumps(CHAT), encoding="utf-8")
    assert cli.main(["conversation", str(path), "--format", "json", "--neutral-bias", "-1.0"]) == 0
    assert json.loads(capsys.readouterr().out)["turns"][0]["emotion"] == "sadness"
    assert cli.main(["conversation", str(path), "--format", "json", "--neutral-bias", "0"]) == 0
    assert json.loads(capsys.readouterr().out)["turns"][0]["emotion"] == "neutral"
    one_turn = tmp_path / "one.json"
    one_turn.write_text(json.dumps({"id": "c2", "utterances": [CHAT["utterances"][0]]}), encoding="utf-8")
    assert cli.main(["plan", str(one_turn), "--format", "json", "--neutral-bias", "-1.0"]) == 0
    assert json.loads(capsys.readouterr().out)["user"]["emotion"] == "sadness"
    assert cli.main(["plan", str(one_turn), "--format", "json", "--neutral-bias", "0"]) == 0
    assert json.loads(capsys.readouterr().out)["user"]["emotion"] == "neutral"


def test_the_top_level_function_takes_the_knob() -> None:
    import affectkit

    assert affectkit.analyze_conversation(CHAT, neutral_bias=-1.0).turns[0].emotion == "sadness"
    assert affectkit.plan(CHAT, neutral_bias=0.0).user is not None


@pytest.mark.parametrize("bias", [1e3, -1e3, float("inf"), float("nan"), "1", True])
def test_a_bias_past_the_range_or_not_a_number_is_a_coded_error(bias: object) -> None:
    from affectkit import plan
    from affectkit.errors import AffectkitError

    for call in (lambda: analyze_conversation(CHAT, neutral_bias=bias),  # type: ignore[arg-type]
                 lambda: ConversationTracker(neutral_bias=bias),  # type: ignore[arg-type]
                 lambda: plan(CHAT, neutral_bias=bias)):  # type: ignore[arg-type]
        with pytest.raises(AffectkitError) as error:
            call()
        assert (error.value.code, error.value.field) == ("AK-E005", "neutral_bias")


def test_the_ends_of_the_range_still_read(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert analyze_conversation(CHAT, neutral_bias=20).turns[0].emotion == "neutral"
    assert analyze_conversation(CHAT, neutral_bias=-20).turns[0].emotion == "sadness"
    path = tmp_path / "chat.json"
    path.write_text(json.dumps(CHAT), encoding="utf-8")
    assert cli.main(["conversation", str(path), "--neutral-bias", "nan"]) == 2
    assert "AK-E005" in capsys.readouterr().err
