"""Rebuild the conversation heads shipped in ``affectkit/models/conversation-minilm``.

Needs the ``train`` extra. The heads sit on the shipped text encoder (see
:mod:`affectkit.conversation.features`), so they must be rebuilt whenever that encoder changes::

    python -m affectkit.training.conversation --reccon ../shared/data/reccon \
        --dailydialog ../shared/data/dailydialog --out src/affectkit/models/conversation-minilm

* ``turn_emotion.onnx``: Ekman-7 emotion of a turn from the turn and its context. Trained on RECCON's
  DailyDialog train split plus the DailyDialog validation split (minus dialogues that also appear in
  RECCON's validation split, which is the dev set). The DailyDialog test split is never read here.
* ``turn_emotion_nocontext.onnx``: the same recipe on the turn alone, kept to measure what context adds.
* ``cause.onnx``: causal emotion entailment: is candidate turn j (j <= i) a cause of turn i's emotion.
  Trained on RECCON DailyDialog train, threshold tuned on RECCON valid.

Each head is a one-hidden-layer MLP, exported to ONNX in float32 (see :func:`export`).
"""

from __future__ import annotations

import argparse
import json
import random
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np

from affectkit.conversation.features import context_features, pair_features, target_only
from affectkit.datasets import Dialogue, dialogue_key, load_dailydialog, load_reccon, sha256_file
from affectkit.metrics import THRESHOLD_GRID
from affectkit.recognizers.utterance import utterance_features
from affectkit.training import require_torch

EKMAN = ["anger", "disgust", "fear", "joy", "sadness", "surprise", "neutral"]
NEUTRAL = EKMAN.index("neutral")


def micro_f1_non_neutral(gold: np.ndarray, predicted: np.ndarray) -> float:
    """Micro-F1 over the non-neutral classes: the usual DailyDialog measure."""
    tp = float(((predicted == gold) & (gold != NEUTRAL)).sum())
    predicted_positive = float((predicted != NEUTRAL).sum())
    gold_positive = float((gold != NEUTRAL).sum())
    if tp == 0:
        return 0.0
    precision, recall = tp / predicted_positive, tp / gold_positive
    return 2 * precision * recall / (precision + recall)


def positive_f1(gold: np.ndarray, predicted: np.ndarray) -> float:
    tp = float((gold & predicted).sum())
    return 2 * tp / (gold.sum() + predicted.sum()) if tp else 0.0


def encode_dialogues(recognizer: Any, dialogues: Sequence[Any]) -> list[np.ndarray]:
    """One utterance-feature matrix per dialogue (anything with ``turns`` that have ``text``), from one encoder
    call: the encoder reads every text alone, so the rows are the vectors the live models compute."""
    texts = [t.text for d in dialogues for t in d.turns]
    features = utterance_features(recognizer.predict_raw(texts))
    out, start = [], 0
    for d in dialogues:
        out.append(features[start : start + len(d.turns)])
        start += len(d.turns)
    return out


def turn_dataset(dialogues: list[Dialogue], encoded: list[np.ndarray]) -> tuple[np.ndarray, np.ndarray]:
    x = np.concatenate([context_features(u, [t.speaker for t in d.turns]) for d, u in zip(dialogues, encoded,
                                                                                           strict=True)])
    y = np.array([EKMAN.index(t.emotion) for d in dialogues for t in d.turns])
    return x, y


def cause_dataset(dialogues: list[Dialogue], encoded: list[np.ndarray]) -> tuple[np.ndarray, np.ndarray]:
    """Pairs (target, candidate) for every non-neutral target with annotated causes (gold emotion)."""
    xs: list[np.ndarray] = []
    ys: list[bool] = []
    for d, u in zip(dialogues, encoded, strict=True):
        speakers = [t.speaker for t in d.turns]
        for i, turn in enumerate(d.turns):
            if turn.emotion == "neutral" or not turn.cause_turns:
                continue
            emotion = np.eye(len(EKMAN), dtype=np.float32)[EKMAN.index(turn.emotion)]
            xs.append(pair_features(u, speakers, i, emotion))
            ys.extend(j in turn.cause_turns for j in range(i + 1))
    return np.concatenate(xs), np.array(ys, dtype=bool)


