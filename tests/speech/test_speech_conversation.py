"""Conversations whose utterances carry an ``audio`` recording: read by the file readers, analysed by
``analyze_conversation`` and the live tracker, shown by ``affectkit conversation``."""

from __future__ import annotations

import json
import shutil

import numpy as np
import pytest
from speech_helpers import speech_data

from affectkit import analyze_conversation
from affectkit.cli import main
from affectkit.conversation import ConversationTracker, read_conversation
from affectkit.conversation.io import parse_conversation
from affectkit.errors import AffectkitError
from affectkit.speech.conversation import SESSION_CLIPS

TEXT = {"05": "Why is this still not done?", "04": "I miss how things used to be.",
        "02": "Let's go through it step by step.", "03": "That sounds lovely."}


def _session(actor: str) -> tuple[list[dict], list[str]]:
    folder = speech_data() / "speech_ravdess" / "wav" / f"Actor_{actor}"
    turns, codes = [], []
    for code in ("05", "04", "02", "03"):  # angry, sad, calm, happy (RAVDESS, unseen in training)
        for path in sorted(folder.glob(f"03-01-{code}-*.wav"))[:4]:
            turns += [{"speaker": "caller", "text": TEXT[code], "audio": str(path)},
                      {"speaker": "agent", "text": "I see."}]
            codes.append(code)
    return turns, codes


def _emodb_chat(folder, names=("03a01Nc.wav", "03a01Wa.wav")) -> dict:
    source = speech_data() / "speech_emodb" / "wav"
    for i, name in enumerate(names):
        shutil.copy(source / name, folder / f"turn{i}.wav")
    return {"id": "c", "utterances": [
        {"speaker": "user", "text": "Nothing matters anymore.", "audio": "turn0.wav"},
        {"speaker": "assistant", "text": "I'm here with you."},
        {"speaker": "user", "text": "Why is this still not done?", "audio": "turn1.wav"}]}


def test_audio_turns_are_read_with_a_session_profile_and_fused_with_their_words():
    turns, codes = _session("13")
    analysis = analyze_conversation({"id": "call", "utterances": turns})
    voiced = [t.speech for t in analysis.turns if t.speech is not None]
    assert len(voiced) == len(codes) and all(t.speech is None for t in analysis.turns[1::2])
    assert all(s.head == "speaker" for s in voiced)
    notes = [w for s in voiced for w in s.warnings if w.code == "AK-W026"]
    assert len(notes) == len(voiced) and int(notes[0].message.split(" windows")[0].split()[-1]) >= SESSION_CLIPS
    assert all(s.text is not None and s.transcript == TEXT[c] for s, c in zip(voiced, codes, strict=True))
    arousal = {c: np.mean([s.vad.arousal for s, k in zip(voiced, codes, strict=True) if k == c]) for c in TEXT}
    assert arousal["05"] > arousal["04"] + 0.3 and arousal["05"] > arousal["02"] + 0.3
    alone = analyze_conversation(turns, calibrate_speech=False)
    assert all(t.speech.head == "global" for t in alone.turns[::2])
    assert [t.emotion for t in alone.turns] == [t.emotion for t in analysis.turns]  # the words' reading is the same


def test_the_live_tracker_reads_each_recording_as_the_batch_does_without_calibration(tmp_path):
    chat = read_conversation(_write(tmp_path, _emodb_chat(tmp_path)))
    tracker = ConversationTracker(conversation_id="c")
    updates = [tracker.add(u) for u in chat.utterances]
    assert updates[0].turn.speech is not None and updates[1].turn.speech is None
    batch = analyze_conversation(chat, calibrate_speech=False)
    assert tracker.result().model_dump() == batch.model_dump()
    angry, neutral = batch.turns[2].speech, batch.turns[0].speech
    assert angry.emotion == "anger" and angry.vad.arousal > neutral.vad.arousal + 0.3
    assert [d.kind for d in neutral.disagreements] == ["calm_voice_dark_words"]


def test_a_bad_recording_leaves_the_tracker_as_it_was(tmp_path):
    tracker = ConversationTracker()
    tracker.add({"speaker": "a", "text": "hello"})
    with pytest.raises(AffectkitError) as error:
        tracker.add({"speaker": "b", "text": "hi", "audio": str(tmp_path / "missing.wav")})
    assert error.value.code == "AK-E001" and error.value.field == "utterances[1].audio"
    assert len(tracker.result().turns) == 1 and len(tracker.utterances_) == 1


