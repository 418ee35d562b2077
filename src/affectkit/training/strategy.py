"""Rebuild the ESConv strategy heads shipped in ``affectkit/models/strategy-minilm``.

Needs the ``train`` extra. The heads sit on the shipped text encoder, so rebuild them whenever it changes::

    python -m affectkit.training.strategy --esconv ../shared/data/esconv --out src/affectkit/models/strategy-minilm

* ``tagger.onnx``: the strategy an agent turn used, from the turn and the turn before it (ESConv train).
* ``next_strategy.onnx``: the strategy of the supporter's next turn, from the conversation before it. The
  supporter's earlier strategies enter only as the tagger's output, as at run time; on the training
  dialogues they come from taggers cross-fitted on the other folds so that they are as noisy as at run time.
* the prior correction for ``debias=True``, fitted on ESConv valid (strength chosen on valid: the lowest
  preference bias that costs at most 0.01 macro-F1).

Both heads are one-hidden-layer MLPs, the epoch with the best valid macro-F1 kept, exported to ONNX in
float32 (as the conversation heads, so that a row reads the same in any batch). ESConv test is never read here.
"""

from __future__ import annotations

import argparse
import json
import random
from pathlib import Path
from typing import Any

import numpy as np

from affectkit.datasets import SupportDialogue, load_esconv, sha256_file
from affectkit.metrics.strategy import strategy_report
from affectkit.planning.labels import STRATEGIES
from affectkit.planning.strategy import next_row, tagger_rows
from affectkit.recognizers import DEFAULT
from affectkit.training import require_torch
from affectkit.training.conversation import encode_dialogues, export, logits, softmax, train_mlp

FOLDS = 4


def encode(recognizer: str, dialogues: list[SupportDialogue]) -> list[np.ndarray]:
    """Utterance vectors per dialogue; the encoder reads every text alone, so these are the live vectors."""
    from affectkit.recognizers import get_recognizer

    return encode_dialogues(get_recognizer(recognizer), dialogues)


def tagger_data(dialogues: list[SupportDialogue], vectors: list[np.ndarray]) -> tuple[np.ndarray, np.ndarray]:
    xs, ys = [], []
    for d, u in zip(dialogues, vectors, strict=True):
        agent = [t.speaker == "sys" for t in d.turns]
        rows = tagger_rows(u, agent)
        for i, t in enumerate(d.turns):
            if t.strategy in STRATEGIES:
                xs.append(rows[i])
                ys.append(STRATEGIES.index(t.strategy))
    return np.stack(xs), np.array(ys)


def next_data(dialogues: list[SupportDialogue], vectors: list[np.ndarray],
              tags: list[np.ndarray]) -> tuple[np.ndarray, np.ndarray]:
    """One row per supporter turn with a strategy: the conversation before it → its strategy."""
    xs, ys = [], []
    for d, u, g in zip(dialogues, vectors, tags, strict=True):
        agent = [t.speaker == "sys" for t in d.turns]
        texts = [t.text for t in d.turns]
        for i, t in enumerate(d.turns):
            if t.strategy in STRATEGIES:
                xs.append(next_row(u[:i], agent[:i], g[:i], texts[:i]))
                ys.append(STRATEGIES.index(t.strategy))
    return np.stack(xs), np.array(ys)



def macro_f1(gold: np.ndarray, predicted: np.ndarray) -> float:
    """Macro-F1 of class indices, by the shared strategy metrics."""
    return strategy_report([STRATEGIES[k] for k in gold], [STRATEGIES[k] for k in predicted]).macro_f1


