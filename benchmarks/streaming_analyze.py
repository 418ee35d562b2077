"""Memory and streaming of ``affectkit analyze`` on long inputs (issue 14: 100,000 lines in at most 400 MB).

    .venv/bin/python benchmarks/streaming_analyze.py [--data ../shared/data] [--lines 10000 100000]

For each size, writes that many lines (GoEmotions comments, train then dev then test, repeated as needed;
a few fixed sentences without the data) to a ``.txt`` file and runs ``affectkit analyze -i FILE -f jsonl``
in a fresh process with its output going to a file. Measures the child's peak resident memory
(``getrusage`` of the child), wall time, when the first output line appeared (streaming: long before the
end), and checks that every input line has its output line, in input order. Peak memory that stays the same
from 10,000 to 100,000 lines is what flat means. Prints a table and writes
``benchmarks/results/streaming_analyze.json``.
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

from affectkit.datasets import load_goemotions
from speed import FALLBACK  # the same few sentences when the data is missing

RESULTS = Path(__file__).resolve().parent / "results"
TARGET_MB = 400


def comments(data: Path) -> list[str]:
    folder = data / "goemotions"
    if not (folder / "emotions.txt").is_file():
        return FALLBACK
    return [text for split in ("train", "dev", "test") for text in load_goemotions(folder, split).texts]


def run(lines: list[str], folder: Path) -> dict[str, float | int | bool]:
    """One ``affectkit analyze`` run in a fresh process (a child of a fresh helper, so that the peak memory of
    earlier runs does not count)."""
    source = folder / f"in-{len(lines)}.txt"
    source.write_text("\n".join(lines) + "\n", encoding="utf-8")
    output = folder / f"out-{len(lines)}.jsonl"
    # The helper runs the command and reports its child's peak RSS: RUSAGE_CHILDREN is the largest child so far,
    # so each size gets its own helper.
    helper = (
        "import resource, subprocess, sys, time\n"
        "started = time.perf_counter()\n"
        f"with open({str(output)!r}, 'w') as out:\n"
        f"    done = subprocess.run([sys.executable, '-m', 'affectkit.cli', 'analyze', '-i', {str(source)!r}, "
        "'-f', 'jsonl'], stdout=out, stderr=subprocess.DEVNULL)\n"
        "print(done.returncode, time.perf_counter() - started, "
        "resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)\n"
    )
    process = subprocess.Popen([sys.executable, "-c", helper], stdout=subprocess.PIPE, text=True)
    started = time.perf_counter()
    first_output = None
    while process.poll() is None:
        if first_output is None and output.exists() and output.stat().st_size > 0:
            first_output = time.perf_counter() - started
        time.sleep(0.05)
    code, seconds, peak_kb = (process.stdout.read() if process.stdout else "").split()
    if int(code) != 0:
        raise SystemExit(f"affectkit analyze failed with status {code}")
    with output.open(encoding="utf-8") as handle:
        written = [json.loads(line)["text"] for line in handle]
    in_order, count = written == lines, len(written)
    return {
        "lines": len(lines),
        "output_lines": count,
        "in_order": in_order,
        "peak_rss_mb": round(int(peak_kb) / 1024, 1),
        "seconds": round(float(seconds), 1),
        "texts_per_s": round(len(lines) / float(seconds)),
        "first_output_s": round(first_output, 1) if first_output is not None else None,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--data", type=Path, default=Path("../shared/data"))
    parser.add_argument("--lines", type=int, nargs="+", default=[10_000, 100_000])
    args = parser.parse_args()

    pool = [" ".join(text.split()) for text in comments(args.data)]  # one text per line: no line breaks inside
    results = []
    with tempfile.TemporaryDirectory() as folder:
        for size in args.lines:
            result = run([pool[i % len(pool)] for i in range(size)], Path(folder))
            results.append(result)
            print(f"{size:>7} lines: peak RSS {result['peak_rss_mb']} MB, {result['seconds']} s "
                  f"({result['texts_per_s']} texts/s), first output after {result['first_output_s']} s, "
                  f"{result['output_lines']} output lines in input order: {result['in_order']}", flush=True)
    report = {
        "command": "affectkit analyze -i FILE -f jsonl > OUT",
        "target_peak_rss_mb": TARGET_MB,
        "runs": results,
        "met": all(r["peak_rss_mb"] <= TARGET_MB and r["in_order"] for r in results),
        "texts": "GoEmotions comments (train, dev, test), repeated" if len(pool) > len(FALLBACK) else "fallback",
        "machine": {"cpus": os.cpu_count(), "python": platform.python_version(), "platform": platform.platform()},
    }
    RESULTS.mkdir(exist_ok=True)
    (RESULTS / "streaming_analyze.json").write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
    print(f"target peak RSS <= {TARGET_MB} MB: {'met' if report['met'] else 'NOT met'}")


if __name__ == "__main__":
    main()
