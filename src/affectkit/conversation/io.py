"""Reading conversations from files, with coded errors that name the file, line and field.

Formats, chosen by extension:

* ``.json``: ``{"id": ..., "utterances": [{"speaker": ..., "text": ..., "timestamp": optional,
  "audio": optional}, ...]}`` (a bare list of utterances is accepted too; the id then defaults to the file name
  without extension);
* ``.jsonl``: one utterance object per line (blank lines are skipped);
* ``.csv``: a header row naming the speaker and text columns (``speaker`` and ``text`` unless told
  otherwise) and, optionally, ``timestamp`` and ``audio`` columns;
* ``.txt``: a transcript, one ``Speaker: text`` per line, optionally prefixed by ``[timestamp]``
  (blank lines are skipped; any other line without a ``Speaker:`` prefix is an error).

``audio`` is the path of a recording of the utterance (WAV, FLAC or OGG, read by the ``speech`` extra when the
conversation is analysed); a relative path is resolved against the conversation file's folder (``base_dir``).

Example:
    >>> import pathlib, tempfile
    >>> path = pathlib.Path(tempfile.mkdtemp()) / "chat.txt"
    >>> _ = path.write_text("Sam: My flight got cancelled.\\n[10:02] Alex: Oh no!\\n")
    >>> conversation = read_conversation(path)
    >>> [(u.speaker, u.text, u.timestamp) for u in conversation.utterances]
    [('Sam', 'My flight got cancelled.', None), ('Alex', 'Oh no!', '10:02')]
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Mapping, Sequence
from pathlib import Path, PurePath
from typing import Any

from affectkit.errors import AffectkitError
from affectkit.io import csv_rows, jsonl_records, load_json, looks_like_jsonl, read_text_file
from affectkit.types import Conversation, Utterance

FORMATS = (".json", ".jsonl", ".csv", ".txt")
_TRANSCRIPT_LINE = re.compile(
    r"^\s*(?:\[(?P<timestamp>[^\]]*)\]\s*)?(?P<speaker>[^:\[\]]{1,80}?)\s*:[ \t]?(?P<text>.*)$"
)
_WHITESPACE = re.compile(r"[ \t\n\r]*")


def read_conversation(path: str | Path, speaker_column: str = "speaker", text_column: str = "text") -> Conversation:
    """The conversation in a ``.json``, ``.jsonl``, ``.csv`` or ``.txt`` file (see the module docstring).

    Example:
        >>> import pathlib, tempfile
        >>> path = pathlib.Path(tempfile.mkdtemp()) / "chat.jsonl"
        >>> _ = path.write_text('{"speaker": "Sam", "text": "hi"}\\n{"speaker": "Alex", "text": "hey"}\\n')
        >>> read_conversation(path).id
        'chat'
    """
    path = Path(path)
    return parse_conversation(
        read_text_file(path), path.suffix.lower(), str(path), speaker_column, text_column, default_id=path.stem,
        base_dir=path.parent,
    )


def parse_conversation(
    content: str,
    suffix: str,
    source: str,
    speaker_column: str = "speaker",
    text_column: str = "text",
    default_id: str = "conversation",
    base_dir: str | Path | None = None,
) -> Conversation:
    """A conversation from the contents of a file; ``suffix`` (``.json``, ``.jsonl``, ``.csv``, ``.txt``) says
    which format. Raises :class:`~affectkit.errors.AffectkitError` naming ``source``, the line and the field.
    Relative ``audio`` paths are resolved against ``base_dir`` (the file's folder) when it is given.

    Example:
        >>> parse_conversation("Sam: hi\\nAlex: hello", ".txt", "<text>").utterances[1].speaker
        'Alex'
    """
    if suffix == ".json":
        conversation = _parse_json(content, source, default_id)
    elif suffix == ".jsonl":
        conversation = Conversation(id=default_id, utterances=_parse_jsonl(content, source))
    elif suffix == ".csv":
        conversation = Conversation(id=default_id, utterances=_parse_csv(content, source, speaker_column, text_column))
    elif suffix == ".txt":
        conversation = Conversation(id=default_id, utterances=_parse_transcript(content, source))
    else:
        raise AffectkitError(
            "AK-E003", f"unknown conversation format '{suffix}'; use one of {', '.join(FORMATS)}", source=source
        )
    if not conversation.utterances:
        raise AffectkitError("AK-E009", "the conversation holds no utterances", source=source)
    if base_dir is not None:
        conversation.utterances = [
            u.model_copy(update={"audio": str(Path(base_dir) / u.audio)})
            if u.audio is not None and not Path(u.audio).is_absolute() else u
            for u in conversation.utterances
        ]
    return conversation


def conversation_from_data(data: Any, source: str = "<input>", default_id: str = "conversation") -> Conversation:
    """A conversation from decoded JSON: an object with ``utterances`` (and ``id``) or a list of utterances.

    Example:
        >>> conversation_from_data({"id": 7, "utterances": [{"speaker": "Sam", "text": "hi"}]}).id
        '7'
    """
    return _conversation_from_data(data, source, default_id, lines=None)


def guess_format(content: str) -> str:
    """The format of a conversation given without a file name (standard input): ``.json`` for one JSON
    document, ``.jsonl`` for JSON objects one per line, else a ``.txt`` transcript.

    Example:
        >>> guess_format('{"speaker": "Sam", "text": "hi"}\\n{"speaker": "Alex", "text": "hey"}')
        '.jsonl'
        >>> guess_format('[{"speaker": "Sam", "text": "hi"}]'), guess_format("Sam: hi")
        ('.json', '.txt')
    """
    stripped = content.lstrip()
    if not stripped.startswith(("{", "[")):
        return ".txt"
    try:
        json.loads(content)
        return ".json"
    except (ValueError, RecursionError):  # not one document: JSONL if its first line is an object
        return ".jsonl" if looks_like_jsonl(content) else ".json"


def checked_utterance(utterance: Utterance, prefix: str = "") -> Utterance:
    """An :class:`~affectkit.types.Utterance` made in Python held to the rules of one read from data: its speaker
    stripped (AK-E010 when empty) and a finite timestamp (AK-E005), so that every way of passing a conversation
    names the same speakers (the agent's turns are told apart by name).

    Example:
        >>> checked_utterance(Utterance(speaker=" assistant ", text="Hi")).speaker
        'assistant'
    """
    speaker = utterance.speaker.strip()
    if not speaker:
        raise AffectkitError("AK-E010", "empty speaker name", field=prefix + "speaker")
    if isinstance(utterance.timestamp, float) and not math.isfinite(utterance.timestamp):
        raise AffectkitError("AK-E005", f"expected a string or a finite number, got {utterance.timestamp!r}",
                             field=prefix + "timestamp")
    return utterance if speaker == utterance.speaker else utterance.model_copy(update={"speaker": speaker})


def as_conversation(value: Any) -> Conversation:
    """A :class:`~affectkit.types.Conversation` from what the Python API takes: a Conversation, decoded JSON (a
    dict with ``utterances``) or a list of utterances (:class:`~affectkit.types.Utterance` or dicts). Anything
    else raises AK-E005, a conversation without utterances AK-E009 (as the command line does).

    Example:
        >>> as_conversation([{"speaker": "Sam", "text": "hi"}]).utterances[0].speaker
        'Sam'
        >>> as_conversation(None)
        Traceback (most recent call last):
        affectkit.errors.AffectkitError: AK-E005 expected a Conversation, a dict with 'utterances' or a list of utterances, got NoneType (field 'conversation')
    """  # noqa: E501
    if isinstance(value, Conversation):
        conversation = value.model_copy(update={"utterances": [
            checked_utterance(u, f"utterances[{i}].") for i, u in enumerate(value.utterances)]})
    elif isinstance(value, Mapping):
        conversation = conversation_from_data(value)
    elif isinstance(value, Sequence) and not isinstance(value, str | bytes | bytearray):
        items = [u.model_dump(exclude_none=True) if isinstance(u, Utterance) else u for u in value]
        conversation = conversation_from_data(items)
    else:
        hint = "; for a file use affectkit.conversation.read_conversation(path)" if isinstance(
            value, str | PurePath) else ""
        raise AffectkitError(
            "AK-E005", "expected a Conversation, a dict with 'utterances' or a list of utterances, got "
            f"{type(value).__name__}{hint}", field="conversation")
    if not conversation.utterances:
        raise AffectkitError("AK-E009", "the conversation holds no utterances", field="utterances")
    return conversation


def _parse_json(content: str, source: str, default_id: str) -> Conversation:
    data = load_json(content, source)
    try:
        lines: list[int] | None = _utterance_lines(content)
    except RecursionError:  # deep enough for the line finder's extra stack frames: report without lines
        lines = None
    return _conversation_from_data(data, source, default_id, lines=lines)


def _conversation_from_data(data: Any, source: str, default_id: str, lines: list[int] | None) -> Conversation:
    top = 1 if lines is not None else None  # a document-level problem is reported on line 1 of a file

    def line_of(i: int) -> int | None:
        return lines[i] if lines is not None and i < len(lines) else None

    if isinstance(data, list):
        records, conversation_id, prefix = data, default_id, ""
    elif isinstance(data, Mapping):
        if "utterances" not in data:
            raise AffectkitError("AK-E003", "missing field", source=source, line=top, field="utterances")
        records, prefix = data["utterances"], "utterances"
        if not isinstance(records, list):
            raise AffectkitError(
                "AK-E005", f"expected a list, got {type(records).__name__}", source=source, line=top, field="utterances"
            )
        raw_id = data.get("id", default_id)
        if isinstance(raw_id, bool) or not isinstance(raw_id, str | int):
            raise AffectkitError(
                "AK-E005", f"expected a string, got {type(raw_id).__name__}", source=source, line=top, field="id"
            )
        conversation_id = str(raw_id)
    else:
        raise AffectkitError(
            "AK-E004",
            "expected a JSON object with 'utterances' or a list of utterances",
            source=source,
            line=top,
        )
    utterances = [
        utterance_from_data(record, source, line_of(i), f"{prefix}[{i}].") for i, record in enumerate(records)
    ]
    return Conversation(id=conversation_id, utterances=utterances)


def utterance_from_data(record: Any, source: str = "<input>", line: int | None = None, prefix: str = "") -> Utterance:
    """One utterance from a decoded JSON object, checking every field (``prefix`` goes before field names).

    Example:
        >>> utterance_from_data({"speaker": "Sam", "text": "hi", "timestamp": 3}).timestamp
        3.0
    """
    if not isinstance(record, Mapping):
        raise AffectkitError(
            "AK-E004", "expected a JSON object", source=source, line=line, field=prefix.rstrip(".") or None
        )
    for name in ("speaker", "text"):
        if name not in record:
            raise AffectkitError("AK-E003", "missing field", source=source, line=line, field=prefix + name)
        if not isinstance(record[name], str):
            raise AffectkitError(
                "AK-E005",
                f"expected a string, got {type(record[name]).__name__}",
                source=source,
                line=line,
                field=prefix + name,
            )
    speaker = record["speaker"].strip()
    if not speaker:
        raise AffectkitError("AK-E010", "empty speaker name", source=source, line=line, field=prefix + "speaker")
    timestamp = record.get("timestamp")
    if timestamp is not None and (isinstance(timestamp, bool) or not isinstance(timestamp, str | int | float)
                                  or (isinstance(timestamp, float) and not math.isfinite(timestamp))):
        raise AffectkitError(
            "AK-E005",
            "expected a string or a finite number, got "
            + (repr(timestamp) if isinstance(timestamp, float) else type(timestamp).__name__),
            source=source,
            line=line,
            field=prefix + "timestamp",
        )
    utterance_id = record.get("id")
    if utterance_id is not None and (isinstance(utterance_id, bool) or not isinstance(utterance_id, str | int)):
        raise AffectkitError(
            "AK-E005",
            f"expected a string, got {type(utterance_id).__name__}",
            source=source,
            line=line,
            field=prefix + "id",
        )
    audio = record.get("audio")
    if audio is not None and (not isinstance(audio, str) or not audio.strip() or "\x00" in audio):
        raise AffectkitError(
            "AK-E005",
            "expected the path of a recording (a non-empty string), got "
            + (repr(audio) if isinstance(audio, str) else type(audio).__name__),
            source=source,
            line=line,
            field=prefix + "audio",
        )
    return Utterance(
        speaker=speaker,
        text=record["text"],
        timestamp=timestamp,
        id=None if utterance_id is None else str(utterance_id),
        audio=audio,
    )


def _parse_jsonl(content: str, source: str) -> list[Utterance]:
    return [utterance_from_data(record, source, number) for number, record in jsonl_records(content, source)]


def _parse_csv(content: str, source: str, speaker_column: str, text_column: str) -> list[Utterance]:
    rows = csv_rows(content, source)
    first = next(rows, None)
    if first is None:
        raise AffectkitError("AK-E003", "empty CSV: no header row", source=source, line=1, field=speaker_column)
    header = first[1]
    for column in (speaker_column, text_column):
        if column not in header:
            raise AffectkitError(
                "AK-E003", f"missing column (header has: {', '.join(header)})", source=source, line=1, field=column
            )
    columns = {"speaker": header.index(speaker_column), "text": header.index(text_column)}
    timestamp_index = header.index("timestamp") if "timestamp" in header else None
    audio_index = header.index("audio") if "audio" in header else None
    utterances = []
    for number, row in rows:
        if not any(cell.strip() for cell in row):
            continue
        for name, index in columns.items():
            if index >= len(row):
                raise AffectkitError(
                    "AK-E003",
                    "row has too few columns",
                    source=source,
                    line=number,
                    field=speaker_column if name == "speaker" else text_column,
                )
        speaker = row[columns["speaker"]].strip()
        if not speaker:
            raise AffectkitError(
                "AK-E010", "empty speaker name", source=source, line=number, field=speaker_column
            )
        timestamp = None
        if timestamp_index is not None and timestamp_index < len(row) and row[timestamp_index].strip():
            timestamp = row[timestamp_index].strip()
        audio = None
        if audio_index is not None and audio_index < len(row) and row[audio_index].strip():
            audio = row[audio_index].strip()
        utterances.append(Utterance(speaker=speaker, text=row[columns["text"]], timestamp=timestamp, audio=audio))
    return utterances


def _parse_transcript(content: str, source: str) -> list[Utterance]:
    utterances = []
    for number, line in enumerate(content.splitlines(), start=1):
        if not line.strip():
            continue
        match = _TRANSCRIPT_LINE.match(line)
        if match is None or not match["speaker"].strip():
            raise AffectkitError(
                "AK-E010", "expected 'Speaker: text' (no speaker prefix)", source=source, line=number, field="speaker"
            )
        timestamp = match["timestamp"].strip() if match["timestamp"] else None
        utterances.append(Utterance(speaker=match["speaker"].strip(), text=match["text"].strip(), timestamp=timestamp))
    return utterances


def _utterance_lines(content: str) -> list[int]:
    """The line on which each utterance of a valid JSON document starts (the elements of the top-level list,
    or of the list under the top-level ``utterances`` key), so errors can name the line."""
    decoder = json.JSONDecoder()

    def skip(i: int) -> int:
        match = _WHITESPACE.match(content, i)
        return match.end() if match else i

    def elements(i: int) -> list[int]:
        starts: list[int] = []
        i = skip(i + 1)
        if content[i] == "]":
            return starts
        while True:
            starts.append(i)
            _, i = decoder.raw_decode(content, i)
            i = skip(i)
            if content[i] != ",":
                return starts
            i = skip(i + 1)

    i = skip(0)
    starts: list[int] = []
    if content[i] == "[":
        starts = elements(i)
    elif content[i] == "{":
        i = skip(i + 1)
        while content[i] != "}":
            key, i = decoder.raw_decode(content, i)
            i = skip(skip(i) + 1)  # past the colon
            if key == "utterances" and content[i] == "[":
                starts = elements(i)  # the last duplicate key wins, as in json.loads
            _, i = decoder.raw_decode(content, i)
            i = skip(i)
            if content[i] == ",":
                i = skip(i + 1)
    lines, line, position = [], 1, 0
    for start in starts:
        line += content.count("\n", position, start)
        position = start
        lines.append(line)
    return lines
