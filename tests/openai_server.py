"""A tiny, real OpenAI-compatible HTTP server for tests (standard library only, no model behind it).

It listens on ``127.0.0.1`` on a free port in a background thread and answers:

- ``POST /v1/chat/completions``: a JSON ``chat.completion`` or, with ``"stream": true``, server-sent events
  (``data: {chat.completion.chunk}`` lines, then ``data: [DONE]``), in OpenAI's shapes. Usage is always in
  the JSON answer, and in a final chunk with ``"choices": []`` when the request asks for
  ``"stream_options": {"include_usage": true}``. ``n`` > 1 gives that many identical choices;
  ``max_tokens`` / ``max_completion_tokens`` cut the reply to that many "tokens" with
  ``finish_reason: "length"``.
- ``GET /v1/models``: a ``list`` of ``model`` objects, one per name in :attr:`OpenAIServer.models`.

"Tokens" are whitespace-separated words, so tests can predict usage exactly: ``prompt_tokens`` is the
number of words in all message contents, ``completion_tokens`` the number of words in the reply.

Scripting hooks (set them on the object; safe to change between requests):

- ``reply``: function ``messages -> str`` (``messages`` as the client sent them). Default: echoes the last
  user message as ``"echo: <text>"``. :func:`message_text` flattens list-of-parts contents. A function that
  returns ``None`` gets ``"content": null`` in the answer (and no content chunks when streaming).
- ``answer_raw(body, content_type)``: the next chat requests get HTTP 200 with this body as it is (say, an HTML
  page from a proxy), until ``reset()``.
- ``fail_next(n, status=500)``: the next ``n`` chat requests get an OpenAI error body with that status
  (with ``retry-after-ms: 1`` so SDK retries are fast); use it to test retries.
- ``delay``: seconds to wait before answering a chat request (to test timeouts); ``stop()`` cuts it short.
- ``api_key``: when set, requests without ``Authorization: Bearer <api_key>`` get HTTP 401.
- ``requests``: every request received, as :class:`RecordedRequest` (method, path, headers with lower-case
  names, parsed JSON body); ``chat_requests`` keeps the chat ones; ``reset()`` clears scripting and records.
- ``env(prefix)``: environment variables pointing a client at the server.

Use in tests through the ``openai_server`` fixture (``tests/conftest.py``), a fresh server per test::

    def test_reply(openai_server):
        openai_server.reply = lambda messages: "I'm sorry to hear that."
        backend = get_backend(base_url=openai_server.base_url, model="test-model")
        assert backend.complete([{"role": "user", "content": "I failed"}]).text == "I'm sorry to hear that."
        assert openai_server.chat_requests[-1].body["model"] == "test-model"

A subprocess (e.g. the ``affectkit respond`` CLI) reaches it through the environment::

    subprocess.run([...], env={**os.environ, **openai_server.env()})   # AFFECTKIT_LLM_BASE_URL, _API_KEY, _MODEL

inspect_ai's ``openai-api/<name>/<model>`` provider reads ``<NAME>_BASE_URL`` and ``<NAME>_API_KEY``::

    for key, value in openai_server.env("LOCAL").items():
        monkeypatch.setenv(key, value)
    eval(task, model="openai-api/local/test-model")

Outside pytest: ``with OpenAIServer() as server: print(server.base_url)``.
"""

from __future__ import annotations

import json
import re
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from types import TracebackType
from typing import Any

__all__ = ["DEFAULT_MODEL", "OpenAIServer", "RecordedRequest", "echo_reply", "message_text"]

DEFAULT_MODEL = "test-model"


def message_text(message: dict[str, Any]) -> str:
    """The text of a chat message whose ``content`` is a string or a list of ``{"type": "text"}`` parts."""
    content = message.get("content")
    if isinstance(content, str):
        return content
    if isinstance(content, list):
        return "".join(
            str(part.get("text", "")) for part in content if isinstance(part, dict) and part.get("type") == "text"
        )
    return ""


