"""EQ-Bench v2 (``affectkit/eq_intensity``) and EmoBench (``affectkit/emobench_eu`` / ``_ea``) tasks.

Pure parsers and scores first, then the inspect_ai metrics on hand-made scores, then end-to-end ``eval`` runs on
``mockllm/model`` (scripted outputs with explicit usage, so nothing is downloaded) and on the local
OpenAI-compatible test server. The fixtures in ``tests/evals/fixtures/`` are our own items in each format.
"""

from __future__ import annotations

import json
import math
import re
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from affectkit.errors import AffectkitError
from affectkit.evals.emobench import (
    LETTERS,
    load_emobench_ea,
    load_emobench_eu,
    parse_choice,
    position_bias,
    shuffle_choices,
)
from affectkit.evals.eq_bench import (
    MIN_PARSE_RATE,
    answer_section,
    benchmark_score,
    item_score,
    load_eq_bench,
    match_ratings,
    parse_ratings,
    scaled_difference,
    score_answer,
)

FIXTURES = Path(__file__).parent / "fixtures"
EQ_DATA = FIXTURES / "eq_bench_v2.json"
EU_DATA = FIXTURES / "emobench_eu.jsonl"
EA_DATA = FIXTURES / "emobench_ea.jsonl"
REPO = Path(__file__).resolve().parents[2]

# Hand-worked scaled differences, s(d) = 6.5 / (1 + e^(-1.2 (d - 4))) for 0 < d <= 5:
#   s(1) = 6.5 / (1 + e^3.6)  = 6.5 / (1 + 36.598234) = 6.5 / 37.598234 = 0.1728805
#   s(2) = 6.5 / (1 + e^2.4)  = 6.5 / (1 + 11.023176) = 6.5 / 12.023176 = 0.5406225
#   s(3) = 6.5 / (1 + e^1.2)  = 6.5 / (1 + 3.3201169) = 6.5 / 4.3201169  = 1.5045889
#   s(5) = 6.5 / (1 + e^-1.2) = 6.5 / (1 + 0.3011942) = 6.5 / 1.3011942  = 4.9954111
#   s(0) = 0 and s(6) = 6 (above 5 the difference itself)
# Item scores, 10 - 0.7477 * sum(s):
#   d = 1, 2, 0, 6 -> sum = 0.1728805 + 0.5406225 + 0 + 6 = 6.7135030 -> 10 - 5.0196862 = 4.9803138
#   d = 3, 0, 0, 0 -> 10 - 0.7477 * 1.5045889 = 10 - 1.1249811 = 8.8750189
#   d = 5, 0, 0, 0 -> 10 - 0.7477 * 4.9954111 = 10 - 3.7350689 = 6.2649311
SCORE_1206 = 4.9803138
SCORE_3 = 8.8750189
SCORE_5 = 6.2649311


@pytest.fixture()
def log_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    monkeypatch.setenv("INSPECT_LOG_DIR", str(tmp_path / "logs"))
    return str(tmp_path / "logs")


# ---- EQ-Bench: pure scoring -------------------------------------------------------------------------------------


def test_scaled_difference_matches_hand_values() -> None:
    assert scaled_difference(0) == 0
    assert scaled_difference(1) == pytest.approx(0.1728805, abs=1e-6)
    assert scaled_difference(2) == pytest.approx(0.5406225, abs=1e-6)
    assert scaled_difference(3) == pytest.approx(1.5045889, abs=1e-6)
    assert scaled_difference(4) == pytest.approx(3.25)  # 6.5 / (1 + e^0)
    assert scaled_difference(5) == pytest.approx(4.9954111, abs=1e-6)
    assert scaled_difference(6) == 6 and scaled_difference(10) == 10
    assert scaled_difference(-2) == scaled_difference(2)


def test_item_score_hand_worked() -> None:
    reference = {"Angry": 7, "Worried": 6, "Hopeful": 2, "Amused": 0}
    assert item_score(reference, reference) == 10
    off = {"Angry": 8, "Worried": 4, "Hopeful": 2, "Amused": 6}  # d = 1, 2, 0, 6
    assert item_score(off, reference) == pytest.approx(SCORE_1206, abs=1e-6)
    assert item_score({**reference, "Angry": 4}, reference) == pytest.approx(SCORE_3, abs=1e-6)
    # the worst answer is 10 off on all four: 10 - 0.7477 * 40
    worst = item_score({"Angry": 10, "Worried": 10, "Hopeful": 10, "Amused": 10}, {k: 0 for k in reference})
    assert worst == pytest.approx(10 - 0.7477 * 40)
    with pytest.raises(ValueError):
        item_score({"Angry": 1}, reference)


