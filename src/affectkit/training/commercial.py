"""Rebuild the heads of the ``commercial`` licence profile: ``conversation-edos-minilm`` and ``strategy-edos-minilm``.

Needs the ``train`` extra. Only data whose licence permits commercial use is read: EDOS's human-labelled
dialogues (CC BY 4.0), XED English (CC BY 4.0), GoEmotions dev (Apache-2.0) and our own dialogues in
``data/chat`` (written for affectkit; see its README)::

    python -m affectkit.training.commercial --edos ../shared/data/edos --xed ../shared/data/xed \\
        --goemotions ../shared/data/goemotions --chat data/chat --epochs 15 \\
        --conversation-out src/affectkit/models/conversation-edos-minilm \\
        --strategy-out src/affectkit/models/strategy-edos-minilm --cache build/commercial-features.npz

The heads, their features and their training loop are those of the non-commercial heads
(:mod:`affectkit.training.conversation`, :mod:`affectkit.training.strategy`); the data differ.

* EDOS labels the last turn of a short movie dialogue; the other turns are its context. Speakers are not
  given: turns are taken to alternate, the last one's speaker answering the turn before it.
* Split: :func:`affectkit.datasets.edos_bucket` of the ``DialogID`` (SHA-256, 20 buckets): 0-2 test (never
  read here), 3-4 dev (the tagger's epoch, the debiasing strength), 5-19 train.
* Labels: the three annotators' answers are mapped (``schemes/edos-41.json``) and a row is kept when at least 2
  of the 3 mapped answers agree (:func:`affectkit.datasets.edos_label`).
* ``turn_emotion.onnx`` / ``turn_emotion_nocontext.onnx``: Ekman-7 of a turn, in context and alone, trained on
  XED English train lines (neutral ones included) and the GoEmotions dev comments whose labels all fall in one
  Ekman group, as one-turn dialogues (the text model was trained on GoEmotions train, so its features on train
  would be too confident); with ``--own-weight N``, also N copies of every turn of our own everyday training
  dialogues in context (``data/chat/train_everyday_*.jsonl``, :data:`OWN_TRAIN`; not in the shipped version 2:
  the candidate trained with them, N=20, scored better on our dev dialogues and on EDOS and worse on everyday
  chat, see the model card). EDOS's labelled last turns only
  with ``--edos-turns``: EDOS was sampled for emotional turns, and a head trained on it reads everyday chat as
  emotional far too often. The epoch and the neutral log-offset (:data:`TURN_OFFSETS`) are chosen on our other
  everyday dialogues (``data/chat/everyday_*.jsonl``, :data:`OWN_DEV`, every turn labelled, mostly neutral),
  which are not training rows.
* ``tagger.onnx``: the ESConv strategy an agent turn used, from EDOS's response intents (5 of the 8 strategies
  have an intent that maps to them; the other 3 get probability 0). ``next_strategy.onnx``: the strategy of the
  last turn from the turns before it, the agent's earlier turns tagged by the tagger as at run time (those
  turns are never tagger training rows, so no cross-fitting is needed), trained on EDOS and ``--support-weight``
  copies of the rows of our support conversations (``data/chat/support.jsonl``), the last of
  ``--support-epochs`` epochs kept. The prior correction of ``debias=True`` is fitted on EDOS dev.
"""

from __future__ import annotations

import argparse
import json
import random
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np

from affectkit.conversation.features import CONTEXT_DIM, context_row
from affectkit.datasets import (
    EDOS_FILE,
    EdosDialogue,
    edos_label,
    edos_mapping,
    load_edos,
    load_goemotions,
    load_xed_english_ekman,
    sha256_file,
)
from affectkit.metrics.strategy import strategy_report
from affectkit.planning.labels import STRATEGIES
from affectkit.planning.strategy import next_row, tagger_rows
from affectkit.recognizers import DEFAULT
from affectkit.schemes import load_scheme
from affectkit.training import require_inputs, require_torch
from affectkit.training.conversation import EKMAN, export, logits, softmax, train_mlp, train_turn_heads
from affectkit.training.features_cache import FeatureCache

