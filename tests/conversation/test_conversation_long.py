"""Long conversations: bounded cause candidates, constant work per turn, unchanged short results, progress."""

from __future__ import annotations

import io
import json
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from affectkit import cli
from affectkit.conversation import ConversationTracker, analyze_conversation
from affectkit.conversation import features as conversation_features
from affectkit.conversation.context import ContextTurnModel, TrainedCauseModel
from affectkit.conversation.features import CAUSE_OWN, CAUSE_WINDOW, LOOKBACK, cause_candidates
from affectkit.conversation.turns import EKMAN_LABELS, NEUTRAL_VAD, TurnPrediction
from affectkit.progress import Progress
from affectkit.recognizers.heads import ONNXHeads
from affectkit.recognizers.utterance import UtteranceEncoder
from affectkit.types import Utterance

TEXTS = [
    ("Sam", "My flight got cancelled and I'm going to miss my sister's wedding."),
    ("Alex", "Oh no, I'm so sorry. That's awful timing."),
    ("Sam", "I've been on hold with the airline for two hours. I'm furious."),
    ("Alex", "Want me to look for a train? There's one tonight."),
    ("Sam", "Wait, really? That would be amazing, thank you so much!"),
    ("Jo", "I found one that gets in by 10am, booking it now."),
    ("Sam", "You two are the best. I was so scared I'd miss it."),
    ("Alex", "We've got you. Pack tonight and get some sleep."),
]


def conversation(n: int) -> list[Utterance]:
    """``n`` turns cycling over TEXTS (cached after the first round, so long ones stay fast)."""
    return [Utterance(speaker=TEXTS[i % len(TEXTS)][0], text=TEXTS[i % len(TEXTS)][1]) for i in range(n)]


def joy() -> TurnPrediction:
    return TurnPrediction(ekman={label: 0.9 if label == "joy" else 0.01 for label in EKMAN_LABELS}, emotions={},
                          vad=NEUTRAL_VAD)


# --- cause candidates ------------------------------------------------------------------------------------


@pytest.mark.parametrize("speakers", [["A", "B"] * 5000, [f"s{i % 50}" for i in range(10000)],
                                      [f"s{i}" for i in range(10000)], ["A"] * 10000])
def test_cause_candidates_are_bounded(speakers: list[str]) -> None:
    for target in (0, 5, 15, 16, 40, 999, 9999):
        candidates = cause_candidates(speakers, target)
        assert len(candidates) <= CAUSE_WINDOW + CAUSE_OWN
        assert candidates == sorted(set(candidates)) and candidates[-1] == target
        window = list(range(max(0, target - CAUSE_WINDOW + 1), target + 1))
        assert candidates[-len(window):] == window
        own = candidates[: len(candidates) - len(window)]
        assert all(speakers[j] == speakers[target] and target - j <= LOOKBACK for j in own)
        # the speaker's latest turns before the window, none skipped
        lookback = range(window[0] - 1, max(target - LOOKBACK - 1, -1), -1)
        before = [j for j in lookback if speakers[j] == speakers[target]]
        assert own == sorted(before[:CAUSE_OWN])


def test_short_conversations_have_every_turn_as_candidate() -> None:
    speakers = ["A", "B", "C"] * 10
    for target in range(CAUSE_WINDOW):
        assert cause_candidates(speakers, target) == list(range(target + 1))


class CountingHeads(ONNXHeads):
    """The shipped heads, recording how many candidate rows each cause call scores."""

    def __init__(self) -> None:
        super().__init__()
        self.cause_rows: list[int] = []

    def cause(self, features: np.ndarray) -> np.ndarray:
        self.cause_rows.append(len(features))
        return super().cause(features)


def test_cause_model_scores_only_the_bounded_candidates() -> None:
    heads = CountingHeads()
    model = TrainedCauseModel(heads=heads)
    utterances = conversation(300)
    predictions = [joy()] * len(utterances)
    for target in (3, 150, 299):
        causes = model.predict(utterances, target, predictions)
        allowed = cause_candidates([u.speaker for u in utterances], target)
        assert heads.cause_rows[-1] == len(allowed) <= CAUSE_WINDOW + CAUSE_OWN
        assert causes and {c.turn for c in causes} <= set(allowed)


