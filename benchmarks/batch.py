"""Throughput and memory of ``affectkit batch`` (issue 18).

    .venv/bin/python benchmarks/batch.py [--data ../shared/data] [--rows 200000] [--memory-rows 5000 20000 50000]
        [--baseline-rows 2000] [--workers 2] [--engines local ray] [--output benchmarks/results/batch.json]

Texts are GoEmotions comments (train, dev, test, repeated as needed; a few fixed sentences without the data),
written to a JSONL file with an id and a timestamp. In one run the script measures:

* the baseline: one process analysing ``--baseline-rows`` texts with the shipped model on one onnxruntime
  thread (what one local worker does), and ``affectkit analyze`` on the same texts (one process, a thread per
  CPU);
* ``affectkit batch`` on ``--rows`` rows with each engine (``local``: ``--workers`` processes; ``ray``: a
  local Ray cluster of ``--workers`` CPUs, one actor per CPU), wall time including the scan, Ray's start and
  the final join, and that both engines wrote the same rows;
* CPU time per text (user + system, all processes): on a machine shared with other jobs the wall-time ratios
  measure the neighbours as much as the engine, and the CPU-time ratios say what the engine gives on free cores;
* the peak resident memory of the whole process tree (the command, its workers and, for Ray, its raylet and
  workers; sampled every 0.2 s with psutil, summed over processes) of the local engine for each
  ``--memory-rows`` size: memory that does not grow with the size is what bounded means.

Targets: local >= 80% of baseline x workers; ray >= 70% of local; peak memory flat (1,000,000 rows in <= 2 GB:
``--memory-rows 1000000``). Prints a table and writes ``benchmarks/results/batch.json``.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import psutil

from affectkit.datasets import load_goemotions
from speed import FALLBACK, rerun_command

RESULTS = Path(__file__).resolve().parent / "results"


def comments(data: Path) -> list[str]:
    folder = data / "goemotions"
    if not (folder / "emotions.txt").is_file():
        return FALLBACK
    return [" ".join(t.split()) for split in ("train", "dev", "test") for t in load_goemotions(folder, split).texts]


def write_input(pool: list[str], rows: int, path: Path) -> Path:
    with path.open("w", encoding="utf-8") as handle:
        for i in range(rows):
            stamp = f"2024-{1 + (i // 10_000) % 12:02d}-{1 + (i // 400) % 28:02d}T12:00:00"
            handle.write(json.dumps({"id": i, "ts": stamp, "text": pool[i % len(pool)]}) + "\n")
    return path


def tree_peak(command: list[str]) -> tuple[float, float, float, int]:
    """Run ``command``; (wall seconds, peak summed RSS in MB of it and all its descendants, CPU seconds of them
    all, exit status). CPU time is each process's last sample (a process that ends loses at most 0.2 s)."""
    started = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    root = psutil.Process(process.pid)
    peak = 0
    cpu: dict[int, float] = {}
    while process.poll() is None:
        total = 0
        try:
            members = [root, *root.children(recursive=True)]
        except psutil.NoSuchProcess:
            break
        for member in members:
            try:
                with member.oneshot():
                    total += member.memory_info().rss
                    times = member.cpu_times()
                    cpu[member.pid] = times.user + times.system
            except psutil.Error:
                pass
        peak = max(peak, total)
        time.sleep(0.2)
    seconds = time.perf_counter() - started
    if process.returncode:
        sys.stderr.write(process.stderr.read().decode() if process.stderr else "")
    return seconds, peak / 2**20, sum(cpu.values()), process.returncode


BASELINE = """
import json, sys, time
from affectkit.recognizers.encoder import EncoderRecognizer
texts = [json.loads(line)["text"] for line in open(sys.argv[1], encoding="utf-8")]
recognizer = EncoderRecognizer(threads=1)
recognizer.analyze_one("warm up")
started, cpu = time.perf_counter(), time.process_time()
for i in range(0, len(texts), 512):
    recognizer.analyze(texts[i:i + 512])
print(len(texts) / (time.perf_counter() - started), 1000 * (time.process_time() - cpu) / len(texts))
"""


def baseline(source: Path) -> dict[str, float]:
    """One process on one thread (a local worker's job), in-process timing after the model is loaded; and
    ``affectkit analyze`` on the same file, timed from the outside (model loading included)."""
    out = subprocess.run([sys.executable, "-c", BASELINE, str(source)], capture_output=True, text=True, check=True)
    rate, cpu_ms = (float(x) for x in out.stdout.split())
    rows = sum(1 for _ in source.open(encoding="utf-8"))
    seconds, _, cpu, _ = tree_peak([sys.executable, "-m", "affectkit.cli", "analyze", "-i", str(source), "-f",
                                    "jsonl"])
    return {"rows": rows, "one_thread_texts_per_s": round(rate, 1), "one_thread_cpu_ms_per_text": round(cpu_ms, 2),
            "analyze_cli_texts_per_s": round(rows / seconds, 1),
            "analyze_cli_cpu_ms_per_text": round(1000 * cpu / rows, 2)}


