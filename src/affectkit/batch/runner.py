"""File-to-file analysis in resumable parts, on local worker processes or on Ray.

A run (:func:`run`) scans the input once (:func:`affectkit.batch.inputs.scan`: every file checked, the records
cut into parts of ``part_size``), writes the plan to ``OUTPUT.parts/manifest.json``, then has workers analyse the
parts. A worker reads its part alone, analyses it and writes ``part-NNNNN.parquet`` atomically (to a temporary
name, then renamed), after the part's bad records (``part-NNNNN.bad.jsonl``). A part whose file exists is done:
a rerun of the same command after an interruption skips it and does only the rest. When every part is done the
parts are joined, in order, into OUTPUT (Parquet or JSONL, written to a temporary name and renamed), the bad
records into ``<OUTPUT stem>.bad-rows.jsonl``, and the parts folder is removed.

Memory is bounded by the parts in flight (one per worker), never by the input size. A text's analysis never
depends on the texts read with it, so every engine and every worker count gives the same rows, in the same
order.

Example:
    >>> import pathlib, tempfile, pyarrow.parquet as pq
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> _ = (folder / "in.csv").write_text("id,text\\n1,Thank you so much for the help!\\n2,I lost my keys again.\\n")
    >>> result = run(folder / "in.csv", folder / "out.parquet", id_column="id", workers=1, progress=False)
    >>> result.rows, result.bad_rows
    (2, 0)
    >>> pq.read_table(folder / "out.parquet").column("labels").to_pylist()[0]
    ['gratitude']
"""

from __future__ import annotations

import json
import os
import shutil
import time
from collections.abc import Iterable
from dataclasses import asdict, dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any

from affectkit.batch.columns import (
    Layout,
    arrow_type,
    text_layout,
    text_row,
    turn_layout,
    turn_rows,
)
from affectkit.batch.inputs import BadRecord, InputPlan, Record, file_record, input_files, read_part, scan
from affectkit.errors import AffectkitError, missing_extra
from affectkit.progress import Progress
from affectkit.recognizers import DEFAULT, DOMAINS

MANIFEST_VERSION = 2  # 2: input files known by a hash of their content, not their mtime
PART_SIZE = 1000
OUTPUT_FORMATS = {".parquet": "parquet", ".pq": "parquet", ".jsonl": "jsonl"}
# Names of the analysis columns (see affectkit.batch.columns); an input column may not take one.
RESERVED = {"valence", "arousal", "dominance", "labels", "ekman_labels", "sentiment_labels", "language",
            "warnings", "windows", "model", "conversation_turn", "emotion", "causes", "flags"}
RESERVED_PREFIXES = ("emotion_", "intensity_", "ekman_", "sentiment_")


@dataclass(frozen=True)
class Settings:
    """What a run reads and how: a rerun resumes only when these and the input files are unchanged."""

    text_column: str = "text"
    id_column: str | None = None
    time_column: str | None = None
    group_column: str | None = None
    speaker_column: str | None = None
    conversation: bool = False
    model: str | None = None
    part_size: int = PART_SIZE
    language: str | None = None
    domain: str = DOMAINS[0]


@dataclass(frozen=True)
class BatchResult:
    """What a run did: rows written, bad records skipped (listed in ``bad_rows_path``), parts analysed now and
    parts found done from an earlier run."""

    output: Path
    rows: int
    bad_rows: int
    bad_rows_path: Path | None
    parts: int
    resumed_parts: int
    seconds: float


def parts_folder(output: Path) -> Path:
    """Where a run keeps its manifest and finished parts until the output is complete."""
    return output.with_name(output.name + ".parts")


def bad_rows_path(output: Path) -> Path:
    """The side file of the bad records of a run writing ``output``."""
    return output.with_name(output.stem + ".bad-rows.jsonl")