class CountingEncoder(UtteranceEncoder):
    def __init__(self) -> None:
        super().__init__()
        self.reads = 0

    def encode(self, text: str) -> tuple[np.ndarray, Any]:
        self.reads += 1
        return super().encode(text)


def test_work_per_turn_does_not_grow_with_the_conversation() -> None:
    """Before the bound every turn re-read the whole history (about n²/2 reads for n turns); now a turn reads
    itself, the turn before and the speaker's previous one, and the cause candidates."""
    reads = []
    for n in (100, 400):
        encoder = CountingEncoder()
        analyze_conversation(conversation(n), ContextTurnModel(encoder=encoder), TrainedCauseModel(encoder=encoder))
        reads.append(encoder.reads / n)
    assert reads[1] <= reads[0] * 1.1 and reads[1] <= 5 + CAUSE_WINDOW + CAUSE_OWN


def test_short_results_unchanged_by_the_bound(monkeypatch: pytest.MonkeyPatch) -> None:
    """A conversation no longer than the window reads the same with every earlier turn as a candidate."""
    utterances = conversation(CAUSE_WINDOW)
    bounded = analyze_conversation(utterances)
    monkeypatch.setattr(conversation_features, "CAUSE_WINDOW", 10**6)
    monkeypatch.setattr(conversation_features, "LOOKBACK", 10**6)
    assert analyze_conversation(utterances) == bounded
    assert any(cause.turn < turn.index - 2 for turn in bounded.turns for cause in turn.causes)  # not trivial


def test_batch_equals_live_with_fresh_encoders() -> None:
    """The batch analysis encodes a chunk's texts in one batch (prefetch); the tracker one at a time, on its
    own encoder: the numbers must be the same."""
    utterances = [*conversation(8), Utterance(speaker="Sam", text="word " * 400)]  # and a text of several windows
    batch_encoder, live_encoder = UtteranceEncoder(), UtteranceEncoder()
    batch = analyze_conversation(utterances, ContextTurnModel(encoder=batch_encoder),
                                 TrainedCauseModel(encoder=batch_encoder))
    tracker = ConversationTracker(ContextTurnModel(encoder=live_encoder), TrainedCauseModel(encoder=live_encoder),
                                  conversation_id="conversation")
    for utterance in utterances:
        tracker.add(utterance)
    assert tracker.result().model_dump_json() == batch.model_dump_json()


# --- progress --------------------------------------------------------------------------------------------


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_progress_bar_when_asked(capsys: pytest.CaptureFixture[str]) -> None:
    analyze_conversation(conversation(5), progress=True)
    err = capsys.readouterr().err
    assert err.endswith("\n") and "5/5 turns, 100%" in err
    analyze_conversation(conversation(5))  # short: off by default
    analyze_conversation(conversation(5), progress=False)
    assert capsys.readouterr().err == ""


@pytest.mark.parametrize(("total", "stream", "show", "shown"), [
    (5000, Terminal(), None, True), (5000, io.StringIO(), None, False), (10, Terminal(), None, False),
    (10, io.StringIO(), True, True), (5000, Terminal(), False, False),
])
def test_progress_defaults(total: int, stream: io.StringIO, show: bool | None, shown: bool) -> None:
    with Progress(total, "turns", show=show, stream=stream) as progress:
        for _ in range(total):
            progress.update()
    assert (f"{total}/{total} turns, 100%" in stream.getvalue()) is shown
    assert (stream.getvalue() == "") is not shown


def test_cli_progress_flag(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "chat.jsonl"
    path.write_text("".join(json.dumps({"speaker": s, "text": t}) + "\n" for s, t in TEXTS), encoding="utf-8")
    assert cli.main(["conversation", str(path), "--format", "json", "--progress"]) == 0
    captured = capsys.readouterr()
    assert f"{len(TEXTS)}/{len(TEXTS)} turns, 100%" in captured.err
    assert len(json.loads(captured.out)["turns"]) == len(TEXTS)
    assert cli.main(["conversation", str(path), "--format", "json"]) == 0  # not a terminal, short: no bar
    assert capsys.readouterr().err == ""