def test_benchmark_score_is_ten_times_the_mean_item_score() -> None:
    # two parseable items (10 and 4.9803138) and one unparseable: 10 * (10 + 4.9803138) / 2 = 74.901569
    summary = benchmark_score([10.0, SCORE_1206, None])
    assert summary.score == pytest.approx(74.901569, abs=1e-5)
    assert summary.parse_rate == pytest.approx(2 / 3)
    assert (summary.n_items, summary.n_parsed, summary.valid) == (3, 2, False)
    assert "INVALID" in summary.note
    # the unparseable item is left out, not scored 0: scoring it 0 would give 49.93
    assert summary.score != pytest.approx(10 * (10 + SCORE_1206) / 3)
    assert math.isnan(benchmark_score([None, float("nan")]).score)
    assert benchmark_score([]).valid is False


def test_validity_threshold() -> None:
    assert MIN_PARSE_RATE == 0.8333
    assert benchmark_score([10.0] * 5 + [None]).valid  # 5/6 = 83.33%
    assert not benchmark_score([10.0] * 4 + [None]).valid  # 4/5 = 80%
    assert benchmark_score([10.0] * 143 + [None] * 28).valid  # 143/171 = 83.6%
    assert not benchmark_score([10.0] * 142 + [None] * 29).valid  # 142/171 = 83.0%
    assert benchmark_score([5.0] * 10).note.startswith("valid")


# ---- EQ-Bench: parsing ------------------------------------------------------------------------------------------

REFERENCE = {"Guilty": 7, "Defensive": 4, "Proud": 0, "Sad": 5}


def test_revised_section_wins_over_first_pass() -> None:
    answer = (
        "First pass scores:\nGuilty: 2\nDefensive: 9\nProud: 3\nSad: 1\n\n"
        "Critique: June knows she let Ravi down; the first pass underrates her guilt.\n\n"
        "Revised scores:\nGuilty: 7\nDefensive: 4\nProud: 0\nSad: 5\n"
    )
    assert answer_section(answer)[0] == "revised"
    result = score_answer(answer, REFERENCE)
    assert result.parsed and result.score == 10 and result.section == "revised"
    assert result.ratings == {"Guilty": 7, "Defensive": 4, "Proud": 0, "Sad": 5}


def test_revised_section_markdown_and_case() -> None:
    answer = (
        "**First pass scores:**\n- guilty: 1\n\n**Critique:** fine\n\n**Revised Scores:**\n"
        "- **GUILTY**: 8\n-  defensive : 4\n- Proud: **0**\n- sad: 5.5\n"
    )
    assert parse_ratings(answer) == [("GUILTY", 8.0), ("defensive", 4.0), ("Proud", 0.0), ("sad", 5.5)]
    result = score_answer(answer, REFERENCE)
    # d = 1, 0, 0, 0.5: 10 - 0.7477 * (s(1) + s(0.5)), s(0.5) = 6.5 / (1 + e^4.2) = 6.5 / 67.686331 = 0.0960307
    assert result.score == pytest.approx(10 - 0.7477 * (0.1728805 + 0.0960307), abs=1e-6)


def test_first_pass_only_and_no_headings() -> None:
    first_only = "First pass scores:\nGuilty: 7\nDefensive: 4\nProud: 0\nSad: 5\n\nCritique: Proud: 9 would be wrong"
    assert score_answer(first_only, REFERENCE).section == "first_pass"
    assert score_answer(first_only, REFERENCE).score == 10  # the critique's "Proud: 9" is not read
    plain = "Guilty: 7, Defensive: 4, Proud: 0, Sad: 5"
    assert score_answer(plain, REFERENCE).section == "whole"
    assert score_answer(plain, REFERENCE).score == 10