def run(
    input: str | os.PathLike[str],
    output: str | os.PathLike[str],
    *,
    text_column: str = "text",
    id_column: str | None = None,
    time_column: str | None = None,
    group_column: str | None = None,
    speaker_column: str | None = None,
    conversation: bool = False,
    model: str | None = None,
    engine: str = "local",
    workers: int | None = None,
    threads: int | None = None,
    address: str | None = None,
    part_size: int = PART_SIZE,
    progress: bool | None = None,
    restart: bool = False,
    language: str | None = None,
    domain: str = DOMAINS[0],
) -> BatchResult:
    """Analyse every record of ``input`` (a CSV, JSONL or Parquet file, or a folder of them) into ``output``
    (``.parquet`` or ``.jsonl``): the input columns plus the analysis in typed columns
    (:mod:`affectkit.batch.columns`). See the module doc for parts, resuming and bad records.

    ``conversation=True`` reads the rows of each ``group_column`` value as one conversation, ordered by
    ``time_column`` (then input order), with ``speaker_column`` naming the speaker (default: a ``speaker``
    column if there is one, else every turn is the user's), and writes one row per turn, read in context.

    With no ``model``, each text (or turn) is read by the model of its language, as :func:`affectkit.analyze` and
    :func:`affectkit.analyze_conversation` read it: identified per text, or ``language`` (an ISO 639 code) for
    every text; the ``language`` and ``model`` columns say what read each row. A named ``model`` reads every text.
    ``domain`` is the kind of English text, for the Ekman view (see :func:`affectkit.analyze`); it is for texts read
    alone by the English model (not a conversation's turns, not another named model: AK-E041).
    The ``emotion_<label>`` columns are the English model's 28 labels; a row the multilingual model read fills
    only the seven Ekman-7 ones it has (the others are null) and the ``ekman_<label>`` columns.

    ``engine`` is ``local`` (``workers`` processes, default one per CPU, each running the model on ``threads``
    threads, default 1) or ``ray`` (Ray Data actors of ``threads`` CPUs each, default 1, on the cluster at
    ``address`` or on a local one of ``workers`` CPUs; the output folder must be reachable from every node).
    """
    started = time.monotonic()
    source, output = Path(input), Path(output)
    fmt = OUTPUT_FORMATS.get(output.suffix.lower())
    if fmt is None:
        raise AffectkitError("AK-E019", "cannot write the output (name it .parquet or .jsonl)", source=str(output))
    if output.is_dir() or not output.parent.is_dir():
        raise AffectkitError("AK-E019", "cannot write the output (a folder, or its folder is missing)",
                             source=str(output))
    if engine not in ("local", "ray"):
        raise AffectkitError("AK-E003", f"unknown engine {engine!r}; use 'local' or 'ray'")
    if conversation and group_column is None:
        raise AffectkitError("AK-E003", "conversation mode needs --group-column (the conversation id)")
    if part_size < 1:
        raise AffectkitError("AK-E003", "the part size must be at least 1")
    for option, value in (("workers", workers), ("threads", threads)):
        if value is not None and value < 1:
            raise AffectkitError("AK-E003", f"--{option} must be at least 1, got {value}", field=option)
    if source.is_file() and source.resolve() in (output.resolve(), bad_rows_path(output).resolve()):
        raise AffectkitError("AK-E019", "the output would overwrite the input: name another output file",
                             source=str(output))
    _check_extras(engine)
    from affectkit.recognizers import resolve
    from affectkit.recognizers.router import check_language, check_model_domain

    name = None if model is None else resolve(model)
    if check_model_domain(name, domain) != DOMAINS[0] and conversation:
        raise AffectkitError("AK-E041", f"domain {domain!r} is for texts read alone: a conversation's turns are read "
                             "in context", field="domain")
    settings = Settings(text_column, id_column, time_column, group_column, speaker_column, conversation,
                        name, part_size, check_language(language), domain)
    work = parts_folder(output)
    plan = _plan(source, output, work, settings, restart)
    done = _done_parts(work)
    todo = [part.index for part in plan.parts if part.index not in done]
    remaining = sum(plan.parts[i].rows for i in todo)
    with Progress(remaining, "rows", show=progress, long=PART_SIZE) as bar:
        if todo:
            if engine == "ray":
                from affectkit.batch.raydata import run_parts

                run_parts(work, todo, bar, workers=workers, threads=threads, address=address)
            else:
                _run_local(work, todo, bar, workers=workers, threads=threads)
    rows, bad = _assemble(work, plan, output, fmt)
    shutil.rmtree(work, ignore_errors=True)
    return BatchResult(output, rows, bad, bad_rows_path(output) if bad else None, len(todo),
                       len(plan.parts) - len(todo), time.monotonic() - started)


