"""Training of the crisis network (:mod:`affectkit.risk.network`) in torch, one member at a time.

The tokenizer and the token table of USE multilingual v3 stay frozen; a member learns, from each text's token ids:

* the head: a projection of each token's features whose max over the tokens is the local evidence, a hidden
  ReLU layer over the sentence vector and that evidence, and a logit per output;
* the dense layers after the convolutions and, with ``tune_convolutions``, the token projection and the n-gram
  convolutions (all started from the package's), at a learning rate ``ENCODER_LR`` well below the head's, so that
  the encoder moves towards what tells a crisis apart ("would never kill" from "want to kill") without
  forgetting.

A batch pads its texts to the longest. Padding tokens are zeroed before each convolution (a text's own ends see
zeros, as in the numpy forward pass) and their projections are set to 0 before the max over the tokens, which a
text's own ReLU outputs never fall below, so a padded batch reads exactly like one text at a time.
"""

from __future__ import annotations

import random
import time
from collections.abc import Sequence
from typing import Any

import numpy as np

from affectkit.risk.network import BRANCH, CHUNKS, CONVOLUTIONS, DENSE, EMBEDDING, HEAD, ORDERS, FrozenEncoder

LOCAL = 128  # units of the token projection whose max is the local evidence
HIDDEN = 256
EPOCHS = 4  # with the average from the second epoch on (on round 1 -> round 2 more epochs did not help)
BATCH = 32
HEAD_LR = 1e-3
ENCODER_LR = 1e-4
AVERAGE_FROM = 2  # the member averages its weights after each epoch from the second on
WEIGHT_DECAY = 0.01


def require_torch() -> Any:
    try:
        import torch
    except ImportError:
        raise SystemExit("training needs the 'train' extra: pip install 'affectkit[train]' (torch)") from None
    torch.set_num_threads(1)
    return torch