def _write(folder, chat: dict, name: str = "chat.json"):
    path = folder / name
    path.write_text(json.dumps(chat), encoding="utf-8")
    return path


def test_readers_take_audio_relative_to_the_file(tmp_path):
    chat = _emodb_chat(tmp_path)
    from_json = read_conversation(_write(tmp_path, chat))
    assert [u.audio for u in from_json.utterances] == [str(tmp_path / "turn0.wav"), None, str(tmp_path / "turn1.wav")]
    jsonl = "\n".join(json.dumps(u) for u in chat["utterances"])
    (tmp_path / "chat.jsonl").write_text(jsonl, encoding="utf-8")
    assert read_conversation(tmp_path / "chat.jsonl").utterances == from_json.utterances
    (tmp_path / "chat.csv").write_text("speaker,text,audio\nuser,hi,turn0.wav\nassistant,hello,\n", encoding="utf-8")
    assert [u.audio for u in read_conversation(tmp_path / "chat.csv").utterances] == [str(tmp_path / "turn0.wav"),
                                                                                    None]
    absolute = parse_conversation(json.dumps([{"speaker": "a", "text": "x", "audio": "/rec/a.wav"}]), ".json", "s",
                                  base_dir=tmp_path)
    assert absolute.utterances[0].audio == "/rec/a.wav"
    assert "audio" not in from_json.utterances[1].model_dump()  # no audio: the field is left out


@pytest.mark.parametrize("audio", [3, "", "  ", ["a.wav"]])
def test_a_malformed_audio_field_names_its_line(audio):
    content = '[{"speaker": "a", "text": "x"},\n {"speaker": "b", "text": "y", "audio": ' + json.dumps(audio) + "}]"
    with pytest.raises(AffectkitError) as error:
        parse_conversation(content, ".json", "chat.json")
    assert (error.value.code, error.value.line, error.value.field) == ("AK-E005", 2, "[1].audio")


def test_missing_or_unreadable_audio_fails_before_any_text_is_read(tmp_path):
    (tmp_path / "noise.wav").write_bytes(b"RIFF....WAVEfmt not really")
    chat = [{"speaker": "a", "text": "hello"}, {"speaker": "b", "text": "hi", "audio": str(tmp_path / "noise.wav")}]
    with pytest.raises(AffectkitError) as error:
        analyze_conversation(chat)
    assert (error.value.code, error.value.field) == ("AK-E030", "utterances[1].audio")
    chat[1]["audio"] = str(tmp_path / "missing.wav")
    with pytest.raises(AffectkitError) as error:
        analyze_conversation(chat)
    assert (error.value.code, error.value.field) == ("AK-E001", "utterances[1].audio")
    assert error.value.source == str(tmp_path / "missing.wav")


def test_cli_conversation_reads_audio_next_to_the_file(tmp_path, capsys, monkeypatch):
    path = _write(tmp_path, _emodb_chat(tmp_path))
    monkeypatch.chdir(tmp_path.parent)  # relative paths come from the file's folder, not the working directory
    assert main(["conversation", str(path), "-f", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert "speech" not in data["turns"][1] and data["turns"][2]["speech"]["emotion"] == "anger"
    assert data["turns"][0]["speech"]["transcript"] == "Nothing matters anymore."
    assert main(["conversation", str(path)]) == 0
    table = capsys.readouterr().out
    assert "Voice (" in table and "#2 user: anger" in table and "calm_voice_dark_words" in table
    assert main(["speech", "--conversation", str(path)]) == 0
    assert "[0] user:" in capsys.readouterr().out
    assert main(["conversation", str(path), "-f", "html", "-o", str(tmp_path / "report.html")]) == 0
    page = (tmp_path / "report.html").read_text(encoding="utf-8")
    assert "<h2>Voice</h2>" in page and 'href="#turn-2">#2</a></td><td>user</td><td>anger' in page
    assert "calm voice (neutral" in page


def test_cli_conversation_names_a_missing_recording(tmp_path, capsys):
    chat = {"utterances": [{"speaker": "user", "text": "hi", "audio": "gone.wav"}]}
    assert main(["conversation", str(_write(tmp_path, chat))]) == 2
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1 and "AK-E001" in err and "gone.wav" in err and "utterances[0].audio" in err