def echo_reply(messages: list[dict[str, Any]]) -> str:
    """The default reply: ``"echo: "`` plus the last user message."""
    users = [message for message in messages if message.get("role") == "user"]
    return "echo: " + (message_text(users[-1]) if users else "")


def count_tokens(text: str) -> int:
    """The server's notion of tokens: whitespace-separated words."""
    return len(text.split())


@dataclass
class RecordedRequest:
    """One request the server received."""

    method: str
    path: str
    headers: dict[str, str]
    body: Any = None  # parsed JSON, or None when there was no (valid JSON) body
    received_at: float = field(default_factory=time.time)


class OpenAIServer:
    """An OpenAI-compatible chat-completions server on ``127.0.0.1``; see the module docstring."""

    def __init__(self, host: str = "127.0.0.1", port: int = 0) -> None:
        self.reply: Callable[[list[dict[str, Any]]], str | None] = echo_reply
        self.delay: float = 0.0
        self.api_key: str | None = None
        self.models: list[str] = [DEFAULT_MODEL]
        self.requests: list[RecordedRequest] = []
        self._failures: list[int] = []
        self.raw: tuple[bytes, str] | None = None
        self._lock = threading.Lock()
        self._stopping = threading.Event()
        self._counter = 0
        self._httpd = ThreadingHTTPServer((host, port), _make_handler(self))
        self._httpd.daemon_threads = True
        self._thread: threading.Thread | None = None

    # ---- lifecycle -------------------------------------------------------------------------------------------

    @property
    def port(self) -> int:
        return int(self._httpd.server_address[1])

    @property
    def base_url(self) -> str:
        """The endpoint root to give a client, e.g. ``http://127.0.0.1:54321/v1``."""
        return f"http://127.0.0.1:{self.port}/v1"

    def start(self) -> OpenAIServer:
        if self._thread is None:
            self._thread = threading.Thread(
                target=self._httpd.serve_forever, kwargs={"poll_interval": 0.05}, name="openai-test-server", daemon=True
            )
            self._thread.start()
        return self

    def stop(self) -> None:
        self._stopping.set()  # wakes handlers sleeping in `delay`
        if self._thread is not None:
            self._httpd.shutdown()
            self._thread.join(timeout=5)
            self._thread = None
        self._httpd.server_close()

    def __enter__(self) -> OpenAIServer:
        return self.start()

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.stop()

    # ---- scripting ---------------------------------------------------------------------------------------------

    def fail_next(self, count: int = 1, status: int = 500) -> None:
        """Answer the next ``count`` chat requests with HTTP ``status`` and an OpenAI error body."""
        with self._lock:
            self._failures.extend([status] * count)

    def answer_raw(self, body: bytes, content_type: str = "text/html") -> None:
        """Answer chat requests with HTTP 200 and ``body`` as it is (not an OpenAI answer)."""
        self.raw = (body, content_type)

    def reset(self) -> None:
        """Back to the defaults: echo reply, no delay, no failures, no key check, no recorded requests."""
        with self._lock:
            self.reply = echo_reply
            self.raw = None
            self.delay = 0.0
            self.api_key = None
            self.models = [DEFAULT_MODEL]
            self._failures.clear()
            self.requests.clear()

    @property
    def chat_requests(self) -> list[RecordedRequest]:
        """The recorded ``POST /v1/chat/completions`` requests, oldest first."""
        with self._lock:
            return [r for r in self.requests if r.method == "POST" and r.path.endswith("/chat/completions")]

    def env(self, prefix: str = "AFFECTKIT_LLM", model: str = DEFAULT_MODEL) -> dict[str, str]:
        """Environment variables ``<prefix>_BASE_URL``, ``<prefix>_API_KEY`` and ``<prefix>_MODEL`` for this server."""
        return {
            f"{prefix}_BASE_URL": self.base_url,
            f"{prefix}_API_KEY": self.api_key or "test-key",
            f"{prefix}_MODEL": model,
        }

    # ---- used by the handler -------------------------------------------------------------------------------

    def _record(self, request: RecordedRequest) -> None:
        with self._lock:
            self.requests.append(request)

    def _next_failure(self) -> int | None:
        with self._lock:
            return self._failures.pop(0) if self._failures else None

    def _next_id(self) -> str:
        with self._lock:
            self._counter += 1
            return f"chatcmpl-test{self._counter:06d}"

    def _wait(self) -> None:
        if self.delay > 0:
            self._stopping.wait(self.delay)


