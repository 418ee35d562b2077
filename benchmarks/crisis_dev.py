"""Risk detection on the messages used to build it: dev, or an unseen round of writers, and ordinary text.

    .venv/bin/python benchmarks/crisis_dev.py --messages data/crisis/dev.jsonl [--by-round]
    .venv/bin/python benchmarks/crisis_dev.py --model build/proxy-r1 --messages data/crisis/written/*_r2.jsonl

For a crisis model folder (default: the shipped one) and labelled crisis messages, read by the full detector
(rules included), one text at a time:

* at the model's own threshold: recall (overall, per language, per kind) and the false-positive rate on the hard
  negatives, overall and per family;
* at the threshold that keeps recall at 0.95 on these messages (chosen on them, so an optimistic figure that
  compares how well two models rank; one threshold on each message's final crisis score, the combined one where
  the verifier read it): the same false-positive rates, and the ROC AUC of the crisis score;
* the flag rate at the model's threshold on GoEmotions dev comments and DailyDialog test utterances (neither set
  chooses anything; version 5 trained on DailyDialog's validation split, version 6 on none of it);
* with ``--by-round``, the recall, false-positive rate and ROC AUC of each round of writers apart (the round of a
  message is that of its file in ``--written``: ``<language>.jsonl`` and ``<language>_pairs.jsonl`` are round 1,
  ``<language>_r<N>.jsonl`` round N; 0 for a message in none), so that a new round's dev part, which its brief may
  flatter, is read apart from the earlier ones.

This never reads the held-out crisis test (``benchmarks/crisis.py`` does). Prints JSON and writes it to ``--out``.
"""

from __future__ import annotations

import argparse
import json
import re
from collections import defaultdict
from pathlib import Path
from typing import Any

import numpy as np

from affectkit.datasets import data_root, load_crisis_messages, load_dailydialog, load_goemotions
from affectkit.risk import RiskDetector
from affectkit.risk.detector import decide_flags

TARGET_RECALL = 0.95


def _rates(flags: np.ndarray, groups: list[str]) -> dict[str, float]:
    by: dict[str, list[bool]] = defaultdict(list)
    for flag, group in zip(flags, groups, strict=True):
        by[group].append(bool(flag))
    return {name: round(float(np.mean(values)), 4) for name, values in sorted(by.items())}


def _auc(scores: np.ndarray, positive: np.ndarray) -> float:
    """The chance that a random crisis message scores above a random negative (ties count half)."""
    order = np.argsort(scores, kind="mergesort")
    ranks = np.empty(len(scores))
    sorted_scores = scores[order]
    i = 0
    while i < len(scores):  # average ranks over ties
        j = i
        while j + 1 < len(scores) and sorted_scores[j + 1] == sorted_scores[i]:
            j += 1
        ranks[order[i : j + 1]] = (i + j) / 2 + 1
        i = j + 1
    n_pos, n_neg = int(positive.sum()), int((~positive).sum())
    return float((ranks[positive].sum() - n_pos * (n_pos + 1) / 2) / (n_pos * n_neg))


def rounds_of(written: Path) -> dict[str, int]:
    """The round of each written message, from its file's name (see the module docstring)."""
    rounds: dict[str, int] = {}
    for path in sorted(written.glob("*.jsonl")):
        match = re.fullmatch(r"[a-z]+_r(\d+)", path.stem)
        for message in load_crisis_messages(path):
            rounds.setdefault(message.text, int(match.group(1)) if match else 1)
    return rounds


