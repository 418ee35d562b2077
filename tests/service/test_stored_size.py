"""What an append writes does not grow with the conversation: the conversation's stored summary holds the speakers'
arcs and dominant emotions, the contagion and the latest plan without its lists, and each turn's row holds its
speaker's new trajectory point and shifts. The whole history is still there, put together again from the rows by the
GET routes; conversations stored in the earlier layout read as before and are brought to the new one."""

from __future__ import annotations

import itertools
import json
import statistics
from typing import Any

from sqlalchemy import update

import affectkit
from affectkit.service.storage import ConversationRow, UtteranceRow

USER = ["I can't sleep since the move.", "I feel so hopeless, I want to end my life.",  # a crisis: flags come
        "My boss yelled at me again today.", "We finally fixed the leak, what a relief!"]
AGENT = ["That sounds exhausting.", "I'm here with you.", "What do you think changed?"]
TURNS = 240
WINDOW = 24  # a whole cycle of the user's and the agent's texts
EARLY, LATE = 40, 40 + 7 * WINDOW  # turns 40-63 against 208-231: the same texts at the same places


def _utterances(n: int) -> list[dict[str, str]]:
    users, agents = itertools.cycle(USER), itertools.cycle(AGENT)
    return [{"speaker": "user", "text": next(users)} if i % 2 == 0 else {"speaker": "assistant", "text": next(agents)}
            for i in range(n)]


def _summary_bytes(service: Any, conversation_id: str) -> int:
    stored = service.store.get_conversation(service.key.id, conversation_id)
    return len(json.dumps(stored.summary, separators=(",", ":")))


def _same_plan(served: dict[str, Any], library: dict[str, Any]) -> None:
    probabilities = served["strategy"].pop("probabilities"), library["strategy"].pop("probabilities")
    assert probabilities[0].keys() == probabilities[1].keys()
    assert all(abs(probabilities[0][k] - probabilities[1][k]) <= 2e-4 for k in probabilities[0])
    assert served == library


def test_the_stored_summary_does_not_grow_with_the_conversation(service) -> None:  # type: ignore[no-untyped-def]
    utterances = _utterances(TURNS)
    conversation_id = service.conversation()
    sizes, answers = [], []
    for utterance in utterances:
        response = service.post(f"/v1/conversations/{conversation_id}/utterances", utterance)
        assert response.status_code == 200, response.text
        answers.append(response.json())
        sizes.append(_summary_bytes(service, conversation_id))
    early, late = sizes[EARLY:EARLY + WINDOW], sizes[LATE:LATE + WINDOW]
    print(f"stored summary: {statistics.mean(early):.0f} bytes a turn at turns {EARLY}-{EARLY + WINDOW - 1}, "
          f"{statistics.mean(late):.0f} at turns {LATE}-{LATE + WINDOW - 1} (the whole conversation {TURNS} turns)")
    for turn, (then, now) in enumerate(zip(early, late, strict=True), start=EARLY):  # the same text's turn, later
        assert now <= 1.02 * then, (turn, then, turn + LATE - EARLY, now)
    assert max(sizes) <= max(early) * 1.02, (max(sizes), max(early))
    assert sum(len(a["flags"]) for a in answers) >= TURNS // 8  # the flags did come (and are not in the summary)

    # each row holds its speaker's point and shifts; the GET routes put the whole history together from them
    rows = service.store.utterances(conversation_id)
    assert all(row.state is not None for row in rows)
    whole = service.get(f"/v1/conversations/{conversation_id}").json()["analysis"]
    for name, summary in whole["speakers"].items():
        own = [a for a in answers if a["speaker"]["speaker"] == name]
        assert [a["speaker"]["point"] for a in own] == summary["trajectory"]
        assert [a["turn"]["index"] for a in own] == summary["turns"]
        assert [s for a in own for s in a["shifts"]] == summary["shifts"]
        assert summary["arc"] == own[-1]["speaker"]["arc"]
    assert whole["flags"] == [f for a in answers for f in a["flags"]]
    library = affectkit.plan({"id": conversation_id, "utterances": utterances})
    plan = service.get(f"/v1/conversations/{conversation_id}/plan").json()
    assert plan["mode"] == "escalation" and len(plan["safety"]["flags"]) == len(whole["flags"])
    earlier = {**{k: whole[k] for k in ("speakers", "contagion", "model", "cause_model")},
               "plan": {**{k: v for k, v in plan.items() if k != "messages"}, "system": plan["messages"][0]["content"]}}
    print(f"the earlier layout's summary at turn {TURNS}: {len(json.dumps(earlier, separators=(',', ':')))} bytes; "
          f"now {sizes[-1]}")
    _same_plan(plan, json.loads(library.model_dump_json()))


def test_a_conversation_stored_in_the_earlier_layout(service) -> None:  # type: ignore[no-untyped-def]
    """Its summary held every speaker's lists and the plan's flags and notes, its rows no state: the GET routes read
    it as before, and its next append (after a restart) gives the rows their state and the summary its new size."""
    utterances = _utterances(13)
    conversation_id, fresh_id = service.conversation(), service.conversation()
    for utterance in utterances[:12]:
        for target in (conversation_id, fresh_id):
            assert service.post(f"/v1/conversations/{target}/utterances", utterance).status_code == 200
    before = service.get(f"/v1/conversations/{conversation_id}").json()
    plan = service.get(f"/v1/conversations/{conversation_id}/plan").json()
    assert plan["safety"]["flags"] and plan["safety"]["notes"]
    old_summary = {"speakers": before["analysis"]["speakers"], "contagion": before["analysis"]["contagion"],
                   "model": before["analysis"]["model"], "cause_model": before["analysis"]["cause_model"],
                   "plan": {**{k: v for k, v in plan.items() if k != "messages"},
                            "system": plan["messages"][0]["content"]}}
    with service.store.session() as session:
        session.execute(update(ConversationRow).where(ConversationRow.id == conversation_id)
                        .values(summary=old_summary))
        session.execute(update(UtteranceRow).where(UtteranceRow.conversation_id == conversation_id)
                        .values(state=None))
    assert service.get(f"/v1/conversations/{conversation_id}").json() == before
    assert service.get(f"/v1/conversations/{conversation_id}/plan").json() == plan
    page = service.get(f"/v1/conversations/{conversation_id}?after=3&limit=4").json()["analysis"]
    assert {name: s["turns"] for name, s in page["speakers"].items()} == {"user": [4, 6], "assistant": [5, 7]}

    service.runtime.conversations.forget(conversation_id)  # as after the upgrade's restart
    for target in (conversation_id, fresh_id):
        assert service.post(f"/v1/conversations/{target}/utterances", utterances[12]).status_code == 200
    assert all(row.state is not None for row in service.store.utterances(conversation_id))
    summary = service.store.get_conversation(service.key.id, conversation_id).summary
    assert "trajectory" not in summary["speakers"]["user"] and "flags" not in summary["plan"]["safety"]
    upgraded, fresh = (service.get(f"/v1/conversations/{c}").json() for c in (conversation_id, fresh_id))
    assert upgraded["analysis"] == {**fresh["analysis"], "id": conversation_id}
    upgraded_plan, fresh_plan = (service.get(f"/v1/conversations/{c}/plan").json() for c in (conversation_id, fresh_id))
    assert upgraded_plan == {**fresh_plan, "conversation_id": conversation_id}