def _check_extras(engine: str) -> None:
    import importlib.util

    for module in ("pyarrow", *(["ray"] if engine == "ray" else [])):
        if importlib.util.find_spec(module) is None:
            raise missing_extra("batch", module)


def _fingerprint(source: Path, output: Path, work: Path) -> list[dict[str, Any]]:
    return [file_record(file, fmt) for file, fmt in input_files(source, exclude=(work, output, bad_rows_path(output)))]


def _plan(source: Path, output: Path, work: Path, settings: Settings, restart: bool) -> InputPlan:
    """The run's plan: from the manifest of an interrupted run of the same input and settings, else a new scan
    (checking every file first, so that bad input fails before any work)."""
    manifest = work / "manifest.json"
    if manifest.is_file() and not restart:
        try:
            data = json.loads(manifest.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            data = {}
        if data.get("version") != MANIFEST_VERSION:
            raise AffectkitError("AK-E019", f"cannot write the output: {str(work)!r} holds an unfinished run made by "
                                 "another version of affectkit (pass --restart to discard it)", source=str(output))
        files = _fingerprint(source, output, work)  # hashed here only to resume: a new run's scan hashes them
        if data.get("settings") == asdict(settings) and data.get("plan", {}).get("files") == files:
            return InputPlan.from_json(data["plan"])
        raise AffectkitError("AK-E019", f"cannot write the output: {str(work)!r} holds an unfinished run of other "
                             "input or settings (pass --restart to discard it)", source=str(output))
    if work.exists():
        shutil.rmtree(work)
    required = tuple(c for c in (settings.id_column, settings.time_column, settings.group_column) if c)
    if settings.speaker_column:
        required += (settings.speaker_column,)
    plan = scan(source, text_column=settings.text_column, part_size=settings.part_size, required=required,
                group_column=settings.group_column if settings.conversation else None,
                exclude=(work, output, bad_rows_path(output)))
    for column in plan.columns:
        if column.name in RESERVED or column.name.startswith(RESERVED_PREFIXES):
            raise AffectkitError("AK-E003", "an input column has the name of an analysis column (rename it)",
                                 source=str(source), field=column.name)
    try:
        work.mkdir(parents=True)
        _write_atomic(manifest, json.dumps({"version": MANIFEST_VERSION, "settings": asdict(settings),
                                            "plan": plan.to_json()}, indent=1))
    except OSError as error:
        raise AffectkitError("AK-E019", f"cannot write the output ({error.strerror or error})",
                             source=str(work)) from None
    return plan


def _done_parts(work: Path) -> set[int]:
    return {int(path.stem.split("-")[1]) for path in work.glob("part-*.parquet")}


def _write_atomic(path: Path, text: str) -> None:
    temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    temporary.write_text(text, encoding="utf-8")
    os.replace(temporary, path)


# --- The work on one part, the same on every engine ---------------------------------------------------------


class PartWorker:
    """Analyses parts of the run kept in ``work`` (its manifest and parts folder): the model is loaded once, at
    construction (``threads``: onnxruntime threads of the shipped encoder; default 1). Every engine builds one
    per worker process or Ray actor and calls :meth:`process` with part indices, so that every engine writes the
    same parts."""

    def __init__(self, work: str | os.PathLike[str], threads: int | None = None) -> None:
        self.work = Path(work)
        data = json.loads((self.work / "manifest.json").read_text(encoding="utf-8"))
        self.settings = Settings(**data["settings"])
        self.plan = InputPlan.from_json(data["plan"])
        self.threads = threads or 1
        self.kinds = {column.name: column.kind for column in self.plan.columns}
        if self.settings.conversation:
            from affectkit.conversation import analyze_conversation

            probe: dict[str, Any] = {"id": "probe", "utterances": [{"speaker": "user", "text": "A short text."}]}
            self.layout = turn_layout(analyze_conversation(probe))
        else:
            self.recognizer = _recognizer(self.settings.model, self.threads, self.settings.language,
                                          self.settings.domain)
            self.layout = text_layout(self.recognizer)
        self.schema = _schema(self.plan, self.layout)

    def process(self, index: int) -> dict[str, int]:
        """Analyse part ``index`` and write its files; returns its index, rows written and bad records."""
        import pyarrow as pa
        import pyarrow.parquet as pq

        part = self.plan.parts[index]
        good: list[Record] = []
        bad: list[dict[str, Any]] = []
        for record in read_part(part, self.plan):
            reason = self._problem(record)
            if reason is None and isinstance(record, Record):
                good.append(record)
            else:
                bad.append(self._bad_entry(record, reason))
        if self.settings.conversation:
            rows = self._conversations(good, bad)
        else:
            rows = self._texts(good, bad)
        bad.sort(key=lambda entry: entry["line"])
        table = pa.Table.from_pylist(rows, schema=self.schema)
        stem = self.work / f"part-{index:05d}"
        _write_atomic(stem.with_suffix(".bad.jsonl"),
                      "".join(json.dumps(entry, ensure_ascii=False) + "\n" for entry in bad))
        temporary = stem.with_name(f".{stem.name}.{os.getpid()}.tmp")
        pq.write_table(table, temporary)
        os.replace(temporary, stem.with_suffix(".parquet"))  # the part is done once this name exists
        return {"part": index, "rows": len(rows), "bad": len(bad)}

    def _problem(self, record: Record | BadRecord) -> tuple[str, str] | None:
        if isinstance(record, BadRecord):
            return record.code, record.reason
        column = self.settings.text_column
        if column not in record.values:
            return "AK-E003", f"missing field {column!r}"
        text = record.values[column]
        if not isinstance(text, str):
            return "AK-E005", f"field {column!r}: expected a string, got {type(text).__name__}"
        speaker_column = self.settings.speaker_column or "speaker"
        if self.settings.conversation and speaker_column in record.values:
            speaker = record.values[speaker_column]
            if speaker is None or not str(speaker).strip():  # as `affectkit conversation` refuses it
                return "AK-E010", f"field {speaker_column!r}: empty speaker name"
        return None

    def _bad_entry(self, record: Record | BadRecord, reason: tuple[str, str] | None) -> dict[str, Any]:
        code, message = reason if reason is not None else ("AK-E005", "unreadable")
        entry: dict[str, Any] = {"source": record.source, "line": record.line}
        if self.settings.id_column and record.values is not None and self.settings.id_column in record.values:
            entry["id"] = _jsonable(record.values[self.settings.id_column])
        entry.update(code=code, reason=message)
        return entry

    def _inputs(self, record: Record) -> dict[str, Any]:
        return {name: _cast(record.values.get(name), kind) for name, kind in self.kinds.items()}

    def _texts(self, good: list[Record], bad: list[dict[str, Any]]) -> list[dict[str, Any]]:
        texts = [record.values[self.settings.text_column] for record in good]
        try:
            analyses: list[Any] = self.recognizer.analyze(texts)
        except Exception:  # one text the model cannot read must not sink its part: read them alone
            analyses = []
            for record, text in zip(good, texts, strict=True):
                try:
                    analyses.append(self.recognizer.analyze_one(text))
                except Exception as error:
                    analyses.append(None)
                    bad.append(self._bad_entry(record, ("AK-E005", f"analysis failed ({error})")))
        return [{**self._inputs(record), **text_row(analysis, self.layout)}
                for record, analysis in zip(good, analyses, strict=True) if analysis is not None]

    def _conversations(self, good: list[Record], bad: list[dict[str, Any]]) -> list[dict[str, Any]]:
        from affectkit.conversation import analyze_conversation

        groups: dict[str, list[Record]] = {}
        for record in good:
            value = _jsonable(record.values.get(self.settings.group_column or ""))
            groups.setdefault(value if isinstance(value, str) else json.dumps(value), []).append(record)
        speaker_column = self.settings.speaker_column or "speaker"
        rows: list[dict[str, Any]] = []
        for key, records in groups.items():
            if self.settings.time_column:
                records = sorted(records, key=lambda r: _time_key(r.values.get(self.settings.time_column or "")))
            utterances = [{"speaker": str(r.values.get(speaker_column) or "user"),
                           "text": r.values[self.settings.text_column]} for r in records]
            try:
                analysis = analyze_conversation({"id": key, "utterances": utterances},
                                                language=self.settings.language)
            except Exception as error:
                bad.extend(self._bad_entry(r, ("AK-E010", f"conversation not analysed ({error})"))
                           for r in records)
                continue
            for record, turn in zip(records, turn_rows(analysis, self.layout), strict=True):
                rows.append({**self._inputs(record), **turn})
        return rows


def _recognizer(model: str | None, threads: int, language: str | None = None, domain: str = DOMAINS[0]) -> Any:
    """The recognizer of a worker: ``model`` on ``threads`` threads, or with no ``model`` a router that reads each
    text with the model of its language (``language``: every text's), each model on ``threads`` threads; the
    English model reads in ``domain``."""
    from affectkit.recognizers import MULTILINGUAL, get_recognizer, resolve

    if model is None:
        from affectkit.recognizers.encoder import EncoderRecognizer
        from affectkit.recognizers.multilingual import MultilingualRecognizer
        from affectkit.recognizers.router import Router

        return Router(language, {DEFAULT: EncoderRecognizer(threads=threads, domain=domain),
                                 MULTILINGUAL: MultilingualRecognizer(threads=threads)}, domain=domain)
    if resolve(model) == DEFAULT:
        from affectkit.recognizers.encoder import EncoderRecognizer

        return EncoderRecognizer(threads=threads, domain=domain)
    return get_recognizer(model)


def _schema(plan: InputPlan, layout: Layout) -> Any:
    import pyarrow as pa

    fields = [pa.field(column.name, arrow_type(column.kind)) for column in plan.columns]
    fields += [pa.field(name, arrow_type(kind)) for name, kind in layout.fields]
    return pa.schema(fields)


def _jsonable(value: Any) -> Any:
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, bytes):
        return value.decode("utf-8", "replace")
    return value


