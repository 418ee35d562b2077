"""Teach the text model a second Ekman head for first-person stories, learned on several domains at once (issue 16).

Needs the ``train`` extra. The command that built the shipped head (in the model card too)::

    python -m affectkit.training.ekman_stories --data ../shared/data --model src/affectkit/models/goemotions-minilm

The Ekman head of :mod:`affectkit.training.train` learned GoEmotions alone, and its thresholds were tuned on Reddit
comments: on sentences of personal stories (BRIGHTER English) it finds few emotions, fear hardly at all. This step
keeps the encoder and every output as they are, and adds an output, ``ekman_stories``: a linear map of the pooled
vector every head reads, learned from two sources whose licences allow a shipped model:

* comments: GoEmotions train (Reddit comments; Ekman labels by the official mapping);
* stories: BRIGHTER (SemEval-2025 task 11) English track A train, sentences of personal stories (no disgust
  column: disgust is left out of their loss; a text with none of its five emotions counts as neutral).

The weights are shared and each source has its own bias per label, so that the weights learn what an emotion looks
like from both while each source keeps its own base rates (BRIGHTER marks fear in about half its texts, GoEmotions
in 2%); the shipped output carries the stories bias. Training starts from the GoEmotions head.

How much a story weighs against a comment and how many epochs are chosen on development data only: the setting with
the best macro-F1 on BRIGHTER English train read out of fold (5 folds, each read by a head trained without it). The
``stories`` domain's thresholds and calibration (``heads.ekman.domains.stories`` in the config) are fitted on the
same out-of-fold readings plus BRIGHTER dev; disgust, which BRIGHTER English lacks, keeps those of GoEmotions dev.
The test splits play no part. The ``comments`` domain (the default) is the ``ekman`` output, unchanged.
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
import tempfile
from pathlib import Path
from typing import Any

import numpy as np

from affectkit.datasets import (
    load_brighter,
    load_goemotions,
    load_group_mapping,
    map_to_groups,
    sha256_file,
)
from affectkit.errors import AffectkitError
from affectkit.metrics import macro_f1, tune_thresholds
from affectkit.training import require_inputs, require_torch

EKMAN = ["anger", "disgust", "fear", "joy", "sadness", "surprise", "neutral"]
SOURCES = ("comments", "stories")  # a bias row each, in this order
OUTPUT = "ekman_stories"
OLD_WEIGHT = "net.heads.ekman.weight_Transposed_quantized"  # the GoEmotions head train.py exports, int8
PREFIX = "ekman_stories/"  # names of the nodes and initializers this step adds
FOLDS = 5
# The settings searched: (weight of a BRIGHTER text, epochs); a GoEmotions text weighs 1.
GRID = [(s, e) for s in (4.0, 16.0, 64.0, 256.0, 1024.0) for e in (10, 30)]


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--data", type=Path, required=True, help="folder holding the datasets (../shared/data)")
    parser.add_argument("--model", type=Path, required=True,
                        help="text model folder to update (model.onnx, config.json)")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--settings", type=int, default=len(GRID), help="try only the first N settings of the search")
    parser.add_argument("--limit", type=int, default=0, help="use only this many texts of each split (smoke test)")
    return parser


# ---------------------------------------------------------------- the graph


def _old_head(graph: Any) -> tuple[Any, Any]:
    """The GoEmotions Ekman head's MatMulInteger and the DynamicQuantizeLinear of the pooled vector it reads."""
    matmul = next(n for n in graph.node if n.op_type == "MatMulInteger" and n.input[1] == OLD_WEIGHT)
    quantize = next(n for n in graph.node if n.op_type == "DynamicQuantizeLinear" and n.output[0] == matmul.input[0])
    return matmul, quantize


def pooled_model(model: Path, out: Path) -> Path:
    """A copy of the model folder whose graph also returns the pooled vector (output ``pooled``), read the run-time
    way by :class:`EncoderRecognizer` (one window per run; the windows of a long text combined by their maximum)."""
    import onnx

    out.mkdir(parents=True, exist_ok=True)
    for name in ("config.json", "tokenizer.json"):
        shutil.copy(model / name, out / name)
    graph_model = onnx.load(str(model / "model.onnx"))
    _, quantize = _old_head(graph_model.graph)
    graph_model.graph.node.append(onnx.helper.make_node("Identity", [quantize.input[0]], ["pooled"]))
    graph_model.graph.output.append(onnx.helper.make_tensor_value_info("pooled", onnx.TensorProto.FLOAT, None))
    onnx.save(graph_model, str(out / "model.onnx"))
    return out


