"""An erased conversation (DELETE, or retention) leaves no text behind: not in the database, not in the live
trackers, not in the models' text caches (the utterance encoder's and the risk detector's)."""

from __future__ import annotations

import time
import uuid
from datetime import datetime, timedelta, timezone

import pytest
from service_helpers import assert_problem, settings_for

from affectkit.recognizers.utterance import shared_encoder
from affectkit.risk import default_detector
from conftest import Service


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


def _hold_again(texts: list[str]) -> None:
    """Put ``texts`` back in the caches. The two apps of these tests share one process, so the erasing app's own
    forgetting empties the caches of both; this puts back what the other app's process would still hold."""
    shared_encoder().prefetch(texts)
    default_detector().read(texts)


@pytest.mark.parametrize("how", ["delete", "retention"])
def test_other_workers_forget_what_one_erases(tmp_path, how: str) -> None:  # type: ignore[no-untyped-def]
    """Two workers (two apps) on one database: what one erases, the other drops from its live trackers and its
    caches before its next append uses them (the erasure log), and not a moment later than that."""
    path = tmp_path / "shared.db"
    with Service(settings_for(path, erasure_check_seconds=3600)) as a, \
            Service(settings_for(path, erasure_check_seconds=3600, retention_days=1)) as b:
        erased = [f"My brother stopped talking to me {uuid.uuid4().hex[:8]}.",
                  f"I cried all night {uuid.uuid4().hex[:8]}."]
        kept = f"The new job starts Monday {uuid.uuid4().hex[:8]}."
        conversation_id, other_id = a.conversation(), a.conversation()
        for text in erased:
            _append(a, conversation_id, text)
        _append(a, other_id, kept)
        assert conversation_id in a.runtime.conversations.trackers

        if how == "delete":
            assert b.delete(f"/v1/conversations/{conversation_id}", headers=a.headers).status_code == 204
        else:
            a.store.set_updated_at(conversation_id, datetime.now(timezone.utc) - timedelta(days=2))
            assert b.client.portal.call(b.runtime.enforce_retention) == [conversation_id]
        _hold_again(erased)
        assert conversation_id in a.runtime.conversations.trackers  # a has not looked at the log yet

        later = f"And then we had dinner {uuid.uuid4().hex[:8]}."
        _append(a, other_id, later)  # a reads the log before its caches are used
        assert conversation_id not in a.runtime.conversations.trackers
        for text in erased:
            assert _cached(text) == {"encoder": False, "risk": False}, text
        for text in (kept, later):
            assert _cached(text) == {"encoder": True, "risk": True}, text
        assert other_id in a.runtime.conversations.trackers
        assert_problem(a.get(f"/v1/conversations/{conversation_id}"), 404, "AK-E022")
        # b erased it itself: reading its own entry in the log drops nothing of b's
        b_id = b.conversation()
        _append(b, b_id, kept)
        assert b_id in b.runtime.conversations.trackers and _cached(kept)["encoder"]


def test_an_idle_worker_forgets_too(tmp_path) -> None:  # type: ignore[no-untyped-def]
    """No append comes to a worker: it reads the erasure log every ``erasure_check_seconds`` all the same. The other
    worker here is what another process shares with it, the database (so nothing is forgotten in this process but by
    the idle worker)."""
    from affectkit.service.storage import Store

    path = tmp_path / "shared.db"
    with Service(settings_for(path, erasure_check_seconds=0.2)) as a:
        text = f"I am scared of the results {uuid.uuid4().hex[:8]}."
        conversation_id = a.conversation()
        _append(a, conversation_id, text)
        assert _cached(text) == {"encoder": True, "risk": True}
        other = Store(f"sqlite:///{path}")
        assert other.erase_conversation(a.key.id, conversation_id) == [text]
        other.close()
        deadline = time.monotonic() + 30
        while conversation_id in a.runtime.conversations.trackers or _cached(text) != {"encoder": False,
                                                                                        "risk": False}:
            assert time.monotonic() < deadline, "the idle worker did not forget the erased conversation"
            time.sleep(0.1)


