"""Shared data and checks of the service tests."""

from __future__ import annotations

import os
import shutil
from pathlib import Path
from typing import Any

from affectkit.service.settings import ServiceSettings

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


def settings_for(path: Path, **overrides: Any) -> ServiceSettings:
    """Settings for a test app: its own SQLite file, no rate limit, no key cache (revocation is immediate),
    no LLM backend unless given, whatever the environment says."""
    values: dict[str, Any] = {"database_url": f"sqlite:///{path}", "rate_limit_per_minute": 0, "key_cache_seconds": 0,
                              "llm_base_url": None, "llm_model": None, "llm_api_key": None}
    values.update(overrides)
    return ServiceSettings(**values)


CHROMIUM_VARIABLE = "AFFECTKIT_CHROMIUM"
CHROMIUM_NAMES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")


def chromium_path() -> str | None:
    """Debian's chromium (or the browser named by ``AFFECTKIT_CHROMIUM``, which .ci/run sets from .ci/chromium.sh);
    Playwright cannot download a browser of its own here."""
    given = os.environ.get(CHROMIUM_VARIABLE)
    if given:
        return given if Path(given).is_file() else None
    for name in CHROMIUM_NAMES:
        found = shutil.which(name)
        if found:
            return found
    return None
