"""Appends are incremental: the service reads only the new turn (its tracker and the planner's LivePlanning keep
the rest), and still plans exactly what the library plans from the whole conversation; a restart (replay from the
database) gives the same plans as the live state."""

from __future__ import annotations

import itertools
import json

import pytest

import affectkit

USER = ["I can't sleep since the move.", "Why does everything go wrong for me?", "My boss yelled at me again.",
        "Honestly I feel a bit better today.", "Do you love me?", "I miss my old friends so much.",
        "Is it normal to feel this tired?", "We finally fixed the leak, what a relief!"]
AGENT = ["That sounds exhausting.", "What do you think changed?", "I'm here with you.",
         "Would a short walk help?", "It makes sense to feel that way.", "Tell me more about them."]
TURNS = 44
CHECKPOINTS = (1, 2, 7, 20, TURNS)


def conversation_of(n: int) -> list[dict[str, str]]:
    users, agents = itertools.cycle(USER), itertools.cycle(AGENT)
    # mostly alternating, with a few double user turns, as in chats
    speakers = ["user" if i % 2 == 0 or i % 7 == 3 else "assistant" for i in range(n)]
    return [{"speaker": s, "text": next(users) if s == "user" else next(agents)} for s in speakers]


def _close(live: dict[str, float], whole: dict[str, float]) -> bool:
    return live.keys() == whole.keys() and all(abs(live[k] - whole[k]) <= 2e-4 for k in live)


def _same_plan(live: dict, whole: dict) -> None:  # type: ignore[type-arg]
    assert _close(live["strategy"]["probabilities"], whole["strategy"]["probabilities"])
    live["strategy"].pop("probabilities"), whole["strategy"].pop("probabilities")
    assert live == whole


@pytest.mark.parametrize("restart", [False, True], ids=["live", "replayed"])
def test_live_plans_equal_the_librarys_on_the_whole_conversation(service, restart: bool) -> None:  # type: ignore[no-untyped-def]
    utterances = conversation_of(TURNS)
    conversation_id = service.conversation()
    for n, utterance in enumerate(utterances, start=1):
        if restart and n in CHECKPOINTS:
            service.runtime.conversations.forget(conversation_id)  # as after a restart: rebuilt from the database
        response = service.post(f"/v1/conversations/{conversation_id}/utterances", utterance)
        assert response.status_code == 200, response.text
        if n in CHECKPOINTS:
            expected = affectkit.plan({"id": conversation_id, "utterances": utterances[:n]})
            whole = service.get(f"/v1/conversations/{conversation_id}/plan")
            assert whole.status_code == 200, whole.text
            _same_plan(whole.json(), json.loads(expected.model_dump_json()))
            assert response.json()["plan"]["system"] == expected.messages[0]["content"]
    live = service.runtime.conversations.trackers[conversation_id]
    assert live.planning.turns_ == len(live.tracker.turns_) == TURNS
    assert live.planning.seeks_attachment_  # "Do you love me?": the boundary is in the plan
    assert any("seeking attachment" in b for b in response.json()["plan"]["boundaries"])


def test_live_planning_refuses_a_state_out_of_step() -> None:
    from affectkit.errors import AffectkitError
    from affectkit.planning.planner import LivePlanning, plan
    from affectkit.types import Utterance

    utterances = [Utterance(**u) for u in conversation_of(3)]
    live = LivePlanning(agent="assistant")
    for utterance in utterances[:2]:
        live.add(utterance)
    with pytest.raises(AffectkitError) as error:
        plan(utterances, live=live)
    assert error.value.code == "AK-E005"
    live.add(utterances[2])
    with pytest.raises(AffectkitError):
        plan(utterances, agent="user", live=live)
    assert plan(utterances, live=live).strategy.choice == plan(utterances).strategy.choice