def _error_body(message: str, kind: str, code: str | None = None) -> dict[str, Any]:
    return {"error": {"message": message, "type": kind, "param": None, "code": code}}


def _pieces(text: str) -> list[str]:
    """Split a reply into "tokens" that keep their whitespace, so they concatenate back to the text."""
    return re.findall(r"^\s+|\S+\s*", text)


def _make_handler(server: OpenAIServer) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        server_version = "affectkit-openai-test/1"

        def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 - keep the base class's name
            pass  # keep test output quiet

        # -- plumbing

        def _read_body(self) -> tuple[bytes, Any]:
            length = int(self.headers.get("Content-Length") or 0)
            raw = self.rfile.read(length) if length else b""
            try:
                return raw, json.loads(raw) if raw else None
            except (json.JSONDecodeError, UnicodeDecodeError):
                return raw, None

        def _send_json(self, status: int, payload: Any, headers: dict[str, str] | None = None) -> None:
            data = json.dumps(payload).encode()
            try:
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                for name, value in (headers or {}).items():
                    self.send_header(name, value)
                self.end_headers()
                self.wfile.write(data)
            except (BrokenPipeError, ConnectionResetError):
                pass  # the client gave up (e.g. its timeout)

        def _send_raw(self, data: bytes, content_type: str) -> None:
            self.send_response(200)
            self.send_header("Content-Type", content_type)
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def _authorised(self) -> bool:
            if server.api_key is None:
                return True
            if self.headers.get("Authorization") == f"Bearer {server.api_key}":
                return True
            self._send_json(401, _error_body("Incorrect API key provided.", "invalid_request_error", "invalid_api_key"))
            return False

        def _record(self, body: Any) -> None:
            headers = {name.lower(): value for name, value in self.headers.items()}
            server._record(RecordedRequest(self.command, self.path, headers, body))

        # -- routes

        def do_GET(self) -> None:  # noqa: N802 - http.server's naming
            self._record(None)
            if not self._authorised():
                return
            if self.path.rstrip("/") == "/v1/models":
                created = int(time.time())
                data = [
                    {"id": name, "object": "model", "created": created, "owned_by": "affectkit-tests"}
                    for name in server.models
                ]
                self._send_json(200, {"object": "list", "data": data})
            else:
                self._send_json(404, _error_body(f"unknown path {self.path}", "invalid_request_error"))

        def do_POST(self) -> None:  # noqa: N802 - http.server's naming
            _raw, body = self._read_body()
            self._record(body)
            if not self._authorised():
                return
            if self.path.rstrip("/") != "/v1/chat/completions":
                self._send_json(404, _error_body(f"unknown path {self.path}", "invalid_request_error"))
                return
            status = server._next_failure()
            if status is not None:
                kind = "server_error" if status >= 500 else "invalid_request_error"
                self._send_json(
                    status, _error_body(f"scripted failure (HTTP {status})", kind), headers={"retry-after-ms": "1"}
                )
                return
            problem = _check_chat_body(body)
            if problem:
                self._send_json(400, _error_body(problem, "invalid_request_error"))
                return
            server._wait()
            if server._stopping.is_set():
                return
            if server.raw is not None:
                self._send_raw(*server.raw)
                return
            try:
                text = server.reply(body["messages"])
            except Exception as error:  # a broken reply function is a server error, visible to the test
                self._send_json(500, _error_body(f"reply function failed: {error!r}", "server_error"))
                return
            completion = _completion(body, text, server._next_id())
            if body.get("stream"):
                self._stream(body, completion)
            else:
                self._send_json(200, completion)

        def _stream(self, body: dict[str, Any], completion: dict[str, Any]) -> None:
            try:
                self.send_response(200)
                self.send_header("Content-Type", "text/event-stream")
                self.send_header("Cache-Control", "no-cache")
                self.send_header("Connection", "close")
                self.end_headers()
                for chunk in _chunks(body, completion):
                    self.wfile.write(b"data: " + json.dumps(chunk).encode() + b"\n\n")
                    self.wfile.flush()
                self.wfile.write(b"data: [DONE]\n\n")
                self.wfile.flush()
            except (BrokenPipeError, ConnectionResetError):
                pass
            self.close_connection = True

    return Handler


