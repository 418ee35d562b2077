"""The `affectkit analyze` command: every input format, every output format, every input error."""

from __future__ import annotations

import io
import json
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from affectkit import cli

FIELDS = {"text", "emotions", "labels", "intensity", "ekman", "sentiment", "vad", "warnings", "model"}


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = cli.main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def jsonl(out: str) -> list[dict]:
    return [json.loads(line) for line in out.splitlines()]


def test_texts_as_arguments_jsonl(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "analyze", "I love this!", "I hate this.", "--format", "jsonl")
    assert code == 0
    rows = jsonl(out)
    assert [r["text"] for r in rows] == ["I love this!", "I hate this."]
    for row in rows:
        assert FIELDS <= set(row)
        assert len(row["emotions"]) == 28 and len(row["ekman"]) == 7 and len(row["sentiment"]) == 3
        assert set(row["vad"]) == {"valence", "arousal", "dominance"}
        assert row["model"] == "goemotions-minilm@5"


def test_txt_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "in.txt"
    path.write_text("first text\nsecond text\nthird text\n", encoding="utf-8")
    code, out, _ = run(capsys, "analyze", "--input", str(path), "--format", "jsonl")
    assert code == 0
    assert [r["text"] for r in jsonl(out)] == ["first text", "second text", "third text"]


