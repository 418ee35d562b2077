"""Conversation figures: turn emotion in context, causal emotion entailment, live tracking speed.

    .venv/bin/python benchmarks/conversation.py [--data ../shared/data]

* Turn emotion on the DailyDialog test dialogues that appear in no training or dev split (RECCON train
  and valid are matched by text and removed): micro-F1 over the six non-neutral classes, for the shipped
  context head and for the same recipe trained on the turn alone.
* Causal emotion entailment on RECCON's DailyDialog test split: for every non-neutral turn with annotated
  causes, every turn up to it is a pair; F1 of the positive (causal) class. The target's gold emotion
  is given, as the task defines. ``positive_f1`` scores the candidates the shipped model scores
  (``cause_candidates``: a window plus the speaker's own latest turns; a turn outside them is never a
  cause), ``positive_f1_every_turn`` every earlier turn, as before the candidates were bounded.
* Cause spans: token F1 between the span reported for a gold causal turn and the annotated span.
* ``ConversationTracker.add`` latency on a 50-turn conversation (p50, p95), model load excluded.

Prints a table and writes ``benchmarks/results/conversation.json``.
"""

from __future__ import annotations

import argparse
import json
import statistics
import time
from pathlib import Path
from typing import Any

import numpy as np

from affectkit.conversation import ConversationTracker
from affectkit.conversation.causes import HeuristicCauseModel
from affectkit.conversation.context import UtteranceEncoder
from affectkit.conversation.features import cause_candidates, context_features, pair_features, target_only
from affectkit.conversation.onnx_heads import ONNXHeads
from affectkit.datasets import DAILYDIALOG_EMOTIONS, dialogue_key, load_dailydialog, load_reccon
from affectkit.types import Utterance

RESULTS = Path(__file__).resolve().parent / "results"
EKMAN = ["anger", "disgust", "fear", "joy", "sadness", "surprise", "neutral"]


def micro_f1_non_neutral(gold: list[str], predicted: list[str]) -> float:
    tp = sum(g == p != "neutral" for g, p in zip(gold, predicted, strict=True))
    predicted_positive = sum(p != "neutral" for p in predicted)
    gold_positive = sum(g != "neutral" for g in gold)
    return 2 * tp / (predicted_positive + gold_positive) if tp else 0.0


def token_f1(a: str, b: str) -> float:
    x, y = a.lower().split(), b.lower().split()
    common = sum(min(x.count(w), y.count(w)) for w in set(x))
    return 2 * common / (len(x) + len(y)) if common else 0.0


def encode(dialogues: list[Any]) -> list[np.ndarray]:
    """Utterance features exactly as the live models compute them (one text per encoder call)."""
    encoder = UtteranceEncoder()
    return [encoder.matrix([Utterance(speaker=t.speaker, text=t.text) for t in d.turns]) for d in dialogues]


def turn_emotion(data: Path, heads: ONNXHeads) -> dict[str, Any]:
    seen = {dialogue_key([t.text for t in d.turns])
            for split in ("train", "valid") for d in load_reccon(data / "reccon", split)}
    test = [d for d in load_dailydialog(data / "dailydialog", "test")
            if dialogue_key([t.text for t in d.turns]) not in seen]
    encoded = encode(test)
    gold = [t.emotion for d in test for t in d.turns]
    features = np.concatenate([context_features(u, [t.speaker for t in d.turns])
                               for d, u in zip(test, encoded, strict=True)])
    with_context = [EKMAN[i] for i in heads.turn_emotion(features).argmax(1)]
    without = [EKMAN[i] for i in heads.turn_emotion(target_only(features), context=False).argmax(1)]
    return {
        "dialogues": len(test), "utterances": len(gold),
        "excluded_dialogues": 1000 - len(test),
        "micro_f1_non_neutral_context": micro_f1_non_neutral(gold, with_context),
        "micro_f1_non_neutral_no_context": micro_f1_non_neutral(gold, without),
        "per_class_support": {e: gold.count(e) for e in DAILYDIALOG_EMOTIONS},
    }