def old_head_weights(model: Path) -> tuple[np.ndarray, np.ndarray]:
    """The GoEmotions Ekman head's weights (pooled dimension x 7, dequantised) and bias."""
    import onnx
    from onnx import numpy_helper

    graph = onnx.load(str(model / "model.onnx")).graph
    values = {i.name: numpy_helper.to_array(i) for i in graph.initializer}
    if OLD_WEIGHT not in values:
        raise AffectkitError("AK-E007", "not the English text model: its graph has no GoEmotions Ekman head",
                             source=str(model / "model.onnx"))
    stem = OLD_WEIGHT.removesuffix("_quantized")
    zero = values[f"{stem}_zero_point"].astype(np.float32)
    return (values[OLD_WEIGHT].astype(np.float32) - zero) * values[f"{stem}_scale"], values["net.heads.ekman.bias"]


def write_head(model: Path, weights: np.ndarray, bias: np.ndarray) -> None:
    """Add output ``ekman_stories`` to ``model.onnx``: sigmoid of the weights (int8, one scale per output like the
    other heads) on the same quantised pooled vector, plus the bias. Rerunning replaces the head added before."""
    import onnx
    from onnx import helper, numpy_helper

    path = model / "model.onnx"
    graph_model = onnx.load(str(path))
    graph = graph_model.graph
    for node in [n for n in graph.node if n.name.startswith(PREFIX)]:
        graph.node.remove(node)
    for initializer in [i for i in graph.initializer if i.name.startswith(PREFIX)]:
        graph.initializer.remove(initializer)
    for output in [o for o in graph.output if o.name == OUTPUT]:
        graph.output.remove(output)
    matmul, quantize = _old_head(graph)
    scale = np.maximum(np.abs(weights).max(axis=0), 1e-8) / 127.0
    graph.initializer.extend([
        numpy_helper.from_array(np.clip(np.round(weights / scale), -127, 127).astype(np.int8), PREFIX + "weight"),
        numpy_helper.from_array(np.zeros(len(scale), np.int8), PREFIX + "weight_zero_point"),
        numpy_helper.from_array(scale.astype(np.float32), PREFIX + "weight_scale"),
        numpy_helper.from_array(np.asarray(bias, np.float32), PREFIX + "bias"),
    ])
    step = [PREFIX + name for name in ("product", "product_float", "scales", "unbiased", "logits")]
    graph.node.extend([
        helper.make_node("MatMulInteger", [matmul.input[0], PREFIX + "weight", matmul.input[2],
                                           PREFIX + "weight_zero_point"], [step[0]], name=PREFIX + "matmul"),
        helper.make_node("Cast", [step[0]], [step[1]], to=onnx.TensorProto.FLOAT, name=PREFIX + "cast"),
        helper.make_node("Mul", [quantize.output[1], PREFIX + "weight_scale"], [step[2]], name=PREFIX + "scales"),
        helper.make_node("Mul", [step[1], step[2]], [step[3]], name=PREFIX + "rescale"),
        helper.make_node("Add", [step[3], PREFIX + "bias"], [step[4]], name=PREFIX + "bias"),
        helper.make_node("Sigmoid", [step[4]], [OUTPUT], name=PREFIX + "sigmoid"),
    ])
    output = onnx.ValueInfoProto()
    output.CopyFrom(next(o for o in graph.output if o.name == "ekman"))
    output.name = OUTPUT
    graph.output.append(output)
    onnx.checker.check_model(graph_model)
    onnx.save(graph_model, str(path))


# ---------------------------------------------------------------- the data


class Source:
    """One source's pooled vectors, 0/1 gold over ``EKMAN`` (-1: no gold for that label) and bias row."""

    def __init__(self, pooled: np.ndarray, gold: np.ndarray, source: int) -> None:
        self.pooled, self.gold, self.source = pooled.astype(np.float32), gold.astype(np.int8), source

    def take(self, rows: np.ndarray) -> Source:
        return Source(self.pooled[rows], self.gold[rows], self.source)


def brighter_gold(split: Any) -> np.ndarray:
    """BRIGHTER 0/1 (or 0..3) emotions as ``EKMAN`` columns; disgust unknown (-1), neutral when none is marked."""
    gold = np.full((len(split.texts), len(EKMAN)), -1, np.int8)
    for j, emotion in enumerate(split.emotions):
        gold[:, EKMAN.index(emotion)] = split.values[:, j] > 0
    gold[:, EKMAN.index("neutral")] = (split.values > 0).sum(axis=1) == 0
    return gold


