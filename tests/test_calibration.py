"""Probability calibration: the per-label maps, and the shipped model's calibrated readings."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from affectkit.calibration import LabelCalibrator, fit_platt
from affectkit.errors import AffectkitError
from affectkit.metrics import expected_calibration_error, label_calibration_errors, top_label_calibration_error
from affectkit.recognizers.encoder import EncoderRecognizer

TEXTS = [
    "Thank you so much, you made my day!",
    "I am furious that they lied to me again.",
    "The train leaves at 6pm.",
    "I'm scared of what the doctor will say.",
    "What a sad, lonely week it has been.",
    "hmm",
    "Well that's one way to do it I guess",
    "Wow, I did not expect that at all!",
    "Is this the right form to fill in?",
    "ok",
]


def overconfident(n: int = 6000, seed: int = 0) -> tuple[np.ndarray, np.ndarray]:
    rng = np.random.default_rng(seed)
    raw = rng.uniform(0.01, 0.99, size=(n, 3))
    gold = rng.uniform(size=(n, 3)) < raw**2  # the truth is rarer than the raw score says
    return raw, gold


def test_platt_map_fixes_an_overconfident_score_and_keeps_the_order() -> None:
    raw, gold = overconfident()
    calibrator = LabelCalibrator().fit(raw[:3000], gold[:3000])
    held_raw, held_gold = raw[3000:], gold[3000:]
    calibrated = calibrator.transform(held_raw)
    before = label_calibration_errors(held_gold, held_raw).mean()
    after = label_calibration_errors(held_gold, calibrated).mean()
    assert after < before / 3
    for j in range(3):  # increasing: the order of the scores (and so every threshold decision) is kept
        order = np.argsort(held_raw[:, j], kind="stable")
        assert (np.diff(calibrated[order, j]) >= 0).all()


def test_thresholds_carried_through_the_map_give_the_same_decisions() -> None:
    raw, gold = overconfident(seed=1)
    calibrator = LabelCalibrator().fit(raw, gold)
    thresholds = [0.3, 0.5, 0.72]
    mapped = calibrator.map_thresholds(thresholds)
    assert np.array_equal(raw >= np.array(thresholds), calibrator.transform(raw) >= np.array(mapped))


def test_config_round_trip_and_bad_entries() -> None:
    raw, gold = overconfident(seed=2)
    calibrator = LabelCalibrator().fit(raw, gold)
    again = LabelCalibrator.from_config(calibrator.to_config())
    assert np.allclose(again.transform(raw), calibrator.transform(raw), atol=1e-5)
    with pytest.raises(AffectkitError) as error:
        LabelCalibrator.from_config({"method": "isotonic", "slope": [1.0], "intercept": [0.0]})
    assert error.value.code == "AK-E007"
    with pytest.raises(AffectkitError):
        LabelCalibrator.from_config({"method": "platt", "slope": [-1.0], "intercept": [0.0]})


def test_a_label_without_positives_gets_a_low_probability() -> None:
    raw = np.linspace(0.05, 0.95, 200)
    slope, intercept = fit_platt(raw, np.zeros(200))
    assert slope > 0 and 1 / (1 + np.exp(-(slope * np.log(0.9 / 0.1) + intercept))) < 0.1


def test_calibration_error_measures() -> None:
    assert expected_calibration_error(np.array([0.25, 0.75]), np.array([0, 1])) == 0.25
    gold = np.array([[1, 0, 0], [0, 1, 0], [0, 0, 1], [1, 0, 0]])
    perfect = gold.astype(float)
    assert top_label_calibration_error(gold, perfect) == 0.0
    assert top_label_calibration_error(gold, np.full((4, 3), 0.9) * [1.0, 0.5, 0.5]) == pytest.approx(0.4)


@pytest.mark.parametrize("domain", ["comments", "stories"])
def test_the_shipped_calibration_changes_probabilities_not_labels(domain: str) -> None:
    calibrated = EncoderRecognizer()
    assert {(name, domain) for name in ("goemotions", "ekman", "sentiment")} <= set(calibrated._calibrators)
    raw_model = calibrated.without_calibration()
    assert not raw_model._calibrators
    for new, old in zip(calibrated.analyze(TEXTS, domain), raw_model.analyze(TEXTS, domain), strict=True):
        assert set(new.labels) == set(old.labels)
        assert set(new.ekman_labels) == set(old.ekman_labels)
        assert set(new.sentiment_labels) == set(old.sentiment_labels)
        assert new.vad == old.vad and new.intensity == old.intensity
        assert new.emotions != old.emotions
        # the labels are those at or above the (calibrated) thresholds, when any is
        thresholds = calibrated.thresholds()
        above = {label for label, p in new.emotions.items() if p >= thresholds[label]}
        assert not above or above == set(new.labels)


def test_fallback_label_is_nearest_its_threshold_on_the_raw_scale() -> None:
    recognizer = EncoderRecognizer()
    head = recognizer.config["heads"]["goemotions"]
    raw = np.full(28, 0.01, dtype=np.float32)
    labels = head["labels"]
    raw_thresholds = dict(zip(labels, head["calibration"]["raw_thresholds"], strict=True))
    # Two labels just under their bars; the one nearer its own bar (by ratio, raw scale) is the answer.
    first, second = labels.index("grief"), labels.index("joy")
    raw[first] = 0.9 * raw_thresholds["grief"]
    raw[second] = 0.8 * raw_thresholds["joy"]
    batch = {"goemotions": raw[None, :], "ekman": np.full((1, 7), 0.01, np.float32),
             "sentiment": np.zeros((1, 3), np.float32), "intensity": np.zeros((1, 5), np.float32),
             "vad": np.zeros((1, 3), np.float32), "windows": np.array([1])}
    analysis = recognizer.annotate(["x"], batch)[0]
    assert analysis.labels == ["grief"]


@pytest.mark.parametrize("domain", ["comments", "stories"])
def test_calibration_changes_no_label_next_to_a_threshold(domain: str) -> None:
    """Probabilities and thresholds are reported to 4 decimals: a raw output just under its bar may round, once
    calibrated, onto the calibrated bar. The label must still be decided as without calibration."""
    calibrated = EncoderRecognizer()
    raw_model = calibrated.without_calibration()
    rows: dict[str, list[np.ndarray]] = {"goemotions": [], "ekman": [], "sentiment": []}
    for name, size in (("goemotions", 28), ("ekman", 7), ("sentiment", 3)):
        bars = calibrated.head(name, domain)["calibration"]["raw_thresholds"]
        for j, bar in enumerate(bars):
            for step in (-3e-4, -1.2e-4, -6e-5, 0.0, 6e-5):
                row = np.full(size, 0.001, np.float32)
                row[j] = bar + step
                rows[name].append(row)
    n = max(len(r) for r in rows.values())
    batch = {name: np.stack([r[i % len(r)] for i in range(n)]) for name, r in rows.items()}
    batch["ekman_stories"] = batch["ekman"]
    batch.update(intensity=np.zeros((n, 5), np.float32), vad=np.zeros((n, 3), np.float32), windows=np.ones(n, int))
    texts = ["x"] * n
    for new, old in zip(calibrated.annotate(texts, batch, domain), raw_model.annotate(texts, batch, domain),
                        strict=True):
        assert (new.labels, new.ekman_labels, new.sentiment_labels) == (old.labels, old.ekman_labels,
                                                                          old.sentiment_labels)


@pytest.mark.slow
def test_calibrated_probabilities_mean_what_they_say_on_goemotions_dev(data_dir: Path) -> None:
    from affectkit.datasets import load_goemotions

    dev = load_goemotions(data_dir / "goemotions", "dev")
    rows = slice(0, 1500)
    recognizer = EncoderRecognizer()
    analyses = recognizer.analyze(dev.texts[rows])
    labels = recognizer.config["heads"]["goemotions"]["labels"]
    calibrated = np.array([[a.emotions[label] for label in labels] for a in analyses])
    raw = recognizer.predict_raw(dev.texts[rows])["goemotions"]
    gold = dev.targets[rows]
    assert top_label_calibration_error(gold, raw) > 0.15
    assert top_label_calibration_error(gold, calibrated) < 0.06
    assert label_calibration_errors(gold, calibrated).mean() < 0.02
