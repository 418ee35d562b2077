"""``POST /v1/speech`` against the real app: real recordings (EmoDB, espeak-ng), their readings equal the
library's, and bad uploads are coded client errors, never a 5xx."""

from __future__ import annotations

import io
import os
import shutil
import subprocess
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from service_helpers import assert_problem

sf = pytest.importorskip("soundfile", reason="the 'speech' extra is not installed")
pytest.importorskip("opensmile", reason="the 'speech' extra is not installed")

from affectkit.speech.analyze import analyze_speech  # noqa: E402

REPO = Path(__file__).resolve().parents[2]
ANGRY = "03a01Wa.wav"  # EmoDB speaker 03, anger
TRANSCRIPT = "I feel hopeless. There is no point in going on."


def _emodb(name: str = ANGRY) -> Path:
    path = Path(os.environ.get("AFFECTKIT_DATA", REPO.parent / "shared" / "data")) / "speech_emodb" / "wav" / name
    if not path.is_file():
        pytest.skip(f"EmoDB not found at {path.parent} (set AFFECTKIT_DATA)")
    return path


def _upload(service: Any, data: bytes, content_type: str = "audio/wav", **params: Any) -> Any:
    headers = {**service.headers, "Content-Type": content_type}
    return service.client.post("/v1/speech", content=data, headers=headers, params=params)


def _wav(signal: np.ndarray, rate: int = 16000, fmt: str = "WAV") -> bytes:
    buffer = io.BytesIO()
    sf.write(buffer, signal, rate, format=fmt)
    return buffer.getvalue()


def test_an_uploaded_recording_reads_as_the_file_does(service, tmp_path) -> None:  # type: ignore[no-untyped-def]
    path = _emodb()
    response = _upload(service, path.read_bytes())
    assert response.status_code == 200, response.text
    body = response.json()
    assert body["source"] == "<upload>" and body["emotion"] == "anger" and body["transcript"] is None
    assert body["emotions"] == analyze_speech(path).emotions
    data, rate = sf.read(path)  # the same speech as FLAC, at another rate, in stereo
    flac = _wav(np.stack([data, data], axis=1), rate, "FLAC")
    response = _upload(service, flac, "audio/flac")
    assert response.status_code == 200, response.text
    assert response.json()["emotion"] == "anger" and "AK-W025" in [w["code"] for w in response.json()["warnings"]]


@pytest.mark.skipif(shutil.which("espeak-ng") is None, reason="espeak-ng is not installed (apt-get install espeak-ng)")
def test_synthetic_speech_with_its_transcript_is_fused(service, tmp_path) -> None:  # type: ignore[no-untyped-def]
    wav = tmp_path / "said.wav"
    subprocess.run(["espeak-ng", "-v", "en-us", "-s", "130", "-w", str(wav), TRANSCRIPT], check=True,
                   capture_output=True, timeout=60)
    response = _upload(service, wav.read_bytes(), "application/octet-stream", transcript=TRANSCRIPT)
    assert response.status_code == 200, response.text
    body = response.json()
    expected = analyze_speech(wav, TRANSCRIPT)
    assert body["transcript"] == TRANSCRIPT and body["text"]["text"] == TRANSCRIPT
    assert body["fused_vad"] == expected.fused_vad.model_dump() and body["emotions"] == expected.emotions
    words, voice, fused = body["text"]["vad"]["valence"], body["vad"]["valence"], body["fused_vad"]["valence"]
    # whatever the speech model reads in a synthetic voice: the fused valence lies between the words' and the
    # voice's, nearer the words'
    assert words < 0 and min(words, voice) - 1e-3 <= fused <= max(words, voice) + 1e-3
    assert abs(fused - words) <= abs(fused - voice) + 1e-3
    assert [d["kind"] for d in body["disagreements"]] == [d.kind for d in expected.disagreements]


@pytest.mark.parametrize(("make", "code"), [
    (lambda: b"", "AK-E031"),
    (lambda: b"%PDF-1.7\n" + bytes(range(256)) * 40, "AK-E030"),
    (lambda: b'{"texts": ["not audio"]}', "AK-E030"),
    (lambda: _wav(np.zeros(32000, dtype=np.float32)), "AK-E032"),
    (lambda: _wav(0.2 * np.sin(np.arange(800) / 5.0)), "AK-E031"),
    (lambda: _wav(0.2 * np.sin(np.arange(32000) / 5.0))[:60], "AK-E031"),
    (lambda: _wav(0.2 * np.sin(np.arange(800) / 5.0), rate=1000), "AK-E030"),
])
def test_bad_audio_is_a_coded_422(service, make, code) -> None:  # type: ignore[no-untyped-def]
    assert_problem(_upload(service, make()), 422, code)


