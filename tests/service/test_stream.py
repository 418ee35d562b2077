"""WS /v1/conversations/{id}/stream: utterances in, each turn's analysis, flags and plan out."""

from __future__ import annotations

import json

import pytest
from service_helpers import CHAT
from starlette.websockets import WebSocketDisconnect

from affectkit.conversation import analyze_conversation


def test_stream_answers_each_utterance_in_order(service) -> None:  # type: ignore[no-untyped-def]
    conversation_id = service.conversation()
    url = f"/v1/conversations/{conversation_id}/stream"
    with service.client.websocket_connect(url, headers=service.headers) as ws:
        answers = []
        for utterance in CHAT:
            ws.send_text(json.dumps(utterance))
            answers.append(ws.receive_json())
    assert [a["event"] for a in answers] == ["turn"] * len(CHAT)
    assert [a["turns"] for a in answers] == list(range(1, len(CHAT) + 1))
    batch = analyze_conversation({"id": conversation_id, "utterances": CHAT})
    assert [a["turn"] for a in answers] == [json.loads(t.model_dump_json()) for t in batch.turns]
    assert answers[-1]["plan"]["conversation_id"] == conversation_id
    stored = service.get(f"/v1/conversations/{conversation_id}").json()  # committed, as over HTTP
    assert stored["analysis"] == json.loads(batch.model_dump_json())


def test_stream_refuses_bad_messages_and_stays_open(service) -> None:  # type: ignore[no-untyped-def]
    conversation_id = service.conversation()
    with service.client.websocket_connect(f"/v1/conversations/{conversation_id}/stream") as ws:
        ws.send_text(json.dumps({"event": "auth", "key": service.token}))  # as a browser would
        ws.send_text("{not json")
        assert ws.receive_json()["code"] == "AK-E004"
        ws.send_text(json.dumps({"speaker": "user"}))
        error = ws.receive_json()
        assert error["event"] == "error" and error["status"] == 422 and error["code"] == "AK-E005"
        ws.send_text(json.dumps({"speaker": "user", "text": "x" * 30_000}))
        assert ws.receive_json()["code"] == "AK-E023"
        ws.send_bytes(json.dumps(CHAT[0]).encode())  # a binary frame: this stream reads JSON text
        assert ws.receive_json()["code"] == "AK-E004"
        ws.send_text("[" * 100_000 + "]" * 100_000)  # deeper than Python's JSON decoder goes
        assert ws.receive_json()["code"] == "AK-E004"
        ws.send_text(json.dumps(CHAT[0]))
        answer = ws.receive_json()
        assert answer["event"] == "turn" and answer["turns"] == 1


@pytest.mark.parametrize("who", ["nobody", "another key", "no such conversation"])
def test_stream_closes_on_a_wrong_key_or_conversation(service, who: str) -> None:  # type: ignore[no-untyped-def]
    conversation_id = service.conversation()
    headers = {"nobody": {"Authorization": "Bearer wrong"}, "another key": service.other_headers,
               "no such conversation": service.headers}[who]
    url = f"/v1/conversations/{'nope' if who == 'no such conversation' else conversation_id}/stream"
    with service.client.websocket_connect(url, headers=headers) as ws:
        error = ws.receive_json()
        assert error["code"] == ("AK-E021" if who == "nobody" else "AK-E022")
        with pytest.raises(WebSocketDisconnect) as closed:
            ws.receive_json()
    assert closed.value.code == 1008


@pytest.mark.parametrize("first", ["binary", "nested", "silence"])
def test_a_socket_without_a_key_is_closed_whatever_it_sends_or_not(service, first: str,  # type: ignore[no-untyped-def]
                                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    from affectkit.service import stream

    monkeypatch.setattr(stream, "AUTH_SECONDS", 0.2)
    conversation_id = service.conversation()
    with service.client.websocket_connect(f"/v1/conversations/{conversation_id}/stream") as ws:
        if first == "binary":
            ws.send_bytes(json.dumps({"event": "auth", "key": service.token}).encode())
        elif first == "nested":
            ws.send_text('{"a":' * 5000 + "1" + "}" * 5000)
        assert ws.receive_json()["code"] == "AK-E021"
        with pytest.raises(WebSocketDisconnect) as closed:
            ws.receive_json()
    assert closed.value.code == 1008
