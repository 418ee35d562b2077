"""SIGKILL in the middle of a write load: every utterance the service acknowledged is there after a restart, in
its place, with what was derived from it, and the database passes an integrity check (SQLite and PostgreSQL)."""

from __future__ import annotations

import threading
import time
import urllib.error
from pathlib import Path

import pytest
from live_server import LiveServer, request
from sqlalchemy import create_engine, text

from affectkit.service.storage import Store, normalise_url

WRITERS = 4
KILL_AFTER = 16  # acknowledged appends before the SIGKILL (the writers keep sending while it lands)


def _writer(server: LiveServer, token: str, conversation_id: str, writer: int, acknowledged: list[tuple[int, str]],
            stop: threading.Event) -> None:
    """Append numbered utterances until the server goes away; record (turn index, text) of each 200."""
    i = 0
    while not stop.is_set():
        utterance = f"Writer {writer} says message number {i}, and it matters to me."
        try:
            status, body = request(f"{server.base}/v1/conversations/{conversation_id}/utterances",
                                   {"speaker": "user" if i % 2 == 0 else "assistant", "text": utterance}, token,
                                   timeout=60)
        except (urllib.error.URLError, ConnectionError, TimeoutError, OSError):
            return  # killed: this request was never acknowledged
        if status != 200:
            raise AssertionError(f"append answered {status}: {body}")
        acknowledged.append((body["turn"]["index"], utterance))
        i += 1


def _integrity(url: str) -> None:
    engine = create_engine(normalise_url(url))
    try:
        with engine.connect() as connection:
            if engine.dialect.name == "sqlite":
                assert connection.execute(text("PRAGMA integrity_check")).scalar() == "ok"
                assert connection.execute(text("PRAGMA foreign_key_check")).fetchall() == []
            counts = connection.execute(text(
                "SELECT c.id, c.turns, COUNT(u.id), COALESCE(MAX(u.turn), -1) FROM affectkit_conversations c "
                "LEFT JOIN affectkit_utterances u ON u.conversation_id = c.id GROUP BY c.id, c.turns")).fetchall()
            for conversation_id, turns, stored, last in counts:  # no gap, no orphan count
                assert turns == stored == last + 1, (conversation_id, turns, stored, last)
            orphans = connection.execute(text(
                "SELECT COUNT(*) FROM affectkit_utterances u LEFT JOIN affectkit_conversations c "
                "ON c.id = u.conversation_id WHERE c.id IS NULL")).scalar()
            assert orphans == 0
    finally:
        engine.dispose()


@pytest.mark.slow
def test_sigkill_during_appends_loses_no_acknowledged_utterance(database_url: str, tmp_path: Path) -> None:
    store = Store(database_url)
    _, token = store.create_key("durability")
    store.close()
    log = tmp_path / "server.log"
    server = LiveServer(database_url, log).start()
    acknowledged: dict[str, list[tuple[int, str]]] = {}
    try:
        conversations = []
        for _ in range(WRITERS):
            status, created = request(f"{server.base}/v1/conversations", {"agent": "assistant"}, token)
            assert status == 201, created
            conversations.append(created["id"])
            acknowledged[created["id"]] = []
        stop = threading.Event()
        writers = [threading.Thread(target=_writer, args=(server, token, cid, n, acknowledged[cid], stop),
                                    daemon=True) for n, cid in enumerate(conversations)]
        for writer in writers:
            writer.start()
        deadline = time.monotonic() + 120
        while sum(map(len, acknowledged.values())) < KILL_AFTER:
            assert all(w.is_alive() for w in writers), server.log_text()
            assert time.monotonic() < deadline, "too slow to acknowledge appends"
            time.sleep(0.01)
        server.kill()  # SIGKILL while the writers have requests in flight
        stop.set()
        for writer in writers:
            writer.join(timeout=60)
            assert not writer.is_alive()
    finally:
        server.stop()

    _integrity(database_url)
    with LiveServer(database_url, log) as restarted:
        for conversation_id, acked in acknowledged.items():
            status, stored = request(f"{restarted.base}/v1/conversations/{conversation_id}", token=token)
            assert status == 200
            turns = stored["analysis"]["turns"]
            assert stored["turns"] == len(turns) >= len(acked)
            by_index = {turn["index"]: turn for turn in turns}
            for index, utterance in acked:  # in its place, with its analysis
                assert by_index[index]["text"] == utterance
                assert by_index[index]["emotion"] and by_index[index]["ekman"]
            assert [turn["index"] for turn in turns] == list(range(len(turns)))
            # the conversation goes on from the stored state after the restart
            status, answer = request(f"{restarted.base}/v1/conversations/{conversation_id}/utterances",
                                     {"speaker": "user", "text": "Still there?"}, token)
            assert status == 200 and answer["turn"]["index"] == len(turns), answer
    _integrity(database_url)
    assert sum(map(len, acknowledged.values())) >= KILL_AFTER