def test_limits_and_wrong_requests(make_service) -> None:  # type: ignore[no-untyped-def]
    service = make_service(max_body_bytes=2000, max_audio_bytes=200_000, max_audio_seconds=3.0, max_text_chars=40)
    speech = 0.2 * np.sin(2 * np.pi * 150 * np.arange(16000 * 4) / 16000)
    too_big = _wav(speech[:16000 * 3 + 8000])  # 3.5 s: 112 kB, over the audio limit once doubled in size
    body = assert_problem(_upload(service, too_big + too_big), 413, "AK-E023")
    assert "AFFECTKIT_MAX_AUDIO_BYTES" in body["detail"]
    long = assert_problem(_upload(service, _wav(speech[:16000 * 3 + 8000])), 413, "AK-E036")
    assert "AFFECTKIT_MAX_AUDIO_SECONDS" in long["detail"] and "3.5 s" in long["detail"]
    assert _upload(service, _wav(speech[:16000 * 2])).status_code == 200  # 64 kB: over the JSON routes' limit only
    assert_problem(service.post("/v1/analyze", {"texts": ["x" * 3000]}), 413, "AK-E023")
    assert_problem(_upload(service, _wav(speech[:32000]), transcript="y" * 41), 413, "AK-E023")
    form = service.client.post("/v1/speech", headers=service.headers, files={"file": ("a.wav", b"RIFF")})
    assert_problem(form, 415, "AK-E030")
    anonymous = service.client.post("/v1/speech", content=_wav(speech), headers={"Content-Type": "audio/wav"})
    assert_problem(anonymous, 401, "AK-E021")
    limits = service.get("/v1/info").json()["limits"]
    assert (limits["max_audio_bytes"], limits["max_audio_seconds"]) == (200_000, 3.0)


def test_mangled_uploads_never_answer_5xx(service) -> None:  # type: ignore[no-untyped-def]
    rng = np.random.default_rng(19)
    good = _emodb().read_bytes()
    uploads = [bytes(rng.integers(0, 256, n, dtype=np.uint8)) for n in (1, 44, 1000, 50_000)]
    for _ in range(12):
        mangled = bytearray(good)
        for position in rng.integers(0, 64, 4):  # the header: sizes, channels, rate, format
            mangled[position] = int(rng.integers(0, 256))
        uploads.append(bytes(mangled))
    uploads += [good[:n] for n in (12, 43, 45, 4000)]
    statuses = [_upload(service, data).status_code for data in uploads]
    assert all(status < 500 for status in statuses), statuses
    assert any(status == 422 for status in statuses)


def test_openapi_documents_the_upload(service) -> None:  # type: ignore[no-untyped-def]
    operation = service.client.get("/openapi.json").json()["paths"]["/v1/speech"]["post"]
    content = operation["requestBody"]["content"]
    assert content["audio/wav"]["schema"] == {"type": "string", "format": "binary"} and "audio/flac" in content
    assert {p["name"] for p in operation["parameters"]} == {"transcript", "calibrate"}
    assert {"413", "415", "422", "503"} <= set(operation["responses"])
    assert operation["responses"]["200"]["content"]["application/json"]["schema"]["$ref"].endswith("SpeechAnalysis")


def test_without_the_speech_extra_the_route_says_so(service, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    import sys

    monkeypatch.setitem(sys.modules, "soundfile", None)  # as if the speech extra were not installed
    body = assert_problem(_upload(service, _emodb().read_bytes()), 503, "AK-E026")
    assert "affectkit[speech]" in body["detail"]


def test_clients_cannot_make_the_service_read_its_own_files(service) -> None:  # type: ignore[no-untyped-def]
    """``audio`` paths are for local files: the service's JSON routes refuse the field (no server path is read)."""
    server_file = str(_emodb())
    utterance = {"speaker": "user", "text": "hello", "audio": server_file}
    conversation = service.conversation()
    refused = assert_problem(service.post(f"/v1/conversations/{conversation}/utterances", utterance), 422, "AK-E005")
    assert "audio" in refused["detail"]
    assert_problem(service.post("/v1/plan", {"conversation": {"utterances": [utterance]}}), 422, "AK-E005")
    with service.client.websocket_connect(f"/v1/conversations/{conversation}/stream",
                                          headers=service.headers) as socket:
        socket.send_json(utterance)
        answer = socket.receive_json()
    assert answer["event"] == "error" and answer["code"] == "AK-E005"