@pytest.mark.parametrize(
    "answer",
    [
        "",
        "I can't rate feelings.",
        "Revised scores:\nGuilty: 7\nDefensive: 4\nProud: 0",  # three emotions
        "Revised scores:\nGuilty: 7\nDefensive: 4\nProud: 0\nSad: 5\nAngry: 2",  # an extra one
        "Revised scores:\nGuilty: 7\nGuilty: 4\nProud: 0\nSad: 5",  # a duplicate
        "Revised scores:\nGuilt: 7\nDefensive: 4\nProud: 0\nSad: 5",  # a different emotion
        "First pass scores:\nGuilty: 7\nDefensive: 4\nProud: 0\nSad: 5\nRevised scores:\nnone needed",
        "Revised scores:\nGuilty: 70\nDefensive: 4\nProud: 0\nSad: 5",  # off the 0-10 scale asked for
        "Revised scores:\nGuilty: 1000000000\nDefensive: 4\nProud: 0\nSad: 5",  # would sink the whole score
        "Revised scores:\nGuilty: -2\nDefensive: 4\nProud: 0\nSad: 5",
        "Revised scores:\nGuilty: 1e9\nDefensive: 4\nProud: 0\nSad: 5",  # not read as 1
    ],
)
def test_unparseable_answers(answer: str) -> None:
    result = score_answer(answer, REFERENCE)
    assert result.score is None and not result.parsed
    assert result.reason


def test_match_ratings_is_case_insensitive_and_trims() -> None:
    pairs = [("  guilty ", 1.0), ("DEFENSIVE", 2.0), ("Proud", 3.0), ("sad", 4.0)]
    assert match_ratings(pairs, list(REFERENCE)) == {"Guilty": 1.0, "Defensive": 2.0, "Proud": 3.0, "Sad": 4.0}


def test_load_eq_bench_fixture_and_errors(tmp_path: Path) -> None:
    items = load_eq_bench(EQ_DATA)
    assert [item.id for item in items] == ["1", "2", "3", "4", "5", "6"]
    assert items[1].reference == {"Angry": 7.0, "Worried": 6.0, "Hopeful": 2.0, "Amused": 0.0}
    assert "Revised scores:" in items[0].prompt

    with pytest.raises(AffectkitError) as missing:
        load_eq_bench(tmp_path / "nope.json")
    assert missing.value.code == "AK-E001"
    bad = tmp_path / "bad.json"
    bad.write_text("{not json")
    with pytest.raises(AffectkitError) as invalid:
        load_eq_bench(bad)
    assert invalid.value.code == "AK-E004"
    no_ref = tmp_path / "no_ref.json"
    no_ref.write_text(json.dumps({"1": {"prompt": "x"}}))
    with pytest.raises(AffectkitError) as field:
        load_eq_bench(no_ref)
    assert field.value.code == "AK-E003" and field.value.field == "reference_answer_fullscale"
    bad_score = tmp_path / "bad_score.json"
    reference = {f"emotion{i}": f"E{i}" for i in range(1, 5)} | {f"emotion{i}_score": 1 for i in range(1, 5)}
    item = {"prompt": "x", "reference_answer_fullscale": reference | {"emotion2_score": "lots"}}
    bad_score.write_text(json.dumps({"1": item}))
    with pytest.raises(AffectkitError) as typed:
        load_eq_bench(bad_score)
    assert typed.value.code == "AK-E005" and typed.value.field == "emotion2_score"


# ---- EQ-Bench: inspect metrics on hand-made scores ----------------------------------------------------------------


def _sample_scores(values: list[dict[str, Any]], metadata: list[dict[str, Any]] | None = None) -> list[Any]:
    from inspect_ai.scorer import SampleScore, Score

    metadata = metadata or [{} for _ in values]
    return [
        SampleScore(score=Score(value=value, metadata=meta), sample_id=i, sample_metadata=meta)
        for i, (value, meta) in enumerate(zip(values, metadata, strict=True))
    ]


