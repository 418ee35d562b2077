"""Response planning: ESConv strategy prediction (with and without debiasing) and the speed of ``plan()``.

    .venv/bin/python benchmarks/planning.py [--data ../shared/data]

* ESConv test (official split), every supporter turn with a strategy: the shipped strategy model predicts
  it from the conversation before it, exactly as :func:`affectkit.plan` does at run time (the supporter's
  earlier strategies come from the tagger, never from the gold labels). Accuracy, macro-F1, each strategy's
  Bradley–Terry preference and the bias B (:mod:`affectkit.metrics.strategy`), for the model, the model
  with ``debias=True`` and the majority-class baseline (the most frequent strategy of ESConv train).
  Each figure carries its 95% bootstrap interval over the supporter turns (``*_ci95``).
* ``plan()`` p50/p95 on 20-turn ESConv test conversations, each conversation new to the process caches (cold:
  every turn is read), and live: a chat application that keeps a :class:`~affectkit.conversation.ConversationTracker`
  and a :class:`~affectkit.planning.planner.LivePlanning` per conversation pays, for a user message at turn 20 or
  later, the tracker's reading of that message and ``plan(..., analysis=..., live=...)``.

Prints tables and writes ``benchmarks/results/planning.json``.
"""

from __future__ import annotations

import argparse
import collections
import json
import time
from pathlib import Path
from typing import Any

import numpy as np

from affectkit.datasets import load_esconv
from affectkit.metrics.bootstrap import bootstrap_interval
from affectkit.metrics.strategy import format_report, strategy_report
from affectkit.planning.labels import STRATEGIES
from affectkit.planning.strategy import StrategyModel

RESULTS = Path(__file__).resolve().parent / "results"


def strategy_accuracy(data: Path) -> dict[str, Any]:
    from affectkit.recognizers.utterance import UtteranceEncoder
    from affectkit.types import Utterance

    model = StrategyModel(encoder=UtteranceEncoder())
    test = load_esconv(data / "esconv", "test")
    train = load_esconv(data / "esconv", "train")
    majority = collections.Counter(t.strategy for d in train for t in d.turns if t.strategy).most_common(1)[0][0]
    gold: list[str] = []
    predicted: dict[str, list[str]] = {"model": [], "debiased": [], "majority": []}
    for d in test:
        utterances = [Utterance(speaker=t.speaker, text=t.text) for t in d.turns]
        vectors = model.encoder_.matrix(utterances)
        agent = [t.speaker == "sys" for t in d.turns]
        texts = [t.text for t in d.turns]
        for i, turn in enumerate(d.turns):
            if turn.strategy not in STRATEGIES:
                continue
            gold.append(turn.strategy)
            for name, debias in (("model", False), ("debiased", True)):
                p = model.next_probabilities(vectors[:i], agent[:i], texts[:i], debias=debias)
                predicted[name].append(STRATEGIES[int(p.argmax())])
            predicted["majority"].append(majority)
    return {name: {**strategy_report(gold, values).model_dump(), **intervals(gold, values)}
            for name, values in predicted.items()}


def intervals(gold: list[str], predicted: list[str]) -> dict[str, list[float]]:
    """95% bootstrap intervals over the supporter turns of accuracy, macro-F1 and the bias B."""
    out = {}
    for field in ("accuracy", "macro_f1", "bias"):
        low, high = bootstrap_interval(lambda g, p, f=field: getattr(strategy_report(list(g), list(p)), f),
                                       np.array(gold), np.array(predicted))
        out[f"{field}_ci95"] = [round(low, 4), round(high, 4)]
    return out