COVERED = [s for s in STRATEGIES if s in set(edos_mapping("esconv-8").values())]
UNCOVERED_LOGIT = -1e4  # a strategy with no permissive training data: probability 0 after the softmax
CHAT_DIR = Path("data/chat")  # our own dialogues, relative to the repository root (see its README.md)
OWN_TRAIN = "train_everyday_*.jsonl"
"""Our own everyday dialogues written as training rows for the turn heads (``--own-weight``; off in the shipped
version: with them the head chose better on our dev dialogues and worse on everyday chat, see the card)."""
OWN_DEV = "everyday_*.jsonl"  # our own everyday dialogues that choose the turn heads (never training rows)
TURN_VERSION = "2"  # the shipped turn heads; "3-candidate" when trained with --own-weight (not shipped)
TURN_OFFSETS = tuple(float(v) for v in np.round(np.arange(-3.0, 6.01, 0.1), 2))
"""Neutral log-offsets tried on the chat dev set: everyday chat is mostly neutral, so the best shift can be
larger than the default trainer's grid (-3..3) allows."""


def load_chat(folder: Path, pattern: str) -> list[dict[str, Any]]:
    """Our own dialogues (``data/chat``): one JSON object per line, ``{"id": ..., "turns": [[speaker, label,
    text], ...]}``, from the files of ``folder`` matching ``pattern`` (sorted by name). ``label`` is the Ekman-7
    emotion of the turn in ``everyday_*.jsonl`` and the ESConv strategy of an assistant turn (``None`` for the
    user's turns) in ``support.jsonl``.

    Example:
        >>> dialogues = load_chat(Path(__file__).resolve().parents[3] / "data" / "chat", "everyday_*.jsonl")
        >>> {label for d in dialogues for _, label, _ in d["turns"]} <= set(EKMAN)
        True
    """
    dialogues = []
    for path in sorted(folder.glob(pattern)):
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                dialogues.append(json.loads(line))
    return dialogues


def chat_turn_rows(dialogues: Sequence[dict[str, Any]], cache: FeatureCache) -> tuple[np.ndarray, np.ndarray]:
    """Context features and Ekman-7 labels of every turn of our everyday dialogues."""
    xs: list[np.ndarray] = []
    ys: list[int] = []
    for d in dialogues:
        speakers = [speaker for speaker, _, _ in d["turns"]]
        vectors = cache.vectors([text for _, _, text in d["turns"]])
        xs.extend(context_row(vectors, speakers, i) for i in range(len(speakers)))
        ys.extend(EKMAN.index(label) for _, label, _ in d["turns"])
    return np.stack(xs), np.array(ys)


def speakers_of(dialogue: EdosDialogue) -> list[str]:
    """Alternating speakers ending with ``"B"`` (the labelled last turn).

    Example:
        >>> speakers_of(EdosDialogue("1", ["a", "b", "c"], None, ("", "", "")))
        ['B', 'A', 'B']
    """
    n = len(dialogue.turns)
    return ["AB"[(n - i) % 2] for i in range(n)]


def turn_rows(dialogues: Sequence[EdosDialogue], cache: FeatureCache) -> tuple[np.ndarray, np.ndarray]:
    """Context features of the last turn of each dialogue with an Ekman label, and the labels."""
    mapping = edos_mapping("ekman-7")
    xs, ys = [], []
    for d in dialogues:
        label = edos_label(d, mapping)
        if label is None:
            continue
        xs.append(context_row(cache.vectors(d.turns), speakers_of(d), len(d.turns) - 1))
        ys.append(EKMAN.index(label))
    return np.stack(xs), np.array(ys)


def goemotions_rows(folder: Path, cache: FeatureCache, limit: int = 0) -> tuple[np.ndarray, np.ndarray]:
    """GoEmotions dev comments whose labels all fall in one Ekman-7 group, as one-turn dialogues (the first
    ``limit`` of them when ``limit`` is not 0)."""
    split = load_goemotions(folder, "dev")
    group = load_scheme("ekman-7").group_of()
    texts, ys = [], []
    for text, row in zip(split.texts, split.targets, strict=True):
        groups = {group[split.labels[k]] for k in np.flatnonzero(row)}
        if len(groups) == 1:
            texts.append(text)
            ys.append(EKMAN.index(groups.pop()))
    if limit:
        texts, ys = texts[:limit], ys[:limit]
    vectors = cache.vectors(texts)
    return np.stack([context_row(vectors[i : i + 1], ["A"], 0) for i in range(len(texts))]), np.array(ys)