def _module(torch: Any, frozen: FrozenEncoder, outputs: int) -> Any:
    """A member (see the module docstring) started from the package's layers."""
    nn = torch.nn
    w = frozen._weights

    def linear(weight: np.ndarray, bias: np.ndarray | None = None) -> Any:
        layer = nn.Linear(weight.shape[0], weight.shape[1], bias=bias is not None)
        layer.weight.data = torch.from_numpy(np.ascontiguousarray(weight.T))
        if bias is not None:
            layer.bias.data = torch.from_numpy(bias.copy())
        return layer

    def convolution(weight: np.ndarray, bias: np.ndarray, n: int) -> Any:
        """The package's ``(n * 256, 256)`` window matrix as a 1-d convolution of width ``n``."""
        layer = nn.Conv1d(BRANCH, BRANCH, n)
        layer.weight.data = torch.from_numpy(np.ascontiguousarray(weight.reshape(n, BRANCH, BRANCH).transpose(2, 1, 0)))
        layer.bias.data = torch.from_numpy(bias.copy())
        return layer

    def layernorm(x: Any, gain: Any, bias: Any) -> Any:
        centred = x - x.mean(dim=-1, keepdim=True)
        return centred / ((centred * centred).mean(dim=-1, keepdim=True) + w["eps"]).sqrt() * gain + bias

    class Member(torch.nn.Module):
        """The token features of :meth:`affectkit.risk.network.FrozenEncoder.token_features`, the dense layers of
        :func:`affectkit.risk.network.sentence_vector` and the head."""

        def __init__(self) -> None:
            super().__init__()
            ids = np.arange(len(w["table"]))
            table = w["table"].astype(np.float32) * w["scale"][ids % CHUNKS, None] + w["lo"][ids % CHUNKS, None]
            self.register_buffer("table", torch.from_numpy(table))
            for key in ("ln0_g", "ln0_b", "ln_g", "ln_b"):
                self.register_buffer(key, torch.from_numpy(np.asarray(w[key], dtype=np.float32)))
            self.proj = linear(w["proj"], w["proj_b"])
            self.convolutions = nn.ModuleList(
                nn.ModuleList(convolution(w[f"w{layer}_{n}"], w[f"b{layer}_{n}"], n) for layer in (1, 2))
                for n, _ in ORDERS
            )
            self.cnn = linear(w["cnn_W"], w["cnn_b"])
            self.d0, self.p1, self.d1, self.d2, self.p3, self.d3 = (linear(w[k]) for k in DENSE[2:])
            self.local = nn.Linear(EMBEDDING + len(ORDERS) * BRANCH, LOCAL)
            self.hidden = nn.Linear(EMBEDDING + LOCAL, HIDDEN)
            self.out = nn.Linear(HIDDEN, outputs)

        def features(self, ids: Any, mask: Any) -> Any:
            """Token features, zero on padding."""
            embedded = self.table[ids]
            x = layernorm(self.proj(embedded), self.ln0_g, self.ln0_b) * mask[..., None]
            features = [embedded]
            for branch, ((n, left), (first, second)) in enumerate(zip(ORDERS, self.convolutions, strict=True)):
                xs = x[..., branch * BRANCH : (branch + 1) * BRANCH].transpose(1, 2)  # (texts, channels, tokens)
                pad = (left, n - 1 - left)
                h = (torch.relu(first(nn.functional.pad(xs, pad))) + xs) * mask[:, None, :]
                features.append((torch.relu(second(nn.functional.pad(h, pad))) + h).transpose(1, 2))
            return layernorm(torch.cat(features, dim=-1), self.ln_g, self.ln_b) * mask[..., None]

        def forward(self, ids: Any, lengths: Any) -> Any:
            mask = (torch.arange(ids.shape[1])[None, :] < lengths[:, None]).to(torch.float32)
            tokens = self.features(ids, mask)
            root = lengths.to(torch.float32).sqrt()[:, None]
            pooled = self.cnn(tokens.sum(dim=1) / root) + self.cnn.bias * (root - 1)
            y0 = torch.relu(self.d0(pooled))
            y1 = torch.relu(self.p1(pooled) + self.d1(y0))
            y2 = torch.relu(self.d2(y1))
            z = torch.tanh(self.p3(y1) + self.d3(y2))
            sentence = z / (z * z).sum(dim=1, keepdim=True).clamp_min(1e-12).sqrt()
            local = (torch.relu(self.local(tokens)) * mask[..., None]).amax(dim=1)
            return self.out(torch.relu(self.hidden(torch.cat([sentence, local], dim=1))))

        def groups(self) -> dict[str, list[Any]]:
            """The parameters by part: ``head``, ``dense``, ``convolutions`` (the token projection too)."""
            parts: dict[str, list[Any]] = {"head": [], "dense": [], "convolutions": []}
            for name, parameter in self.named_parameters():
                part = ("head" if name.startswith(("local.", "hidden.", "out."))
                        else "convolutions" if name.startswith(("proj.", "convolutions.")) else "dense")  # fmt: skip
                parts[part].append(parameter)
            return parts

    return Member()


def _batch(torch: Any, token_ids: Sequence[Sequence[int]], rows: Sequence[int]) -> tuple[Any, Any]:
    ids = np.zeros((len(rows), max(len(token_ids[i]) for i in rows)), dtype=np.int64)
    for j, i in enumerate(rows):
        ids[j, : len(token_ids[i])] = token_ids[i]
    return torch.from_numpy(ids), torch.tensor([len(token_ids[i]) for i in rows])


def _batches(lengths: Sequence[int], rng: random.Random) -> list[list[int]]:
    """Batches of texts of similar length (less padding), in random order."""
    order = sorted(range(len(lengths)), key=lambda i: (lengths[i], rng.random()))
    batches = [order[start : start + BATCH] for start in range(0, len(order), BATCH)]
    rng.shuffle(batches)
    return batches


