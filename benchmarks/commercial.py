"""The ``commercial`` licence profile beside the default one: turn emotion in context, causes, support strategy,
speed and size.

    .venv/bin/python benchmarks/commercial.py [--data ../shared/data] [--cache build/commercial-features.npz]

* Turn emotion in context on the DailyDialog test dialogues that appear in no RECCON train/valid split (the
  same 979 dialogues as ``benchmarks/conversation.py``; DailyDialog is only read here, to evaluate): micro-F1
  over the non-neutral classes for each profile's head, the commercial one's share of the default one's, and
  the text model's own Ekman-7 reading of each turn alone as a reference.
* Turn emotion on the EDOS test split (:func:`affectkit.datasets.edos_bucket` 0-2, never read in training):
  the last turn of each dialogue with an Ekman label (2 of 3 annotators' answers agreeing after the mapping),
  macro-F1 over the Ekman-7 labels and micro-F1 without neutral, for both profiles.
* Causes on RECCON's DailyDialog test split (gold target emotion, every earlier turn a pair, as
  ``benchmarks/conversation.py``): F1 of the causal class for the default profile's trained head and for the
  heuristic the commercial profile uses (its candidates' emotion from the commercial turn head).
* Support strategy on ESConv test (official split; ESConv is only read here, to evaluate the commercial model),
  the supporter turns whose gold strategy is one of the 5 the commercial model covers: accuracy, macro-F1 over
  those 5 and the preference bias B over them, with and without ``debias``, for both profiles (the default
  model as shipped, choosing among all 8; and restricted to the 5). Also EDOS test intents (mapped).
* ``ConversationTracker.add`` p50 on 50 turns and ``plan()`` p50 on 20-turn conversations under each profile,
  and the size of each profile's head files.

The headline figures carry 95% bootstrap intervals over their rows (``*_ci95``; the commercial share of the
default's micro-F1 over paired resamples of the turns).

Features come from a cache of the run-time vectors when ``--cache`` is given (see
:mod:`affectkit.training.features_cache`: the encoder reads every text alone, so cached and live vectors are the
same). Prints a table and writes ``benchmarks/results/commercial.json``.
"""

from __future__ import annotations

import argparse
import json
import time
from pathlib import Path
from typing import Any

import numpy as np

from affectkit import licence
from affectkit.conversation.causes import HeuristicCauseModel
from affectkit.conversation.features import context_features, context_row, pair_features
from affectkit.conversation.turns import NEUTRAL_VAD, TurnPrediction
from affectkit.datasets import (
    dialogue_key,
    edos_label,
    edos_mapping,
    load_dailydialog,
    load_edos,
    load_esconv,
    load_reccon,
)
from affectkit.metrics.bootstrap import bootstrap_interval
from affectkit.metrics.strategy import strategy_report
from affectkit.planning.labels import STRATEGIES
from affectkit.planning.strategy import StrategyModel
from affectkit.recognizers import get_recognizer
from affectkit.recognizers.heads import ONNXHeads, head_path
from affectkit.training.commercial import agent_flags, speakers_of
from affectkit.training.features_cache import FeatureCache
from affectkit.types import Utterance

RESULTS = Path(__file__).resolve().parent / "results"
EKMAN = ["anger", "disgust", "fear", "joy", "sadness", "surprise", "neutral"]
PROFILES = ("default", "commercial")


def micro_f1_non_neutral(gold: list[str], predicted: list[str]) -> float:
    tp = sum(g == p != "neutral" for g, p in zip(gold, predicted, strict=True))
    predicted_positive = sum(p != "neutral" for p in predicted)
    gold_positive = sum(g != "neutral" for g in gold)
    return 2 * tp / (predicted_positive + gold_positive) if tp else 0.0


