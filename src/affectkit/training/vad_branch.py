"""Distil the EmoBank teacher into a V/A/D branch of the shipped text model (last step of ``make train``
before the conversation and strategy heads).

EmoBank's 8k training sentences are too few for the small encoder to learn valence well, and a
larger model cannot ship (speed, size). So a larger teacher (:mod:`affectkit.training.vad_teacher`)
rates about 90k unlabelled sentences from datasets whose licences allow a shipped model
(:mod:`affectkit.training.teacher_ratings`), and a copy of the encoder's top layers (two by default)
with its own V/A/D head learns those ratings, with EmoBank's gold ratings on its train sentences. The
shipped V/A/D is a weighted mean of the branch and the main V/A/D head, the weight chosen on EmoBank dev.
The branch reads the token states entering the copied layers, which the main model computes anyway, so
it costs those layers again per text; the other heads and the embedding are unchanged and the
conversation and strategy heads built on them stay valid.

    python -m affectkit.training.vad_branch --checkpoint build/text-model.pt \\
        --ratings build/teacher-ratings.npz --data ../shared/data --model src/affectkit/models/goemotions-minilm
"""

from __future__ import annotations

import argparse
import copy
import json
import math
import random
import time
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import numpy as np

from affectkit.datasets import (
    load_brighter_intensity,
    load_emobank,
    load_goemotions,
    load_group_mapping,
)
from affectkit.metrics import pearson
from affectkit.training import require_inputs, require_torch
from affectkit.training.teacher_ratings import load_ratings, transfer_files
from affectkit.training.train import (
    base_model_path,
    calibrate,
    collate,
    encode,
    make_batches,
    predict_heads,
    set_seed,
    sha256_file,
    warmup_then_linear_decay,
    write_onnx,
)
from affectkit.training.vad_teacher import VAD_LABELS

LAYERS = 2
FFN = 768  # half the units: on EmoBank dev as good as full layers, and fast enough (model card)
BLEND_GRID = [round(0.1 * k, 1) for k in range(11)]


def load_text_model(torch: Any, checkpoint: Path) -> Any:
    """The stage-1 network (``train.py --checkpoint``) in eval mode."""
    from transformers import AutoModel

    from affectkit.training.model import AffectNet

    state = torch.load(checkpoint)["state"]
    sizes = {k.split(".")[1]: v.shape[0] for k, v in state.items() if k.startswith("heads.") and k.endswith(".weight")}
    encoder = AutoModel.from_pretrained(str(base_model_path()), attn_implementation="eager")
    net = AffectNet(encoder, encoder.config.hidden_size, sizes, state["vad_mean"], state["vad_std"])
    net.load_state_dict(state)
    return net.eval()


def branch_inputs(
    torch: Any, net: Any, ids: list[list[int]], layers: int, batch_size: int = 128
) -> tuple[Any, np.ndarray]:
    """Token states entering the encoder's top ``layers`` layers, all texts in one float16 matrix, and
    row offsets."""
    lengths = np.array([len(x) for x in ids])
    offsets = np.concatenate([[0], np.cumsum(lengths)])
    flat = torch.zeros((int(offsets[-1]), net.encoder.config.hidden_size), dtype=torch.float16)
    order = sorted(range(len(ids)), key=lambda i: lengths[i])
    with torch.no_grad():
        for start in range(0, len(order), batch_size):
            part = order[start : start + batch_size]
            input_ids, mask = collate(torch, [ids[i] for i in part], 0)
            states = net.encoder(
                input_ids=input_ids,
                attention_mask=mask,
                token_type_ids=torch.zeros_like(input_ids),
                output_hidden_states=True,
            ).hidden_states[-1 - layers]
            for row, i in enumerate(part):
                flat[offsets[i] : offsets[i + 1]] = states[row, : lengths[i]].to(torch.float16)
    return flat, offsets


def narrow_feed_forward(torch: Any, layer: Any, keep: int) -> None:
    """Keep the ``keep`` feed-forward units of a BERT layer that matter most (norm of their input row times
    norm of their output column), dropping the rest: the feed-forward part is two thirds of a layer's work."""
    inner, outer = layer.intermediate.dense, layer.output.dense
    score = inner.weight.norm(dim=1) * outer.weight.norm(dim=0)
    kept = score.topk(min(keep, len(score))).indices.sort().values
    narrow_in = torch.nn.Linear(inner.in_features, len(kept))
    narrow_out = torch.nn.Linear(len(kept), outer.out_features)
    with torch.no_grad():
        narrow_in.weight.copy_(inner.weight[kept])
        narrow_in.bias.copy_(inner.bias[kept])
        narrow_out.weight.copy_(outer.weight[:, kept])
        narrow_out.bias.copy_(outer.bias)
    layer.intermediate.dense, layer.output.dense = narrow_in, narrow_out


