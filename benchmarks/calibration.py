"""Calibration of the shipped text model's probabilities, before (raw outputs) and after (as shipped).

    .venv/bin/python benchmarks/calibration.py [--data ../shared/data] [--limit N] [--no-plots]

On GoEmotions test (never used for fitting or tuning), for the 28 labels, Ekman-7 and sentiment-3:

* top-label ECE: each text's most probable label, its probability against whether it is a gold label
  (15 equal-width bins);
* per-label ECE: each label's probability against whether it is gold, the mean over the labels;
* both with a 95% bootstrap interval (1,000 resamples of the texts), and the macro-F1 of the labels, with
  the number of texts whose labels changed (calibration maps the thresholds too, so none should).

On BRIGHTER English track B test (gold: intensity > 0, as for track A): macro-F1 of the Ekman labels over
the five emotions it annotates (anger, fear, joy, sadness, surprise) and their per-label ECE, a check on
text unlike GoEmotions' Reddit comments, where emotions are much more frequent; in each text domain (the
``stories`` one is made for such text, its keys end in ``_stories``).

Writes ``benchmarks/results/calibration.json`` and reliability diagrams
(``benchmarks/results/calibration_<head>.png``, needs matplotlib from the ``dev`` extra).
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any

import numpy as np

from affectkit.datasets import (
    BRIGHTER_EMOTIONS,
    load_brighter_intensity,
    load_goemotions,
    load_group_mapping,
    map_to_groups,
)
from affectkit.metrics import (
    bootstrap_interval,
    label_calibration_errors,
    macro_f1,
    top_label_calibration_error,
)
from affectkit.recognizers import DOMAINS
from affectkit.recognizers.encoder import EncoderRecognizer
from affectkit.training import require_inputs

RESULTS = Path(__file__).resolve().parent / "results"
BINS = 15


def mean_label_ece(gold: np.ndarray, probabilities: np.ndarray) -> float:
    return float(label_calibration_errors(gold, probabilities, BINS).mean())


def top_ece(gold: np.ndarray, probabilities: np.ndarray) -> float:
    return top_label_calibration_error(gold, probabilities, BINS)


def matrix(analyses: list[Any], field: str, labels: list[str]) -> np.ndarray:
    return np.array([[getattr(a, field)[label] for label in labels] for a in analyses], dtype=np.float64)


def label_sets(analyses: list[Any], field: str, labels: list[str]) -> np.ndarray:
    return np.array([[label in getattr(a, field) for label in labels] for a in analyses], dtype=bool)


def reliability(gold: np.ndarray, probabilities: np.ndarray, top: bool) -> dict[str, list[float]]:
    """Per confidence bin: mean confidence, observed frequency, count (top label, or every label cell)."""
    if top:
        rows = np.arange(len(gold))
        best = probabilities.argmax(axis=1)
        confidence, correct = probabilities[rows, best], gold[rows, best] > 0
    else:
        confidence, correct = probabilities.ravel(), gold.ravel() > 0
    which = np.minimum((confidence * BINS).astype(int), BINS - 1)
    counts = np.bincount(which, minlength=BINS)
    mean_confidence = np.bincount(which, weights=confidence, minlength=BINS) / np.maximum(counts, 1)
    frequency = np.bincount(which, weights=correct.astype(float), minlength=BINS) / np.maximum(counts, 1)
    return {"confidence": mean_confidence.round(4).tolist(), "frequency": frequency.round(4).tolist(),
            "count": counts.tolist()}


def head_figures(name: str, gold: np.ndarray, before: np.ndarray, after: np.ndarray,
                 labels_before: np.ndarray, labels_after: np.ndarray) -> dict[str, Any]:
    out: dict[str, Any] = {"texts": len(gold)}
    for when, probabilities in (("before", before), ("after", after)):
        rows = np.arange(len(gold))
        best = probabilities.argmax(axis=1)
        out[when] = {
            "top_label_mean_probability": round(float(probabilities[rows, best].mean()), 4),
            "top_label_is_gold": round(float((gold[rows, best] > 0).mean()), 4),
            "top_label_ece": round(top_ece(gold, probabilities), 4),
            "top_label_ece_ci95": [round(v, 4) for v in bootstrap_interval(top_ece, gold, probabilities)],
            "label_ece": round(mean_label_ece(gold, probabilities), 4),
            "label_ece_ci95": [round(v, 4) for v in bootstrap_interval(mean_label_ece, gold, probabilities)],
            "reliability_top_label": reliability(gold, probabilities, top=True),
            "reliability_every_label": reliability(gold, probabilities, top=False),
        }
    out["macro_f1_before"] = round(macro_f1(gold, labels_before), 4)
    out["macro_f1_after"] = round(macro_f1(gold, labels_after), 4)
    out["texts_whose_labels_changed"] = int((labels_before != labels_after).any(axis=1).sum())
    return out


def plot(name: str, figures: dict[str, Any], path: Path) -> bool:
    try:
        import matplotlib

        matplotlib.use("Agg")
        import matplotlib.pyplot as plt
    except ImportError:
        print("matplotlib is not installed (pip install 'affectkit[dev]'): no reliability diagrams")
        return False
    fig, axes = plt.subplots(1, 2, figsize=(10, 4.6))
    for ax, key, title in ((axes[0], "reliability_top_label", "most probable label"),
                           (axes[1], "reliability_every_label", "every label")):
        ax.plot([0, 1], [0, 1], color="grey", linestyle=":", label="perfect calibration")
        for when, colour in (("before", "tab:red"), ("after", "tab:blue")):
            r = figures[when][key]
            kept = [i for i, n in enumerate(r["count"]) if n >= 10]
            ece = figures[when]["top_label_ece" if key == "reliability_top_label" else "label_ece"]
            ax.plot([r["confidence"][i] for i in kept], [r["frequency"][i] for i in kept], marker="o",
                    color=colour, label=f"{'raw' if when == 'before' else 'calibrated'} (ECE {ece:.3f})")
        ax.set_xlim(0, 1)
        ax.set_ylim(0, 1)
        ax.set_xlabel("predicted probability (bin mean)")
        ax.set_ylabel("how often it is a gold label")
        ax.set_title(title)
        ax.legend(loc="upper left", fontsize=8)
    fig.suptitle(f"goemotions-minilm, {name} head, GoEmotions test ({figures['texts']} texts; bins of 10+ shown)")
    fig.tight_layout()
    fig.savefig(path, dpi=110)
    plt.close(fig)
    return True


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--data", type=Path, default=Path("../shared/data"))
    parser.add_argument("--limit", type=int, default=0, help="use only the first N test texts of each set")
    parser.add_argument("--no-plots", action="store_true", help="skip the reliability diagrams")
    args = parser.parse_args()
    require_inputs([("--data", args.data / name) for name in ("goemotions", "semeval2025_task11_brighter")])
    after_model = EncoderRecognizer()
    before_model = after_model.without_calibration()
    heads = after_model.config["heads"]

    test = load_goemotions(args.data / "goemotions", "test")
    if args.limit:
        test.texts, test.targets = test.texts[: args.limit], test.targets[: args.limit]
    raw = after_model.predict_raw(test.texts)
    after, before = after_model.annotate(test.texts, raw), before_model.annotate(test.texts, raw)
    gold = {
        "goemotions": test.targets,
        "ekman": map_to_groups(test, heads["ekman"]["labels"], load_group_mapping(args.data / "goemotions", "ekman")),
        "sentiment": map_to_groups(test, heads["sentiment"]["labels"],
                                   load_group_mapping(args.data / "goemotions", "sentiment")),
    }
    fields = {"goemotions": ("emotions", "labels"), "ekman": ("ekman", "ekman_labels"),
              "sentiment": ("sentiment", "sentiment_labels")}
    results: dict[str, Any] = {"model": after_model.model_id, "bins": BINS, "goemotions_test": {}}
    for name, (scores, decided) in fields.items():
        labels = heads[name]["labels"]
        results["goemotions_test"][name] = head_figures(
            name, gold[name], matrix(before, scores, labels), matrix(after, scores, labels),
            label_sets(before, decided, labels), label_sets(after, decided, labels))

    brighter = load_brighter_intensity(args.data / "semeval2025_task11_brighter", "test")
    if args.limit:
        brighter.texts, brighter.targets = brighter.texts[: args.limit], brighter.targets[: args.limit]
    raw = after_model.predict_raw(brighter.texts)
    brighter_gold = brighter.targets > 0
    emotions = list(BRIGHTER_EMOTIONS)
    results["brighter_eng_test"] = {
        "texts": len(brighter.texts), "emotions": emotions,
        "gold_rate": dict(zip(emotions, brighter_gold.mean(axis=0).round(4).tolist(), strict=True)),
    }
    for domain in DOMAINS:  # the keys of the default domain keep their names
        after = after_model.annotate(brighter.texts, raw, domain)
        before = before_model.annotate(brighter.texts, raw, domain)
        suffix = "" if domain == DOMAINS[0] else f"_{domain}"
        results["brighter_eng_test"].update({
            f"ekman_macro_f1_before{suffix}": round(macro_f1(brighter_gold, label_sets(before, "ekman_labels",
                                                                                       emotions)), 4),
            f"ekman_macro_f1_after{suffix}": round(macro_f1(brighter_gold, label_sets(after, "ekman_labels",
                                                                                      emotions)), 4),
            f"ekman_label_ece_before{suffix}": round(mean_label_ece(brighter_gold, matrix(before, "ekman", emotions)),
                                                     4),
            f"ekman_label_ece_after{suffix}": round(mean_label_ece(brighter_gold, matrix(after, "ekman", emotions)), 4),
        })
    RESULTS.mkdir(exist_ok=True)
    if not args.no_plots:
        results["plots"] = [f"calibration_{name}.png" for name in fields
                            if plot(name, results["goemotions_test"][name], RESULTS / f"calibration_{name}.png")]
    (RESULTS / "calibration.json").write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")

    def ci(values: list[float]) -> str:
        return f"[{values[0]:.3f}, {values[1]:.3f}]"

    print(f"GoEmotions test ({len(test.texts)} texts), {after_model.model_id}: raw → calibrated, "
          "95% bootstrap intervals")
    print("| head | top label: mean p / gold | top-label ECE | mean per-label ECE | macro-F1 | texts relabelled |")
    print("|---|---|---|---|---|---:|")
    for name, figures in results["goemotions_test"].items():
        b, a = figures["before"], figures["after"]
        print(f"| {name} | {b['top_label_mean_probability']:.3f} / {b['top_label_is_gold']:.3f} → "
              f"{a['top_label_mean_probability']:.3f} / {a['top_label_is_gold']:.3f} | "
              f"{b['top_label_ece']:.3f} {ci(b['top_label_ece_ci95'])} → {a['top_label_ece']:.3f} "
              f"{ci(a['top_label_ece_ci95'])} | {b['label_ece']:.3f} {ci(b['label_ece_ci95'])} → "
              f"{a['label_ece']:.3f} {ci(a['label_ece_ci95'])} | {figures['macro_f1_before']:.3f} → "
              f"{figures['macro_f1_after']:.3f} | {figures['texts_whose_labels_changed']} |")
    br = results["brighter_eng_test"]
    print(f"\nBRIGHTER English test ({br['texts']} texts, 5 emotions; gold rates {br['gold_rate']}), raw → calibrated:")
    for domain in DOMAINS:
        suffix = "" if domain == DOMAINS[0] else f"_{domain}"
        print(f"  domain {domain}: Ekman macro-F1 {br['ekman_macro_f1_before' + suffix]:.3f} → "
              f"{br['ekman_macro_f1_after' + suffix]:.3f}; per-label ECE {br['ekman_label_ece_before' + suffix]:.3f}"
              f" → {br['ekman_label_ece_after' + suffix]:.3f}")


if __name__ == "__main__":
    main()
