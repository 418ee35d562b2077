"""An utterance's client ``id`` is stored once per conversation, by the database itself: of two workers storing the
same ``id`` at the same instant, the second is refused (409 ``AK-E050`` with the turn that holds it), as a single
worker refuses it, on SQLite and PostgreSQL. Tables made before the unique index get it on start."""

from __future__ import annotations

import threading
from typing import Any

import pytest
from service_helpers import CHAT, assert_problem, settings_for
from sqlalchemy import JSON, Column, DateTime, ForeignKey, Index, Integer, MetaData, String, Table, Text, inspect

from affectkit.service.storage import (
    CLIENT_ID_INDEX,
    OLD_CLIENT_ID_INDEX,
    Store,
    StoredUtterance,
    TurnTaken,
    UtteranceStored,
    make_engine,
)
from conftest import Service

WAIT = 120.0  # seconds a worker waits for the other before the test fails


def _utterance(turn: int, utterance_id: str | None, text: str = "hello") -> StoredUtterance:
    return StoredUtterance(turn=turn, speaker="user", text=text, timestamp=None, utterance_id=utterance_id,
                           analysis=None, flags=[])


def test_the_database_refuses_an_id_twice_whatever_the_turn(database_url: str) -> None:
    """Two stores on one database (two workers): both read the conversation before either wrote, so neither saw the
    other's utterance; the database refuses the second, at the same turn as at the next one."""
    first, second = Store(database_url), Store(database_url)
    try:
        key, _ = first.create_key("ids")
        conversation = first.create_conversation(key.id, agent="assistant", locale=None)
        checks = [store.check_append(key.id, conversation.id, "m1") for store in (first, second)]
        assert [check.duplicate_turn for check in checks] == [None, None]
        first.append_utterance(conversation.id, _utterance(0, "m1"), {})
        with pytest.raises(UtteranceStored) as refused:
            second.append_utterance(conversation.id, _utterance(0, "m1", "again"), {})
        assert refused.value.turn == 0 and refused.value.utterance_id == "m1"
        # a worker that read the conversation one turn later: the turn is free, the id is not
        with pytest.raises(UtteranceStored) as refused:
            second.append_utterance(conversation.id, _utterance(1, "m1", "again"), {})
        assert refused.value.turn == 0
        with pytest.raises(TurnTaken):  # a taken turn with another id is still AK-E025's case
            second.append_utterance(conversation.id, _utterance(0, "m2"), {})
        for turn in (1, 2):  # utterances without an id are never refused for it
            second.append_utterance(conversation.id, _utterance(turn, None), {})
        second.append_utterance(conversation.id, _utterance(3, "m2"), {})
        assert [(u.turn, u.utterance_id, u.text) for u in first.utterances(conversation.id)] == [
            (0, "m1", "hello"), (1, None, "hello"), (2, None, "hello"), (3, "m2", "hello")]
        other = first.create_conversation(key.id, agent="assistant", locale=None)
        first.append_utterance(other.id, _utterance(0, "m1"), {})  # ids are per conversation
    finally:
        first.close()
        second.close()


