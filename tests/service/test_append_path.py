"""The append path's work: appends waiting together are stored in one transaction (each answered on its own), and
an agent's turn is not read for crisis language ahead of its step."""

from __future__ import annotations

import asyncio
import threading
import uuid
from typing import Any

import pytest
from service_helpers import assert_problem

from affectkit.recognizers.utterance import shared_encoder
from affectkit.risk import default_detector
from affectkit.service.problems import ServiceError
from affectkit.service.runtime import StoreWriter
from affectkit.service.storage import Append, Store, StoredUtterance, TurnTaken, UtteranceStored


def said(turn: int, text: str, utterance_id: str | None = None) -> StoredUtterance:
    return StoredUtterance(turn=turn, speaker="user", text=text, timestamp=None, utterance_id=utterance_id,
                           analysis={"index": turn}, flags=[])


WAIT = 30.0  # seconds a test waits for a step of another thread before it fails (never reached when it passes)


@pytest.fixture()
def store(database_url: str) -> Store:
    return Store(database_url)


def _conversations(store: Store, n: int) -> tuple[str, list[str]]:
    """A new key and ``n`` conversations of it."""
    key, _ = store.create_key("batch")
    return key.id, [store.create_conversation(key.id, agent="assistant", locale=None).id for _ in range(n)]


def test_appends_of_one_transaction_are_answered_each_on_its_own(store: Store) -> None:
    key_id, (a, b, c) = _conversations(store, 3)
    assert store.append_utterances([Append(a, said(0, "a0", "m0"), {"n": 1}), Append(b, said(0, "b0"), {})]) == [
        None, None]
    outcomes = store.append_utterances([
        Append(a, said(1, "a1 repeats m0", "m0"), {"n": 2}),  # its id is stored at turn 0
        Append(b, said(0, "b0 again"), {}),                   # turn 0 of b is taken
        Append(c, said(0, "c0", "m0"), {}),                   # ids are per conversation
        Append(b, said(1, "b1"), {"n": 3}),
    ])
    assert isinstance(outcomes[0], UtteranceStored) and outcomes[0].turn == 0
    assert isinstance(outcomes[1], TurnTaken)
    assert outcomes[2:] == [None, None]
    assert [u.text for u in store.utterances(a)] == ["a0"]
    assert [u.text for u in store.utterances(b)] == ["b0", "b1"]
    assert [u.text for u in store.utterances(c)] == ["c0"]
    first, second = (store.get_conversation(key_id, cid) for cid in (a, b))
    assert first is not None and second is not None
    assert (first.turns, first.summary) == (1, {"n": 1})  # the refused append changed nothing
    assert (second.turns, second.summary) == (2, {"n": 3})


def test_a_transaction_the_database_refuses_is_stored_one_append_at_a_time(store: Store,
                                                                            monkeypatch: pytest.MonkeyPatch) -> None:
    """As when another worker stores one of the ids between the batch's check and its write: the unique index
    refuses the whole transaction, and each append is then stored alone, so only that one is refused."""
    _, (a, b) = _conversations(store, 2)
    store.append_utterance(a, said(0, "a0", "m0"), {})
    lookups = {"n": 0}
    real = Store._turn_of

    def missed_once(session: Any, conversation_id: str, utterance_id: str | None) -> int | None:
        lookups["n"] += 1
        return None if lookups["n"] == 1 else real(session, conversation_id, utterance_id)

    monkeypatch.setattr(Store, "_turn_of", staticmethod(missed_once))
    outcomes = store.append_utterances([Append(a, said(1, "a1", "m0"), {}), Append(b, said(0, "b0"), {})])
    assert isinstance(outcomes[0], UtteranceStored) and outcomes[0].turn == 0
    assert outcomes[1] is None
    assert [u.text for u in store.utterances(a)] == ["a0"]
    assert [u.text for u in store.utterances(b)] == ["b0"]