def test_eq_bench_metrics_on_scores() -> None:
    from affectkit.evals.eq_bench import eq_bench_score, parse_rate, valid

    parsed = [{"item_score": 10.0, "parsed": 1}] * 5 + [{"item_score": SCORE_1206, "parsed": 1}]
    unparsed = [{"item_score": float("nan"), "parsed": 0}]
    scores = _sample_scores(parsed + unparsed)  # 6 of 7 parse: 85.7%
    assert eq_bench_score()(scores) == pytest.approx(10 * (50 + SCORE_1206) / 6, abs=1e-5)
    assert parse_rate()(scores) == pytest.approx(6 / 7)
    assert valid()(scores) == 1.0
    scores = _sample_scores(parsed[:4] + unparsed)  # 4 of 5: 80%
    assert valid()(scores) == 0.0 and eq_bench_score()(scores) == 100.0


# ---- EmoBench: pure parsing, shuffling, position bias -------------------------------------------------------------

CHOICES = ["Delight", "Anger", "Embarrassment", "Pride", "Delight & Pride", "Fear"]


@pytest.mark.parametrize(
    ("answer", "expected"),
    [
        ("B", 1),
        ("b", 1),
        ("B.", 1),
        ("(C)", 2),
        ("**D**", 3),
        ("E) Delight & Pride", 4),
        ("A\nShe is happy because her daughter liked it.", 0),
        ("Answer: F", 5),
        ("The answer is (B).", 1),
        ("I think the answer is C, embarrassment.", 2),
        ("答案：D", 3),
        ("答案是B", 1),
        ("embarrassment", 2),
        ('"Fear"', 5),
        ("Option E fits best.", 4),
        ("I would pick (A) here.", 0),
        ("She would mostly feel anger at herself.", 1),
        ("She feels delight & pride.", 4),  # "Delight" and "Pride" are parts of the longer match
    ],
)
def test_parse_choice(answer: str, expected: int) -> None:
    assert parse_choice(answer, CHOICES) == expected


@pytest.mark.parametrize(
    "answer",
    [
        "",
        "   ",
        "A mix of feelings, really.",  # "A" as an article is not an answer
        "G",  # no such option
        "Answer: H",
        "Either (A) or (B).",
        "Anger or fear, hard to tell.",
        "I don't know.",
    ],
)
def test_parse_choice_unparsed(answer: str) -> None:
    assert parse_choice(answer, CHOICES) is None


def test_parse_choice_chinese_text() -> None:
    choices = ["惊喜", "愤怒", "厌恶", "恐惧"]
    assert parse_choice("惊喜", choices) == 0
    assert parse_choice("我认为他会感到愤怒。", choices) == 1
    assert parse_choice("选项C", choices) == 2


def test_shuffle_is_seeded_and_tracks_the_gold_answer() -> None:
    first = shuffle_choices(CHOICES, "Pride", key="42/en-1/emotion")
    assert first == shuffle_choices(CHOICES, "Pride", key="42/en-1/emotion")
    assert first.choices[first.gold] == "Pride"
    assert [CHOICES[i] for i in first.order] == first.choices
    orders = {tuple(shuffle_choices(CHOICES, "Pride", key=f"{seed}/x").choices) for seed in range(10)}
    assert len(orders) > 1
    assert shuffle_choices(CHOICES, "Pride", key=None).choices == CHOICES
    with pytest.raises(AffectkitError) as error:
        shuffle_choices(CHOICES, "Sadness", key=None)
    assert error.value.code == "AK-E011"


def test_loaders_shuffle_with_the_seed() -> None:
    eu = load_emobench_eu(EU_DATA)
    assert [item.id for item in eu] == ["en-1", "en-2", "en-3", "en-4", "zh-1"]
    assert [item.emotion.choices for item in eu] == [item.emotion.choices for item in load_emobench_eu(EU_DATA, 42)]
    assert [item.emotion.order for item in eu] != [item.emotion.order for item in load_emobench_eu(EU_DATA, 7)]
    assert any(item.emotion.order != sorted(item.emotion.order) for item in eu)
    unshuffled = load_emobench_eu(EU_DATA, seed=None)
    assert unshuffled[0].emotion.choices[0] == "Gratitude" and unshuffled[0].emotion.gold == 0
    rows = [json.loads(line) for line in EU_DATA.read_text(encoding="utf-8").splitlines()]
    for item, row in zip(eu, rows, strict=True):
        assert item.emotion.choices[item.emotion.gold] == row["emotion_label"]
        assert item.cause.choices[item.cause.gold] == row["cause_label"]
    ea = load_emobench_ea(EA_DATA)
    assert [item.question_type for item in ea] == ["Action", "Response", "Action", "Action", "Response"]
    assert all(item.question.choices[item.question.gold] for item in ea)


