"""Trends on synthetic series with known answers (issue 18): change points and forecast intervals.

    .venv/bin/python benchmarks/trends.py [--series 500] [--seed 11]

* **change points**: ``--series`` daily series of analysed rows (30 a day for 60 days, as ``affectkit batch``
  writes them) whose sadness share rises from 0.15 to 0.45 and whose valence falls from +0.2 to -0.25 on a day drawn
  at random between day 15 and day 45, read by :func:`affectkit.trends`: for each metric that shifts, the share of
  series whose change point is found within one period of the true day, the mean distance, and the share where
  anything else is found; and, for as many series that never shift, the share with a change point found (false
  alarms).
* **forecast intervals**: ``--series`` local-level series (the ETS(A,N,N) process, 40 points, then 4 held out),
  forecast by :func:`affectkit.batch.trends.forecast`: the share of held-out points inside the 80% and the 95%
  interval, which should be close to 0.80 and 0.95.

Prints a table and writes ``benchmarks/results/trends.json``.
"""

from __future__ import annotations

import argparse
import json
import tempfile
from pathlib import Path
from typing import Any

import numpy as np

RESULTS = Path(__file__).resolve().parent / "results"
DAYS, PER_DAY = 60, 30
SHIFTED = ("valence", "prevalence_sadness")


def analysed_rows(path: Path, rng: np.random.Generator, shift_day: int | None) -> Path:
    """Rows like those ``affectkit batch`` writes, their sadness share and valence moving on ``shift_day``."""
    import pandas as pd

    rows = []
    start = pd.Timestamp("2024-01-01")
    for day in range(DAYS):
        shifted = shift_day is not None and day >= shift_day
        for _ in range(PER_DAY):
            sad = rng.random() < (0.45 if shifted else 0.15)
            rows.append({"ts": (start + pd.Timedelta(days=day, minutes=int(rng.integers(0, 1440)))).isoformat(),
                         "labels": ["sadness"] if sad else ["joy"],
                         "valence": float(np.clip(rng.normal(-0.25 if shifted else 0.2, 0.35), -1, 1)),
                         "arousal": float(rng.normal(0.1, 0.2)), "dominance": float(rng.normal(0.0, 0.2)),
                         "intensity_sadness": 0.6, "intensity_joy": 0.4})
    pd.DataFrame(rows).to_parquet(path)
    return path


def change_point_figures(series: int, rng: np.random.Generator) -> dict[str, Any]:
    import pandas as pd

    from affectkit.batch.trends import trends

    found: dict[str, list[int | None]] = {metric: [] for metric in SHIFTED}
    extra = {metric: 0 for metric in SHIFTED}
    alarms = 0
    with tempfile.TemporaryDirectory() as tmp:
        for i in range(series):
            day = int(rng.integers(15, 46))
            result = trends(analysed_rows(Path(tmp) / f"s{i}.parquet", rng, day), time_column="ts", freq="D")
            for metric in SHIFTED:
                periods = result.change_points[result.change_points.metric == metric]["period"].tolist()
                distances = [abs((p - pd.Timestamp("2024-01-01")).days - day) for p in periods]
                found[metric].append(min(distances) if distances else None)
                extra[metric] += int(sum(d > 1 for d in distances) > 0)
            flat = trends(analysed_rows(Path(tmp) / f"f{i}.parquet", rng, None), time_column="ts", freq="D")
            alarms += int(not flat.change_points[flat.change_points.metric.isin(SHIFTED)].empty)
    out: dict[str, Any] = {"series": series, "days": DAYS, "rows_per_day": PER_DAY}
    for metric in SHIFTED:
        hits = [d for d in found[metric] if d is not None]
        out[metric] = {"within_one_period": round(sum(d <= 1 for d in hits) / series, 3),
                       "mean_distance_days": round(float(np.mean(hits)), 2) if hits else None,
                       "another_change_point_found": round(extra[metric] / series, 3)}
    out["series_without_shift_with_a_change_point"] = round(alarms / series, 3)
    return out


def interval_figures(series: int, rng: np.random.Generator, horizon: int = 4) -> dict[str, Any]:
    from affectkit.batch.trends import forecast

    inside = {80: 0, 95: 0}
    for _ in range(series):
        noise = rng.normal(0, 0.05, 40 + horizon)
        level = 0.3 + np.cumsum(0.4 * noise)
        values = np.r_[0.3, level[:-1]] + noise
        predicted = forecast(values[:-horizon], horizon)
        held_out = values[-horizon:]
        for level_pct in inside:
            low, high = predicted[f"lo_{level_pct}"], predicted[f"hi_{level_pct}"]
            inside[level_pct] += int(((held_out >= low) & (held_out <= high)).sum())
    points = series * horizon
    return {"series": series, "held_out_points": points,
            "coverage_80": round(inside[80] / points, 3), "coverage_95": round(inside[95] / points, 3)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--series", type=int, default=500)
    parser.add_argument("--seed", type=int, default=11)
    parser.add_argument("--output", type=Path, default=RESULTS / "trends.json")
    args = parser.parse_args()
    if args.series < 1:
        parser.error(f"--series must be at least 1, got {args.series}")
    rng = np.random.default_rng(args.seed)
    report = {"change_points": change_point_figures(args.series, rng), "forecast": interval_figures(args.series, rng),
              "command": f"benchmarks/trends.py --series {args.series} --seed {args.seed}"}
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
    changes, intervals = report["change_points"], report["forecast"]
    print("| measure | value | target |\n|---|---:|---:|")
    for metric in SHIFTED:
        figures = changes[metric]
        print(f"| {metric}: change point within one day of the shift | {figures['within_one_period']:.3f} "
              f"(mean distance {figures['mean_distance_days']} days; another one found too: "
              f"{figures['another_change_point_found']:.3f}) | within one period |")
    print(f"| series without a shift given a change point | {changes['series_without_shift_with_a_change_point']:.3f} "
          "| |")
    print(f"| held-out points inside the 80% / 95% interval | {intervals['coverage_80']:.3f} / "
          f"{intervals['coverage_95']:.3f} | close to 0.80 / 0.95 |")


if __name__ == "__main__":
    main()
