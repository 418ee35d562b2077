from __future__ import annotations

import numpy as np
import pytest
from speech_helpers import speech_data

from affectkit.errors import AffectkitError
from affectkit.speech.analyze import analyze_speech, speaker_profile
from affectkit.speech.model import MODEL_DIR, SpeakerProfile, SpeechModel, load_speech_model


@pytest.mark.parametrize("name", ["speech-emodb", "speech-emodb-ravdess"])
def test_shipped_model_is_small_and_self_describing(name):
    folder = MODEL_DIR.parent / name
    size = sum(p.stat().st_size for p in folder.iterdir())
    assert size < 20 * 1024 * 1024
    model = load_speech_model(name)
    assert model.path == folder
    assert model.labels == ["anger", "boredom", "disgust", "fear", "happiness", "neutral", "sadness"]
    assert len(model.config["feature_names"]) == model.dim == 263
    assert (folder / "MODEL_CARD.md").is_file()


def test_vad_follows_the_categories():
    model = load_speech_model()
    one_hot = np.eye(len(model.labels))
    vad = {label: model.vad(row) for label, row in zip(model.labels, one_hot, strict=True)}
    assert vad["anger"][1] > vad["neutral"][1] > vad["sadness"][1]  # arousal
    assert vad["happiness"][0] > vad["neutral"][0] > vad["sadness"][0]  # valence


def test_profile_round_trip_and_blending():
    model = load_speech_model()
    rng = np.random.default_rng(0)
    vectors = rng.standard_normal((12, model.dim))
    profile = model.profile(vectors)
    again = SpeakerProfile.from_dict(profile.to_dict())
    assert again.clips == 12 and np.allclose(again.mean, vectors.mean(axis=0))
    # with one clip, the spread is the training speakers' (nothing else is known)
    single = model.profile(vectors[:1])
    assert np.all(single.scale > 0)


def test_broken_model_folder_is_a_coded_error(tmp_path):
    with pytest.raises(AffectkitError) as error:
        SpeechModel(tmp_path).predict_proba(np.zeros((1, 263)))
    assert error.value.code == "AK-E034"


def _ravdess(emotion: str, actor: str) -> list[str]:
    folder = speech_data() / "speech_ravdess" / "wav" / f"Actor_{actor}"
    code = {"angry": "05", "sad": "04", "neutral": "01", "calm": "02", "happy": "03"}[emotion]
    return sorted(str(p) for p in folder.glob(f"03-01-{code}-*.wav"))


def test_unseen_corpus_angry_voices_read_more_aroused_than_sad_ones():
    # RAVDESS (English, 48 kHz, never seen in training by the EmoDB-only model): actor 11, strong and normal takes
    model = load_speech_model("speech-emodb")
    angry = [analyze_speech(p, model=model) for p in _ravdess("angry", "11")]
    sad = [analyze_speech(p, model=model) for p in _ravdess("sad", "11")]
    assert np.mean([a.vad.arousal for a in angry]) > np.mean([s.vad.arousal for s in sad])  # weak head: direction only
    folder = speech_data() / "speech_ravdess" / "wav" / "Actor_11"
    # the speaker's other recordings, unlabelled: calm, happy, fearful and disgusted takes
    calibration = sorted(str(p) for p in folder.glob("03-01-0[2367]-*.wav"))
    profile = speaker_profile(calibration, model=model)
    assert profile.clips == len(calibration)
    angry_cal = [analyze_speech(p, profile=profile, model=model) for p in _ravdess("angry", "11")]
    sad_cal = [analyze_speech(p, profile=profile, model=model) for p in _ravdess("sad", "11")]
    assert angry_cal[0].head == "speaker"
    assert np.mean([a.vad.arousal for a in angry_cal]) > np.mean([s.vad.arousal for s in sad_cal]) + 0.3
    assert sum(a.emotion == "anger" for a in angry_cal) >= 4  # of 8; chance (one class of seven) is about 1