def macro_f1(gold: list[str], predicted: list[str], labels: list[str]) -> float:
    scores = []
    for label in labels:
        tp = sum(g == p == label for g, p in zip(gold, predicted, strict=True))
        denominator = sum(g == label for g in gold) + sum(p == label for p in predicted)
        scores.append(2 * tp / denominator if denominator else 0.0)
    return float(np.mean(scores))


def ci(metric: Any, gold: list[Any], *predicted: list[Any]) -> list[float]:
    """95% bootstrap interval of ``metric(gold, *predicted)`` over the rows, every column resampled together (so a
    ratio of two predictors' scores is paired)."""
    columns = np.array(list(zip(*predicted, strict=True)), dtype=object)
    low, high = bootstrap_interval(lambda g, p: metric(list(g), *(list(c) for c in p.T)), np.array(gold, dtype=object),
                                   columns)
    return [round(low, 4), round(high, 4)]


def heads_of(profile: str) -> ONNXHeads:
    return ONNXHeads(head_path(licence.PROFILES[profile].turn))


def turn_emotion_dailydialog(data: Path, cache: FeatureCache) -> dict[str, Any]:
    seen = {dialogue_key([t.text for t in d.turns])
            for split in ("train", "valid") for d in load_reccon(data / "reccon", split)}
    test = [d for d in load_dailydialog(data / "dailydialog", "test")
            if dialogue_key([t.text for t in d.turns]) not in seen]
    gold = [t.emotion for d in test for t in d.turns]
    encoded = [cache.vectors([t.text for t in d.turns], progress=True) for d in test]
    features = np.concatenate([context_features(u, [t.speaker for t in d.turns])
                               for d, u in zip(test, encoded, strict=True)])
    out: dict[str, Any] = {"dialogues": len(test), "utterances": len(gold)}
    read: dict[str, list[str]] = {}
    for profile in PROFILES:
        heads = heads_of(profile)
        predicted = read[profile] = [EKMAN[i] for i in heads.turn_emotion(features).argmax(1)]
        out[profile] = {"model": heads.model_id, "micro_f1_non_neutral": micro_f1_non_neutral(gold, predicted),
                        "micro_f1_non_neutral_ci95": ci(micro_f1_non_neutral, gold, predicted),
                        "macro_f1_ekman7": macro_f1(gold, predicted, EKMAN),
                        "predicted_neutral_share": predicted.count("neutral") / len(predicted)}
    text_ekman = np.concatenate(encoded)[:, 384 + 28 : 384 + 28 + 7]
    text_predicted = [EKMAN[i] for i in text_ekman.argmax(1)]
    out["text_model_alone"] = {"micro_f1_non_neutral": micro_f1_non_neutral(gold, text_predicted)}
    out["commercial_share_of_default"] = (out["commercial"]["micro_f1_non_neutral"]
                                          / out["default"]["micro_f1_non_neutral"])
    out["commercial_share_of_default_ci95"] = ci(
        lambda g, default, commercial: micro_f1_non_neutral(g, commercial) / micro_f1_non_neutral(g, default),
        gold, read["default"], read["commercial"])
    out["gold_neutral_share"] = gold.count("neutral") / len(gold)
    return out


def turn_emotion_edos(data: Path, cache: FeatureCache) -> dict[str, Any]:
    mapping = edos_mapping("ekman-7")
    test = [d for d in load_edos(data / "edos", "test") if edos_label(d, mapping) is not None]
    gold = [str(edos_label(d, mapping)) for d in test]
    features = np.stack([context_row(cache.vectors(d.turns), speakers_of(d), len(d.turns) - 1) for d in test])
    out: dict[str, Any] = {"dialogues": len(test), "support": {e: gold.count(e) for e in EKMAN}}
    for profile in PROFILES:
        heads = heads_of(profile)
        predicted = [EKMAN[i] for i in heads.turn_emotion(features).argmax(1)]
        out[profile] = {"model": heads.model_id, "macro_f1_ekman7": macro_f1(gold, predicted, EKMAN),
                        "macro_f1_ekman7_ci95": ci(lambda g, p: macro_f1(g, p, EKMAN), gold, predicted),
                        "micro_f1_non_neutral": micro_f1_non_neutral(gold, predicted),
                        "accuracy": float(np.mean([g == p for g, p in zip(gold, predicted, strict=True)]))}
    return out


