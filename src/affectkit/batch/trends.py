"""Emotion trends over time in an analysed file (the output of :func:`affectkit.batch.run`).

Per period (``D``ay, ``W``eek starting Monday, ``M``onth) and, optionally, per group: the number of rows, the
*prevalence* of each emotion (the share of rows whose ``labels`` hold it; for a conversation-mode file, whose
turn ``emotion`` is it), its *mean intensity* over the rows that hold it (when the file has ``intensity_*``
columns) and the mean valence, arousal and dominance. Then, for the mean VAD and the most prevalent emotions:

* change points, found with ruptures (PELT, least-squares cost, penalty ``3 * sigma^2 * log(n)`` with the noise
  ``sigma`` estimated from the median absolute difference between neighbouring periods, at least 0.001);
* a short-term forecast with 80% and 95% prediction intervals, from statsforecast's AutoETS (periods with no
  rows are interpolated for the model, and said so with ``observed`` in the CSV).

Files written to the output folder: ``trends.csv`` (one row per period and group), ``changepoints.csv``,
``forecast.csv``, one ``trends-<group>.png`` per group and ``trends.html``, one self-contained page (inline SVG
and script, no network).

Example:
    >>> import numpy as np
    >>> values = np.r_[np.zeros(20), np.ones(20)] + np.random.default_rng(0).normal(0, 0.1, 40)
    >>> change_points(values)
    [20]
"""

from __future__ import annotations

import json
import math
import os
import warnings
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from affectkit.errors import AffectkitError, missing_extra

FREQUENCIES = {"D": "D", "W": "W-SUN", "M": "M"}
HORIZON = {"D": 7, "W": 4, "M": 3}
SEASON = {"D": 7, "W": 52, "M": 12}
LEVELS = (80, 95)
VAD = ("valence", "arousal", "dominance")
ALL = "all"


@dataclass(frozen=True)
class TrendsResult:
    """The trend tables (pandas DataFrames) and the files written (``files``; empty when no folder was given)."""

    table: Any
    change_points: Any
    forecast: Any
    files: list[Path]


def trends(
    path: str | os.PathLike[str],
    *,
    time_column: str,
    freq: str = "D",
    group_column: str | None = None,
    out: str | os.PathLike[str] | None = None,
    horizon: int | None = None,
    top: int = 6,
) -> TrendsResult:
    """Emotion trends of the analysed file ``path`` (Parquet or JSONL) by ``time_column``, per ``freq``
    period (``D``, ``W`` or ``M``) and ``group_column``: see the module doc. ``top`` is how many emotions,
    by overall prevalence, get change points and a forecast besides VAD; ``horizon`` how many periods ahead
    (default 7 days, 4 weeks or 3 months). With ``out`` the CSV, PNG and HTML files are written there.

    Example:
        >>> import pathlib, tempfile
        >>> folder = pathlib.Path(tempfile.mkdtemp())
        >>> rows = [{"ts": f"2024-01-{d:02d}", "labels": ["joy"] if d % 2 else ["anger"], "valence": 0.1 * d}
        ...         for d in range(1, 29)]
        >>> _ = (folder / "a.jsonl").write_text("\\n".join(json.dumps(r) for r in rows))
        >>> result = trends(folder / "a.jsonl", time_column="ts", freq="W")
        >>> result.table[["period", "n", "prevalence_joy"]].head(2).to_dict("records")[0]["n"]
        7
    """
    if freq not in FREQUENCIES:
        raise AffectkitError("AK-E003", f"unknown frequency {freq!r}; use D, W or M")
    if horizon is not None and horizon < 1:
        raise AffectkitError("AK-E003", f"the horizon must be at least 1 period, got {horizon}", field="horizon")
    if top < 0:
        raise AffectkitError("AK-E003", f"--top must be 0 or more, got {top}", field="top")
    try:
        import pandas as pd
    except ImportError:
        raise missing_extra("batch", "pandas") from None
    table = aggregate(Path(path), time_column, freq, group_column)
    metrics = [name for name in VAD if name in table]
    emotions = [c.removeprefix("prevalence_") for c in table.columns if c.startswith("prevalence_")]
    overall = {e: float(np.nansum(table[f"prevalence_{e}"] * table["n"])) for e in emotions}
    metrics += [f"prevalence_{e}" for e in sorted(emotions, key=lambda e: -overall[e])[:top]]
    steps = horizon or HORIZON[freq]
    points, forecasts = [], []
    for group, rows in table.groupby("group", sort=False):
        for metric in metrics:
            values = rows[metric].to_numpy(dtype=float)
            filled = _fill(values)
            if filled is None:
                continue
            for index in change_points(filled):
                before, after = float(np.mean(filled[:index])), float(np.mean(filled[index:]))
                points.append({"group": group, "metric": metric, "period": rows["period"].iloc[index],
                               "before": round(before, 4), "after": round(after, 4)})
            forecasts.append((group, metric, rows["period"], filled))
    change_table = pd.DataFrame(points, columns=["group", "metric", "period", "before", "after"])
    forecast_table = forecast_many(forecasts, freq, steps)
    files: list[Path] = []
    if out is not None:
        files = _write(Path(out), table, change_table, forecast_table, metrics, freq)
    return TrendsResult(table, change_table, forecast_table, files)


