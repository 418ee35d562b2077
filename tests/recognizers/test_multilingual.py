"""The multilingual model brighter-e5 and its route (issue 17). Figures are in benchmarks/multilingual.py."""

from __future__ import annotations

import numpy as np
import pytest

import affectkit
from affectkit.recognizers import MULTILINGUAL, get_recognizer, multilingual_languages
from affectkit.recognizers.multilingual import (
    EKMAN,
    MultilingualRecognizer,
    char_ngrams,
    intensity_features,
    ordinal_expectation,
    to_decision_scale,
)
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


def test_intensity_orders_a_strong_emotion_above_a_plain_statement(model: MultilingualRecognizer) -> None:
    strong, mild = model.analyze(["¡Estoy tan increíblemente feliz, es el mejor día de mi vida!",
                                  "El informe está en la mesa."], languages=["es", "es"])
    assert strong.intensity["joy"] > mild.intensity["joy"]
    assert all(0.0 <= v <= 1.0 for a in (strong, mild) for v in a.intensity.values())


@pytest.mark.parametrize("language", ["es", "hi", "id"])
def test_intensity_is_the_ordinal_models_expectation(model: MultilingualRecognizer, language: str) -> None:
    """Spanish has track B train texts (the stack with its character ridge); Hindi (a character reader, no track B)
    and Indonesian (zero-shot) get the fallback."""
    texts = ["¡Qué alegría verte de nuevo!", "Tengo mucho miedo de perderlo todo.", "xyz"]
    embedding, windows = model.embed(texts)
    raw = model.predict(texts, [language] * 3, (embedding, windows))
    a = model._arrays
    emb_ridge = embedding.astype(np.float64) @ a["intensity_W"].astype(np.float64) + a["intensity_b"]
    if language in model.config["intensity"]["char_languages"]:
        e5 = 1 / (1 + np.exp(-(embedding.astype(np.float64) @ a["e5_W"].astype(np.float64) + a["e5_b"])))
        char = np.stack([1 / (1 + np.exp(-model.char_logits(t, language))) for t in texts])  # type: ignore[operator]
        char_ridge = np.stack([model.char_intensity(t, language) for t in texts])
        features = intensity_features(raw["probability"], emb_ridge, e5, char, char_ridge)
        expected = ordinal_expectation(features, a["intensity_stack_W"], a["intensity_stack_b"])
    else:
        features = intensity_features(raw["probability"], emb_ridge)
        expected = ordinal_expectation(features, a["intensity_fallback_W"], a["intensity_fallback_b"])
    assert features.shape[1] == a[f"intensity_{'stack' if features.shape[1] == 30 else 'fallback'}_W"].shape[2]
    assert np.allclose(raw["intensity"], expected) and np.all((expected >= 0) & (expected <= 1))


def test_char_intensity_reads_the_kept_ngrams_only(model: MultilingualRecognizer) -> None:
    a = model._arrays
    kept = a["intensity_char_es_index"].astype(np.int64)
    assert len(kept) <= len(a["char_es_vocab"]) and np.all(np.diff(kept) > 0)
    text = "¡Qué alegría verte de nuevo!"
    index, weights = model.char_tfidf(text, "es")  # type: ignore[misc]
    dense = np.zeros((len(a["char_es_vocab"]), 6))
    dense[kept] = a["intensity_char_es_W"].astype(np.float64) * a["intensity_char_es_scale"]
    assert np.allclose(model.char_intensity(text, "es"), weights @ dense[index] + a["intensity_char_es_b"])
    assert model.char_tfidf("", "es") is None and model.char_tfidf("hola", "en") is None
    assert np.allclose(model.char_intensity("", "es"), a["intensity_char_es_b"])


def test_ordinal_expectation_sums_the_levels_it_reaches() -> None:
    weights = np.zeros((6, 3, 2))
    weights[:, :, 0] = 1.0  # every level more likely as the first feature grows
    bias = np.tile(np.array([0.0, -2.0, -4.0]), (6, 1))
    low, high = ordinal_expectation(np.array([[-20.0, 0.0], [20.0, 0.0]]), weights, bias)
    assert np.allclose(low, 0.0, atol=1e-6) and np.allclose(high, 1.0, atol=1e-6)
    middle = ordinal_expectation(np.array([[2.0, 5.0]]), weights, bias)[0]
    expected = sum(1 / (1 + np.exp(-(2.0 + b))) for b in (0.0, -2.0, -4.0)) / 3
    assert np.allclose(middle, expected)
    assert intensity_features(np.full((2, 6), 0.5), np.zeros((2, 6))).tolist() == np.zeros((2, 12)).tolist()
    assert intensity_features(*(np.full((1, 6), 0.5),) * 5).shape == (1, 30)


def test_training_rows_without_held_out_texts() -> None:
    from affectkit.datasets import BrighterSplit
    from affectkit.training.multilingual import rows_without

    split = BrighterSplit(["a", "b", "c"], ["x", "y", "z"], ["joy"], np.array([[1], [0], [1]], dtype=np.int8))
    kept = rows_without(split, {"y"})
    assert kept.ids == ["a", "c"] and kept.texts == ["x", "z"] and kept.values[:, 0].tolist() == [1, 1]


def test_bad_languages_get_a_coded_error(model: MultilingualRecognizer) -> None:
    from affectkit.errors import AffectkitError

    for texts, languages, code in ((["Hola", "Hallo"], ["es"], "AK-E005"), (["Hola"], "es", "AK-E005"),
                                   (["Hola"], [None], "AK-E005"), (["Hola"], [5], "AK-E040"),
                                   (["Hola"], ["español!"], "AK-E040")):
        with pytest.raises(AffectkitError) as error:
            model.analyze(texts, languages=languages)  # type: ignore[arg-type]
        assert error.value.code == code, (texts, languages)
    assert model.analyze(["Hola"], languages=["ES-mx"])[0].language == "es"  # a regional tag is read as its language
    with pytest.raises(AffectkitError) as error:
        affectkit.analyze(["Hola"], language=5)  # type: ignore[arg-type]
    assert error.value.code == "AK-E040"