def causes(data: Path, cache: FeatureCache) -> dict[str, Any]:
    test = load_reccon(data / "reccon", "test")
    default, commercial = heads_of("default"), heads_of("commercial")
    heuristic = HeuristicCauseModel()
    gold: list[bool] = []
    trained: list[bool] = []
    rule: list[bool] = []
    for d in test:
        u = cache.vectors([t.text for t in d.turns], progress=False)
        speakers = [t.speaker for t in d.turns]
        utterances = [Utterance(speaker=t.speaker, text=t.text) for t in d.turns]
        ekman = commercial.turn_emotion(context_features(u, speakers))
        predictions = [TurnPrediction(ekman=dict(zip(EKMAN, map(float, row), strict=True)), emotions={},
                                      vad=NEUTRAL_VAD) for row in ekman]
        for i, turn in enumerate(d.turns):
            if turn.emotion == "neutral" or not turn.cause_turns:
                continue
            emotion = np.eye(7, dtype=np.float32)[EKMAN.index(turn.emotion)]
            trained.extend((default.cause(pair_features(u, speakers, i, emotion)) >= default.cause_threshold).tolist())
            given = list(predictions)  # the target's gold emotion, as the task defines
            given[i] = TurnPrediction(ekman={e: float(e == turn.emotion) for e in EKMAN}, emotions={}, vad=NEUTRAL_VAD)
            found = {c.turn for c in heuristic.predict(utterances, i, given)}
            rule.extend(j in found for j in range(i + 1))
            gold.extend(j in turn.cause_turns for j in range(i + 1))

    def f1(predicted: list[bool]) -> float:
        tp = sum(g and p for g, p in zip(gold, predicted, strict=True))
        return 2 * tp / (sum(gold) + sum(predicted)) if tp else 0.0

    def interval(predicted: list[bool]) -> list[float]:
        return ci(lambda g, p: 2 * sum(a and b for a, b in zip(g, p, strict=True)) / max(sum(g) + sum(p), 1),
                  gold, predicted)

    return {"pairs": len(gold), "positives": sum(gold),
            "default": {"model": f"{default.model_id}:cause", "positive_f1": f1(trained),
                        "positive_f1_ci95": interval(trained)},
            "commercial": {"model": heuristic.model_id, "positive_f1": f1(rule), "positive_f1_ci95": interval(rule)}}