def _cast(value: Any, kind: str) -> Any:
    """An input value in its column's unified kind (strings keep numbers as written, ``json`` holds JSON text)."""
    if value is None:
        return None
    if kind == "float":
        return float(value)
    if kind == "string":
        return value if isinstance(value, str) else json.dumps(_jsonable(value), ensure_ascii=False)
    if kind == "json":
        value = _jsonable(value)
        return value if isinstance(value, str) else json.dumps(value, ensure_ascii=False, default=str)
    return value


def _time_key(value: Any) -> tuple[int, float, str]:
    """Sort key of a time value: numbers and ISO 8601 times in time order, other values after them."""
    if isinstance(value, bool) or value is None:
        return (2, 0.0, "")
    if isinstance(value, int | float):
        return (0, float(value), "")
    if isinstance(value, datetime):
        return (0, value.timestamp() if value.tzinfo else value.replace(tzinfo=None).timestamp(), "")
    text = str(value)
    try:
        return (0, float(text), "")
    except ValueError:
        pass
    try:
        return (0, datetime.fromisoformat(text.replace("Z", "+00:00")).timestamp(), "")
    except ValueError:
        return (1, 0.0, text)


# --- Engines --------------------------------------------------------------------------------------------------

_WORKER: PartWorker | None = None
_WORKER_ERROR: dict[str, Any] | None = None