def _check_chat_body(body: Any) -> str | None:
    if not isinstance(body, dict):
        return "the request body must be a JSON object"
    if not isinstance(body.get("model"), str) or not body["model"]:
        return "you must provide a model parameter"
    messages = body.get("messages")
    if not isinstance(messages, list) or not messages:
        return "'messages' must be a non-empty array"
    for index, message in enumerate(messages):
        if not isinstance(message, dict) or not isinstance(message.get("role"), str):
            return f"messages[{index}] must be an object with a 'role'"
    return None


def _completion(body: dict[str, Any], text: str | None, completion_id: str) -> dict[str, Any]:
    """The non-streaming ``chat.completion`` answer; streaming is cut from it."""
    limit = body.get("max_completion_tokens") or body.get("max_tokens")
    finish_reason = "stop"
    if text is not None and isinstance(limit, int) and count_tokens(text) > limit:
        text = "".join(re.findall(r"\S+\s*", text)[:limit]).rstrip()
        finish_reason = "length"
    prompt_tokens = sum(count_tokens(message_text(message)) for message in body["messages"])
    completion_tokens = count_tokens(text or "")
    requested = body.get("n")
    n = requested if isinstance(requested, int) and requested > 0 else 1
    return {
        "id": completion_id,
        "object": "chat.completion",
        "created": int(time.time()),
        "model": body["model"],
        "system_fingerprint": "fp_affectkit_test",
        "choices": [
            {
                "index": index,
                "message": {"role": "assistant", "content": text, "refusal": None},
                "logprobs": None,
                "finish_reason": finish_reason,
            }
            for index in range(n)
        ],
        "usage": {
            "prompt_tokens": prompt_tokens,
            "completion_tokens": completion_tokens * n,
            "total_tokens": prompt_tokens + completion_tokens * n,
        },
    }


def _chunks(body: dict[str, Any], completion: dict[str, Any]) -> Iterator[dict[str, Any]]:
    """``chat.completion.chunk`` events for a completion: role, content pieces, finish reason, usage."""
    include_usage = bool((body.get("stream_options") or {}).get("include_usage"))
    base = {
        "id": completion["id"],
        "object": "chat.completion.chunk",
        "created": completion["created"],
        "model": completion["model"],
        "system_fingerprint": completion["system_fingerprint"],
    }

    def chunk(choices: list[dict[str, Any]]) -> dict[str, Any]:
        event = {**base, "choices": choices}
        if include_usage:
            event["usage"] = None
        return event

    for choice in completion["choices"]:
        index = choice["index"]
        yield chunk(
            [{"index": index, "delta": {"role": "assistant", "content": ""}, "logprobs": None, "finish_reason": None}]
        )
        for piece in _pieces(choice["message"]["content"] or ""):
            yield chunk([{"index": index, "delta": {"content": piece}, "logprobs": None, "finish_reason": None}])
        yield chunk([{"index": index, "delta": {}, "logprobs": None, "finish_reason": choice["finish_reason"]}])
    if include_usage:
        yield {**base, "choices": [], "usage": completion["usage"]}
