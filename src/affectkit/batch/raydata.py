"""affectkit on Ray Data: :class:`Analyzer` for your own datasets, and the ``ray`` engine of
:func:`affectkit.batch.run`.

:class:`Analyzer` is a callable class for ``Dataset.map_batches``: Ray builds one per actor, so the model is
loaded once per actor, and the model runs on as many onnxruntime threads as Ray gives the actor CPUs
(onnxruntime does not follow ``OMP_NUM_THREADS``)::

    import ray, affectkit.batch
    ds = ray.data.read_parquet("comments/")
    ds = ds.map_batches(affectkit.batch.Analyzer, fn_constructor_kwargs={"text_column": "body"},
                        batch_format="pyarrow", batch_size=256, concurrency=4, num_cpus=2)
    ds.write_parquet("emotions/")

A batch comes back with the analysis columns of :mod:`affectkit.batch.columns` and ``error`` (null, or the
coded reason a row was not analysed, such as a text that is not a string); rows are never dropped.

Example:
    >>> import pyarrow as pa
    >>> out = Analyzer(threads=1)(pa.table({"text": ["Thanks so much!", None]}))
    >>> out.column("labels").to_pylist()[0], out.column("error").to_pylist()
    (['gratitude'], [None, 'AK-E005 expected a string, got NoneType'])
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from affectkit.errors import AffectkitError, missing_extra
from affectkit.recognizers import DOMAINS

if TYPE_CHECKING:
    from affectkit.progress import Progress


def actor_cpus(default: int = 1) -> int:
    """The CPUs Ray assigned to the current actor or task (``default`` outside Ray)."""
    try:
        import ray
    except ImportError:
        return default
    if not ray.is_initialized():
        return default
    try:
        cpus = ray.get_runtime_context().get_assigned_resources().get("CPU")
    except Exception:  # the driver, not a worker
        return default
    return max(1, int(cpus)) if cpus else default


class Analyzer:
    """Adds the analysis columns to a batch of rows (a ``pyarrow.Table``, a ``pandas.DataFrame`` or a dict of
    columns) whose ``text_column`` holds the texts. ``threads`` defaults to the CPUs Ray gives the actor. With no
    ``model`` each text is read by the model of its language (``language``: every text's), in ``domain``, as
    :func:`affectkit.analyze` reads it."""

    def __init__(self, text_column: str = "text", model: str | None = None, threads: int | None = None,
                 language: str | None = None, domain: str = DOMAINS[0]) -> None:
        from affectkit.batch.columns import text_layout
        from affectkit.batch.runner import _recognizer

        self.text_column = text_column
        self.threads = threads or actor_cpus()
        self.recognizer = _recognizer(model, self.threads, language, domain)
        self.layout = text_layout(self.recognizer)

    def __call__(self, batch: Any) -> Any:
        try:
            import pyarrow as pa
        except ImportError:
            raise missing_extra("batch", "pyarrow") from None
        from affectkit.batch.columns import arrow_type, text_row

        if isinstance(batch, pa.Table):
            table = batch
        elif isinstance(batch, dict):
            table = pa.table({name: list(values) for name, values in batch.items()})
        else:  # a pandas DataFrame
            table = pa.Table.from_pandas(batch, preserve_index=False)
        texts = table.column(self.text_column).to_pylist() if self.text_column in table.column_names else [None] * len(
            table)
        errors: list[str | None] = [
            None if isinstance(text, str) else f"AK-E005 expected a string, got {type(text).__name__}"
            for text in texts
        ]
        good = [i for i, error in enumerate(errors) if error is None]
        analyses = dict(zip(good, self.recognizer.analyze([texts[i] for i in good]), strict=True))
        rows = [text_row(analyses[i], self.layout) if i in analyses else {} for i in range(len(texts))]
        for name, kind in self.layout.fields:
            table = table.append_column(pa.field(name, arrow_type(kind)),
                                        pa.array([row.get(name) for row in rows], type=arrow_type(kind)))
        table = table.append_column("error", pa.array(errors, type=pa.string()))
        if isinstance(batch, pa.Table):
            return table
        if isinstance(batch, dict):
            return {name: table.column(name).to_numpy(zero_copy_only=False) for name in table.column_names}
        return table.to_pandas()


class _PartActor:
    """A Ray actor that analyses parts of a run (``affectkit.batch.runner.PartWorker``) on the CPUs Ray gives it."""

    def __init__(self, work: str, threads: int | None = None) -> None:
        from affectkit.batch.runner import PartWorker, error_fields
        from affectkit.errors import AffectkitError

        self.worker: PartWorker | None = None
        self.error = ""
        try:
            self.worker = PartWorker(work, threads or actor_cpus())
        except AffectkitError as error:  # sent back as data: a coded error does not survive pickling
            self.error = json.dumps(error_fields(error))

    def __call__(self, batch: dict[str, Any]) -> dict[str, list[Any]]:
        from affectkit.batch.runner import error_fields
        from affectkit.errors import AffectkitError

        out: dict[str, list[Any]] = {"part": [], "rows": [], "bad": [], "error": []}
        for index in batch["part"]:
            result, error = {"part": int(index), "rows": 0, "bad": 0}, self.error
            if self.worker is not None:
                try:
                    result = self.worker.process(int(index))
                except AffectkitError as failure:
                    error = json.dumps(error_fields(failure))
            for key in ("part", "rows", "bad"):
                out[key].append(result[key])
            out["error"].append(error)
        return out


def _check_reachable(address: str) -> None:
    """Fail fast (AK-E028) on a ``host:port`` address that nothing answers on: Ray itself retries for minutes.

    Example:
        >>> _check_reachable("127.0.0.1:1")
        Traceback (most recent call last):
        affectkit.errors.AffectkitError: AK-E028 cannot reach the Ray cluster at '127.0.0.1:1' (connection refused)
    """
    import socket

    host, _, port = address.removeprefix("ray://").rpartition(":")
    if not host or not port.isdigit():  # "auto", or a form Ray resolves itself
        return
    try:
        socket.create_connection((host, int(port)), timeout=5).close()
    except OSError as error:
        reason = "connection refused" if isinstance(error, ConnectionRefusedError) else str(error) or "no answer"
        raise AffectkitError("AK-E028", f"cannot reach the Ray cluster at {address!r} ({reason})") from None


def run_parts(work: Path, todo: Iterable[int], bar: Progress, *, workers: int | None, threads: int | None,
              address: str | None) -> None:
    """Analyse the parts ``todo`` of the run in ``work`` on Ray Data: one actor per ``threads`` CPUs (default
    1), on the cluster at ``address``, else on a local cluster of ``workers`` CPUs (default: all)."""
    try:
        import ray
        import ray.data
    except ImportError:
        raise missing_extra("batch", "ray") from None
    import logging

    from affectkit.batch.runner import raise_if_error

    for name in ("ray", "ray.data"):
        logging.getLogger(name).setLevel(logging.ERROR)
    started = not ray.is_initialized()
    if started and address:
        _check_reachable(address)
    if started:
        try:
            ray.init(address=address, num_cpus=None if address else (workers or os.cpu_count() or 1),
                     include_dashboard=False, log_to_driver=False, logging_level=logging.ERROR)
        except (ConnectionError, RuntimeError, ValueError, TimeoutError) as error:
            where = f"at {address!r}" if address else "on this machine"
            first = str(error).strip().splitlines()[0] if str(error).strip() else type(error).__name__
            raise AffectkitError("AK-E028", f"cannot reach or start the Ray cluster {where} ({first})") from None
    try:
        context = ray.data.DataContext.get_current()
        context.enable_progress_bars = False
        per_actor = threads or 1
        cpus = workers if workers and address else int(ray.cluster_resources().get("CPU", 1))
        actors = max(1, cpus // per_actor)
        indices = list(todo)
        items = ray.data.from_items([{"part": index} for index in indices], override_num_blocks=len(indices))
        dataset = items.map_batches(_PartActor, batch_size=1, num_cpus=per_actor, concurrency=actors,
                                      fn_constructor_kwargs={"work": str(work), "threads": per_actor})
        for row in dataset.iter_rows():
            if row["error"]:
                raise_if_error({"error": json.loads(row["error"])})
            bar.update(int(row["rows"]) + int(row["bad"]))
    finally:
        if started:
            ray.shutdown()
