"""An erased conversation (DELETE, or retention) leaves no text behind: not in the database, not in the live
trackers, not in the models' text caches (the utterance encoder's and the risk detector's)."""

from __future__ import annotations

import uuid
from datetime import datetime, timedelta, timezone

from service_helpers import assert_problem

from affectkit.conversation.context import shared_encoder
from affectkit.risk import default_detector


def _cached(text: str) -> dict[str, bool]:
    return {"encoder": text in shared_encoder()._cache, "risk": text in default_detector()._cache}


def _append(service, conversation_id: str, text: str) -> dict:  # type: ignore[no-untyped-def]
    response = service.post(f"/v1/conversations/{conversation_id}/utterances", {"speaker": "user", "text": text})
    assert response.status_code == 200, response.text
    return response.json()  # type: ignore[no-any-return]


def test_delete_forgets_the_texts_in_the_caches(service) -> None:  # type: ignore[no-untyped-def]
    mine = [f"I lost my keys again, code {uuid.uuid4().hex[:8]}.", f"Nobody calls me back {uuid.uuid4().hex[:8]}."]
    shared = "Thanks, that helps."
    conversation_id = service.conversation()
    for text in [*mine, shared]:
        _append(service, conversation_id, text)
    other_id = service.conversation()
    before = _append(service, other_id, shared)
    for text in [*mine, shared]:
        assert _cached(text) == {"encoder": True, "risk": True}, text
    assert conversation_id in service.runtime.conversations.trackers

    assert service.delete(f"/v1/conversations/{conversation_id}").status_code == 204
    for text in [*mine, shared]:
        assert _cached(text) == {"encoder": False, "risk": False}, text
    assert conversation_id not in service.runtime.conversations.trackers
    assert_problem(service.get(f"/v1/conversations/{conversation_id}"), 404, "AK-E022")

    # another conversation that said the same thing is read again, to the same numbers
    again = _append(service, other_id, shared)
    assert again["turn"]["emotions"] == before["turn"]["emotions"]
    assert again["turn"]["vad"] == before["turn"]["vad"]


def test_another_keys_delete_forgets_nothing(service) -> None:  # type: ignore[no-untyped-def]
    text = f"My cat is sick and I'm scared, {uuid.uuid4().hex[:8]}."
    conversation_id = service.conversation()
    _append(service, conversation_id, text)
    assert_problem(service.delete(f"/v1/conversations/{conversation_id}", headers=service.other_headers), 404,
                   "AK-E022")
    assert _cached(text) == {"encoder": True, "risk": True}


def test_retention_forgets_the_texts_in_the_caches(make_service) -> None:  # type: ignore[no-untyped-def]
    service = make_service(retention_days=1)
    old_text = f"The exam went badly, {uuid.uuid4().hex[:8]}."
    kept_text = f"The exam went well, {uuid.uuid4().hex[:8]}."
    old_id, kept_id = service.conversation(), service.conversation()
    _append(service, old_id, old_text)
    _append(service, kept_id, kept_text)
    service.store.set_updated_at(old_id, datetime.now(timezone.utc) - timedelta(days=2))
    assert service.client.portal.call(service.runtime.enforce_retention) == [old_id]
    assert _cached(old_text) == {"encoder": False, "risk": False}
    assert _cached(kept_text) == {"encoder": True, "risk": True}
    assert old_id not in service.runtime.conversations.trackers


def test_storage_erase_returns_the_erased_texts(database_url: str) -> None:
    from affectkit.service.storage import Store, StoredUtterance

    store = Store(database_url)
    key, _ = store.create_key("erase")
    first, second = (store.create_conversation(key.id, agent="assistant", locale=None) for _ in range(2))
    for conversation, texts in ((first, ["a", "b"]), (second, ["c"])):
        for turn, text in enumerate(texts):
            store.append_utterance(conversation.id, StoredUtterance(turn=turn, speaker="user", text=text,
                                                                    timestamp=None, utterance_id=None, analysis=None,
                                                                    flags=[]), {})
    assert store.erase_conversation("someone else", first.id) is None
    assert sorted(store.erase_conversation(key.id, first.id) or []) == ["a", "b"]
    assert store.erase_conversation(key.id, first.id) is None
    store.set_updated_at(second.id, datetime.now(timezone.utc) - timedelta(days=2))
    assert store.erase_older_than(1)[second.id] == ["c"]  # the PostgreSQL database is shared by the session
    assert store.count_conversations(key.id) == 0
    store.close()