def branch_forward(torch: Any, branch: Any, flat: Any, offsets: np.ndarray, rows: list[int]) -> Any:
    """Standardised V/A/D of the branch for some texts, from their cached input states."""
    lengths = [int(offsets[i + 1] - offsets[i]) for i in rows]
    states = torch.zeros((len(rows), max(lengths), flat.shape[1]))
    mask = torch.zeros((len(rows), max(lengths)), dtype=torch.long)
    for r, i in enumerate(rows):
        states[r, : lengths[r]] = flat[offsets[i] : offsets[i + 1]].float()
        mask[r, : lengths[r]] = 1
    return branch(states, mask)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--checkpoint", type=Path, required=True, help="stage-1 torch weights (train.py --checkpoint)")
    parser.add_argument("--ratings", type=Path, required=True, help="teacher ratings (teacher_ratings.py --out)")
    parser.add_argument("--data", type=Path, required=True, help="folder holding the datasets (../shared/data)")
    parser.add_argument("--model", type=Path, required=True, help="model folder to update (model.onnx, config.json)")
    parser.add_argument("--epochs", type=int, default=2)
    parser.add_argument("--batch-size", type=int, default=32)
    parser.add_argument("--layers", type=int, default=LAYERS, help="how many top encoder layers the branch copies")
    parser.add_argument(
        "--ffn", type=int, default=FFN, help="feed-forward width kept in each copied layer (0: all 1536)"
    )
    parser.add_argument("--lr", type=float, default=5e-4, help="learning rate of the copied layers")
    parser.add_argument("--gold-weight", type=float, default=0.5, help="weight of EmoBank gold vs the teacher")
    parser.add_argument("--seed", type=int, default=13)
    parser.add_argument("--limit", type=int, default=0, help="use only this many transfer texts (smoke test)")
    return parser