def evaluate(detector: RiskDetector, paths: list[Path], data: Path | None,
             rounds: dict[str, int] | None = None) -> dict[str, Any]:
    """The figures of the module docstring; without ``data``, no ordinary text is read; with ``rounds`` (text ->
    round), each round's figures too."""
    messages = [m for path in paths for m in load_crisis_messages(path)]
    config = dict(detector.classifier_.config)
    threshold = config["threshold"]
    readings = [detector.read_one(m.text) for m in messages]
    crisis = np.array([m.label != "none" for m in messages])
    ruled = np.array([any(f.source != "classifier" for f in r.findings) for r in readings])
    scores = np.array([r.crisis_score for r in readings])
    # a reading holds `denied` only where the model's threshold made it matter; re-asked below that threshold
    denied = np.array([r.denied or (detector._mentions_crisis(r.text, r.language) and not detector.rule_hits(r.text))
                       for r in readings])  # fmt: skip

    # a message the verifier read decides on the combined score at the verifier's threshold (and stands when the first
    # reader's own score reaches trusted_first_score)
    verifier = detector.verifier_
    verified = np.array([r.verifier_score is not None for r in readings])
    trusted = np.zeros(len(readings), dtype=bool)
    own_thresholds = np.full(len(readings), threshold)
    if verifier is not None:
        own_thresholds[verified] = verifier.threshold
        first = np.array([r.first_score if r.first_score is not None else r.crisis_score for r in readings])
        trusted = verified & (first >= verifier.trusted_first_score) & ~denied

    def flagged(at: float | np.ndarray) -> np.ndarray:
        at = np.broadcast_to(np.asarray(at, dtype=float), scores.shape)
        return decide_flags(scores, denied, at, config["high_threshold"], ruled | trusted)

    own = np.array([r.crisis for r in readings])
    assert (flagged(own_thresholds) == own).all(), "the re-decided flags differ from the detector's"
    def at_target_recall(part: np.ndarray) -> float:
        """The highest threshold that keeps recall at TARGET_RECALL on the messages of ``part``."""
        best = 0.0
        for at in np.round(np.arange(0.005, 1.0, 0.005), 3):
            if flagged(float(at))[part & crisis].mean() >= TARGET_RECALL:
                best = float(at)
        return best

    best = at_target_recall(np.ones(len(messages), dtype=bool))
    at_recall = flagged(best)
    by_round = {}
    if rounds is not None:
        round_numbers = np.array([rounds.get(m.text, 0) for m in messages])
        for number in sorted(set(round_numbers.tolist())):
            part = round_numbers == number
            if not (part & crisis).any() or not (part & ~crisis).any():
                continue
            by_round[str(number)] = {
                "messages": int(part.sum()), "recall": round(float(own[part & crisis].mean()), 4),
                "false_positive_rate": round(float(own[part & ~crisis].mean()), 4),
                "auc": round(_auc(scores[part], crisis[part]), 4),
                "false_positive_rate_at_recall_095": round(float(flagged(at_target_recall(part))[part & ~crisis]
                                                                 .mean()), 4),
            }  # fmt: skip
    negatives = [m for m in messages if m.label == "none"]
    positives = [m for m in messages if m.label != "none"]
    ordinary = {} if data is None else {
        "goemotions_dev": load_goemotions(data / "goemotions", "dev").texts,
        "dailydialog_test": [t.text for d in load_dailydialog(data / "dailydialog", "test") for t in d.turns],
    }
    return {
        "model": detector.model_id,
        "messages": len(messages),
        "files": [str(p) for p in paths],
        "auc": round(_auc(scores, crisis), 4),
        "at_model_threshold": {
            "threshold": threshold,
            "recall": round(float(own[crisis].mean()), 4),
            "recall_by_language": _rates(own[crisis], [m.language for m in positives]),
            "recall_by_kind": _rates(own[crisis], [m.label for m in positives]),
            "false_positive_rate": round(float(own[~crisis].mean()), 4),
            "false_positive_rate_by_family": _rates(own[~crisis], [m.family for m in negatives]),
        },
        "at_recall_095": {
            "threshold": best,
            "recall": round(float(at_recall[crisis].mean()), 4),
            "false_positive_rate": round(float(at_recall[~crisis].mean()), 4),
            "false_positive_rate_by_family": _rates(at_recall[~crisis], [m.family for m in negatives]),
            "false_positive_rate_by_language": _rates(at_recall[~crisis], [m.language for m in negatives]),
        },
        "ordinary_flag_rate": {name: round(float(np.mean([detector.read_one(t).crisis for t in texts])), 5)
                               for name, texts in ordinary.items()},
        **({"by_round": by_round} if rounds is not None else {}),
    }  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--model", type=Path, default=None, help="a crisis model folder (default: the shipped one)")
    parser.add_argument("--messages", type=Path, nargs="+", default=[Path("data/crisis/dev.jsonl")])
    parser.add_argument("--data", type=Path, default=None, help="the shared datasets (default ../shared/data)")
    parser.add_argument("--no-ordinary", action="store_true", help="skip the flag rates on ordinary text")
    parser.add_argument("--by-round", action="store_true", help="also each round of writers apart (see --written)")
    parser.add_argument("--written", type=Path, default=Path("data/crisis/written"),
                        help="the written messages, whose file names give each message's round")
    parser.add_argument("--out", type=Path, default=None)
    args = parser.parse_args()
    if args.by_round and not args.written.is_dir():
        parser.error(f"--by-round needs the written messages: no folder {args.written}")
    data = None if args.no_ordinary else data_root(args.data)
    rounds = rounds_of(args.written) if args.by_round else None
    results = evaluate(RiskDetector(model_path=args.model, cache_size=0), args.messages, data, rounds)
    text = json.dumps(results, indent=2)
    print(text)
    if args.out is not None:
        args.out.parent.mkdir(parents=True, exist_ok=True)
        args.out.write_text(text + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