def load_sources(data: Path, reader: Any, limit: int) -> dict[str, Source]:
    """The training sources, by name, with pooled vectors from ``reader``."""
    goemotions = load_goemotions(data / "goemotions", "train")
    brighter = load_brighter(data / "semeval2025_task11_brighter", "a", "train", "eng")
    texts = {
        "comments": (goemotions.texts,
                     map_to_groups(goemotions, EKMAN, load_group_mapping(data / "goemotions", "ekman"))),
        "stories": (brighter.texts, brighter_gold(brighter)),
    }
    sources = {}
    for name, (split_texts, split_gold) in texts.items():
        if limit:
            split_texts, split_gold = split_texts[:limit], split_gold[:limit]
        print(f"reading the {name}: {len(split_texts)} texts", flush=True)
        sources[name] = Source(reader.predict_raw(split_texts)["pooled"], split_gold, SOURCES.index(name))
    return sources


# ---------------------------------------------------------------- the head


def fit_head(torch: Any, parts: list[tuple[Source, float]], start: tuple[np.ndarray, np.ndarray], *, epochs: int,
             seed: int) -> tuple[np.ndarray, np.ndarray]:
    """Shared weights and a bias row per source (``SOURCES``), from the GoEmotions head ``start``, by binary
    cross-entropy over the known gold, each row weighted by its source's weight and each label's positives by the
    square root of its negative/positive ratio (at most 10, as in :mod:`affectkit.training.train`)."""
    torch.manual_seed(seed)
    pooled = torch.tensor(np.concatenate([s.pooled for s, _ in parts]))
    gold = np.concatenate([s.gold for s, _ in parts])
    source = torch.tensor(np.concatenate([np.full(len(s.gold), s.source) for s, _ in parts]))
    row_weight = np.concatenate([np.full(len(s.gold), w, np.float32) for s, w in parts])
    mask = torch.tensor((gold >= 0) * row_weight[:, None], dtype=torch.float32)
    target = torch.tensor(np.clip(gold, 0, 1), dtype=torch.float32)
    positive = (target * mask).sum(0) / mask.sum(0).clamp(min=1e-6)
    pos_weight = ((1 - positive) / positive.clamp(min=1e-6)).sqrt().clamp(1, 10)
    weights = torch.nn.Parameter(torch.tensor(start[0]))
    biases = torch.nn.Parameter(torch.tensor(start[1]).repeat(len(SOURCES), 1))
    optimizer = torch.optim.Adam([weights, biases], lr=1e-3)
    generator = torch.Generator().manual_seed(seed)
    for _ in range(epochs):
        order = torch.randperm(len(target), generator=generator)
        for i in range(0, len(order), 256):
            rows = order[i: i + 256]
            loss = torch.nn.functional.binary_cross_entropy_with_logits(
                pooled[rows] @ weights + biases[source[rows]], target[rows], pos_weight=pos_weight, reduction="none")
            loss = (loss * mask[rows]).sum() / mask[rows].sum().clamp(min=1e-6)
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
    return weights.detach().numpy(), biases.detach().numpy()


def stories_probabilities(head: tuple[np.ndarray, np.ndarray], pooled: np.ndarray) -> np.ndarray:
    """The head's outputs with the stories bias: what the graph's ``ekman_stories`` returns (before int8)."""
    result: np.ndarray = 1.0 / (1.0 + np.exp(-(pooled @ head[0] + head[1][SOURCES.index("stories")])))
    return result


def parts(sources: dict[str, Source], setting: tuple[float, int], stories: Source) -> list[tuple[Source, float]]:
    return [(sources["comments"], 1.0), (stories, setting[0])]


def out_of_fold(torch: Any, sources: dict[str, Source], setting: tuple[float, int],
                start: tuple[np.ndarray, np.ndarray], seed: int) -> np.ndarray:
    """BRIGHTER train's outputs, each fold read by a head trained on everything but that fold."""
    stories = sources["stories"]
    fold = np.random.default_rng(seed).permutation(len(stories.gold)) % FOLDS
    scores = np.zeros(stories.gold.shape, np.float32)
    for k in range(FOLDS):
        head = fit_head(torch, parts(sources, setting, stories.take(np.flatnonzero(fold != k))), start,
                        epochs=setting[1], seed=seed)
        scores[fold == k] = stories_probabilities(head, stories.pooled[fold == k])
    return scores


def known(gold: np.ndarray) -> list[int]:
    """The labels (columns) with gold on every row."""
    return [j for j in range(gold.shape[1]) if (gold[:, j] >= 0).all()]


