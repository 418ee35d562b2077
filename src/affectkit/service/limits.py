"""Request limits: the body size (413, checked on ``Content-Length`` and on the bytes as they arrive), a
token-bucket rate limit per API key (429 with ``Retry-After``), and the CORS origins (a refused preflight is a
problem, 400).

Example:
    >>> bucket = RateLimiter(per_minute=60, burst=2)
    >>> [bucket.take("k", now=0.0) for _ in range(3)]
    [0.0, 0.0, 1.0]
"""

from __future__ import annotations

import json
import threading
import time
from typing import Any

from starlette.datastructures import Headers
from starlette.middleware.cors import CORSMiddleware
from starlette.responses import JSONResponse, Response

from affectkit.service.problems import PROBLEM, problem_body


class BodyLimitMiddleware:
    """Pure ASGI middleware answering 413 (``AK-E023``) to a body over ``limit`` bytes, before the app sees it:
    on the declared ``Content-Length``, or as soon as the bytes of a streamed body pass the limit. ``paths`` gives
    some paths their own limit and the name of its setting (``/v1/speech``: ``AFFECTKIT_MAX_AUDIO_BYTES``)."""

    def __init__(self, app: Any, limit: int, paths: dict[str, tuple[int, str]] | None = None) -> None:
        self.app = app
        self.limit = limit
        self.paths = paths or {}

    async def __call__(self, scope: Any, receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        limit, setting = self.paths.get(scope.get("path", ""), (self.limit, "AFFECTKIT_MAX_BODY_BYTES"))
        for name, value in scope.get("headers", []):
            if name == b"content-length":
                try:
                    declared = int(value)
                except ValueError:
                    declared = 0
                if declared > limit:
                    await self._refuse(send, limit, setting)
                    return
        # Read the body here (at most ``limit`` bytes are held), then hand it to the app in one piece.
        chunks: list[bytes] = []
        received = 0
        while True:
            message = await receive()
            if message["type"] != "http.request":  # the client went away
                return
            chunk = message.get("body", b"")
            received += len(chunk)
            if received > limit:
                await self._refuse(send, limit, setting)
                return
            chunks.append(chunk)
            if not message.get("more_body", False):
                break
        replayed = False

        async def replay() -> Any:
            nonlocal replayed
            if not replayed:
                replayed = True
                return {"type": "http.request", "body": b"".join(chunks), "more_body": False}
            return await receive()

        await self.app(scope, replay, send)

    async def _refuse(self, send: Any, limit: int, setting: str) -> None:
        body = json.dumps(problem_body(413, "AK-E023", f"the request body is larger than {limit} bytes "
                                       f"({setting})")).encode()
        await send({"type": "http.response.start", "status": 413,
                    "headers": [(b"content-type", PROBLEM.encode()), (b"content-length", str(len(body)).encode()),
                                (b"connection", b"close")]})
        await send({"type": "http.response.body", "body": body})


class RateLimiter:
    """A token bucket per key: ``burst`` requests at once, refilled at ``per_minute`` a minute. ``take``
    returns 0 when the request may go, else the seconds until it could. ``per_minute`` 0 disables it."""

    def __init__(self, per_minute: float, burst: int) -> None:
        self.rate = per_minute / 60.0
        self.burst = float(burst)
        self._buckets: dict[str, tuple[float, float]] = {}
        self._lock = threading.Lock()

    def take(self, key: str, now: float | None = None) -> float:
        if self.rate <= 0:
            return 0.0
        now = time.monotonic() if now is None else now
        with self._lock:
            tokens, last = self._buckets.get(key, (self.burst, now))
            tokens = min(self.burst, tokens + (now - last) * self.rate)
            if tokens >= 1.0:
                self._buckets[key] = (tokens - 1.0, now)
                return 0.0
            self._buckets[key] = (tokens, now)
            return (1.0 - tokens) / self.rate


class ProblemCORSMiddleware(CORSMiddleware):
    """Starlette's CORS middleware, with a refused preflight answered as a problem (400 ``AK-E005``) like every other
    error of the service, instead of a plain-text line."""

    def preflight_response(self, request_headers: Headers) -> Response:
        response = super().preflight_response(request_headers)
        if response.status_code != 400:
            return response
        detail = bytes(response.body).decode("utf-8", "replace")  # "Disallowed CORS origin, headers"
        headers = {k: v for k, v in response.headers.items() if k.lower() not in ("content-length", "content-type")}
        return JSONResponse(problem_body(400, "AK-E005", f"CORS preflight refused: {detail.lower()}"),
                            status_code=400, headers=headers, media_type=PROBLEM)