def test_tables_made_before_the_unique_index_get_it(database_url: str) -> None:
    """A database made by the earlier table layout (a plain index on client ids, no ``state`` column) is brought up
    to date when a store opens it, its rows kept."""
    engine = make_engine(database_url)
    metadata = MetaData()
    Table("affectkit_api_keys", metadata, Column("id", String(32), primary_key=True), Column("name", String(200)),
          Column("token_hash", String(64), unique=True, index=True), Column("created_at", DateTime(timezone=True)),
          Column("revoked_at", DateTime(timezone=True), nullable=True))
    Table("affectkit_conversations", metadata, Column("id", String(64), primary_key=True),
          Column("key_id", ForeignKey("affectkit_api_keys.id", ondelete="CASCADE"), index=True),
          Column("agent", String(200)), Column("locale", String(35), nullable=True), Column("turns", Integer),
          Column("created_at", DateTime(timezone=True)), Column("updated_at", DateTime(timezone=True), index=True),
          Column("summary", JSON, nullable=True))
    Table("affectkit_utterances", metadata, Column("id", Integer, primary_key=True, autoincrement=True),
          Column("conversation_id", ForeignKey("affectkit_conversations.id", ondelete="CASCADE"), index=True),
          Column("turn", Integer), Column("speaker", Text), Column("text", Text), Column("timestamp", JSON),
          Column("utterance_id", Text, nullable=True), Column("created_at", DateTime(timezone=True)),
          Column("analysis", JSON, nullable=True), Column("flags", JSON, nullable=True),
          Index(OLD_CLIENT_ID_INDEX, "conversation_id", "utterance_id"))
    metadata.create_all(engine)
    engine.dispose()

    store = Store(database_url)
    try:
        columns = {column["name"] for column in inspect(store.engine).get_columns("affectkit_utterances")}
        indexes = {index["name"]: index for index in inspect(store.engine).get_indexes("affectkit_utterances")}
        assert "state" in columns
        assert indexes[CLIENT_ID_INDEX]["unique"] and OLD_CLIENT_ID_INDEX not in indexes
        key, _ = store.create_key("upgraded")
        conversation = store.create_conversation(key.id, agent="assistant", locale=None)
        store.append_utterance(conversation.id, _utterance(0, "m1"), {})
        with pytest.raises(UtteranceStored):
            store.append_utterance(conversation.id, _utterance(1, "m1"), {})
    finally:
        store.close()
    Store(database_url).close()  # opening it again changes nothing


def test_two_workers_storing_one_id_at_the_same_instant(database_url: str, tmp_path: Any,
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    """Two apps on one database receive the same utterance (same ``id``) at the same instant: the second reads the
    conversation after the first has read it and before the first has stored it, so neither sees the other's. One is
    answered 200, the other 409 ``AK-E050`` with the turn holding it, as a single worker answers a repeated id; the
    conversation holds it once. (The events only order the two workers' steps, so that their models do not run at
    the same time in this one process: every step is the service's own.)"""
    with Service(settings_for(tmp_path / "unused.db", database_url=database_url)) as a, \
            Service(settings_for(tmp_path / "unused.db", database_url=database_url)) as b:
        conversation_id = a.conversation()
        url = f"/v1/conversations/{conversation_id}/utterances"
        assert a.post(url, {**CHAT[0], "id": "m0"}).status_code == 200
        a_storing, b_checked = threading.Event(), threading.Event()
        store_a, check_b = a.runtime.store.append_utterance, b.runtime.store.check_append

        def a_stores(*args: Any, **kwargs: Any) -> None:
            a_storing.set()  # a has read the conversation and the turn: it is about to store
            assert b_checked.wait(WAIT), "b did not read the conversation"
            store_a(*args, **kwargs)

        def b_checks(*args: Any, **kwargs: Any) -> Any:
            assert a_storing.wait(WAIT), "a did not get to storing"
            try:
                return check_b(*args, **kwargs)  # before a has stored: no such id yet
            finally:
                b_checked.set()

        monkeypatch.setattr(a.runtime.store, "append_utterance", a_stores)
        monkeypatch.setattr(b.runtime.store, "check_append", b_checks)
        answers: dict[str, Any] = {}
        utterance = {**CHAT[1], "id": "m1"}
        threads = [threading.Thread(target=lambda name=name, worker=worker: answers.__setitem__(
            name, worker.post(url, utterance, headers=a.headers))) for name, worker in (("a", a), ("b", b))]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(2 * WAIT)
        assert a_storing.is_set() and b_checked.is_set()
        assert answers["a"].status_code == 200, answers["a"].text
        assert answers["a"].json()["turn"]["index"] == 1
        refused = assert_problem(answers["b"], 409, "AK-E050")
        assert refused["turn"] == 1 and "m1" in refused["detail"]
        monkeypatch.undo()

        stored = b.get(f"/v1/conversations/{conversation_id}", headers=a.headers).json()
        assert stored["turns"] == 2 and [t["text"] for t in stored["analysis"]["turns"]] == [CHAT[0]["text"],
                                                                                           CHAT[1]["text"]]
        assert [u.utterance_id for u in b.store.utterances(conversation_id)] == ["m0", "m1"]
        # b goes on with the conversation (its tracker is rebuilt from the database) and still refuses the id itself
        assert b.post(url, {**CHAT[2], "id": "m2"}, headers=a.headers).json()["turns"] == 3
        assert assert_problem(b.post(url, utterance, headers=a.headers), 409, "AK-E050")["turn"] == 1
