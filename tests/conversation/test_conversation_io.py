"""Reading conversations: every format, and every input error with its code, line and field."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from affectkit import cli
from affectkit.conversation.io import conversation_from_data, parse_conversation, read_conversation
from affectkit.errors import AffectkitError


def write(tmp_path: Path, name: str, content: str | bytes) -> Path:
    path = tmp_path / name
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    return path


def error_of(path: Path, **kwargs: str) -> AffectkitError:
    with pytest.raises(AffectkitError) as info:
        read_conversation(path, **kwargs)
    return info.value


# --- formats -------------------------------------------------------------------------------------------


def test_json_object(tmp_path: Path) -> None:
    data = {
        "id": "c-17",
        "utterances": [
            {"speaker": "Sam", "text": "My flight got cancelled.", "timestamp": "2024-05-01T10:00:00"},
            {"speaker": "Alex", "text": "Oh no!", "timestamp": 12.5, "id": 2},
            {"speaker": " Sam ", "text": "Yeah."},
        ],
    }
    conversation = read_conversation(write(tmp_path, "chat.json", json.dumps(data, indent=2)))
    assert conversation.id == "c-17"
    assert [(u.speaker, u.text) for u in conversation.utterances] == [
        ("Sam", "My flight got cancelled."),
        ("Alex", "Oh no!"),
        ("Sam", "Yeah."),
    ]
    assert [u.timestamp for u in conversation.utterances] == ["2024-05-01T10:00:00", 12.5, None]
    assert conversation.utterances[1].id == "2"


def test_json_list_and_default_id(tmp_path: Path) -> None:
    path = write(tmp_path, "talk.json", '[{"speaker": "A", "text": "hi"}, {"speaker": "B", "text": "hey"}]')
    conversation = read_conversation(path)
    assert conversation.id == "talk"
    assert [u.speaker for u in conversation.utterances] == ["A", "B"]


def test_json_numeric_id_becomes_string(tmp_path: Path) -> None:
    path = write(tmp_path, "c.json", '{"id": 42, "utterances": [{"speaker": "A", "text": "hi"}]}')
    assert read_conversation(path).id == "42"


def test_jsonl(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "chat.jsonl",
        '{"speaker": "Sam", "text": "hello", "timestamp": 1}\n\n{"speaker": "Alex", "text": "hi there"}\n',
    )
    conversation = read_conversation(path)
    assert conversation.id == "chat"
    assert [(u.speaker, u.text, u.timestamp) for u in conversation.utterances] == [
        ("Sam", "hello", 1.0),
        ("Alex", "hi there", None),
    ]


def test_csv_default_and_custom_columns(tmp_path: Path) -> None:
    path = write(tmp_path, "a.csv", 'speaker,text,timestamp\nSam,"Well, hello",10:00\nAlex,hi,\n')
    conversation = read_conversation(path)
    assert [(u.speaker, u.text, u.timestamp) for u in conversation.utterances] == [
        ("Sam", "Well, hello", "10:00"),
        ("Alex", "hi", None),
    ]
    path = write(tmp_path, "b.csv", "who,body\nSam,one\n\nAlex,two\n")
    conversation = read_conversation(path, speaker_column="who", text_column="body")
    assert [(u.speaker, u.text) for u in conversation.utterances] == [("Sam", "one"), ("Alex", "two")]


def test_transcript(tmp_path: Path) -> None:
    content = "Sam: My flight got cancelled.\n\n[10:02] Alex: Oh no: that's awful!\nDr. Lee:   Noted.\nSam:\n"
    conversation = read_conversation(write(tmp_path, "chat.txt", content))
    assert [(u.speaker, u.text, u.timestamp) for u in conversation.utterances] == [
        ("Sam", "My flight got cancelled.", None),
        ("Alex", "Oh no: that's awful!", "10:02"),
        ("Dr. Lee", "Noted.", None),
        ("Sam", "", None),
    ]


def test_bom_is_dropped(tmp_path: Path) -> None:
    path = write(tmp_path, "bom.txt", "\ufeffSam: hi\n".encode())
    assert read_conversation(path).utterances[0].speaker == "Sam"


def test_from_data() -> None:
    conversation = conversation_from_data({"utterances": [{"speaker": "A", "text": "x"}]}, default_id="d")
    assert conversation.id == "d" and conversation.utterances[0].text == "x"


# --- errors --------------------------------------------------------------------------------------------


def test_missing_file(tmp_path: Path) -> None:
    error = error_of(tmp_path / "nope.json")
    assert error.code == "AK-E001" and error.source and error.source.endswith("nope.json")


def test_invalid_utf8_names_line(tmp_path: Path) -> None:
    error = error_of(write(tmp_path, "bad.txt", b"Sam: hi\nAlex: \xff\xfe\n"))
    assert (error.code, error.line) == ("AK-E002", 2)


def test_unknown_format(tmp_path: Path) -> None:
    error = error_of(write(tmp_path, "chat.md", "Sam: hi"))
    assert error.code == "AK-E003" and ".md" in error.message


def test_json_syntax_error_names_line(tmp_path: Path) -> None:
    error = error_of(write(tmp_path, "bad.json", '{"utterances": [\n  {"speaker": "A", "text": "x"},\n  {oops}\n]}'))
    assert (error.code, error.line) == ("AK-E004", 3)


def test_json_top_level_must_be_object_or_list(tmp_path: Path) -> None:
    error = error_of(write(tmp_path, "bad.json", '"just a string"'))
    assert (error.code, error.line) == ("AK-E004", 1)


def test_json_missing_utterances(tmp_path: Path) -> None:
    error = error_of(write(tmp_path, "bad.json", '{"id": "x", "turns": []}'))
    assert (error.code, error.field) == ("AK-E003", "utterances")


def test_json_utterances_not_a_list(tmp_path: Path) -> None:
    error = error_of(write(tmp_path, "bad.json", '{"utterances": {"speaker": "A"}}'))
    assert (error.code, error.field) == ("AK-E005", "utterances")


def test_json_bad_id_type(tmp_path: Path) -> None:
    error = error_of(write(tmp_path, "bad.json", '{"id": [1], "utterances": [{"speaker": "A", "text": "x"}]}'))
    assert (error.code, error.field) == ("AK-E005", "id")


def test_json_field_errors_name_line_and_field(tmp_path: Path) -> None:
    utterances = [
        {"speaker": "A", "text": "fine"},
        {"speaker": "B", "text": "fine too"},
        {"text": "who said this?"},
    ]
    path = write(tmp_path, "bad.json", json.dumps({"id": "x", "utterances": utterances}, indent=2))
    error = error_of(path)
    assert (error.code, error.field) == ("AK-E003", "utterances[2].speaker")
    lines = path.read_text().splitlines()
    assert error.line is not None
    assert lines[error.line - 1].strip() == "{" and '"who said this?"' in lines[error.line]
    assert str(error).startswith(f"{path}:{error.line}: AK-E003")


@pytest.mark.parametrize(
    ("record", "code", "field"),
    [
        ('"not an object"', "AK-E004", "utterances[1]"),
        ('{"speaker": "B"}', "AK-E003", "utterances[1].text"),
        ('{"speaker": 7, "text": "x"}', "AK-E005", "utterances[1].speaker"),
        ('{"speaker": "B", "text": ["x"]}', "AK-E005", "utterances[1].text"),
        ('{"speaker": "B", "text": "x", "timestamp": {"at": 1}}', "AK-E005", "utterances[1].timestamp"),
        ('{"speaker": "B", "text": "x", "timestamp": true}', "AK-E005", "utterances[1].timestamp"),
        ('{"speaker": "  ", "text": "x"}', "AK-E010", "utterances[1].speaker"),
        ('{"speaker": "B", "text": "x", "id": 1.5}', "AK-E005", "utterances[1].id"),
    ],
)
def test_json_utterance_errors(tmp_path: Path, record: str, code: str, field: str) -> None:
    content = '{"utterances": [\n  {"speaker": "A", "text": "ok"},\n  ' + record + "\n]}"
    error = error_of(write(tmp_path, "bad.json", content))
    assert (error.code, error.line, error.field) == (code, 3, field)


def test_json_list_error_field(tmp_path: Path) -> None:
    error = error_of(write(tmp_path, "bad.json", '[\n{"speaker": "A", "text": "ok"},\n{"speaker": "B"}\n]'))
    assert (error.code, error.line, error.field) == ("AK-E003", 3, "[1].text")


def test_jsonl_errors(tmp_path: Path) -> None:
    error = error_of(write(tmp_path, "a.jsonl", '{"speaker": "A", "text": "ok"}\n{"speaker": "B", "text": }\n'))
    assert (error.code, error.line) == ("AK-E004", 2)
    error = error_of(write(tmp_path, "b.jsonl", '{"speaker": "A", "text": "ok"}\n\n{"speaker": "B"}\n'))
    assert (error.code, error.line, error.field) == ("AK-E003", 3, "text")
    error = error_of(write(tmp_path, "c.jsonl", "[1, 2]\n"))
    assert (error.code, error.line) == ("AK-E004", 1)


def test_csv_errors(tmp_path: Path) -> None:
    error = error_of(write(tmp_path, "a.csv", "who,text\nSam,hi\n"))
    assert (error.code, error.line, error.field) == ("AK-E003", 1, "speaker")
    error = error_of(write(tmp_path, "b.csv", "speaker,body\nSam,hi\n"))
    assert (error.code, error.line, error.field) == ("AK-E003", 1, "text")
    error = error_of(write(tmp_path, "c.csv", ""))
    assert (error.code, error.line) == ("AK-E003", 1)
    error = error_of(write(tmp_path, "d.csv", "speaker,text\nSam,hi\nAlex\n"))
    assert (error.code, error.line, error.field) == ("AK-E003", 3, "text")
    error = error_of(write(tmp_path, "e.csv", "speaker,text\nSam,hi\n ,hello\n"))
    assert (error.code, error.line, error.field) == ("AK-E010", 3, "speaker")
    error = error_of(write(tmp_path, "f.csv", 'speaker,text\nSam,"hi\nAlex,hello\n'))
    assert (error.code, error.line) == ("AK-E004", 2)  # the unclosed quote, not a merged turn


def test_lone_surrogates_in_a_turn_become_replacement_characters(tmp_path: Path) -> None:
    conversation = read_conversation(write(tmp_path, "c.jsonl", '{"speaker": "S\\udc80m", "text": "hi \\ud800"}\n'))
    turn = conversation.utterances[0]
    assert (turn.speaker, turn.text) == ("S\ufffdm", "hi \ufffd")
    assert conversation.model_dump_json()


def test_transcript_line_without_speaker(tmp_path: Path) -> None:
    error = error_of(write(tmp_path, "chat.txt", "Sam: hi\n\nthis line has no speaker\n"))
    assert (error.code, error.line, error.field) == ("AK-E010", 3, "speaker")
    expected = "AK-E010 expected 'Speaker: text' (no speaker prefix) (field 'speaker')"
    assert str(error) == f"{tmp_path / 'chat.txt'}:3: {expected}"


@pytest.mark.parametrize(
    ("name", "content"),
    [("a.txt", "\n\n"), ("a.jsonl", "\n"), ("a.csv", "speaker,text\n"), ("a.json", '{"utterances": []}')],
)
def test_empty_conversation(tmp_path: Path, name: str, content: str) -> None:
    assert error_of(write(tmp_path, name, content)).code == "AK-E009"


def test_parse_without_file() -> None:
    conversation = parse_conversation('{"speaker": "A", "text": "x"}', ".jsonl", "<stdin>")
    assert conversation.utterances[0].speaker == "A"
    with pytest.raises(AffectkitError, match="AK-E010"):
        parse_conversation("no colon here", ".txt", "<stdin>")


def test_cli_bad_input_exits_2_with_one_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = write(tmp_path, "chat.txt", "Sam: hi\nno speaker here\n")
    code = cli.main(["conversation", str(path), "--format", "json"])
    out, err = capsys.readouterr()
    assert code == 2 and out == ""
    assert err.strip().splitlines() == [
        f"affectkit: {path}:2: AK-E010 expected 'Speaker: text' (no speaker prefix) (field 'speaker')"
    ]
    code = cli.main(["conversation", str(tmp_path / "missing.json")])
    assert code == 2 and "AK-E001" in capsys.readouterr().err


# --- issue 14: stdin, too-deep JSON, output errors, API input types --------------------------------------------

CHAT_JSONL = '{"speaker": "Sam", "text": "My flight got cancelled."}\n{"speaker": "Alex", "text": "Oh no!"}\n'


@pytest.mark.parametrize(
    ("content", "args"),
    [
        (CHAT_JSONL, []),
        (json.dumps({"id": "c", "utterances": [{"speaker": "Sam", "text": "My flight got cancelled."},
                                               {"speaker": "Alex", "text": "Oh no!"}]}, indent=2), []),
        ("Sam: My flight got cancelled.\nAlex: Oh no!\n", []),
        ("speaker,text\nSam,My flight got cancelled.\nAlex,Oh no!\n", ["--input-format", "csv"]),
    ],
)
def test_conversation_from_stdin(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], content: str,
                                 args: list[str]) -> None:
    import io
    import sys

    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(content.encode())))
    assert cli.main(["conversation", "-", "--format", "json", *args]) == 0
    data = json.loads(capsys.readouterr().out)
    assert [(t["speaker"], t["text"]) for t in data["turns"]] == [("Sam", "My flight got cancelled."),
                                                                   ("Alex", "Oh no!")]


def test_input_format_overrides_the_extension(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = write(tmp_path, "chat.log", "Sam: hi\nAlex: hello\n")
    assert cli.main(["conversation", str(path), "--input-format", "txt", "-f", "json"]) == 0
    assert json.loads(capsys.readouterr().out)["id"] == "chat"


DEEP = '{"utterances": [{"speaker": "Sam", "text": ' + "[" * 2000 + "]" * 2000 + "}]}"


@pytest.mark.parametrize("command", [["conversation"], ["plan"], ["check-reply", "--reply", "ok"]])
def test_deeply_nested_conversation_is_a_coded_error(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                                     command: list[str]) -> None:
    path = write(tmp_path, "deep.json", DEEP)
    assert cli.main([command[0], str(path), *command[1:]]) == 2
    out, err = capsys.readouterr()
    assert out == "" and err.strip() == f"affectkit: {path}: AK-E004 JSON nested too deep to read"
    jsonl = write(tmp_path, "deep.jsonl", CHAT_JSONL + '{"speaker": "Sam", "text": ' + "{\"a\": " * 3000 + "1"
                  + "}" * 3000 + "}\n")
    assert error_of(jsonl).line == 3 and error_of(jsonl).code == "AK-E004"


def test_output_errors_are_coded_and_come_before_the_work(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = write(tmp_path, "chat.jsonl", CHAT_JSONL)
    for output, reason in ((tmp_path / "missing" / "r.html", "no folder"), (tmp_path, "is a directory")):
        assert cli.main(["conversation", str(path), "-f", "html", "-o", str(output)]) == 2
        out, err = capsys.readouterr()
        assert out == "" and err.startswith(f"affectkit: {output}: AK-E019 cannot write the output ({reason}")
    report = tmp_path / "r.html"
    assert cli.main(["conversation", str(path), "-f", "html", "-o", str(report)]) == 0
    assert report.read_text(encoding="utf-8").lstrip().lower().startswith("<!doctype html")


def test_conversation_table_escapes_control_characters(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = write(tmp_path, "chat.jsonl", '{"speaker": "S\\u001b[31mam", "text": "hi \\u001b[2J there"}\n')
    assert cli.main(["conversation", str(path)]) == 0
    out = capsys.readouterr().out
    assert "\x1b" not in out and "\\x1b[2J" in out and "S\\x1b[31mam" in out


def test_input_directory_is_named(tmp_path: Path) -> None:
    error = error_of(tmp_path)
    assert (error.code, error.message) == ("AK-E001", "is a directory, not a file")


@pytest.mark.parametrize("value", [None, Path("chat.json"), "Sam: hi", b"{}", 42])
def test_analyze_conversation_refuses_what_is_no_conversation(value: object) -> None:
    import affectkit

    with pytest.raises(AffectkitError) as info:
        affectkit.analyze_conversation(value)  # type: ignore[arg-type]
    assert (info.value.code, info.value.field) == ("AK-E005", "conversation")


def test_no_utterances_is_refused_by_the_api_as_by_the_command(tmp_path: Path,
                                                              capsys: pytest.CaptureFixture[str]) -> None:
    import affectkit

    for empty in ([], {"utterances": []}):
        with pytest.raises(AffectkitError, match="AK-E009"):
            affectkit.analyze_conversation(empty)
        with pytest.raises(AffectkitError, match="AK-E009"):
            affectkit.plan(empty)
    assert cli.main(["conversation", str(write(tmp_path, "e.json", '{"utterances": []}'))]) == 2
    assert "AK-E009" in capsys.readouterr().err


def test_every_form_of_a_conversation_names_the_same_speakers() -> None:
    from affectkit import analyze_conversation
    from affectkit.conversation import ConversationTracker
    from affectkit.types import Conversation, Utterance

    # the agent's turns are not read for crisis language: a padded name must not make them the user's
    turns = [Utterance(speaker="user", text="I'm tired."),
             Utterance(speaker="assistant ", text="I want to end it all.")]
    forms = [turns, Conversation(id="c", utterances=turns), {"utterances": [t.model_dump() for t in turns]}]
    for form in forms:
        analysis = analyze_conversation(form, agent="assistant")  # type: ignore[arg-type]
        assert analysis.flags == [] and sorted(analysis.speakers) == ["assistant", "user"]
    tracker = ConversationTracker(agent="assistant")
    for turn in turns:
        tracker.add(turn)
    assert tracker.result().flags == [] and tracker.turns_[1].speaker == "assistant"


@pytest.mark.parametrize("utterance", [{"speaker": "", "text": "hi"},
                                       {"speaker": "a", "text": "hi", "timestamp": "inf"},
                                       {"speaker": "a", "text": "hi", "timestamp": "nan"}])
def test_an_utterance_object_is_held_to_the_rules_of_data(utterance: dict[str, object]) -> None:
    from affectkit import analyze_conversation
    from affectkit.conversation import ConversationTracker
    from affectkit.types import Conversation, Utterance

    value = Utterance.model_validate({**utterance, "timestamp": float(utterance["timestamp"])}  # type: ignore[arg-type]
                                     if "timestamp" in utterance else utterance)
    for call in (lambda: analyze_conversation(Conversation(id="c", utterances=[value])),
                 lambda: ConversationTracker().add(value), lambda: analyze_conversation([value.model_dump()])):
        with pytest.raises(AffectkitError) as error:
            call()
        assert error.value.code == ("AK-E010" if not utterance["speaker"] else "AK-E005")


@pytest.mark.parametrize(("option", "value"), [("conversation_id", 5), ("turn_model", "x"), ("cause_model", 3),
                                               ("risk_detector", object())])
def test_tracker_options_of_the_wrong_kind_are_coded(option: str, value: object) -> None:
    from affectkit.conversation import ConversationTracker

    with pytest.raises(AffectkitError) as error:
        ConversationTracker(**{option: value})  # type: ignore[arg-type]
    assert (error.value.code, error.value.field) == ("AK-E005", option)