def test_loader_errors(tmp_path: Path) -> None:
    row = json.loads(EA_DATA.read_text(encoding="utf-8").splitlines()[0])
    cases = {
        "AK-E004": "{oops\n",
        "AK-E003": json.dumps({k: v for k, v in row.items() if k != "question type"}) + "\n",
        "AK-E005": json.dumps(row | {"choices": "one"}) + "\n",
        "AK-E011": json.dumps(row | {"label": "Something else"}) + "\n",
        "AK-E009": "\n\n",
    }
    for code, content in cases.items():
        path = tmp_path / f"{code}.jsonl"
        path.write_text(content, encoding="utf-8")
        with pytest.raises(AffectkitError) as error:
            load_emobench_ea(path)
        assert error.value.code == code, content
    with pytest.raises(AffectkitError) as missing:
        load_emobench_eu(tmp_path / "missing.jsonl")
    assert missing.value.code == "AK-E001"


def test_position_bias_hand_computed() -> None:
    # a model that always answers A on four items whose gold positions are A, B, C, A; one answer unparsed
    records = [(0, 0), (0, 1), (0, 2), (None, 0)]
    bias = position_bias(records, prefix="x_")
    assert bias["x_chosen_A"] == 1.0 and bias["x_chosen_B"] == 0.0 and bias["x_chosen_C"] == 0.0
    assert (bias["x_gold_A"], bias["x_gold_B"], bias["x_gold_C"]) == (0.5, 0.25, 0.25)
    # gold A: one right, one unparsed -> 1/2; gold B and C: wrong
    assert (bias["x_accuracy_gold_A"], bias["x_accuracy_gold_B"], bias["x_accuracy_gold_C"]) == (0.5, 0.0, 0.0)
    # parsed answers: chosen A,A,A vs gold A,B,C -> (|3-1| + |0-1| + |0-1|) / (2 * 3) = 2/3
    assert bias["x_position_bias"] == pytest.approx(2 / 3)
    assert position_bias([(1, 1), (0, 0)])["position_bias"] == 0.0
    assert math.isnan(position_bias([(None, 0)])["position_bias"])
    assert position_bias([]) == {}


# ---- end to end on mockllm ----------------------------------------------------------------------------------------


def _mock_model(reply: Callable[[list[Any]], str]) -> Any:
    from inspect_ai.model import ModelOutput, ModelUsage, get_model

    def output(messages: list[Any], *_args: Any) -> ModelOutput:
        result = ModelOutput.from_content(model="mockllm/model", content=reply(messages))
        result.usage = ModelUsage(input_tokens=10, output_tokens=5, total_tokens=15)
        return result

    return get_model("mockllm/model", custom_outputs=output, memoize=False)


def _metrics(log: Any) -> dict[str, float]:
    assert log.status == "success", log.error
    assert len(log.results.scores) == 1
    return {name: metric.value for name, metric in log.results.scores[0].metrics.items()}


def _ratings(reference: dict[str, float], changes: dict[str, float] | None = None) -> str:
    values = {**reference, **(changes or {})}
    return "\n".join(f"{name}: {value:g}" for name, value in values.items())


def _eq_answers() -> dict[str, str]:
    """Scripted answers per fixture prompt (the comments give each item's score, see the top of this file)."""
    items = {item.id: item for item in load_eq_bench(EQ_DATA)}
    ref = {key: item.reference for key, item in items.items()}
    answers = {
        # 10: revised section exact (the first pass is off and ignored)
        "1": f"First pass scores:\n{_ratings(ref['1'], {'Relieved': 2})}\n\nCritique: too low.\n\n"
        f"Revised scores:\n{_ratings(ref['1'])}",
        # 4.9803138: d = 1, 2, 0, 6 (Angry 7->8, Worried 6->4, Hopeful 2, Amused 0->6), lower-case names
        "2": "First pass scores:\nangry: 8\nworried: 4\nhopeful: 2\namused: 6\n\nCritique: keep.\n\n"
        "Revised scores:\nangry: 8\nworried: 4\nhopeful: 2\namused: 6",
        # 8.8750189: d = 3 on Guilty (7 -> 4), first-pass section only
        "3": f"First pass scores:\n{_ratings(ref['3'], {'Guilty': 4})}\n\nCritique: fine as is.",
        # unparseable: three emotions only
        "4": "Revised scores:\nEnvious: 6\nHappy: 4\nSurprised: 5",
        # 10: bare lines, no headings
        "5": _ratings(ref["5"]),
        # 6.2649311: d = 5 on Scared (7 -> 2)
        "6": f"Revised scores:\n{_ratings(ref['6'], {'Scared': 2})}",
    }
    return {items[key].prompt: answer for key, answer in answers.items()}


