from __future__ import annotations

import shutil
import subprocess

import numpy as np
import pytest

from affectkit.errors import AffectkitError
from affectkit.speech.audio import load_audio
from affectkit.speech.features import egemaps
from affectkit.speech.prosody import prosody_controls
from affectkit.speech.vad import detect_speech
from affectkit.types import VAD, TargetEmotion

TEXT = "I hear you, and I understand how much this has weighed on you these last few weeks."
EXCITED = TargetEmotion(emotion="excitement", vad=VAD(valence=0.7, arousal=0.8, dominance=0.3), rationale=[])
SOOTHING = TargetEmotion(emotion="caring", vad=VAD(valence=0.3, arousal=-0.6, dominance=-0.2), rationale=[])


def test_controls_move_with_arousal_and_valence():
    low, high = prosody_controls(SOOTHING), prosody_controls(EXCITED)
    assert high.rate > 1.0 > low.rate
    assert high.pitch_semitones > 0 > low.pitch_semitones
    assert high.volume_db > 0 > low.volume_db and high.pitch_range > low.pitch_range
    sad, glad = prosody_controls((-0.6, 0.0, 0.0)), prosody_controls((0.6, 0.0, 0.0))
    assert glad.pitch_semitones > sad.pitch_semitones and glad.rate == sad.rate
    ssml = prosody_controls({"valence": 0, "arousal": 0, "dominance": 0}).ssml("Fish & chips <now>")
    assert ssml == ('<speak><prosody rate="100%" pitch="+0.0st" volume="+0.0dB">Fish &amp; chips &lt;now&gt;'
                    "</prosody></speak>")


def test_bad_targets_are_coded_errors():
    for bad in [(0.0, 2.0, 0.0), {"valence": 0.1}, "calm"]:
        with pytest.raises(AffectkitError) as error:
            prosody_controls(bad)  # type: ignore[arg-type]
        assert error.value.code == "AK-E035"
    with pytest.raises(AffectkitError):
        prosody_controls((0.0, 0.0, 0.0), emotion="  ")


def test_a_plans_target_gives_controls():
    import affectkit

    plan = affectkit.plan([{"speaker": "user", "text": "My dog died this morning and I can't stop crying."}])
    controls = prosody_controls(plan.target)
    assert controls.emotion == plan.target.emotion and controls.vad == plan.target.vad
    assert controls.rate <= 1.05  # a reply to grief is not hurried


def _render(args: list[str], tmp_path, name: str) -> tuple[float, float]:
    """Median F0 (semitones over 27.5 Hz, voiced frames) and seconds of sound of espeak-ng's rendering."""
    wav = tmp_path / f"{name}.wav"
    subprocess.run(["espeak-ng", "-v", "en-us", *args, "-w", str(wav)], check=True, capture_output=True, timeout=60)
    audio = load_audio(wav)
    lld = egemaps(audio.signal)
    f0 = lld.lld[:, lld.lld_names.index("F0semitoneFrom27.5Hz_sma3nz")]
    return float(np.median(f0[f0 > 0])), detect_speech(audio.signal, audio.sample_rate).speech_seconds


@pytest.mark.skipif(shutil.which("espeak-ng") is None, reason="espeak-ng is not installed (apt-get install espeak-ng)")
def test_espeak_renders_higher_and_faster_for_an_excited_target(tmp_path):
    low, high = prosody_controls(SOOTHING), prosody_controls(EXCITED)
    for form, low_args, high_args in [
        ("ssml", ["-m", low.ssml(TEXT)], ["-m", high.ssml(TEXT)]),
        ("params", [*low.espeak_args(), TEXT], [*high.espeak_args(), TEXT]),
    ]:
        low_f0, low_seconds = _render(low_args, tmp_path, f"{form}-low")
        high_f0, high_seconds = _render(high_args, tmp_path, f"{form}-high")
        assert high_f0 > low_f0 + 1.0, form  # more than a semitone higher
        assert high_seconds < 0.9 * low_seconds, form  # the same words, at least 10% faster