def xed_rows(folder: Path, split: str, cache: FeatureCache, limit: int = 0) -> tuple[np.ndarray, np.ndarray]:
    """XED English subtitle lines with one Ekman label, neutral lines included, as one-turn dialogues (every
    ``len // limit``-th line when ``limit`` is not 0, so that a smoke test sees every label)."""
    rows = load_xed_english_ekman(folder, split)
    if limit:
        rows = rows[:: max(1, len(rows) // limit)][:limit]
    vectors = cache.vectors([text for text, _ in rows], progress=True)
    x = np.stack([context_row(vectors[i : i + 1], ["A"], 0) for i in range(len(rows))])
    return x, np.array([EKMAN.index(label) for _, label in rows])


def agent_flags(dialogue: EdosDialogue) -> list[bool]:
    """Which turns are the agent's: the last (labelled) one and every second turn before it."""
    n = len(dialogue.turns)
    return [(n - 1 - i) % 2 == 0 for i in range(n)]


def strategy_rows(dialogues: Sequence[EdosDialogue], cache: FeatureCache) -> tuple[list[EdosDialogue], np.ndarray]:
    """The dialogues whose last turn has a strategy label (mapped from EDOS's intents), and the labels as
    indices into :data:`COVERED`."""
    mapping = edos_mapping("esconv-8")
    kept, ys = [], []
    for d in dialogues:
        label = edos_label(d, mapping)
        if label is not None:
            kept.append(d)
            ys.append(COVERED.index(label))
    cache.vectors([t for d in kept for t in d.turns])
    return kept, np.array(ys)


def support_rows(dialogues: Sequence[dict[str, Any]], cache: FeatureCache,
                 tag: Any) -> tuple[np.ndarray, np.ndarray]:
    """Next-strategy rows of our support conversations: one per assistant turn whose strategy is covered, from
    the turns before it, the assistant's earlier turns tagged by ``tag`` (tagger rows -> 8 probabilities) as at
    run time; labels are indices into :data:`COVERED`."""
    xs, ys = [], []
    for d in dialogues:
        texts = [text for _, _, text in d["turns"]]
        vectors, agent = cache.vectors(texts), [speaker == "assistant" for speaker, _, _ in d["turns"]]
        tags = tag(tagger_rows(vectors, agent))
        for i, (speaker, label, _) in enumerate(d["turns"]):
            if speaker == "assistant" and label in COVERED:
                xs.append(next_row(vectors[:i], agent[:i], tags[:i], texts[:i]))
                ys.append(COVERED.index(label))
    return np.stack(xs), np.array(ys)


def pad_to_strategies(torch: Any, model: Any) -> Any:
    """``model`` (logits over :data:`COVERED`) followed by a fixed linear map onto the 8 ESConv strategies, the
    strategies not covered getting logit ``UNCOVERED_LOGIT``."""
    pad = torch.nn.Linear(len(COVERED), len(STRATEGIES))
    with torch.no_grad():
        pad.weight.zero_()
        pad.bias.fill_(UNCOVERED_LOGIT)
        for k, name in enumerate(COVERED):
            pad.weight[STRATEGIES.index(name), k] = 1.0
            pad.bias[STRATEGIES.index(name)] = 0.0
    return torch.nn.Sequential(model, pad).eval()


def covered_macro_f1(gold: np.ndarray, predicted: np.ndarray) -> float:
    return strategy_report([COVERED[k] for k in gold], [COVERED[k] for k in predicted], COVERED).macro_f1


def main(argv: list[str] | None = None) -> dict[str, Any]:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--edos", type=Path, required=True)
    parser.add_argument("--goemotions", type=Path, default=None, help="add GoEmotions dev to the turn heads")
    parser.add_argument("--xed", type=Path, default=None,
                        help="add XED English lines (neutral ones included) to the turn heads: train part to "
                        "train, dev part to the dev set")
    parser.add_argument("--chat", type=Path, default=CHAT_DIR,
                        help="our own dialogues: dev set of the turn heads and of the strategy heads")
    parser.add_argument("--own-weight", type=int, default=0,
                        help=f"copies of the turns of our own training dialogues ({OWN_TRAIN} in --chat) added to "
                        "the turn heads' training rows (0, the shipped version 2: none; 20: the version-3 candidate "
                        "that was not shipped, see the card)")
    parser.add_argument("--edos-turns", action=argparse.BooleanOptionalAction, default=False,
                        help="also train the turn heads on EDOS's labelled last turns (off: on our everyday dev "
                        "dialogues they read chat as emotional far too often)")
    parser.add_argument("--support-weight", type=int, default=20,
                        help="copies of our support conversations' rows added to the next-strategy head's training "
                        "rows (0: EDOS only)")
    parser.add_argument("--support-epochs", type=int, default=15,
                        help="epochs of the next-strategy head when our support rows are in training (the last "
                        "one is kept)")
    parser.add_argument("--heads", choices=["all", "conversation", "strategy"], default="all")
    parser.add_argument("--conversation-out", type=Path, required=True)
    parser.add_argument("--strategy-out", type=Path, required=True)
    parser.add_argument("--cache", type=Path, default=None, help="feature cache file (under build/)")
    parser.add_argument("--encoder", default=DEFAULT, help="recognizer giving utterance vectors")
    parser.add_argument("--seed", type=int, default=13)
    parser.add_argument("--epochs", type=int, default=30)
    parser.add_argument("--limit", type=int, default=0, help="dialogues per split (smoke test)")
    args = parser.parse_args(argv)
    require_inputs([("--edos", args.edos / EDOS_FILE), ("--chat", args.chat)]
                   + ([("--goemotions", args.goemotions)] if args.goemotions is not None else [])
                   + ([("--xed", args.xed)] if args.xed is not None else []))
    torch = require_torch()
    from affectkit.recognizers import get_recognizer

    random.seed(args.seed)
    np.random.seed(args.seed)
    recognizer = get_recognizer(args.encoder)
    cache = FeatureCache(args.cache, recognizer)

    def cut(dialogues: list[EdosDialogue]) -> list[EdosDialogue]:
        return dialogues[: args.limit] if args.limit else dialogues

    train, dev = cut(load_edos(args.edos, "train")), cut(load_edos(args.edos, "dev"))
    cache.vectors([t for d in train + dev for t in d.turns], progress=True)
    files = {f"edos/{EDOS_FILE}": sha256_file(args.edos / EDOS_FILE)}

    conversation = train_conversation(args, torch, cache, train, dev, dict(files)) if args.heads != "strategy" else {}
    strategy = train_strategy(args, torch, cache, train, dev, files) if args.heads != "conversation" else {}
    print(json.dumps({"conversation": conversation.get("dev_metrics"), "strategy": strategy.get("dev_metrics")},
                     indent=2))
    return {"conversation": conversation, "strategy": strategy}


def train_conversation(args: argparse.Namespace, torch: Any, cache: FeatureCache, train: list[EdosDialogue],
                       dev: list[EdosDialogue], files: dict[str, str]) -> dict[str, Any]:
    """The turn heads (see the module docstring); writes them and their config to ``--conversation-out``."""
    from affectkit.recognizers.heads import ONNXHeads

    sources = []
    x, y = np.zeros((0, CONTEXT_DIM), dtype=np.float32), np.zeros(0, dtype=int)
    if args.edos_turns:
        x, y = turn_rows(train, cache)
        sources.append("EDOS CC BY 4.0")
    else:
        files.pop(f"edos/{EDOS_FILE}")
    edos_rows = len(y)
    chat = load_chat(args.chat, OWN_DEV)
    x_dev, y_dev = chat_turn_rows(chat, cache)
    for name in sorted(p.name for p in args.chat.glob(OWN_DEV)):
        files[f"chat/{name}"] = sha256_file(args.chat / name)
    own_rows = 0
    if args.own_weight:
        own = load_chat(args.chat, OWN_TRAIN)
        ox, oy = chat_turn_rows(own, cache)
        x, y = np.concatenate([x] + [ox] * args.own_weight), np.concatenate([y] + [oy] * args.own_weight)
        own_rows = len(oy)
        for name in sorted(p.name for p in args.chat.glob(OWN_TRAIN)):
            files[f"chat/{name}"] = sha256_file(args.chat / name)
    if args.goemotions is not None:
        gx, gy = goemotions_rows(args.goemotions, cache, args.limit)
        x, y = np.concatenate([x, gx]), np.concatenate([y, gy])
        files["goemotions/dev.tsv"] = sha256_file(args.goemotions / "dev.tsv")
        sources.append("GoEmotions Apache-2.0")
    if args.xed is not None:
        xx, xy = xed_rows(args.xed, "train", cache, args.limit)
        x, y = np.concatenate([x, xx]), np.concatenate([y, xy])
        for name in ("en-annotated.tsv", "neu_en.txt"):
            files[f"xed/{name}"] = sha256_file(args.xed / name)
        sources.append("XED CC BY 4.0")

    out = args.conversation_out
    out.mkdir(parents=True, exist_ok=True)
    heads, dev_metrics = train_turn_heads(torch, x, y, x_dev, y_dev, out, args.seed, args.epochs, TURN_OFFSETS)
    if own_rows:
        sources.append("our own everyday dialogues (train and dev)")
    else:
        sources.append("our own everyday dialogues (dev)")
    conversation: dict[str, Any] = {
        "name": "conversation-edos-minilm", "version": "3-candidate" if own_rows else TURN_VERSION,
        "encoder": cache.recognizer.model_id, "labels": EKMAN,
        "licence": f"commercial use permitted (training data: {', '.join(sources)})",
        "heads": heads, "dev_metrics": dev_metrics,
    }
    conversation["training"] = {
        "seed": args.seed, "epochs": args.epochs, "limit": args.limit, "edos_rows": edos_rows,
        "own_rows": own_rows, "own_weight": args.own_weight,
        "other_rows": int(len(y) - edos_rows - own_rows * args.own_weight), "dev_rows": int(len(y_dev)),
        "dev": f"our everyday dialogues ({args.chat.as_posix()}/everyday_*.jsonl, {len(chat)} dialogues): epoch and "
               "neutral log-offset",
        "split": ("edos_bucket(DialogID): SHA-256 of 'edos:'+DialogID mod 20; 0-2 test, 3-4 dev, 5-19 train; "
                  if args.edos_turns else "")
                 + ("XED: SHA-256 of the text mod 10, 0-1 test, 2 dev, 3-9 train (train read)"
                    if args.xed is not None else ""),
        "data": dict(files),
    }
    (out / "config.json").write_text(json.dumps(conversation, indent=2) + "\n", encoding="utf-8")
    ONNXHeads(out)  # fails loudly if what was written does not load
    return conversation


def train_strategy(args: argparse.Namespace, torch: Any, cache: FeatureCache, train: list[EdosDialogue],
                   dev: list[EdosDialogue], files: dict[str, str]) -> dict[str, Any]:
    """The strategy heads (see the module docstring); writes them and their config to ``--strategy-out``."""
    from affectkit.planning.debias import PriorDebiaser
    from affectkit.planning.strategy import StrategyModel

    split = "edos_bucket(DialogID): SHA-256 of 'edos:'+DialogID mod 20; 0-2 test, 3-4 dev, 5-19 train"
    s_train, sy = strategy_rows(train, cache)
    s_dev, sy_dev = strategy_rows(dev, cache)

    def tagger_data(dialogues: list[EdosDialogue]) -> np.ndarray:
        return np.stack([tagger_rows(cache.vectors(d.turns), agent_flags(d))[-1] for d in dialogues])

    def f1_score(model: Any, xd: np.ndarray, yd: np.ndarray) -> float:
        return covered_macro_f1(yd, logits(torch, model, xd).argmax(1))

    x_tag_dev = tagger_data(s_dev)
    tagger, _ = train_mlp(torch, tagger_data(s_train), sy, x_tag_dev, sy_dev, len(COVERED), f1_score, args.seed,
                          args.epochs)
    tagger8 = pad_to_strategies(torch, tagger)

    def next_data(dialogues: list[EdosDialogue]) -> np.ndarray:
        rows = []
        for d in dialogues:
            vectors, agent = cache.vectors(d.turns), agent_flags(d)
            tags = softmax(logits(torch, tagger8, tagger_rows(vectors, agent)))
            n = len(d.turns) - 1
            rows.append(next_row(vectors[:n], agent[:n], tags[:n], d.turns[:n]))
        return np.stack(rows)

    nx, nx_dev = next_data(s_train), next_data(s_dev)
    support = load_chat(args.chat, "support.jsonl")
    sx, ssy = support_rows(support, cache, lambda rows: softmax(logits(torch, tagger8, rows)))
    epochs = args.epochs if args.support_weight == 0 else args.support_epochs
    x_next = np.concatenate([nx] + [sx] * args.support_weight)
    y_next = np.concatenate([sy] + [ssy] * args.support_weight)
    calls = iter(range(epochs))

    def last_epoch(model: Any, xd: np.ndarray, yd: np.ndarray) -> float:
        return float(next(calls))  # grows every epoch: the last one is kept

    model, _ = train_mlp(torch, x_next, y_next, nx_dev, sy_dev, len(COVERED),
                         last_epoch if args.support_weight else f1_score, args.seed, epochs)
    model8 = pad_to_strategies(torch, model)
    dev_probabilities = softmax(logits(torch, model8, nx_dev))
    debiaser = PriorDebiaser(alpha="auto").fit(dev_probabilities, [COVERED[k] for k in sy_dev])

    out = args.strategy_out
    out.mkdir(parents=True, exist_ok=True)
    export(torch, tagger8, x_tag_dev.shape[1], out / "tagger.onnx", "softmax")
    export(torch, model8, nx.shape[1], out / "next_strategy.onnx", "softmax")
    dev_predicted = np.array([COVERED.index(STRATEGIES[k]) for k in dev_probabilities.argmax(1)])
    tag_predicted = np.array([COVERED.index(STRATEGIES[k])
                              for k in logits(torch, tagger8, x_tag_dev).argmax(1)])
    sources = "EDOS CC BY 4.0" + (", our own support conversations" if args.support_weight else "")
    strategy: dict[str, Any] = {
        "name": "strategy-edos-minilm", "version": "2", "encoder": cache.recognizer.model_id,
        "labels": list(STRATEGIES), "covered": COVERED,
        "licence": f"commercial use permitted (training data: {sources})",
        "heads": {"tagger": {"file": "tagger.onnx"}, "next_strategy": {"file": "next_strategy.onnx"}},
        "debias": debiaser.to_dict(),
        "dev_metrics": {
            "tagger_accuracy": round(float((tag_predicted == sy_dev).mean()), 4),
            "next_accuracy": round(float((dev_predicted == sy_dev).mean()), 4),
            "next_macro_f1": round(covered_macro_f1(sy_dev, dev_predicted), 4),
        },
        "training": {"seed": args.seed, "epochs": args.epochs, "limit": args.limit, "train_rows": len(sy),
                     "support_rows": len(ssy), "support_weight": args.support_weight,
                     "next_strategy_epochs": epochs if args.support_weight else "best EDOS dev macro-F1",
                     "dev_rows": len(sy_dev), "split": split,
                     "data": {f"edos/{EDOS_FILE}": files[f"edos/{EDOS_FILE}"],
                              "chat/support.jsonl": sha256_file(args.chat / "support.jsonl")}},
    }
    (out / "config.json").write_text(json.dumps(strategy, indent=2) + "\n", encoding="utf-8")
    StrategyModel(out).sessions_  # noqa: B018 - fails loudly if what was written does not load
    return strategy


if __name__ == "__main__":
    main()