# 5 of 6 parse: 10 * (10 + 4.9803138 + 8.8750189 + 10 + 6.2649311) / 5 = 10 * 40.1202638 / 5 = 80.240528
EQ_EXPECTED_SCORE = 80.240528


def test_eq_intensity_end_to_end_on_mockllm(log_dir: str) -> None:
    from inspect_ai import eval as inspect_eval

    from affectkit.evals.eq_bench import eq_bench_summary, eq_intensity

    answers = _eq_answers()
    model = _mock_model(lambda messages: answers[messages[-1].text])
    log = inspect_eval(eq_intensity(data=str(EQ_DATA)), model=model, display="none", log_dir=log_dir)[0]
    metrics = _metrics(log)
    assert list(metrics) == ["eq_bench_score", "parse_rate", "valid"]
    assert metrics["eq_bench_score"] == pytest.approx(EQ_EXPECTED_SCORE, abs=1e-4)
    assert metrics["parse_rate"] == pytest.approx(5 / 6)
    assert metrics["valid"] == 1.0
    assert log.eval.task == "affectkit/eq_intensity"
    assert "0.8333" in log.eval.metadata["validity_rule"]
    by_id = {sample.id: sample.scores["eq_bench_scorer"] for sample in log.samples}
    assert by_id["4"].value["parsed"] == 0 and math.isnan(by_id["4"].value["item_score"])
    assert "unparseable" in by_id["4"].explanation
    assert by_id["2"].value["item_score"] == pytest.approx(SCORE_1206, abs=1e-6)
    assert by_id["3"].metadata["section"] == "first_pass"
    summary = eq_bench_summary(log)
    assert summary.valid and summary.n_parsed == 5 and summary.n_items == 6


def test_eq_intensity_invalid_run(log_dir: str) -> None:
    from inspect_ai import eval as inspect_eval

    from affectkit.evals.eq_bench import eq_bench_summary, eq_intensity

    answers = _eq_answers()
    model = _mock_model(lambda messages: answers[messages[-1].text] if "Tomas" in messages[-1].text else "Hmm.")
    log = inspect_eval(eq_intensity(data=str(EQ_DATA)), model=model, display="none", log_dir=log_dir)[0]
    metrics = _metrics(log)
    assert metrics["parse_rate"] == pytest.approx(1 / 6)
    assert metrics["valid"] == 0.0
    assert metrics["eq_bench_score"] == 100.0  # the one parsed answer is exact; the run is still invalid
    assert eq_bench_summary(log).note.startswith("INVALID")


def _options(text: str) -> dict[str, str]:
    """The lettered options of a prompt, text -> letter."""
    return {m.group(2): m.group(1) for m in re.finditer(r"^([A-Z])\. (.+)$", text, re.MULTILINE)}