def main(argv: list[str] | None = None) -> dict[str, Any]:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--esconv", type=Path, required=True)
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--encoder", default=DEFAULT, help="recognizer giving utterance vectors")
    parser.add_argument("--seed", type=int, default=13)
    parser.add_argument("--epochs", type=int, default=30)
    parser.add_argument("--limit", type=int, default=0, help="dialogues per split (smoke test)")
    args = parser.parse_args(argv)
    torch = require_torch()
    from affectkit.planning.debias import PriorDebiaser

    random.seed(args.seed)
    np.random.seed(args.seed)

    def cut(dialogues: list[SupportDialogue]) -> list[SupportDialogue]:
        return dialogues[: args.limit] if args.limit else dialogues

    train, valid = cut(load_esconv(args.esconv, "train")), cut(load_esconv(args.esconv, "valid"))
    train_vectors, valid_vectors = encode(args.encoder, train), encode(args.encoder, valid)

    def f1_score(model: Any, x: np.ndarray, y: np.ndarray) -> float:
        return macro_f1(y, logits(torch, model, x).argmax(1))

    def fit(x: np.ndarray, y: np.ndarray, x_dev: np.ndarray, y_dev: np.ndarray) -> Any:
        return train_mlp(torch, x, y, x_dev, y_dev, len(STRATEGIES), f1_score, args.seed, args.epochs)[0]

    def tag_all(model: Any, dialogues: list[SupportDialogue], vectors: list[np.ndarray]) -> list[np.ndarray]:
        return [softmax(logits(torch, model, tagger_rows(u, [t.speaker == "sys" for t in d.turns])))
                for d, u in zip(dialogues, vectors, strict=True)]

    # Tagger on all of train; cross-fitted taggers give the training dialogues run-time-like tags.
    x_tag_dev, y_tag_dev = tagger_data(valid, valid_vectors)
    tagger = fit(*tagger_data(train, train_vectors), x_tag_dev, y_tag_dev)
    train_tags: list[np.ndarray] = [np.zeros(0)] * len(train)
    folds = np.arange(len(train)) % FOLDS
    for fold in range(FOLDS):
        inside = [i for i in range(len(train)) if folds[i] != fold]
        outside = [i for i in range(len(train)) if folds[i] == fold]
        fold_tagger = fit(*tagger_data([train[i] for i in inside], [train_vectors[i] for i in inside]),
                          x_tag_dev, y_tag_dev)
        for i, tags in zip(outside, tag_all(fold_tagger, [train[i] for i in outside],
                                            [train_vectors[i] for i in outside]), strict=True):
            train_tags[i] = tags
    valid_tags = tag_all(tagger, valid, valid_vectors)

    x, y = next_data(train, train_vectors, train_tags)
    x_dev, y_dev = next_data(valid, valid_vectors, valid_tags)
    model = fit(x, y, x_dev, y_dev)
    dev_probabilities = softmax(logits(torch, model, x_dev))
    debiaser = PriorDebiaser(alpha="auto").fit(dev_probabilities, [STRATEGIES[k] for k in y_dev])

    args.out.mkdir(parents=True, exist_ok=True)
    export(torch, tagger, x_tag_dev.shape[1], args.out / "tagger.onnx", "softmax")
    export(torch, model, x.shape[1], args.out / "next_strategy.onnx", "softmax")
    files = [args.esconv / f"{split}.jsonl" for split in ("train", "valid")]
    config: dict[str, Any] = {
        "name": "strategy-minilm",
        "version": "1",
        "encoder": args.encoder,
        "labels": list(STRATEGIES),
        "heads": {"tagger": {"file": "tagger.onnx"}, "next_strategy": {"file": "next_strategy.onnx"}},
        "debias": debiaser.to_dict(),
        "dev_metrics": {
            "tagger_accuracy": round(float((logits(torch, tagger, x_tag_dev).argmax(1) == y_tag_dev).mean()), 4),
            "next_accuracy": round(float((dev_probabilities.argmax(1) == y_dev).mean()), 4),
            "next_macro_f1": round(macro_f1(y_dev, dev_probabilities.argmax(1)), 4),
        },
        "training": {"seed": args.seed, "epochs": args.epochs, "limit": args.limit, "folds": FOLDS,
                     "train_dialogues": len(train), "dev_dialogues": len(valid),
                     "data": {f"{p.parent.name}/{p.name}": sha256_file(p) for p in files}},
    }
    (args.out / "config.json").write_text(json.dumps(config, indent=2) + "\n", encoding="utf-8")
    print(json.dumps(config["dev_metrics"], indent=2))
    return config


if __name__ == "__main__":
    main()
