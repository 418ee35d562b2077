"""Batch analysis of large text collections, locally or on Ray, and emotion trends over time.

* :func:`run` analyses a CSV, JSONL or Parquet file (or a folder of them) into a Parquet or JSONL file with the
  analysis in typed columns, in resumable parts, on local worker processes or on Ray Data;
* :class:`Analyzer` adds the analysis columns to your own Ray Data batches (``ds.map_batches(Analyzer, ...)``);
* :func:`trends` turns an analysed file with a time column into emotion prevalence, intensity and VAD per
  period, change points and a short-term forecast (CSV, PNG plots and one self-contained HTML page).

Needs the ``batch`` extra (``pip install 'affectkit[batch]'``); nothing heavy is imported until used.

Example:
    >>> import pathlib, tempfile
    >>> from affectkit.batch import run
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> _ = (folder / "in.jsonl").write_text('{"text": "I love it!"}\\n{"text": 3}\\n')
    >>> result = run(folder / "in.jsonl", folder / "out.jsonl", workers=1, progress=False)
    >>> result.rows, result.bad_rows, result.bad_rows_path.name
    (1, 1, 'out.bad-rows.jsonl')
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from affectkit.batch.raydata import Analyzer
    from affectkit.batch.runner import BatchResult, run
    from affectkit.batch.trends import TrendsResult, trends

__all__ = ["Analyzer", "BatchResult", "TrendsResult", "run", "trends"]

_HOMES = {"Analyzer": "raydata", "BatchResult": "runner", "run": "runner", "TrendsResult": "trends",
          "trends": "trends"}


def __getattr__(name: str) -> Any:
    if name in _HOMES:
        import importlib

        return getattr(importlib.import_module(f"affectkit.batch.{_HOMES[name]}"), name)
    raise AttributeError(f"module 'affectkit.batch' has no attribute {name!r}")