def strategy(data: Path, cache: FeatureCache) -> dict[str, Any]:
    models = {p: StrategyModel(head_path(licence.PROFILES[p].strategy)) for p in PROFILES}
    covered = list(models["commercial"].config_["covered"])
    mask = np.array([s in covered for s in STRATEGIES])
    test = load_esconv(data / "esconv", "test")
    gold: list[str] = []
    predicted: dict[str, list[str]] = {f"{p}{d}": [] for p in PROFILES for d in ("", "_debiased")}
    predicted["default_restricted"] = []
    predicted["default_restricted_debiased"] = []
    for d in test:
        vectors = cache.vectors([t.text for t in d.turns])
        agent = [t.speaker == "sys" for t in d.turns]
        texts = [t.text for t in d.turns]
        for i, turn in enumerate(d.turns):
            if turn.strategy not in covered:
                continue
            gold.append(str(turn.strategy))
            for p, model in models.items():
                for suffix, debias in (("", False), ("_debiased", True)):
                    probabilities = model.next_probabilities(vectors[:i], agent[:i], texts[:i], debias=debias)
                    predicted[p + suffix].append(STRATEGIES[int(probabilities.argmax())])
                    if p == "default":
                        predicted[f"default_restricted{suffix}"].append(
                            STRATEGIES[int(np.where(mask, probabilities, -1).argmax())])
    out: dict[str, Any] = {"covered": covered, "turns": len(gold),
                           "models": {p: m.model_id for p, m in models.items()}}
    for name, values in predicted.items():
        # the default model may choose a strategy outside the 5: scored as a miss, over the 8 labels
        labels = covered if all(v in covered for v in values) else list(STRATEGIES)
        report = strategy_report(gold, values, labels)
        out[name] = {"accuracy": report.accuracy,
                     "accuracy_ci95": ci(lambda g, p: float(np.mean([a == b for a, b in zip(g, p, strict=True)])),
                                         gold, values),
                     "macro_f1_covered": macro_f1(gold, values, covered),
                     "macro_f1_covered_ci95": ci(lambda g, p: macro_f1(g, p, covered), gold, values),
                     "bias": report.bias, "bias_labels": labels,
                     "predicted": {s: values.count(s) for s in STRATEGIES}}
    # reference: always the strategy most frequent among these turns (known only after the fact)
    most = max(covered, key=gold.count)
    out["always_most_frequent"] = {"strategy": most, "accuracy": gold.count(most) / len(gold),
                                   "macro_f1_covered": macro_f1(gold, [most] * len(gold), covered)}
    mapping = edos_mapping("esconv-8")
    edos = [d for d in load_edos(data / "edos", "test") if edos_label(d, mapping) is not None]
    edos_gold = [str(edos_label(d, mapping)) for d in edos]
    out["edos_test"] = {"dialogues": len(edos)}
    for p, model in models.items():
        choices = []
        for dialogue in edos:
            n, flags = len(dialogue.turns) - 1, agent_flags(dialogue)
            probabilities = model.next_probabilities(cache.vectors(dialogue.turns[:n]), flags[:n], dialogue.turns[:n])
            choices.append(STRATEGIES[int(np.where(mask, probabilities, -1).argmax())])
        out["edos_test"][p] = {"accuracy": float(np.mean([g == c for g, c in zip(edos_gold, choices, strict=True)])),
                               "macro_f1_covered": macro_f1(edos_gold, choices, covered)}
    return out