def _columns(path: Path) -> list[str]:
    if path.suffix.lower() in (".parquet", ".pq"):
        import pyarrow.parquet as pq

        return list(pq.ParquetFile(path).schema_arrow.names)
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            if line.strip():
                first = json.loads(line)
                return list(first) if isinstance(first, dict) else []
    return []


def _chunks(path: Path, columns: list[str]) -> Iterator[Any]:
    """The file in DataFrames of at most 65,536 rows, only ``columns``: memory does not grow with the file."""
    import pandas as pd

    if path.suffix.lower() in (".parquet", ".pq"):
        import pyarrow.parquet as pq

        for batch in pq.ParquetFile(path).iter_batches(batch_size=65_536, columns=columns):
            yield batch.to_pandas()
        return
    for frame in pd.read_json(path, lines=True, chunksize=65_536, dtype=False):
        yield frame[[c for c in columns if c in frame.columns]]


def aggregate(path: Path, time_column: str, freq: str, group_column: str | None = None) -> Any:
    """Rows per period and group with the prevalence and mean intensity of each emotion and the mean VAD; every
    period between the first and the last is present (``n`` 0 where there were no rows)."""
    import pandas as pd

    if not path.is_file():
        raise AffectkitError("AK-E001", "file not found", source=str(path))
    if path.suffix.lower() not in (".parquet", ".pq", ".jsonl"):
        raise AffectkitError("AK-E003", "not an analysed file: trends reads the .parquet or .jsonl file that "
                             "`affectkit batch` writes", source=str(path))
    try:
        names = _columns(path)
    except (OSError, ValueError) as error:
        raise AffectkitError("AK-E004", f"cannot read the analysed file ({error})", source=str(path)) from None
    for column in (time_column, group_column):
        if column and column not in names:
            raise AffectkitError("AK-E003", f"missing column (the file has: {', '.join(names[:20])})",
                                 source=str(path), field=column)
    if "labels" not in names and "emotion" not in names:
        raise AffectkitError("AK-E003", "not an analysed file (no 'labels' or 'emotion' column)", source=str(path),
                             field="labels")
    label_column = "labels" if "labels" in names else "emotion"
    intensity = [c for c in names if c.startswith("intensity_")]
    vad = [c for c in VAD if c in names]
    wanted = [time_column, label_column, *vad, *intensity, *([group_column] if group_column else [])]
    sums: dict[tuple[Any, str], dict[str, float]] = {}
    skipped = 0
    for frame in _chunks(path, wanted):
        times = _times(frame[time_column])
        keep = times.notna()
        skipped += int((~keep).sum())
        frame, times = frame[keep.to_numpy()], times[keep]
        if frame.empty:
            continue
        period = times.dt.tz_convert(None).dt.to_period(FREQUENCIES[freq]).dt.start_time.to_numpy()
        group = frame[group_column].astype(str).to_numpy() if group_column else np.full(len(frame), ALL)
        labels = frame[label_column]
        if label_column == "emotion":
            labels = labels.map(lambda value: [value] if isinstance(value, str) else [])
        keys = list(zip(period, group, strict=True))
        strengths = frame[intensity].to_numpy(dtype=float) if intensity else None
        where = {c.removeprefix("intensity_"): i for i, c in enumerate(intensity)}
        vad_values = frame[vad].to_numpy(dtype=float) if vad else None
        for row, (key, row_labels) in enumerate(zip(keys, labels, strict=True)):
            entry = sums.setdefault(key, {"n": 0.0})
            entry["n"] += 1
            for label in row_labels if row_labels is not None else ():
                entry[f"count_{label}"] = entry.get(f"count_{label}", 0.0) + 1
                if strengths is not None and label in where:
                    entry[f"strength_{label}"] = entry.get(f"strength_{label}", 0.0) + strengths[row, where[label]]
            if vad_values is not None:
                for i, name in enumerate(vad):
                    value = vad_values[row, i]
                    if not math.isnan(value):
                        entry[f"sum_{name}"] = entry.get(f"sum_{name}", 0.0) + value
                        entry[f"n_{name}"] = entry.get(f"n_{name}", 0.0) + 1
    if not sums:
        raise AffectkitError("AK-E009", f"no row has a readable time in column {time_column!r}", source=str(path),
                             field=time_column)
    if skipped:
        warnings.warn(f"{skipped} rows without a readable time in {time_column!r} were left out", stacklevel=2)
    emotions = sorted({k.removeprefix("count_") for entry in sums.values() for k in entry if k.startswith("count_")})
    periods = pd.period_range(min(k[0] for k in sums), max(k[0] for k in sums), freq=FREQUENCIES[freq]).start_time
    groups = sorted({k[1] for k in sums})
    records = []
    for group in groups:
        for period in periods:
            entry = sums.get((period.to_datetime64(), group), {"n": 0.0})
            n = entry["n"]
            record: dict[str, Any] = {"period": period, "group": group, "n": int(n)}
            for name in vad:
                count = entry.get(f"n_{name}", 0.0)
                record[name] = round(entry[f"sum_{name}"] / count, 6) if count else math.nan
            for emotion in emotions:
                count = entry.get(f"count_{emotion}", 0.0)
                record[f"prevalence_{emotion}"] = round(count / n, 6) if n else math.nan
                if intensity:
                    strength = entry.get(f"strength_{emotion}")
                    record[f"intensity_{emotion}"] = round(strength / count, 6) if count and strength is not None \
                        else math.nan
            records.append(record)
    return pd.DataFrame.from_records(records)


