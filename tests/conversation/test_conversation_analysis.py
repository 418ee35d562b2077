"""Conversation analysis: trajectory maths, arcs, contagion, causes, tracker == batch, speed, surfaces."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from collections.abc import Sequence
from pathlib import Path

import pytest

import affectkit
from affectkit import cli
from affectkit.conversation import (
    ConversationTracker,
    HeuristicCauseModel,
    IncrementalTurnModel,
    TextTurnModel,
    TurnModel,
    TurnPrediction,
    analyze_conversation,
    format_table,
    render_html,
)
from affectkit.conversation.causes import clauses, salience
from affectkit.conversation.trajectory import (
    ALPHA,
    SHIFT_THRESHOLD,
    ContagionTracker,
    SpeakerTrack,
    arc_of,
    classify_arc,
    contagion,
    smooth,
)
from affectkit.conversation.turns import EKMAN_LABELS, NEUTRAL_VAD
from affectkit.errors import AffectkitError
from affectkit.risk import RiskDetector, RiskReading
from affectkit.schemes import load_scheme
from affectkit.types import VAD, Cause, Conversation, Utterance

GOEMOTIONS = load_scheme("goemotions-28").labels

CHAT = Conversation(
    id="airline",
    utterances=[
        Utterance(speaker="Sam", text="My flight got cancelled and I'm going to miss my sister's wedding."),
        Utterance(speaker="Alex", text="Oh no, I'm so sorry. That's awful timing."),
        Utterance(speaker="Sam", text="I've been on hold with the airline for two hours. I'm furious."),
        Utterance(speaker="Alex", text="Want me to look for a train? There's one tonight that gets in by 10am."),
        Utterance(speaker="Sam", text="Honestly I can't take this anymore, I just want to end it all."),
        Utterance(speaker="Sam", text="Sorry. It's been a long week."),
        Utterance(speaker="Alex", text="Don't apologise. My friend said she wanted to die once, it got better."),
        Utterance(speaker="Jo", text="I found a seat on the 6pm train!"),
        Utterance(speaker="Sam", text="Wait, really? That would be amazing, thank you so much!"),
    ],
)


class ScriptedTurnModel(IncrementalTurnModel):
    """A plug-in turn model with fixed answers per text: shows the protocol is pluggable and lets the
    trajectory, shift and persistence logic be checked on known numbers."""

    def __init__(self, script: dict[str, tuple[str, float]]) -> None:
        self.script = script

    @property
    def model_id(self) -> str:
        return "scripted@1"

    def predict_last(self, history: Sequence[Utterance]) -> TurnPrediction:
        emotion, valence = self.script[history[-1].text]
        ekman = {label: 0.9 if label == emotion else 0.05 for label in EKMAN_LABELS}
        emotions = {label: 0.9 if label == emotion else 0.01 for label in GOEMOTIONS}
        return TurnPrediction(ekman=ekman, emotions=emotions, vad=VAD(valence=valence, arousal=0.0, dominance=0.0))


# --- trajectory maths ----------------------------------------------------------------------------------


def test_smoothing() -> None:
    assert ALPHA == 0.5
    assert smooth([]) == []
    assert smooth([0.4]) == [0.4]
    assert smooth([0.0, 1.0, 1.0, 1.0]) == [0.0, 0.5, 0.75, 0.875]
    assert smooth([1.0, 0.0, 0.0], alpha=0.25) == [1.0, 0.75, 0.5625]


def test_track_smooths_every_dimension_and_the_emotion() -> None:
    track = SpeakerTrack("Sam")
    track.add(0, VAD(valence=0.2, arousal=-0.3, dominance=0.6), {"joy": 0.9, "sadness": 0.1})
    point, shifts = track.add(2, VAD(valence=0.0, arousal=0.0, dominance=0.0), {"joy": 0.1, "sadness": 0.6})
    assert (point.turn, point.valence, point.arousal, point.dominance) == (2, 0.1, -0.15, 0.3)
    assert point.emotion == "joy"  # smoothed: joy 0.5 vs sadness 0.35
    assert shifts == []
    point, _ = track.add(4, VAD(valence=0.0, arousal=0.0, dominance=0.0), {"joy": 0.1, "sadness": 0.6})
    assert point.emotion == "sadness"  # joy 0.3 vs sadness 0.475


def test_shifts_threshold_dimension_and_trigger() -> None:
    track = SpeakerTrack("Sam")
    track.add(0, VAD(valence=0.5, arousal=0.0, dominance=0.0), {})
    # smoothed valence 0.5 -> 0.5 * 0.5 + 0.5 * 0.1 = 0.3: change 0.2 reaches the threshold; arousal 0 -> 0.1 does not
    _, shifts = track.add(3, VAD(valence=0.1, arousal=0.2, dominance=0.0), {}, trigger_turn=2)
    assert [(s.turn, s.trigger_turn, s.dimension, s.before, s.after) for s in shifts] == [(3, 2, "valence", 0.5, 0.3)]
    assert shifts[0].description == "smoothed valence fell from +0.50 to +0.30 after turn 2 (turn 3 itself +0.10)"
    # just under the threshold: no shift
    _, shifts = track.add(4, VAD(valence=-0.0998, arousal=0.2, dominance=0.0), {})
    assert shifts == []
    # arousal jump with no trigger (the speaker spoke twice in a row)
    _, shifts = track.add(5, VAD(valence=0.1, arousal=0.9, dominance=0.0), {})
    assert [(s.dimension, s.trigger_turn) for s in shifts] == [("arousal", None)]
    assert "arousal rose" in shifts[0].description
    assert SHIFT_THRESHOLD == 0.2
    assert [s.turn for s in track.summary().shifts] == [3, 5]


def test_the_demo_summary_names_the_same_turn_valence_as_its_table() -> None:
    # The speaker summary's shifts are smoothed; each also names the turn's own value, which the table shows.
    chat = {"id": "demo", "utterances": [{"speaker": s, "text": t} for s, t in cli.DEMO_CONVERSATION]}
    analysis = affectkit.analyze_conversation(chat)
    table = format_table(analysis)
    shifts = [s for summary in analysis.speakers.values() for s in summary.shifts]
    assert shifts
    for shift in shifts:
        turn = analysis.turns[shift.turn]
        own = getattr(turn.vad, shift.dimension)
        assert shift.description.startswith(f"smoothed {shift.dimension} ")
        assert shift.description.endswith(f"(turn {shift.turn} itself {own:+.2f})")
        assert f"turn {shift.turn}: {shift.description}" in table
        row = next(line for line in table.splitlines() if line.startswith(f"{shift.turn} "))
        assert f"{turn.vad.valence:+.2f}" in row.split()


@pytest.mark.parametrize(
    ("valences", "arc"),
    [
        ([0.1], "stable"),
        ([0.1, 0.15, 0.05, 0.1], "stable"),
        ([-0.6, -0.4, -0.1, 0.2], "improving"),
        ([0.3, 0.0, -0.3], "worsening"),
        ([0.6, -0.6], "worsening"),  # two turns are never volatile
        ([0.8, -0.6, -0.7, -0.8], "worsening"),  # one big drop, then a plateau: not volatile
        ([0.5, -0.5, 0.5, -0.5], "volatile"),
        ([0.0, 0.8, -0.4, 0.6, -0.2], "volatile"),
    ],
)
def test_arc(valences: list[float], arc: str) -> None:
    assert arc_of(valences) == arc


def test_classify_arc_boundaries() -> None:
    assert classify_arc(0.0, 0.2, turns=4, change_std=0.29) == "improving"
    assert classify_arc(0.0, 0.19, turns=4, change_std=0.0) == "stable"
    assert classify_arc(0.0, -0.2, turns=4, change_std=0.0) == "worsening"
    assert classify_arc(0.0, 0.5, turns=3, change_std=0.3) == "volatile"
    assert classify_arc(0.0, 0.5, turns=2, change_std=0.9) == "improving"


def test_dominant_emotions() -> None:
    track = SpeakerTrack("Sam")
    for turn, emotion in enumerate(["sadness", "anger", "sadness", "joy", "anger", "sadness", "fear"]):
        track.add(turn, NEUTRAL_VAD, {emotion: 1.0}, emotion)
    assert track.dominant_emotions() == ["sadness", "anger", "joy"]


# --- contagion -----------------------------------------------------------------------------------------

SOURCE = [0.5, -0.3, 0.8, 0.1, -0.6, 0.4, -0.1, 0.7, -0.5, 0.2, 0.0, -0.4]


def test_contagion_finds_the_known_lag_one() -> None:
    # alternating A, B; B's valence is half of A's from the turn before, plus a constant
    speakers = ["A", "B"] * len(SOURCE)
    valences: list[float] = []
    for value in SOURCE:
        valences += [value, 0.5 * value + 0.1]
    result = {(c.source, c.target): c for c in contagion(speakers, valences)}
    assert result[("A", "B")].lag == 1 and result[("A", "B")].correlation == 1.0
    assert result[("A", "B")].pairs == len(SOURCE)


def test_contagion_finds_the_known_lag_three() -> None:
    # alternating A, B; B at turn t copies A at turn t - 3 (negated), so A -> B has lag 3, r = -1
    speakers = ["A", "B"] * len(SOURCE)
    valences: list[float] = []
    for t, speaker in enumerate(speakers):
        if speaker == "A":
            valences.append(SOURCE[t // 2])
        else:
            valences.append(-valences[t - 3] if t >= 3 else 0.0)
    best = {(c.source, c.target): c for c in contagion(speakers, valences)}[("A", "B")]
    assert (best.lag, best.correlation) == (3, -1.0)
    assert best.pairs == len(SOURCE) - 1


def test_contagion_needs_four_pairs_and_variance() -> None:
    assert contagion(["A", "B"] * 3, [0.1, 0.2, 0.3, 0.4, 0.5, 0.6]) == []  # 3 pairs per lag at most
    assert contagion(["A", "B"] * 5, [0.3] * 10) == []  # no variance: no correlation
    assert contagion(["A"] * 10, [float(i) / 10 for i in range(10)]) == []  # one speaker


def test_contagion_tracker_is_incremental() -> None:
    tracker = ContagionTracker()
    speakers = ["A", "B", "B", "A", "C", "B"] * 3
    valences = [((i * 37) % 11 - 5) / 10 for i in range(len(speakers))]
    for speaker, valence in zip(speakers, valences, strict=True):
        tracker.add(speaker, valence)
    assert tracker.results() == contagion(speakers, valences)
    assert all(c.source != c.target and 1 <= c.lag <= 3 and c.pairs >= 4 for c in tracker.results())


# --- causes --------------------------------------------------------------------------------------------


def prediction(emotion: str) -> TurnPrediction:
    return TurnPrediction(
        ekman={label: 0.9 if label == emotion else 0.05 for label in EKMAN_LABELS}, emotions={}, vad=NEUTRAL_VAD
    )


def test_clauses_split_on_punctuation_but_and_because() -> None:
    text = "I was fine, but then the train was late; because of that I missed it!"
    assert [text[s:e] for s, e, _ in clauses(text)] == ["I was fine", "then the train was late", "of that I missed it"]
    assert [b for _, _, b in clauses(text)] == [False, False, True]


def test_heuristic_causes() -> None:
    utterances = [
        Utterance(speaker="Sam", text="My flight got cancelled."),
        Utterance(speaker="Alex", text="Oh no."),
        Utterance(speaker="Sam", text="I'm so upset, I'll miss the wedding."),
    ]
    predictions = [prediction("neutral"), prediction("neutral"), prediction("sadness")]
    model = HeuristicCauseModel()
    causes = model.predict(utterances, 2, predictions)
    # own turn: lexical min(1, (miss 1 + upset 0.5 + wedding, a joy word, 0.25) / 2) = 0.875
    #   -> 0.6 * 0.875 + 0.4 * 0.9 = 0.885
    # turn 0, two back: lexical (cancelled: sadness trigger 1 + anger trigger 0.25) / 2 = 0.625
    #   -> (0.6 * 0.625 + 0.4 * 0.05) / 3 = 0.13, under the 0.15 cut
    assert [(c.turn, c.span, c.score) for c in causes] == [(2, "I'll miss the wedding", 0.885)]
    assert utterances[2].text[causes[0].start : causes[0].end] == causes[0].span
    assert model.predict(utterances, 1, predictions) == []  # neutral turn: no causes
    predictions[0] = prediction("sadness")
    causes = model.predict(utterances, 2, predictions)
    assert [(c.turn, c.span) for c in causes] == [(2, "I'll miss the wedding"), (0, "My flight got cancelled")]
    assert causes[1].score == round((0.6 * 0.625 + 0.4 * 0.9) / 3, 4)


def test_salience_weights() -> None:
    assert salience("my dog died", "sadness") == 1.0
    assert salience("I'm sad", "sadness") == 0.5
    assert salience("I'm sad", "joy") == 0.25
    assert salience("the meeting is at 3", "joy") == 0.0


# --- analysis, tracker ---------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def chat_analysis() -> affectkit.types.ConversationAnalysis:
    return analyze_conversation(CHAT)


def test_analysis_contract(chat_analysis: affectkit.types.ConversationAnalysis) -> None:
    analysis = chat_analysis
    assert analysis.id == "airline"
    assert [t.index for t in analysis.turns] == list(range(len(CHAT.utterances)))
    assert [(t.speaker, t.text) for t in analysis.turns] == [(u.speaker, u.text) for u in CHAT.utterances]
    for turn in analysis.turns:
        assert set(turn.ekman) == set(EKMAN_LABELS) and set(turn.emotions) == set(GOEMOTIONS)
        assert turn.emotion == max(turn.ekman, key=lambda label: turn.ekman[label])
        for cause in turn.causes:
            assert 0 <= cause.turn <= turn.index and 0 <= cause.score <= 1
            assert analysis.turns[cause.turn].text[cause.start : cause.end] == cause.span
        if turn.emotion == "neutral":
            assert turn.causes == []
    assert list(analysis.speakers) == ["Sam", "Alex", "Jo"]
    assert analysis.speakers["Sam"].turns == [0, 2, 4, 5, 8]
    assert [p.turn for p in analysis.speakers["Sam"].trajectory] == [0, 2, 4, 5, 8]
    assert analysis.model == "conversation-minilm@1+goemotions-minilm@4"
    assert analysis.cause_model == "conversation-minilm@1:cause"
    assert "not a diagnosis" in analysis.notice
    kinds = [(f.turn, f.kind, f.severity) for f in analysis.flags if f.kind != "persistent_negative"]
    assert (4, "suicidal_ideation") in [(turn, kind) for turn, kind, _ in kinds]


def test_a_friends_past_crisis_is_not_flagged(chat_analysis: affectkit.types.ConversationAnalysis) -> None:
    # crisis-use@7 flagged turn 6 (a friend's past crisis, told as over); @8 reads it right
    assert all(f.turn == 4 for f in chat_analysis.flags if f.kind != "persistent_negative")


def test_the_agents_turns_are_not_read_for_crisis_language() -> None:
    # a supporter quoting what the user said is no disclosure; the user's own turn still is
    chat = {"id": "quote", "utterances": [
        {"speaker": "user", "text": "I want to kill myself."},
        {"speaker": "assistant", "text": "You said: I want to kill myself. I'm here with you."},
        {"speaker": "user", "text": "I want to kill myself."}]}
    crisis_turns = lambda analysis: {f.turn for f in analysis.flags if f.kind != "persistent_negative"}  # noqa: E731
    assert 1 in crisis_turns(analyze_conversation(chat))
    assert crisis_turns(analyze_conversation(chat, agent="assistant")) == {0, 2}
    tracker = ConversationTracker(agent="assistant")
    assert [bool(tracker.add(u).flags) for u in chat["utterances"]] == [True, False, True]
    assert crisis_turns(affectkit.analyze_conversation(chat, agent="assistant")) == {0, 2}  # the public entry too
    for bad in (5, ["assistant"], " "):
        with pytest.raises(AffectkitError) as error:
            analyze_conversation(chat, agent=bad)  # type: ignore[arg-type]
        assert (error.value.code, error.value.field) == ("AK-E005", "agent")


def test_the_cli_takes_the_agent(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "quote.txt"
    path.write_text("user: I want to kill myself.\nassistant: You said: I want to kill myself. I'm here with you.\n",
                    encoding="utf-8")
    assert cli.main(["conversation", str(path), "-f", "json", "--agent", "assistant"]) == 0
    flags = json.loads(capsys.readouterr().out)["flags"]
    assert {f["turn"] for f in flags if f["kind"] != "persistent_negative"} == {0}
    assert cli.main(["conversation", str(path), "--agent", " "]) == 2  # no name: AK-E005
    assert "AK-E005" in capsys.readouterr().err


def test_smoothed_trajectory_matches_turn_valences(chat_analysis: affectkit.types.ConversationAnalysis) -> None:
    sam = chat_analysis.speakers["Sam"]
    raw = [chat_analysis.turns[t].vad.valence for t in sam.turns]
    assert [p.valence for p in sam.trajectory] == pytest.approx(smooth(raw), abs=1e-4)
    assert sam.arc == arc_of(raw)


def test_tracker_equals_batch(chat_analysis: affectkit.types.ConversationAnalysis) -> None:
    tracker = ConversationTracker(conversation_id=CHAT.id)
    new_flags = []
    for i, utterance in enumerate(CHAT.utterances):
        update = tracker.add(utterance)
        assert update.turn == chat_analysis.turns[i]
        assert update.summary.turns[-1] == i and update.summary.speaker == utterance.speaker
        assert all(f.turn == i for f in update.flags)
        new_flags += update.flags
    assert tracker.result() == chat_analysis
    assert tracker.result().model_dump_json() == chat_analysis.model_dump_json()
    assert new_flags == chat_analysis.flags


def test_tracker_accepts_dicts_and_rejects_bad_ones() -> None:
    tracker = ConversationTracker()
    tracker.add({"speaker": "Sam", "text": "hello"})
    with pytest.raises(AffectkitError) as info:
        tracker.add({"speaker": "Sam"})
    assert (info.value.code, info.value.field) == ("AK-E003", "[1].text")
    assert len(tracker.result().turns) == 1

    class FailingCauseModel(HeuristicCauseModel):
        def predict(
            self, utterances: Sequence[Utterance], turn_index: int, predictions: Sequence[TurnPrediction]
        ) -> list[Cause]:
            raise RuntimeError("cause model down")

    tracker.cause_model_ = FailingCauseModel()
    with pytest.raises(RuntimeError):
        tracker.add({"speaker": "Alex", "text": "hi"})
    assert (len(tracker.utterances_), len(tracker.predictions_), len(tracker.result().turns)) == (1, 1, 1)

    class FailingRiskDetector(RiskDetector):  # it reads in another thread: its failure must still reach the caller
        def load(self) -> None:
            pass

        def read(self, texts: Sequence[str]) -> list[RiskReading]:
            raise RuntimeError("risk detector down")

    tracker.cause_model_ = HeuristicCauseModel()
    tracker.risk_detector_ = FailingRiskDetector()
    with pytest.raises(RuntimeError, match="risk detector down"):
        tracker.add({"speaker": "Alex", "text": "hi"})
    assert (len(tracker.utterances_), len(tracker.predictions_), len(tracker.result().turns)) == (1, 1, 1)
    tracker.reset()
    assert tracker.result().turns == []


def test_pluggable_turn_model_shifts_arcs_and_persistent_flags() -> None:
    script = {
        "Great news, I got the job!": ("joy", 0.8),
        "Congratulations!": ("joy", 0.7),
        "But the contract fell through.": ("sadness", -0.6),
        "Oh no, that's awful.": ("sadness", -0.4),
        "I feel terrible.": ("sadness", -0.7),
        "I can't sleep, I keep crying.": ("sadness", -0.8),
        "I'm here for you.": ("neutral", 0.2),
    }
    texts = [
        ("Sam", "Great news, I got the job!"),
        ("Alex", "Congratulations!"),
        ("Sam", "But the contract fell through."),
        ("Alex", "Oh no, that's awful."),
        ("Sam", "I feel terrible."),
        ("Sam", "I can't sleep, I keep crying."),
        ("Alex", "I'm here for you."),
    ]
    model = ScriptedTurnModel(script)
    assert isinstance(model, TurnModel)
    conversation = Conversation(id="s", utterances=[Utterance(speaker=s, text=t) for s, t in texts])
    analysis = analyze_conversation(conversation, turn_model=model, cause_model=HeuristicCauseModel())
    assert analysis.model == "scripted@1"
    sam = analysis.speakers["Sam"]
    # Sam's valence 0.8, -0.6, -0.7, -0.8 -> smoothed 0.8, 0.1, -0.3, -0.55
    assert [p.valence for p in sam.trajectory] == [0.8, 0.1, -0.3, -0.55]
    assert [(s.turn, s.trigger_turn, s.dimension) for s in sam.shifts] == [
        (2, 1, "valence"),
        (4, 3, "valence"),
        (5, None, "valence"),
    ]
    assert sam.arc == "worsening" and sam.dominant_emotions[0] == "sadness"
    persistent = [f for f in analysis.flags if f.kind == "persistent_negative"]
    assert [(f.turn, f.speaker, f.severity, f.turns) for f in persistent] == [(5, "Sam", "medium", [2, 4, 5])]
    causes = {t.index: [(c.turn, c.span) for c in t.causes] for t in analysis.turns}
    assert causes[2] == [(2, "But the contract fell through.")]  # no clause has a listed word: the whole text
    assert causes[1] == [(0, "I got the job"), (1, "Congratulations!")]
    tracker = ConversationTracker(turn_model=model, cause_model=HeuristicCauseModel(), conversation_id="s")
    for utterance in conversation.utterances:
        tracker.add(utterance)
    assert tracker.result() == analysis


def test_input_forms_and_warnings() -> None:
    as_list = analyze_conversation([Utterance(speaker="A", text=""), Utterance(speaker="B", text="⬛⬛"),
                                    Utterance(speaker="B", text="😂😂")])
    assert as_list.id == "conversation"
    assert [w.code for w in as_list.turns[0].warnings] == ["AK-W001"]
    assert [w.code for w in as_list.turns[1].warnings] == ["AK-W002"]  # symbols the recognizer cannot read
    assert not as_list.turns[2].warnings and as_list.turns[2].emotions["amusement"] > 0.5  # emoji it can
    as_dict = analyze_conversation({"id": "d", "utterances": [{"speaker": "A", "text": "hi"}]})
    assert as_dict.id == "d"
    with pytest.raises(AffectkitError) as info:
        analyze_conversation({"id": "d", "utterances": [{"speaker": "A"}]})
    assert (info.value.code, info.value.field) == ("AK-E003", "utterances[0].text")
    with pytest.raises(AffectkitError, match="AK-E005"):
        analyze_conversation("Sam: hi")  # type: ignore[arg-type]
    with pytest.raises(AffectkitError, match="AK-E009"):  # as the command line: no utterances, nothing to analyse
        analyze_conversation(Conversation(id="e", utterances=[]))


def test_text_turn_model_batch_equals_live() -> None:
    model = TextTurnModel()
    batch = model.predict(CHAT.utterances)
    assert batch == [model.predict_last(CHAT.utterances[: i + 1]) for i in range(len(CHAT.utterances))]
    with pytest.raises(AffectkitError, match="AK-E009"):
        model.predict_last([])


# --- surfaces ------------------------------------------------------------------------------------------


def test_top_level_api_is_lazy() -> None:
    assert "analyze_conversation" in affectkit.__all__
    code = "import sys, affectkit; print(any(m.startswith('affectkit.conversation') for m in sys.modules))"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "False"
    analysis = affectkit.analyze_conversation({"id": "x", "utterances": [{"speaker": "A", "text": "hi"}]})
    assert analysis.turns[0].speaker == "A"


def test_html_report_is_self_contained(chat_analysis: affectkit.types.ConversationAnalysis) -> None:
    page = render_html(chat_analysis)
    assert page.startswith("<!DOCTYPE html>")
    assert "http://" not in page and "https://" not in page
    assert not re.search(r"""\b(?:src|href)\s*=\s*["'](?!#)""", page)  # every link is an in-page anchor
    assert "<link" not in page and "<script" not in page and "@import" not in page
    assert page.count("<svg") == len(chat_analysis.speakers)
    ids = set(re.findall(r'id="(turn-\d+)"', page))
    assert ids == {f"turn-{t.index}" for t in chat_analysis.turns}
    targets = set(re.findall(r'href="#(turn-\d+)"', page))
    assert targets <= ids
    for turn in chat_analysis.turns:
        for cause in turn.causes:
            assert f'<a class="cause" href="#turn-{cause.turn}">' in page
    assert chat_analysis.notice in page
    assert '<mark class="flag"' in page


