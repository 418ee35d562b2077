from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from openai_server import OpenAIServer

REPO = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="session")
def data_dir() -> Path:
    """The shared datasets: $AFFECTKIT_DATA, else ../shared/data beside the repository."""
    path = Path(os.environ.get("AFFECTKIT_DATA", REPO.parent / "shared" / "data"))
    if not (path / "goemotions").is_dir():
        pytest.skip(f"datasets not found at {path} (set AFFECTKIT_DATA)")
    return path


@pytest.fixture()
def openai_server() -> Iterator[OpenAIServer]:
    """A fresh, real OpenAI-compatible server on 127.0.0.1 (see tests/openai_server.py for its hooks):
    ``.base_url`` (ends in ``/v1``), ``.reply``, ``.fail_next(n, status)``, ``.delay``, ``.api_key``,
    ``.requests`` / ``.chat_requests`` and ``.env(prefix)``."""
    with OpenAIServer() as server:
        yield server
    # inspect_ai memoises models by name, not by the base URL read from the environment: forget them, or
    # the next test's `openai-api/local/<model>` would reach this (closed) server and retry forever.
    inspect_models = sys.modules.get("inspect_ai.model._model")
    if inspect_models is not None:
        inspect_models._models.clear()
