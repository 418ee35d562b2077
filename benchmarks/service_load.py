"""Load test of the HTTP service over loopback, bounded in time, all figures from one run.

    .venv/bin/python benchmarks/service_load.py [--duration 20] [--concurrency 32] [--workers 1] [--data ../shared/data]
        [--phases single,batch,utterances,fairness]
    .venv/bin/python benchmarks/service_load.py --append-growth [--growth-turns 200] [--growth-conversations 3]

Starts ``affectkit serve`` in a subprocess on a free port with a fresh SQLite database (rate limit off),
then, each phase lasting ``--duration`` seconds after a short warm-up:

1. ``POST /v1/analyze`` with one short text per request from ``--concurrency`` connections: requests/s,
   p50/p99 latency, count of 5xx (and of other errors);
2. ``POST /v1/analyze`` with 64-text batches from 4 connections: texts/s, beside the library's own
   ``analyze`` throughput on the same 64-text batches measured in this process right after (the server idle);
3. ``POST /v1/conversations/{id}/utterances`` on 20-turn conversations (user and assistant alternating) from
   ``--concurrency`` connections, each connection starting a new conversation after its 20th turn: p50/p99
   latency of an append (the answer holds what the turn brought: the turn in context, its speaker's new trajectory
   point, the flags it raised and the next reply's plan in brief), 5xx.

4. ``fairness`` (only when named in ``--phases``): one request of 128 texts of 3,800 characters from one
   connection and, from 2 s after it, five one-text requests one after the other from another: how long a small
   request waits behind a large one (the service reads a large request in pieces taking turns with the others).

Each phase also reports the server's CPU time per request (its /proc counters, every thread: what a request costs
whatever else the machine runs; on C cores at most C / that many requests a second, and with N connections always
waiting no latency below N times that over C) and the load average at its start and end. ``--phases`` runs only some
of the three (the library's throughput is measured when the batch phase runs).

With ``--append-growth`` it measures instead whether an append costs more as the conversation grows: one
connection appends to ``--growth-conversations`` conversations one utterance at a time (no concurrency) up to
``--growth-turns`` turns and beyond, and reports the median append latency and answer size over the ten turns
around turn 10 and around turn ``--growth-turns`` (turn indices from 0), with the server's CPU time per append
(its /proc counters; onnxruntime's spinning worker threads count in it), and their ratios. Then, in this process,
the service's own per-append step (tracker, analysis, summary, plan) by turn, with the conversation's
``LivePlanning`` as the service runs it and with a plan that re-reads every earlier turn (as it did before). It
writes ``benchmarks/results/service_append_growth.json``.

The client is a minimal keep-alive HTTP/1.1 client on asyncio streams (little CPU next to the server's), but it
runs on the same machine: on 2 cores it takes part of the CPU the server would have. Short texts are the
GoEmotions test comments when ``--data`` holds them (else a few fixed sentences). Prints a table and writes
``benchmarks/results/service_load.json``.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import platform
import random
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

from speed import FALLBACK, rerun_command  # fallback sentences when the data is missing; portable command line

RESULTS = Path(__file__).resolve().parent / "results"
TARGETS = {"single_rps": 300, "single_p99_ms": 100, "batch_ratio": 0.8, "utterance_p99_ms": 150}


def short_texts(data: Path, n: int = 4000) -> list[str]:
    path = data / "goemotions" / "test.tsv"
    texts = ([line.split("\t")[0] for line in path.read_text(encoding="utf-8").splitlines()]
             if path.is_file() else FALLBACK)
    return [texts[i % len(texts)] for i in range(n)]


class Connection:
    """One keep-alive HTTP/1.1 connection: ``request`` sends JSON and returns (status, body bytes)."""

    def __init__(self, host: str, port: int, token: str) -> None:
        self.host, self.port, self.token = host, port, token
        self.reader: asyncio.StreamReader | None = None
        self.writer: asyncio.StreamWriter | None = None

    async def request(self, method: str, path: str, body: Any = None) -> tuple[int, bytes]:
        payload = json.dumps(body).encode() if body is not None else b""
        head = (f"{method} {path} HTTP/1.1\r\nHost: {self.host}\r\nAuthorization: Bearer {self.token}\r\n"
                f"Content-Type: application/json\r\nContent-Length: {len(payload)}\r\n\r\n").encode()
        for _ in range(2):
            fresh = self.writer is None
            if self.writer is None:
                self.reader, self.writer = await asyncio.open_connection(self.host, self.port)
            assert self.reader is not None
            self.writer.write(head + payload)
            try:
                status_line = await self.reader.readline()
            except ConnectionError:
                status_line = b""
            if status_line or fresh:
                break
            await self.close()  # the server closed an idle keep-alive connection: open a new one, send again
        if not status_line:
            raise ConnectionError("the server closed a new connection without an answer")
        status = int(status_line.split()[1])
        length = 0
        while True:
            line = await self.reader.readline()
            if line in (b"\r\n", b""):
                break
            name, _, value = line.decode("latin-1").partition(":")
            if name.lower() == "content-length":
                length = int(value)
        data = await self.reader.readexactly(length) if length else b""
        return status, data

    async def close(self) -> None:
        if self.writer is not None:
            self.writer.close()
        self.reader = self.writer = None


class Recorder:
    def __init__(self) -> None:
        self.latencies: list[float] = []
        self.statuses: dict[int, int] = {}

    def add(self, status: int, seconds: float) -> None:
        self.latencies.append(seconds)
        self.statuses[status] = self.statuses.get(status, 0) + 1

    def summary(self, seconds: float, per_request: int = 1) -> dict[str, Any]:
        lat = sorted(self.latencies)
        n = len(lat)

        def pct(q: float) -> float:
            return round(lat[min(n - 1, int(q * n))] * 1000, 1) if n else float("nan")

        ok = self.statuses.get(200, 0)
        return {"requests": n, "seconds": round(seconds, 2), "requests_per_s": round(n / seconds, 1),
                "texts_per_s": round(ok * per_request / seconds, 1), "p50_ms": pct(0.50), "p90_ms": pct(0.90),
                "p99_ms": pct(0.99), "max_ms": round(lat[-1] * 1000, 1) if n else None,
                "status_5xx": sum(c for s, c in self.statuses.items() if s >= 500),
                "status_other": sum(c for s, c in self.statuses.items() if s != 200 and s < 500),
                "statuses": {str(k): v for k, v in sorted(self.statuses.items())}}


async def run_phase(connections: list[Connection], duration: float,
                    step: Callable[[int, Connection, Recorder], Awaitable[None]]) -> tuple[Recorder, float]:
    recorder = Recorder()
    stop = time.perf_counter() + duration

    async def loop(i: int, connection: Connection) -> None:
        while time.perf_counter() < stop:
            await step(i, connection, recorder)

    started = time.perf_counter()
    await asyncio.gather(*(loop(i, c) for i, c in enumerate(connections)))
    return recorder, time.perf_counter() - started


async def timed(recorder: Recorder, connection: Connection, method: str, path: str, body: Any) -> bytes:
    started = time.perf_counter()
    status, data = await connection.request(method, path, body)
    recorder.add(status, time.perf_counter() - started)
    return data


async def measure(port: int, token: str, args: argparse.Namespace, texts: list[str],
                  server_pid: int) -> dict[str, Any]:
    host = "127.0.0.1"
    connections = [Connection(host, port, token) for _ in range(args.concurrency)]
    counter = {"next": 0}

    def next_text() -> str:
        counter["next"] += 1
        return texts[counter["next"] % len(texts)]

    results: dict[str, Any] = {}

    async def phase(name: str, chosen: list[Connection], warm_up: float,
                    step: Callable[[int, Connection, Recorder], Awaitable[None]], per_request: int = 1) -> None:
        await run_phase(chosen, min(warm_up, args.duration), step)  # warm-up: connections, caches
        cpu_started, load_started = cpu_seconds(server_pid), os.getloadavg()[0]
        recorder, seconds = await run_phase(chosen, args.duration, step)
        results[name] = recorder.summary(seconds, per_request=per_request)
        # the server's CPU time per request (its /proc counters): what a request costs whatever else runs, and so
        # the most requests/s the machine's cores could serve, and the latency floor at this concurrency
        cpu_ms = 1000 * (cpu_seconds(server_pid) - cpu_started) / max(1, results[name]["requests"])
        results[name]["server_cpu_ms_per_request"] = round(cpu_ms, 2)
        results[name]["load_average"] = [round(load_started, 2), round(os.getloadavg()[0], 2)]

    async def single(i: int, connection: Connection, recorder: Recorder) -> None:
        await timed(recorder, connection, "POST", "/v1/analyze", {"texts": [next_text()]})

    if "single" in args.phases:
        await phase("single_text", connections, 3.0, single)

    async def batch(i: int, connection: Connection, recorder: Recorder) -> None:
        await timed(recorder, connection, "POST", "/v1/analyze", {"texts": [next_text() for _ in range(64)]})

    if "batch" in args.phases:
        await phase("batch_64", connections[:4], 2.0, batch, per_request=64)

    state: dict[int, tuple[str, int]] = {}

    async def utterance(i: int, connection: Connection, recorder: Recorder) -> None:
        conversation, turn = state.get(i, ("", 20))
        if turn >= 20:
            status, data = await connection.request("POST", "/v1/conversations", {})
            conversation, turn = json.loads(data)["id"], 0
        body = {"speaker": "user" if turn % 2 == 0 else "assistant", "text": next_text()}
        await timed(recorder, connection, "POST", f"/v1/conversations/{conversation}/utterances", body)
        state[i] = (conversation, turn + 1)

    if "utterances" in args.phases:
        await phase("utterances_20_turns", connections, 2.0, utterance)

    if "fairness" in args.phases:
        words = "i am so sad and angry today because the train was late again".split()
        pick = random.Random(0)
        large = {"texts": [" ".join(pick.choice(words) for _ in range(700))[:3800] for _ in range(128)]}
        started = time.perf_counter()
        large_call = asyncio.create_task(connections[0].request("POST", "/v1/analyze", large))
        await asyncio.sleep(2.0)
        small = []
        for _ in range(5):
            sent = time.perf_counter()
            status, _ = await connections[1].request("POST", "/v1/analyze", {"texts": ["hi there"]})
            small.append((status, round((time.perf_counter() - sent) * 1000, 1)))
        large_status, _ = await large_call
        results["fairness"] = {"large_texts": 128, "large_chars": sum(len(t) for t in large["texts"]),
                               "large_seconds": round(time.perf_counter() - started, 2), "large_status": large_status,
                               "small_ms": [ms for _, ms in small], "small_statuses": [st for st, _ in small]}
    for connection in connections:
        await connection.close()
    return results


GROWTH_WINDOW = 10  # turns around each checkpoint whose latencies are pooled


def cpu_seconds(pid: int) -> float:
    """User + system CPU time of a process so far (Linux /proc; clock ticks)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


