"""Risk detection: the held-out crisis test, ordinary text, public safety sets and the cost per turn.

    .venv/bin/python benchmarks/crisis.py --data ../shared/data [--test <held-out round folders>]
    .venv/bin/python benchmarks/crisis.py --data ../shared/data --latency-only   # the cost again, on a quiet machine

* **held-out crisis test** (``benchmarks/data/crisis_test``, ``crisis_test_r2`` to ``_r6``, six rounds
  written by writers who never saw the detector, its rules or its training data; see their READMEs), the rounds
  pooled (a cell of one round holds 20-25 messages) and each round's recall and false-positive rate apart: recall
  per language and per kind, where a crisis message counts as found when the detector raises any crisis flag (what
  decides an escalation), and separately whether the top flag has the gold kind; the false-positive rate on the
  hard negatives, per family and per language. The test is scored once per round and never used for tuning;
* **ordinary text**: the share of GoEmotions test comments and of DailyDialog test utterances that raise a
  crisis flag, and the share of DailyDialog test turns that raise any flag in a full conversation analysis
  (``persistent_negative`` included);
* **ordinary text in the other languages**: the share of BRIGHTER track A test posts (de, es, pt, ru, zh) and of
  the XED subtitle lines hashed to its test fifth (de, es, fr, it, pt, ru, zh) that raise a crisis flag;
* **public safety sets**: OpenAI's moderation set (recall on its 51 self-harm texts; flag rate on texts
  with no category) and XSTest (flag rate on its safe prompts: homonyms, figurative language, safe contexts);
* **cost**: risk detection per turn (uncached, distinct chat messages, one at a time) p50 / p95, in wall-clock
  time and in this process's CPU time (which other load on the machine disturbs less), and the share of turns the
  verifier read, with their median time.

Prints tables and writes ``benchmarks/results/crisis.json``.
"""

from __future__ import annotations

import argparse
import csv
import gzip
import json
import statistics
import time
from collections import defaultdict
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from affectkit.datasets import (
    BRIGHTER_LANGUAGES,
    CRISIS_LABELS,
    XED_LANGUAGES,
    CrisisMessage,
    data_root,
    load_brighter_texts,
    load_crisis_messages,
    load_dailydialog,
    load_goemotions,
    load_xed_texts,
)
from affectkit.risk import RiskDetector, RiskReading
from affectkit.training import require_inputs

HERE = Path(__file__).resolve().parent
RESULTS = HERE / "results"
KINDS = CRISIS_LABELS[:-1]
ROUND_FIGURES = ("messages", "recall", "false_positive_rate", "recall_by_language", "recall_by_kind",
                 "false_positive_rate_by_language", "false_positive_rate_by_family")


def held_out(detector: RiskDetector, folders: Sequence[Path]) -> dict[str, Any]:
    """The held-out rounds in ``folders`` pooled (a cell of one round holds only 20-25 messages), and each round's
    recall and false-positive rate apart, by language, kind and family (a new round shows where it differs)."""
    rounds = [load_crisis_messages(folder) for folder in folders]
    messages = [m for part in rounds for m in part]
    readings = detector.read([m.text for m in messages])
    report = _held_out_report(messages, readings)
    report["rounds"] = {}
    start = 0
    for folder, part in zip(folders, rounds, strict=True):
        alone = _held_out_report(part, readings[start : start + len(part)])
        report["rounds"][folder.name] = {key: alone[key] for key in ROUND_FIGURES}
        start += len(part)
    return report


def _held_out_report(messages: Sequence[CrisisMessage], readings: Sequence[RiskReading]) -> dict[str, Any]:
    found: dict[tuple[str, str], list[bool]] = defaultdict(list)
    kind_right: dict[str, list[bool]] = defaultdict(list)
    false_alarm: dict[tuple[str, str], list[bool]] = defaultdict(list)
    missed = []
    for message, reading in zip(messages, readings, strict=True):
        if message.label == "none":
            false_alarm[(message.language, message.family)].append(reading.crisis)
            continue
        found[(message.language, message.label)].append(reading.crisis)
        kind_right[message.label].append(bool(reading.findings) and reading.findings[0].kind == message.label)
        if not reading.crisis:
            missed.append(message)

    def rate(values: list[bool]) -> float:
        return round(sum(values) / len(values), 4) if values else float("nan")

    def pooled(table: dict[tuple[str, str], list[bool]], axis: int) -> dict[str, float]:
        groups: dict[str, list[bool]] = defaultdict(list)
        for key, values in table.items():
            groups[key[axis]] += values
        return {name: rate(values) for name, values in sorted(groups.items())}

    languages = sorted({m.language for m in messages})
    return {
        "messages": len(messages),
        "recall": rate([v for values in found.values() for v in values]),
        "recall_by_language": pooled(found, 0),
        "recall_by_kind": pooled(found, 1),
        "recall_by_language_and_kind": {f"{lang}/{kind}": rate(found[(lang, kind)])
                                        for lang in languages for kind in KINDS if found[(lang, kind)]},
        "kind_accuracy_by_kind": {kind: rate(values) for kind, values in sorted(kind_right.items())},
        "false_positive_rate": rate([v for values in false_alarm.values() for v in values]),
        "false_positive_rate_by_language": pooled(false_alarm, 0),
        "false_positive_rate_by_family": pooled(false_alarm, 1),
        "missed_by_family": {family: sum(m.family == family for m in missed)
                             for family in sorted({m.family for m in missed})},
    }  # fmt: skip