def test_table(chat_analysis: affectkit.types.ConversationAnalysis) -> None:
    table = format_table(chat_analysis)
    assert table.splitlines()[0].split() == [
        "#",
        "speaker",
        "text",
        "emotion",
        "labels",
        "alone",
        "V",
        "A",
        "D",
        "causes",
        "flags",
    ]
    assert "suicidal_ideation:high" in table
    assert "Sam: arc" in table and "Note: " in table
    first = chat_analysis.turns[0]  # the column holds the text's labels read alone, with their probabilities
    assert f"{first.labels[0]} {first.emotions[first.labels[0]]:.2f}" in table.splitlines()[2]


def test_cli_json_contract(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "chat.jsonl"
    path.write_text("".join(json.dumps(u.model_dump()) + "\n" for u in CHAT.utterances), encoding="utf-8")
    assert cli.main(["conversation", str(path), "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["id"] == "chat"
    assert [t["index"] for t in data["turns"]] == list(range(len(CHAT.utterances)))
    for turn in data["turns"]:
        assert {"index", "speaker", "text", "emotion", "ekman", "emotions", "vad", "causes"} <= set(turn)
        assert turn["emotion"] in EKMAN_LABELS
        assert len(turn["ekman"]) == 7 and len(turn["emotions"]) == 28
        assert set(turn["vad"]) == {"valence", "arousal", "dominance"}
        for cause in turn["causes"]:
            assert {"turn", "span", "score"} <= set(cause) and cause["turn"] <= turn["index"]
    for speaker in data["speakers"].values():
        assert {"trajectory", "arc", "shifts"} <= set(speaker)
        assert speaker["arc"] in {"improving", "worsening", "stable", "volatile"}
    assert data["flags"] and all({"turn", "kind", "severity", "evidence"} <= set(f) for f in data["flags"])
    assert "not a diagnosis" in data["notice"]


def test_cli_html_and_table(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "chat.csv"
    rows = "".join(f'{u.speaker},"{u.text}"\n' for u in CHAT.utterances)
    path.write_text("who,line\n" + rows, encoding="utf-8")
    out = tmp_path / "report.html"
    args = ["conversation", str(path), "--speaker-column", "who", "--text-column", "line"]
    assert cli.main([*args, "--format", "html", "--output", str(out)]) == 0
    assert capsys.readouterr().out == ""
    assert out.read_text(encoding="utf-8").count("<svg") == 3
    assert cli.main(args) == 0
    assert "Flags:" in capsys.readouterr().out