def test_jsonl_file_and_json_output(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "in.jsonl"
    path.write_text('{"text": "a happy day", "id": 1}\n\n{"text": "a sad day"}\n', encoding="utf-8")
    code, out, _ = run(capsys, "analyze", "-i", str(path), "--format", "json")
    assert code == 0
    assert [r["text"] for r in json.loads(out)] == ["a happy day", "a sad day"]


def test_csv_file_with_text_column(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "in.csv"
    path.write_text('id,body\n1,"Well, that went great"\n2,"so scared, honestly"\n', encoding="utf-8")
    code, out, _ = run(capsys, "analyze", "-i", str(path), "--text-column", "body", "--format", "jsonl")
    assert code == 0
    assert [r["text"] for r in jsonl(out)] == ["Well, that went great", "so scared, honestly"]


def test_a_csv_row_with_more_cells_than_the_header_is_refused_not_cut(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "comma.csv"
    path.write_text("id,text\n1,I am happy, but also sad\n2,fine\n", encoding="utf-8")
    code, out, err = run(capsys, "analyze", "-i", str(path), "--format", "jsonl")
    assert (code, out) == (2, "")
    assert "comma.csv:2: AK-E004" in err and "3 cells, the header has 2" in err


def test_a_text_column_given_for_a_txt_input_is_said_to_be_ignored(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "t.txt"
    path.write_text("so happy today\n", encoding="utf-8")
    code, out, err = run(capsys, "analyze", "-i", str(path), "--text-column", "body", "--format", "jsonl")
    assert code == 0 and [r["text"] for r in jsonl(out)] == ["so happy today"]
    assert "--text-column 'body' ignored" in err


def test_csv_text_longer_than_the_csv_module_default_field_limit(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "long.csv"
    long_text = "word " * 27_000  # 135,000 characters, past the csv module's 131,072 default
    path.write_text(f'text\n"{long_text}"\nshort\n', encoding="utf-8")
    code, out, _ = run(capsys, "analyze", "-i", str(path), "--format", "jsonl")
    assert code == 0
    rows = jsonl(out)
    assert [len(r["text"]) for r in rows] == [len(long_text), 5]
    assert rows[0]["windows"] > 1


def test_json_escape_of_a_lone_surrogate_is_analysed_with_a_warning(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "in.jsonl"
    path.write_text('{"text": "bad \\ud800 byte"}\n{"text": "fine"}\n', encoding="utf-8")
    code, out, _ = run(capsys, "analyze", "-i", str(path), "--format", "jsonl")
    assert code == 0
    rows = jsonl(out)
    assert [r["text"] for r in rows] == ["bad \ufffd byte", "fine"]
    assert [[w["code"] for w in r["warnings"]] for r in rows] == [["AK-W007"], []]


def test_stdin(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(b"one\ntwo\n")))
    code, out, _ = run(capsys, "analyze", "--format", "jsonl")
    assert code == 0
    assert [r["text"] for r in jsonl(out)] == ["one", "two"]


def test_stdin_with_bytes_that_are_not_utf8_exits_2(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(b"fine\ncaf\xe9 au lait\n")))
    code, out, err = run(capsys, "analyze", "--format", "jsonl")
    assert (code, out) == (2, "")
    assert err.strip() == "affectkit: <stdin>:2: AK-E002 bytes are not valid UTF-8 (byte 8)"


def test_table_output(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "analyze", "Thank you so much!", "--format", "table")
    assert code == 0
    assert "Thank you so much!" in out and "emotions" in out.splitlines()[0]


def test_progress_on_large_input(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "many.txt"
    path.write_text("ok then\n" * (cli.PROGRESS_ABOVE + 10), encoding="utf-8")
    code, out, err = run(capsys, "analyze", "-i", str(path), "-f", "jsonl", "-m", "nrc-lexicon")
    assert code == 0
    assert len(out.splitlines()) == cli.PROGRESS_ABOVE + 10
    assert f"{cli.PROGRESS_ABOVE + 10}/{cli.PROGRESS_ABOVE + 10}" in err


@pytest.mark.parametrize(
    ("name", "content", "args", "expected"),
    [
        ("missing.txt", None, [], ["missing.txt", "AK-E001"]),
        ("latin1.txt", b"fine line\ncaf\xe9 au lait\n", [], ["latin1.txt:2", "AK-E002"]),
        ("cols.csv", b"id,body\n1,hello\n", [], ["cols.csv:1", "AK-E003", "'text'"]),
        ("bad.jsonl", b'{"text": "ok"}\n{"text": "broken"\n', [], ["bad.jsonl:2", "AK-E004"]),
        ("nofield.jsonl", b'{"text": "ok"}\n{"body": "x"}\n', [], ["nofield.jsonl:2", "AK-E003", "'text'"]),
        ("type.jsonl", b'{"text": 5}\n', [], ["type.jsonl:1", "AK-E005", "'text'"]),
        ("array.jsonl", b'["text"]\n', [], ["array.jsonl:1", "AK-E004"]),
        # an unclosed quote must not swallow the rows after it into one text
        ("quote.csv", b'text\nfine\n"unclosed\nnext row\n', [], ["quote.csv:3", "AK-E004", "CSV"]),
        ("after.csv", b'text\n"closed"then more\n', [], ["after.csv:2", "AK-E004"]),
        ("empty.txt", b"", [], ["empty.txt", "AK-E009"]),
        ("x.tsv", b"text\nhi\n", [], ["x.tsv", "AK-E003"]),
    ],
)
def test_bad_input_exits_2_with_one_line(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    name: str,
    content: bytes | None,
    args: list[str],
    expected: list[str],
) -> None:
    path = tmp_path / name
    if content is not None:
        path.write_bytes(content)
    code, out, err = run(capsys, "analyze", "--input", str(path), "--format", "jsonl", *args)
    assert code == 2
    assert out == ""
    assert len(err.strip().splitlines()) == 1
    for fragment in expected:
        assert fragment in err


def test_unknown_model_is_a_coded_error(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "analyze", "hello", "--model", "no-such-model")
    assert code == 2 and "AK-E006" in err


def test_demo_runs(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "demo")
    assert code == 0
    assert "goemotions-minilm@5" in out and "Sam" in out and "AK-W003" in out
    assert "conversation-minilm@1" in out and "plan for 'Alex'" in out and "strategy:" in out


def test_console_script_entry_point() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "affectkit.cli", "analyze", "good news!", "-f", "jsonl"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["text"] == "good news!"


# --- streaming output, interruption and output errors (issue 14) ---------------------------------------------


def test_json_and_jsonl_are_written_chunk_by_chunk_in_input_order(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    texts = [f"text number {i}, happy" if i % 2 else f"text number {i}, sad" for i in range(cli.CHUNK * 2 + 7)]
    path = tmp_path / "many.txt"
    path.write_text("\n".join(texts) + "\n", encoding="utf-8")
    code, lines, _ = run(capsys, "analyze", "-i", str(path), "-f", "jsonl", "-m", "nrc-lexicon")
    assert code == 0 and [r["text"] for r in jsonl(lines)] == texts
    code, document, _ = run(capsys, "analyze", "-i", str(path), "-f", "json", "-m", "nrc-lexicon")
    assert code == 0 and json.loads(document) == jsonl(lines)

    class Recording(io.StringIO):
        flushed: list[int] = []

        def flush(self) -> None:
            self.flushed.append(len(self.getvalue().splitlines()))

    from affectkit.recognizers import get_recognizer

    stream = Recording()
    cli.write_analyses(cli.iter_analyses(get_recognizer("nrc-lexicon").analyze, texts, io.StringIO()), "jsonl", stream)
    assert stream.flushed == [cli.CHUNK, 2 * cli.CHUNK, len(texts)]  # each chunk is out before the next is read


def test_empty_json_output_is_an_empty_list() -> None:
    stream = io.StringIO()
    cli.write_analyses([], "json", stream)
    assert json.loads(stream.getvalue()) == []


def test_interrupted_json_output_is_still_a_valid_list() -> None:
    from affectkit.recognizers import get_recognizer

    done = get_recognizer("nrc-lexicon").analyze(["I am happy.", "I am sad."])

    def chunks() -> Iterator[list[Any]]:
        yield done
        raise KeyboardInterrupt

    stream = io.StringIO()
    with pytest.raises(KeyboardInterrupt):
        cli.write_analyses(chunks(), "json", stream)
    assert [item["text"] for item in json.loads(stream.getvalue())] == ["I am happy.", "I am sad."]


def test_ctrl_c_exits_130_quietly_and_keeps_the_finished_lines(tmp_path: Path) -> None:
    import signal
    import time

    path = tmp_path / "long.txt"
    path.write_text("I am so happy about this, thank you!\n" * 40_000, encoding="utf-8")
    out = tmp_path / "out.jsonl"
    with out.open("w") as stdout:
        # A test run started in the background inherits SIGINT ignored, and Python then leaves it ignored: the
        # child gets the default disposition back, as in a terminal.
        process = subprocess.Popen([sys.executable, "-m", "affectkit.cli", "analyze", "-i", str(path), "-f", "jsonl"],
                                   stdout=stdout, stderr=subprocess.PIPE, text=True,
                                   preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))
        deadline = time.monotonic() + 120
        while out.stat().st_size == 0 and process.poll() is None and time.monotonic() < deadline:
            time.sleep(0.05)
        process.send_signal(signal.SIGINT)
        _, err = process.communicate(timeout=120)
    assert process.returncode == 130, err
    assert "Traceback" not in err and "KeyboardInterrupt" not in err
    lines = out.read_text(encoding="utf-8").splitlines()
    assert 0 < len(lines) < 40_000 and len(lines) % cli.CHUNK == 0  # whole chunks of whole lines
    assert all(json.loads(line)["text"] == "I am so happy about this, thank you!" for line in lines)


def test_a_full_disk_on_stdout_is_a_coded_error() -> None:
    if not Path("/dev/full").exists():
        pytest.skip("no /dev/full")
    for args in (["analyze", "hello", "-f", "jsonl"], ["models"]):
        with open("/dev/full", "w") as full:
            done = subprocess.run([sys.executable, "-m", "affectkit.cli", *args], stdout=full, stderr=subprocess.PIPE,
                                  text=True, check=False)
        assert done.returncode == 2, done.stderr
        assert done.stderr.splitlines() == ["affectkit: <stdout>: AK-E019 cannot write the output (No space left on "
                                            "device)"]


def test_deeply_nested_jsonl_is_a_coded_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "deep.jsonl"
    path.write_text('{"text": "fine"}\n{"text": ' + "[" * 2000 + "]" * 2000 + "}\n", encoding="utf-8")
    code, out, err = run(capsys, "analyze", "-i", str(path), "-f", "jsonl")
    assert (code, out) == (2, "")
    assert err.strip() == f"affectkit: {path}:2: AK-E004 JSON nested too deep to read"


def test_table_output_escapes_terminal_control_characters(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "analyze", "clear \x1b[2J the screen\x07 \u202eevil", "-f", "table")
    assert code == 0
    assert "\x1b" not in out and "\x07" not in out and "\u202e" not in out
    assert "clear \\x1b[2J the screen\\x07 \\u202eevil" in out
    code, out, _ = run(capsys, "analyze", "clear \x1b[2J", "-f", "jsonl")
    assert jsonl(out)[0]["text"] == "clear \x1b[2J"  # JSON keeps the text as it is


def test_an_input_directory_is_named_as_such(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "analyze", "--input", str(tmp_path))
    assert code == 2 and err.strip() == f"affectkit: {tmp_path}: AK-E001 is a directory, not a file"


# --- stdin, --version, models ---------------------------------------------------------------------------------


def test_jsonl_on_stdin_is_detected_and_said(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    lines = b'{"text": "I love this!", "id": 1}\n{"text": "I hate this."}\n'
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(lines)))
    code, out, err = run(capsys, "analyze", "--format", "jsonl")
    assert code == 0 and [r["text"] for r in jsonl(out)] == ["I love this!", "I hate this."]
    assert "AK-W010" in err and "JSONL" in err
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(lines)))
    code, out, err = run(capsys, "analyze", "--format", "jsonl", "--input-format", "txt")
    assert code == 0 and [r["text"] for r in jsonl(out)] == lines.decode().splitlines() and err == ""
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(b'{"body": "hi"}\n')))
    code, out, err = run(capsys, "analyze", "--input", "-", "--input-format", "jsonl", "--text-column", "body")
    assert code == 0 and [r["text"] for r in jsonl(out)] == ["hi"] and "AK-W010" not in err
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(b'{"body": "hi"}\n')))
    code, out, err = run(capsys, "analyze", "--format", "jsonl")  # detected, but the field is missing: say so
    assert (code, out) == (2, "") and "<stdin>:1: AK-E003 missing field (field 'text')" in err