def error_fields(error: AffectkitError) -> dict[str, Any]:
    """A coded error as plain data, to cross a process boundary (its keyword arguments do not pickle)."""
    return {"code": error.code, "message": error.message, "source": error.source, "line": error.line,
            "field": error.field}


def raise_if_error(result: dict[str, Any]) -> None:
    """Raise the coded error a worker sent back with :func:`error_fields`, if any."""
    fields = result.get("error")
    if fields:
        raise AffectkitError(fields.pop("code"), fields.pop("message"), **fields)


def _start_worker(work: str, threads: int | None) -> None:
    global _WORKER, _WORKER_ERROR
    try:
        _WORKER = PartWorker(work, threads)
    except AffectkitError as error:  # reported with the first part, instead of a broken pool
        _WORKER_ERROR = error_fields(error)


def _process(index: int) -> dict[str, Any]:
    if _WORKER_ERROR is not None:
        return {"error": dict(_WORKER_ERROR)}
    assert _WORKER is not None, "the worker was not started"
    try:
        return dict(_WORKER.process(index))
    except AffectkitError as error:
        return {"error": error_fields(error)}


def _run_local(work: Path, todo: Iterable[int], bar: Progress, *, workers: int | None,
               threads: int | None) -> None:
    """Parts on ``workers`` local processes (default: one per CPU), each loading the model once."""
    import multiprocessing
    from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait

    count = workers or os.cpu_count() or 1
    pool = ProcessPoolExecutor(count, mp_context=multiprocessing.get_context("spawn"), initializer=_start_worker,
                               initargs=(str(work), threads))
    pending: set[Future[dict[str, Any]]] = set()
    queue = iter(todo)
    try:
        while True:  # at most two parts per worker in flight: the queue of work stays short
            while len(pending) < 2 * count:
                index = next(queue, None)
                if index is None:
                    break
                pending.add(pool.submit(_process, index))
            if not pending:
                break
            finished, pending = wait(pending, return_when=FIRST_COMPLETED)
            for future in finished:
                result = future.result()
                raise_if_error(result)
                bar.update(result["rows"] + result["bad"])
    except BaseException:
        pool.shutdown(wait=False, cancel_futures=True)
        raise
    pool.shutdown()