def test_emobench_eu_end_to_end_on_mockllm(log_dir: str) -> None:
    from inspect_ai import eval as inspect_eval

    from affectkit.evals.emobench import emobench_eu

    rows = [json.loads(line) for line in EU_DATA.read_text(encoding="utf-8").splitlines()]

    def row_for(messages: list[Any]) -> dict[str, Any]:
        first = messages[0].text
        return next(row for row in rows if row["scenario"] in first)

    def reply(messages: list[Any]) -> str:
        row = row_for(messages)
        options = _options(messages[-1].text)
        key = f"{row['language']}-{row['qid']}"
        if len([m for m in messages if m.role == "user"]) == 1:  # emotion turn
            wrong = next(text for text in options if text != row["emotion_label"])
            return {
                "en-1": options[row["emotion_label"]],
                "en-2": f"Answer: {options[row['emotion_label']]}",
                "en-3": "It is hard to say.",
                "en-4": f"({options[wrong]})",
                "zh-1": f"答案：{options[row['emotion_label']]}",
            }[key]
        wrong_cause = next(text for text in options if text != row["cause_label"])
        return {
            "en-1": options[row["cause_label"]],
            "en-2": options[wrong_cause],
            "en-3": f"**{options[row['cause_label']]}**",
            "en-4": row["cause_label"],  # the choice text itself
            "zh-1": row["cause_label"],
        }[key]

    log = inspect_eval(emobench_eu(data=str(EU_DATA)), model=_mock_model(reply), display="none", log_dir=log_dir)[0]
    metrics = _metrics(log)
    # emotion right: en-1, en-2, zh-1; unparsed: en-3; wrong: en-4.  cause right: all but en-2.
    assert metrics["emotion_accuracy"] == pytest.approx(3 / 5)
    assert metrics["cause_accuracy"] == pytest.approx(4 / 5)
    assert metrics["both_accuracy"] == pytest.approx(2 / 5)
    assert metrics["emotion_parse_rate"] == pytest.approx(4 / 5)
    assert metrics["cause_parse_rate"] == 1.0
    assert metrics["emotion_accuracy_parsed"] == pytest.approx(3 / 4)
    assert metrics["emotion_accuracy[category=complex_emotions]"] == 1.0  # en-1, en-2, zh-1
    assert metrics["cause_accuracy[category=complex_emotions]"] == pytest.approx(2 / 3)
    assert metrics["emotion_accuracy[category=personal_beliefs_and_experiences]"] == 0.0  # en-3, en-4
    assert metrics["both_accuracy[language=en]"] == pytest.approx(1 / 4)
    assert metrics["emotion_accuracy[language=zh]"] == 1.0
    chosen = [v for k, v in metrics.items() if re.fullmatch(r"emotion_chosen_[A-F]", k)]
    assert sum(chosen) == pytest.approx(1.0)
    gold = [v for k, v in metrics.items() if re.fullmatch(r"emotion_gold_[A-F]", k)]
    assert sum(gold) == pytest.approx(1.0)
    assert 0.0 <= metrics["emotion_position_bias"] <= 1.0 and "cause_position_bias" in metrics
    assert any(k.startswith("cause_accuracy_gold_") for k in metrics)

    samples = {sample.id: sample for sample in log.samples}
    # the cause question follows the model's own emotion answer (wrong for en-4, unparsed for en-3)
    en4 = samples["en-4"]
    picked = _options(en4.messages[0].text)
    wrong_letter = en4.messages[1].text.strip("()")
    wrong_text = next(text for text, letter in picked.items() if letter == wrong_letter)
    assert f"feel {wrong_text} in this scenario" in en4.messages[2].text
    assert "feel this way" in samples["en-3"].messages[2].text
    assert "感到“惊喜”" in samples["zh-1"].messages[2].text
    assert [m.role for m in en4.messages] == ["user", "assistant", "user", "assistant"]
    assert samples["en-3"].scores["emobench_eu_scorer"].value["emotion_parsed"] == 0


def test_emobench_ea_end_to_end_on_mockllm(log_dir: str) -> None:
    from inspect_ai import eval as inspect_eval

    from affectkit.evals.emobench import emobench_ea

    def reply(messages: list[Any]) -> str:  # always "A", except one answer that names no option
        return "我不确定。" if "小王" in messages[-1].text else "A"

    log = inspect_eval(emobench_ea(data=str(EA_DATA)), model=_mock_model(reply), display="none", log_dir=log_dir)[0]
    metrics = _metrics(log)
    items = load_emobench_ea(EA_DATA, seed=42)
    gold = [item.question.gold for item in items]
    assert len(set(gold)) > 1  # the shuffle moved the answers around
    en_gold = gold[:4]  # the zh item is unparsed
    assert metrics["accuracy"] == pytest.approx(en_gold.count(0) / 5)
    assert metrics["parse_rate"] == pytest.approx(4 / 5)
    assert metrics["accuracy_parsed"] == pytest.approx(en_gold.count(0) / 4)
    assert metrics["chosen_A"] == 1.0 and metrics.get("chosen_B", 0.0) == 0.0
    for position in set(gold):
        letter = LETTERS[position]
        assert metrics[f"gold_{letter}"] == pytest.approx(gold.count(position) / 5)
    if 0 in en_gold:
        assert metrics["accuracy_gold_A"] == pytest.approx(en_gold.count(0) / gold.count(0))
    # parsed answers all at A vs their gold positions: distance = 1 - share of gold A among them
    assert metrics["position_bias"] == pytest.approx(1 - en_gold.count(0) / 4)
    assert metrics["accuracy[language=zh]"] == 0.0
    assert "accuracy[category=Self-Self]" in metrics and "accuracy[question_type=Response]" in metrics

    # another seed gives another order (same items)
    other = load_emobench_ea(EA_DATA, seed=1)
    assert [item.question.order for item in other] != [item.question.order for item in items]


