"""affectkit.batch.inputs: scanning files into parts, reading a part alone, and coded errors for bad input."""

from __future__ import annotations

import json
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from affectkit.batch.inputs import BadRecord, Record, read_part, scan
from affectkit.cli import main
from affectkit.errors import AffectkitError


def _all(plan):  # every record of every part, each part read alone
    return [record for part in plan.parts for record in read_part(part, plan)]


def test_csv_parts_read_alone_give_every_record_in_order(tmp_path: Path) -> None:
    lines = ["id,text"] + [f'{i},"text {i}\nsecond line, with a comma"' if i % 3 == 0 else f"{i},text {i}"
                           for i in range(1, 12)]
    (tmp_path / "in.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    plan = scan(tmp_path / "in.csv", text_column="text", part_size=4)
    assert [p.rows for p in plan.parts] == [4, 4, 3]
    records = _all(plan)
    assert [r.values["id"] for r in records] == [str(i) for i in range(1, 12)]
    assert records[2].values["text"] == "text 3\nsecond line, with a comma"
    # line numbers are the file's: the record after a two-line record starts one line later
    assert [r.line for r in records[:5]] == [2, 3, 4, 6, 7]


def test_jsonl_bad_lines_are_records_of_their_own_and_kinds_are_unified(tmp_path: Path) -> None:
    rows = ['{"text": "a", "n": 1, "meta": {"k": 1}}', "", "{broken", '[1, 2]', '{"text": "b", "n": 2.5, "flag": true}']
    (tmp_path / "in.jsonl").write_text("\n".join(rows) + "\n", encoding="utf-8")
    plan = scan(tmp_path / "in.jsonl", text_column="text", part_size=2)
    assert {c.name: c.kind for c in plan.columns} == {"text": "string", "n": "float", "meta": "json", "flag": "bool"}
    records = _all(plan)
    assert [type(r).__name__ for r in records] == ["Record", "BadRecord", "BadRecord", "Record"]
    assert [(r.line, r.code) for r in records if isinstance(r, BadRecord)] == [(3, "AK-E004"), (4, "AK-E004")]


def test_folder_of_mixed_formats_in_name_order(tmp_path: Path) -> None:
    (tmp_path / "b.jsonl").write_text('{"text": "from jsonl", "id": 7}\n', encoding="utf-8")
    (tmp_path / "a.csv").write_text("text,id\nfrom csv,x\n", encoding="utf-8")
    pq.write_table(pa.table({"text": ["from parquet", "again"], "id": [1, 2]}), tmp_path / "c.parquet",
                   row_group_size=1)
    (tmp_path / "notes.md").write_text("ignored", encoding="utf-8")
    plan = scan(tmp_path, text_column="text", part_size=1)
    assert [r.values["text"] for r in _all(plan)] == ["from csv", "from jsonl", "from parquet", "again"]
    assert {c.name: c.kind for c in plan.columns}["id"] == "string"  # CSV strings and numbers: strings
    assert all(isinstance(r, Record) for r in _all(plan))


def test_conversation_parts_hold_whole_conversations(tmp_path: Path) -> None:
    rows = [{"c": c, "text": f"turn {t}"} for c, n in (("a", 3), ("b", 1), ("c", 2)) for t in range(n)]
    (tmp_path / "in.jsonl").write_text("\n".join(json.dumps(r) for r in rows), encoding="utf-8")
    plan = scan(tmp_path / "in.jsonl", text_column="text", part_size=2, group_column="c")
    assert [[r.values["c"] for r in read_part(p, plan)] for p in plan.parts] == [["a", "a", "a"], ["b", "c", "c"]]
    rows.append({"c": "a", "text": "late"})
    (tmp_path / "in.jsonl").write_text("\n".join(json.dumps(r) for r in rows), encoding="utf-8")
    with pytest.raises(AffectkitError, match="not consecutive") as error:
        scan(tmp_path / "in.jsonl", text_column="text", part_size=2, group_column="c")
    assert (error.value.code, error.value.line) == ("AK-E004", 7)


@pytest.mark.parametrize(
    ("make", "args", "expected"),
    [
        (lambda d: None, ["missing.csv"], "missing.csv: AK-E001 file not found"),
        (lambda d: (d / "in.csv").write_text("id,body\n1,hi\n"), ["in.csv"],
         "in.csv: AK-E003 missing column (the file has: id, body) (field 'text')"),
        (lambda d: (d / "in.csv").write_text("text,id\nhi,1\n"), ["in.csv", "--id-column", "key"],
         "in.csv: AK-E003 missing column (the file has: text, id) (field 'key')"),
        (lambda d: (d / "in.csv").write_bytes("text\nnaïve\n".encode() + "café\n".encode("latin-1")), ["in.csv"],
         "in.csv:3: AK-E002 bytes are not valid UTF-8 (byte 15); is the file in another encoding?"),
        (lambda d: (d / "empty").mkdir(), ["empty"],
         "empty: AK-E009 the folder holds no .csv, .jsonl or .parquet file"),
        (lambda d: (d / "in.parquet").write_text("not parquet"), ["in.parquet"], "in.parquet: AK-E004 not a valid"),
        (lambda d: (d / "in.csv").write_text("text\nhi\n"), ["in.csv", "--domain", "stories", "--model", "brighter-e5"],
         "AK-E041 brighter-e5@4 reads every text one way: a domain is for the English model"),
        (lambda d: (d / "in.csv").write_text('text\n"open\n'), ["in.csv"],
         "in.csv:2: AK-E004 malformed CSV record"),
        (lambda d: (d / "in.csv").write_text("text,labels\nhi,x\n"), ["in.csv"],
         "in.csv: AK-E003 an input column has the name of an analysis column (rename it) (field 'labels')"),
    ],
)
def test_bad_input_exits_2_with_one_coded_line(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                               capsys: pytest.CaptureFixture[str], make, args, expected) -> None:
    monkeypatch.chdir(tmp_path)
    make(tmp_path)
    assert main(["batch", *args, "out.parquet", "--workers", "1"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and err.startswith(f"affectkit: {expected}"), err
    assert not (tmp_path / "out.parquet").exists() and not (tmp_path / "out.parquet.parts").exists()


def test_unreadable_file_is_ak_e001(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a.csv").symlink_to(tmp_path / "gone.csv")  # a dangling link in the folder
    (tmp_path / "in" / "b.csv").write_text("text\nhi\n", encoding="utf-8")
    assert main(["batch", str(tmp_path / "in"), str(tmp_path / "o.parquet")]) == 2
    assert capsys.readouterr().err == f"affectkit: {tmp_path / 'in' / 'a.csv'}: AK-E001 not a readable file\n"
