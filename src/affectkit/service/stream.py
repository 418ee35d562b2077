"""``WS /v1/conversations/{id}/stream``: append utterances to a stored conversation over one WebSocket.

Message schema (JSON text frames):

* authentication: the ``Authorization: Bearer <key>`` header of the handshake or, for clients that cannot set
  headers (browsers), a first message ``{"event": "auth", "key": "<key>"}``;
* client -> server, one utterance per message: ``{"speaker": "user", "text": "...", "timestamp": ..., "id": ...}``
  (the body of ``POST /v1/conversations/{id}/utterances``);
* server -> client, one answer per utterance, in order: ``{"event": "turn", ...}`` with the fields of that route's
  answer (``conversation_id``, ``turns``, ``turn``, ``speaker``, ``shifts``, ``flags``, ``plan``: what the turn
  brought, see ``UtteranceResult``), sent once the utterance is committed; or ``{"event": "error", ...}`` with the
  fields of a problem (``status``, ``code``, ``detail``, ...) for a message that was refused (malformed, too large,
  rate-limited, an ``id`` already stored: ``AK-E050`` with its ``turn``): the socket stays open.
* Reconnecting: the stream holds no state of its own. A client that lost its socket opens a new one, reads what
  it missed with ``GET /v1/conversations/{id}?after=<the last turn it has>``, and sends again the utterances it
  has no answer for, with the ``id`` it gave them: one that was stored before the socket went is refused with
  ``AK-E050`` instead of being appended twice.
* A missing or wrong key, or a conversation that is not the key's, gets an error message and the socket is
  closed with code 1008 (policy violation).

Example (with the ``websockets`` package)::

    async with websockets.connect(url, additional_headers={"Authorization": f"Bearer {key}"}) as ws:
        await ws.send(json.dumps({"speaker": "user", "text": "I failed my exam."}))
        answer = json.loads(await ws.recv())      # {"event": "turn", "turn": {...}, "plan": {...}, ...}
"""

from __future__ import annotations

import asyncio
import json
import math
from typing import Any

from fastapi import WebSocket, WebSocketDisconnect
from pydantic import ValidationError

from affectkit.errors import AffectkitError
from affectkit.io import load_json
from affectkit.service.problems import LIBRARY_STATUS, ServiceError, problem_body
from affectkit.service.schemas import UtteranceIn
from affectkit.types import Utterance

POLICY_VIOLATION = 1008


async def _error(websocket: WebSocket, status: int, code: str, detail: str, **extra: Any) -> None:
    await websocket.send_text(json.dumps({"event": "error", **problem_body(status, code, detail, **extra)}))


def _token(websocket: WebSocket) -> str | None:
    header = websocket.headers.get("authorization", "")
    scheme, _, token = header.partition(" ")
    return token.strip() if scheme.lower() == "bearer" and token.strip() else None


AUTH_SECONDS = 10.0  # a socket without a key in its handshake has this long to send the auth message


async def _receive(websocket: WebSocket) -> str | None:
    """The next text frame; ``None`` for a binary frame (this stream reads JSON text only)."""
    message = await websocket.receive()
    if message["type"] == "websocket.disconnect":
        raise WebSocketDisconnect(message.get("code", 1000))
    text = message.get("text")
    return text if isinstance(text, str) else None


_INVALID = object()


def _json(raw: str) -> Any:
    """``raw`` decoded, or ``_INVALID`` when it is no JSON a client could mean (malformed, or nested too deep:
    :func:`affectkit.io.load_json`)."""
    try:
        return load_json(raw, "message")
    except AffectkitError:
        return _INVALID


async def serve_stream(websocket: WebSocket, runtime: Any, conversation_id: str) -> None:
    """Serve one stream (see the module docstring)."""
    await websocket.accept()
    try:
        token = _token(websocket)
        if token is None:
            try:
                first = await asyncio.wait_for(_receive(websocket), AUTH_SECONDS)
            except TimeoutError:
                first = None
            message = _json(first) if first is not None else None
            if isinstance(message, dict) and message.get("event") == "auth" and isinstance(message.get("key"), str):
                token = message["key"]
        key_id = await runtime.key_id(token) if token else None
        if key_id is None:
            await _error(websocket, 401, "AK-E021", "an API key is needed: the Authorization header, or a first "
                         f'message {{"event": "auth", "key": "..."}} within {AUTH_SECONDS:g} s')
            await websocket.close(POLICY_VIOLATION)
            return
        if await asyncio.to_thread(runtime.store.get_conversation, key_id, conversation_id) is None:
            await _error(websocket, 404, "AK-E022", f"no conversation {conversation_id!r}")
            await websocket.close(POLICY_VIOLATION)
            return
        while True:
            raw = await _receive(websocket)
            if raw is None:
                await _error(websocket, 400, "AK-E004", "a binary frame: send each utterance as a JSON text frame")
                continue
            await _one(websocket, runtime, key_id, conversation_id, raw)
    except WebSocketDisconnect:
        return


async def _one(websocket: WebSocket, runtime: Any, key_id: str, conversation_id: str, raw: str) -> None:
    settings = runtime.settings
    if len(raw.encode("utf-8", "surrogatepass")) > settings.max_body_bytes:
        await _error(websocket, 413, "AK-E023", f"the message is larger than {settings.max_body_bytes} bytes")
        return
    wait = runtime.limiter.take(key_id)
    if wait > 0:
        await _error(websocket, 429, "AK-E024", "rate limit exceeded for this API key", retry_after=math.ceil(wait))
        return
    data = _json(raw)
    if data is _INVALID:
        await _error(websocket, 400, "AK-E004", "the message is not valid JSON (or is nested too deep)")
        return
    try:
        body = UtteranceIn.model_validate(data)
    except ValidationError as error:
        problems = error.errors()
        where = ".".join(str(p) for p in problems[0]["loc"]) if problems and problems[0]["loc"] else "message"
        await _error(websocket, 422, "AK-E005", f"{where}: {problems[0]['msg'] if problems else 'invalid'}")
        return
    if len(body.text) > settings.max_text_chars:
        await _error(websocket, 413, "AK-E023", f"the utterance has {len(body.text)} characters, more than "
                     f"{settings.max_text_chars}")
        return
    try:
        result = await runtime.conversations.append(
            key_id, conversation_id, Utterance(speaker=body.speaker, text=body.text, timestamp=body.timestamp,
                                               id=body.id))
    except ServiceError as error:
        await _error(websocket, error.status, error.code, error.detail, **error.extra)
        if error.status == 404:  # erased meanwhile
            await websocket.close(POLICY_VIOLATION)
            raise WebSocketDisconnect(POLICY_VIOLATION) from None
        return
    except AffectkitError as error:
        await _error(websocket, LIBRARY_STATUS.get(error.code, 422), error.code, error.message)
        return
    from affectkit.service.app import utterance_result

    await websocket.send_text('{"event":"turn",' + utterance_result(conversation_id, result).model_dump_json()[1:])