def _times(values: Any) -> Any:
    """Times as UTC timestamps: numbers are Unix seconds, strings ISO 8601 or anything pandas reads."""
    import pandas as pd

    if pd.api.types.is_numeric_dtype(values):
        return pd.to_datetime(values, unit="s", utc=True, errors="coerce")
    if pd.api.types.is_datetime64_any_dtype(values):
        return pd.to_datetime(values, utc=True)
    return pd.to_datetime(values.astype("string"), utc=True, errors="coerce", format="mixed")


def _fill(values: np.ndarray) -> np.ndarray | None:
    """``values`` with gaps interpolated linearly (ends held), or None when fewer than 4 are known."""
    known = ~np.isnan(values)
    if known.sum() < 4:
        return None
    if known.all():
        return values
    positions = np.arange(len(values))
    return np.interp(positions, positions[known], values[known])


def change_points(values: np.ndarray, min_size: int = 2) -> list[int]:
    """Indices where a new level of ``values`` starts (PELT on a least-squares cost; see the module doc)."""
    if len(values) < 2 * min_size:
        return []
    try:
        import ruptures
    except ImportError:
        raise missing_extra("batch", "ruptures") from None
    if float(np.ptp(values)) < 1e-9:  # a flat series (up to rounding) has no change
        return []
    sigma = max(float(np.median(np.abs(np.diff(values)))) / (0.6745 * math.sqrt(2)), 1e-3)
    penalty = 3 * sigma**2 * math.log(len(values))
    found = ruptures.Pelt(model="l2", min_size=min_size, jump=1).fit(values.reshape(-1, 1)).predict(pen=penalty)
    return [int(i) for i in found[:-1]]


def forecast_many(series: list[tuple[str, str, Any, np.ndarray]], freq: str, horizon: int) -> Any:
    """AutoETS forecasts of each (group, metric, periods, values) series, ``horizon`` periods ahead with 80%
    and 95% intervals; a series shorter than 8 periods is left out."""
    import pandas as pd

    columns = ["group", "metric", "period", "mean", *(f"{side}_{level}" for level in LEVELS for side in ("lo", "hi"))]
    rows = []
    for group, metric, periods, values in series:
        if len(values) < 8:
            continue
        predicted = forecast(values, horizon, season=SEASON[freq])
        future = pd.period_range(pd.Timestamp(periods.iloc[-1]), periods=horizon + 1,
                                 freq=FREQUENCIES[freq])[1:].start_time
        for step, period in enumerate(future):
            rows.append({"group": group, "metric": metric, "period": period,
                         **{key: round(float(value[step]), 6) for key, value in predicted.items()}})
    return pd.DataFrame(rows, columns=columns)


def forecast(values: np.ndarray, horizon: int, season: int = 1) -> dict[str, np.ndarray]:
    """``mean`` and ``lo_80``/``hi_80``/``lo_95``/``hi_95`` for the next ``horizon`` values of ``values``, from
    statsforecast's AutoETS (seasonal with period ``season`` when there are at least three seasons of data).

    Example:
        >>> out = forecast(np.sin(np.arange(40) / 3) + 5, 4)
        >>> sorted(out), bool((out["lo_95"] <= out["mean"]).all() and (out["mean"] <= out["hi_95"]).all())
        (['hi_80', 'hi_95', 'lo_80', 'lo_95', 'mean'], True)
    """
    try:
        from statsforecast.models import AutoETS
    except ImportError:
        raise missing_extra("batch", "statsforecast") from None
    season = season if len(values) >= 3 * season and season > 1 else 1
    model = AutoETS(season_length=season)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        out = model.forecast(y=np.asarray(values, dtype=float), h=horizon, level=list(LEVELS))
    result = {"mean": np.asarray(out["mean"], dtype=float)}
    for level in LEVELS:
        result[f"lo_{level}"] = np.asarray(out[f"lo-{level}"], dtype=float)
        result[f"hi_{level}"] = np.asarray(out[f"hi-{level}"], dtype=float)
    return result