def test_a_tracker_leaving_memory_takes_its_texts_out_of_the_caches(make_service) -> None:  # type: ignore[no-untyped-def]
    """What a worker holds of stored conversations in its caches is what its live trackers hold: a tracker evicted
    from memory leaves no text behind (so that a worker never needs to remember what it evicted)."""
    service = make_service(tracker_cache_size=1)
    first, second = service.conversation(), service.conversation()
    text = f"My phone broke again {uuid.uuid4().hex[:8]}."
    _append(service, first, text)
    assert _cached(text) == {"encoder": True, "risk": True}
    _append(service, second, f"Good morning {uuid.uuid4().hex[:8]}.")
    assert list(service.runtime.conversations.trackers) == [second]
    deadline = time.monotonic() + 30  # right after the answer, off its path
    while _cached(text) != {"encoder": False, "risk": False}:
        assert time.monotonic() < deadline, _cached(text)
        time.sleep(0.05)
    # the evicted conversation goes on exactly (rebuilt from the database)
    assert _append(service, first, "Thanks for listening.")["turns"] == 2


def test_the_erasure_log_holds_ids_only_and_is_read_from_where_a_worker_stopped(database_url: str) -> None:
    from sqlalchemy import select

    from affectkit.service.storage import ErasureRow, Store

    store = Store(database_url)
    key, _ = store.create_key("log")
    start = store.erasure_seq()
    ids = [store.create_conversation(key.id, agent="assistant", locale=None).id for _ in range(3)]
    assert store.erasures_after(start).conversation_ids == []
    store.erase_conversation(key.id, ids[0])
    middle = store.erasure_seq()
    store.set_updated_at(ids[1], datetime.now(timezone.utc) - timedelta(days=400))
    store.set_updated_at(ids[2], datetime.now(timezone.utc) - timedelta(days=400))
    store.erase_older_than(300)
    log = store.erasures_after(start)
    assert log.complete and log.conversation_ids[0] == ids[0] and sorted(log.conversation_ids[1:]) == sorted(ids[1:])
    assert sorted(store.erasures_after(middle).conversation_ids) == sorted(ids[1:])
    assert store.erasures_after(log.seq).conversation_ids == [] and store.erasure_seq() == log.seq
    with store.session() as session:
        columns = set(ErasureRow.__table__.columns.keys())
        assert columns == {"seq", "conversation_id", "erased_at"}  # nothing derived from the texts
        session.execute(ErasureRow.__table__.delete().where(ErasureRow.seq == middle))  # as if pruned
        assert session.scalar(select(ErasureRow.seq).where(ErasureRow.seq == middle)) is None
    assert not store.erasures_after(start).complete  # a worker this far behind must forget everything
    store.close()


def _request_texts() -> tuple[list[dict[str, str]], str]:
    utterances = [{"speaker": "user", "text": f"My dog ran away this morning {uuid.uuid4().hex[:8]}."},
                  {"speaker": "assistant", "text": f"Oh no, I'm so sorry {uuid.uuid4().hex[:8]}."},
                  {"speaker": "user", "text": f"I have looked everywhere and I feel hopeless {uuid.uuid4().hex[:8]}."}]
    return utterances, f"Calm down, it's just a dog {uuid.uuid4().hex[:8]}."


def test_plan_and_check_reply_keep_no_reading_of_their_texts(service) -> None:  # type: ignore[no-untyped-def]
    """A conversation sent with ``/v1/plan`` or ``/v1/check-reply`` is read and its texts leave the caches before the
    answer: no reading is held for data the service does not store (and so could never erase)."""
    utterances, reply = _request_texts()
    texts = [u["text"] for u in utterances]
    planned = service.post("/v1/plan", {"conversation": {"utterances": utterances}})
    assert planned.status_code == 200, planned.text
    for text in texts:
        assert _cached(text) == {"encoder": False, "risk": False}, text
    checked = service.post("/v1/check-reply", {"conversation": {"utterances": utterances}, "reply": reply})
    assert checked.status_code == 200, checked.text
    for text in [*texts, reply]:
        assert _cached(text) == {"encoder": False, "risk": False}, text
    # read again from nothing, the answers are the same
    assert service.post("/v1/plan", {"conversation": {"utterances": utterances}}).json() == planned.json()
    assert service.post("/v1/check-reply", {"conversation": {"utterances": utterances},
                                            "reply": reply}).json() == checked.json()


