"""Training of the crisis network (:mod:`affectkit.risk.network`) in torch, one member at a time.

The tokenizer, token table and convolutions of USE multilingual v3 stay frozen, so every text's token features
are computed once by the run-time code itself (:meth:`~affectkit.risk.network.FrozenEncoder.token_features`) and
kept in a cache file; a member then learns, from those features:

* the head: a projection of each token's features whose max over the tokens is the local evidence, a hidden
  ReLU layer over the sentence vector and that evidence, and a logit per output;
* the dense layers after the convolutions (started from the package's), at a learning rate ``DENSE_LR`` well
  below the head's, so that the sentence vector moves towards what tells a crisis apart without forgetting.

A batch pads its texts to the longest; the padding rows' projections are set to 0 before the max over the tokens,
which a text's own ReLU outputs never fall below, so a padded batch reads exactly like one text at a time.
"""

from __future__ import annotations

import random
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np

from affectkit.risk.network import DENSE, FEATURES, HEAD, FrozenEncoder

LOCAL = 128  # units of the token projection whose max is the local evidence
HIDDEN = 256
EPOCHS = 4  # with the average from the second epoch on (on round 1 -> round 2 more epochs did not help)
BATCH = 32
HEAD_LR = 1e-3
DENSE_LR = 1e-4
AVERAGE_FROM = 2  # the member averages its weights after each epoch from the second on
WEIGHT_DECAY = 0.01


def require_torch() -> Any:
    try:
        import torch
    except ImportError:
        raise SystemExit("training needs the 'train' extra: pip install 'affectkit[train]' (torch)") from None
    torch.set_num_threads(1)
    return torch


class TokenFeatureCache:
    """Token features by text (float16; the sum over the tokens in float32), kept in an ``.npz`` file so that a
    rerun computes only new texts."""

    def __init__(self, path: Path, frozen: FrozenEncoder | None = None) -> None:
        self.path = path
        self.frozen = frozen if frozen is not None else FrozenEncoder()
        self.features: dict[str, np.ndarray] = {}
        self.sums: dict[str, np.ndarray] = {}
        if path.is_file():
            with np.load(path, allow_pickle=False) as data:
                texts = data["texts"].tolist()
                bounds = np.concatenate([[0], np.cumsum(data["lengths"])])
                stacked, sums = data["features"], data["sums"]
            for i, text in enumerate(texts):
                self.features[text] = stacked[bounds[i] : bounds[i + 1]]
                self.sums[text] = sums[i]

    def __call__(self, texts: Sequence[str]) -> tuple[list[np.ndarray], np.ndarray]:
        """The token features of each text and their sums, shape ``(len(texts), 1280)``."""
        missing = list(dict.fromkeys(t for t in texts if t not in self.features))
        started = time.perf_counter()
        for done, text in enumerate(missing, 1):
            features = self.frozen.token_features(text)
            self.features[text] = features.astype(np.float16)
            self.sums[text] = features.sum(axis=0)
            if done % 5000 == 0 or done == len(missing):
                print(f"  token features {done}/{len(missing)} ({time.perf_counter() - started:.0f} s)", flush=True)
        if missing:
            self.save()
        sums = np.stack([self.sums[t] for t in texts]) if texts else np.zeros((0, FEATURES), np.float32)
        return [self.features[t] for t in texts], sums

    def save(self) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        texts = list(self.features)
        np.savez(self.path, texts=np.array(texts), lengths=np.array([len(self.features[t]) for t in texts]),
                 features=np.concatenate([self.features[t] for t in texts]),
                 sums=np.stack([self.sums[t] for t in texts]))  # fmt: skip


def _module(torch: Any, dense: dict[str, np.ndarray], outputs: int) -> Any:
    nn = torch.nn

    def linear(weight: np.ndarray, bias: np.ndarray | None = None) -> Any:
        layer = nn.Linear(weight.shape[0], weight.shape[1], bias=bias is not None)
        layer.weight.data = torch.from_numpy(np.ascontiguousarray(weight.T))
        if bias is not None:
            layer.bias.data = torch.from_numpy(bias.copy())
        return layer

    class Member(torch.nn.Module):
        """One member: the dense layers of :func:`affectkit.risk.network.sentence_vector` and the head."""

        def __init__(self) -> None:
            super().__init__()
            self.cnn = linear(dense["cnn_W"], dense["cnn_b"])
            self.d0, self.p1, self.d1, self.d2, self.p3, self.d3 = (linear(dense[k]) for k in DENSE[2:])
            self.local = nn.Linear(FEATURES, LOCAL)
            self.hidden = nn.Linear(EMBED + LOCAL, HIDDEN)
            self.out = nn.Linear(HIDDEN, outputs)

        def forward(self, tokens: Any, sums: Any, lengths: Any) -> Any:
            mask = (torch.arange(tokens.shape[1])[None, :] < lengths[:, None]).to(tokens.dtype)
            pooled = self.cnn(sums / lengths.sqrt()[:, None]) + self.cnn.bias * (lengths.sqrt()[:, None] - 1)
            y0 = torch.relu(self.d0(pooled))
            y1 = torch.relu(self.p1(pooled) + self.d1(y0))
            y2 = torch.relu(self.d2(y1))
            z = torch.tanh(self.p3(y1) + self.d3(y2))
            sentence = z / (z * z).sum(dim=1, keepdim=True).clamp_min(1e-12).sqrt()
            local = (torch.relu(self.local(tokens)) * mask[..., None]).amax(dim=1)
            return self.out(torch.relu(self.hidden(torch.cat([sentence, local], dim=1))))

        def dense_parameters(self) -> list[Any]:
            return [p for name, p in self.named_parameters() if not name.startswith(("local.", "hidden.", "out."))]

        def head_parameters(self) -> list[Any]:
            return [p for name, p in self.named_parameters() if name.startswith(("local.", "hidden.", "out."))]

    return Member()