def _assemble(work: Path, plan: InputPlan, output: Path, fmt: str) -> tuple[int, int]:
    """Join the parts, in order, into ``output`` and the bad records into their side file; (rows, bad)."""
    import pyarrow.parquet as pq

    temporary = output.with_name(f".{output.name}.{os.getpid()}.tmp")
    rows = bad = 0
    writer: Any = None
    try:
        with open(temporary, "w" if fmt == "jsonl" else "wb") as handle:
            for part in plan.parts:
                table = pq.read_table(work / f"part-{part.index:05d}.parquet")
                rows += table.num_rows
                if fmt == "parquet":
                    if writer is None:
                        writer = pq.ParquetWriter(handle, table.schema)
                    writer.write_table(table)
                else:
                    for batch in table.to_batches(max_chunksize=1000):
                        handle.write("".join(json.dumps(row, ensure_ascii=False) + "\n" for row in batch.to_pylist()))
            if writer is not None:
                writer.close()
        os.replace(temporary, output)
        side = bad_rows_path(output)
        with open(side.with_name(f".{side.name}.tmp"), "w", encoding="utf-8") as handle:
            for part in plan.parts:
                lines = (work / f"part-{part.index:05d}.bad.jsonl").read_text(encoding="utf-8")
                bad += lines.count("\n")
                handle.write(lines)
        if bad:
            os.replace(side.with_name(f".{side.name}.tmp"), side)
        else:
            side.with_name(f".{side.name}.tmp").unlink()
            side.unlink(missing_ok=True)
    except OSError as error:
        temporary.unlink(missing_ok=True)
        raise AffectkitError("AK-E019", f"cannot write the output ({error.strerror or error})",
                             source=str(output)) from None
    return rows, bad
