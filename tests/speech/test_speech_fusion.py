from __future__ import annotations

import json

import pytest
from speech_helpers import speech_data

from affectkit import analyze_speech
from affectkit.cli import main


@pytest.fixture(scope="module")
def emodb():
    return speech_data() / "speech_emodb" / "wav"


def test_calm_voice_with_dark_words_is_flagged(emodb):
    path = str(emodb / "03a01Nc.wav")  # a neutral reading
    dark = analyze_speech(path, transcript="I feel hopeless. Nothing matters anymore and I can't go on.")
    assert dark.emotion in ("neutral", "boredom")
    assert [d.kind for d in dark.disagreements] == ["calm_voice_dark_words"]
    assert "AK-W023" in [w.code for w in dark.warnings]
    assert dark.fused_vad is not None and dark.fused_vad.valence < dark.vad.valence
    plain = analyze_speech(path, transcript="The cloth is lying on the fridge.")
    assert plain.disagreements == [] and plain.text is not None


def test_angry_voice_with_bright_words_is_flagged_and_fused_arousal_follows_the_voice(emodb):
    path = str(emodb / "03a01Wa.wav")  # an angry reading
    reading = analyze_speech(path, transcript="Oh wonderful, I just love this, thank you so much!")
    assert reading.emotion == "anger"
    assert "negative_voice_positive_words" in [d.kind for d in reading.disagreements]
    assert reading.fused_vad.arousal > reading.text.vad.arousal


def test_cli_speech_json_and_errors(emodb, capsys, tmp_path):
    assert main(["speech", str(emodb / "03a01Nc.wav"), "--transcript", "I want to disappear.", "-f", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["transcript"] == "I want to disappear." and data["windows"] and data["model"].startswith("speech-")
    bad = tmp_path / "bad.ogg"
    bad.write_bytes(b"OggS not really")
    assert main(["speech", str(bad)]) == 2
    assert "AK-E030" in capsys.readouterr().err
    profile = tmp_path / "spk.json"
    clips = [str(emodb / n) for n in ("03a01Nc.wav", "03a01Wa.wav", "03a01Fa.wav", "03a02Ta.wav")]
    assert main(["speech", *clips, "--make-profile", str(profile)]) == 0
    capsys.readouterr()
    assert main(["speech", clips[1], "--profile", str(profile)]) == 0
    out = capsys.readouterr().out
    assert "head speaker" in out and "voice: anger" in out
