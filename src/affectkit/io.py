"""Reading texts from files, with coded errors that name the file, line and field.

Formats, chosen by extension:

* ``.txt``: one text per line (every line, blank ones included, so output line N is input line N);
* ``.jsonl``: one JSON object per line with a string field ``text`` (blank lines are skipped);
* ``.csv``: a header row naming a text column (``text`` unless told otherwise).

Example:
    >>> import pathlib, tempfile
    >>> path = pathlib.Path(tempfile.mkdtemp()) / "in.jsonl"
    >>> _ = path.write_text('{"text": "hello"}\\n{"text": "bye"}\\n')
    >>> read_texts(path)
    ['hello', 'bye']
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from affectkit.errors import AffectkitError

FORMATS = (".txt", ".jsonl", ".csv")


def path_argument(value: str) -> Path:
    """A command-line path, refusing an empty one: ``Path("")`` is the current folder, so ``-o ''`` would otherwise
    be read as "write to the folder you are in" (used as argparse's ``type=``)."""
    if not value.strip():
        import argparse

        raise argparse.ArgumentTypeError("a path cannot be empty")
    return Path(value)


def read_text_file(path: Path) -> str:
    """The file's contents as UTF-8 text (a leading BOM is dropped)."""
    if path.is_dir():
        raise AffectkitError("AK-E001", "is a directory, not a file", source=str(path))
    if not path.is_file():
        raise AffectkitError("AK-E001", "file not found", source=str(path))
    try:
        data = path.read_bytes()
    except OSError as error:  # no permission, an I/O error
        raise AffectkitError("AK-E001", f"cannot read the file ({error.strerror or error})", source=str(path)) from None
    return decode_utf8(data, str(path))


def load_json(text: str, source: str, line: int | None = None) -> Any:
    """``json.loads`` with coded errors: AK-E004 for invalid JSON and for JSON nested too deep to read
    (Python's decoder recurses, so some thousand nested lists would otherwise raise RecursionError).

    Example:
        >>> load_json("[" * 5000 + "]" * 5000, "x.json")
        Traceback (most recent call last):
        affectkit.errors.AffectkitError: x.json: AK-E004 JSON nested too deep to read
    """
    try:
        return json.loads(text)
    except json.JSONDecodeError as error:
        raise AffectkitError(
            "AK-E004", f"not valid JSON ({error.msg}, column {error.colno})", source=source,
            line=error.lineno if line is None else line,
        ) from None
    except RecursionError:
        raise AffectkitError("AK-E004", "JSON nested too deep to read", source=source, line=line) from None


def looks_like_jsonl(content: str) -> bool:
    r"""Whether the first non-blank line is a JSON object: how standard input is recognised as JSONL.

    Example:
        >>> looks_like_jsonl('\n{"text": "hi"}\n'), looks_like_jsonl("hi {there}\n")
        (True, False)
    """
    for line in content.splitlines():
        if line.strip():
            if not line.lstrip().startswith("{"):
                return False
            try:
                return isinstance(json.loads(line), dict)
            except (ValueError, RecursionError):
                return False
    return False


# C0/C1 control characters and the bidirectional overrides can move the cursor, clear the screen or reorder
# what a terminal shows; newlines and tabs are layout and stay.
_UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def terminal_safe(text: str) -> str:
    r"""``text`` with control characters written as escapes (``\x1b``), for table output on a terminal.

    Example:
        >>> print(terminal_safe("clear\x1b[2J screen\u202e"))
        clear\x1b[2J screen\u202e
    """
    return _UNSAFE.sub(lambda m: f"\\u{ord(m[0]):04x}" if ord(m[0]) > 0xFF else f"\\x{ord(m[0]):02x}", text)


def decode_utf8(data: bytes, source: str) -> str:
    """``data`` as UTF-8 text (a leading BOM is dropped); invalid bytes raise AK-E002 naming their line.

    Example:
        >>> decode_utf8(b"fine\\ncaf\\xe9", "<stdin>")
        Traceback (most recent call last):
        affectkit.errors.AffectkitError: <stdin>:2: AK-E002 bytes are not valid UTF-8 (byte 8)
    """
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        raise AffectkitError(
            "AK-E002", f"bytes are not valid UTF-8 (byte {error.start})", source=source, line=line
        ) from None


def parse_texts(content: str, suffix: str, source: str, text_column: str = "text") -> list[str]:
    """Texts from the contents of a ``.txt``, ``.jsonl`` or ``.csv`` file (``suffix`` says which)."""
    if suffix == ".txt":
        return content.splitlines()
    if suffix == ".jsonl":
        return _parse_jsonl(content, source, text_column)
    if suffix == ".csv":
        return _parse_csv(content, source, text_column)
    raise AffectkitError(
        "AK-E003", f"unknown input format '{suffix}'; use one of {', '.join(FORMATS)}", source=source
    )


def read_texts(path: str | Path, text_column: str = "text") -> list[str]:
    """Texts from a file; see the module docstring for the formats."""
    path = Path(path)
    return parse_texts(read_text_file(path), path.suffix.lower(), str(path), text_column)


def jsonl_records(content: str, source: str) -> Iterator[tuple[int, Any]]:
    r"""(line number, decoded value) for each non-blank line; a line that is not JSON raises AK-E004.

    Example:
        >>> list(jsonl_records('{"text": "hi"}\n\n[1, 2]\n', "x.jsonl"))
        [(1, {'text': 'hi'}), (3, [1, 2])]
    """
    for number, line in enumerate(content.splitlines(), start=1):
        if not line.strip():
            continue
        yield number, load_json(line, source, number)


def _parse_jsonl(content: str, source: str, field: str) -> list[str]:
    texts = []
    for number, record in jsonl_records(content, source):
        if not isinstance(record, dict):
            raise AffectkitError("AK-E004", "expected a JSON object", source=source, line=number)
        if field not in record:
            raise AffectkitError("AK-E003", "missing field", source=source, line=number, field=field)
        if not isinstance(record[field], str):
            raise AffectkitError(
                "AK-E005",
                f"expected a string, got {type(record[field]).__name__}",
                source=source,
                line=number,
                field=field,
            )
        texts.append(record[field])
    return texts


def csv_rows(content: str, source: str) -> Iterator[tuple[int, list[str]]]:
    r"""(line number, cells) for each CSV record, the header first.

    Strict quoting: an unclosed quote raises AK-E004 naming the line its record starts on, instead of
    silently swallowing every line after it into one field.

    Example:
        >>> list(csv_rows('text\n"two\nlines"\nnext\n', "x.csv"))
        [(1, ['text']), (3, ['two\nlines']), (4, ['next'])]
        >>> list(csv_rows('text\n"open\nnext\n', "x.csv"))
        Traceback (most recent call last):
        affectkit.errors.AffectkitError: x.csv:2: AK-E004 malformed CSV record (unexpected end of data)
    """
    # The csv module refuses fields over 128 KiB by default; a long document is a valid text (it is
    # windowed), and the whole file is in memory already, so allow a field as long as the content.
    csv.field_size_limit(max(csv.field_size_limit(), len(content)))
    reader = csv.reader(io.StringIO(content, newline=""), strict=True)
    while True:
        start = reader.line_num + 1
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as error:
            raise AffectkitError("AK-E004", f"malformed CSV record ({error})", source=source, line=start) from None
        yield reader.line_num, row


def _parse_csv(content: str, source: str, column: str) -> list[str]:
    rows = csv_rows(content, source)
    first = next(rows, None)
    if first is None:
        raise AffectkitError("AK-E003", "empty CSV: no header row", source=source, line=1, field=column)
    header = first[1]
    if column not in header:
        raise AffectkitError(
            "AK-E003",
            f"missing column (header has: {', '.join(header)})",
            source=source,
            line=1,
            field=column,
        )
    index = header.index(column)
    texts = []
    for number, row in rows:
        if not row:
            continue
        if index >= len(row):
            raise AffectkitError("AK-E003", "row has too few columns", source=source, line=number, field=column)
        if len(row) > len(header):  # an unquoted comma: the text would be cut at it
            raise AffectkitError("AK-E004", f"malformed CSV record: {len(row)} cells, the header has {len(header)} "
                                 "(quote a text that holds a comma)", source=source, line=number)
        texts.append(row[index])
    return texts
