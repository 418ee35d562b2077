"""Evaluation suites and comparison reports (``affectkit eval``): statistics, suite files, CLI, end to end.

The statistics are checked on hand-made score lists with known properties; the suites end to end through the CLI
and ``run_suite`` against the local OpenAI-compatible test server (two model names on one server), whose recorded
requests show that a rerun is served from inspect's generation cache.
"""

from __future__ import annotations

import importlib.util
import json
import math
import re
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from affectkit.cli import main
from affectkit.errors import AffectkitError
from affectkit.evals.report import (
    EvalReport,
    ScoreRecord,
    build_report,
    format_summary,
    render_html,
    task_metrics,
)
from affectkit.evals.stats import bootstrap_interval, bootstrap_sums, paired_sums, paired_test
from affectkit.evals.suite import BUILTIN_SUITES, load_suite, parse_variant, resolve_tasks

FIXTURES = Path(__file__).resolve().parent / "fixtures"
EP02 = "This is very important to my career."
GOOD_REPLY = (
    "I'm an AI and can't be your partner, but I'm glad our talks help. I'm sorry you feel this way. "
    "Who else could you talk to?"
)
needs_inspect = pytest.mark.skipif(importlib.util.find_spec("inspect_ai") is None, reason="needs affectkit[eval]")


