"""affectkit.batch.run and `affectkit batch`: typed output, bad rows, resuming after a kill, engines, conversations."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

import affectkit
from affectkit.batch import Analyzer, run
from affectkit.batch.columns import text_layout, text_row
from affectkit.cli import main
from affectkit.errors import AffectkitError
from affectkit.recognizers import DEFAULT, MULTILINGUAL, get_recognizer

SENTENCES = [
    "Thank you so much, you saved my day!", "I can't stop worrying about tomorrow.", "This is so frustrating.",
    "The meeting has been moved to 3pm.", "Wow, I did not see that coming!", "I miss her every single day.",
    "Estoy muy feliz con el resultado.", "Ugh, the train is late again.", "That joke made me laugh so hard.",
    "I'm disgusted by how they treated him.", "", "😂😂😂",
]


def texts(n: int) -> list[str]:
    return [f"{SENTENCES[i % len(SENTENCES)]} #{i}" if i % len(SENTENCES) < 10 else SENTENCES[i % len(SENTENCES)]
            for i in range(n)]


def write_jsonl(path: Path, rows: list[dict]) -> Path:
    path.write_text("".join(json.dumps(row, ensure_ascii=False) + "\n" for row in rows), encoding="utf-8")
    return path


def test_rows_hold_the_input_columns_and_the_analysis_typed(tmp_path: Path) -> None:
    rows = [{"id": i, "text": t, "ts": f"2024-03-{1 + i % 28:02d}", "score": i / 2} for i, t in enumerate(texts(14))]
    rows[3]["text"] = None
    rows[5]["text"] = 42
    del rows[7]["text"]
    source = write_jsonl(tmp_path / "in.jsonl", rows)
    with source.open("a", encoding="utf-8") as handle:
        handle.write('{"id": 99, "text": "no closing brace"\n')
    result = run(source, tmp_path / "out.parquet", id_column="id", workers=2, part_size=4, progress=False)
    assert (result.rows, result.bad_rows, result.parts) == (11, 4, 4)
    table = pq.read_table(tmp_path / "out.parquet")
    assert table.column("id").to_pylist() == [i for i in range(14) if i not in (3, 5, 7)]
    types = {f.name: str(f.type) for f in table.schema}
    assert types["id"] == "int64" and types["score"] == "double" and types["ts"] == "string"
    assert types["labels"].startswith("list<") and types["warnings"] == types["labels"]
    assert types["valence"] == "double" and types["emotion_joy"] == "double" and types["windows"] == "int64"
    # every row is what affectkit.analyze gives the text, flattened: each text read by the model of its language
    # (the Spanish one by the multilingual model, its 28-label columns other than the Ekman ones null)
    recognizer = get_recognizer()
    layout = text_layout(recognizer)
    good = [r["text"] for r in rows if isinstance(r.get("text"), str)]
    expected = [text_row(a, layout) for a in affectkit.analyze(good)]
    got = table.select(layout.names).to_pylist()
    assert got == expected
    spanish = got[[i for i, t in enumerate(good) if t.startswith("Estoy")][0]]
    assert (spanish["language"], spanish["model"]) == ("es", MULTILINGUAL)
    assert spanish["emotion_gratitude"] is None and spanish["ekman_joy"] is not None
    assert {row["model"] for row in got} == {DEFAULT, MULTILINGUAL}
    assert "AK-W001" in table.column("warnings").to_pylist()[good.index("")]
    bad = [json.loads(line) for line in (tmp_path / "out.bad-rows.jsonl").read_text().splitlines()]
    assert [(b["line"], b.get("id"), b["code"]) for b in bad] == [
        (4, 3, "AK-E005"), (6, 5, "AK-E005"), (8, 7, "AK-E003"), (15, None, "AK-E004")]
    assert not (tmp_path / "out.parquet.parts").exists()


def test_a_named_model_reads_every_row_and_language_fixes_the_route(tmp_path: Path) -> None:
    source = write_jsonl(tmp_path / "in.jsonl", [{"text": "Estoy muy feliz con el resultado."},
                                                 {"text": "Thank you so much!"}])
    run(source, tmp_path / "en.parquet", model=DEFAULT, workers=1, progress=False)
    assert pq.read_table(tmp_path / "en.parquet").column("model").to_pylist() == [DEFAULT, DEFAULT]
    run(source, tmp_path / "es.parquet", language="es", workers=1, progress=False)
    table = pq.read_table(tmp_path / "es.parquet")
    assert table.column("language").to_pylist() == ["es", "es"]
    assert table.column("model").to_pylist() == [MULTILINGUAL, MULTILINGUAL]
    with pytest.raises(AffectkitError) as error:
        run(source, tmp_path / "bad.parquet", language="Spanish!", workers=1, progress=False)
    assert error.value.code == "AK-E040"


def test_the_domain_reads_every_row_as_analyze_does_and_is_refused_where_it_cannot_apply(tmp_path: Path) -> None:
    stories = ["I was shaking as I walked into the dark house.", "He slammed the door and I cried for an hour.",
               "Estoy muy feliz con el resultado."]
    source = write_jsonl(tmp_path / "in.jsonl", [{"text": t} for t in stories])
    layout = text_layout(get_recognizer())
    for model, name in ((None, "routed"), (DEFAULT, "named")):
        output = tmp_path / f"{name}.parquet"
        run(source, output, model=model, domain="stories", workers=1, progress=False)
        expected = [text_row(a, layout) for a in affectkit.analyze(stories, model=model, domain="stories")]
        assert pq.read_table(output).select(layout.names).to_pylist() == expected
    assert expected != [text_row(a, layout) for a in affectkit.analyze(stories, model=DEFAULT)]
    for options in ({"domain": "news"}, {"domain": "stories", "model": MULTILINGUAL},
                    {"domain": "stories", "conversation": True, "group_column": "text"}):
        with pytest.raises(AffectkitError) as error:
            run(source, tmp_path / "bad.parquet", workers=1, progress=False, **options)  # type: ignore[arg-type]
        assert error.value.code == "AK-E041"
    assert not (tmp_path / "bad.parquet").exists()


def test_jsonl_output_holds_the_same_rows(tmp_path: Path) -> None:
    source = write_jsonl(tmp_path / "in.jsonl", [{"text": t, "n": i} for i, t in enumerate(texts(6))])
    run(source, tmp_path / "a.parquet", workers=1, progress=False)
    run(source, tmp_path / "a.jsonl", workers=1, progress=False)
    lines = [json.loads(line) for line in (tmp_path / "a.jsonl").read_text(encoding="utf-8").splitlines()]
    assert lines == pq.read_table(tmp_path / "a.parquet").to_pylist()
    assert not (tmp_path / "a.bad-rows.jsonl").exists()


def test_a_killed_run_resumes_and_gives_the_same_rows_in_the_same_order(tmp_path: Path) -> None:
    rows = [{"id": i, "text": t} for i, t in enumerate(texts(240))]
    source = write_jsonl(tmp_path / "in.jsonl", rows)
    command = [sys.executable, "-m", "affectkit.cli", "batch", str(source), str(tmp_path / "out.parquet"),
               "--workers", "1", "--part-size", "8", "--no-progress"]
    parts = tmp_path / "out.parquet.parts"
    process = subprocess.Popen(command, start_new_session=True, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 120
    while len(list(parts.glob("part-*.parquet"))) < 3 and process.poll() is None and time.monotonic() < deadline:
        time.sleep(0.02)
    os.killpg(process.pid, signal.SIGKILL)  # the run and its worker, mid-way
    process.wait()
    done = len(list(parts.glob("part-*.parquet")))
    assert 3 <= done < 30 and not (tmp_path / "out.parquet").exists()
    os.utime(source, ns=(time.time_ns(), time.time_ns() + 10**9))  # touched (or copied back): the same bytes
    rerun = subprocess.run(command, capture_output=True, text=True, check=True)
    assert f"{done} parts done by an earlier run" in rerun.stderr or f"{done + 1} parts done" in rerun.stderr
    run(source, tmp_path / "straight.parquet", workers=2, part_size=8, progress=False)
    resumed, straight = pq.read_table(tmp_path / "out.parquet"), pq.read_table(tmp_path / "straight.parquet")
    assert resumed.column("id").to_pylist() == list(range(240))
    assert resumed.equals(straight)


@pytest.mark.parametrize(("version", "said"), [(2, "other input or settings"), (1, "another version of affectkit")])
def test_an_unfinished_run_of_other_settings_or_version_is_refused_until_restart(tmp_path: Path, capsys,
                                                                                 version: int, said: str) -> None:
    source = write_jsonl(tmp_path / "in.jsonl", [{"text": t} for t in texts(3)])
    parts = tmp_path / "out.parquet.parts"
    parts.mkdir()
    (parts / "manifest.json").write_text(json.dumps({"version": version, "settings": {}, "plan": {}}))
    assert main(["batch", str(source), str(tmp_path / "out.parquet")]) == 2
    err = capsys.readouterr().err
    assert "AK-E019" in err and said in err and "--restart" in err
    assert main(["batch", str(source), str(tmp_path / "out.parquet"), "--restart", "--workers", "1"]) == 0
    assert pq.read_table(tmp_path / "out.parquet").num_rows == 3


def test_an_input_edited_in_place_is_not_resumed_even_at_the_same_size(tmp_path: Path) -> None:
    from affectkit.batch.runner import Settings, _plan

    source = write_jsonl(tmp_path / "in.jsonl", [{"text": t} for t in texts(4)])
    output, work = tmp_path / "out.parquet", tmp_path / "out.parquet.parts"
    first = _plan(source, output, work, Settings(), restart=False)  # an unfinished run: its manifest is written
    assert _plan(source, output, work, Settings(), restart=False).to_json() == first.to_json()
    content = source.read_bytes()
    source.write_bytes(content.replace(b"a", b"b", 1))  # one letter changed: same size, new mtime
    assert len(source.read_bytes()) == len(content)
    with pytest.raises(AffectkitError) as error:
        _plan(source, output, work, Settings(), restart=False)
    assert error.value.code == "AK-E019" and "other input or settings" in error.value.message
    source.write_bytes(content)  # the same bytes again
    assert _plan(source, output, work, Settings(), restart=False).to_json() == first.to_json()


def test_conversation_mode_reads_each_group_in_time_order(tmp_path: Path) -> None:
    rows = [
        {"ticket": "t1", "ts": "2024-01-01T10:05:00", "speaker": "agent", "text": "Sorry to hear that, checking."},
        {"ticket": "t1", "ts": "2024-01-01T10:00:00", "speaker": "user", "text": "My order never came. I'm furious."},
        {"ticket": "t1", "ts": "2024-01-01T10:09:00", "speaker": "user", "text": "Thank you, that's a relief!"},
        {"ticket": "t2", "ts": "2024-01-02T08:00:00", "speaker": "user", "text": "I love the new update."},
        {"ticket": "t2", "ts": "2024-01-02T08:01:00", "speaker": "agent", "text": None},
    ]
    source = write_jsonl(tmp_path / "chats.jsonl", rows)
    result = run(source, tmp_path / "turns.parquet", conversation=True, group_column="ticket", time_column="ts",
                 workers=1, part_size=2, progress=False)
    assert (result.rows, result.bad_rows) == (4, 1)
    table = pq.read_table(tmp_path / "turns.parquet").to_pylist()
    assert [(r["ticket"], r["conversation_turn"], r["speaker"]) for r in table] == [
        ("t1", 0, "user"), ("t1", 1, "agent"), ("t1", 2, "user"), ("t2", 0, "user")]
    expected = affectkit.analyze_conversation({"id": "t1", "utterances": [
        {"speaker": r["speaker"], "text": r["text"]} for r in (rows[1], rows[0], rows[2])]})
    assert [r["emotion"] for r in table[:3]] == [t.emotion for t in expected.turns]
    assert [r["valence"] for r in table[:3]] == [t.vad.valence for t in expected.turns]
    assert [r["labels"] for r in table[:3]] == [t.labels for t in expected.turns]


def test_ray_engine_gives_the_rows_of_the_local_engine(tmp_path: Path) -> None:
    pytest.importorskip("ray")
    source = write_jsonl(tmp_path / "in.jsonl", [{"id": i, "text": t} for i, t in enumerate(texts(30))])
    with (tmp_path / "in.jsonl").open("a") as handle:
        handle.write('{"id": 30, "text": null}\n')
    local = run(source, tmp_path / "local.parquet", workers=2, part_size=7, progress=False)
    on_ray = run(source, tmp_path / "ray.parquet", engine="ray", workers=2, part_size=7, progress=False)
    assert (on_ray.rows, on_ray.bad_rows) == (local.rows, local.bad_rows) == (30, 1)
    assert pq.read_table(tmp_path / "ray.parquet").equals(pq.read_table(tmp_path / "local.parquet"))
    assert (tmp_path / "ray.bad-rows.jsonl").read_text() == (tmp_path / "local.bad-rows.jsonl").read_text()


def test_analyzer_adds_the_columns_to_any_batch_format() -> None:
    analyzer = Analyzer(text_column="body", threads=1)
    frame = pd.DataFrame({"body": ["What a lovely surprise!", None], "k": [1, 2]})
    out = analyzer(frame)
    assert list(out["k"]) == [1, 2] and out["error"].tolist()[0] is None and "AK-E005" in out["error"][1]
    arrow = analyzer(pa.table({"body": ["What a lovely surprise!"]}))
    assert arrow.column("labels").to_pylist() == [out["labels"][0].tolist()]
    columns = analyzer({"body": ["What a lovely surprise!"]})
    assert float(columns["valence"][0]) == out["valence"][0] == arrow.column("valence")[0].as_py()


def test_bad_settings_are_coded() -> None:
    with pytest.raises(AffectkitError, match="AK-E003 conversation mode needs --group-column"):
        run("in.csv", "out.parquet", conversation=True)
    with pytest.raises(AffectkitError, match="AK-E003 unknown engine"):
        run("in.csv", "out.parquet", engine="spark")
    for option in ({"workers": -1}, {"workers": 0}, {"threads": 0}):
        with pytest.raises(AffectkitError, match=f"AK-E003 --{next(iter(option))} must be at least 1"):
            run("in.csv", "out.parquet", **option)


def test_the_output_never_overwrites_the_input(tmp_path: Path, capsys) -> None:
    source = write_jsonl(tmp_path / "same.jsonl", [{"text": t} for t in texts(3)])
    before = source.read_bytes()
    assert main(["batch", str(source), str(source), "--workers", "1"]) == 2
    assert "AK-E019" in capsys.readouterr().err and source.read_bytes() == before
    with pytest.raises(AffectkitError, match="AK-E019 the output would overwrite the input"):
        run(write_jsonl(tmp_path / "out.bad-rows.jsonl", [{"text": "hi"}]), tmp_path / "out.jsonl")  # its bad rows


def test_bad_rows_name_their_id_and_an_empty_speaker_is_one(tmp_path: Path) -> None:
    source = tmp_path / "in.csv"
    source.write_text("id,text\n1,fine\n2,I am happy, but also sad\n", encoding="utf-8")
    result = run(source, tmp_path / "out.jsonl", id_column="id", workers=1, progress=False)
    assert (result.rows, result.bad_rows) == (1, 1)
    bad = [json.loads(line) for line in (tmp_path / "out.bad-rows.jsonl").read_text().splitlines()]
    assert [(entry["id"], entry["code"]) for entry in bad] == [("2", "AK-E004")]
    chats = tmp_path / "chats.csv"
    chats.write_text("conv,speaker,text\nA,user,I lost my keys again.\nA,,Who says this?\nA,bot,Let's look.\n",
                     encoding="utf-8")
    result = run(chats, tmp_path / "turns.jsonl", conversation=True, group_column="conv", workers=1, progress=False)
    assert (result.rows, result.bad_rows) == (2, 1)
    bad = [json.loads(line) for line in (tmp_path / "turns.bad-rows.jsonl").read_text().splitlines()]
    assert [(entry["line"], entry["code"]) for entry in bad] == [(3, "AK-E010")]


def test_an_unreachable_ray_cluster_exits_2_at_once(tmp_path: Path, capsys) -> None:
    pytest.importorskip("ray")
    source = write_jsonl(tmp_path / "in.jsonl", [{"text": "hello"}])
    started = time.monotonic()
    assert main(["batch", str(source), str(tmp_path / "out.parquet"), "--engine", "ray", "--address",
                 "127.0.0.1:1"]) == 2
    assert capsys.readouterr().err == ("affectkit: AK-E028 cannot reach the Ray cluster at '127.0.0.1:1' "
                                       "(connection refused)\n")
    assert time.monotonic() - started < 30