def train_member(token_ids: Sequence[Sequence[int]], y: np.ndarray, weights: np.ndarray, seed: int,
                 epochs: int = EPOCHS, tune_convolutions: bool = True, average_from: int = AVERAGE_FROM,
                 frozen: FrozenEncoder | None = None, watch: Any = None) -> dict[str, np.ndarray]:  # fmt: skip
    """One member trained on the texts' token ids (:meth:`FrozenEncoder.token_ids`; see the module docstring);
    ``weights`` per text scale its loss. The member is the average of its weights after each epoch from
    ``average_from`` (1-based) on: one network that ranks like an ensemble of its epochs. ``watch(member_weights,
    name)`` sees the weights after each epoch and the running average, for experiments."""
    torch = require_torch()
    torch.manual_seed(seed)
    rng = random.Random(seed)
    model = _module(torch, frozen if frozen is not None else FrozenEncoder(), y.shape[1])
    parts = model.groups()
    groups = [{"params": parts["head"], "lr": HEAD_LR}, {"params": parts["dense"], "lr": ENCODER_LR}]
    if tune_convolutions:
        groups.append({"params": parts["convolutions"], "lr": ENCODER_LR})
    else:
        for parameter in parts["convolutions"]:
            parameter.requires_grad_(False)
    optimiser = torch.optim.AdamW(groups, weight_decay=WEIGHT_DECAY)
    targets, scale = torch.from_numpy(y), torch.from_numpy(weights.astype(np.float32))
    total_weights: dict[str, Any] = {}
    averaged = 0
    for epoch in range(epochs):
        started, total, seen = time.perf_counter(), 0.0, 0.0
        model.train()
        for rows in _batches([len(ids) for ids in token_ids], rng):
            logits = model(*_batch(torch, token_ids, rows))
            loss = torch.nn.functional.binary_cross_entropy_with_logits(logits, targets[rows], reduction="none")
            loss = (loss.mean(dim=1) * scale[rows]).sum() / scale[rows].sum()
            optimiser.zero_grad()
            loss.backward()
            optimiser.step()
            total += float(loss.detach()) * len(rows)
            seen += len(rows)
        print(f"  member {seed} epoch {epoch + 1}: loss {total / seen:.4f} ({time.perf_counter() - started:.0f} s)",
              flush=True)  # fmt: skip
        current = export(model, tune_convolutions)
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


def export(model: Any, convolutions: bool) -> dict[str, np.ndarray]:
    """A member's weights under the names of :mod:`affectkit.risk.network` (weights as ``(in, out)``); the
    convolutions only when they were tuned."""
    state = {name: p.detach().numpy().copy() for name, p in model.named_parameters()}
    weights = {"local_w": state["local.weight"].T, "local_b": state["local.bias"],
               "hidden_w": state["hidden.weight"].T, "hidden_b": state["hidden.bias"],
               "out_w": state["out.weight"].T, "out_b": state["out.bias"],
               "cnn_W": state["cnn.weight"].T, "cnn_b": state["cnn.bias"]}  # fmt: skip
    weights.update({key: state[f"{key}.weight"].T for key in DENSE[2:]})
    if convolutions:
        weights.update({"proj": state["proj.weight"].T, "proj_b": state["proj.bias"]})
        for branch, (n, _) in enumerate(ORDERS):
            for layer in (1, 2):
                name = f"convolutions.{branch}.{layer - 1}"
                kernel = state[f"{name}.weight"]  # (out, in, n)
                weights[f"w{layer}_{n}"] = kernel.transpose(2, 1, 0).reshape(n * BRANCH, BRANCH)
                weights[f"b{layer}_{n}"] = state[f"{name}.bias"]
    assert set(weights) == set(HEAD) | set(DENSE) | (set(CONVOLUTIONS) if convolutions else set())
    return {key: np.ascontiguousarray(value, dtype=np.float32) for key, value in weights.items()}