def train_mlp(torch: Any, x: np.ndarray, y: np.ndarray, x_dev: np.ndarray, y_dev: np.ndarray, outputs: int,
              score: Any, seed: int, epochs: int = 30, hidden: int = 256) -> tuple[Any, float]:
    """A one-hidden-layer MLP, best epoch by ``score(model, x_dev, y_dev)``."""
    torch.manual_seed(seed)
    model = torch.nn.Sequential(
        torch.nn.Dropout(0.2), torch.nn.Linear(x.shape[1], hidden), torch.nn.GELU(), torch.nn.Dropout(0.2),
        torch.nn.Linear(hidden, outputs),
    )
    optimizer = torch.optim.AdamW(model.parameters(), lr=1e-3, weight_decay=0.01)
    if outputs == 1:
        positives = float(y.sum())
        loss_fn = torch.nn.BCEWithLogitsLoss(pos_weight=torch.tensor((len(y) - positives) / positives))
        target = torch.tensor(y, dtype=torch.float32).unsqueeze(1)
    else:
        loss_fn = torch.nn.CrossEntropyLoss()
        target = torch.tensor(y, dtype=torch.long)
    inputs = torch.tensor(x)
    generator = torch.Generator().manual_seed(seed)
    best, best_state = -1.0, None
    for _epoch in range(epochs):
        model.train()
        for batch in torch.randperm(len(x), generator=generator).split(128):
            optimizer.zero_grad()
            loss_fn(model(inputs[batch]), target[batch]).backward()
            optimizer.step()
        model.eval()
        value = score(model, x_dev, y_dev)
        if value > best:
            best, best_state = value, {k: v.clone() for k, v in model.state_dict().items()}
    model.load_state_dict(best_state)
    model.eval()
    return model, best


def logits(torch: Any, model: Any, x: np.ndarray) -> np.ndarray:
    with torch.no_grad():
        result: np.ndarray = model(torch.tensor(x)).numpy()
    return result


NEUTRAL_OFFSETS = tuple(float(v) for v in np.round(np.arange(-3.0, 3.01, 0.1), 2))
"""The neutral log-probability shifts tried on dev (:func:`best_neutral_offset`)."""


def best_neutral_offset(scores: np.ndarray, gold: np.ndarray,
                        offsets: Sequence[float] = NEUTRAL_OFFSETS) -> tuple[float, float]:
    """The shift of the neutral log-probability (one of ``offsets``) that maximises dev micro-F1 (non-neutral
    classes)."""
    best = (0.0, -1.0)
    for offset in offsets:
        shifted = scores.copy()
        shifted[:, NEUTRAL] += offset
        f1 = micro_f1_non_neutral(gold, shifted.argmax(1))
        if f1 > best[1]:
            best = (float(offset), f1)
    return best


def export(torch: Any, model: Any, dim: int, path: Path, activation: str) -> None:
    """Write the head to ``path`` in float32. Not quantised: dynamic int8 takes one activation scale over all
    the rows of a run (a turn's cause candidates, say), so a row's output would depend on the others; in
    float32 every row reads the same alone or with any others, for about 1 MB more per head."""
    head = torch.nn.Sequential(model, torch.nn.Softmax(dim=-1) if activation == "softmax" else torch.nn.Sigmoid())
    torch.onnx.export(head.eval(), torch.zeros((1, dim)), str(path), input_names=["features"],
                      output_names=["probabilities"], dynamic_axes={"features": {0: "n"}, "probabilities": {0: "n"}},
                      opset_version=17, dynamo=False)