def batch(source: Path, output: Path, engine: str, workers: int) -> dict[str, float | int]:
    command = [sys.executable, "-m", "affectkit.cli", "batch", str(source), str(output), "--engine", engine,
               "--workers", str(workers), "--no-progress"]
    seconds, peak, cpu, status = tree_peak(command)
    if status:
        raise SystemExit(f"affectkit batch ({engine}) failed with status {status}")
    rows = sum(1 for _ in source.open(encoding="utf-8"))
    return {"engine": engine, "rows": rows, "workers": workers, "seconds": round(seconds, 1),
            "texts_per_s": round(rows / seconds, 1), "cpu_ms_per_text": round(1000 * cpu / rows, 2),
            "peak_rss_mb": round(peak, 1)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--data", type=Path, default=Path("../shared/data"))
    parser.add_argument("--rows", type=int, default=200_000, help="rows for the engine throughput")
    parser.add_argument("--baseline-rows", type=int, default=2000)
    parser.add_argument("--memory-rows", type=int, nargs="*", default=[5000, 20_000, 50_000])
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--engines", nargs="+", default=["local", "ray"], choices=["local", "ray"])
    parser.add_argument("--output", type=Path, default=RESULTS / "batch.json")
    args = parser.parse_args()
    if args.output.is_dir():  # said now, not after an hour of runs
        parser.error(f"--output {args.output} is a directory: give a file name")

    import pyarrow.parquet as pq

    pool = comments(args.data)
    report: dict = {"load_average_at_start": os.getloadavg()[0]}
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        report["baseline"] = base = baseline(write_input(pool, args.baseline_rows, folder / "baseline.jsonl"))
        print(f"baseline: one process, one thread {base['one_thread_texts_per_s']} texts/s; affectkit analyze "
              f"(a thread per CPU) {base['analyze_cli_texts_per_s']} texts/s ({base['rows']} texts)", flush=True)
        source = write_input(pool, args.rows, folder / "in.jsonl")
        engines = {}
        for engine in args.engines:
            engines[engine] = batch(source, folder / f"{engine}.parquet", engine, args.workers)
            print(f"{engine}: {engines[engine]}", flush=True)
        if len(engines) == 2:
            report["same_rows"] = pq.read_table(folder / "local.parquet").equals(pq.read_table(folder / "ray.parquet"))
        report["engines"] = engines
        if "local" in engines:
            ceiling = base["one_thread_texts_per_s"] * args.workers
            report["local_vs_baseline_x_workers"] = round(engines["local"]["texts_per_s"] / ceiling, 3)
            report["local_vs_analyze_cli"] = round(engines["local"]["texts_per_s"] / base["analyze_cli_texts_per_s"], 3)
            # On a busy machine wall time measures the neighbours too: CPU time per text says what the engine
            # would give on free cores (the baseline's CPU per text over the engine's, model loading included).
            report["local_cpu_efficiency"] = round(base["one_thread_cpu_ms_per_text"]
                                                   / engines["local"]["cpu_ms_per_text"], 3)
        if len(engines) == 2:
            report["ray_vs_local"] = round(engines["ray"]["texts_per_s"] / engines["local"]["texts_per_s"], 3)
            report["ray_vs_local_cpu"] = round(engines["local"]["cpu_ms_per_text"]
                                               / engines["ray"]["cpu_ms_per_text"], 3)
        memory = []
        for size in args.memory_rows:
            run = batch(write_input(pool, size, folder / f"m{size}.jsonl"), folder / f"m{size}.parquet", "local",
                        args.workers)
            memory.append(run)
            print(f"memory, {size} rows: peak {run['peak_rss_mb']} MB (all processes), {run['seconds']} s", flush=True)
        report["memory"] = memory
    report.update(
        command=rerun_command("batch.py"),
        full_size_command="nice -n 10 .venv/bin/python benchmarks/batch.py --rows 200000 --memory-rows 5000 20000 "
        "50000 1000000",
        targets={"local_vs_baseline_x_workers": 0.8, "ray_vs_local": 0.7, "peak_rss_mb_at_1m_rows": 2048},
        load_average_at_end=os.getloadavg()[0],
        texts="GoEmotions comments (train, dev, test), repeated" if len(pool) > len(FALLBACK) else "fallback",
        machine={"cpus": os.cpu_count(), "python": platform.python_version(), "platform": platform.platform()},
    )
    for key in ("local_vs_baseline_x_workers", "local_vs_analyze_cli", "local_cpu_efficiency", "ray_vs_local",
                "ray_vs_local_cpu", "same_rows"):
        if key in report:
            print(f"{key}: {report[key]}")
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