async def append_growth(port: int, token: str, args: argparse.Namespace, texts: list[str],
                        server_pid: int) -> dict[str, Any]:
    """Latency, server CPU time and answer size of an append by turn index, sequentially on one connection (see
    the docstring). The server's CPU time per append is what the append costs whatever else the machine runs."""
    connection = Connection("127.0.0.1", port, token)
    cpu: dict[int, list[float]] = {}
    checkpoints = sorted({10, args.growth_turns})
    last = max(checkpoints) + GROWTH_WINDOW // 2
    latencies: dict[int, list[float]] = {}
    sizes: dict[int, list[int]] = {}
    statuses: dict[int, int] = {}
    position = 0
    for _ in range(args.growth_conversations):
        status, data = await connection.request("POST", "/v1/conversations", {})
        conversation = json.loads(data)["id"]
        for turn in range(last):
            body = {"speaker": "user" if turn % 2 == 0 else "assistant", "text": texts[position % len(texts)]}
            position += 1
            started, cpu_started = time.perf_counter(), cpu_seconds(server_pid)
            status, data = await connection.request("POST", f"/v1/conversations/{conversation}/utterances", body)
            latencies.setdefault(turn, []).append(time.perf_counter() - started)
            cpu.setdefault(turn, []).append(cpu_seconds(server_pid) - cpu_started)
            sizes.setdefault(turn, []).append(len(data))
            statuses[status] = statuses.get(status, 0) + 1
    await connection.close()

    def median(values: list[float]) -> float:
        ordered = sorted(values)
        return ordered[len(ordered) // 2]

    results: dict[str, Any] = {"statuses": {str(k): v for k, v in sorted(statuses.items())}, "turns": {}}
    for k in checkpoints:
        window = range(k - GROWTH_WINDOW // 2, k + GROWTH_WINDOW // 2)
        pooled = [x for t in window for x in latencies[t]]
        pooled_cpu = [x for t in window for x in cpu[t]]
        results["turns"][str(k)] = {
            "turns": [window.start, window.stop - 1], "appends": len(pooled),
            "server_cpu_ms": round(1000 * sum(pooled_cpu) / len(pooled_cpu), 2),
            "p50_ms": round(median(pooled) * 1000, 2),
            "p90_ms": round(sorted(pooled)[int(0.9 * len(pooled))] * 1000, 2),
            "answer_bytes": int(median([float(x) for t in window for x in sizes[t]])),
        }
    low, high = results["turns"][str(checkpoints[0])], results["turns"][str(checkpoints[-1])]
    results["p50_ratio"] = round(high["p50_ms"] / low["p50_ms"], 2)
    results["server_cpu_ratio"] = round(high["server_cpu_ms"] / low["server_cpu_ms"], 2)
    return results


def step_growth(texts: list[str], args: argparse.Namespace) -> dict[str, Any]:
    """The service's own per-append work (model thread), in this process, by turn index: the tracker's step, its
    analysis, the plan of the next reply and the stored summary. Timed twice per turn: with the conversation's
    LivePlanning (what the service does) and with a plan that reads every earlier turn again (what it did before).
    Texts are read ahead as the service's read-ahead does, so neither includes the text model's pass. Quartiles
    over the turns of a window and the conversations: on a busy machine the lower quartile is the steadier figure.
    """
    from affectkit.conversation import ConversationTracker
    from affectkit.conversation.context import prefetch
    from affectkit.planning.planner import LivePlanning
    from affectkit.risk import default_detector
    from affectkit.service.runtime import plan_from_tracker, plan_record, summary_of
    from affectkit.types import Utterance

    checkpoints = sorted({10, args.growth_turns})
    last = max(checkpoints) + GROWTH_WINDOW // 2
    timings: dict[str, dict[int, list[float]]] = {"incremental": {}, "rereading": {}}
    for c in range(args.growth_conversations):
        chosen = [texts[(c * last + turn) % len(texts)] for turn in range(last)]
        tracker = ConversationTracker(conversation_id=f"growth-{c}")
        planning = LivePlanning(agent="assistant")
        prefetch((tracker.turn_model_, tracker.cause_model_), chosen)
        default_detector().read(chosen)
        for turn, text in enumerate(chosen):
            utterance = Utterance(speaker="user" if turn % 2 == 0 else "assistant", text=text)
            started = time.perf_counter()
            tracker.add(utterance)
            planning.add(utterance)
            analysis = tracker.result()
            json.dumps(summary_of(analysis))
            common = time.perf_counter()
            json.dumps(plan_record(plan_from_tracker(tracker, analysis, "assistant", None, planning)))
            live = time.perf_counter()
            plan_from_tracker(tracker, analysis, "assistant", None)
            whole = time.perf_counter()
            timings["incremental"].setdefault(turn, []).append(live - started)
            timings["rereading"].setdefault(turn, []).append(common - started + whole - live)

    results: dict[str, Any] = {}
    for way, by_turn in timings.items():
        results[way] = {}
        for k in checkpoints:
            pooled = sorted(x for t in range(k - GROWTH_WINDOW // 2, k + GROWTH_WINDOW // 2) for x in by_turn[t])
            results[way][str(k)] = {"q25_ms": round(pooled[len(pooled) // 4] * 1000, 2),
                                    "p50_ms": round(pooled[len(pooled) // 2] * 1000, 2)}
        low, high = results[way][str(checkpoints[0])], results[way][str(checkpoints[-1])]
        results[way]["q25_ratio"] = round(high["q25_ms"] / low["q25_ms"], 2)
    return results


def report_growth(results: dict[str, Any], args: argparse.Namespace, load_before: tuple[float, ...]) -> None:
    results["setup"] = {
        "command": rerun_command("service_load.py"), "growth_turns": args.growth_turns,
        "conversations": args.growth_conversations, "cpus": os.cpu_count(), "python": platform.python_version(),
        "load_average_before": [round(x, 2) for x in load_before],
        "load_average_after": [round(x, 2) for x in os.getloadavg()],
        "texts": "GoEmotions test comments" if (args.data / "goemotions" / "test.tsv").is_file() else "fallback",
        "client": "one keep-alive HTTP/1.1 connection, one append at a time",
    }
    results["step"] = step_growth(short_texts(args.data), args)
    out = args.out if args.out != RESULTS / "service_load.json" else RESULTS / "service_append_growth.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    print(f"{'around turn':<12} {'turns':>10} {'appends':>8} {'cpu ms':>8} {'p50 ms':>8} {'p90 ms':>8} "
          f"{'answer bytes':>13}")
    for k, r in results["turns"].items():
        print(f"{k:<12} {r['turns'][0]:>4}-{r['turns'][1]:<5} {r['appends']:>8} {r['server_cpu_ms']:>8} "
              f"{r['p50_ms']:>8} {r['p90_ms']:>8} {r['answer_bytes']:>13}")
    print(f"turn {args.growth_turns} / turn 10: server CPU per append {results['server_cpu_ratio']}, p50 latency "
          f"{results['p50_ratio']}; statuses {results['statuses']}")
    print("the service's step in this process (tracker, analysis, summary, plan), ms, lower quartile / median:")
    for way, by_turn in results["step"].items():
        cells = "  ".join(f"turn {k}: {by_turn[k]['q25_ms']} / {by_turn[k]['p50_ms']}"
                          for k in by_turn if k != "q25_ratio")
        print(f"  {way:<12} {cells}  (turn {args.growth_turns} / turn 10: {by_turn['q25_ratio']})")
    print(f"wrote {out}")


def library_throughput(texts: list[str], duration: float) -> dict[str, Any]:
    """The library's analyze() on 64-text batches in this process, for ``duration`` seconds after a warm-up."""
    import affectkit

    affectkit.analyze(texts[:64])
    done, started, i = 0, time.perf_counter(), 0
    while time.perf_counter() - started < duration:
        batch = [texts[(i + k) % len(texts)] for k in range(64)]
        affectkit.analyze(batch)
        done += 64
        i += 64
    seconds = time.perf_counter() - started
    return {"texts": done, "seconds": round(seconds, 2), "texts_per_s": round(done / seconds, 1)}


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def wait_ready(port: int, server: subprocess.Popen[bytes], timeout: float = 180) -> None:
    import urllib.request

    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise SystemExit("the server exited before it was ready")
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/readyz", timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:
            pass
        time.sleep(0.3)
    raise SystemExit("the server did not become ready")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--duration", type=float, default=20.0, help="seconds per phase (default 20)")
    parser.add_argument("--concurrency", type=int, default=32, help="connections (default 32)")
    parser.add_argument("--workers", type=int, default=1, help="server worker processes (default 1)")
    parser.add_argument("--data", type=Path, default=Path(__file__).resolve().parents[1].parent / "shared" / "data")
    parser.add_argument("--out", type=Path, default=RESULTS / "service_load.json")
    parser.add_argument("--append-growth", action="store_true",
                        help="measure append latency at turn 10 against turn --growth-turns instead of the load")
    parser.add_argument("--growth-turns", type=int, default=200, help="the later checkpoint (default 200)")
    parser.add_argument("--growth-conversations", type=int, default=3, help="conversations appended (default 3)")
    parser.add_argument("--phases", default="single,batch,utterances",
                        help="comma-separated phases to run: single, batch, utterances, fairness (default the "
                        "first three)")
    args = parser.parse_args()
    args.phases = {name.strip() for name in args.phases.split(",") if name.strip()}
    if not args.phases or args.phases - {"single", "batch", "utterances", "fairness"}:
        parser.error("--phases takes single, batch, utterances and fairness")
    if args.growth_turns < 20:
        parser.error("--growth-turns must be at least 20")

    from affectkit.service.storage import Store

    texts = short_texts(args.data)
    with tempfile.TemporaryDirectory() as folder:
        url = f"sqlite:///{Path(folder) / 'load.db'}"
        _, token = Store(url).create_key("load test")
        port = free_port()
        env = {**os.environ, "AFFECTKIT_DATABASE_URL": url, "AFFECTKIT_RATE_LIMIT_PER_MINUTE": "0",
               "AFFECTKIT_MAX_TURNS": "100000"}
        command = [sys.executable, "-m", "affectkit.cli", "serve", "--port", str(port), "--workers",
                   str(args.workers), "--log-level", "warning"]
        server = subprocess.Popen(command, env=env)
        try:
            wait_ready(port, server)
            load_before = os.getloadavg()
            if args.append_growth:
                results = asyncio.run(append_growth(port, token, args, texts, server.pid))
            else:
                results = asyncio.run(measure(port, token, args, texts, server.pid))
        finally:
            server.terminate()
            server.wait(timeout=60)
    if args.append_growth:
        report_growth(results, args, load_before)
        return
    if "batch_64" in results:
        results["library_batch_64"] = library_throughput(texts, args.duration)
        results["batch_vs_library"] = round(results["batch_64"]["texts_per_s"]
                                            / results["library_batch_64"]["texts_per_s"], 3)
    results["targets"] = TARGETS
    checks = {
        "single_rps": ("single_text", lambda r: r["requests_per_s"] >= TARGETS["single_rps"]),
        "single_p99_ms": ("single_text", lambda r: r["p99_ms"] <= TARGETS["single_p99_ms"]),
        "batch_ratio": ("batch_64", lambda r: results["batch_vs_library"] >= TARGETS["batch_ratio"]),
        "utterance_p99_ms": ("utterances_20_turns", lambda r: r["p99_ms"] <= TARGETS["utterance_p99_ms"]),
    }
    phases = [name for name in ("single_text", "batch_64", "utterances_20_turns") if name in results]
    results["met"] = {target: check(results[name]) for target, (name, check) in checks.items() if name in results}
    results["met"]["no_5xx"] = sum(results[name]["status_5xx"] for name in phases) == 0
    results["setup"] = {
        "command": rerun_command("service_load.py"), "duration_s": args.duration,
        "concurrency": args.concurrency, "workers": args.workers, "cpus": os.cpu_count(),
        "python": platform.python_version(), "load_average_before": [round(x, 2) for x in load_before],
        "load_average_after": [round(x, 2) for x in os.getloadavg()],
        "texts": "GoEmotions test comments" if (args.data / "goemotions" / "test.tsv").is_file() else "fallback",
        "client": "asyncio keep-alive HTTP/1.1 on the same machine",
    }
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")

    print(f"{'phase':<26} {'req/s':>8} {'texts/s':>8} {'p50 ms':>8} {'p99 ms':>8} {'5xx':>5} {'cpu ms/req':>11} "
          f"{'load avg':>11}")
    for name in phases:
        r = results[name]
        print(f"{name:<26} {r['requests_per_s']:>8} {r['texts_per_s']:>8} {r['p50_ms']:>8} {r['p99_ms']:>8} "
              f"{r['status_5xx']:>5} {r['server_cpu_ms_per_request']:>11} "
              f"{r['load_average'][0]:>5}-{r['load_average'][1]:<5}")
    if "batch_64" in results:
        print(f"library analyze, 64-text batches: {results['library_batch_64']['texts_per_s']} texts/s; "
              f"service/library = {results['batch_vs_library']:.2f}")
    if "fairness" in results:
        f = results["fairness"]
        print(f"fairness: one-text requests sent during a request of {f['large_texts']} texts "
              f"({f['large_chars']:,} characters, {f['large_seconds']} s): {f['small_ms']} ms")
    print(f"targets met: {results['met']}")
    print(f"wrote {args.out}")


if __name__ == "__main__":
    main()