EMBED = 512


def _batch(torch: Any, features: list[np.ndarray], sums: np.ndarray, rows: Sequence[int]) -> tuple[Any, Any, Any]:
    longest = max(len(features[i]) for i in rows)
    tokens = np.zeros((len(rows), longest, FEATURES), dtype=np.float32)
    for j, i in enumerate(rows):
        tokens[j, : len(features[i])] = features[i]
    lengths = np.array([len(features[i]) for i in rows], dtype=np.float32)
    return torch.from_numpy(tokens), torch.from_numpy(sums[list(rows)]), torch.from_numpy(lengths)


def _batches(lengths: Sequence[int], rng: random.Random) -> list[list[int]]:
    """Batches of texts of similar length (less padding), in random order."""
    order = sorted(range(len(lengths)), key=lambda i: (lengths[i], rng.random()))
    batches = [order[start : start + BATCH] for start in range(0, len(order), BATCH)]
    rng.shuffle(batches)
    return batches


def train_member(features: list[np.ndarray], sums: np.ndarray, y: np.ndarray, weights: np.ndarray, seed: int,
                 epochs: int = EPOCHS, dense_lr: float = DENSE_LR, average_from: int = AVERAGE_FROM,
                 watch: Any = None) -> dict[str, np.ndarray]:  # fmt: skip
    """One member trained on token features (see the module docstring); ``weights`` per text scale its loss. The
    member is the average of its weights after each epoch from ``average_from`` (1-based) on: one network that
    ranks like an ensemble of its epochs. ``watch(member_weights, name)`` sees the weights after each epoch and
    the running average, for experiments."""
    torch = require_torch()
    torch.manual_seed(seed)
    rng = random.Random(seed)
    model = _module(torch, FrozenEncoder().dense, y.shape[1])
    groups = [{"params": model.head_parameters(), "lr": HEAD_LR}]
    if dense_lr > 0:
        groups.append({"params": model.dense_parameters(), "lr": dense_lr})
    else:
        for parameter in model.dense_parameters():
            parameter.requires_grad_(False)
    optimiser = torch.optim.AdamW(groups, weight_decay=WEIGHT_DECAY)
    targets, scale = torch.from_numpy(y), torch.from_numpy(weights.astype(np.float32))
    lengths = [len(f) for f in features]
    total_weights: dict[str, Any] = {}
    averaged = 0
    for epoch in range(epochs):
        started, total, seen = time.perf_counter(), 0.0, 0.0
        model.train()
        for rows in _batches(lengths, rng):
            logits = model(*_batch(torch, features, sums, rows))
            loss = torch.nn.functional.binary_cross_entropy_with_logits(logits, targets[rows], reduction="none")
            loss = (loss.mean(dim=1) * scale[rows]).sum() / scale[rows].sum()
            optimiser.zero_grad()
            loss.backward()
            optimiser.step()
            total += float(loss.detach()) * len(rows)
            seen += len(rows)
        print(f"  member {seed} epoch {epoch + 1}: loss {total / seen:.4f} ({time.perf_counter() - started:.0f} s)",
              flush=True)  # fmt: skip
        current = export(model, dense_lr > 0)
        if epoch + 1 >= average_from:
            averaged += 1
            for key, value in current.items():
                total_weights[key] = total_weights.get(key, 0.0) + value
        if watch is not None:
            watch(current, f"epoch {epoch + 1}")
            if averaged > 1:
                watch({k: v / averaged for k, v in total_weights.items()}, f"average {average_from}-{epoch + 1}")
    if not averaged:
        return current
    return {key: (value / averaged).astype(np.float32) for key, value in total_weights.items()}


def export(model: Any, tuned: bool) -> dict[str, np.ndarray]:
    """A member's weights under the names of :mod:`affectkit.risk.network` (weights as ``(in, out)``)."""
    state = {name: p.detach().numpy().copy() for name, p in model.named_parameters()}
    weights = {"local_w": state["local.weight"].T, "local_b": state["local.bias"],
               "hidden_w": state["hidden.weight"].T, "hidden_b": state["hidden.bias"],
               "out_w": state["out.weight"].T, "out_b": state["out.bias"]}  # fmt: skip
    if tuned:
        weights.update({"cnn_W": state["cnn.weight"].T, "cnn_b": state["cnn.bias"]})
        weights.update({key: state[f"{key}.weight"].T for key in DENSE[2:]})
    assert set(weights) == set(HEAD) | (set(DENSE) if tuned else set())
    return {key: np.ascontiguousarray(value, dtype=np.float32) for key, value in weights.items()}
