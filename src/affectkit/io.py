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
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from affectkit.errors import AffectkitError

FORMATS = (".txt", ".jsonl", ".csv")


def read_text_file(path: Path) -> str:
    """The file's contents as UTF-8 text (a leading BOM is dropped)."""
    if not path.is_file():
        raise AffectkitError("AK-E001", "file not found", source=str(path))
    return decode_utf8(path.read_bytes(), str(path))


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
        try:
            record = json.loads(line)
        except json.JSONDecodeError as error:
            raise AffectkitError(
                "AK-E004", f"not valid JSON ({error.msg}, column {error.colno})", source=source, line=number
            ) from None
        yield number, record


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
        texts.append(row[index])
    return texts
