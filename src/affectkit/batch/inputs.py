"""Reading batch inputs: CSV, JSONL and Parquet files, or a folder of them, one record at a time.

A batch input is first *scanned* once (:func:`scan`): every file is checked (readable, valid UTF-8, the named
columns present), its records are counted, the column types are unified across files, and the records are cut
into *parts* of a fixed size. A part records where it starts (a byte offset in a CSV or JSONL file, a row index
in a Parquet file), so any process can later read it alone with :func:`read_part`, with memory bounded by the
part. File-level problems raise a coded :class:`~affectkit.errors.AffectkitError`; a single bad record (a line
that is not JSON, a CSV row with the wrong number of cells) is returned as a :class:`BadRecord`, so that the run
can report and skip it.

Example:
    >>> import pathlib, tempfile
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> _ = (folder / "a.jsonl").write_text('{"text": "hi", "n": 1}\\nnot json\\n{"text": "bye", "n": 2.5}\\n')
    >>> plan = scan(folder, text_column="text", part_size=2)
    >>> [(c.name, c.kind) for c in plan.columns], [p.rows for p in plan.parts]
    ([('text', 'string'), ('n', 'float')], [2, 1])
    >>> [type(r).__name__ for part in plan.parts for r in read_part(part, plan)]
    ['Record', 'BadRecord', 'Record']
"""

from __future__ import annotations

import csv
import hashlib
import json
import os
from collections.abc import Iterator
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any, BinaryIO

from affectkit.errors import AffectkitError, missing_extra
from affectkit.io import load_json

SUFFIXES = {".csv": "csv", ".jsonl": "jsonl", ".ndjson": "jsonl", ".parquet": "parquet", ".pq": "parquet"}
KINDS = ("bool", "int", "float", "string", "json")  # column kinds, unified to the widest seen


@dataclass(frozen=True)
class Column:
    """An input column and its unified kind (one of :data:`KINDS`)."""

    name: str
    kind: str


@dataclass(frozen=True)
class Part:
    """``rows`` consecutive records of one file, from ``start`` (byte offset, or row index for Parquet);
    ``first_line`` is the 1-based line (row for Parquet) of its first record."""

    index: int
    path: str
    fmt: str
    start: int
    first_line: int
    rows: int


@dataclass
class InputPlan:
    """What :func:`scan` found: the files (with size and modification time, to notice a changed input), the
    unified columns, the CSV headers and the parts."""

    files: list[dict[str, Any]]
    columns: list[Column]
    parts: list[Part]
    headers: dict[str, list[str]] = field(default_factory=dict)

    @property
    def rows(self) -> int:
        return sum(part.rows for part in self.parts)

    def to_json(self) -> dict[str, Any]:
        return {"files": self.files, "columns": [asdict(c) for c in self.columns],
                "parts": [asdict(p) for p in self.parts], "headers": self.headers}

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> InputPlan:
        return cls(files=data["files"], columns=[Column(**c) for c in data["columns"]],
                   parts=[Part(**p) for p in data["parts"]], headers=data["headers"])


@dataclass(frozen=True)
class Record:
    """One input record: its values by column, its file and 1-based line (row for Parquet)."""

    values: dict[str, Any]
    source: str
    line: int


@dataclass(frozen=True)
class BadRecord:
    """A record that cannot be read, with a coded reason; a run reports it and goes on."""

    source: str
    line: int
    code: str
    reason: str
    values: dict[str, Any] | None = None


