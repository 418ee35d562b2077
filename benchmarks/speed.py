"""Speed of the shipped model, all figures from one run.

    .venv/bin/python benchmarks/speed.py [--data ../shared/data] [--recognizer goemotions-minilm@5]

Measures, in this order: ``import affectkit`` time and cold start (import + model load + first analysis)
in fresh subprocesses; throughput on a batch of 2,000 short texts (median of 3 runs after one warm-up
run; wall time and the CPU time of all threads per text), and, in alternation with it on the same sessions,
the throughput of padded batches of 32 texts sorted by length, the way the encoder ran before every text was
read alone (faster where int8 kernels are fast, but a text's reading then depends on its batch: a reference,
not an option); p50/p95 latency of one short text;
peak resident memory of the process after all of it; total size of the shipped model files.
Short texts are the first 2,000 GoEmotions test comments (median 12 words) when the data is there.
Prints a table and writes ``benchmarks/results/speed.json``.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from affectkit.recognizers import DEFAULT

RESULTS = Path(__file__).resolve().parent / "results"
FALLBACK = [
    "Thanks so much, this is exactly what I needed!",
    "I can't believe they did that to you.",
    "Not sure what you mean, can you explain?",
    "This is the worst customer service ever.",
    "lol that's hilarious",
    "I'm really worried about my exam tomorrow.",
    "Congrats on the new job!",
    "Meh, it was fine I guess.",
]


def rerun_command(script: str) -> str:
    """The command line that produced a results file, with absolute paths written relative to the repository, so
    that the file says how to rerun it without naming this machine's folders."""
    repo = Path(__file__).resolve().parent.parent
    args = [os.path.relpath(arg, repo) if os.path.isabs(arg) else arg for arg in sys.argv[1:]]
    return " ".join([f"benchmarks/{script}", *args])


def short_texts(data: Path, n: int) -> list[str]:
    path = data / "goemotions" / "test.tsv"
    if path.is_file():
        texts = [line.split("\t")[0] for line in path.read_text(encoding="utf-8").splitlines()]
    else:
        texts = FALLBACK
    return [texts[i % len(texts)] for i in range(n)]


def fresh_process_seconds(code: str, repeats: int = 3) -> float:
    """Median wall time of ``python -c code`` measured inside the child (interpreter start excluded)."""
    timings = []
    for _ in range(repeats):
        wrapped = f"import time; t=time.perf_counter(); {code}; print(time.perf_counter()-t)"
        out = subprocess.run([sys.executable, "-c", wrapped], capture_output=True, text=True, check=True).stdout
        timings.append(float(out.strip().splitlines()[-1]))
    return statistics.median(timings)


def int8_instructions() -> list[str]:
    """The CPU's vector extensions that decide int8 matrix speed (VNNI makes int8 products several times faster
    than AVX2 alone): the speed figures of one machine do not carry over to another without them."""
    try:
        flags = next(line for line in Path("/proc/cpuinfo").read_text().splitlines() if line.startswith("flags"))
    except (OSError, StopIteration):
        return []
    wanted = ("avx2", "avx512f", "avx512_vnni", "avx_vnni", "amx_int8")
    return [flag for flag in wanted if flag in flags.split()]