# ---- end to end on the local OpenAI-compatible server ---------------------------------------------------------------


def test_eq_intensity_on_local_openai_server(openai_server: Any, monkeypatch: pytest.MonkeyPatch, log_dir: str) -> None:
    from inspect_ai import eval as inspect_eval

    from openai_server import message_text

    answers = {item.prompt: item.reference for item in load_eq_bench(EQ_DATA)}

    def reply(messages: list[dict[str, Any]]) -> str:
        reference = answers[message_text(messages[-1])]
        changes = {"Angry": 8, "Worried": 4, "Amused": 6} if "Angry" in reference else {}  # item 2: d = 1, 2, 0, 6
        return (
            f"First pass scores:\n{_ratings(reference, {name: 0 for name in reference})}\n\n"
            f"Critique: the first pass ignores the dialogue.\n\nRevised scores:\n{_ratings(reference, changes)}\n"
        )

    openai_server.reply = reply
    for key, value in openai_server.env("LOCAL").items():
        monkeypatch.setenv(key, value)
    log = inspect_eval(
        "affectkit/eq_intensity",  # by name, through the package's inspect_ai entry point
        task_args={"data": str(EQ_DATA)},
        model="openai-api/local/test-model",
        display="none",
        log_dir=log_dir,
    )[0]
    metrics = _metrics(log)
    assert list(metrics) == ["eq_bench_score", "parse_rate", "valid"]
    # 10 * (5 * 10 + 4.9803138) / 6 = 91.633856
    assert metrics["eq_bench_score"] == pytest.approx(91.633856, abs=1e-4)
    assert metrics["parse_rate"] == 1.0 and metrics["valid"] == 1.0
    requests = openai_server.chat_requests
    assert len(requests) == 6
    assert {request.body["model"] for request in requests} == {"test-model"}
    assert all(request.body["messages"][-1]["role"] == "user" for request in requests)


# ---- packaging: entry point, lazy imports, missing extra ------------------------------------------------------------


def test_entry_point_registers_the_tasks() -> None:
    from importlib.metadata import entry_points

    values = {ep.name: ep.value for ep in entry_points(group="inspect_ai")}
    assert values.get("affectkit") == "affectkit.evals._registry"
    registry = (REPO / "src" / "affectkit" / "evals" / "_registry.py").read_text()
    for name in ("eq_intensity", "emobench_eu", "emobench_ea"):
        assert re.search(rf"^from affectkit\.evals\.\w+ import .*\b{name}\b", registry, re.MULTILINE)


def _run(code: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120, cwd=REPO)


def test_import_affectkit_does_not_import_inspect_ai() -> None:
    result = _run("import sys, affectkit, affectkit.evals; print('inspect_ai' in sys.modules)")
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "False"


def test_without_inspect_ai_pure_parts_work_and_tasks_name_the_extra() -> None:
    code = f"""
import sys
sys.modules["inspect_ai"] = None  # as if the eval extra were not installed
from affectkit.errors import AffectkitError
from affectkit.evals.eq_bench import eq_intensity, score_answer
from affectkit.evals.emobench import emobench_eu, parse_choice
print(score_answer("Sad: 1", {{"Sad": 1}}).score, parse_choice("B", ["x", "y"]))
for factory in (eq_intensity, emobench_eu):
    try:
        factory(data={str(EQ_DATA)!r})
    except AffectkitError as error:
        print(error.code, "affectkit[eval]" in str(error))
"""
    result = _run(code)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split("\n")[:3] == ["10.0 1", "AK-E008 True", "AK-E008 True"]