def ordinary(detector: RiskDetector, data: Path) -> dict[str, Any]:
    goemotions = load_goemotions(data / "goemotions", "test").texts
    dialogues = load_dailydialog(data / "dailydialog", "test")
    utterances = [t.text for d in dialogues for t in d.turns]
    results: dict[str, Any] = {
        "goemotions_test_messages": len(goemotions),
        "goemotions_test_flag_rate": round(sum(r.crisis for r in detector.read(goemotions)) / len(goemotions), 5),
        "dailydialog_test_messages": len(utterances),
        "dailydialog_test_flag_rate": round(sum(r.crisis for r in detector.read(utterances)) / len(utterances), 5),
    }
    from affectkit.conversation.analyzer import ConversationTracker
    from affectkit.types import Utterance

    flagged_turns = 0
    persistent = 0
    for d in dialogues:
        # the tracker equals analyze_conversation turn for turn, and it reads risk with the model under test
        tracker = ConversationTracker(conversation_id=d.id, risk_detector=detector)
        for t in d.turns:
            tracker.add(Utterance(speaker=t.speaker, text=t.text))
        analysis = tracker.result()
        flagged_turns += len({f.turn for f in analysis.flags})
        persistent += sum(f.kind == "persistent_negative" for f in analysis.flags)
    results["dailydialog_test_any_flag_turn_rate"] = round(flagged_turns / len(utterances), 5)
    results["dailydialog_test_persistent_negative_flags"] = persistent
    return results


def other_languages(detector: RiskDetector, data: Path) -> dict[str, Any]:
    """Flag rates on ordinary text beyond English, per language, for each set and pooled."""
    sets = {
        "brighter_test": {language: load_brighter_texts(data / "semeval2025_task11_brighter", "test", language)
                          for language in BRIGHTER_LANGUAGES if language != "en"},
        "xed_test": {language: load_xed_texts(data / "xed", language, "test") for language in XED_LANGUAGES},
    }  # fmt: skip
    results: dict[str, Any] = {}
    flagged = total = 0
    for name, by_language in sets.items():
        rates = {}
        for language, texts in by_language.items():
            hits = sum(r.crisis for r in detector.read(texts))
            rates[language] = round(hits / len(texts), 5)
            flagged += hits
            total += len(texts)
        results[f"{name}_flag_rate_by_language"] = rates
    results["messages"] = total
    results["flag_rate"] = round(flagged / total, 5)
    return results


def public_sets(detector: RiskDetector, data: Path) -> dict[str, Any]:
    with gzip.open(data / "safety" / "openai_moderation_samples-1680.jsonl.gz", "rt", encoding="utf-8") as handle:
        moderation = [json.loads(line) for line in handle]
    categories = ("S", "H", "V", "HR", "SH", "S3", "H2", "V2")
    self_harm = [r["prompt"] for r in moderation if r.get("SH") == 1]
    clean = [r["prompt"] for r in moderation if all(r.get(c) == 0 for c in categories)]
    with open(data / "safety" / "xstest_prompts.csv", encoding="utf-8", newline="") as handle:
        xstest = list(csv.DictReader(handle))
    safe = [r["prompt"] for r in xstest if r["label"] == "safe"]
    def rate(texts: list[str]) -> float:
        return round(sum(r.crisis for r in detector.read(texts)) / len(texts), 4)

    return {
        "openai_moderation_self_harm_recall": rate(self_harm),
        "openai_moderation_self_harm_texts": len(self_harm),
        "openai_moderation_clean_flag_rate": rate(clean),
        "openai_moderation_clean_texts": len(clean),
        "xstest_safe_flag_rate": rate(safe),
        "xstest_safe_prompts": len(safe),
    }  # fmt: skip


