"""Shared data and checks of the service tests."""

from __future__ import annotations

from typing import Any

PROBLEM = "application/problem+json"

CHAT = [
    {"speaker": "user", "text": "My flight got cancelled and I'm going to miss my sister's wedding."},
    {"speaker": "assistant", "text": "Oh no, that's awful timing."},
    {"speaker": "user", "text": "I've been on hold with the airline for two hours. I'm furious."},
    {"speaker": "assistant", "text": "Want me to look for a train? There's one tonight."},
    {"speaker": "user", "text": "Wait, really? That would be amazing, thank you so much!"},
]


def assert_problem(response: Any, status: int, code: str) -> dict[str, Any]:
    """The response is a problem with this status and affectkit code, and no traceback."""
    assert response.status_code == status, (response.status_code, response.text)
    assert response.headers["content-type"] == PROBLEM, response.headers["content-type"]
    body: dict[str, Any] = response.json()
    assert body["status"] == status and body["code"] == code, body
    assert body["type"].endswith(code.lower()) and body["title"] and body["detail"]
    assert "Traceback" not in response.text
    return body