def input_files(path: Path, exclude: tuple[Path, ...] = ()) -> list[tuple[Path, str]]:
    """``path`` itself, or the CSV, JSONL and Parquet files under the folder ``path`` (recursively, sorted by
    relative path, hidden files and ``exclude`` skipped), each with its format."""
    if path.is_dir():
        found = []
        for candidate in sorted(path.rglob("*"), key=lambda p: p.relative_to(path).as_posix()):
            relative = candidate.relative_to(path).parts
            if any(part.startswith(".") for part in relative) or not (candidate.is_file() or candidate.is_symlink()):
                continue
            if any(candidate == skip or skip in candidate.parents for skip in exclude):
                continue
            fmt = SUFFIXES.get(candidate.suffix.lower())
            if fmt is not None:
                found.append((candidate, fmt))
        if not found:
            raise AffectkitError("AK-E009", "the folder holds no .csv, .jsonl or .parquet file", source=str(path))
        return found
    if not path.exists():
        raise AffectkitError("AK-E001", "file not found", source=str(path))
    fmt = SUFFIXES.get(path.suffix.lower())
    if fmt is None:
        raise AffectkitError("AK-E003", f"unknown input format '{path.suffix}'; use .csv, .jsonl or .parquet",
                             source=str(path))
    return [(path, fmt)]


def file_stat(path: Path) -> os.stat_result:
    """``path``'s status, AK-E001 when it cannot be read (a dangling link, no permission on its folder)."""
    try:
        if path.is_file():
            return path.stat()
    except OSError:
        pass
    raise AffectkitError("AK-E001", "not a readable file", source=str(path))


def file_record(path: Path, fmt: str) -> dict[str, Any]:
    """What a run remembers of an input file to know it again: its path, format, size and a hash of its content
    (a copied or touched file with the same bytes is the same input; a file edited in place, even to the same size,
    is not). AK-E001 when it cannot be read."""
    size = file_stat(path).st_size
    digest = hashlib.blake2b(digest_size=16)
    try:
        with path.open("rb") as handle:
            while chunk := handle.read(1 << 20):
                digest.update(chunk)
    except OSError:
        raise AffectkitError("AK-E001", "not a readable file", source=str(path)) from None
    return {"path": str(path), "format": fmt, "size": size, "blake2b": digest.hexdigest()}


def _open(path: Path) -> BinaryIO:
    if not path.is_file():
        raise AffectkitError("AK-E001", "not a readable file", source=str(path))
    try:
        return path.open("rb")
    except OSError as error:
        raise AffectkitError("AK-E001", f"cannot read the file ({error.strerror or error})", source=str(path)) from None


def _lines(handle: BinaryIO, source: str, start: int, first_line: int,
           position: list[int]) -> Iterator[tuple[int, str]]:
    """(line number, decoded line) from byte ``start``; ``position[0]`` is kept at the offset after the last
    line handed out. Bytes that are not UTF-8 raise AK-E002 naming the line (a file in mixed encodings)."""
    handle.seek(start)
    position[0] = start
    number = first_line
    for raw in handle:
        try:
            text = raw.decode("utf-8-sig" if position[0] == 0 else "utf-8")
        except UnicodeDecodeError as error:
            raise AffectkitError("AK-E002", f"bytes are not valid UTF-8 (byte {position[0] + error.start}); "
                                 "is the file in another encoding?", source=source, line=number) from None
        position[0] += len(raw)
        yield number, text
        number += 1


def _jsonl_records(path: Path, start: int, first_line: int) -> Iterator[tuple[int, int, Record | BadRecord]]:
    """(offset after the record, next line number, record) for each non-blank line."""
    source, position = str(path), [start]
    with _open(path) as handle:
        for number, line in _lines(handle, source, start, first_line, position):
            if not line.strip():
                continue
            try:
                value = load_json(line, source, number)
            except AffectkitError as error:
                yield position[0], number + 1, BadRecord(source, number, error.code, error.message)
                continue
            if not isinstance(value, dict):
                yield position[0], number + 1, BadRecord(source, number, "AK-E004", "expected a JSON object")
                continue
            yield position[0], number + 1, Record(value, source, number)