def speed(data: Path) -> dict[str, Any]:
    from affectkit.conversation import ConversationTracker
    from affectkit.planning.planner import plan

    turns = [t for d in load_reccon(data / "reccon", "test") for t in d.turns]
    dialogues = [d for d in load_esconv(data / "esconv", "test") if len(d.turns) >= 20][:21]
    out: dict[str, Any] = {}
    for k, profile in enumerate(PROFILES):
        licence.configure(profile)
        tracker = ConversationTracker()
        tracker.add(Utterance(speaker="warm", text="model load"))
        tracker.reset()
        timings = []
        for t in turns[50 * k : 50 * k + 50]:  # texts new to the encoder's cache in each profile
            started = time.perf_counter()
            tracker.add(Utterance(speaker=t.speaker, text=t.text))
            timings.append((time.perf_counter() - started) * 1000)
        plans = []
        conversations = [{"id": d.id, "utterances": [{"speaker": "assistant" if t.speaker == "sys" else "user",
                                                      "text": t.text} for t in d.turns[:20]]} for d in dialogues]
        plan(conversations[0])
        for conversation in conversations[1 + 10 * k : 11 + 10 * k]:
            started = time.perf_counter()
            plan(conversation)
            plans.append((time.perf_counter() - started) * 1000)
        chosen = licence.PROFILES[profile]
        names = {chosen.turn, chosen.strategy} | ({chosen.cause} if chosen.cause is not None else set())
        size = sum(f.stat().st_size for name in names for f in head_path(name).glob("*.onnx"))
        out[profile] = {"tracker_add_p50_ms": float(np.median(timings)), "plan_p50_ms": float(np.median(plans)),
                        "head_files_mb": size / 1e6, "tracker_model": tracker.result().model}
    licence.configure(None)
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--data", type=Path, default=Path("../shared/data"))
    parser.add_argument("--cache", type=Path, default=None, help="feature cache (see the module docstring)")
    parser.add_argument("--skip-speed", action="store_true")
    args = parser.parse_args()
    cache = FeatureCache(args.cache, get_recognizer(licence.PROFILES["default"].text))
    results: dict[str, Any] = {
        "turn_emotion_dailydialog": turn_emotion_dailydialog(args.data, cache),
        "turn_emotion_edos": turn_emotion_edos(args.data, cache),
        "causes_reccon": causes(args.data, cache),
        "strategy": strategy(args.data, cache),
    }
    if not args.skip_speed:
        results["speed"] = speed(args.data)
    RESULTS.mkdir(exist_ok=True)
    (RESULTS / "commercial.json").write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    dd, ed, ca, st = (results[k] for k in ("turn_emotion_dailydialog", "turn_emotion_edos", "causes_reccon",
                                           "strategy"))
    rows = [
        ("DailyDialog test turn emotion in context, micro-F1 w/o neutral", dd["default"]["micro_f1_non_neutral"],
         dd["commercial"]["micro_f1_non_neutral"]),
        (f"  commercial / default (target >= 0.90): {dd['commercial_share_of_default']:.3f}", None, None),
        ("EDOS test turn emotion in context, macro-F1 Ekman-7", ed["default"]["macro_f1_ekman7"],
         ed["commercial"]["macro_f1_ekman7"]),
        ("RECCON-DD test causes, F1 of the causal class", ca["default"]["positive_f1"],
         ca["commercial"]["positive_f1"]),
        (f"ESConv test strategy accuracy, {st['turns']} turns of the 5 covered", st["default"]["accuracy"],
         st["commercial"]["accuracy"]),
        ("  macro-F1 over the 5 covered", st["default"]["macro_f1_covered"], st["commercial"]["macro_f1_covered"]),
        ("  with debias: accuracy", st["default_debiased"]["accuracy"], st["commercial_debiased"]["accuracy"]),
        ("  with debias: macro-F1 over the 5", st["default_debiased"]["macro_f1_covered"],
         st["commercial_debiased"]["macro_f1_covered"]),
        ("  default choosing among the 5 only: accuracy", st["default_restricted"]["accuracy"], None),
        ("  default choosing among the 5 only: macro-F1", st["default_restricted"]["macro_f1_covered"], None),
        ("  bias B over the 5 (default: among the 5 only)", st["default_restricted"]["bias"],
         st["commercial"]["bias"]),
        ("  bias B over the 5 with debias", st["default_restricted_debiased"]["bias"],
         st["commercial_debiased"]["bias"]),
        (f"  always {st['always_most_frequent']['strategy']} (reference): accuracy",
         st["always_most_frequent"]["accuracy"], None),
        ("EDOS test intents (mapped), accuracy", st["edos_test"]["default"]["accuracy"],
         st["edos_test"]["commercial"]["accuracy"]),
    ]
    if "speed" in results:
        sp = results["speed"]
        rows += [("ConversationTracker.add p50 ms", sp["default"]["tracker_add_p50_ms"],
                  sp["commercial"]["tracker_add_p50_ms"]),
                 ("plan() p50 ms, 20 turns", sp["default"]["plan_p50_ms"], sp["commercial"]["plan_p50_ms"]),
                 ("head files MB", sp["default"]["head_files_mb"], sp["commercial"]["head_files_mb"])]
    print(f"| {'measure':<66} | {'default':>8} | {'commercial':>10} |")
    print(f"|{'-' * 68}|{'-' * 9}:|{'-' * 11}:|")
    for name, a, b in rows:
        cells = ("" if a is None else f"{a:.3f}", "" if b is None else f"{b:.3f}")
        print(f"| {name:<66} | {cells[0]:>8} | {cells[1]:>10} |")


if __name__ == "__main__":
    main()
