from __future__ import annotations

import numpy as np
import pytest
from speech_helpers import speech_data

from affectkit.errors import AffectkitError
from affectkit.speech.conversation import SESSION_CLIPS, analyze_conversation_audio

TEXT = {"05": "Why is this still not done?", "04": "I miss how things used to be.",
        "02": "Let's go through it step by step.", "03": "That sounds lovely."}


def _session(actor: str) -> tuple[list[dict], list[str]]:
    folder = speech_data() / "speech_ravdess" / "wav" / f"Actor_{actor}"
    turns, codes = [], []
    for code in ("05", "04", "02", "03"):  # angry, sad, calm, happy (RAVDESS, unseen in training)
        for path in sorted(folder.glob(f"03-01-{code}-*.wav"))[:4]:
            turns += [{"speaker": "caller", "text": TEXT[code], "audio": str(path.relative_to(folder))},
                      {"speaker": "agent", "text": "I see."}]
            codes.append(code)
    return turns, codes


def test_audio_turns_are_read_with_a_session_profile_and_fused_with_their_words():
    turns, codes = _session("13")
    folder = speech_data() / "speech_ravdess" / "wav" / "Actor_13"
    result = analyze_conversation_audio({"id": "call", "utterances": turns}, base_dir=folder)
    assert len(result.speech) == len(turns) == len(result.conversation.turns)
    voiced = [s for s in result.speech if s is not None]
    assert len(voiced) == len(codes) and all(s is None for s in result.speech[1::2])
    assert result.profiles["caller"] >= SESSION_CLIPS and all(s.head == "speaker" for s in voiced)
    assert all(s.text is not None and s.transcript == TEXT[c] for s, c in zip(voiced, codes, strict=True))
    arousal = {c: np.mean([s.vad.arousal for s, k in zip(voiced, codes, strict=True) if k == c]) for c in TEXT}
    assert arousal["05"] > arousal["04"] + 0.3 and arousal["05"] > arousal["02"] + 0.3
    uncalibrated = analyze_conversation_audio(turns, base_dir=folder, calibrate=False)
    assert uncalibrated.profiles == {} and uncalibrated.speech[0].head == "global"


def test_a_bad_audio_path_names_the_utterance(tmp_path):
    chat = [{"speaker": "a", "text": "hello"}, {"speaker": "b", "text": "hi", "audio": "missing.wav"}]
    with pytest.raises(AffectkitError) as error:
        analyze_conversation_audio(chat, base_dir=tmp_path)
    assert error.value.code == "AK-E001" and error.value.field == "utterances[1].audio"


def test_cli_reads_a_conversation_with_audio(tmp_path, capsys):
    import json
    import shutil

    from affectkit.cli import main

    source = speech_data() / "speech_emodb" / "wav"
    shutil.copy(source / "03a01Nc.wav", tmp_path / "turn1.wav")
    chat = {"id": "c", "utterances": [{"speaker": "user", "text": "Nothing matters anymore.", "audio": "turn1.wav"},
                                      {"speaker": "assistant", "text": "I'm here with you."}]}
    (tmp_path / "chat.json").write_text(json.dumps(chat), encoding="utf-8")
    assert main(["speech", "--conversation", str(tmp_path / "chat.json"), "-f", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["speech"][1] is None and data["speech"][0]["head"] == "global"
    assert data["conversation"]["turns"][0]["text"] == "Nothing matters anymore."
    assert main(["speech", "--conversation", str(tmp_path / "chat.json")]) == 0
    assert "[0] user:" in capsys.readouterr().out
