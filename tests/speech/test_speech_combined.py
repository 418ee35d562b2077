"""``speech-emodb-ravdess`` (issue 19): the model trained on EmoDB and RAVDESS loads, reads real recordings, says it
is non-commercial, and the ``commercial`` licence profile never reads a voice with it."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import numpy as np
import pytest
from speech_helpers import REPO, speech_data

pytest.importorskip("opensmile", reason="the 'speech' extra is not installed")

from affectkit import licence  # noqa: E402
from affectkit.cli import main as cli_main  # noqa: E402
from affectkit.speech.analyze import analyze_speech, speaker_profile  # noqa: E402
from affectkit.speech.model import MODELS, load_speech_model, speech_model_dir  # noqa: E402

COMBINED = MODELS / "speech-emodb-ravdess"


@pytest.fixture(autouse=True)
def _reset_profile(monkeypatch: pytest.MonkeyPatch):
    monkeypatch.delenv(licence.ENV, raising=False)
    licence.configure(None)
    yield
    licence.configure(None)


def _ravdess(emotion: str, actor: str) -> list[str]:
    code = {"angry": "05", "sad": "04", "neutral": "01"}[emotion]
    folder = speech_data() / "speech_ravdess" / "wav" / f"Actor_{actor}"
    return sorted(str(p) for p in folder.glob(f"03-01-{code}-*.wav"))


def test_model_loads_and_says_it_is_non_commercial() -> None:
    model = load_speech_model("speech-emodb-ravdess")
    assert model.name == "speech-emodb-ravdess-egemaps@1" and model.path == COMBINED
    assert load_speech_model("speech-emodb-ravdess-egemaps@1") is model  # by name@version, loaded once
    assert model.labels == load_speech_model("speech-emodb").labels and model.dim == 263
    assert model.commercial_use is False and load_speech_model("speech-emodb").commercial_use is True
    assert "RAVDESS" in model.config["training_data"] and "CC BY-NC-SA 4.0" in model.config["training_data"]
    card = (COMBINED / "MODEL_CARD.md").read_text(encoding="utf-8")
    first = card.split("\n## ")[0]
    assert "**Non-commercial.**" in first and "CC BY-NC-SA 4.0" in first and "AK-W013" in first
    probabilities = model.predict_proba(np.zeros((2, model.dim)))
    assert probabilities.shape == (2, 7) and np.allclose(probabilities.sum(axis=1), 1.0)


def test_licence_check_names_ravdess_in_its_training_data() -> None:
    # the check tests/test_licence.py runs on every model of the commercial profile would refuse this one
    sys.path.insert(0, str(REPO / "tests"))
    from test_licence import non_commercial_names

    assert non_commercial_names(COMBINED) == ["RAVDESS"]
    assert non_commercial_names(MODELS / "speech-emodb") == []


def test_commercial_profile_excludes_it() -> None:
    commercial, default = licence.PROFILES["commercial"], licence.PROFILES["default"]
    assert commercial.speech == "speech-emodb" and "speech-emodb-ravdess" not in commercial.models
    assert default.speech == "speech-emodb-ravdess"
    assert speech_model_dir().name == "speech-emodb-ravdess"
    licence.configure("commercial")
    assert speech_model_dir().name == "speech-emodb" and load_speech_model().commercial_use


def test_commercial_profile_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(licence.ENV, "commercial")
    assert load_speech_model().name == "speech-emodb-egemaps@1"


def test_reads_a_real_english_recording_by_profile() -> None:
    path = _ravdess("angry", "13")[-1]  # strong take, 48 kHz
    default = analyze_speech(path)
    assert default.model == "speech-emodb-ravdess-egemaps@1"
    assert set(default.emotions) == set(load_speech_model().labels)
    assert abs(sum(default.emotions.values()) - 1.0) < 1e-3
    assert default.vad.arousal > 0 and "AK-W013" not in [w.code for w in default.warnings]
    licence.configure("commercial")
    commercial = analyze_speech(path)
    assert commercial.model == "speech-emodb-egemaps@1"
    assert "AK-W013" not in [w.code for w in commercial.warnings]
    explicit = analyze_speech(path, model="speech-emodb-ravdess")  # given explicitly: read, but flagged
    assert explicit.model == "speech-emodb-ravdess-egemaps@1" and explicit.emotions == default.emotions
    flagged = [w for w in explicit.warnings if w.code == "AK-W013"]
    assert len(flagged) == 1 and "RAVDESS" in flagged[0].message


def test_english_voices_with_a_profile() -> None:
    # actor 13 is in this model's training data: the check is that the shipped heads read real takes sensibly;
    # speaker-independent figures are in benchmarks/results/speech-emodb-ravdess.json
    model = load_speech_model("speech-emodb-ravdess")
    folder = speech_data() / "speech_ravdess" / "wav" / "Actor_13"
    profile = speaker_profile(sorted(str(p) for p in folder.glob("03-01-0[2367]-*.wav")), model=model)
    angry = [analyze_speech(p, profile=profile, model=model) for p in _ravdess("angry", "13")]
    sad = [analyze_speech(p, profile=profile, model=model) for p in _ravdess("sad", "13")]
    assert {a.head for a in angry} == {"speaker"}
    assert np.mean([a.vad.arousal for a in angry]) > np.mean([s.vad.arousal for s in sad]) + 0.3
    assert sum(a.emotion == "anger" for a in angry) >= 6 and sum(s.emotion == "sadness" for s in sad) >= 4


def test_german_recording_with_either_model() -> None:
    path = speech_data() / "speech_emodb" / "wav" / "03a01Wa.wav"  # speaker 03, anger (W: Wut)
    for name in ("speech-emodb", "speech-emodb-ravdess"):
        assert analyze_speech(path, model=name).emotion == "anger"


def test_cli_follows_the_licence_profile(capsys: pytest.CaptureFixture[str]) -> None:
    path = _ravdess("angry", "13")[-1]
    assert cli_main(["speech", path, "--format", "json"]) == 0
    assert json.loads(capsys.readouterr().out)["model"] == "speech-emodb-ravdess-egemaps@1"
    assert cli_main(["--licence", "commercial", "speech", path, "--format", "json"]) == 0
    commercial = json.loads(capsys.readouterr().out)
    assert commercial["model"] == "speech-emodb-egemaps@1"
    assert cli_main(["--licence", "commercial", "speech", path, "--model", "speech-emodb-ravdess", "-f", "json"]) == 0
    explicit = json.loads(capsys.readouterr().out)
    assert explicit["model"] == "speech-emodb-ravdess-egemaps@1"
    assert "AK-W013" in [w["code"] for w in explicit["warnings"]]


def test_unknown_model_is_a_coded_error(tmp_path: Path) -> None:
    from affectkit.errors import AffectkitError

    with pytest.raises(AffectkitError) as error:
        analyze_speech(speech_data() / "speech_emodb" / "wav" / "03a01Wa.wav", model=str(tmp_path / "nope"))
    assert error.value.code == "AK-E034"
    with pytest.raises(AffectkitError) as error:
        load_speech_model("speech-emodb-ravdess-egemaps@9")
    assert error.value.code == "AK-E034" and "speech-emodb-ravdess-egemaps@1" in error.value.message