def test_version_and_models_name_the_extra(capsys: pytest.CaptureFixture[str]) -> None:
    import affectkit

    with pytest.raises(SystemExit) as exit_:
        cli.main(["--version"])
    assert exit_.value.code == 0 and capsys.readouterr().out.strip() == f"affectkit {affectkit.__version__}"
    code, out, _ = run(capsys, "models")
    assert code == 0
    assert "goemotions-minilm@5  (default)" in out.splitlines()
    assert any(line.startswith("nrc-lexicon@1  (needs the 'baseline' extra") for line in out.splitlines())


def test_models_list_the_speech_models_with_their_licence(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from affectkit import licence
    from affectkit.speech import model as speech_model

    monkeypatch.delenv(licence.ENV, raising=False)
    monkeypatch.setattr(speech_model, "speech_extra_installed", lambda: True)
    emodb = ("speech-emodb-egemaps@1  (speech; language de; trained on EmoDB; commercial use allowed; licence profile "
             "'commercial'{}; needs the 'speech' extra{})")
    combined = ("speech-emodb-ravdess-egemaps@1  (speech; languages de, en; trained on EmoDB, RAVDESS; non-commercial; "
                "licence profile 'default'{}; needs the 'speech' extra{})")
    try:
        code, out, _ = run(capsys, "models")
        assert code == 0 and "goemotions-minilm@5  (default)" in out.splitlines()  # the recognizers first, as before
        assert out.splitlines()[-2:] == [emodb.format("", ", installed"),
                                         combined.format(" (in force)", ", installed")]
        monkeypatch.setattr(speech_model, "speech_extra_installed", lambda: False)
        code, out, _ = run(capsys, "models", "--licence", "commercial")
        missing = ": pip install 'affectkit[speech]'"
        assert code == 0 and out.splitlines()[-2:] == [emodb.format(" (in force)", missing),
                                                       combined.format("", missing)]
    finally:
        licence.configure(None)


@pytest.mark.parametrize("argv", [["analyze", "hi", "--input", ""], ["conversation", "c.json", "-o", ""],
                                  ["batch", "in.jsonl", ""], ["speech", "--make-profile", "", "a.wav"]])
def test_an_empty_path_is_refused_by_name(argv: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    # Path("") is the current folder: "-o ''" used to be read as "write into the folder you are in"
    with pytest.raises(SystemExit) as exit_:
        cli.main(argv)
    assert exit_.value.code == 2 and "a path cannot be empty" in capsys.readouterr().err