def best_threshold_f1(gold: np.ndarray, scores: np.ndarray) -> float:
    """Macro-F1 over the labels with gold, each at its best threshold on these rows (a dev score)."""
    labels = known(gold)
    thresholds = tune_thresholds(gold[:, labels], scores[:, labels], resamples=0)
    return macro_f1(gold[:, labels], scores[:, labels] >= thresholds)


def stories_domain(comments: dict[str, Any], gold: np.ndarray, raw: np.ndarray) -> dict[str, Any]:
    """The ``stories`` domain's config entry from BRIGHTER rows: bagged thresholds and a Platt map for each label with
    gold; disgust keeps those of ``comments`` (the Ekman head's GoEmotions dev calibration entry)."""
    from affectkit.calibration import LabelCalibrator

    labels = known(gold)
    raw_thresholds = list(comments["raw_thresholds"])
    for j, threshold in zip(labels, tune_thresholds(gold[:, labels], raw[:, labels]), strict=True):
        raw_thresholds[j] = float(threshold)
    fitted = LabelCalibrator().fit(raw[:, labels], gold[:, labels]).to_config()
    slope, intercept = list(comments["slope"]), list(comments["intercept"])
    for k, j in enumerate(labels):
        slope[j], intercept[j] = fitted["slope"][k], fitted["intercept"][k]
    calibrator = LabelCalibrator.from_config({"method": comments["method"], "slope": slope, "intercept": intercept})
    return {
        "output": OUTPUT,
        "description": "sentences of first-person stories (BRIGHTER English)",
        "thresholds": [round(t, 4) for t in calibrator.map_thresholds(raw_thresholds)],
        "calibration": {**calibrator.to_config(), "raw_thresholds": raw_thresholds,
                        "fitted_on": "BRIGHTER English train (out of fold) and dev; disgust: GoEmotions dev"},
    }


def main(argv: list[str] | None = None) -> dict[str, Any]:
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.settings < 1:
        parser.error("--settings must be 1 or more")
    data, model = args.data, args.model
    require_inputs([("--data", data / name) for name in ("goemotions", "semeval2025_task11_brighter")]
                   + [("--model", model / name) for name in ("config.json", "tokenizer.json", "model.onnx")])
    try:
        start = old_head_weights(model)
    except AffectkitError as error:  # another model's folder: one coded line before any work
        print(error, file=sys.stderr)
        raise SystemExit(2) from None
    torch = require_torch()
    torch.set_num_threads(1)
    from affectkit.recognizers.encoder import EncoderRecognizer

    with tempfile.TemporaryDirectory() as work:
        sources = load_sources(data, EncoderRecognizer(pooled_model(model, Path(work))), args.limit)
    table, read_out_of_fold = [], {}
    for setting in GRID[: args.settings]:
        scores = read_out_of_fold[setting] = out_of_fold(torch, sources, setting, start, args.seed)
        table.append({"stories_weight": setting[0], "epochs": setting[1],
                      "brighter_train_out_of_fold": round(best_threshold_f1(sources["stories"].gold, scores), 4)})
        print(json.dumps(table[-1]), flush=True)
    best = max(table, key=lambda row: row["brighter_train_out_of_fold"])
    setting = (float(best["stories_weight"]), int(best["epochs"]))
    print(f"chosen: {json.dumps(best)}", flush=True)

    head = fit_head(torch, parts(sources, setting, sources["stories"]), start, epochs=setting[1], seed=args.seed)
    write_head(model, head[0], head[1][SOURCES.index("stories")])
    config_path = model / "config.json"
    config = json.loads(config_path.read_text(encoding="utf-8"))
    brighter = data / "semeval2025_task11_brighter"
    dev = load_brighter(brighter, "a", "dev", "eng")
    dev_raw = EncoderRecognizer(model, config=config).predict_raw(dev.texts)[OUTPUT]
    gold = np.concatenate([sources["stories"].gold, brighter_gold(dev)])
    raw = np.concatenate([read_out_of_fold[setting], dev_raw])
    ekman = config["heads"]["ekman"]
    ekman["domains"] = {"stories": stories_domain(ekman["calibration"], gold, raw)}
    config["version"] = "5"
    config["training"]["ekman_stories"] = {
        "texts": {name: int(len(s.gold)) for name, s in sources.items()},
        "search": table,
        "chosen": best,
        "seed": args.seed,
        "limit": args.limit,
    }
    files = config["training"].setdefault("data", {})
    for path in (brighter / "track_a" / "train" / "eng.csv", brighter / "track_a" / "dev" / "eng.csv"):
        files[str(path.relative_to(data))] = sha256_file(path)
    config_path.write_text(json.dumps(config, indent=2) + "\n", encoding="utf-8")
    return config


if __name__ == "__main__":
    main()