def plan_latency(data: Path, turns: int = 20, conversations: int = 30) -> dict[str, Any]:
    from affectkit.planning.planner import plan

    dialogues = [d for d in load_esconv(data / "esconv", "test") if len(d.turns) >= turns][:conversations + 1]
    convert = [{"id": d.id, "utterances": [{"speaker": "assistant" if t.speaker == "sys" else "user",
                                            "text": t.text} for t in d.turns[:turns]]} for d in dialogues]
    plan(convert[0])  # loads every model once
    timings, cpu = [], []
    for conversation in convert[1:]:
        started, started_cpu = time.perf_counter(), time.process_time()
        plan(conversation)
        timings.append((time.perf_counter() - started) * 1000)
        cpu.append((time.process_time() - started_cpu) * 1000)  # every thread of this process: less sensitive to load
    timings.sort()
    cpu.sort()
    return {"turns": turns, "conversations": len(timings), "p50_ms": round(timings[len(timings) // 2], 1),
            "p95_ms": round(timings[int(len(timings) * 0.95)], 1), "cpu_p50_ms": round(cpu[len(cpu) // 2], 1)}


def live_plan_latency(data: Path, turns: int = 20, conversations: int = 30) -> dict[str, Any]:
    """Per new user message at turn ``turns`` or later: the tracker's reading of it and the plan, the earlier turns
    having been given to the tracker and the live planning state as they came."""
    from affectkit.conversation.analyzer import ConversationTracker
    from affectkit.planning.planner import LivePlanning, plan
    from affectkit.types import Utterance

    timings = []
    for dialogue in reversed(load_esconv(data / "esconv", "test")):  # not the conversations the cold figure read
        utterances = [Utterance(speaker="assistant" if t.speaker == "sys" else "user", text=t.text)
                      for t in dialogue.turns]  # fmt: skip
        last = next((i for i in range(turns - 1, len(utterances)) if utterances[i].speaker == "user"), None)
        if last is None:
            continue
        tracker, live = ConversationTracker(agent="assistant"), LivePlanning(agent="assistant")
        for utterance in utterances[:last]:
            tracker.add(utterance)
            live.add(utterance)
        started = time.perf_counter()
        tracker.add(utterances[last])
        live.add(utterances[last])
        plan(utterances[: last + 1], analysis=tracker.result(), live=live)
        timings.append((time.perf_counter() - started) * 1000)
        if len(timings) > conversations:
            break
    timings = sorted(timings[1:])  # the first loads every model
    return {"turn": turns, "conversations": len(timings), "p50_ms": round(timings[len(timings) // 2], 1),
            "p95_ms": round(timings[int(len(timings) * 0.95)], 1)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--data", type=Path, default=Path("../shared/data"))
    parser.add_argument("--latency-only", action="store_true",
                        help="only time plan() (prints it, writes nothing): for a rerun on a quiet machine")
    args = parser.parse_args()
    if args.latency_only:
        print(json.dumps({"cold": plan_latency(args.data), "live": live_plan_latency(args.data)}))
        return
    reports = strategy_accuracy(args.data)
    latency, live = plan_latency(args.data), live_plan_latency(args.data)
    results = {"esconv_test": reports, "plan_latency": latency, "live_plan_latency": live,
               "model": StrategyModel().model_id}
    RESULTS.mkdir(exist_ok=True)
    (RESULTS / "planning.json").write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")

    from affectkit.metrics.strategy import StrategyReport

    print(f"ESConv test, {reports['model']['n']} supporter turns, model {results['model']}\n")
    print("| predictor | accuracy [95% interval] | macro-F1 [95% interval] | bias B [95% interval] |")
    print("|---|---:|---:|---:|")
    for name in ("majority", "model", "debiased"):
        r = reports[name]
        cells = [f"{r[k]:.3f} [{r[k + '_ci95'][0]:.3f}, {r[k + '_ci95'][1]:.3f}]"
                 for k in ("accuracy", "macro_f1", "bias")]
        print(f"| {name} | " + " | ".join(cells) + " |")
    b0, b1 = reports["model"]["bias"], reports["debiased"]["bias"]
    print(f"\ndebiasing lowers B by {100 * (b0 - b1) / b0:.0f}% and changes macro-F1 by "
          f"{reports['debiased']['macro_f1'] - reports['model']['macro_f1']:+.3f}\n")
    for name in ("model", "debiased"):
        fields = {key: value for key, value in reports[name].items() if not key.endswith("_ci95")}
        print(f"-- {name}\n{format_report(StrategyReport(**fields))}\n")
    print(f"plan() on {latency['turns']}-turn conversations: p50 {latency['p50_ms']} ms, "
          f"p95 {latency['p95_ms']} ms, CPU p50 {latency['cpu_p50_ms']} ms ({latency['conversations']} conversations)")
    print(f"live, a user message at turn {live['turn']} or later (tracker + plan): p50 {live['p50_ms']} ms, "
          f"p95 {live['p95_ms']} ms ({live['conversations']} conversations)")


if __name__ == "__main__":
    main()