@pytest.fixture(autouse=True)
def _offline_inspect(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("INSPECT_LOG_DIR", str(tmp_path / "inspect-logs"))
    monkeypatch.setenv("INSPECT_CACHE_DIR", str(tmp_path / "inspect-cache"))
    monkeypatch.setenv("AFFECTKIT_CACHE_DIR", str(tmp_path / "cache"))


# ---- statistics on hand-made lists ---------------------------------------------------------------------------------


def test_identical_lists_differ_by_zero_with_p_one() -> None:
    rng = np.random.default_rng(3)
    for values in ([0.2, 0.7, 0.4], list(rng.normal(size=50))):  # exact enumeration, then random permutations
        result = paired_test(values, values)
        assert result.difference == 0.0
        assert result.low == 0.0 and result.high == 0.0
        assert result.p_value == 1.0
        assert result.n == len(values)


def test_constant_shift_interval_excludes_zero() -> None:
    baseline = list(np.random.default_rng(1).uniform(0, 10, size=30))
    shifted = [x + 0.5 for x in baseline]
    result = paired_test(baseline, shifted)
    assert result.difference == pytest.approx(0.5)
    assert result.low == pytest.approx(0.5) and result.high == pytest.approx(0.5)
    assert result.low > 0
    # every sign flip but the identity (and its mirror) gives a smaller |difference|: p = (1 + 1-ish) / 5001
    assert result.p_value is not None and result.p_value < 0.01
    down = paired_test(shifted, baseline)
    assert down.difference == pytest.approx(-0.5) and down.high is not None and down.high < 0


def test_exact_sign_flip_p_value() -> None:
    # 5 pairs, all improved by different amounts: only "no swap" and "swap all" reach |d|, so p = 2 / 2**5
    result = paired_test([0.0] * 5, [1.0, 2.0, 3.0, 4.0, 5.0])
    assert result.p_value == pytest.approx(2 / 32)
    # one improvement and one equal loss: the observed difference is 0, every pattern reaches it
    assert paired_test([0.0, 1.0], [1.0, 0.0]).p_value == 1.0


def test_bootstrap_interval_properties() -> None:
    assert tuple(bootstrap_interval([3.0] * 8)) == (3.0, 3.0, 3.0)
    coin = [1.0, 0.0] * 50  # mean 0.5, standard error 0.05: a 95% interval of about 0.5 +- 0.1
    interval = bootstrap_interval(coin)
    assert interval.estimate == 0.5
    assert interval.low is not None and interval.high is not None
    assert 0.38 < interval.low < 0.45 and 0.55 < interval.high < 0.62
    assert bootstrap_interval(coin) == interval  # seeded: reproducible
    assert bootstrap_interval(coin, seed=1) != interval
    assert bootstrap_interval([]).estimate is None


def test_ratio_metric_ignores_units_outside_the_denominator() -> None:
    # accuracy over parsed answers: features [correct, parsed]; the unparsed unit never counts
    units = np.array([[1.0, 1.0], [0.0, 1.0], [0.0, 0.0], [1.0, 1.0]])
    result = bootstrap_sums(units, lambda s: s[..., 0] / s[..., 1])
    assert result.estimate == pytest.approx(2 / 3)
    paired = paired_sums(units, units, lambda s: s[..., 0] / s[..., 1])
    assert paired.difference == 0.0 and paired.p_value == 1.0


def _records(gold: list[str], predicted: list[str | None]) -> list[ScoreRecord]:
    return [
        ScoreRecord(str(i), 1, "N" if p is None else ("C" if p == g else "I"), p, {"gold": g, "predicted": p})
        for i, (g, p) in enumerate(zip(gold, predicted, strict=True))
    ]


def test_strategy_metrics_match_the_task_definitions() -> None:
    from affectkit.metrics.strategy import strategy_report

    gold = ["Question", "Question", "Information", "Others", "Question", "Information"]
    predicted: list[str | None] = ["Question", "Information", "Information", None, "Others", "Information"]
    records = _records(gold, predicted)
    metrics = {m.name: m for m in task_metrics("esc_strategy")}
    assert [m.parse for m in task_metrics("esc_strategy")] == [False, True, False]
    labels = sorted({x for r in records for x in metrics["macro_f1"].labels(r)})  # type: ignore[misc]

    def value(name: str) -> float:
        rows = np.array([metrics[name].features(r, labels) for r in records])
        return float(metrics[name].value(rows.sum(axis=0)))

    parsed = [(g, p) for g, p in zip(gold, predicted, strict=True) if p is not None]
    expected = strategy_report([g for g, _ in parsed], [p for _, p in parsed])
    assert value("accuracy") == pytest.approx(expected.accuracy)
    assert value("macro_f1") == pytest.approx(expected.macro_f1)
    assert value("parse_failures") == pytest.approx(1 / 6)


# ---- suites --------------------------------------------------------------------------------------------------------


def test_builtin_suites_and_variants() -> None:
    assert set(BUILTIN_SUITES) >= {"quick", "ei"}
    quick = load_suite("quick")
    assert [v.name for v in quick.variants] == ["support_plan", "stimulus=EP02", "stimulus=NP01"]
    assert parse_variant("stimulus=EP02+support_plan").name == "support_plan+stimulus=EP02"
    assert parse_variant(" baseline ").is_baseline
    with pytest.raises(AffectkitError) as error:
        parse_variant("mood_music")
    assert error.value.code == "AK-E016"
    with pytest.raises(AffectkitError) as error:
        parse_variant("stimulus=EP99")
    assert error.value.code == "AK-E014"
    with pytest.raises(AffectkitError) as error:
        load_suite("no-such-suite")
    assert error.value.code == "AK-E015" and "quick" in str(error.value)


def test_suite_files_and_data(tmp_path: Path) -> None:
    suite_file = tmp_path / "mine.json"
    suite_file.write_text(json.dumps({
        "description": "tiny",
        "variants": ["affect_hints", "affect_hints"],
        "tasks": [
            {"task": "affectkit/boundaries", "args": {"data": "boundaries.jsonl"}},
            {"task": "esc_strategy", "name": "esc", "args": {"data": "{data}/esconv"}, "optional": True},
        ],
    }))
    (tmp_path / "boundaries.jsonl").write_text((FIXTURES / "boundaries.jsonl").read_text())
    suite = load_suite(suite_file)
    assert suite.name == "mine" and [v.name for v in suite.variants] == ["affect_hints"]
    with pytest.raises(AffectkitError) as error:
        resolve_tasks(suite)  # {data} without a data folder
    assert error.value.code == "AK-E017"
    tasks, skipped = resolve_tasks(suite, data=tmp_path)  # relative path anchored at the suite file
    assert [t.name for t in tasks] == ["boundaries"] and tasks[0].args["data"] == str(tmp_path / "boundaries.jsonl")
    assert [name for name, _ in skipped] == ["esc"]
    tasks, skipped = resolve_tasks(suite, data=FIXTURES)
    assert [t.name for t in tasks] == ["boundaries", "esc"] and not skipped

    toml_file = tmp_path / "other.toml"
    toml_file.write_text('name = "t"\nvariants = ["stimulus=NP01"]\n[[tasks]]\ntask = "boundaries"\n'
                         'args = { language = "de" }\n')
    assert load_suite(toml_file).tasks[0].args == {"language": "de"}
    for bad, field in (({"tasks": []}, "tasks"), ({"tasks": [{"task": "sing"}]}, "tasks[0].task"),
                       ({"tasks": [{"task": "boundaries"}], "colour": 1}, "colour"),
                       ({"tasks": [{"task": "boundaries"}, {"task": "boundaries"}]}, "tasks[1].name")):
        path = tmp_path / "bad.json"
        path.write_text(json.dumps(bad))
        with pytest.raises(AffectkitError) as error:
            load_suite(path)
        assert error.value.code == "AK-E015" and error.value.field == field


@pytest.mark.parametrize(
    ("argv", "code"),
    [
        (["eval", "no-such-suite", "--model", "mockllm/model"], "AK-E015"),
        (["eval", "no/such/suite.json", "--model", "mockllm/model"], "AK-E001"),
        (["eval", "quick", "--model", "mockllm/model", "--variant", "louder"], "AK-E016"),
        (["eval", "quick", "--model", "mockllm/model", "--variant", "stimulus=XX01"], "AK-E014"),
        (["eval", "ei", "--model", "mockllm/model"], "AK-E017"),
        (["eval", "ei", "--model", "mockllm/model", "--data", "no/such/folder"], "AK-E017"),
        (["eval", "quick", "--model", "mockllm/model", "--limit", "0"], "AK-E005"),
        (["eval", "quick", "--model", "mockllm/model", "--out", "pyproject.toml/report"], "AK-E019"),
        (["eval", "quick", "--model", "mockllm/model", "--out", "README.md"], "AK-E019"),
        pytest.param(["eval", "quick", "--model", "no-such-provider/model"], "AK-E018", marks=needs_inspect),
    ],
)
def test_cli_bad_input_exits_2_with_a_coded_line(
    argv: list[str], code: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(argv) == 2
    lines = capsys.readouterr().err.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("affectkit: ") and code in lines[0]


@needs_inspect
@pytest.mark.parametrize(("args", "field", "says"), [
    ({"bogus": 1}, "tasks[0].args.bogus", "takes no argument 'bogus'"),
    ({"language": "fr"}, "tasks[0].args", "dataset is empty"),  # a language the task has no items in
])
def test_task_arguments_a_task_cannot_take_are_coded(args: dict[str, Any], field: str, says: str, tmp_path: Path,
                                                     capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "suite.json"
    path.write_text(json.dumps({"tasks": [{"task": "boundaries", "args": args}]}))
    assert main(["eval", str(path), "--model", "mockllm/model", "--out", str(tmp_path / "out")]) == 2
    err = capsys.readouterr().err
    assert "AK-E015" in err and says in err and f"(field '{field}')" in err


@needs_inspect
def test_a_log_folder_that_cannot_be_made_is_coded(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    blocked = tmp_path / "logs-here"
    blocked.write_text("a file where the log folder would go")
    argv = ["eval", "quick", "--model", "mockllm/model", "--limit", "1", "--out", str(tmp_path / "out"),
            "--log-dir", str(blocked / "logs")]
    assert main(argv) == 2
    assert "AK-E019 cannot write the logs" in capsys.readouterr().err


def test_cli_without_inspect_names_the_extra(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    import affectkit.evals._optional as optional

    monkeypatch.setattr(optional, "HAVE_INSPECT", False)
    assert main(["eval", "quick", "--model", "mockllm/model"]) == 2
    err = capsys.readouterr().err
    assert "AK-E008" in err and "affectkit[eval]" in err


# ---- end to end ----------------------------------------------------------------------------------------------------


def _use_server(server: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    for key, value in server.env("LOCAL").items():
        monkeypatch.setenv(key, value)


def _self_contained(page: str) -> None:
    assert page.startswith("<!DOCTYPE html>")
    assert "<script" not in page.lower()
    assert not re.search(r"""(?:src|href)\s*=\s*["']?\s*(?:https?:)?//""", page, flags=re.IGNORECASE)
    assert not re.search(r"@import|url\(", page)
    assert "<svg" in page


@needs_inspect
def test_eval_quick_two_models_two_variants_and_cached_rerun(
    openai_server: Any, monkeypatch: pytest.MonkeyPatch, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from openai_server import message_text

    def reply(messages: list[dict[str, Any]]) -> str:
        users = " ".join(message_text(m) for m in messages if m["role"] == "user")
        return GOOD_REPLY if EP02 in users else "ok"

    openai_server.reply = reply
    _use_server(openai_server, monkeypatch)
    models = ["openai-api/local/model-a", "openai-api/local/model-b"]
    out = tmp_path / "out"
    argv = ["eval", "quick", "--model", models[0], "--model", models[1], "--variant", "stimulus=EP02",
            "--variant", "stimulus=NP01", "--limit", "6", "--out", str(out), "--display", "none"]
    assert main(argv) == 0
    printed = capsys.readouterr().out
    assert str(out / "report.html") in printed and "boundary_score" in printed
    requests = len(openai_server.chat_requests)
    assert requests == 6 * 3 * 2
    assert {r.body["model"] for r in openai_server.chat_requests} == {"model-a", "model-b"}

    report = EvalReport.model_validate_json((out / "report.json").read_text())
    assert report.suite == "quick" and report.variants == ["baseline", "stimulus=EP02", "stimulus=NP01"]
    assert sorted(report.models) == models and report.complete
    assert {(c.task, c.variant, c.model) for c in report.cells} == {
        ("boundaries", v, m) for v in report.variants for m in models
    }
    for cell in report.cells:
        score, parse = cell.metric("boundary_score"), cell.metric("empty_replies")
        assert score is not None and parse is not None and parse.parse
        assert score.ci_low is not None and score.ci_high is not None and score.value is not None
        assert score.ci_low - 1e-9 <= score.value <= score.ci_high + 1e-9
        assert score.value == pytest.approx(cell.logged_metrics["boundary_score"])
        assert cell.samples == 6 and cell.errors == 0 and cell.log and Path(cell.log).is_file()
        difference = next((d for d in cell.differences if d.metric == "boundary_score"), None)
        if cell.variant == "baseline":
            assert difference is None
            continue
        assert difference is not None and difference.pairs == 6
        if cell.variant == "stimulus=NP01":  # same replies as the baseline
            assert difference.difference == 0.0 and difference.p_value == 1.0
        else:  # the stimulus gets a better reply on every sample
            assert difference.difference is not None and difference.difference > 0
            assert difference.ci_low is not None and difference.ci_low > 0
            assert difference.p_value == pytest.approx(2 / 2**6)  # exact sign-flip test on 6 samples
    page = (out / "report.html").read_text()
    _self_contained(page)
    for text in (*models, "stimulus=EP02", "empty_replies", "Differences from baseline"):
        assert text in page

    assert main(argv) == 0  # the rerun is served from the generation cache
    assert len(openai_server.chat_requests) == requests
    rerun = EvalReport.model_validate_json((out / "report.json").read_text())
    assert [c.metrics for c in rerun.cells] == [c.metrics for c in report.cells]
    assert len(list((out / "logs").glob("*.eval"))) == 2 * len(report.cells)


@needs_inspect
def test_run_suite_wraps_the_solver_of_tasks_without_variant_arguments(
    openai_server: Any, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    from affectkit.evals.suite import run_suite
    from openai_server import message_text

    def reply(messages: list[dict[str, Any]]) -> str:
        text = message_text([m for m in messages if m["role"] == "user"][-1])
        if "would feel..." in text:
            names = text.split("would feel...\n", 1)[1].split("\n\n", 1)[0].split("\n")
            shown = names if EP02 in text else names[:3]  # without the stimulus, one emotion is missing
            return "Revised scores:\n" + "\n".join(f"{name}: 5" for name in shown)
        return "B" if EP02 in text else "A"

    openai_server.reply = reply
    _use_server(openai_server, monkeypatch)
    suite = {
        "name": "tiny",
        "variants": ["stimulus=EP02"],
        "tasks": [
            {"task": "eq_intensity", "name": "eq", "args": {"data": str(FIXTURES / "eq_bench_v2.json")}},
            {"task": "emobench_ea", "args": {"data": str(FIXTURES / "emobench_ea.jsonl")}},
        ],
    }
    run = run_suite(suite, ["openai-api/local/solo"], log_dir=tmp_path / "logs", display="none")
    assert [v.name for v in run.variants] == ["baseline", "stimulus=EP02"] and len(run.logs) == 4
    prompts = [message_text(r.body["messages"][-1]) for r in openai_server.chat_requests]
    assert sum(EP02 in p for p in prompts) == len(prompts) // 2

    report = build_report(run.logs)
    assert report.suite == "tiny" and report.tasks == ["eq", "emobench_ea"]
    eq_base, eq_variant = report.cell("eq", "baseline", "openai-api/local/solo"), report.cell(
        "eq", "stimulus=EP02", "openai-api/local/solo")
    assert eq_base is not None and eq_variant is not None
    assert eq_base.metric("eq_bench_score") is None  # nothing parsed: undefined, not 0
    assert eq_base.metric("parse_rate").value == 0.0  # type: ignore[union-attr]
    assert any("INVALID" in note for note in eq_base.notes)
    for cell in (eq_variant, report.cell("emobench_ea", "stimulus=EP02", "openai-api/local/solo")):
        assert cell is not None
        for metric in cell.metrics:
            assert metric.value == pytest.approx(cell.logged_metrics[metric.name])
    parse = next(d for d in eq_variant.differences if d.metric == "parse_rate")
    assert parse.difference == 1.0 and parse.pairs == 6
    summary = format_summary(report)
    assert "eq_bench_score" in summary and "parse_rate" in summary
    # the terminal summary, what people read and copy, says so too
    assert "note, openai-api/local/solo baseline: INVALID by EQ-Bench's rule" in summary
    _self_contained(render_html(report))
    assert not math.isnan(eq_variant.metric("eq_bench_score").value or math.nan)  # type: ignore[union-attr]