def padded_batches(recognizer: Any, texts: list[str]) -> Callable[[], None]:
    """A function that runs ``texts`` through the recognizer's own onnxruntime session in padded batches of 32
    windows sorted by length, spread over its workers: the pre-issue-14 way, for comparison only."""
    import numpy as np

    windows = sorted((ids for per_text in recognizer.windows(texts) for ids in per_text), key=len)
    batches = [windows[start : start + 32] for start in range(0, len(windows), 32)]
    session, workers = recognizer._session, recognizer._workers

    def run(worker: int) -> None:
        for batch in batches[worker::workers]:
            ids = np.zeros((len(batch), len(batch[-1])), dtype=np.int64)
            mask = np.zeros_like(ids)
            for row, window in enumerate(batch):
                ids[row, : len(window)], mask[row, : len(window)] = window, 1
            session.run(None, {"input_ids": ids, "attention_mask": mask})

    return lambda: list(recognizer._pool.map(run, range(workers)))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--data", type=Path, default=Path("../shared/data"))
    parser.add_argument("--recognizer", default=DEFAULT)
    parser.add_argument("--batch", type=int, default=2000)
    args = parser.parse_args()

    import_s = fresh_process_seconds("import affectkit")
    cold_s = fresh_process_seconds(f"import affectkit; affectkit.analyze_one('hello there', model={args.recognizer!r})")

    from affectkit.recognizers import get_recognizer
    from affectkit.recognizers.encoder import MODELS_DIR

    recognizer = get_recognizer(args.recognizer)
    texts = short_texts(args.data, args.batch)
    recognizer.analyze(texts)  # warm-up: onnxruntime sizes its buffers for these shapes on the first pass
    padded = padded_batches(recognizer, texts)
    padded()
    runs, cpu_runs, padded_runs = [], [], []
    for _ in range(3):
        started, cpu_started = time.perf_counter(), time.process_time()
        recognizer.analyze(texts)
        runs.append(time.perf_counter() - started)
        cpu_runs.append(time.process_time() - cpu_started)
        started = time.perf_counter()
        padded()
        padded_runs.append(time.perf_counter() - started)
    batch_s = statistics.median(runs)

    latencies = []
    for text in texts[:300]:
        started = time.perf_counter()
        recognizer.analyze_one(text)
        latencies.append((time.perf_counter() - started) * 1000)
    latencies.sort()
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    def folder_mb(folder: Path) -> float:
        return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file()) / 1e6

    text_model_mb = folder_mb(getattr(recognizer, "path", MODELS_DIR))  # the size target is the text model's
    model_mb = folder_mb(MODELS_DIR)

    results = {
        "recognizer": recognizer.model_id,
        "machine": {"cpus": os.cpu_count(), "python": platform.python_version(),
                    "processor": platform.machine(), "int8_instructions": int8_instructions()},
        "import_seconds": round(import_s, 3),
        "cold_start_seconds": round(cold_s, 3),
        "batch_size": len(texts),
        "throughput_texts_per_second": round(len(texts) / batch_s, 1),
        # CPU time of all threads per text: less sensitive than wall time to other work on a shared machine.
        "cpu_ms_per_text": round(1000 * statistics.median(cpu_runs) / len(texts), 2),
        "padded_batches_texts_per_second": round(len(texts) / statistics.median(padded_runs), 1),
        "load_average_1min": round(os.getloadavg()[0], 1),
        "latency_p50_ms": round(latencies[len(latencies) // 2], 2),
        "latency_p95_ms": round(latencies[int(len(latencies) * 0.95)], 2),
        "peak_memory_mb": round(peak_mb, 1),
        "text_model_files_mb": round(text_model_mb, 2),
        "model_files_mb": round(model_mb, 2),
    }
    RESULTS.mkdir(exist_ok=True)
    (RESULTS / "speed.json").write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    rows = [
        ("import affectkit", f"{results['import_seconds']:.3f} s", "≤ 0.3 s"),
        ("cold start (import, load, first text)", f"{results['cold_start_seconds']:.2f} s", ""),
        (f"throughput, batch of {len(texts)} short texts", f"{results['throughput_texts_per_second']:.0f} texts/s",
         "≥ 800"),
        ("CPU time per text in that batch", f"{results['cpu_ms_per_text']:.2f} ms", ""),
        ("old padded batches (batch-dependent)",
         f"{results['padded_batches_texts_per_second']:.0f} texts/s", ""),
        ("latency p50, one short text", f"{results['latency_p50_ms']:.1f} ms", "≤ 15 ms"),
        ("latency p95, one short text", f"{results['latency_p95_ms']:.1f} ms", ""),
        ("peak memory (RSS)", f"{results['peak_memory_mb']:.0f} MB", ""),
        ("text model files", f"{results['text_model_files_mb']:.1f} MB", "≤ 40 MB"),
        ("all shipped model files", f"{results['model_files_mb']:.1f} MB", ""),
    ]
    print(f"speed of {recognizer.model_id} on {results['machine']['cpus']} CPUs\n")
    print(f"| {'measure':<42} | {'value':>14} | {'target':>8} |")
    print(f"|{'-' * 44}|{'-' * 16}:|{'-' * 10}:|")
    for name, value, target in rows:
        print(f"| {name:<42} | {value:>14} | {target:>8} |")


if __name__ == "__main__":
    main()
