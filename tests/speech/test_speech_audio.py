from __future__ import annotations

import numpy as np
import pytest
import soundfile as sf
from speech_helpers import RATE, voiced

from affectkit.errors import AffectkitError
from affectkit.speech.analyze import analyze_speech
from affectkit.speech.audio import load_audio


@pytest.mark.parametrize("suffix,subtype", [(".wav", "PCM_16"), (".flac", "PCM_16"), (".ogg", "VORBIS")])
def test_formats_are_read_resampled_and_mixed_down(tmp_path, suffix, subtype):
    signal = voiced(2.0, rate=44100)
    stereo = np.stack([signal, 0.5 * signal], axis=1)
    path = tmp_path / f"clip{suffix}"
    sf.write(path, stereo, 44100, subtype=subtype)
    audio = load_audio(path)
    assert audio.sample_rate == RATE and audio.original_rate == 44100 and audio.channels == 2
    assert abs(audio.duration - 2.0) < 0.01
    assert [w.code for w in audio.warnings] == ["AK-W025"]
    # mixed down: the mean of the channels, at 16 kHz
    rms = float(np.sqrt(np.mean(audio.signal**2)))
    assert 0.6 < rms / float(np.sqrt(np.mean((0.75 * signal) ** 2))) < 1.4


def test_16k_mono_needs_no_conversion(tmp_path):
    path = tmp_path / "clip.wav"
    sf.write(path, voiced(1.0), RATE)
    audio = load_audio(path)
    assert audio.warnings == [] and audio.signal.shape == (RATE,)


def test_missing_and_unreadable_files(tmp_path):
    with pytest.raises(AffectkitError) as missing:
        load_audio(tmp_path / "none.wav")
    assert missing.value.code == "AK-E001"
    bogus = tmp_path / "notes.wav"
    bogus.write_text("this is not audio")
    with pytest.raises(AffectkitError) as unreadable:
        load_audio(bogus)
    assert unreadable.value.code == "AK-E030" and "notes.wav" in str(unreadable.value)
    with pytest.raises(AffectkitError) as folder:
        load_audio(tmp_path)
    assert folder.value.code == "AK-E030"


def test_empty_and_too_short_audio(tmp_path):
    empty = tmp_path / "empty.wav"
    sf.write(empty, np.zeros(0, dtype=np.float32), RATE)
    for source in (empty, voiced(0.1)):
        with pytest.raises(AffectkitError) as error:
            load_audio(source, sample_rate=None if source is empty else RATE)
        assert error.value.code == "AK-E031"


@pytest.mark.parametrize("signal", [
    np.zeros(3 * RATE), 10 ** (-75 / 20) * np.random.default_rng(0).standard_normal(3 * RATE),
    np.full(3 * RATE, 0.1), np.full(3 * RATE, 0.1) + 1e-4 * np.random.default_rng(1).standard_normal(3 * RATE),
    np.full(3 * RATE, 128, dtype=np.uint8)])  # a flat line at an offset, and 8-bit silence, are no sound either
def test_silence_is_refused_not_read_as_calm(signal):
    with pytest.raises(AffectkitError) as error:
        analyze_speech(signal, sample_rate=RATE)
    assert error.value.code == "AK-E032"


def test_malformed_arrays():
    for bad, rate in [(voiced(1.0), None), (voiced(1.0), 0), (voiced(1.0), True), (np.full(RATE, np.nan), RATE),
                      (np.zeros((2, 2, 2)), RATE), (np.array(["a"] * RATE), RATE),
                      (np.stack([voiced(1.0), voiced(1.0)]), RATE)]:  # (channels, samples): the wrong way round
        with pytest.raises(AffectkitError) as error:
            load_audio(bad, sample_rate=rate)
        assert error.value.code == "AK-E033"


def test_integer_arrays_are_scaled_and_clipping_is_reported():
    pcm = (voiced(1.0) * 32767).astype(np.int16)
    audio = load_audio(pcm, sample_rate=RATE)
    assert np.allclose(audio.signal, pcm / 32768.0, atol=1e-6)
    unsigned = np.round(voiced(1.0) * 127 + 128).astype(np.uint8)  # 8-bit PCM is unsigned, centred on 128
    assert np.allclose(load_audio(unsigned, sample_rate=RATE).signal, (unsigned - 128.0) / 128.0, atol=1e-6)
    clipped = np.clip(voiced(1.0, level=3.0), -1, 1)
    assert "AK-W024" in [w.code for w in load_audio(clipped, sample_rate=RATE).warnings]


def test_bytes_read_as_their_file_does(tmp_path):
    import io

    buffer = io.BytesIO()
    sf.write(buffer, voiced(2.0, rate=22050), 22050, format="FLAC")
    data = buffer.getvalue()
    (tmp_path / "a.flac").write_bytes(data)
    from_bytes, from_file = load_audio(data, name="upload"), load_audio(tmp_path / "a.flac")
    assert from_bytes.source == "upload" and np.array_equal(from_bytes.signal, from_file.signal)
    assert [w.code for w in from_bytes.warnings] == ["AK-W025"]
    assert analyze_speech(data).emotions == analyze_speech(tmp_path / "a.flac").emotions


@pytest.mark.parametrize(("data", "code"), [(b"", "AK-E031"), (b"%PDF-1.7 not audio at all", "AK-E030"),
                                            (b"RIFF\x24\x00\x00\x00WAVEfmt ", "AK-E030")])
def test_bad_bytes_are_coded(data, code):
    with pytest.raises(AffectkitError) as error:
        load_audio(data)
    assert error.value.code == code and error.value.source == "<bytes>"


def test_a_recording_over_the_limit_is_refused_before_decoding(tmp_path):
    sf.write(tmp_path / "long.wav", voiced(3.0), RATE)
    assert load_audio(tmp_path / "long.wav", max_seconds=3.5).duration == pytest.approx(3.0)
    for source in (tmp_path / "long.wav", (tmp_path / "long.wav").read_bytes()):
        with pytest.raises(AffectkitError) as error:
            load_audio(source, max_seconds=2.0)
        assert error.value.code == "AK-E036" and "3.0 s" in error.value.message
    with pytest.raises(AffectkitError) as error:
        load_audio(voiced(3.0), RATE, max_seconds=2.0)
    assert error.value.code == "AK-E036"


def test_a_float_file_with_nan_is_refused(tmp_path):
    signal = voiced(1.0)
    signal[100] = np.nan
    sf.write(tmp_path / "nan.wav", signal, RATE, subtype="FLOAT")
    with pytest.raises(AffectkitError) as error:
        load_audio(tmp_path / "nan.wav")
    assert error.value.code == "AK-E030" and "NaN" in error.value.message