def test_the_writer_stores_appends_waiting_together_in_one_transaction(store: Store,
                                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    _, conversations = _conversations(store, 4)
    store.append_utterance(conversations[0], said(0, "first", "m0"), {})
    transactions: list[int] = []
    real = store.append_utterances

    def counted(appends: list[Append]) -> list[Exception | None]:
        transactions.append(len(appends))
        return real(appends)

    monkeypatch.setattr(store, "append_utterances", counted)

    async def run() -> list[Any]:
        writer = StoreWriter(store)
        writer.start()
        try:
            appends = [Append(conversations[0], said(1, "repeat", "m0"), {})]
            appends += [Append(cid, said(0, f"hello {cid}"), {}) for cid in conversations[1:]]
            return await asyncio.gather(*(writer.append(append) for append in appends), return_exceptions=True)
        finally:
            await writer.stop()

    outcomes = asyncio.run(run())
    assert transactions == [4]  # all four were waiting when the writer looked
    assert isinstance(outcomes[0], UtteranceStored) and outcomes[0].turn == 0
    assert outcomes[1:] == [None, None, None]
    assert all(len(store.utterances(cid)) == 1 for cid in conversations)


def test_the_writer_fails_every_append_of_a_failed_transaction(store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(appends: list[Append]) -> list[Exception | None]:
        raise OSError("disk gone")

    monkeypatch.setattr(store, "append_utterances", broken)

    async def run() -> list[Any]:
        writer = StoreWriter(store)
        writer.start()
        try:
            return await asyncio.gather(*(writer.append(Append("c", said(0, "x"), {})) for _ in range(2)),
                                        return_exceptions=True)
        finally:
            await writer.stop()

    assert [type(outcome) for outcome in asyncio.run(run())] == [OSError, OSError]


def test_stopping_the_writer_answers_the_appends_under_way(store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    """An append whose transaction is under way when the service stops is answered 503 (the transaction still ends:
    stopping waits for it)."""
    started, release = threading.Event(), threading.Event()
    ended: list[int] = []

    def slow(appends: list[Append]) -> list[Exception | None]:
        started.set()
        assert release.wait(WAIT)
        ended.append(len(appends))
        return [None] * len(appends)

    monkeypatch.setattr(store, "append_utterances", slow)

    async def run() -> list[Any]:
        writer = StoreWriter(store)
        writer.start()
        pending = asyncio.ensure_future(writer.append(Append("c", said(0, "x"), {})))
        assert await asyncio.to_thread(started.wait, WAIT)
        stopping = asyncio.ensure_future(writer.stop())
        await asyncio.sleep(0)  # the writer is cancelled while its transaction runs
        release.set()
        await stopping
        return list(await asyncio.gather(pending, return_exceptions=True))

    [outcome] = asyncio.run(run())
    assert isinstance(outcome, ServiceError) and (outcome.status, outcome.code) == (503, "AK-E026")
    assert ended == [1]


def test_only_turns_not_the_agents_are_read_for_crisis_language(service: Any) -> None:
    """The tracker reads no agent turn for crisis language, so the read-ahead does not either: an agent's text is
    encoded (its emotion is read) but not given to the risk detector; a user's is both."""
    conversation_id = service.conversation()
    user = f"I can't sleep before the exam, {uuid.uuid4().hex[:8]}."
    agent = f"That sounds stressful; what helps you wind down, {uuid.uuid4().hex[:8]}?"
    for speaker, text in (("user", user), ("assistant", agent)):
        response = service.post(f"/v1/conversations/{conversation_id}/utterances", {"speaker": speaker, "text": text})
        assert response.status_code == 200, response.text
        assert response.json()["turn"]["speaker"] == speaker
    assert user in shared_encoder()._cache and user in default_detector()._cache
    assert agent in shared_encoder()._cache and agent not in default_detector()._cache


def test_a_stored_conversation_holds_at_most_max_speakers(make_service: Any) -> None:
    """The stored summary holds an arc per speaker (and a contagion per pair): a conversation takes at most
    ``max_speakers`` distinct speakers (413 ``AK-E060`` for one more, over HTTP and the stream), and those it has go
    on speaking."""
    service = make_service(max_speakers=3)
    conversation_id = service.conversation()
    url = f"/v1/conversations/{conversation_id}/utterances"
    for speaker in ("user", "assistant", "friend", "user"):
        response = service.post(url, {"speaker": speaker, "text": f"{speaker} says hello."})
        assert response.status_code == 200, response.text
    refused = assert_problem(service.post(url, {"speaker": "stranger", "text": "Me too!"}), 413, "AK-E060")
    assert "AFFECTKIT_MAX_SPEAKERS" in refused["detail"] and "'stranger'" in refused["detail"]
    with service.client.websocket_connect(f"/v1/conversations/{conversation_id}/stream",
                                          headers=service.headers) as socket:
        socket.send_json({"speaker": "stranger", "text": "Hello?"})
        message = socket.receive_json()
        assert message["event"] == "error" and message["code"] == "AK-E060" and message["status"] == 413
        socket.send_json({"speaker": "friend", "text": "Still here."})
        assert socket.receive_json()["event"] == "turn"
    stored = service.get(f"/v1/conversations/{conversation_id}").json()
    assert stored["turns"] == 5 and sorted(stored["analysis"]["speakers"]) == ["assistant", "friend", "user"]
    assert service.get("/v1/info").json()["limits"]["max_speakers"] == 3