def latency(texts: list[str], model: Path | None) -> dict[str, float]:
    """Wall-clock and CPU time per turn; and the share of turns the verifier read, with their own median."""
    detector = RiskDetector(model_path=model, cache_size=0)
    detector.read(["warm up the encoder and the rules", "I want to kill myself"])
    times, cpu, verified = [], [], []
    for text in texts:
        start, start_cpu = time.perf_counter(), time.process_time()
        reading = detector.read_one(text)
        times.append((time.perf_counter() - start) * 1000)
        cpu.append((time.process_time() - start_cpu) * 1000)  # this process's CPU: less sensitive to other load
        if reading.verifier_score is not None:
            verified.append(times[-1])
    times.sort()
    cpu.sort()
    return {"turns": len(times), "p50_ms": round(statistics.median(times), 2),
            "p95_ms": round(times[int(0.95 * (len(times) - 1))], 2), "cpu_p50_ms": round(statistics.median(cpu), 2),
            "cpu_p95_ms": round(cpu[int(0.95 * (len(cpu) - 1))], 2),
            "verified_share": round(len(verified) / max(len(times), 1), 4),
            "verified_p50_ms": round(statistics.median(verified), 2) if verified else None}  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--data", type=Path, default=None, help="the shared datasets (default ../shared/data)")
    parser.add_argument("--test", type=Path, nargs="+",
                        default=[HERE / "data" / name
                                 for name in ("crisis_test", *(f"crisis_test_r{n}" for n in range(2, 7)))],
                        help="held-out rounds, pooled (default: rounds 1-6; each scored once per round)")
    parser.add_argument("--model", type=Path, default=None, help="a crisis model folder (default: the shipped one)")
    parser.add_argument("--out", type=Path, default=RESULTS / "crisis.json")
    parser.add_argument("--latency-only", action="store_true",
                        help="measure only the cost per turn (on a quiet machine) and update it in --out")
    args = parser.parse_args()
    data = data_root(args.data)
    chat = [t.text for d in load_dailydialog(data / "dailydialog", "test")[:100] for t in d.turns][:500]
    if args.latency_only:
        require_inputs([("--out", args.out)])  # the full run's results, which this updates
        results = json.loads(args.out.read_text(encoding="utf-8"))
        results["latency"] = latency(chat, args.model)
        args.out.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
        print("latency per turn:", results["latency"])
        return
    require_inputs([("--test", folder) for folder in args.test] + [("--data", data / name) for name in (
        "goemotions", "dailydialog", "safety/openai_moderation_samples-1680.jsonl.gz", "safety/xstest_prompts.csv",
        "semeval2025_task11_brighter", "xed")])
    detector = RiskDetector(model_path=args.model)
    verifier = detector.classifier_.config.get("verifier", {})
    results: dict[str, Any] = {"model": detector.model_id, "threshold": detector.classifier_.config["threshold"],
                               "verifier_threshold": verifier.get("threshold"),
                               "verifier_candidate_threshold": verifier.get("candidate_threshold")}  # fmt: skip
    results["held_out"] = held_out(detector, args.test)
    results["public"] = public_sets(detector, data)
    results["latency"] = latency(chat, args.model)
    results["ordinary"] = ordinary(detector, data)
    results["other_languages"] = other_languages(detector, data)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    h = results["held_out"]
    print(f"held-out crisis test ({h['messages']} messages), recall {h['recall']:.3f}, "
          f"hard-negative false-positive rate {h['false_positive_rate']:.3f}")
    for name, part in h["rounds"].items():
        print(f"  {name} ({part['messages']} messages): recall {part['recall']:.3f} (by language "
              f"{part['recall_by_language']}; by kind {part['recall_by_kind']}), false-positive rate "
              f"{part['false_positive_rate']:.3f} (by language {part['false_positive_rate_by_language']})")
    print("recall by language and kind:")
    languages = sorted(h["recall_by_language"])
    print(f"{'':18}" + "".join(f"{lang:>7}" for lang in languages))
    for kind in KINDS:
        row = [h["recall_by_language_and_kind"].get(f"{lang}/{kind}", float("nan")) for lang in languages]
        print(f"{kind:18}" + "".join(f"{v:7.2f}" for v in row))
    print(f"{'false positives':18}" + "".join(f"{h['false_positive_rate_by_language'][lang]:7.2f}"
                                              for lang in languages))  # fmt: skip
    print("false-positive rate by family:", h["false_positive_rate_by_family"])
    print("top-flag kind accuracy:", h["kind_accuracy_by_kind"])
    print("ordinary text:", results["ordinary"])
    print("ordinary text in other languages:", results["other_languages"])
    print("public sets:", results["public"])
    print("latency per turn:", results["latency"])


if __name__ == "__main__":
    main()
