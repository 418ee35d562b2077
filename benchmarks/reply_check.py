"""Reply check on the held-out labelled set: precision, recall and F1 per pattern, per language, macro-F1.

    .venv/bin/python benchmarks/reply_check.py [--data benchmarks/data/reply_check/labelled.jsonl]

The labelled replies (English, Spanish, German) were written and labelled apart from the rules, by someone
who did not see them (see ``benchmarks/data/reply_check/README.md``). A pattern counts once per reply,
whatever its number of matches. Also times the check of long replies (``long_reply_seconds``): 20,000
characters, the longest reply the service takes, and 40,000, with a match in every sentence or in one clause
without punctuation, which should cost time in proportion to their length. Prints tables and writes
``benchmarks/results/reply_check.json`` (for another ``--data`` file, such as the development set
``benchmarks/data/reply_check_dev/dev.jsonl``: ``reply_check_<stem>.json``).
"""

from __future__ import annotations

import argparse
import json
import time
from pathlib import Path
from typing import Any

import numpy as np

from affectkit.metrics import f1_per_label
from affectkit.planning.reply_check import HARMFUL, PATTERNS, check_reply

HERE = Path(__file__).resolve().parent
RESULTS = HERE / "results"


def scores(gold: list[set[str]], predicted: list[set[str]]) -> dict[str, Any]:
    g = np.array([[name in row for name in PATTERNS] for row in gold], dtype=bool)
    p = np.array([[name in row for name in PATTERNS] for row in predicted], dtype=bool)
    tp, support = (g & p).sum(0), g.sum(0)
    precision = np.divide(tp, p.sum(0), out=np.zeros(len(PATTERNS)), where=p.sum(0) > 0)
    recall = np.divide(tp, support, out=np.zeros(len(PATTERNS)), where=support > 0)
    f1 = f1_per_label(g, p)
    per_pattern = {name: {"precision": float(precision[j]), "recall": float(recall[j]), "f1": float(f1[j]),
                          "support": int(support[j])} for j, name in enumerate(PATTERNS)}
    harmful = np.array([name in HARMFUL for name in PATTERNS])
    return {
        "replies": len(gold),
        "macro_f1": float(f1[support > 0].mean()),
        "exact_match": float((g == p).all(1).mean()),
        "risky_accuracy": float(((g & harmful).any(1) == (p & harmful).any(1)).mean()),
        "patterns": per_pattern,
    }


def long_reply_seconds() -> dict[str, float]:
    context = [{"speaker": "user", "text": "I'm furious with my landlord."}]
    check_reply(context, "Calm down.")  # rules compiled before timing
    timings = {}
    for name, unit in (("sentences", "Calm down. "), ("one_clause", "calm down ")):
        for chars in (20_000, 40_000):
            reply = unit * (chars // len(unit))
            started = time.perf_counter()
            check_reply(context, reply)
            timings[f"{name}_{chars}"] = round(time.perf_counter() - started, 2)
    return timings


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--data", type=Path, default=HERE / "data" / "reply_check" / "labelled.jsonl")
    args = parser.parse_args()
    rows = [json.loads(line) for line in args.data.read_text(encoding="utf-8").splitlines() if line.strip()]
    gold, predicted, languages = [], [], []
    for row in rows:
        check = check_reply({"utterances": row["context"]}, row["reply"])
        gold.append(set(row["patterns"]))
        predicted.append({m.name for m in check.patterns})
        languages.append(row["language"])
    results: dict[str, Any] = {"all": scores(gold, predicted)}
    for language in sorted(set(languages)):
        keep = [i for i, x in enumerate(languages) if x == language]
        results[language] = scores([gold[i] for i in keep], [predicted[i] for i in keep])
    results["long_reply_seconds"] = long_reply_seconds()
    RESULTS.mkdir(exist_ok=True)
    name = "reply_check.json" if args.data.stem == "labelled" else f"reply_check_{args.data.stem}.json"
    (RESULTS / name).write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")

    groups = ["all", *sorted(set(languages))]
    print(f"reply check on {len(rows)} held-out labelled replies (F1 per pattern)\n")
    print(f"| {'pattern':<24} | " + " | ".join(f"{g:>5}" for g in groups) + " | support |")
    print(f"|{'-' * 26}|" + "|".join("-" * 6 + ":" for _ in groups) + "|--------:|")
    for name in PATTERNS:
        cells = " | ".join(f"{results[g]['patterns'][name]['f1']:>5.2f}" for g in groups)
        print(f"| {name:<24} | {cells} | {results['all']['patterns'][name]['support']:>7} |")
    for key in ("macro_f1", "exact_match", "risky_accuracy"):
        print(f"| **{key}**{' ' * (20 - len(key))} | " + " | ".join(f"{results[g][key]:>5.2f}" for g in groups)
              + " |         |")
    print(f"\nseconds to check a long reply: {results['long_reply_seconds']}")


if __name__ == "__main__":
    main()
