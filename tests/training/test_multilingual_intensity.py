"""The intensity model's training steps of brighter-e5 (issue 17): ordinal fit, int8 weights, kept n-grams."""

from __future__ import annotations

import numpy as np
import pytest

pytest.importorskip("sklearn", reason="training needs the 'train' extra")

from affectkit.recognizers.multilingual import ordinal_expectation  # noqa: E402
from affectkit.training.multilingual_intensity import LEVELS, fit_ordinal, mean_r, quantise  # noqa: E402


def test_fit_ordinal_learns_levels_that_grow_with_a_feature() -> None:
    rng = np.random.default_rng(0)
    x = rng.normal(size=(600, 2))
    levels = np.clip(np.round(1.5 + 1.2 * x[:, :1] + rng.normal(scale=0.3, size=(600, 1))), 0, 3)
    levels = np.repeat(levels, 6, axis=1)
    mask = np.ones_like(levels, dtype=bool)
    mask[:, 5] = False  # an emotion no file has: never learned, so constant
    weights, bias = fit_ordinal(x * 10 + 3, levels, mask)  # raw (unscaled) features: scaling is folded in
    assert weights.shape == (6, LEVELS, 2) and bias.shape == (6, LEVELS)
    predicted = ordinal_expectation(x * 10 + 3, weights, bias)
    assert np.corrcoef(predicted[:, 0], levels[:, 0])[0, 1] > 0.9
    assert np.all(weights[:5, :, 0] > 0) and np.all(weights[5] == 0)
    assert np.allclose(predicted[:, 0].mean() * LEVELS, levels[:, 0].mean(), atol=0.1)


def test_fit_ordinal_with_a_level_no_row_reaches() -> None:
    x = np.linspace(-1, 1, 50)[:, None]
    levels = np.repeat((x > 0).astype(float), 6, axis=1)  # 0 or 1, never 2 or 3
    weights, bias = fit_ordinal(x, levels, np.ones_like(levels, dtype=bool))
    assert np.all(weights[:, 1:] == 0) and np.all(bias[:, 1:] < -3)
    assert np.all(ordinal_expectation(x, weights, bias) <= 1 / 3 + 0.05)


def test_quantise_keeps_each_weight_within_half_a_step() -> None:
    w = np.random.default_rng(1).normal(size=(1000, 6))
    w[:, 3] = 0.0
    q, scale = quantise(w)
    assert q.dtype == np.int8 and np.abs(q).max() == 127
    assert np.all(np.abs(q * scale - w) <= scale / 2 + 1e-7) and np.all(q[:, 3] == 0)


def test_mean_r_averages_emotions_then_languages() -> None:
    gold = np.array([[0, 1], [1, 0], [2, 2], [3, 1]], dtype=float)
    mask = np.array([True, True])
    same = mean_r({"a": (gold, gold, mask), "b": (gold, gold, np.array([True, False]))})
    assert same[0] == pytest.approx(1.0) and same[1] == {"a": pytest.approx(1.0), "b": pytest.approx(1.0)}
    flat = np.column_stack([gold[:, 0], np.zeros(4)])  # an emotion without variance is skipped
    assert mean_r({"a": (gold, flat, mask)})[0] == pytest.approx(1.0)