def _csv_records(path: Path, start: int, first_line: int,
                 header: list[str] | None) -> Iterator[tuple[int, int, Record | BadRecord]]:
    """(offset after the record, next line number, record) for each CSV record; the header row first when
    ``header`` is None (as a Record of column name to column name)."""
    source, position = str(path), [start]
    numbers: list[int] = []

    def feed() -> Iterator[str]:
        for number, line in _lines(handle, source, start, first_line, position):
            numbers.append(number)
            yield line

    csv.field_size_limit(2**31 - 1)  # a long document is a valid text (it is read in windows)
    with _open(path) as handle:
        reader = csv.reader(feed(), strict=True)
        while True:
            numbers.clear()
            try:
                row = next(reader)
            except StopIteration:
                return
            except csv.Error as error:
                line = numbers[0] if numbers else first_line
                raise AffectkitError("AK-E004", f"malformed CSV record ({error})", source=source, line=line) from None
            line = numbers[0] if numbers else first_line
            after = numbers[-1] + 1 if numbers else first_line
            if header is None:
                header = row
                yield position[0], after, Record(dict(zip(row, row, strict=True)), source, line)
                continue
            if not row:
                continue
            if len(row) != len(header):
                # the cells before the stray or missing one still line up: the row's id is most likely among them
                yield position[0], after, BadRecord(source, line, "AK-E004",
                                                    f"row has {len(row)} cells, the header has {len(header)}",
                                                    dict(zip(header, row, strict=False)))
                continue
            yield position[0], after, Record(dict(zip(header, row, strict=True)), source, line)


def _parquet_file(path: Path) -> Any:
    try:
        import pyarrow.parquet as pq
    except ImportError:
        raise missing_extra("batch", "pyarrow") from None
    if not path.is_file():
        raise AffectkitError("AK-E001", "not a readable file", source=str(path))
    try:
        return pq.ParquetFile(path)
    except OSError as error:
        raise AffectkitError("AK-E001", f"cannot read the Parquet file ({error})", source=str(path)) from None
    except Exception as error:  # pyarrow raises ArrowInvalid for a file that is not Parquet
        raise AffectkitError("AK-E004", f"not a valid Parquet file ({error})", source=str(path)) from None


def _parquet_records(path: Path, start: int) -> Iterator[tuple[int, Record | BadRecord]]:
    """(row index after the record, record) for each row from row ``start``."""
    parquet = _parquet_file(path)
    source, offset = str(path), 0
    for group in range(parquet.num_row_groups):
        size = parquet.metadata.row_group(group).num_rows
        if offset + size <= start:
            offset += size
            continue
        table = parquet.read_row_group(group)
        for i, values in enumerate(table.to_pylist()):
            row = offset + i
            if row >= start:
                yield row + 1, Record(values, source, row + 1)
        offset += size


def _kind(value: Any) -> str | None:
    if value is None:
        return None
    if isinstance(value, bool):
        return "bool"
    if isinstance(value, int):
        return "int"
    if isinstance(value, float):
        return "float"
    if isinstance(value, str):
        return "string"
    return "json"


def unify(a: str | None, b: str | None) -> str | None:
    """The kind that holds values of kinds ``a`` and ``b``.

    Example:
        >>> unify("int", "float"), unify("int", "string"), unify(None, "bool")
        ('float', 'string', 'bool')
    """
    if a is None or a == b:
        return b
    if b is None:
        return a
    if {a, b} == {"int", "float"}:
        return "float"
    return "string" if "json" not in (a, b) else "json"


def _arrow_kind(arrow_type: Any) -> str:
    import pyarrow as pa

    if pa.types.is_boolean(arrow_type):
        return "bool"
    if pa.types.is_integer(arrow_type):
        return "int"
    if pa.types.is_floating(arrow_type):
        return "float"
    if pa.types.is_string(arrow_type) or pa.types.is_large_string(arrow_type):
        return "string"
    return "json"


