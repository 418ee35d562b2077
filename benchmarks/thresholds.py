"""Plain against bagged decision thresholds, judged on GoEmotions dev alone (the test split is not read).

    .venv/bin/python benchmarks/thresholds.py [--data ../shared/data] [--splits 30]

The shipped model scores dev once. Then, for each random split of dev, thresholds are tuned on one part
(plain: the best threshold per label; bagged: the mean best threshold over 100 bootstrap resamples, as
:func:`affectkit.metrics.tune_thresholds` does by default) and scored on the other part, for the 28
labels, Ekman-7 and sentiment-3. This is how the shipped thresholds were chosen (model card).

Prints a table and writes ``benchmarks/results/thresholds.json``.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

import numpy as np

from affectkit.datasets import load_goemotions, load_group_mapping, map_to_groups
from affectkit.metrics import macro_f1, tune_thresholds
from affectkit.recognizers.encoder import EncoderRecognizer
from affectkit.thresholds import apply_thresholds
from affectkit.training import require_inputs

RESULTS = Path(__file__).resolve().parent / "results"


def compare(gold: np.ndarray, scores: np.ndarray, at_least_one: bool, share: float, splits: int) -> dict[str, float]:
    rng = np.random.default_rng(1)
    plain, bagged = [], []
    for split in range(splits):
        rows = rng.permutation(len(gold))
        tune, score = rows[: int(share * len(gold))], rows[int(share * len(gold)) :]
        for resamples, out in ((0, plain), (100, bagged)):
            thresholds = tune_thresholds(gold[tune], scores[tune], resamples=resamples, seed=split)
            out.append(macro_f1(gold[score], apply_thresholds(scores[score], thresholds, at_least_one)))
    return {
        "plain": round(float(np.mean(plain)), 4),
        "bagged": round(float(np.mean(bagged)), 4),
        "bagged_better_share": round(float(np.mean(np.array(bagged) > np.array(plain))), 2),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--data", type=Path, default=Path("../shared/data"))
    parser.add_argument("--splits", type=int, default=30, help="random splits of dev per setting")
    args = parser.parse_args()
    if args.splits < 1:
        parser.error("--splits must be 1 or more")
    folder = args.data / "goemotions"
    require_inputs([("--data", folder)])
    dev = load_goemotions(folder, "dev")
    recognizer = EncoderRecognizer()  # the shipped model
    raw = recognizer.predict_raw(dev.texts)
    heads = recognizer.config["heads"]
    gold = {"goemotions": dev.targets}
    for view in ("ekman", "sentiment"):
        gold[view] = map_to_groups(dev, heads[view]["labels"], load_group_mapping(folder, view))
    results = []
    print(f"{recognizer.model_id}, GoEmotions dev, mean macro-F1 on the held-out part over {args.splits} random splits")
    print("| tuned on | head | plain | bagged | bagged better in |")
    print("|---|---|---:|---:|---:|")
    for share in (0.5, 0.8):
        for head, matrix in gold.items():
            row = compare(matrix, raw[head], head != "sentiment", share, args.splits)
            results.append({"model": recognizer.model_id, "tuned_on_share": share, "head": head, **row})
            print(
                f"| {share:.0%} | {head} | {row['plain']:.4f} | {row['bagged']:.4f} |"
                f" {row['bagged_better_share']:.0%} of splits |"
            )
    RESULTS.mkdir(exist_ok=True)
    (RESULTS / "thresholds.json").write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