# --- Files ------------------------------------------------------------------------------------------------------


def _write(out: Path, table: Any, change_table: Any, forecast_table: Any, metrics: list[str],
           freq: str) -> list[Path]:
    try:
        out.mkdir(parents=True, exist_ok=True)
    except FileExistsError:
        raise AffectkitError("AK-E019", "cannot write the report: the name is taken by a file, and the report is a "
                             "folder", source=str(out)) from None
    except OSError as error:
        raise AffectkitError("AK-E019", f"cannot write the report ({error.strerror or error})",
                             source=str(out)) from None
    files = [out / "trends.csv", out / "changepoints.csv", out / "forecast.csv"]
    table.to_csv(files[0], index=False, date_format="%Y-%m-%d")
    change_table.to_csv(files[1], index=False, date_format="%Y-%m-%d")
    forecast_table.to_csv(files[2], index=False, date_format="%Y-%m-%d")
    files += _plots(out, table, change_table, forecast_table, metrics)
    page = out / "trends.html"
    page.write_text(render_html(table, change_table, forecast_table, metrics, freq), encoding="utf-8")
    files.append(page)
    return files


def _plots(out: Path, table: Any, change_table: Any, forecast_table: Any, metrics: list[str]) -> list[Path]:
    """One PNG per group: mean VAD above, emotion prevalence below, change points dashed, forecasts shaded."""
    try:
        import matplotlib

        matplotlib.use("Agg")
        import matplotlib.pyplot as plt
    except ImportError:
        raise missing_extra("batch", "matplotlib") from None
    files = []
    for group, rows in table.groupby("group", sort=False):
        figure, axes = plt.subplots(2, 1, figsize=(10, 7), sharex=True)
        for axis, names, title in ((axes[0], [m for m in metrics if m in VAD], "mean valence / arousal / dominance"),
                                   (axes[1], [m for m in metrics if m.startswith("prevalence_")], "prevalence")):
            for name in names:
                line = axis.plot(rows["period"], rows[name], label=name.removeprefix("prevalence_"))[0]
                ahead = forecast_table[(forecast_table.group == group) & (forecast_table.metric == name)]
                if len(ahead):
                    axis.plot(ahead["period"], ahead["mean"], linestyle=":", color=line.get_color())
                    axis.fill_between(ahead["period"], ahead["lo_80"], ahead["hi_80"], alpha=0.2,
                                      color=line.get_color())
                for period in change_table[(change_table.group == group) & (change_table.metric == name)]["period"]:
                    axis.axvline(period, linestyle="--", linewidth=0.8, color=line.get_color())
            axis.set_title(f"{title} ({group})")
            axis.legend(fontsize=8, ncol=3)
        figure.autofmt_xdate()
        figure.tight_layout()
        path = out / f"trends-{_slug(str(group))}.png"
        figure.savefig(path, dpi=100)
        plt.close(figure)
        files.append(path)
    return files


def _slug(text: str) -> str:
    return "".join(ch if ch.isalnum() or ch in "-_" else "_" for ch in text)[:60] or "group"


def render_html(table: Any, change_table: Any, forecast_table: Any, metrics: list[str], freq: str) -> str:
    """One self-contained page: pick a group and the series to show; the chart is SVG drawn by an inline
    script, with change points, forecast bands and values on hover. Nothing is loaded from the network.

    The page is the template ``trends.html`` of :mod:`affectkit.templates` (its script ``trends.js``, the shared
    stylesheet), the tables passed in as JSON."""
    from affectkit.templates import markup, render

    def records(frame: Any, columns: list[str]) -> list[dict[str, Any]]:
        out = []
        for row in frame[columns].to_dict("records"):
            out.append({k: (v.strftime("%Y-%m-%d") if hasattr(v, "strftime") else
                            None if isinstance(v, float) and math.isnan(v) else v) for k, v in row.items()})
        return out

    series_columns = [c for c in table.columns if c in VAD or c.startswith(("prevalence_", "intensity_"))]
    data = {
        "freq": freq,
        "metrics": series_columns,
        "shown": metrics,
        "rows": records(table, ["period", "group", "n", *series_columns]),
        "changes": records(change_table, list(change_table.columns)),
        "forecast": records(forecast_table, list(forecast_table.columns)),
    }
    payload = json.dumps(data, ensure_ascii=False).replace("</", "<\\/")
    return render("trends.html", data=markup(payload))