def scan(path: str | os.PathLike[str], *, text_column: str, part_size: int, required: tuple[str, ...] = (),
         group_column: str | None = None, exclude: tuple[Path, ...] = ()) -> InputPlan:
    """Check the input at ``path`` and cut it into parts of ``part_size`` records (see the module doc).

    ``required`` names more columns that must exist (id, time, group). With ``group_column`` a part ends only
    where the group changes, so that a part holds whole conversations, and the rows of a group must be
    consecutive (AK-E004 otherwise).
    """
    found = input_files(Path(path), exclude)
    kinds: dict[str, str | None] = {}
    headers: dict[str, list[str]] = {}
    parts: list[Part] = []
    files: list[dict[str, Any]] = []
    seen_groups: dict[str, tuple[str, int]] = {}
    for file, fmt in found:
        source = str(file)
        files.append(file_record(file, fmt))
        file_columns: list[str] = []
        start, first_line = 0, 1
        if fmt == "parquet":
            for arrow_field in _parquet_file(file).schema_arrow:
                file_columns.append(arrow_field.name)
                kinds[arrow_field.name] = unify(kinds.get(arrow_field.name), _arrow_kind(arrow_field.type))
            records = iter_records(file, fmt, 0, 1, None)
        elif fmt == "csv":
            records = iter_records(file, fmt, 0, 1, None)
            first = next(records, None)
            if first is None or not isinstance(first[2], Record):
                raise AffectkitError("AK-E003", "empty CSV: no header row", source=source, line=1)
            file_columns = list(first[2].values)
            headers[source] = file_columns
            for name in file_columns:
                kinds[name] = unify(kinds.get(name), "string")
            start, first_line = first[0], first[1]
        else:
            records = iter_records(file, fmt, 0, 1, None)
        count, group_key = 0, None
        previous_end, previous_line = start, first_line  # where the record being read begins
        for end, next_line, record in records:
            if isinstance(record, Record):
                if fmt == "jsonl":
                    for name, value in record.values.items():
                        kinds[name] = unify(kinds.get(name), _kind(value))
                        if name not in file_columns:
                            file_columns.append(name)
                if group_column is not None:
                    value = record.values.get(group_column)
                    key = value if isinstance(value, str) else json.dumps(value, sort_keys=True, default=str)
                    if key != group_key:
                        if key in seen_groups:
                            where = seen_groups[key]
                            raise AffectkitError(
                                "AK-E004", f"the rows of conversation {key!r} are not consecutive (first at "
                                f"{where[0]}:{where[1]}): sort the input by {group_column!r}",
                                source=source, line=record.line)
                        seen_groups[key] = (source, record.line)
                        if count >= part_size:  # a part ends only where a new conversation begins
                            parts.append(Part(len(parts), source, fmt, start, first_line, count))
                            start, first_line, count = previous_end, previous_line, 0
                        group_key = key
            count += 1
            previous_end, previous_line = end, next_line
            if group_column is None and count == part_size:
                parts.append(Part(len(parts), source, fmt, start, first_line, count))
                start, first_line, count = end, next_line, 0
        if count:
            parts.append(Part(len(parts), source, fmt, start, first_line, count))
        for name in (text_column, *required):
            if name not in file_columns:
                shown = ", ".join(file_columns[:20]) or "none"
                raise AffectkitError("AK-E003", f"missing column (the file has: {shown})", source=source,
                                     field=name)
    if not parts:
        raise AffectkitError("AK-E009", "the input holds no records", source=str(path))
    columns = [Column(name, kind or "string") for name, kind in kinds.items()]
    return InputPlan(files=files, columns=columns, parts=parts, headers=headers)


def iter_records(path: Path, fmt: str, start: int, first_line: int,
                 header: list[str] | None) -> Iterator[tuple[int, int, Record | BadRecord]]:
    """(position after the record, line number after it, record) for each record of ``path`` from ``start``
    (a byte offset, or a row index for Parquet) whose line (row) number is ``first_line``; a CSV read from
    its beginning (``header`` None) yields its header row first."""
    if fmt == "parquet":
        for row, record in _parquet_records(path, start):
            yield row, row + 1, record
    elif fmt == "csv":
        yield from _csv_records(path, start, first_line, header)
    else:
        yield from _jsonl_records(path, start, first_line)


def read_part(part: Part, plan: InputPlan) -> Iterator[Record | BadRecord]:
    """The records of ``part``, read alone from its file."""
    header = plan.headers.get(part.path) if part.fmt == "csv" else None
    records = iter_records(Path(part.path), part.fmt, part.start, part.first_line, header)
    for count, (_, _, record) in enumerate(records):
        if count >= part.rows:
            return
        yield record
