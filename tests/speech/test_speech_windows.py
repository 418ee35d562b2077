from __future__ import annotations

import numpy as np
import soundfile as sf
from speech_helpers import RATE, speech_data, voiced

from affectkit.speech.analyze import analyze_speech, speech_windows
from affectkit.speech.vad import detect_speech


def test_vad_finds_each_stretch_of_sound():
    parts = [np.zeros(RATE), voiced(1.5), np.zeros(2 * RATE), voiced(1.0, f0=200), np.zeros(RATE // 2)]
    activity = detect_speech(np.concatenate(parts), RATE)
    assert len(activity.segments) == 2
    (s1, e1), (s2, e2) = activity.segments
    assert abs(s1 - 1.0) < 0.05 and abs(e1 - 2.5) < 0.05 and abs(s2 - 4.5) < 0.05 and abs(e2 - 5.5) < 0.05
    assert abs(activity.speech_seconds - 2.5) < 0.1


def test_vad_adapts_to_background_noise():
    rng = np.random.default_rng(1)
    noise = 0.01 * rng.standard_normal(6 * RATE).astype(np.float32)  # -40 dBFS hiss throughout
    signal = noise.copy()
    signal[2 * RATE:4 * RATE] += voiced(2.0)
    (start, end), = detect_speech(signal, RATE).segments
    assert abs(start - 2.0) < 0.1 and abs(end - 4.0) < 0.1


def test_windows_cut_at_pauses_and_never_exceed_the_maximum():
    segments = [(0.0, 1.5), (1.7, 3.0), (4.0, 4.4), (6.0, 25.0)]
    windows = speech_windows(segments)
    assert windows[0] == (0.0, 3.0)
    assert all(e - s <= 8.0 + 1e-9 for s, e in windows)
    covered = sum(e - s for s, e in windows)
    assert abs(covered - sum(e - s for s, e in segments) - 0.2) < 1e-6  # only the 0.2 s gap inside window 1
    assert windows[-1][1] == 25.0


def test_long_recording_is_read_in_windows_with_timestamps_and_silence_is_not_read():
    data = speech_data() / "speech_emodb" / "wav"
    clips = [sf.read(data / name, dtype="float32")[0] for name in ("03a01Wa.wav", "03a02Nc.wav", "03a01Wa.wav")]
    gap = np.zeros(4 * RATE, dtype=np.float32)
    recording = np.concatenate([gap, clips[0], gap, clips[1], gap, clips[2], gap])
    reading = analyze_speech(recording, sample_rate=RATE)
    starts = [4.0, 8.0 + len(clips[0]) / RATE, 12.0 + (len(clips[0]) + len(clips[1])) / RATE]
    assert len(reading.windows) == 3
    for window, start, clip in zip(reading.windows, starts, clips, strict=True):
        assert abs(window.start - start) < 0.35 and abs(window.end - (start + len(clip) / RATE)) < 0.35
    assert {"AK-W020", "AK-W021"} <= {w.code for w in reading.warnings}
    # the same clip reads the same in the long recording as alone: its silence changed nothing
    alone = analyze_speech(clips[0], sample_rate=RATE)
    assert reading.windows[0].emotion == alone.emotion
    assert abs(reading.windows[0].emotions[alone.emotion] - alone.emotions[alone.emotion]) < 0.1
    assert reading.windows[0].emotion == reading.windows[2].emotion


def test_a_long_recording_can_calibrate_on_itself():
    from affectkit.speech.audio import load_audio

    folder = speech_data() / "speech_ravdess" / "wav" / "Actor_08"
    paths = sorted(folder.glob("03-01-0[2-7]-01-01-*.wav"))
    gap = np.zeros(RATE, dtype=np.float32)
    recording = np.concatenate([part for p in paths for part in (load_audio(p).signal, gap)])
    session = analyze_speech(recording, sample_rate=RATE, calibrate=True)
    assert len(session.windows) == len(paths) >= 10 and session.head == "speaker"
    assert analyze_speech(recording, sample_rate=RATE).head == "global"
    short = np.concatenate([load_audio(p).signal for p in paths[:2]])
    assert analyze_speech(short, sample_rate=RATE, calibrate=True).head == "global"  # too few windows
