from __future__ import annotations

import numpy as np
import pytest

pytest.importorskip("sklearn")

from affectkit.training.speech import candidates, fit_head, speaker_normalise, uar  # noqa: E402


@pytest.mark.parametrize("name", ["all263 lda shrinkage=0.6", "func88 logreg C=0.1"])
def test_exported_linear_head_gives_the_fitted_models_probabilities(name):
    rng = np.random.default_rng(0)
    y = np.repeat(np.arange(7), 20)
    x = rng.standard_normal((len(y), 263)) + 0.8 * np.eye(7)[y] @ rng.standard_normal((7, 263))
    head = fit_head(name, x, y)
    logits = ((x - head["mean"]) / head["scale"]) @ head["coef"].T + head["intercept"]
    ours = np.exp(logits - logits.max(axis=1, keepdims=True))
    ours /= ours.sum(axis=1, keepdims=True)
    cols, factory, _ = candidates()[name]
    model = factory()
    model.fit(((x - head["mean"]) / head["scale"])[:, cols], y)
    reference = model.predict_proba(((x - head["mean"]) / head["scale"])[:, cols])
    np.testing.assert_allclose(ours, reference, atol=1e-6)
    assert uar(y, ours.argmax(axis=1)) > 0.9


def test_speaker_normalisation_removes_each_speakers_offset():
    rng = np.random.default_rng(1)
    speakers = np.repeat(np.array(["a", "b", "c"]), 30)
    x = rng.standard_normal((90, 5)) + np.repeat(np.array([[0.0], [5.0], [-3.0]]), 30, axis=0)
    z = speaker_normalise(x, speakers)
    for s in "abc":
        assert np.allclose(z[speakers == s].mean(axis=0), 0, atol=1e-9)
        assert np.allclose(z[speakers == s].std(axis=0), 1, atol=1e-6)


def test_combined_training_weights_ravdess_and_keeps_seven_columns():
    from affectkit.training.speech_combined import decide, fit_predict, parse_choice, weighted

    corpus = np.array(["emodb", "emodb", "ravdess", "ravdess", "emodb"])
    rows = np.array([True, False, True, True, True])
    assert sorted(weighted(rows, corpus, 2).tolist()) == [0, 2, 2, 3, 3, 4]
    assert weighted(rows, corpus, 1).tolist() == [0, 2, 3, 4]
    assert parse_choice("all263 lda shrinkage=auto ravdess x2") == ("all263 lda shrinkage=auto", 2)
    # trained without boredom (label 1), the probabilities still have 7 columns, boredom's at 0
    rng = np.random.default_rng(2)
    y = np.repeat(np.array([0, 2, 3, 4, 5, 6]), 15)
    x = rng.standard_normal((len(y), 263)) + np.eye(7)[y] @ rng.standard_normal((7, 263))
    p = fit_predict("func88 logreg C=0.1", x, y, np.arange(len(y)), np.arange(5))
    assert p.shape == (5, 7) and np.all(p[:, 1] == 0) and np.allclose(p.sum(axis=1), 1)
    # a RAVDESS row is decided among the six shared labels, an EmoDB row among all seven
    boredom = np.tile(np.array([0.0, 0.9, 0.02, 0.02, 0.02, 0.02, 0.02]), (2, 1))
    assert decide(boredom, np.array(["emodb", "ravdess"])).tolist()[0] == 1
    assert decide(boredom, np.array(["emodb", "ravdess"])).tolist()[1] != 1
