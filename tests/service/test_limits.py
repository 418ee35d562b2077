"""Limits, rate limits, CORS and retention of the service."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest
from service_helpers import CHAT, assert_problem

from affectkit.service.limits import RateLimiter


def test_rate_limit_is_per_key_with_retry_after(make_service) -> None:  # type: ignore[no-untyped-def]
    service = make_service(rate_limit_per_minute=6, rate_limit_burst=2)
    assert service.get("/v1/info").status_code == 200
    assert service.get("/v1/info").status_code == 200
    limited = service.get("/v1/info")
    assert_problem(limited, 429, "AK-E024")
    assert 1 <= int(limited.headers["retry-after"]) <= 10
    assert service.get("/v1/info", headers=service.other_headers).status_code == 200  # another key is not limited


def test_token_bucket_refills() -> None:
    bucket = RateLimiter(per_minute=60, burst=1)
    assert bucket.take("k", now=0.0) == 0.0
    assert bucket.take("k", now=0.5) == pytest.approx(0.5)
    assert bucket.take("k", now=1.6) == 0.0
    assert RateLimiter(per_minute=0, burst=1).take("k") == 0.0


def test_body_and_batch_limits_are_413(make_service) -> None:  # type: ignore[no-untyped-def]
    service = make_service(max_body_bytes=2000, max_batch_texts=3, max_text_chars=50, max_turns=2,
                           max_inline_turns=2)
    assert_problem(service.post("/v1/analyze", {"texts": ["x" * 3000]}), 413, "AK-E023")

    def chunks():  # no Content-Length: the limit is enforced on the bytes as they arrive
        yield b'{"texts": ["'
        for _ in range(10):
            yield b"y" * 500
        yield b'"]}'

    streamed = service.client.post("/v1/analyze", content=chunks(),
                                   headers={**service.headers, "Content-Type": "application/json"})
    assert_problem(streamed, 413, "AK-E023")
    assert_problem(service.post("/v1/analyze", {"texts": ["a", "b", "c", "d"]}), 413, "AK-E023")
    assert_problem(service.post("/v1/analyze", {"texts": ["z" * 51]}), 413, "AK-E023")
    assert service.post("/v1/analyze", {"texts": ["a", "b", "c"]}).status_code == 200
    conversation_id = service.conversation()
    for utterance in CHAT[:2]:
        assert service.post(f"/v1/conversations/{conversation_id}/utterances",
                            {**utterance, "text": utterance["text"][:50]}).status_code == 200
    assert_problem(service.post(f"/v1/conversations/{conversation_id}/utterances", {"speaker": "u", "text": "x"}),
                   413, "AK-E023")
    too_long = service.post("/v1/plan", {"conversation": {"utterances": CHAT[:3]}})
    assert_problem(too_long, 413, "AK-E023")
    assert "AFFECTKIT_MAX_INLINE_TURNS" in too_long.json()["detail"]


def test_a_large_request_is_read_in_pieces_taking_turns_with_the_others() -> None:
    import asyncio
    import threading

    from affectkit.service.metrics import Metrics
    from affectkit.service.runtime import MicroBatcher, ModelThread

    calls: list[list[str]] = []
    first_call = threading.Event()
    small_queued = threading.Event()

    def read(items: list[tuple[str]]) -> list[str]:  # the model thread
        calls.append([text for text, in items])
        if len(calls) == 1:
            first_call.set()
            small_queued.wait(5)  # the small request arrives while the first piece is read
        return [text.upper() for text, in items]

    async def run() -> tuple[list[str], list[str]]:
        metrics = Metrics()
        batcher = MicroBatcher(ModelThread(metrics), read, max_texts=64, wait_seconds=0.0, metrics=metrics,
                               max_chars=100)
        batcher.start()
        try:
            large = asyncio.create_task(batcher.analyze([(f"{i:02d}" + "x" * 38,) for i in range(10)]))
            await asyncio.to_thread(first_call.wait, 5)
            small = asyncio.create_task(batcher.analyze([("hi",)]))
            await asyncio.sleep(0.05)
            small_queued.set()
            return await large, await small
        finally:
            await batcher.stop()

    large, small = asyncio.run(run())
    assert large == [f"{i:02d}" + "X" * 38 for i in range(10)] and small == ["HI"]  # every result, in order
    # 40-character texts, 100 characters a batch: pieces of 2; the small request, queued before the large one's
    # second piece, was read with it (2 + 80 characters), not after all ten
    assert calls[0] == [f"{i:02d}" + "x" * 38 for i in range(2)] and calls[1][0] == "hi"
    assert [len(call) for call in calls] == [2, 3, 2, 2, 2]


def test_cors_origins(make_service) -> None:  # type: ignore[no-untyped-def]
    service = make_service(cors_origins=["https://app.example"])
    allowed = service.client.options("/v1/analyze", headers={
        "Origin": "https://app.example", "Access-Control-Request-Method": "POST",
        "Access-Control-Request-Headers": "authorization,content-type"})
    assert allowed.status_code == 200
    assert allowed.headers["access-control-allow-origin"] == "https://app.example"
    refused = service.client.options("/v1/analyze", headers={
        "Origin": "https://evil.example", "Access-Control-Request-Method": "POST"})
    assert "access-control-allow-origin" not in refused.headers
    assert_problem(refused, 400, "AK-E005")
    assert "origin" in refused.json()["detail"]


def test_cors_origins_from_the_environment(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from affectkit.service.settings import ServiceSettings

    monkeypatch.setenv("AFFECTKIT_CORS_ORIGINS", "https://a.example, https://b.example")
    monkeypatch.setenv("AFFECTKIT_RETENTION_DAYS", "7")
    settings = ServiceSettings()
    assert settings.cors_origins == ["https://a.example", "https://b.example"] and settings.retention_days == 7
    monkeypatch.setenv("AFFECTKIT_CORS_ORIGINS", '["https://c.example"]')
    assert ServiceSettings().cors_origins == ["https://c.example"]


def test_retention_runs_on_startup_and_periodically(make_service, tmp_path) -> None:  # type: ignore[no-untyped-def]
    from affectkit.service.storage import Store

    service = make_service(retention_days=1)
    conversation_id = service.conversation()
    assert service.post(f"/v1/conversations/{conversation_id}/utterances", CHAT[0]).status_code == 200
    fresh_id = service.conversation()
    service.store.set_updated_at(conversation_id, datetime.now(timezone.utc) - timedelta(days=2))
    erased = service.client.portal.call(service.runtime.enforce_retention)  # what the periodic task runs
    assert erased == [conversation_id]
    assert_problem(service.get(f"/v1/conversations/{conversation_id}"), 404, "AK-E022")
    assert service.get(f"/v1/conversations/{fresh_id}").status_code == 200
    assert service.runtime.retention_task is not None and not service.runtime.retention_task.done()

    # on startup: a conversation already past the period is gone before the first request
    url = service.runtime.settings.database_url
    store = Store(url)
    store.set_updated_at(fresh_id, datetime.now(timezone.utc) - timedelta(days=3))
    restarted = make_service(retention_days=1, database_url=url)
    assert store.get_conversation(service.key.id, fresh_id) is None
    assert restarted.runtime.ready
