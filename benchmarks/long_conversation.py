"""Long conversations: time and peak memory of ``analyze_conversation`` at 1k, 2k, 5k and 10k turns.

    .venv/bin/python benchmarks/long_conversation.py [--data ../shared/data] [--sizes 1000 2000 5000 10000]

The turns are distinct real utterances (DailyDialog validation and test, then RECCON train, duplicates
dropped, speakers as in their dialogues), so that no text is read twice from a cache. Each size runs in
a fresh process: ``seconds`` is the analysis with the models already loaded (a two-turn warm-up loads
them), ``cpu_seconds`` the CPU time of all its threads (less sensitive to a busy machine than wall time),
``peak_rss_mb`` the process's peak resident memory, models included, ``loaded_rss_mb`` the memory after
the warm-up. Time per turn should stay flat from 1k to 10k turns (linear time): ``linearity`` and
``cpu_linearity`` divide it at the largest size by it at the smallest.

Prints a table and writes ``benchmarks/results/long_conversation.json`` (``--output`` to change it).
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

RESULTS = Path(__file__).resolve().parent / "results"
TARGET_SECONDS, TARGET_MB = 20.0, 500.0  # at 10,000 turns (issue 14)


def distinct_turns(data: Path, n: int) -> list[dict[str, str]]:
    """The first ``n`` distinct utterances of DailyDialog validation and test, then RECCON train."""
    from affectkit.datasets import load_dailydialog, load_reccon

    dialogues = [*load_dailydialog(data / "dailydialog", "validation"), *load_dailydialog(data / "dailydialog", "test"),
                 *load_reccon(data / "reccon", "train")]
    seen: set[str] = set()
    turns = []
    for dialogue in dialogues:
        for turn in dialogue.turns:
            if turn.text not in seen:
                seen.add(turn.text)
                turns.append({"speaker": turn.speaker, "text": turn.text})
                if len(turns) == n:
                    return turns
    raise SystemExit(f"only {len(turns)} distinct utterances under {data}, {n} asked")


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # kB on Linux


def run_one(data: Path, n: int) -> dict[str, Any]:
    """One size, in this process (called in a subprocess by :func:`main`)."""
    from affectkit.conversation import analyze_conversation

    turns = distinct_turns(data, n)
    analyze_conversation([{"speaker": "warm", "text": "Loading the models."}, {"speaker": "up", "text": "Done."}])
    loaded = peak_rss_mb()
    started, cpu = time.perf_counter(), time.process_time()
    analysis = analyze_conversation({"id": f"long-{n}", "utterances": turns})
    seconds, cpu = time.perf_counter() - started, time.process_time() - cpu
    assert len(analysis.turns) == n
    return {"turns": n, "seconds": round(seconds, 2), "ms_per_turn": round(seconds / n * 1000, 3),
            "cpu_seconds": round(cpu, 2),
            "loaded_rss_mb": round(loaded, 1), "peak_rss_mb": round(peak_rss_mb(), 1),
            "max_causes_per_turn": max(len(t.causes) for t in analysis.turns), "model": analysis.model}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--data", type=Path, default=Path("../shared/data"))
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 2000, 5000, 10000])
    parser.add_argument("--output", type=Path, default=RESULTS / "long_conversation.json")
    parser.add_argument("--one", type=int, help=argparse.SUPPRESS)  # internal: run one size, print JSON
    args = parser.parse_args()
    if args.one:
        print(json.dumps(run_one(args.data, args.one)))
        return
    rows = []
    for n in args.sizes:  # a fresh process per size, so that each peak RSS is its own
        out = subprocess.run([sys.executable, __file__, "--data", str(args.data), "--one", str(n)],
                             check=True, capture_output=True, text=True).stdout
        rows.append(json.loads(out.strip().splitlines()[-1]))
        print(f"{n} turns: {rows[-1]['seconds']:.2f} s, peak {rows[-1]['peak_rss_mb']:.0f} MB", file=sys.stderr)
    first, last = rows[0], rows[-1]
    per_turn_cpu = [r["cpu_seconds"] / r["turns"] for r in (first, last)]
    result = {"sizes": rows, "linearity": round(last["ms_per_turn"] / first["ms_per_turn"], 2),
              "cpu_linearity": round(per_turn_cpu[1] / per_turn_cpu[0], 2),
              "target": {"turns": 10000, "seconds": TARGET_SECONDS, "peak_rss_mb": TARGET_MB}}
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    print(f"| {'turns':>6} | {'seconds':>8} | {'ms/turn':>8} | {'CPU s':>7} | {'peak RSS MB':>11} | {'loaded MB':>9} |")
    print(f"|{'-' * 7}:|{'-' * 9}:|{'-' * 9}:|{'-' * 8}:|{'-' * 12}:|{'-' * 10}:|")
    for r in rows:
        print(f"| {r['turns']:>6} | {r['seconds']:>8.2f} | {r['ms_per_turn']:>8.3f} | {r['cpu_seconds']:>7.1f} "
              f"| {r['peak_rss_mb']:>11.0f} | {r['loaded_rss_mb']:>9.0f} |")
    print(f"time per turn at {last['turns']} / at {first['turns']} turns: wall {result['linearity']:.2f}, CPU "
          f"{result['cpu_linearity']:.2f} (1.00 = linear); target at 10,000 turns: ≤ {TARGET_SECONDS:.0f} s, "
          f"≤ {TARGET_MB:.0f} MB")


if __name__ == "__main__":
    main()
