"""The multilingual model brighter-e5 and its route (issue 17). Figures are in benchmarks/multilingual.py."""

from __future__ import annotations

import numpy as np
import pytest

import affectkit
from affectkit.recognizers import MULTILINGUAL, get_recognizer, multilingual_languages
from affectkit.recognizers.multilingual import EKMAN, MultilingualRecognizer, char_ngrams, to_decision_scale
from affectkit.recognizers.router import route


@pytest.fixture(scope="module")
def model() -> MultilingualRecognizer:
    recognizer = get_recognizer(MULTILINGUAL)
    assert isinstance(recognizer, MultilingualRecognizer)
    return recognizer


def test_every_trained_language_is_routed_to_it_and_english_is_not() -> None:
    trained = {"de", "es", "pt", "ru", "uk", "zh", "hi", "mr", "sv", "ro", "am", "ar", "tt"}
    assert trained <= multilingual_languages()
    assert all(route(code) == MULTILINGUAL for code in trained)
    assert "en" not in multilingual_languages() and route("en") != MULTILINGUAL


@pytest.mark.parametrize(
    ("text", "language", "emotion"),
    [
        ("Estoy muy feliz, ¡por fin aprobé el examen!", "es", "joy"),
        ("Ich bin so wütend, sie haben mich schon wieder angelogen!", "de", "anger"),
        ("Мне очень грустно, моя собака умерла.", "ru", "sadness"),
        ("我好害怕，明天要做手术了。", "zh", "fear"),
    ],
)
def test_clear_emotions_are_read_in_their_language(text: str, language: str, emotion: str) -> None:
    analysis = affectkit.analyze_one(text)
    assert analysis.language == language and analysis.model == MULTILINGUAL
    assert emotion in analysis.labels
    assert analysis.labels[0] == max(analysis.emotions, key=lambda label: analysis.emotions[label])


def test_the_output_has_the_english_fields(model: MultilingualRecognizer) -> None:
    analysis = model.analyze(["Fiquei tão feliz com a surpresa!"], languages=["pt"])[0]
    assert set(analysis.emotions) == set(analysis.intensity) == set(EKMAN) == set(analysis.ekman)
    assert set(analysis.sentiment) == {"positive", "negative", "ambiguous"}
    assert analysis.vad is not None and analysis.vad.valence > 0
    assert "positive" in analysis.sentiment_labels
    # A label is chosen exactly when its reported probability is at or above 0.5 (the language's threshold).
    assert set(analysis.labels) == {label for label, p in analysis.emotions.items() if p >= 0.5}
    assert analysis.intensity["neutral"] == 0.0


def test_a_language_without_training_data_is_read_zero_shot_with_a_warning(model: MultilingualRecognizer) -> None:
    analysis = model.analyze(["Saya sangat senang hari ini!"], languages=["id"])[0]
    assert "AK-W030" in {w.code for w in analysis.warnings}
    trained = model.analyze(["Saya sangat senang hari ini!"], languages=["de"])[0]
    assert "AK-W030" not in {w.code for w in trained.warnings}


def test_reading_is_independent_of_the_batch_and_the_threads() -> None:
    texts = ["Das ist ja großartig!", "Qué rabia me da todo esto.", "Ну и ну, вот это сюрприз!", "x " * 700]
    languages = ["de", "es", "ru", "de"]
    one = MultilingualRecognizer(threads=1)
    two = MultilingualRecognizer(threads=2)
    alone = [one.analyze([t], languages=[code])[0] for t, code in zip(texts, languages, strict=True)]
    assert two.analyze(texts, languages=languages) == alone
    assert alone[3].windows > 1 and "AK-W004" in {w.code for w in alone[3].warnings}


def test_char_features_and_decision_scale() -> None:
    assert char_ngrams("AB", 2, 2) == [" a", "ab", "b "]
    p = np.array([0.0, 0.1, 0.3, 0.6, 1.0])
    scaled = to_decision_scale(p, np.full(5, 0.3))
    assert np.all(np.diff(scaled) > 0) and scaled[0] == 0.0 and scaled[2] == 0.5 and scaled[-1] == 1.0


def test_intensity_blends_the_ridge_with_the_probability(model: MultilingualRecognizer) -> None:
    blend = model.config["intensity"]
    assert 0.0 <= blend["probability_weight"] <= 1.0 and len(blend["scale"]) == len(blend["offset"]) == 6
    strong, mild = model.analyze(["¡Estoy tan increíblemente feliz, es el mejor día de mi vida!",
                                  "El informe está en la mesa."], languages=["es", "es"])
    assert strong.intensity["joy"] > mild.intensity["joy"]
    assert all(0.0 <= v <= 1.0 for a in (strong, mild) for v in a.intensity.values())


def test_intensity_is_a_power_of_the_probability_blended_with_the_ridge(model: MultilingualRecognizer) -> None:
    blend = model.config["intensity"]
    assert blend["probability_power"] >= 1.0
    texts = ["¡Qué alegría verte de nuevo!", "Tengo mucho miedo de perderlo todo."]
    embedding, windows = model.embed(texts)
    raw = model.predict(texts, ["es", "es"], (embedding, windows))
    a = model._arrays
    ridge = np.clip(embedding.astype(np.float64) @ a["intensity_W"].astype(np.float64) + a["intensity_b"], 0, 1)
    w = blend["probability_weight"]
    mixed = w * raw["probability"] ** blend["probability_power"] + (1 - w) * ridge
    expected = np.clip(mixed * np.array(blend["scale"]) + np.array(blend["offset"]), 0, 1)
    assert np.allclose(raw["intensity"], expected)


def test_training_rows_without_held_out_texts() -> None:
    from affectkit.datasets import BrighterSplit
    from affectkit.training.multilingual import rows_without

    split = BrighterSplit(["a", "b", "c"], ["x", "y", "z"], ["joy"], np.array([[1], [0], [1]], dtype=np.int8))
    kept = rows_without(split, {"y"})
    assert kept.ids == ["a", "c"] and kept.texts == ["x", "z"] and kept.values[:, 0].tolist() == [1, 1]