def main(argv: list[str] | None = None) -> dict[str, Any]:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--reccon", type=Path, required=True)
    parser.add_argument("--dailydialog", type=Path, required=True)
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--encoder", type=Path, default=None, help="text model folder (default: the shipped one)")
    parser.add_argument("--seed", type=int, default=13)
    parser.add_argument("--epochs", type=int, default=30)
    parser.add_argument("--limit", type=int, default=0, help="dialogues per split (smoke test)")
    args = parser.parse_args(argv)
    torch = require_torch()
    from affectkit.recognizers.encoder import EncoderRecognizer
    from affectkit.recognizers.heads import ONNXHeads

    random.seed(args.seed)
    np.random.seed(args.seed)
    recognizer = EncoderRecognizer(args.encoder)

    def cut(dialogues: list[Dialogue]) -> list[Dialogue]:
        return dialogues[: args.limit] if args.limit else dialogues

    reccon_train, reccon_valid = cut(load_reccon(args.reccon, "train")), cut(load_reccon(args.reccon, "valid"))
    valid_keys = {dialogue_key([t.text for t in d.turns]) for d in reccon_valid}
    dd_validation = [d for d in cut(load_dailydialog(args.dailydialog, "validation"))
                     if dialogue_key([t.text for t in d.turns]) not in valid_keys]
    turn_train = reccon_train + dd_validation
    encoded_train = encode_dialogues(recognizer, turn_train)
    encoded_valid = encode_dialogues(recognizer, reccon_valid)

    x, y = turn_dataset(turn_train, encoded_train)
    x_dev, y_dev = turn_dataset(reccon_valid, encoded_valid)

    args.out.mkdir(parents=True, exist_ok=True)
    heads, dev_metrics = train_turn_heads(torch, x, y, x_dev, y_dev, args.out, args.seed, args.epochs)
    config: dict[str, Any] = {
        "name": "conversation-minilm", "version": "1", "encoder": recognizer.model_id, "labels": EKMAN,
        "heads": heads, "dev_metrics": dev_metrics,
    }

    cx, cy = cause_dataset(reccon_train, encoded_train[: len(reccon_train)])
    cx_dev, cy_dev = cause_dataset(reccon_valid, encoded_valid)

    def cause_score(model: Any, xd: np.ndarray, yd: np.ndarray) -> float:
        p = 1 / (1 + np.exp(-logits(torch, model, xd)[:, 0]))
        return max(positive_f1(yd, p >= t) for t in THRESHOLD_GRID)

    model, _ = train_mlp(torch, cx, cy, cx_dev, cy_dev, 1, cause_score, args.seed, args.epochs)
    p = 1 / (1 + np.exp(-logits(torch, model, cx_dev)[:, 0]))
    f1s = [positive_f1(cy_dev, p >= t) for t in THRESHOLD_GRID]
    threshold = float(THRESHOLD_GRID[int(np.argmax(f1s))])
    export(torch, model, cx.shape[1], args.out / "cause.onnx", "sigmoid")
    config["heads"]["cause"] = {"file": "cause.onnx", "threshold": threshold}
    config["dev_metrics"]["cause_positive_f1"] = round(max(f1s), 4)

    files = [args.reccon / f"dailydialog_{s}.json" for s in ("train", "valid")]
    files += [args.dailydialog / "validation" / f"dialogues{s}_validation.txt" for s in ("", "_emotion")]
    config["training"] = {"seed": args.seed, "epochs": args.epochs, "limit": args.limit,
                          "train_dialogues": len(turn_train), "dev_dialogues": len(reccon_valid),
                          "data": {f"{p.parent.name}/{p.name}": sha256_file(p) for p in files}}
    (args.out / "config.json").write_text(json.dumps(config, indent=2) + "\n", encoding="utf-8")
    ONNXHeads(args.out)  # fails loudly if what was written does not load
    print(json.dumps(config["dev_metrics"], indent=2))
    return config


def train_turn_heads(
    torch: Any, x: np.ndarray, y: np.ndarray, x_dev: np.ndarray, y_dev: np.ndarray, out: Path, seed: int, epochs: int,
    offsets: Sequence[float] = NEUTRAL_OFFSETS,
) -> tuple[dict[str, Any], dict[str, float]]:
    """Train the turn-emotion heads (in context, and on the target turn alone) on context rows ``x``, pick each
    head's neutral offset (one of ``offsets``) on dev and export it to ``out/<head>.onnx``; returns the heads'
    config entries and their dev micro-F1 without neutral."""

    def turn_score(model: Any, xd: np.ndarray, yd: np.ndarray) -> float:
        return best_neutral_offset(np.log(np.clip(softmax(logits(torch, model, xd)), 1e-9, 1)), yd, offsets)[1]

    heads: dict[str, Any] = {}
    dev_metrics: dict[str, float] = {}
    for name, features in (("turn_emotion", lambda a: a), ("turn_emotion_nocontext", target_only)):
        model, _ = train_mlp(torch, features(x), y, features(x_dev), y_dev, len(EKMAN), turn_score, seed, epochs)
        log_probs = np.log(np.clip(softmax(logits(torch, model, features(x_dev))), 1e-9, 1))
        offset, f1 = best_neutral_offset(log_probs, y_dev, offsets)
        export(torch, model, x.shape[1], out / f"{name}.onnx", "softmax")
        heads[name] = {"file": f"{name}.onnx", "neutral_log_offset": offset}
        dev_metrics[f"{name}_micro_f1_non_neutral"] = round(f1, 4)
    return heads, dev_metrics


def softmax(values: np.ndarray) -> np.ndarray:
    shifted = np.exp(values - values.max(axis=1, keepdims=True))
    result: np.ndarray = shifted / shifted.sum(axis=1, keepdims=True)
    return result


if __name__ == "__main__":
    main()