@pytest.mark.parametrize("how", ["delete", "retention"])
def test_no_reading_made_for_plan_or_check_reply_outlives_an_erasure(make_service, how: str) -> None:  # type: ignore[no-untyped-def]
    """A client stores a conversation, plans its replies over the same texts with ``/v1/plan`` and checks a candidate
    reply it never sends (``/v1/check-reply``), then erases the conversation (DELETE, or retention): no reading of
    any of those texts is left in the caches (the reply was never stored, so an erasure could not have named it)."""
    service = make_service(retention_days=1)
    utterances, reply = _request_texts()
    conversation_id = service.conversation()
    for utterance in utterances:
        stored = service.post(f"/v1/conversations/{conversation_id}/utterances", utterance)
        assert stored.status_code == 200, stored.text
    assert service.post("/v1/plan", {"conversation": {"utterances": utterances}}).status_code == 200
    assert service.post("/v1/check-reply", {"conversation": {"utterances": utterances},
                                            "reply": reply}).status_code == 200
    assert _cached(reply) == {"encoder": False, "risk": False}
    if how == "delete":
        assert service.delete(f"/v1/conversations/{conversation_id}").status_code == 204
    else:
        service.store.set_updated_at(conversation_id, datetime.now(timezone.utc) - timedelta(days=2))
        assert service.client.portal.call(service.runtime.enforce_retention) == [conversation_id]
    for text in [*(u["text"] for u in utterances), reply]:
        assert _cached(text) == {"encoder": False, "risk": False}, text


def test_respond_keeps_no_reading_of_its_texts(make_service, openai_server) -> None:  # type: ignore[no-untyped-def]
    """``/v1/respond`` plans, generates and checks: neither the conversation's texts nor the generated reply stay in
    the caches."""
    generated = f"That sounds really hard, I'm here {uuid.uuid4().hex[:8]}."
    openai_server.reply = lambda messages: generated
    service = make_service(llm_base_url=openai_server.base_url, llm_model="test-model")
    utterances, _ = _request_texts()
    response = service.post("/v1/respond", {"conversation": {"utterances": utterances}})
    assert response.status_code == 200, response.text
    assert response.json()["reply"] == generated
    for text in [*(u["text"] for u in utterances), generated]:
        assert _cached(text) == {"encoder": False, "risk": False}, text


def test_a_speech_transcript_leaves_the_caches_before_the_answer(service) -> None:  # type: ignore[no-untyped-def]
    """``/v1/speech`` reads its transcript with the text model: that reading is dropped from the models' caches as
    the texts of ``/v1/plan`` are, whoever put the text there (here a stored conversation that said the same words,
    which reads it again when it needs it), so that erasing the conversation leaves nothing behind."""
    sf = pytest.importorskip("soundfile", reason="the 'speech' extra is not installed")
    pytest.importorskip("opensmile", reason="the 'speech' extra is not installed")
    import io

    import numpy as np

    transcript = f"I keep replaying the argument in my head, {uuid.uuid4().hex[:8]}."
    conversation_id = service.conversation()
    _append(service, conversation_id, transcript)
    assert _cached(transcript) == {"encoder": True, "risk": True}
    buffer = io.BytesIO()
    sf.write(buffer, 0.2 * np.sin(2 * np.pi * 150 * np.arange(32000) / 16000), 16000, format="WAV")
    response = service.client.post("/v1/speech", content=buffer.getvalue(), params={"transcript": transcript},
                                   headers={**service.headers, "Content-Type": "audio/wav"})
    assert response.status_code == 200, response.text
    assert response.json()["transcript"] == transcript
    assert _cached(transcript) == {"encoder": False, "risk": False}
    again = _append(service, conversation_id, "Thanks for listening.")  # the conversation reads on as before
    assert again["turns"] == 2
    assert service.delete(f"/v1/conversations/{conversation_id}").status_code == 204
    assert _cached(transcript) == {"encoder": False, "risk": False}
