"""affectkit.service.storage against SQLite always and a real PostgreSQL server when one is given."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest
from sqlalchemy import select, text

from affectkit.service.storage import (
    ApiKeyRow,
    Store,
    StoredUtterance,
    TurnTaken,
    UtteranceRow,
    hash_token,
    normalise_url,
)


def utterance(turn: int, text_: str = "hello") -> StoredUtterance:
    return StoredUtterance(turn=turn, speaker="user", text=text_, timestamp=None, utterance_id=None,
                           analysis={"index": turn}, flags=[{"kind": "x"}] if turn == 1 else [])


@pytest.fixture()
def store(database_url: str) -> Store:
    return Store(database_url)


def test_keys_are_stored_hashed_and_revocable(store: Store) -> None:
    key, token = store.create_key("app")
    assert token.startswith("ak_") and len(token) > 40
    with store.session() as session:
        row = session.get(ApiKeyRow, key.id)
        assert row is not None and row.token_hash == hash_token(token)
        stored = [str(value) for value in session.execute(
            select(ApiKeyRow.__table__).where(ApiKeyRow.id == key.id)).one()]
        assert not any(token in value for value in stored)  # the token itself is nowhere in the table
    assert store.key_for_token(token) == key.id
    assert store.key_for_token(token + "x") is None
    assert key.id in [k.id for k in store.list_keys()]
    assert store.revoke_key(key.id) is True
    assert store.revoke_key(key.id) is False  # already revoked
    assert store.key_for_token(token) is None
    assert [k.revoked_at is not None for k in store.list_keys() if k.id == key.id] == [True]


def test_a_key_sees_only_its_own_conversations(store: Store) -> None:
    mine, _ = store.create_key("mine")
    theirs, _ = store.create_key("theirs")
    conversation = store.create_conversation(mine.id, agent="assistant", locale="de")
    assert store.get_conversation(mine.id, conversation.id) is not None
    assert store.get_conversation(theirs.id, conversation.id) is None
    assert store.delete_conversation(theirs.id, conversation.id) is False
    assert store.get_conversation(mine.id, conversation.id) is not None


def test_append_commits_in_order_and_refuses_a_taken_turn(store: Store) -> None:
    key, _ = store.create_key("k")
    conversation = store.create_conversation(key.id, agent="assistant", locale=None)
    store.append_utterance(conversation.id, utterance(0, "first"), {"speakers": {}})
    store.append_utterance(conversation.id, utterance(1, "second ünïcödé 😀"), {"speakers": {"user": 1}})
    with pytest.raises(TurnTaken):
        store.append_utterance(conversation.id, utterance(1, "again"), {})
    with pytest.raises(TurnTaken):
        store.append_utterance(conversation.id, utterance(5, "gap"), {})
    rows = store.utterances(conversation.id)
    assert [(u.turn, u.text) for u in rows] == [(0, "first"), (1, "second ünïcödé 😀")]
    assert rows[1].flags == [{"kind": "x"}] and rows[0].analysis == {"index": 0}
    stored = store.get_conversation(key.id, conversation.id)
    assert stored is not None and stored.turns == 2 and stored.summary == {"speakers": {"user": 1}}


def test_delete_erases_the_conversation_and_its_derived_data(store: Store) -> None:
    key, _ = store.create_key("k")
    conversation = store.create_conversation(key.id, agent="assistant", locale=None)
    store.append_utterance(conversation.id, utterance(0), {"speakers": {}})
    assert store.delete_conversation(key.id, conversation.id) is True
    assert store.get_conversation(key.id, conversation.id) is None
    with store.session() as session:
        left = session.scalars(select(UtteranceRow).where(UtteranceRow.conversation_id == conversation.id)).all()
    assert left == []


def test_retention_deletes_only_conversations_past_the_period(store: Store) -> None:
    key, _ = store.create_key("k")
    old = store.create_conversation(key.id, agent="assistant", locale=None)
    new = store.create_conversation(key.id, agent="assistant", locale=None)
    store.append_utterance(old.id, utterance(0), {})
    store.set_updated_at(old.id, datetime.now(timezone.utc) - timedelta(days=31))
    assert store.delete_older_than(30) == [old.id]
    assert store.get_conversation(key.id, old.id) is None
    assert store.get_conversation(key.id, new.id) is not None
    assert store.utterances(old.id) == []


def test_sqlite_file_uses_wal_and_full_sync(tmp_path) -> None:  # type: ignore[no-untyped-def]
    store = Store(f"sqlite:///{tmp_path / 'wal.db'}")
    with store.engine.connect() as connection:
        assert connection.execute(text("PRAGMA journal_mode")).scalar() == "wal"
        assert connection.execute(text("PRAGMA synchronous")).scalar() == 2  # FULL
        assert connection.execute(text("PRAGMA foreign_keys")).scalar() == 1
    assert store.ping()


def test_postgres_urls_use_psycopg() -> None:
    assert normalise_url("postgres://u:p@h:5432/d") == "postgresql+psycopg://u:p@h:5432/d"
    assert normalise_url("sqlite:///x.db") == "sqlite:///x.db"


def test_an_unreachable_database_is_not_ready() -> None:
    store = Store("postgresql://nobody@127.0.0.1:1/none", create=False)
    assert store.ping() is False
