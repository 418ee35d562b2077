"""Training of the commercial profile's heads (affectkit.training.commercial) and its feature cache."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from affectkit import licence
from affectkit.planning.labels import STRATEGIES


def test_cached_features_are_the_run_time_vectors(tmp_path: Path) -> None:
    from affectkit.recognizers import get_recognizer
    from affectkit.recognizers.utterance import UtteranceEncoder
    from affectkit.training.features_cache import FeatureCache

    texts = ["I can't believe you did that!", "Thanks, that helps a lot."]
    path = tmp_path / "cache.npz"
    cached = FeatureCache(path, get_recognizer("goemotions-minilm@5")).vectors(texts)
    live = np.stack([UtteranceEncoder().encode(t)[0] for t in texts])
    assert np.array_equal(cached, live)
    reloaded = FeatureCache(path, get_recognizer("goemotions-minilm@5"))
    assert np.array_equal(reloaded.vectors(texts), live)

    class Other:  # a cache made with another recognizer is ignored
        model_id = "other@1"

    assert FeatureCache(path, Other()).rows == {}


def test_our_chat_dialogues_are_labelled_for_what_they_choose() -> None:
    from affectkit.training.commercial import CHAT_DIR, COVERED, load_chat
    from affectkit.training.conversation import EKMAN

    root = Path(__file__).resolve().parents[2]
    everyday = load_chat(root / CHAT_DIR, "everyday_*.jsonl")
    labels = [label for d in everyday for _, label, _ in d["turns"]]
    assert len(everyday) == 100 and set(labels) == set(EKMAN)
    assert 0.75 < labels.count("neutral") / len(labels) < 0.92  # everyday chat is mostly neutral
    support = load_chat(root / CHAT_DIR, "support.jsonl")
    for d in support:
        for speaker, label, text in d["turns"]:
            assert text and (label in COVERED if speaker == "assistant" else speaker == "user" and label is None)
    ids = [d["id"] for d in everyday + support]
    assert len(ids) == len(set(ids))


def test_our_training_dialogues_are_labelled_and_share_no_sentence_with_the_dev_ones() -> None:
    from affectkit.training.commercial import CHAT_DIR, OWN_DEV, OWN_TRAIN, load_chat
    from affectkit.training.conversation import EKMAN

    root = Path(__file__).resolve().parents[2]
    train, dev = load_chat(root / CHAT_DIR, OWN_TRAIN), load_chat(root / CHAT_DIR, OWN_DEV)
    labels = [label for d in train for _, label, _ in d["turns"]]
    assert len(train) >= 200 and set(labels) == set(EKMAN)
    assert all(speaker in ("A", "B") and text for d in train for speaker, _, text in d["turns"])
    dev_texts = {text.strip().lower() for d in dev for _, _, text in d["turns"]}
    assert not [text for d in train for _, _, text in d["turns"] if text.strip().lower() in dev_texts]
    assert not {d["id"] for d in train} & {d["id"] for d in dev}


def test_uncovered_strategies_get_probability_zero() -> None:
    torch = pytest.importorskip("torch")
    from affectkit.training.commercial import COVERED, pad_to_strategies

    assert COVERED == ["Question", "Reflection of feelings", "Affirmation and Reassurance", "Providing Suggestions",
                       "Others"]
    inner = torch.nn.Linear(3, len(COVERED))
    logits = pad_to_strategies(torch, inner)(torch.randn(4, 3))
    probabilities = torch.softmax(logits, dim=-1).detach().numpy()
    for k, name in enumerate(STRATEGIES):
        if name in COVERED:
            assert (probabilities[:, k] > 0).all()
        else:
            assert (probabilities[:, k] == 0).all()
    direct = torch.softmax(inner(torch.ones(1, 3)), dim=-1).detach().numpy()[0]
    padded = torch.softmax(pad_to_strategies(torch, inner)(torch.ones(1, 3)), -1).detach().numpy()[0]
    assert np.allclose(padded[[STRATEGIES.index(c) for c in COVERED]], direct, atol=1e-6)


@pytest.mark.slow
def test_commercial_training_smoke(tmp_path: Path, data_dir: Path) -> None:
    pytest.importorskip("torch")
    from affectkit.conversation.features import CONTEXT_DIM
    from affectkit.planning.strategy import StrategyModel
    from affectkit.recognizers.heads import ONNXHeads
    from affectkit.training import commercial
    from affectkit.types import Utterance

    conversation_out, strategy_out = tmp_path / "conversation", tmp_path / "strategy"
    result = commercial.main([
        "--edos", str(data_dir / "edos"), "--xed", str(data_dir / "xed"), "--goemotions", str(data_dir / "goemotions"),
        "--conversation-out", str(conversation_out), "--strategy-out", str(strategy_out),
        "--cache", str(tmp_path / "cache.npz"), "--limit", "150", "--epochs", "1"])
    assert set(result["conversation"]["heads"]) == {"turn_emotion", "turn_emotion_nocontext"}
    assert ONNXHeads(conversation_out).turn_emotion(np.zeros((2, CONTEXT_DIM), dtype=np.float32)).shape == (2, 7)
    assert sorted(result["conversation"]["training"]["data"]) == [
        "chat/everyday_a.jsonl", "chat/everyday_b.jsonl", "chat/everyday_c.jsonl", "goemotions/dev.tsv",
        "xed/en-annotated.tsv", "xed/neu_en.txt"]  # EDOS's turns only with --edos-turns
    assert "chat/support.jsonl" in result["strategy"]["training"]["data"]
    for folder in (conversation_out, strategy_out):
        text = (folder / "config.json").read_text(encoding="utf-8").lower()
        assert not [name for name in licence.NON_COMMERCIAL_DATA if name.lower() in text]
    probabilities = StrategyModel(strategy_out).predict(
        [Utterance(speaker="user", text="I lost my job and I don't know what to do.")], debias=True)
    assert list(probabilities) == list(STRATEGIES)
    assert probabilities["Self-disclosure"] == probabilities["Information"] == 0.0
    assert json.loads((strategy_out / "config.json").read_text(encoding="utf-8"))["covered"] == commercial.COVERED
