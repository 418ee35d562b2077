"""Fuzz every route of the OpenAPI schema with schemathesis (valid and invalid inputs) against a real uvicorn
server: no answer may be a 5xx, and every error must be a problem.

``AFFECTKIT_FUZZ_EXAMPLES`` sets the examples per operation (default 15, for a CI run of about a minute; the
issue's fuzz run used 200).
"""

from __future__ import annotations

import os
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

schemathesis = pytest.importorskip("schemathesis", reason="schemathesis is not installed (dev extra)")
import uvicorn  # noqa: E402
from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402
from hypothesis.errors import Unsatisfiable  # noqa: E402
from service_helpers import PROBLEM, settings_for  # noqa: E402

from affectkit.service.app import create_app  # noqa: E402
from openai_server import OpenAIServer  # noqa: E402

EXAMPLES = int(os.environ.get("AFFECTKIT_FUZZ_EXAMPLES", "15"))


class Served:
    """The service on a real uvicorn server in a thread, its LLM the repository's OpenAI-compatible test server."""

    def __init__(self, path: Path, llm_base_url: str) -> None:
        self.app = create_app(settings_for(path, max_batch_texts=16, max_text_chars=2000, max_body_bytes=100_000,
                                           llm_base_url=llm_base_url, llm_model="test-model"))
        store = self.app.state.runtime.store
        self.key, self.token = store.create_key("fuzz")
        self.conversation_id = store.create_conversation(self.key.id, agent="assistant", locale=None).id
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            self.port = s.getsockname()[1]
        self.base_url = f"http://127.0.0.1:{self.port}"
        self.server = uvicorn.Server(uvicorn.Config(self.app, host="127.0.0.1", port=self.port, log_level="warning"))
        self.thread = threading.Thread(target=self.server.run, daemon=True)

    def throwaway(self) -> str:
        """A new conversation of the fuzz key."""
        store = self.app.state.runtime.store
        return str(store.create_conversation(self.key.id, agent="assistant", locale=None).id)

    def __enter__(self) -> Served:
        self.thread.start()
        deadline = time.monotonic() + 120
        while not (self.server.started and self.app.state.runtime.ready):
            assert self.thread.is_alive() and time.monotonic() < deadline, "the server did not start"
            time.sleep(0.1)
        return self

    def __exit__(self, *exc: object) -> None:
        self.server.should_exit = True
        self.thread.join(timeout=30)


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Served]:
    with OpenAIServer() as llm, Served(tmp_path_factory.mktemp("fuzz") / "fuzz.db", llm.base_url) as running:
        yield running


def operations(schema: Any) -> list[Any]:
    return [result.ok() for result in schema.get_all_operations()]


@pytest.mark.slow
@pytest.mark.parametrize("mode", ["positive", "negative"])
def test_no_route_answers_5xx(served: Served, mode: str) -> None:
    """Every operation of the published schema, with inputs that follow it (``positive``) and inputs that break
    it (``negative``). schemathesis' pytest plugin does not run on this pytest, so the cases are drawn with
    hypothesis directly from each operation's strategy."""
    schema = schemathesis.openapi.from_url(served.base_url + "/openapi.json")
    found = operations(schema)
    assert len(found) >= 10, [op.label for op in found]
    generation = schemathesis.GenerationMode(mode)
    headers = {"Authorization": f"Bearer {served.token}"}
    seen: dict[str, set[int]] = {}

    def fuzz(operation: Any) -> Any:
        label = operation.label

        @settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=list(HealthCheck), database=None)
        @given(case=operation.as_strategy(generation_mode=generation), real=st.booleans())
        def run(case: Any, real: bool) -> None:
            if real and "conversation_id" in (case.path_parameters or {}):
                # a conversation that exists; DELETE gets one of its own, so that the others keep theirs
                case.path_parameters["conversation_id"] = (served.throwaway() if case.method.upper() == "DELETE"
                                                           else served.conversation_id)
            response = case.call(base_url=served.base_url, headers=headers, timeout=60)
            seen.setdefault(label, set()).add(response.status_code)
            assert response.status_code < 500, (case.method, case.formatted_path, response.status_code,
                                                response.text[:500])
            if response.status_code >= 400:
                content_type = response.headers.get("content-type")
                if isinstance(content_type, list):  # schemathesis keeps every value of a header
                    content_type = content_type[0]
                assert content_type == PROBLEM, response.text[:300]
                assert response.json()["code"].startswith("AK-E")

        return run

    no_invalid_input = set()
    for operation in found:
        try:
            fuzz(operation)()
        except Unsatisfiable:  # an operation without parameters or body has no input that breaks its schema
            assert mode == "negative", operation.label
            no_invalid_input.add(operation.label)
    assert set(seen) | no_invalid_input == {op.label for op in found}
    assert len(seen) >= 7, sorted(seen)
    print(f"\nfuzz ({mode}, {EXAMPLES} examples per operation): " + "; ".join(
        f"{label} {sorted(codes)}" for label, codes in sorted(seen.items())))
