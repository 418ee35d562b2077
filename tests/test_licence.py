"""Licence profiles (affectkit.licence): the commercial profile uses only models whose training data permits
commercial use, says where its readings came from, and never falls back silently to a non-commercial model."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

import affectkit
from affectkit import licence
from affectkit.cli import main as cli_main
from affectkit.errors import AffectkitError

MODELS = Path(affectkit.__file__).resolve().parent / "models"
CHAT = {"id": "c", "utterances": [
    {"speaker": "user", "text": "My flight got cancelled and I'm going to miss my sister's wedding."},
    {"speaker": "assistant", "text": "Oh no, that's awful timing."},
    {"speaker": "user", "text": "I've been on hold with the airline for two hours. I'm furious."},
]}


@pytest.fixture(autouse=True)
def _reset_profile(monkeypatch: pytest.MonkeyPatch):
    monkeypatch.delenv(licence.ENV, raising=False)
    licence.configure(None)
    yield
    monkeypatch.delenv(licence.ENV, raising=False)
    licence.configure(None)


def training_statements(folder: Path) -> str:
    """What a model says about its training data: its whole config.json, and the "## Training" and
    "## Data and licences" sections of its card, minus data-table rows whose use is "evaluation only"."""
    config = json.loads((folder / "config.json").read_text(encoding="utf-8"))
    card = (folder / "MODEL_CARD.md").read_text(encoding="utf-8")
    kept = []
    for section in re.split(r"(?m)^(?=## )", card):
        if not section.startswith(("## Training", "## Data and licences")):
            continue
        for line in section.splitlines():
            cells = [c.strip().lower() for c in line.strip().strip("|").split("|")]
            if line.lstrip().startswith("|") and cells and cells[-1] == "evaluation only":
                continue
            kept.append(line)
    return json.dumps(config) + "\n" + "\n".join(kept)


def non_commercial_names(folder: Path) -> list[str]:
    text = training_statements(folder).lower()
    return [name for name in licence.NON_COMMERCIAL_DATA if name.lower() in text]


def commercial_folders() -> list[str]:
    return list(licence.PROFILES["commercial"].models)


@pytest.mark.parametrize("folder", commercial_folders())
def test_commercial_models_name_no_non_commercial_training_data(folder: str) -> None:
    path = MODELS / folder
    assert (path / "MODEL_CARD.md").is_file() and (path / "config.json").is_file()
    assert non_commercial_names(path) == [], f"{folder} names non-commercial training data"
    card = (path / "MODEL_CARD.md").read_text(encoding="utf-8")
    assert "## Data and licences" in card and "## Training" in card


@pytest.mark.parametrize("folder", ["conversation-minilm", "strategy-minilm"])
def test_the_check_catches_the_non_commercial_heads(folder: str) -> None:
    assert non_commercial_names(MODELS / folder), "the licence check would pass anything"


def test_commercial_profile_lists_no_default_only_head() -> None:
    commercial, default = licence.PROFILES["commercial"], licence.PROFILES["default"]
    assert {commercial.turn, commercial.strategy}.isdisjoint({default.turn, default.strategy})
    assert commercial.cause is None  # no cause data permits commercial use


def test_configure_env_and_errors(monkeypatch: pytest.MonkeyPatch) -> None:
    assert licence.current_licence() == "default"
    monkeypatch.setenv(licence.ENV, "commercial")
    assert licence.current_licence() == "commercial"
    assert affectkit.configure("default") == "default"  # configure() wins over the environment
    assert affectkit.configure(None) == "commercial"
    monkeypatch.setenv(licence.ENV, "free-for-all")
    with pytest.raises(AffectkitError) as error:
        licence.current_licence()
    assert error.value.code == "AK-E005"
    with pytest.raises(AffectkitError):
        affectkit.configure("cc-by")


@pytest.mark.parametrize("command", [["models"], ["analyze", "hello"]])
def test_a_bad_profile_in_the_environment_stops_every_command_before_any_output(
        command: list[str], monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    from affectkit.cli import main

    monkeypatch.setenv(licence.ENV, "free-for-all")
    assert main(command) == 2
    out, err = capsys.readouterr()
    assert out == "" and "AK-E005 unknown licence profile 'free-for-all'" in err


def test_commercial_analysis_says_where_readings_came_from() -> None:
    affectkit.configure(licence="commercial")
    analysis = affectkit.analyze_conversation(CHAT)
    assert analysis.licence == "commercial"
    assert analysis.model.startswith("conversation-edos-minilm@")
    assert analysis.cause_model == "heuristic-causes@1"
    codes = [w.code for w in analysis.warnings]
    assert codes == ["AK-W011"]  # the crisis reader is commercial too: no AK-W012 since crisis-use@6
    assert analysis.turns[2].emotion == "anger"
    assert any(c.turn in (0, 2) for c in analysis.turns[2].causes)
    # the same conversation under the default profile: the DailyDialog heads, no licence warnings
    affectkit.configure(licence="default")
    default = affectkit.analyze_conversation(CHAT)
    assert default.model.startswith("conversation-minilm@") and default.cause_model.startswith("conversation-minilm")
    assert default.warnings == [] and default.licence == "default"


def test_commercial_plan_uses_only_the_edos_strategy_model() -> None:
    affectkit.configure(licence="commercial")
    p = affectkit.plan(CHAT)
    assert p.strategy.model.startswith("strategy-edos-minilm@")
    assert not any(m.startswith(("conversation-minilm", "strategy-minilm")) for m in p.models)
    uncovered = set(p.strategy.probabilities) - set(licence.strategy_model().config_["covered"])
    assert uncovered == {"Restatement or Paraphrasing", "Self-disclosure", "Information"}
    assert all(p.strategy.probabilities[s] == 0.0 for s in uncovered)
    assert p.strategy.choice not in uncovered
    assert "AK-W011" in {w.code for w in p.warnings} and "AK-W012" not in {w.code for w in p.warnings}
    debiased = affectkit.plan(CHAT, debias=True)
    assert abs(sum(debiased.strategy.probabilities.values()) - 1) < 1e-3


def test_cli_licence_flag(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    chat = tmp_path / "chat.json"
    chat.write_text(json.dumps(CHAT), encoding="utf-8")
    for argv in (["--licence", "commercial", "conversation", str(chat), "--format", "json"],
                 ["conversation", str(chat), "--format", "json", "--licence", "commercial"]):
        licence.configure(None)
        assert cli_main(argv) == 0
        out = json.loads(capsys.readouterr().out)
        assert out["cause_model"] == "heuristic-causes@1" and out["licence"] == "commercial"


def test_licence_field_names_the_models_used_not_the_profile_in_force() -> None:
    from affectkit.conversation import ConversationTracker
    from affectkit.conversation.context import ContextTurnModel, TrainedCauseModel

    affectkit.configure(licence="commercial")
    tracker = ConversationTracker(turn_model=ContextTurnModel(), cause_model=TrainedCauseModel())
    tracker.add({"speaker": "Sam", "text": "I lost my keys again."})
    result = tracker.result()
    assert result.licence == "default" and result.cause_model.startswith("conversation-minilm")
    assert [w.code for w in result.warnings] == ["AK-W013"]  # said, never silent
    assert licence.profile_of(licence.turn_model().model_id, licence.cause_model().model_id) == "commercial"


def test_plan_follows_the_profile_in_force_even_with_a_default_analysis() -> None:
    default = affectkit.analyze_conversation(CHAT)
    affectkit.configure(licence="commercial")
    p = affectkit.plan(CHAT, analysis=default)
    assert p.strategy.model.startswith("strategy-edos-minilm@")
    assert "AK-W013" in [w.code for w in p.warnings]
