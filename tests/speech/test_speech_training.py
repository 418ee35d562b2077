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
