"""Response planning: target emotion rules, the plan contract, escalation, messages and the `plan` command."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from affectkit import analyze_conversation, cli
from affectkit.errors import AffectkitError
from affectkit.planning.labels import STRATEGIES
from affectkit.planning.planner import cause_words, causes_to_acknowledge, compose_messages, load_stimuli, plan
from affectkit.planning.strategy import NEXT_DIM, TAGGER_DIM, StrategyModel, next_row, tagger_rows
from affectkit.planning.target import CRISIS_VAD, target_emotion
from affectkit.types import VAD, Cause, Conversation, ConversationAnalysis, Persona, TurnAnalysis, Utterance
from openai_server import OpenAIServer

SAD = VAD(valence=-0.6, arousal=0.4, dominance=-0.3)
EXAM = {
    "id": "exam",
    "utterances": [
        {"speaker": "user", "text": "My exam is tomorrow and I haven't slept at all."},
        {"speaker": "assistant", "text": "That sounds exhausting. What's on your mind?"},
        {"speaker": "user", "text": "I'm scared I'll fail the exam again and my parents will be disappointed."},
    ],
}
CRISIS = {
    "id": "crisis",
    "utterances": [
        {"speaker": "user", "text": "Nothing matters anymore."},
        {"speaker": "assistant", "text": "I'm sorry you feel that way. Do you want to talk about it?"},
        {"speaker": "user", "text": "I keep thinking about killing myself."},
    ],
}


# --- target emotion -----------------------------------------------------------------------------------


def test_target_starts_from_user_and_moves_towards_warm_calm() -> None:
    target = target_emotion(SAD, strategy="Reflection of feelings")
    assert SAD.valence < target.vad.valence < 0.3
    assert target.vad.arousal < SAD.arousal
    assert target.emotion == "caring"
    assert target.rationale[0].startswith("start from the user's state")


@pytest.mark.parametrize(
    ("trait", "dimension", "direction"),
    [
        ("extraversion", "arousal", +1),
        ("extraversion", "valence", +1),
        ("neuroticism", "dominance", -1),
        ("conscientiousness", "dominance", +1),
        ("openness", "arousal", +1),
    ],
)
def test_personality_moves_the_target_as_documented(trait: str, dimension: str, direction: int) -> None:
    high = getattr(target_emotion(SAD, persona={trait: 1.0}).vad, dimension)
    low = getattr(target_emotion(SAD, persona={trait: 0.0}).vad, dimension)
    assert (high - low) * direction > 0


def test_agreeable_agent_mirrors_a_negative_user_more_closely() -> None:
    agreeable = target_emotion(SAD, persona=Persona(agreeableness=1.0)).vad.valence
    average = target_emotion(SAD).vad.valence
    assert abs(agreeable - SAD.valence) < abs(average - SAD.valence)


def test_worsening_arc_halves_the_lift_and_good_news_is_shared() -> None:
    stable = target_emotion(SAD, arc="stable").vad.valence
    worsening = target_emotion(SAD, arc="worsening").vad.valence
    assert SAD.valence < worsening < stable
    happy = target_emotion(VAD(valence=0.8, arousal=0.5, dominance=0.3))
    assert happy.emotion in {"joy", "excitement", "gratitude", "approval"} and happy.vad.valence >= 0.8


def test_crisis_overrides_personality() -> None:
    for persona in (None, {"extraversion": 1.0, "neuroticism": 1.0}):
        target = target_emotion(SAD, persona=persona, crisis=True)
        assert (target.vad.valence, target.vad.arousal, target.vad.dominance) == CRISIS_VAD


def test_persona_rejects_out_of_range_traits() -> None:
    with pytest.raises(ValueError):
        Persona(extraversion=1.5)


# --- features and the strategy model ------------------------------------------------------------------


def test_strategy_features_read_only_the_past() -> None:
    rng = np.random.default_rng(0)
    vectors = rng.normal(size=(4, (TAGGER_DIM - 1) // 2)).astype(np.float32)
    agent = [False, True, False, True]
    tags = rng.random((4, len(STRATEGIES))).astype(np.float32)
    texts = ["a?", "b", "c", "d"]
    assert tagger_rows(vectors, agent).shape == (4, TAGGER_DIM)
    row = next_row(vectors[:3], agent[:3], tags[:3], texts[:3])
    assert row.shape == (NEXT_DIM,)
    changed = vectors.copy()
    changed[3] += 1.0
    assert np.array_equal(row, next_row(changed[:3], agent[:3], tags[:3], texts[:3]))
    assert next_row(vectors[:0], [], tags[:0], []).shape == (NEXT_DIM,)


def test_strategy_model_gives_a_distribution_and_debias_changes_it() -> None:
    model = StrategyModel()
    turns = [Utterance(speaker=u["speaker"], text=u["text"]) for u in EXAM["utterances"]]
    plain = model.predict(turns, agent="assistant")
    debiased = model.predict(turns, agent="assistant", debias=True)
    assert list(plain) == list(STRATEGIES)
    assert abs(sum(plain.values()) - 1) < 1e-3 and abs(sum(debiased.values()) - 1) < 1e-3
    assert plain != debiased
    assert model.predict(turns, agent="assistant") == plain  # deterministic


# --- the plan -----------------------------------------------------------------------------------------


def test_plan_contract() -> None:
    p = plan(EXAM)
    assert p.mode == "support" and p.agent == "assistant"
    assert set(p.strategy.probabilities) == set(STRATEGIES)
    assert p.strategy.choice == max(p.strategy.probabilities, key=lambda s: p.strategy.probabilities[s])
    assert p.user is not None and p.user.speaker == "user" and p.user.turn == 2
    assert p.user.primary and all(label in p.user.top or label == "neutral" for label in p.user.primary[:1])
    assert [m["role"] for m in p.messages] == ["system", "user", "assistant", "user"]
    assert p.messages[-1]["content"] == EXAM["utterances"][-1]["text"]
    system = p.messages[0]["content"]
    assert p.user.primary[0] in system and p.strategy.choice in system
    for cause in p.user.causes:
        assert cause.span in system
        assert any(f"what caused it: {cause.span}" == a for a in p.acknowledge)
    assert not p.safety.escalate and p.safety.resources == []
    assert json.loads(p.model_dump_json())["strategy"]["choice"] == p.strategy.choice


def test_crisis_turns_the_plan_into_an_escalation_with_configurable_resources() -> None:
    p = plan(CRISIS, resources=["Call the Example Helpline at 0800 000 000."])
    assert p.mode == "escalation" and p.safety.escalate
    assert p.safety.resources == ["Call the Example Helpline at 0800 000 000."]
    assert any(f.kind == "suicidal_ideation" and f.turn == 2 for f in p.safety.flags)
    assert "0800 000 000" in p.messages[0]["content"] and "ESCALATION" in p.messages[0]["content"]
    assert p.target.emotion == "caring"


def test_an_escalation_never_offers_an_empty_list_of_resources() -> None:
    given = plan(CRISIS, resources=(line for line in ["Call 112."]))  # a generator: read once, not lost
    assert given.safety.resources == ["Call 112."] and given.guidance[1].endswith("Call 112.")
    from affectkit.risk import resources_for

    for resources in ([], {"fr": ["Appelez le 3114."]}):  # nothing given applies to this English conversation
        fallback = plan(CRISIS, resources=resources)
        assert fallback.mode == "escalation" and fallback.safety.resources == resources_for("en")
        assert "AK-W014" in [w.code for w in fallback.warnings]
        assert any("none of the crisis resources given apply" in note for note in fallback.safety.notes)
    french = plan(CRISIS, resources={"fr": ["Appelez le 3114."]}, locale="fr-FR")
    assert french.safety.resources == ["Appelez le 3114."] and "AK-W014" not in [w.code for w in french.warnings]
    for bad in (5, {"en": 5}, "Call 112.", [1, 2]):
        with pytest.raises(AffectkitError) as error:
            plan(CRISIS, resources=bad)  # type: ignore[arg-type]
        assert (error.value.code, error.value.field) == ("AK-E005", "resources")


@pytest.mark.parametrize(("option", "value"), [("debias", "no"), ("debias", None), ("analysis", {"turns": []}),
                                               ("live", 5)])
def test_plan_options_of_the_wrong_kind_are_coded(option: str, value: object) -> None:
    with pytest.raises(AffectkitError) as error:
        plan(CRISIS, **{option: value})  # type: ignore[arg-type]
    assert (error.value.code, error.value.field) == ("AK-E005", option)


def test_live_planning_takes_dicts_as_the_tracker_does() -> None:
    from affectkit.planning.planner import LivePlanning

    dicts, objects = LivePlanning(), LivePlanning()
    for utterance in CRISIS["utterances"]:
        dicts.add(utterance)
        objects.add(Utterance(**utterance))
    assert plan(CRISIS, live=dicts) == plan(CRISIS, live=objects)
    with pytest.raises(AffectkitError) as error:
        dicts.add({"speaker": " ", "text": "hi"})
    assert error.value.code == "AK-E010"


def test_the_top_level_reply_check_is_told_who_the_assistant_is() -> None:
    import affectkit
    from affectkit.planning.reply_check import check_reply

    chat = [{"speaker": "user", "text": "I failed again."}, {"speaker": "Alex", "text": "That sounds hard."},
            {"speaker": "user", "text": "Thanks."}]
    named = affectkit.check_reply(chat, "You're welcome.", assistant_speakers=["Alex"])
    assert named == affectkit.check_reply(chat, "You're welcome.", assistant_speakers="Alex")
    assert named == check_reply(chat, "You're welcome.", assistant_speakers=("Alex",))


def test_ordinary_exam_worry_does_not_escalate() -> None:
    text = "I'm scared I'll fail again and my parents will be so disappointed."
    worry = {"utterances": [{"speaker": "user", "text": text}]}
    assert plan(worry).mode == "support"


def test_third_person_and_negated_mentions_do_not_escalate() -> None:
    negated = {"utterances": [{"speaker": "user", "text": "I would never kill myself, I just hate my job."}]}
    assert plan(negated).mode == "support"


def test_persona_debias_stimulus_and_attachment_boundary() -> None:
    attached = {"utterances": [{"speaker": "user", "text": "I love you. You're all I have."}]}
    base = plan(attached)
    assert any("seeking attachment" in b for b in base.boundaries)
    varied = plan(attached, persona={"extraversion": 1.0}, debias=True, stimulus="EP02")
    assert varied.target.vad.arousal > base.target.vad.arousal
    assert varied.strategy.debiased and varied.strategy.probabilities != base.strategy.probabilities
    assert varied.messages[0]["content"].endswith(load_stimuli()["EP02"])
    with pytest.raises(AffectkitError) as error:
        plan(attached, stimulus="EP99")
    assert error.value.code == "AK-E014"


@pytest.mark.parametrize(("text", "seeks"), [
    ("te quiero, eres lo único que tengo", True), ("ich hab dich lieb. vermisst du mich?", True),
    ("je t'aime, tu es tout ce que j'ai", True), ("vc me ama?", True), ("ti voglio bene", True),
    ("я тебя люблю", True), ("no te quiero", False), ("te quiero contar algo de mi jefe", False),
    ("ich liebe dich nicht", False), ('she told him "I love you" and left', False),
])
def test_the_attachment_boundary_reads_every_language_of_its_cues(text: str, seeks: bool) -> None:
    """The cues are rule data per language (plan_cues), with negation and reported speech handled by the rule engine;
    the live planning state reads them as the plan does."""
    from affectkit.planning.planner import LivePlanning

    turns = [{"speaker": "user", "text": text}]
    assert any("seeking attachment" in b for b in plan(turns).boundaries) is seeks
    live = LivePlanning(agent="assistant")
    live.add(turns[0])
    assert live.seeks_attachment_ is seeks


def test_messages_name_speakers_only_in_group_chats() -> None:
    group = Conversation(id="g", utterances=[Utterance(speaker="Ana", text="Hi"), Utterance(speaker="Ben", text="Yo"),
                                             Utterance(speaker="bot", text="Hello both")])
    assert [m["content"] for m in compose_messages(group, "bot", "s")[1:]] == ["Ana: Hi", "Ben: Yo", "Hello both"]


def test_the_plan_takes_the_users_labels_from_the_analysis_not_from_a_second_reading(
        monkeypatch: pytest.MonkeyPatch) -> None:
    from affectkit.recognizers import utterance

    conversation = {"id": "c", "utterances": [{"speaker": "user", "text": "My dog died this morning."}]}
    analysis = analyze_conversation(conversation)
    expected = plan(conversation, analysis=analysis).user
    assert expected is not None and "sadness" in expected.primary

    def no_second_reading(*args: object, **kwargs: object) -> None:
        raise AssertionError("the text model read a turn the analysis had read")

    monkeypatch.setattr(utterance.UtteranceEncoder, "read", no_second_reading)
    assert plan(conversation, analysis=analysis).user == expected
    # a turn stored before the turns carried their labels is read again, to the same state
    monkeypatch.undo()
    older = analysis.model_copy(update={"turns": [analysis.turns[0].model_copy(
        update={"labels": None, "intensity": None, "ekman_alone": None})]})
    assert plan(conversation, analysis=older).user == expected


def test_plan_without_user_turns_and_cause_words() -> None:
    with pytest.raises(AffectkitError) as error:  # nobody to reply to
        plan({"utterances": [{"speaker": "assistant", "text": "Hi, how are you today?"}]})
    assert (error.value.code, error.value.field) == ("AK-E020", "agent")
    assert cause_words("I lost my job, my JOB!") == ["lost", "job"]


# --- the command --------------------------------------------------------------------------------------


FLIGHT = {
    "id": "flight",
    "utterances": [
        {"speaker": "user", "text": "My flight got cancelled and I'm going to miss my sister's wedding."},
        {"speaker": "assistant", "text": "Oh no, that's awful timing."},
        {"speaker": "user", "text": "I've been on hold with the airline for two hours. I'm furious."},
    ],
}


def test_the_agents_own_sympathy_is_not_offered_as_a_cause() -> None:
    result = plan(FLIGHT)
    assert result.user is not None and result.user.causes
    assert all(c.turn in (0, 2) for c in result.user.causes)
    assert not any("awful timing" in item for item in result.acknowledge)
    assert "awful timing" not in result.messages[0]["content"]  # not in the affect brief either


def test_the_agents_turn_is_a_cause_when_the_user_turns_to_it() -> None:
    def turn(i: int, speaker: str, text: str, causes: tuple[Cause, ...] = ()) -> TurnAnalysis:
        return TurnAnalysis.model_construct(index=i, speaker=speaker, text=text, causes=list(causes))

    rude = Cause(turn=1, span="Write it yourself.", score=0.7)
    own = Cause(turn=2, span="That was rude", score=0.9)
    earlier = Cause(turn=0, span="Can you help me", score=0.5)
    for text, kept in (("That was so rude of you.", [2, 1, 0]), ("That was so rude.", [2, 0])):
        chat = ConversationAnalysis.model_construct(turns=[
            turn(0, "user", "Can you help me with my letter?"), turn(1, "bot", "Write it yourself."),
            turn(2, "user", text, (own, rude, earlier))])
        assert [c.turn for c in causes_to_acknowledge(chat, 2, "bot")] == kept, text
    # an agent turn the user is not answering stays out, even when addressed
    chat = ConversationAnalysis.model_construct(turns=[
        turn(0, "bot", "Hi!"), turn(1, "user", "Hello."), turn(2, "bot", "How can I help?"),
        turn(3, "user", "You said hi and I hate you.", (Cause(turn=0, span="Hi!", score=0.6),))])
    assert causes_to_acknowledge(chat, 3, "bot") == []


def test_cli_plan_json(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "exam.json"
    path.write_text(json.dumps(EXAM), encoding="utf-8")
    assert cli.main(["plan", str(path), "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert set(data["strategy"]["probabilities"]) == set(STRATEGIES) and data["strategy"]["choice"] in STRATEGIES
    assert set(data["target"]) >= {"emotion", "vad"} and set(data["target"]["vad"]) == {"valence", "arousal",
                                                                                         "dominance"}
    assert isinstance(data["acknowledge"], list) and data["safety"]["escalate"] is False
    assert all(set(m) == {"role", "content"} for m in data["messages"])
    assert cli.main(["plan", str(path), "--format", "json", "--debias"]) == 0
    assert json.loads(capsys.readouterr().out)["strategy"]["debiased"] is True


def test_cli_plan_errors(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["plan", str(tmp_path / "missing.json")]) == 2
    assert "AK-E001" in capsys.readouterr().err
    path = tmp_path / "exam.json"
    path.write_text(json.dumps(EXAM), encoding="utf-8")
    assert cli.main(["plan", str(path), "--persona", "{bad"]) == 2
    assert "AK-E004" in capsys.readouterr().err
    assert cli.main(["plan", str(path), "--persona", '{"warmth": 0.2}']) == 2
    assert "AK-E005" in capsys.readouterr().err


def test_cli_plan_table_runs_as_a_console_command(tmp_path: Path) -> None:
    path = tmp_path / "chat.txt"
    path.write_text("user: I got the job!!\nassistant: Congratulations!\nuser: I can't believe it.\n", encoding="utf-8")
    done = subprocess.run([sys.executable, "-m", "affectkit.cli", "plan", str(path)], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert "strategy" in done.stdout and "target" in done.stdout


# --- check-reply and respond --------------------------------------------------------------------------


def test_cli_check_reply_json_and_stdin(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                        monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "crisis.txt"
    path.write_text("user: I can't do this anymore, I want to end it all.\n", encoding="utf-8")
    assert cli.main(["check-reply", str(path), "--reply", "Cheer up, everyone has bad days!", "-f", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["risky"] is True and "minimising_crisis" in {p["name"] for p in data["patterns"]}
    assert all(set(p) >= {"name", "evidence"} for p in data["patterns"]) and 0 <= data["empathy"] <= 1
    reply = b"That sounds so painful. Are you safe right now?"
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(reply)))
    assert cli.main(["check-reply", str(path), "-f", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["risky"] is False and "acknowledgement" in {p["name"] for p in data["patterns"]}
    assert cli.main(["check-reply", str(tmp_path / "nope.txt"), "--reply", "x"]) == 2
    assert "AK-E001" in capsys.readouterr().err


def test_an_empty_reply_is_refused_not_passed_as_safe(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from affectkit.errors import AffectkitError
    from affectkit.planning.reply_check import check_reply

    for reply in ("", "  \n"):
        with pytest.raises(AffectkitError) as error:
            check_reply(EXAM, reply)
        assert (error.value.code, error.value.field) == ("AK-E009", "reply")
    path = tmp_path / "exam.json"
    path.write_text(json.dumps(EXAM), encoding="utf-8")
    assert cli.main(["check-reply", str(path), "--reply", ""]) == 2
    assert "AK-E009 the reply is empty" in capsys.readouterr().err


def test_respond_without_backend_never_invents_a_reply(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                       capsys: pytest.CaptureFixture[str]) -> None:
    for name in ("AFFECTKIT_LLM_BASE_URL", "AFFECTKIT_LLM_MODEL", "AFFECTKIT_LLM_API_KEY", "OPENAI_BASE_URL",
                 "OPENAI_API_KEY"):
        monkeypatch.delenv(name, raising=False)
    path = tmp_path / "exam.json"
    path.write_text(json.dumps(EXAM), encoding="utf-8")
    assert cli.main(["respond", str(path), "-f", "json"]) == 2  # no reply made: a script must be able to tell
    captured = capsys.readouterr()
    data = json.loads(captured.out)
    assert data["reply"] is None and data["check"] is None and data["plan"]["messages"]
    assert "AK-E012" in captured.err and "AFFECTKIT_LLM_MODEL" in captured.err


def test_respond_against_a_local_openai_compatible_server(tmp_path: Path, openai_server: OpenAIServer) -> None:
    server = openai_server
    server.reply = lambda messages: "That sounds really stressful. You seem worried about your parents."
    path = tmp_path / "exam.json"
    path.write_text(json.dumps(EXAM), encoding="utf-8")
    env = {**os.environ, **server.env()}
    done = subprocess.run([sys.executable, "-m", "affectkit.cli", "respond", str(path), "-f", "json"],
                          capture_output=True, text=True, env=env)
    assert done.returncode == 0, done.stderr
    data = json.loads(done.stdout)
    assert data["reply"].startswith("That sounds really stressful")
    assert {"acknowledgement", "emotional_awareness"} <= {p["name"] for p in data["check"]["patterns"]}
    sent = server.chat_requests[-1].body["messages"]
    assert sent == data["plan"]["messages"]  # the plan's messages are what the LLM received
    streamed = subprocess.run([sys.executable, "-m", "affectkit.cli", "respond", str(path), "--stream"],
                              capture_output=True, text=True, env=env)
    assert streamed.returncode == 0, streamed.stderr
    assert streamed.stdout.startswith("reply: That sounds really stressful") and "check:" in streamed.stdout
    assert server.chat_requests[-1].body.get("stream") is True


def test_respond_reports_a_failing_backend_with_a_code(tmp_path: Path, openai_server: OpenAIServer) -> None:
    server = openai_server
    server.fail_next(10, status=500)
    path = tmp_path / "exam.json"
    path.write_text(json.dumps(EXAM), encoding="utf-8")
    env = {**os.environ, **server.env()}
    done = subprocess.run([sys.executable, "-m", "affectkit.cli", "respond", str(path)], capture_output=True,
                          text=True, env=env)
    assert done.returncode == 2 and "AK-E013" in done.stderr


# --- issue 14: coded errors for bad arguments, agents, backends -----------------------------------------------


@pytest.mark.parametrize(
    ("kwargs", "field"),
    [
        ({"persona": {"extraversion": 9}}, "persona.extraversion"),
        ({"persona": {"charm": 0.5}}, "persona.charm"),
        ({"persona": "high"}, "persona"),
        ({"agent": None}, "agent"),
        ({"agent": "  "}, "agent"),
    ],
)
def test_plan_arguments_are_checked_with_coded_errors(kwargs: dict, field: str) -> None:
    with pytest.raises(AffectkitError) as error:
        plan(EXAM, **kwargs)
    assert (error.value.code, error.value.field) == ("AK-E005", field)


def test_plan_takes_a_persona_object_or_mapping() -> None:
    assert plan(EXAM, persona=Persona(extraversion=0.9)).target == plan(EXAM, persona={"extraversion": 0.9}).target


def test_plan_warns_about_an_agent_that_never_speaks(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert plan(EXAM).warnings == []
    assert plan({"utterances": [{"speaker": "Sam", "text": "Hi there"}]}).warnings == []  # the first reply
    [warning] = plan(EXAM, agent="nobody").warnings
    assert warning.code == "AK-W009" and "'nobody'" in warning.message and "user, assistant" in warning.message
    path = tmp_path / "exam.json"
    path.write_text(json.dumps(EXAM), encoding="utf-8")
    assert cli.main(["plan", str(path), "--agent", "nobody"]) == 0
    assert "AK-W009" in capsys.readouterr().err
    user_only = tmp_path / "user.txt"
    user_only.write_text("user: I feel terrible today.\nuser: Nobody listens.\n", encoding="utf-8")
    assert cli.main(["plan", str(user_only), "--agent", "user"]) == 2
    out, err = capsys.readouterr()
    assert out == "" and err.startswith("affectkit: AK-E020 nothing to plan a reply to: every turn is by the agent "
                                        "'user'")


def test_cli_persona_errors(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "exam.json"
    path.write_text(json.dumps(EXAM), encoding="utf-8")
    for persona, code, field in (('{"extraversion": 9}', "AK-E005", "persona.extraversion"),
                                 ("[1]", "AK-E005", "persona"), ("{nope", "AK-E004", None),
                                 ("[" * 5000, "AK-E004", None)):
        assert cli.main(["plan", str(path), "--persona", persona]) == 2
        err = capsys.readouterr().err
        assert code in err and len(err.strip().splitlines()) == 1
        assert field is None or f"(field '{field}')" in err


def test_plan_table_escapes_control_characters(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "chat.txt"
    path.write_text("Sa\x1bcm: I failed my exam \x1b]0;pwned\x07 and I feel awful.\n", encoding="utf-8")
    assert cli.main(["plan", str(path)]) == 0
    out = capsys.readouterr().out
    assert "\x1b" not in out and "\x07" not in out and "user Sa\\x1bcm (turn 0)" in out


def test_check_reply_from_stdin_conversation_needs_the_reply_as_an_option(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(b"user: I lost my job.\n")))
    assert cli.main(["check-reply", "-"]) == 2
    assert "AK-E009" in capsys.readouterr().err
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(b"user: I lost my job.\n")))
    assert cli.main(["check-reply", "-", "--reply", "Don't worry, it happens.", "-f", "json"]) == 0
    assert json.loads(capsys.readouterr().out)["reply"] == "Don't worry, it happens."


@pytest.mark.parametrize("timeout", ["0", "-1", "nan", "inf", "1e300"])
def test_respond_refuses_a_timeout_that_is_no_duration(tmp_path: Path, openai_server: OpenAIServer,
                                                       monkeypatch: pytest.MonkeyPatch,
                                                       capsys: pytest.CaptureFixture[str], timeout: str) -> None:
    for key, value in openai_server.env().items():
        monkeypatch.setenv(key, value)
    path = tmp_path / "exam.json"
    path.write_text(json.dumps(EXAM), encoding="utf-8")
    assert cli.main(["respond", str(path), "--timeout", timeout]) == 2
    out, err = capsys.readouterr()
    assert out == "" and err.startswith("affectkit: AK-E005 --timeout must be a number of seconds")
    assert openai_server.chat_requests == []


@pytest.mark.parametrize("answer", ["html", "null", "null-stream"])
def test_respond_reports_an_answer_without_a_reply_with_a_code(
    tmp_path: Path, openai_server: OpenAIServer, monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str], answer: str
) -> None:
    for key, value in openai_server.env().items():
        monkeypatch.setenv(key, value)
    if answer == "html":
        openai_server.answer_raw(b"<!doctype html><title>Sign in</title>")
    else:
        openai_server.reply = lambda messages: None
    path = tmp_path / "exam.json"
    path.write_text(json.dumps(EXAM), encoding="utf-8")
    assert cli.main(["respond", str(path), *(["--stream"] if answer == "null-stream" else [])]) == 2
    err = capsys.readouterr().err
    assert "AK-E013" in err and "Traceback" not in err


def test_a_plan_reads_words_only_never_the_recordings(tmp_path: Path) -> None:
    chat = {"id": "voice", "utterances": [
        {"speaker": "user", "text": "My dog died this morning.", "audio": str(tmp_path / "missing.wav")},
        {"speaker": "assistant", "text": "I'm so sorry."},
        {"speaker": "user", "text": "I keep expecting him at the door."}]}
    with pytest.raises(AffectkitError) as error:  # the analysis reads the recording, and it is not there
        analyze_conversation(chat)
    assert error.value.code == "AK-E001"
    assert plan(chat).user is not None  # the plan needs no recording and no speech extra
