"""Wall time of a full ``affectkit/eq_intensity`` run (171 items, the size of EQ-Bench v2) against a local server.

    .venv/bin/python benchmarks/eq_intensity_speed.py [--items 171] [--latency 0.05] [--max-connections 32]

Writes a synthetic EQ-Bench-v2-format question file (our own dialogues from templates, not benchmark items) to a
temporary folder, starts the OpenAI-compatible test server of ``tests/openai_server.py`` (loaded by path), which
answers every request after ``--latency`` seconds (50 ms by default) with a parseable "First pass / Critique /
Revised scores" answer, then runs the whole task through inspect_ai's ``openai-api/local/test-model`` provider with
``max_connections`` concurrent requests. Measures the wall time of ``inspect_ai.eval`` (task loading, all requests,
scoring and writing the log); the target is 60 s. Prints a table and writes
``benchmarks/results/eq_intensity_speed.json``. Needs the ``eval`` extra (inspect-ai, openai).
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import os
import platform
import random
import sys
import tempfile
import time
from pathlib import Path
from types import ModuleType
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
RESULTS = Path(__file__).resolve().parent / "results"
TARGET_SECONDS = 60.0

NAMES = ["Ada", "Bram", "Chloe", "Dev", "Esme", "Farid", "Gwen", "Hugo", "Iris", "Jonah", "Kemi", "Luis"]
EMOTIONS = [
    "Angry", "Anxious", "Ashamed", "Amused", "Bitter", "Calm", "Confused", "Content", "Curious", "Defensive",
    "Disappointed", "Embarrassed", "Envious", "Excited", "Frustrated", "Grateful", "Guilty", "Hopeful", "Hurt",
    "Irritated", "Jealous", "Lonely", "Nervous", "Proud", "Regretful", "Relieved", "Resentful", "Sad", "Surprised",
    "Touched",
]  # fmt: skip
SITUATIONS = [
    ("I finished the report you forgot about.", "You did? I had no idea it was due today."),
    ("Your sister called. She isn't coming to the wedding.", "She told you and not me?"),
    ("I got the flat, the one with the garden.", "Oh. I applied for that one too."),
    ("We sold the old car this morning.", "Without asking me? I learned to drive in that car."),
    ("The coach picked you for the final.", "Me? After I missed the last two practices?"),
    ("I read the letter you left on the table.", "That wasn't meant for you yet."),
    ("Dad says he's fine, but he skipped the check-up again.", "I'll drive him there myself on Monday."),
    ("They loved your design. It's going on the cover.", "I nearly didn't send it in."),
]


def synthetic_items(count: int, seed: int = 0) -> dict[str, dict[str, Any]]:
    """``count`` EQ-Bench v2 items from templates: a four-line dialogue, four emotions, reference scores."""
    rng = random.Random(seed)
    items: dict[str, dict[str, Any]] = {}
    for index in range(1, count + 1):
        first, second = rng.sample(NAMES, 2)
        opener, answer = rng.choice(SITUATIONS)
        emotions = rng.sample(EMOTIONS, 4)
        dialogue = f"{first}: {opener}\n{second}: {answer}\n{first}: I thought you should know.\n{second}: Right."
        lines = "\n".join(emotions)
        template = "\n".join(f"{emotion}: <score>" for emotion in emotions)
        prompt = (
            f"Your task is to predict the likely emotional responses of a character in this dialogue:\n\n{dialogue}"
            f"\n\n[End dialogue]\n\nAt the end of this dialogue, {second} would feel...\n{lines}\n\n"
            "Give each of these possible emotions a score from 0-10 for the relative intensity that they are likely "
            "to be feeling each.\n\nYou must output in the following format, including headings, with no additional "
            f"commentary:\n\nFirst pass scores:\n{template}\n\nCritique: <your critique here>\n\n"
            f"Revised scores:\n{template}\n\n[End of answer]"
        )
        reference: dict[str, Any] = {}
        for position, emotion in enumerate(emotions, start=1):
            reference[f"emotion{position}"] = emotion
            reference[f"emotion{position}_score"] = rng.randint(0, 10)
        items[str(index)] = {"prompt": prompt, "reference_answer_fullscale": reference}
    return items


def load_test_server() -> ModuleType:
    """``tests/openai_server.py``, imported by path (it is a test helper, not part of the package)."""
    spec = importlib.util.spec_from_file_location("openai_server", ROOT / "tests" / "openai_server.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["openai_server"] = module
    spec.loader.exec_module(module)
    return module


def make_reply(items: dict[str, dict[str, Any]], server_module: ModuleType) -> Any:
    """A reply function: the reference scores, each moved by one point (so the expected item score is known)."""
    by_prompt = {item["prompt"]: item["reference_answer_fullscale"] for item in items.values()}

    def reply(messages: list[dict[str, Any]]) -> str:
        reference = by_prompt[server_module.message_text(messages[-1])]
        names = [reference[f"emotion{i}"] for i in range(1, 5)]
        scores = [reference[f"emotion{i}_score"] for i in range(1, 5)]
        moved = [score + 1 if score < 10 else score - 1 for score in scores]
        first = "\n".join(f"{name}: 5" for name in names)
        revised = "\n".join(f"{name}: {score}" for name, score in zip(names, moved, strict=True))
        return f"First pass scores:\n{first}\n\nCritique: adjusted to the dialogue.\n\nRevised scores:\n{revised}\n"

    return reply


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--items", type=int, default=171)
    parser.add_argument("--latency", type=float, default=0.05, help="server answer delay in seconds (<= 0.05)")
    parser.add_argument("--max-connections", type=int, default=32)
    args = parser.parse_args()

    from inspect_ai import __version__ as inspect_version
    from inspect_ai import eval as inspect_eval

    from affectkit.evals.eq_bench import eq_bench_summary, eq_intensity, scaled_difference

    server_module = load_test_server()
    with tempfile.TemporaryDirectory() as folder:
        data = Path(folder) / "eq_bench_synthetic.json"
        items = synthetic_items(args.items)
        data.write_text(json.dumps(items), encoding="utf-8")
        with server_module.OpenAIServer() as server:
            server.delay = args.latency
            server.reply = make_reply(items, server_module)
            os.environ.update(server.env("LOCAL"))
            started = time.perf_counter()
            log = inspect_eval(
                eq_intensity(data=str(data)),
                model="openai-api/local/test-model",
                max_connections=args.max_connections,
                display="none",
                log_dir=str(Path(folder) / "logs"),
            )[0]
            wall = time.perf_counter() - started
            requests = len(server.chat_requests)
    if log.status != "success":
        raise SystemExit(f"the eval failed: {log.error}")
    summary = eq_bench_summary(log)
    expected = 10 * (10 - 0.7477 * 4 * scaled_difference(1))  # every emotion one point off
    results = {
        "task": "affectkit/eq_intensity",
        "items": args.items,
        "server_latency_seconds": args.latency,
        "max_connections": args.max_connections,
        "requests": requests,
        "wall_seconds": round(wall, 2),
        "items_per_second": round(args.items / wall, 1),
        "target_seconds": TARGET_SECONDS,
        "within_target": wall <= TARGET_SECONDS,
        "eq_bench_score": round(summary.score, 4),
        "expected_eq_bench_score": round(expected, 4),
        "parse_rate": summary.parse_rate,
        "valid": summary.valid,
        "inspect_ai": inspect_version,
        "machine": {"cpus": os.cpu_count(), "python": platform.python_version(), "processor": platform.machine()},
    }
    width = max(len(key) for key in results)
    for key, value in results.items():
        print(f"{key:<{width}}  {value}")
    RESULTS.mkdir(exist_ok=True)
    (RESULTS / "eq_intensity_speed.json").write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    if abs(summary.score - expected) > 1e-6 or requests != args.items:
        raise SystemExit("unexpected result: the scores or the request count do not match the scripted answers")


if __name__ == "__main__":
    main()
