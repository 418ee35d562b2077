"""affectkit.batch.trends: per-period aggregates, change points, forecast intervals, the report files."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from affectkit.batch.trends import change_points, forecast, trends
from affectkit.cli import main

SHIFT_DAY = 30


def analysed_file(path: Path, days: int = 60, per_day: int = 30, seed: int = 3) -> Path:
    """Rows like `affectkit batch` writes: group 'a' turns sad and negative from day SHIFT_DAY, 'b' never does."""
    rng = np.random.default_rng(seed)
    rows = []
    for day in range(days):
        for group in ("a", "b"):
            for _ in range(per_day):
                shifted = group == "a" and day >= SHIFT_DAY
                sad = rng.random() < (0.45 if shifted else 0.15)
                when = pd.Timestamp("2024-01-01") + pd.Timedelta(days=day, minutes=int(rng.integers(0, 1440)))
                rows.append({"ts": when.isoformat(), "g": group, "labels": ["sadness"] if sad else ["joy", "gratitude"],
                             "valence": float(np.clip(rng.normal(-0.25 if shifted else 0.2, 0.35), -1, 1)),
                             "arousal": float(rng.normal(0.1, 0.2)), "dominance": float(rng.normal(0.0, 0.2)),
                             "intensity_sadness": 0.6, "intensity_joy": 0.4, "intensity_gratitude": 0.4})
    pd.DataFrame(rows).sample(frac=1.0, random_state=seed).to_parquet(path)  # time order is not needed
    return path


def test_a_known_shift_is_found_within_one_period_and_only_where_it_is(tmp_path: Path) -> None:
    result = trends(analysed_file(tmp_path / "rows.parquet"), time_column="ts", freq="D", group_column="g")
    table = result.table
    assert len(table) == 120 and set(table["n"]) == {30}
    a = table[table.group == "a"]
    assert a["prevalence_sadness"].iloc[:SHIFT_DAY].mean() == pytest.approx(0.15, abs=0.04)
    assert (a["intensity_sadness"].dropna() == 0.6).all()
    changes = result.change_points
    shift = pd.Timestamp("2024-01-01") + pd.Timedelta(days=SHIFT_DAY)
    for metric in ("valence", "prevalence_sadness", "prevalence_joy"):
        found = changes[(changes.group == "a") & (changes.metric == metric)]["period"].tolist()
        assert len(found) == 1 and abs((found[0] - shift).days) <= 1, (metric, found)
    assert changes[changes.group == "b"].empty


def test_weeks_start_on_monday_and_months_on_the_first(tmp_path: Path) -> None:
    path = analysed_file(tmp_path / "rows.parquet", days=40, per_day=2)
    weekly = trends(path, time_column="ts", freq="W").table
    assert {p.day_name() for p in weekly["period"]} == {"Monday"} and weekly["n"].sum() == 160
    monthly = trends(path, time_column="ts", freq="M").table
    assert [p.strftime("%Y-%m-%d") for p in monthly["period"]] == ["2024-01-01", "2024-02-01"]


def test_forecast_intervals_cover_held_out_points_at_about_their_nominal_rate() -> None:
    """200 local-level series (the ETS(A,N,N) process): held-out points fall inside the 80% and 95% intervals
    at close to 80% and 95%."""
    rng = np.random.default_rng(7)
    inside = {80: 0, 95: 0}
    total, horizon = 0, 4
    for _ in range(200):
        noise = rng.normal(0, 0.05, 44)
        level = 0.3 + np.cumsum(0.4 * noise)
        series = np.r_[0.3, level[:-1]] + noise
        predicted = forecast(series[:-horizon], horizon)
        held_out = series[-horizon:]
        for level_pct in inside:
            low, high = predicted[f"lo_{level_pct}"], predicted[f"hi_{level_pct}"]
            inside[level_pct] += int(((held_out >= low) & (held_out <= high)).sum())
        total += horizon
    assert 0.74 <= inside[80] / total <= 0.88, inside[80] / total
    assert 0.90 <= inside[95] / total <= 0.98, inside[95] / total


def test_change_points_ignore_noise_and_flat_series() -> None:
    rng = np.random.default_rng(0)
    assert change_points(rng.normal(0, 0.2, 60)) == []
    assert change_points(np.full(30, 0.1) + 1e-12 * np.arange(30)) == []
    assert change_points(np.r_[np.full(10, 0.2), np.full(10, 0.8)] + rng.normal(0, 0.02, 20)) == [10]


def test_report_files_and_a_self_contained_page(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = analysed_file(tmp_path / "rows.parquet", per_day=5)
    assert main(["trends", str(path), "--time-column", "ts", "--freq", "D", "--group-column", "g",
                 "--out", str(tmp_path / "report")]) == 0
    names = sorted(p.name for p in (tmp_path / "report").iterdir())
    assert names == ["changepoints.csv", "forecast.csv", "trends-a.png", "trends-b.png", "trends.csv", "trends.html"]
    assert (tmp_path / "report" / "trends-a.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    forecast_table = pd.read_csv(tmp_path / "report" / "forecast.csv")
    assert set(forecast_table["period"]) == {f"2024-03-{d:02d}" for d in range(1, 8)}
    assert (forecast_table["lo_95"] <= forecast_table["lo_80"]).all()
    assert (forecast_table["hi_80"] <= forecast_table["hi_95"]).all()
    page = (tmp_path / "report" / "trends.html").read_text(encoding="utf-8")
    assert "<svg" in page and '"changes"' in page
    assert not re.search(r"<(script|link|img)[^>]+(src|href)=", page)  # nothing loaded from elsewhere
    assert "change points; wrote trends.csv" in capsys.readouterr().err


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["--time-column", "when"], "AK-E003 missing column"),
        (["--time-column", "ts", "--group-column", "team"], "AK-E003 missing column"),
        (["--time-column", "ts", "--horizon", "-3"], "AK-E003 the horizon must be at least 1 period"),
        (["--time-column", "ts", "--horizon", "0"], "AK-E003 the horizon must be at least 1 period"),
        (["--time-column", "ts", "--top", "-1"], "AK-E003 --top must be 0 or more"),
        (["--time-column", "ts", "-o", "/dev/null"], "AK-E019 cannot write the report: the name is taken by a file"),
    ],
)
def test_bad_trends_input_exits_2_with_one_coded_line(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                                      args: list[str], expected: str) -> None:
    path = analysed_file(tmp_path / "rows.parquet", days=3, per_day=1)
    assert main(["trends", str(path), *args]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and expected in err


def test_a_file_that_is_not_analysed_exits_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "raw.jsonl").write_text('{"ts": "2024-01-01", "text": "hi"}\n', encoding="utf-8")
    assert main(["trends", str(tmp_path / "raw.jsonl"), "--time-column", "ts"]) == 2
    assert "AK-E003 not an analysed file" in capsys.readouterr().err
    assert main(["trends", str(tmp_path / "none.parquet"), "--time-column", "ts"]) == 2
    assert "AK-E001" in capsys.readouterr().err
    (tmp_path / "rows.csv").write_text("ts,text\n2024-01-01,hi\n", encoding="utf-8")
    assert main(["trends", str(tmp_path / "rows.csv"), "--time-column", "ts"]) == 2
    assert "AK-E003 not an analysed file: trends reads the .parquet or .jsonl file" in capsys.readouterr().err


@pytest.mark.skipif(shutil.which("node") is None, reason="node is not installed")
def test_the_page_script_draws_every_series_without_errors(tmp_path: Path) -> None:
    """The page's own script, run by node on a minimal DOM: a line and points per chosen series, a forecast band
    each, the change points of the first group, and no NaN in any path."""
    path = analysed_file(tmp_path / "rows.parquet", per_day=5)
    trends(path, time_column="ts", freq="D", group_column="g", out=tmp_path / "report")
    stub = Path(__file__).with_name("page_dom_stub.js")
    out = subprocess.run(["node", str(stub), str(tmp_path / "report" / "trends.html")], capture_output=True,
                         text=True, check=True, timeout=60)
    drawn = json.loads(out.stdout)
    series = len(pd.read_csv(tmp_path / "report" / "forecast.csv").query("group == 'a'")["metric"].unique())
    changes = pd.read_csv(tmp_path / "report" / "changepoints.csv").query("group == 'a'")
    assert drawn["bad"] == 0 and drawn["groups"] == 2
    assert drawn["paths"] == 2 * series and drawn["polygons"] == series and drawn["circles"] == 60 * series
    assert drawn["lines"] == 5 + len(changes)  # grid lines, then one per change point