def causes(data: Path, heads: ONNXHeads) -> dict[str, Any]:
    test = load_reccon(data / "reccon", "test")
    encoded = encode(test)
    gold: list[bool] = []
    scores: list[float] = []
    every: list[float] = []
    for d, u in zip(test, encoded, strict=True):
        speakers = [t.speaker for t in d.turns]
        for i, turn in enumerate(d.turns):
            if turn.emotion == "neutral" or not turn.cause_turns:
                continue
            emotion = np.eye(7, dtype=np.float32)[EKMAN.index(turn.emotion)]
            candidates = cause_candidates(speakers, i)
            bounded = dict(zip(candidates, heads.cause(pair_features(u, speakers, i, emotion, candidates)).tolist(),
                               strict=True))
            scores.extend(bounded.get(j, 0.0) for j in range(i + 1))
            every.extend(heads.cause(pair_features(u, speakers, i, emotion)).tolist())
            gold.extend(j in turn.cause_turns for j in range(i + 1))
    span_f1, whole_f1 = [], []
    for d in test:
        for turn in d.turns:
            for j, gold_span in zip(turn.cause_turns, turn.cause_spans, strict=False):
                if turn.emotion == "neutral" or not 0 <= j < len(d.turns):
                    continue
                text = d.turns[j].text
                start, end = HeuristicCauseModel.span(text, turn.emotion)
                span_f1.append(token_f1(text[start:end], gold_span))
                whole_f1.append(token_f1(text, gold_span))
    g, p = np.array(gold), np.array(scores) >= heads.cause_threshold
    tp = float((g & p).sum())
    precision, recall = tp / max(p.sum(), 1), tp / max(g.sum(), 1)
    f1 = 2 * precision * recall / (precision + recall) if tp else 0.0
    p_every = np.array(every) >= heads.cause_threshold
    f1_every = 2 * float((g & p_every).sum()) / (g.sum() + p_every.sum())
    return {"pairs": len(gold), "positives": int(g.sum()), "positive_f1": f1, "precision": precision,
            "recall": recall, "positive_f1_every_turn": f1_every, "threshold": heads.cause_threshold,
            "span_token_f1": statistics.mean(span_f1), "whole_turn_as_span_token_f1": statistics.mean(whole_f1)}


def tracker_latency(data: Path) -> dict[str, Any]:
    """ConversationTracker.add on a 50-turn conversation of real, not yet cached, utterances."""
    turns = [t for d in load_reccon(data / "reccon", "test") for t in d.turns][:50]
    tracker = ConversationTracker()
    tracker.add(Utterance(speaker="warm", text="model load"))  # load models before timing
    tracker.reset()
    timings = []
    for t in turns:
        started = time.perf_counter()
        tracker.add(Utterance(speaker=t.speaker, text=t.text))
        timings.append((time.perf_counter() - started) * 1000)
    timings.sort()
    return {"turns": len(turns), "p50_ms": timings[len(timings) // 2], "p95_ms": timings[int(len(timings) * 0.95)],
            "model": tracker.result().model}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--data", type=Path, default=Path("../shared/data"))
    args = parser.parse_args()
    heads = ONNXHeads()
    results = {"turn_emotion": turn_emotion(args.data, heads), "causes": causes(args.data, heads),
               "tracker": tracker_latency(args.data)}
    RESULTS.mkdir(exist_ok=True)
    (RESULTS / "conversation.json").write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    te, ce, tr = results["turn_emotion"], results["causes"], results["tracker"]
    rows = [
        (f"DailyDialog test turn emotion, context ({te['dialogues']} dlgs)", te["micro_f1_non_neutral_context"],
         "≥ 0.47"),
        ("  same recipe without context", te["micro_f1_non_neutral_no_context"], "2 pts lower"),
        (f"RECCON-DD test cause entailment, positive F1 ({ce['pairs']} pairs)", ce["positive_f1"], "≥ 0.58"),
        ("  every earlier turn a candidate (unbounded)", ce["positive_f1_every_turn"], ""),
        ("RECCON-DD test cause span, token F1 (clause heuristic)", ce["span_token_f1"], ""),
        ("  whole turn as the span", ce["whole_turn_as_span_token_f1"], ""),
        ("ConversationTracker.add, 50 turns, p50 ms", tr["p50_ms"], "≤ 30"),
        ("ConversationTracker.add, 50 turns, p95 ms", tr["p95_ms"], ""),
    ]
    print(f"| {'measure':<62} | {'value':>7} | {'target':>11} |")
    print(f"|{'-' * 64}|{'-' * 8}:|{'-' * 12}:|")
    for name, value, target in rows:
        print(f"| {name:<62} | {value:>7.3f} | {target:>11} |")


if __name__ == "__main__":
    main()
