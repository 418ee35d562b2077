"""Strategy metrics (proficiency, Bradley–Terry preference, bias) and the prior debiaser, on hand-worked cases."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

import affectkit
from affectkit.errors import AffectkitError
from affectkit.metrics.classification import confusion_matrix
from affectkit.metrics.strategy import (
    StrategyReport,
    bradley_terry,
    format_report,
    preference_bias,
    strategy_report,
)
from affectkit.planning.debias import PriorDebiaser
from affectkit.planning.labels import STRATEGIES

REPO = Path(__file__).resolve().parents[2]  # not imported from conftest: tests/service has its own
MODELS = Path(affectkit.__file__).resolve().parent / "models"

ABCD = ("a", "b", "c", "d")
# Worked by hand: gold a a b c c c, predicted a b b c a c.
GOLD = ["a", "a", "b", "c", "c", "c"]
PREDICTED = ["a", "b", "b", "c", "a", "c"]


def test_strategies_are_the_esconv_eight_in_canonical_order() -> None:
    assert len(set(STRATEGIES)) == 8 and (STRATEGIES[0], STRATEGIES[-1]) == ("Question", "Others")
    for model in ("strategy-minilm", "strategy-edos-minilm"):  # the order of the shipped heads' outputs
        config = json.loads((MODELS / model / "config.json").read_text(encoding="utf-8"))
        assert tuple(config["labels"]) == STRATEGIES, model
    names_file = REPO.parent / "shared" / "data" / "esconv" / "strategy.json"
    if names_file.exists():  # ESConv writes them in brackets, in the same order
        assert [name.strip("[]") for name in json.loads(names_file.read_text())] == list(STRATEGIES)


# --- confusion matrix ------------------------------------------------------------------------------


def test_confusion_matrix_by_hand() -> None:
    matrix = confusion_matrix(GOLD, PREDICTED, labels=ABCD)
    assert matrix.tolist() == [
        [1, 1, 0, 0],  # gold a: once right, once called b
        [0, 1, 0, 0],  # gold b: right
        [1, 0, 2, 0],  # gold c: twice right, once called a
        [0, 0, 0, 0],  # d never occurs
    ]


@pytest.mark.parametrize(
    ("gold", "predicted", "field"), [(["a", "x"], ["a", "a"], "gold"), (["a"], ["z"], "predicted")]
)
def test_unknown_label_is_ak_e011(gold: list[str], predicted: list[str], field: str) -> None:
    with pytest.raises(AffectkitError) as caught:
        confusion_matrix(gold, predicted, labels=ABCD)
    assert caught.value.code == "AK-E011"
    assert caught.value.field == field


def test_bracketed_esconv_name_gets_a_hint() -> None:
    with pytest.raises(AffectkitError, match="did you mean 'Question'"):
        strategy_report(["[Question]"], ["Question"])


def test_length_mismatch_and_empty_input() -> None:
    with pytest.raises(ValueError, match="length|labels but"):
        confusion_matrix(["a"], ["a", "b"], labels=ABCD)
    with pytest.raises(AffectkitError) as caught:
        strategy_report([], [])
    assert caught.value.code == "AK-E009"


# --- Bradley–Terry ---------------------------------------------------------------------------------


def test_bradley_terry_two_players_ratio_of_wins() -> None:
    # MLE: p1 / p2 = w12 / w21 = 3; scaled to sum 2 -> (1.5, 0.5). The diagonal is ignored.
    strengths = bradley_terry(np.array([[7, 3], [1, 9]]), pseudo_count=0)
    np.testing.assert_allclose(strengths, [1.5, 0.5], atol=1e-9)


def test_bradley_terry_three_players_consistent_ratios() -> None:
    # Wins chosen so that every pair's win share equals p_i / (p_i + p_j) with p = (4, 2, 1):
    # 1 beats 2 two to one, 2 beats 3 two to one, 1 beats 3 four to one. Each likelihood equation
    # W_i = sum_j n_ij p_i / (p_i + p_j) then holds pair by pair, so (4, 2, 1) is the MLE; sum 3 -> /7 * 3.
    wins = np.array([[0, 2, 4], [1, 0, 2], [1, 1, 0]])
    strengths = bradley_terry(wins, pseudo_count=0)
    np.testing.assert_allclose(strengths, [12 / 7, 6 / 7, 3 / 7], atol=1e-8)


def test_bradley_terry_pseudo_count_rescues_a_player_that_never_wins() -> None:
    # 3 wins to 0 has no finite MLE; with one virtual win each way the ratio is (3 + 1) / (0 + 1) = 4.
    strengths = bradley_terry(np.array([[0, 3], [0, 0]]), pseudo_count=1.0)
    np.testing.assert_allclose(strengths, [1.6, 0.4], atol=1e-9)
    # With the default tiny pseudo-count the loser is near 0 but finite and positive.
    default = bradley_terry(np.array([[0, 3], [0, 0]]))
    assert np.all(np.isfinite(default)) and 0 < default[1] < 0.01


def test_bradley_terry_no_games_and_bad_input() -> None:
    np.testing.assert_allclose(bradley_terry(np.zeros((3, 3)), pseudo_count=0), [1, 1, 1])
    with pytest.raises(ValueError):
        bradley_terry(np.zeros((2, 3)))
    with pytest.raises(ValueError):
        bradley_terry(np.array([[0, -1], [1, 0]]))


def test_preference_bias_is_population_std() -> None:
    assert preference_bias([3.0, 1.0]) == pytest.approx(1.0)  # mean 2, deviations +-1, divisor n
    assert preference_bias([1.0, 1.0, 1.0, 1.0]) == 0.0


# --- report ----------------------------------------------------------------------------------------


def test_report_by_hand() -> None:
    report = strategy_report(GOLD, PREDICTED, labels=ABCD)
    assert report.n == 6 and report.correct == 4
    assert report.accuracy == pytest.approx(4 / 6)
    # a: P 1/2 R 1/2 F 1/2; b: P 1/2 R 1 F 2/3; c: P 1 R 2/3 F 4/5; d is absent and left out.
    a, b, c, d = (report.per_strategy[name] for name in ABCD)
    assert (a.precision, a.recall, a.f1) == pytest.approx((0.5, 0.5, 0.5))
    assert (b.precision, b.recall, b.f1) == pytest.approx((0.5, 1.0, 2 / 3))
    assert (c.precision, c.recall, c.f1) == pytest.approx((1.0, 2 / 3, 0.8))
    assert (d.support, d.predicted, d.f1) == (0, 0, 0.0)
    assert (a.support, b.support, c.support) == (2, 1, 3)
    assert (a.predicted, b.predicted, c.predicted) == (2, 2, 2)
    assert report.macro_f1_labels == ["a", "b", "c"]
    assert report.macro_f1 == pytest.approx((0.5 + 2 / 3 + 0.8) / 3)
    assert report.confusion == confusion_matrix(GOLD, PREDICTED, labels=ABCD).tolist()
    assert sum(report.preferences.values()) == pytest.approx(4.0)


def test_report_two_labels_preference_by_hand() -> None:
    # Gold x predicted y three times, gold y predicted x once: y beats x 3 to 1, so p_y / p_x = 3.
    report = strategy_report(["x", "x", "x", "y", "y"], ["y", "y", "y", "x", "y"], labels=["x", "y"], pseudo_count=0)
    assert report.preferences == pytest.approx({"x": 0.5, "y": 1.5})
    assert report.bias == pytest.approx(0.5)


def test_preferences_sum_to_eight() -> None:
    rng = np.random.default_rng(0)
    gold = [STRATEGIES[i] for i in rng.integers(0, 8, 300)]
    predicted = [STRATEGIES[i] for i in rng.integers(0, 8, 300)]
    report = strategy_report(gold, predicted)
    assert sum(report.preferences.values()) == pytest.approx(8.0)
    assert list(report.preferences) == list(STRATEGIES)


def test_uniform_confusion_has_no_bias() -> None:
    gold = [g for g in STRATEGIES for _ in STRATEGIES]
    predicted = [p for _ in STRATEGIES for p in STRATEGIES]
    report = strategy_report(gold, predicted)
    assert (report.confusion_array() == 1).all()
    assert report.bias == pytest.approx(0.0, abs=1e-9)
    assert list(report.preferences.values()) == pytest.approx([1.0] * 8)


def test_always_one_strategy_is_strongly_preferred() -> None:
    gold = [g for g in STRATEGIES for _ in range(10)]
    report = strategy_report(gold, ["Providing Suggestions"] * len(gold))
    assert max(report.preferences, key=report.preferences.__getitem__) == "Providing Suggestions"
    assert report.preferences["Providing Suggestions"] > 7.5
    # The most lopsided split of 8 into (8, 0, ..., 0) has std sqrt(7) ~ 2.65; this is close to it.
    assert report.bias > 2.5
    assert report.macro_f1 == pytest.approx((2 * 10 / (10 + 80)) / 8)


def test_report_round_trips_through_json_and_formats() -> None:
    report = strategy_report(GOLD, PREDICTED, labels=ABCD)
    assert StrategyReport.model_validate_json(report.model_dump_json()) == report
    text = format_report(report)
    assert all(label in text for label in ABCD)
    assert "macro-F1   0.656" in text and "accuracy   0.667 (4/6)" in text


# --- debiaser --------------------------------------------------------------------------------------


def _biased_predictions(n: int = 800, seed: int = 1) -> tuple[np.ndarray, list[str]]:
    """A model that sees the gold strategy through noise but leans hard towards Question and Others."""
    rng = np.random.default_rng(seed)
    gold_index = rng.integers(0, len(STRATEGIES), n)
    logits = 2.0 * np.eye(len(STRATEGIES))[gold_index] + rng.normal(0, 1, (n, len(STRATEGIES)))
    logits[:, 0] += 1.5  # Question
    logits[:, 7] += 0.8  # Others
    probabilities = np.exp(logits - logits.max(axis=1, keepdims=True))
    probabilities /= probabilities.sum(axis=1, keepdims=True)
    return probabilities, [STRATEGIES[i] for i in gold_index]


def test_debiaser_reduces_bias_on_a_biased_model() -> None:
    probabilities, gold = _biased_predictions()
    before = strategy_report(gold, [STRATEGIES[i] for i in probabilities.argmax(axis=1)])
    assert before.preferences["Question"] == max(before.preferences.values())

    debiaser = PriorDebiaser(alpha="auto").fit(probabilities, gold)
    after = strategy_report(gold, debiaser.predict(probabilities))
    assert 0 < debiaser.alpha_ <= 1
    assert after.bias < 0.5 * before.bias
    assert after.macro_f1 >= before.macro_f1 - 0.01
    assert debiaser.prior_.sum() == pytest.approx(1.0)
    assert debiaser.prior_.argmax() == 0  # Question is the most predicted
    assert [score[0] for score in debiaser.grid_scores_][:2] == [0.0, 0.05]

    fixed = PriorDebiaser(alpha=1.0).fit(probabilities)
    assert strategy_report(gold, fixed.predict(probabilities)).bias < before.bias


def test_alpha_zero_is_identity() -> None:
    probabilities, _ = _biased_predictions(n=50)
    debiaser = PriorDebiaser(alpha=0.0).fit(probabilities)
    np.testing.assert_allclose(debiaser.transform(probabilities), probabilities, atol=1e-12)


def test_transform_by_hand() -> None:
    # Prior (0.75, 0.25), alpha 1: (0.75, 0.25) / prior -> (1, 1) -> (0.5, 0.5).
    debiaser = PriorDebiaser(alpha=1.0, labels=["a", "b"]).fit([[1.0, 0.0], [0.5, 0.5]])
    np.testing.assert_allclose(debiaser.prior_, [0.75, 0.25])
    np.testing.assert_allclose(debiaser.transform([[0.75, 0.25]]), [[0.5, 0.5]])
    # alpha 0.5: divide by sqrt(prior) -> (0.75 / sqrt(.75), 0.25 / sqrt(.25)) = (sqrt(.75), .5).
    half = PriorDebiaser(alpha=0.5, labels=["a", "b"]).fit([[1.0, 0.0], [0.5, 0.5]])
    expected = np.array([np.sqrt(0.75), 0.5])
    np.testing.assert_allclose(half.transform([[0.75, 0.25]])[0], expected / expected.sum())


def test_debiaser_round_trips_through_a_dict() -> None:
    probabilities, gold = _biased_predictions(n=200)
    debiaser = PriorDebiaser(alpha="auto", max_f1_loss=0.02).fit(probabilities, gold)
    state = json.loads(json.dumps(debiaser.to_dict()))
    copy = PriorDebiaser.from_dict(state)
    assert copy.alpha_ == debiaser.alpha_ and copy.alpha == "auto" and copy.max_f1_loss == 0.02
    assert copy.grid_scores_ == debiaser.grid_scores_
    np.testing.assert_array_equal(copy.prior_, debiaser.prior_)
    np.testing.assert_array_equal(copy.transform(probabilities), debiaser.transform(probabilities))
    assert copy.to_dict() == state

    unfitted = PriorDebiaser.from_dict(PriorDebiaser(alpha=0.3).to_dict())
    assert unfitted.alpha == 0.3 and not hasattr(unfitted, "prior_")
    with pytest.raises(RuntimeError, match="not fitted"):
        unfitted.transform(probabilities)
    with pytest.raises(ValueError, match="prior-debiaser"):
        PriorDebiaser.from_dict({"type": "something-else", "version": 1})


def test_debiaser_rejects_bad_settings_and_input() -> None:
    probabilities, _ = _biased_predictions(n=20)
    with pytest.raises(ValueError, match="gold"):
        PriorDebiaser(alpha="auto").fit(probabilities)
    with pytest.raises(ValueError, match="alpha"):
        PriorDebiaser(alpha=1.5).fit(probabilities)
    with pytest.raises(ValueError, match="shape"):
        PriorDebiaser().fit(probabilities[:, :3])
    with pytest.raises(ValueError, match="non-negative"):
        PriorDebiaser().fit(-probabilities)


def test_auto_alpha_respects_the_f1_budget() -> None:
    # Prior (0.85, 0.15), so the correction multiplies the a:b ratio by 5.67 ** -alpha. Rows with ratios
    # 1.5 (gold a) and 2.33 (gold b) flip to b for alpha in about (0.23, 0.49) and (0.49, 1] respectively.
    # Flipping only the first removes the bias (one mistake each way) but costs F1; flipping both keeps
    # one mistake, as biased as alpha 0. So the budget decides between alpha 0 and alpha 0.25.
    scores = [[0.9, 0.1]] * 8 + [[0.6, 0.4], [0.7, 0.3]]
    gold = ["a"] * 9 + ["b"]
    strict = PriorDebiaser(alpha="auto", labels=["a", "b"]).fit(scores, gold)
    assert strict.alpha_ == 0.0
    loose = PriorDebiaser(alpha="auto", labels=["a", "b"], max_f1_loss=1.0).fit(scores, gold)
    assert loose.alpha_ == 0.25
    assert loose.predict(scores) == ["a"] * 8 + ["b", "a"]
