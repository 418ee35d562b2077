"""The web dashboard at ``/``: one HTML page with its script and style sheet, shipped in
``affectkit/service/static`` and served by the app itself (no CDN, no build step: plain JavaScript).

The page asks for an API key, creates or opens a stored conversation, appends utterances (typed live, pasted
or uploaded) over ``WS /v1/conversations/{id}/stream`` and shows each turn's emotions, the speakers'
valence/arousal trajectories (an SVG chart drawn by the script), causes linked to their turns, risk flags with
the notice that they are a signal for a person and not a diagnosis, and the plan of the agent's next reply.
The page itself needs no key; everything it shows comes from the ``/v1`` routes with the key typed in.

Example:
    >>> sorted(ASSETS)
    ['dashboard.css', 'dashboard.js']
"""

from __future__ import annotations

from functools import cache
from importlib import resources

from fastapi import APIRouter, Response

from affectkit.service.problems import ServiceError

ASSETS = {"dashboard.js": "text/javascript; charset=utf-8", "dashboard.css": "text/css; charset=utf-8"}

# The page loads nothing from elsewhere and runs no inline script; connect-src allows the API and its WebSocket.
HEADERS = {
    "Content-Security-Policy": "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
    "img-src 'self' data:; connect-src 'self' ws: wss:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "Cache-Control": "no-cache",
}


@cache
def _asset(name: str) -> bytes:
    return (resources.files("affectkit.service") / "static" / name).read_bytes()


def build_router() -> APIRouter:
    """``GET /`` (the page) and ``GET /dashboard/{name}`` (its script and style sheet)."""
    router = APIRouter(include_in_schema=False)

    @router.get("/")
    async def page() -> Response:
        return Response(_asset("index.html"), media_type="text/html; charset=utf-8", headers=HEADERS)

    @router.get("/dashboard/{name}")
    async def asset(name: str) -> Response:
        if name not in ASSETS:
            raise ServiceError(404, "AK-E022", f"no dashboard file {name!r}")
        return Response(_asset(name), media_type=ASSETS[name], headers=HEADERS)

    return router