def main(argv: list[str] | None = None) -> dict[str, Any]:
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.layers < 1 or args.ffn < 0:
        parser.error("--layers must be 1 or more and --ffn 0 or more")
    torch = require_torch()
    from tokenizers import Tokenizer

    from affectkit.training.model import VadBranch

    require_inputs(
        [
            ("--checkpoint", args.checkpoint),
            ("--ratings", args.ratings),
            ("--model", args.model / "config.json"),
            *(("--data", path) for path in transfer_files(args.data)),
        ]
    )
    set_seed(args.seed)
    started = time.time()
    texts, rated, teacher_config = load_ratings(args.ratings)
    if args.limit:
        texts, rated = texts[: args.limit], rated[: args.limit]
    net = load_text_model(torch, args.checkpoint)
    if args.layers > len(net.encoder.encoder.layer):
        parser.error(f"--layers {args.layers}: the encoder has only {len(net.encoder.encoder.layer)} layers")
    mean, std = net.vad_mean, net.vad_std
    targets = (torch.tensor(rated, dtype=torch.float32) - mean) / std
    emobank = {s: load_emobank(args.data / "emobank", s) for s in ("train", "dev")}
    gold_dev = emobank["dev"].targets
    gold = dict(zip(emobank["train"].texts, emobank["train"].targets, strict=True))
    for i, text in enumerate(texts):
        if text in gold:
            own = (torch.tensor(gold[text], dtype=torch.float32) - mean) / std
            targets[i] = args.gold_weight * own + (1 - args.gold_weight) * targets[i]
    print(f"{len(texts)} rated texts; caching the inputs of the top {args.layers} layers ...", flush=True)

    tokenizer = Tokenizer.from_file(str(base_model_path() / "tokenizer.json"))
    ids = encode(tokenizer, texts, 128)
    dev_ids = encode(tokenizer, emobank["dev"].texts, 128)
    flat, offsets = branch_inputs(torch, net, ids, args.layers)
    dev_flat, dev_offsets = branch_inputs(torch, net, dev_ids, args.layers)

    top = [copy.deepcopy(layer) for layer in net.encoder.encoder.layer[-args.layers :]]
    if args.ffn:
        for layer in top:
            narrow_feed_forward(torch, layer, args.ffn)
    branch = VadBranch(top, copy.deepcopy(net.heads["vad"]))
    optimizer = torch.optim.AdamW(
        [{"params": branch.layers.parameters(), "lr": args.lr}, {"params": branch.head.parameters(), "lr": 1e-3}],
        weight_decay=0.01,
    )
    total = args.epochs * math.ceil(len(ids) / args.batch_size)
    scheduler = warmup_then_linear_decay(torch, optimizer, total)
    rng = random.Random(args.seed)
    lengths = [len(x) for x in ids]
    main_dev = predict_heads(torch, net, dev_ids, 0)["vad"]  # the main head's standardised V/A/D
    history: list[dict[str, Any]] = []
    best_valence, best_state, best_weight = -2.0, None, 1.0
    for epoch in range(args.epochs):
        branch.train()
        batches = make_batches(len(ids), lengths, args.batch_size, rng)
        rng.shuffle(batches)
        for batch in batches:
            loss = torch.nn.functional.mse_loss(branch_forward(torch, branch, flat, offsets, batch), targets[batch])
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
            scheduler.step()
        branch.eval()
        with torch.no_grad():
            branch_dev = branch_forward(torch, branch, dev_flat, dev_offsets, list(range(len(dev_ids)))).numpy()
        # The branch learns the teacher, the main head EmoBank's own ratings: their blend, weighted on dev,
        # beats either alone.
        weight, valence = max(
            ((w, pearson(w * branch_dev[:, 0] + (1 - w) * main_dev[:, 0], gold_dev[:, 0])) for w in BLEND_GRID),
            key=lambda pair: pair[1],
        )
        alone = {d: round(pearson(branch_dev[:, j], gold_dev[:, j]), 4) for j, d in enumerate(VAD_LABELS)}
        history.append(
            {
                "epoch": epoch + 1,
                "branch": alone,
                "weight": weight,
                "blend_valence": round(valence, 4),
                "seconds": round(time.time() - started),
            }
        )
        print(f"epoch {epoch + 1}: EmoBank dev r {alone}, blended valence {valence:.4f} at weight {weight}", flush=True)
        if valence > best_valence:
            best_valence, best_state, best_weight = valence, copy.deepcopy(branch.state_dict()), weight
    assert best_state is not None
    branch.load_state_dict(best_state)
    branch.weight = best_weight
    net.vad_branch = branch.eval()
    return update_model(torch, net, args, teacher_config, history, len(texts))


def update_model(
    torch: Any, net: Any, args: Any, teacher_config: dict[str, Any], history: list[dict[str, Any]], n_texts: int
) -> dict[str, Any]:
    """Rewrite the shipped graph with the branch taking part in its ``vad`` output; re-measure it on dev."""
    write_onnx(torch, net, args.model)
    config_path = args.model / "config.json"
    config = json.loads(config_path.read_text(encoding="utf-8"))
    config["heads"]["vad"]["source"] = "main head blended with a branch distilled from an all-mpnet-base-v2 teacher"
    config["training"]["vad_branch"] = {
        "teacher": {"base_model": teacher_config["base_model"], "dev": teacher_config["history"]},
        "transfer_texts": n_texts,
        "blend_weight": net.vad_branch.weight,
        **{
            k: getattr(args, k)
            for k in ("layers", "ffn", "epochs", "batch_size", "lr", "gold_weight", "seed", "limit")
        },
        "history": history,
    }
    data = config["training"]["data"]
    for path in transfer_files(args.data):
        data[str(path.relative_to(args.data))] = sha256_file(path)
    goemotions, emobank = args.data / "goemotions", args.data / "emobank"
    brighter = args.data / "semeval2025_task11_brighter"
    calibrate(
        config,
        SimpleNamespace(out=args.model),
        load_goemotions(goemotions, "dev"),
        load_group_mapping(goemotions, "ekman"),
        load_group_mapping(goemotions, "sentiment"),
        load_emobank(emobank, "dev"),
        load_brighter_intensity(brighter, "dev"),
    )
    config_path.write_text(json.dumps(config, indent=2) + "\n", encoding="utf-8")
    print(json.dumps(config["dev_metrics"], indent=2))
    return config


if __name__ == "__main__":
    main()
