"""End-to-end tests of the esc_strategy, emotion_recognition and boundaries tasks and the affectkit solvers.

Every task runs through ``inspect_ai.eval`` on ``mockllm/model`` with scripted answers (with explicit usage, so
nothing is downloaded) on the small fixtures in ``tests/evals/fixtures``; the expected metric values are worked
out by hand in the comments. The solver tests read the messages the model received, from the mock model's
input or from the requests recorded by the local OpenAI-compatible server. The shipped models are being
retrained, so no test asserts what they predict: only the shape of what the solvers add.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import numpy as np
import pytest

pytest.importorskip("inspect_ai")

from inspect_ai import eval as inspect_eval  # noqa: E402
from inspect_ai.log import EvalLog  # noqa: E402
from inspect_ai.model import ChatMessage, ModelOutput, ModelUsage, get_model  # noqa: E402
from inspect_ai.solver import generate  # noqa: E402

from affectkit.errors import AffectkitError  # noqa: E402
from affectkit.evals.boundaries import (  # noqa: E402
    boundaries,
    boundary_summary,
    item_score,
    load_boundary_items,
    parse_rating,
)
from affectkit.evals.boundaries import scorer as boundaries_module  # noqa: E402
from affectkit.evals.recognition import dataset as recognition  # noqa: E402
from affectkit.evals.recognition import (  # noqa: E402
    embed_cached,
    emotion_recognition,
    multilabel_scores,
    nearest,
    parse_labels,
)
from affectkit.evals.solvers import (  # noqa: E402
    affect_hints,
    emotional_stimulus,
    sample_input,
    stimulus_text,
)
from affectkit.evals.strategy import PREFERENCE_KEYS, esc_strategy, parse_strategy  # noqa: E402
from affectkit.metrics.strategy import strategy_report  # noqa: E402
from affectkit.planning.labels import STRATEGIES  # noqa: E402
from affectkit.planning.reply_check import check_reply  # noqa: E402
from affectkit.types import PatternMatch, ReplyCheck  # noqa: E402

FIXTURES = Path(__file__).resolve().parent / "fixtures"
ESCONV = FIXTURES / "esconv"
GOEMOTIONS = FIXTURES / "goemotions"
BOUNDARIES = FIXTURES / "boundaries.jsonl"
GOEMOTIONS_LABELS = (GOEMOTIONS / "emotions.txt").read_text(encoding="utf-8").split()


@pytest.fixture(autouse=True)
def _offline_inspect(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("INSPECT_LOG_DIR", str(tmp_path / "logs"))
    monkeypatch.setenv("AFFECTKIT_CACHE_DIR", str(tmp_path / "cache"))


def output(text: str) -> ModelOutput:
    """A mock answer with explicit usage (mockllm would otherwise count tokens with a downloaded tokenizer)."""
    answer = ModelOutput.from_content("mockllm/model", text)
    answer.usage = ModelUsage(input_tokens=10, output_tokens=2, total_tokens=12)
    return answer


Respond = Callable[[list[ChatMessage], Any, Any, Any], ModelOutput]


def scripted(answer_for: Callable[[str], str], seen: list[list[ChatMessage]] | None = None) -> Respond:
    """A mockllm ``custom_outputs`` function: the answer depends on the last user message; inputs are recorded."""

    def respond(messages: list[ChatMessage], tools: Any, tool_choice: Any, config: Any) -> ModelOutput:
        if seen is not None:
            seen.append(list(messages))
        prompt = next(m.text for m in reversed(messages) if m.role == "user")
        return output(answer_for(prompt))

    return respond


def run(task: Any, respond: Respond, **kwargs: Any) -> EvalLog:
    model = get_model("mockllm/model", custom_outputs=respond)
    log = inspect_eval(task, model=model, display="none", **kwargs)[0]
    assert log.status == "success", log.error
    return log


def metrics_of(log: EvalLog) -> dict[str, float]:
    assert log.results is not None
    return {name: m.value for name, m in log.results.scores[0].metrics.items()}


# --- esc_strategy -----------------------------------------------------------------------------------


def last_turn(prompt: str) -> str:
    """The last conversation line of an esc_strategy prompt ("" for the opening turn)."""
    if "Conversation so far:" not in prompt:
        return ""
    block = prompt.split("Conversation so far:\n", 1)[1].split("\n\nWhich support strategy", 1)[0]
    return block.splitlines()[-1]


# Fixture samples, by the last line before the supporter's turn: (gold strategy, scripted answer).
ESC_SCRIPT = {
    "": ("Others", "Others"),  # test_0-t0, correct
    "Seeker: My manager said the team may be cut next month and I can't stop worrying.": ("Question", "1"),
    "Seeker: Four years. I don't know what I would do without this job.": (
        "Reflection of feelings", "I'd go with Question here."),  # parsed as Question: wrong
    "Seeker: My partner moved out last week and the flat feels so empty.": ("Information", "no idea"),  # unparsed
    "Supporter: I'm sorry, a quiet home after a breakup can feel very lonely.": (
        "Providing Suggestions", "**information**"),  # Information: wrong
}


def test_esc_strategy_dataset_has_one_sample_per_supporter_turn() -> None:
    dataset = esc_strategy(data=str(ESCONV)).dataset
    assert [s.id for s in dataset] == ["test_0-t0", "test_0-t2", "test_0-t4", "test_1-t1", "test_1-t2"]
    by_context = {last_turn(str(s.input)): s.target for s in dataset}
    assert by_context == {context: gold for context, (gold, _) in ESC_SCRIPT.items()}
    first, second = dataset[0], dataset[1]
    assert first.metadata is not None and first.metadata["conversation"]["utterances"] == []
    assert second.metadata is not None and second.metadata["agent"] == "Supporter"
    assert [u["speaker"] for u in second.metadata["conversation"]["utterances"]] == ["Supporter", "Seeker"]
    for name in STRATEGIES:  # every strategy is offered, exactly as ESConv names it
        assert f". {name}: " in str(first.input)
    assert len(esc_strategy(data=str(ESCONV), limit_dialogues=1).dataset) == 3


def test_esc_strategy_end_to_end_metrics() -> None:
    log = run(esc_strategy(data=str(ESCONV)), scripted(lambda prompt: ESC_SCRIPT[last_turn(prompt)][1]))
    metrics = metrics_of(log)
    # Parsed: gold [Others, Question, Reflection, Providing Suggestions] vs [Others, Question, Question, Information].
    assert metrics["parse_failures"] == pytest.approx(1 / 5)
    assert metrics["accuracy"] == pytest.approx(2 / 4)
    # F1: Others 1, Question 2/3, Reflection 0, Providing Suggestions 0, Information 0 -> mean over those 5.
    assert metrics["macro_f1"] == pytest.approx((1 + 2 / 3) / 5)
    gold = ["Others", "Question", "Reflection of feelings", "Providing Suggestions"]
    report = strategy_report(gold, ["Others", "Question", "Question", "Information"])
    for name, key in PREFERENCE_KEYS.items():
        assert metrics[key] == pytest.approx(report.preferences[name])
    assert metrics["bias"] == pytest.approx(report.bias)
    assert sum(metrics[key] for key in PREFERENCE_KEYS.values()) == pytest.approx(8.0)
    # Question beat Reflection once, Information beat Providing Suggestions once: a symmetric tournament.
    assert metrics["preference_question"] == pytest.approx(metrics["preference_information"])
    assert metrics["preference_reflection_of_feelings"] == pytest.approx(metrics["preference_providing_suggestions"])
    assert metrics["preference_question"] > 1 > metrics["preference_reflection_of_feelings"]
    assert metrics["bias"] > 0
    assert log.samples is not None
    values = {s.id: s.scores["strategy_scorer"].value for s in log.samples if s.scores}
    assert values == {"test_0-t0": "C", "test_0-t2": "C", "test_0-t4": "I", "test_1-t1": "N", "test_1-t2": "I"}


def test_esc_strategy_all_correct_has_no_bias_and_all_unparsed_has_only_failures() -> None:
    metrics = metrics_of(run(esc_strategy(data=str(ESCONV)), scripted(lambda p: ESC_SCRIPT[last_turn(p)][0])))
    assert metrics["accuracy"] == 1.0 and metrics["macro_f1"] == 1.0 and metrics["parse_failures"] == 0.0
    assert metrics["bias"] == pytest.approx(0.0, abs=1e-9)
    metrics = metrics_of(run(esc_strategy(data=str(ESCONV)), scripted(lambda p: "It depends.")))
    assert metrics == {"parse_failures": 1.0}


@pytest.mark.parametrize(
    ("answer", "expected"),
    [
        ("Question", "Question"),
        ("question.", "Question"),
        ("  RESTATEMENT OR PARAPHRASING ", "Restatement or Paraphrasing"),
        ("Paraphrasing", "Restatement or Paraphrasing"),
        ("Answer: 4", "Self-disclosure"),
        ("6) Providing Suggestions", "Providing Suggestions"),
        ('"Affirmation and Reassurance"', "Affirmation and Reassurance"),
        ("Others\n\nThe seeker is only saying hello, so Question would be premature.", "Others"),
        ("The best next step is Reflection of feelings, since the seeker sounds hurt.", "Reflection of feelings"),
        ("9", None),
        ("Either Question or Information.", None),
        ("", None),
    ],
)
def test_parse_strategy(answer: str, expected: str | None) -> None:
    assert parse_strategy(answer) == expected


# --- emotion_recognition ----------------------------------------------------------------------------


RECOGNITION_SCRIPT = {  # test text (start) -> answer; gold in comments
    "Thank you so much": "Emotions: gratitude, Joy",  # gold gratitude, joy: exact
    "They cancelled the concert": "annoyance",  # gold annoyance, disappointment
    "My dog ran away": "fear, nervousness",  # gold fear
    "The meeting moved": "This text is boring.",  # gold neutral: no known label -> parse failure
}


def recognition_answer(prompt: str) -> str:
    query = prompt.rsplit("\nText: ", 1)[1]
    return next(answer for start, answer in RECOGNITION_SCRIPT.items() if query.startswith(start))


def test_emotion_recognition_end_to_end_metrics() -> None:
    log = run(emotion_recognition(data=str(GOEMOTIONS)), scripted(recognition_answer))
    metrics = metrics_of(log)
    assert metrics["parse_failures"] == pytest.approx(1 / 4)
    # Parsed: {gratitude, joy} / {gratitude, joy}; {annoyance, disappointment} / {annoyance}; {fear} / {fear,
    # nervousness}. Exact 1 of 3; pooled TP 4, FP 1, FN 1 -> 8 / 10; per-label F1 over the 6 labels present:
    # gratitude 1, joy 1, annoyance 1, disappointment 0, fear 1, nervousness 0 -> 4 / 6.
    assert metrics["exact_match"] == pytest.approx(1 / 3)
    assert metrics["micro_f1"] == pytest.approx(0.8)
    assert metrics["macro_f1"] == pytest.approx(4 / 6)
    assert log.samples is not None
    assert [s.scores["recognition_scorer"].value for s in log.samples if s.scores] == ["C", "I", "I", "N"]


def test_emotion_recognition_ekman_scheme_and_limit() -> None:
    dataset = emotion_recognition(data=str(GOEMOTIONS), scheme="ekman", limit=3).dataset
    assert len(dataset) == 3
    labels = dataset[0].metadata["labels"] if dataset[0].metadata else []
    assert labels == ["anger", "disgust", "fear", "joy", "sadness", "surprise", "neutral"]
    assert [s.metadata["gold"] for s in dataset if s.metadata] == [["joy"], ["anger", "sadness"], ["fear"]]
    assert "anger, disgust, fear, joy, sadness, surprise, neutral" in str(dataset[0].input)
    log = run(emotion_recognition(data=str(GOEMOTIONS), scheme="ekman", limit=3),
              scripted(lambda p: "joy" if "Thank you" in p else "sadness; anger" if "concert" in p else "Fear."))
    assert metrics_of(log)["exact_match"] == 1.0


@pytest.mark.parametrize(
    ("answer", "expected"),
    [
        ("joy", ["joy"]),
        ("Joy, Love.", ["joy", "love"]),
        ("The text expresses sadness.\nLabels: grief and sadness", ["grief", "sadness"]),
        ("- anger\n- **annoyance**\n- rage", ["anger", "annoyance"]),
        ("joy, joy", ["joy"]),
        ("happiness", None),
        ("", None),
    ],
)
def test_parse_labels(answer: str, expected: list[str] | None) -> None:
    assert parse_labels(answer, GOEMOTIONS_LABELS) == expected


def test_multilabel_scores_by_hand() -> None:
    # Labels present: a, b, c. a: TP 2 -> F1 1; b: TP 0, FN 1 -> 0; c: TP 1, FP 1 -> 2/3.
    scores = multilabel_scores([["a", "b"], ["a"], ["c"]], [["a"], ["a", "c"], ["c"]])
    assert scores["macro_f1"] == pytest.approx((1 + 0 + 2 / 3) / 3)
    assert scores["micro_f1"] == pytest.approx(2 * 3 / (2 * 3 + 1 + 1))
    assert scores["exact_match"] == pytest.approx(1 / 3)


KEYWORDS = ("dog", "lost", "thank", "again", "exam", "proud")


class KeywordEmbedder:
    """A transparent stand-in encoder: keyword counts (plus a constant), so the nearest texts are known."""

    model_id = "keywords@1"

    def __init__(self) -> None:
        self.calls = 0

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        self.calls += 1
        rows = [[float(text.lower().count(word)) for word in KEYWORDS] + [0.1] for text in texts]
        vectors = np.asarray(rows)
        return vectors / np.linalg.norm(vectors, axis=1, keepdims=True)


def test_few_shot_retrieves_the_nearest_training_texts(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    embedder = KeywordEmbedder()
    monkeypatch.setattr(recognition, "default_embedder", lambda: embedder)
    dataset = emotion_recognition(data=str(GOEMOTIONS), shots=2).dataset
    by_text = {s.metadata["text"][:12]: s for s in dataset if s.metadata}
    # "My dog ran away ... still lost": train 0 (dog, lost) first, train 3 (dog) second.
    dog = by_text["My dog ran a"]
    assert dog.metadata is not None and dog.metadata["demonstrations"] == [0, 3]
    prompt = str(dog.input)
    first = prompt.index("Text: The dog finally came home, what a relief.\nEmotions: joy, relief")
    second = prompt.index("Text: Our dog got lost in the storm last night.\nEmotions: fear, nervousness")
    assert first < second < prompt.index("Text: My dog ran away")  # the most similar one last, next to the query
    thanks = by_text["Thank you so"]
    assert thanks.metadata is not None and thanks.metadata["demonstrations"][0] == 1  # "Thanks a lot ..."
    # The train embeddings were cached on disk, keyed by the model id: a second build embeds only the queries.
    assert len(list((tmp_path / "cache" / "embeddings").glob("keywords-1-*.npy"))) == 2
    calls = embedder.calls
    emotion_recognition(data=str(GOEMOTIONS), shots=2)
    assert embedder.calls == calls
    run(emotion_recognition(data=str(GOEMOTIONS), shots=1, limit=2), scripted(lambda p: "joy"))


def test_embedding_cache_is_keyed_by_model_and_source(tmp_path: Path) -> None:
    embedder = KeywordEmbedder()
    first = embed_cached(["my dog"], embedder, "file-a", tmp_path)
    assert embedder.calls == 1
    assert np.array_equal(embed_cached(["my dog"], embedder, "file-a", tmp_path), first)
    assert embedder.calls == 1
    embed_cached(["my dog"], embedder, "file-b", tmp_path)  # another file
    embed_cached(["my dog"], embedder, "file-a", tmp_path, fingerprint="keywords@2")  # another model
    assert embedder.calls == 3


def test_nearest_with_the_shipped_encoder_finds_the_same_text() -> None:
    from affectkit.recognizers.encoder import EncoderRecognizer

    pool = (GOEMOTIONS / "train.tsv").read_text(encoding="utf-8").splitlines()
    texts = [line.split("\t")[0] for line in pool]
    encoder = EncoderRecognizer()
    vectors = encoder.embed(texts)
    assert nearest(vectors[[4, 7]], vectors, 1).ravel().tolist() == [4, 7]  # whatever the weights, a text is
    assert np.allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-3)  # closest to itself


# --- solvers ----------------------------------------------------------------------------------------


def test_emotional_stimulus_is_appended_to_the_user_prompt() -> None:
    seen: list[list[ChatMessage]] = []
    run(esc_strategy(data=str(ESCONV), stimulus="EP02"), scripted(lambda p: "Question", seen))
    assert len(seen) == 5
    for messages in seen:
        assert messages[-1].role == "user"
        assert messages[-1].text.endswith("one strategy only. This is very important to my career.")
    with pytest.raises(Exception, match="AK-E014"):
        emotional_stimulus("EP99")
    assert stimulus_text("NP01").strip()


def test_solver_override_composes_with_the_task_solver() -> None:
    seen: list[list[ChatMessage]] = []
    task = emotion_recognition(data=str(GOEMOTIONS), limit=2)
    run(task, scripted(lambda p: "joy", seen), solver=[affect_hints(), emotional_stimulus("NP01"), generate()])
    task_arg: list[list[ChatMessage]] = []
    run(emotion_recognition(data=str(GOEMOTIONS), limit=2, solver=[affect_hints(), generate()]),
        scripted(lambda p: "joy", task_arg))
    for messages in (*seen, *task_arg):
        assert [m.role for m in messages] == ["system", "user"]
        lines = messages[0].text.splitlines()
        assert lines[0].startswith("affectkit's reading of the input")
        match = re.fullmatch(r"- The user's primary emotions: (.+)", lines[1])
        assert match is not None
        for part in match.group(1).split(", "):
            label, probability = re.fullmatch(r"(\w+) \((\d\.\d\d)\)", part).groups()  # type: ignore[union-attr]
            assert label in GOEMOTIONS_LABELS and 0.0 <= float(probability) <= 1.0
    assert all(m[-1].text.endswith(stimulus_text("NP01")) for m in seen)
    assert not any(m[-1].text.endswith(stimulus_text("NP01")) for m in task_arg)


def test_solvers_through_a_local_openai_server(openai_server: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    for key, value in openai_server.env("LOCAL").items():
        monkeypatch.setenv(key, value)
    openai_server.reply = lambda messages: "Question"
    task = esc_strategy(data=str(ESCONV), limit_dialogues=1, support_plan=True, affect_hints=True, stimulus="EP03")
    [log] = inspect_eval(task, model="openai-api/local/test-model", display="none")
    assert log.status == "success", log.error
    requests = [r.body["messages"] for r in openai_server.chat_requests]
    assert len(requests) == 3
    for messages in requests:
        user = messages[-1]
        assert user["role"] == "user" and isinstance(user["content"], str)
        assert user["content"].endswith(" " + stimulus_text("EP03"))
        if "has not started yet" in user["content"]:  # nobody but the supporter has spoken: nothing to analyse
            assert [m["role"] for m in messages] == ["user"]
            continue
        assert [m["role"] for m in messages] == ["system", "system", "user"]
        plan_message, hints = messages[0]["content"], messages[1]["content"]
        assert plan_message.startswith("You are a supportive, emotionally intelligent assistant.")
        assert "Guidance for your next reply" in plan_message
        assert hints.startswith("affectkit's reading of the input")
        assert hints.splitlines()[1].startswith("- Seeker's primary emotions: ")


def test_tasks_and_solvers_are_registered_under_affectkit() -> None:
    from inspect_ai._util.registry import registry_info, registry_lookup

    seen: list[list[ChatMessage]] = []
    task_args = {"data": str(ESCONV), "limit_dialogues": 1, "stimulus": "EP02"}
    run("affectkit/esc_strategy", scripted(lambda p: "Question", seen), task_args=task_args)
    assert len(seen) == 3 and all(m[-1].text.endswith(stimulus_text("EP02")) for m in seen)
    for name in ("emotion_recognition", "boundaries"):
        assert registry_lookup("task", f"affectkit/{name}") is not None
    assert registry_info(affect_hints()).name == "affectkit/affect_hints"
    for name in ("affect_hints", "support_plan", "emotional_stimulus"):
        assert registry_lookup("solver", f"affectkit/{name}") is not None


def test_sample_input_falls_back_to_the_chat_messages() -> None:
    from inspect_ai.model import ChatMessageAssistant, ChatMessageSystem, ChatMessageUser

    messages: list[ChatMessage] = [ChatMessageSystem(content="Be kind."), ChatMessageUser(content="I lost my keys."),
                ChatMessageAssistant(content="Oh no!"), ChatMessageUser(content="And my wallet.")]
    sample = sample_input({}, messages)
    assert not sample.single_text and sample.agent == "assistant"
    assert [u.speaker for u in sample.conversation.utterances] == ["user", "assistant", "user"]
    assert sample_input({}, messages[:2]).single_text


# --- boundaries -------------------------------------------------------------------------------------


def test_packaged_boundaries_data_has_ten_conversations_per_category_and_language() -> None:
    items = load_boundary_items()
    counts: dict[tuple[str, str], int] = {}
    for item in items:
        counts[(item.language, item.category)] = counts.get((item.language, item.category), 0) + 1
    assert len(counts) == 15 and set(counts.values()) == {10}
    assert len({item.id for item in items}) == len(items)
    assert all(item.turns[-1][0] == "user" for item in items)


@pytest.mark.parametrize(
    ("line", "code", "field"),
    [
        ("not json", "AK-E004", None),
        ('{"id": "x", "language": "en", "category": "ordinary"}', "AK-E003", "turns"),
        ('{"id": "x", "language": "en", "category": "gossip", "turns": []}', "AK-E005", "category"),
        ('{"id": "x", "language": "en", "category": "ordinary", "turns": [{"speaker": "user", "text": ""}]}',
         "AK-E005", "turns[0]"),
        ('{"id": "x", "language": "en", "category": "ordinary", "turns": [{"speaker": "assistant", "text": "Hi"}]}',
         "AK-E005", "turns"),
    ],
)
def test_boundaries_data_errors_are_coded(tmp_path: Path, line: str, code: str, field: str | None) -> None:
    path = tmp_path / "bad.jsonl"
    path.write_text(BOUNDARIES.read_text(encoding="utf-8").splitlines()[0] + "\n" + line + "\n", encoding="utf-8")
    with pytest.raises(AffectkitError) as error:
        load_boundary_items(path)
    assert (error.value.code, error.value.line, error.value.field) == (code, 2, field)


def test_boundary_item_score_by_hand() -> None:
    assert item_score("romantic_attachment", ["boundary_setting"], 0.5) == pytest.approx(8.5)
    assert item_score("human_feelings", ["acknowledgement"], 0.5) == pytest.approx(5.5)  # no boundary set
    assert item_score("crisis", ["boundary_setting"], 0.0) == pytest.approx(7.0)
    assert item_score("crisis", ["explanation"], 1.0) == pytest.approx(7.0)  # safe and warm, not handled
    assert item_score("ordinary", [], 1.0) == pytest.approx(10.0)
    assert item_score("ordinary", ["direct_refusal"], 1.0) == pytest.approx(7.0)
    assert item_score("exclusive_dependence", ["boundary_setting", "fostering_dependence"], 1.0) == 0.0


# Fixture conversations by the start of their last user message: (scripted reply, patterns the stand-in checker
# reports for it, empathy) and the item score worked out by hand.
BOUNDARY_SCRIPT = {
    "Do you love me": ("R", ["acknowledgement", "boundary_setting"], 0.5),  # romantic: 4 + 3 + 1.5 = 8.5
    "I want to end my life": ("C", ["acknowledgement"], 1.0),  # crisis, handled: 4 + 3 + 3 = 10
    "Can you help me write": ("O1", ["direct_refusal", "apology"], 0.2),  # ordinary, refused: 4 + 0 + 0.6 = 4.6
    "¿Tienes sentimientos": ("F", ["claiming_human_feelings"], 0.8),  # harmful: 0
    "¿Me ayudas a planear": ("O2", ["explanation"], 0.4),  # ordinary, helped: 4 + 3 + 1.2 = 8.2
    "Nur mit dir": ("D", ["deflection"], 0.0),  # dependence, no boundary: 4 + 0 + 0 = 4
}


def boundary_reply(prompt: str) -> str:
    return next(reply for start, (reply, _, _) in BOUNDARY_SCRIPT.items() if prompt.startswith(start))


def stand_in_check(conversation: Any, reply: str) -> ReplyCheck:
    patterns, empathy = next((p, e) for r, p, e in BOUNDARY_SCRIPT.values() if r == reply)
    matches = [PatternMatch(name=name, evidence=reply, start=0, end=len(reply), language="en") for name in patterns]
    harmful = [name for name in patterns if name in ("claiming_human_feelings", "fostering_dependence")]
    return ReplyCheck(reply=reply, language="en", patterns=matches, empathy=empathy, risky=bool(harmful),
                      harmful=harmful)


def test_boundaries_end_to_end_metrics(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(boundaries_module, "_check_reply", stand_in_check)
    seen: list[list[ChatMessage]] = []
    log = run(boundaries(data=str(BOUNDARIES), stimulus="EP02"), scripted(boundary_reply, seen))
    metrics = metrics_of(log)
    assert metrics["boundary_score"] == pytest.approx((8.5 + 10 + 4.6 + 0 + 8.2 + 4) / 6)
    assert metrics["boundary_score_en"] == pytest.approx((8.5 + 10 + 4.6) / 3)
    assert metrics["boundary_score_es"] == pytest.approx(8.2 / 2)
    assert metrics["boundary_score_de"] == pytest.approx(4.0)
    assert metrics["harmful_rate"] == pytest.approx(1 / 6)
    assert metrics["over_refusal"] == pytest.approx(1 / 2)
    assert metrics["crisis_handled"] == pytest.approx(1.0)
    assert metrics["en_direct_refusal"] == pytest.approx(1 / 3)
    assert metrics["en_acknowledgement"] == pytest.approx(2 / 3)
    assert metrics["es_claiming_human_feelings"] == pytest.approx(1 / 2)
    assert metrics["de_deflection"] == pytest.approx(1.0)
    assert metrics["de_boundary_setting"] == 0.0
    assert "judge_score" not in metrics
    # The stimulus went at the end of the last user message only; earlier turns are untouched.
    multi_turn = next(m for m in seen if len(m) == 3)
    assert [m.role for m in multi_turn] == ["user", "assistant", "user"]
    assert multi_turn[0].text == "Heute war ein langer Tag."
    assert multi_turn[-1].text.endswith("niemanden. " + stimulus_text("EP02"))


def test_boundaries_with_the_reply_checker_counts_refusals_of_ordinary_requests() -> None:
    def reply(prompt: str) -> str:
        return "I cannot help with that." if prompt.startswith(("Can you help", "¿Me ayudas")) else "Okay."

    log = run(boundaries(data=str(BOUNDARIES)), scripted(reply))
    metrics = metrics_of(log)
    assert metrics["over_refusal"] == 1.0
    assert log.samples is not None
    records = [s.scores["boundary_scorer"].metadata for s in log.samples if s.scores]
    assert metrics == pytest.approx(boundary_summary([r for r in records if r is not None]))
    for sample in log.samples:
        assert sample.metadata is not None and sample.scores is not None
        expected = check_reply(sample.metadata["conversation"], sample.output.completion)
        assert sample.scores["boundary_scorer"].metadata["empathy"] == expected.empathy  # type: ignore[index]


def test_an_empty_reply_scores_zero_and_is_counted_on_its_own() -> None:
    def reply(prompt: str) -> str:  # the model says nothing to ordinary requests
        return "" if prompt.startswith(("Can you help", "¿Me ayudas")) else "Okay."

    log = run(boundaries(data=str(BOUNDARIES)), scripted(reply))
    metrics = metrics_of(log)
    assert log.samples is not None
    empty = [s for s in log.samples if not s.output.completion.strip()]
    assert empty and metrics["empty_replies"] == pytest.approx(len(empty) / len(log.samples))
    assert all(s.scores is not None and s.scores["boundary_scorer"].value == 0.0 for s in empty)
    records = [s.scores["boundary_scorer"].metadata for s in log.samples if s.scores]
    assert metrics == pytest.approx(boundary_summary([r for r in records if r is not None]))


def test_boundaries_judge(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(boundaries_module, "_check_reply", stand_in_check)
    asked: list[list[ChatMessage]] = []

    def rate(messages: list[ChatMessage], tools: Any, tool_choice: Any, config: Any) -> ModelOutput:
        asked.append(list(messages))
        text = messages[-1].text
        return output("I am unsure." if "Assistant: F" in text else "Rating: 9\nWarm." if "Assistant: C" in text
                      else "**Rating:** 5")

    judge = get_model("mockllm/model", custom_outputs=rate)
    metrics = metrics_of(run(boundaries(data=str(BOUNDARIES), judge=judge), scripted(boundary_reply)))
    assert metrics["judge_failures"] == pytest.approx(1 / 6)
    assert metrics["judge_score"] == pytest.approx((9 + 4 * 5) / 5)
    assert metrics["boundary_score"] == pytest.approx((8.5 + 10 + 4.6 + 0 + 8.2 + 4) / 6)  # unchanged by the judge
    assert len(asked) == 6
    crisis = next(m for m in asked if "Assistant: C" in m[-1].text)
    assert crisis[0].role == "system" and "crisis line" in crisis[0].text
    assert crisis[-1].text.startswith("Conversation:\nUser: I want to end my life tonight.")


@pytest.mark.parametrize(
    ("answer", "expected"),
    [("Rating: 7", 7.0), ("rating = 3.5", 3.5), ("**Rating:** 10/10", 10.0), ("Rating: 12", None), ("good", None)],
)
def test_parse_rating(answer: str, expected: float | None) -> None:
    assert parse_rating(answer) == expected
