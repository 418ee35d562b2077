"""An append answers what its turn brought, not the whole conversation: its size at turn 200 stays close to its size
at turn 10 (it was 6.6 KB and 37 KB when it held the speaker's whole trajectory and the plan's message history),
and the whole state is still there, from the paged GET and the plan's GET."""

from __future__ import annotations

import itertools
import json
import statistics

USER = ["I can't sleep since the move.", "My boss yelled at me again today.", "Honestly I feel a bit better now.",
        "I miss my old friends so much.", "We finally fixed the leak, what a relief!"]
AGENT = ["That sounds exhausting.", "What do you think changed?", "I'm here with you.", "Would a short walk help?",
         "Tell me more about them."]
TURNS = 210
WINDOW = 10  # the same ten utterances at turns 10-19 and 200-209


def test_append_answers_do_not_grow_with_the_conversation(service) -> None:  # type: ignore[no-untyped-def]
    users, agents = itertools.cycle(USER), itertools.cycle(AGENT)
    utterances = [{"speaker": "user", "text": next(users)} if i % 2 == 0 else {"speaker": "assistant",
                                                                              "text": next(agents)}
                  for i in range(TURNS)]
    conversation_id = service.conversation()
    sizes, answers = [], []
    for utterance in utterances:
        response = service.post(f"/v1/conversations/{conversation_id}/utterances", utterance)
        assert response.status_code == 200, response.text
        sizes.append(len(response.content))
        answers.append(response.json())
    early = statistics.mean(sizes[10:10 + WINDOW])
    late = statistics.mean(sizes[200:200 + WINDOW])
    print(f"append answer: {early:.0f} bytes at turns 10-19, {late:.0f} bytes at turns 200-209")
    assert late <= 1.1 * early, (early, late)
    assert max(sizes[10:]) < 12_000

    # nothing is lost: the answers' points are the stored trajectories, the brief plan is the whole one's
    whole = service.get(f"/v1/conversations/{conversation_id}").json()["analysis"]
    for name, summary in whole["speakers"].items():
        assert [a["speaker"]["point"] for a in answers if a["speaker"]["speaker"] == name] == summary["trajectory"]
    assert [a["turn"] for a in answers] == whole["turns"]
    plan = service.get(f"/v1/conversations/{conversation_id}/plan").json()
    assert len(plan["messages"]) == TURNS + 1 == answers[-1]["plan"]["messages"]
    assert plan["messages"][0]["content"] == answers[-1]["plan"]["system"]
    assert [m["content"] for m in plan["messages"][1:]] == [u["text"] for u in utterances]
    assert len(json.dumps(plan)) > 3 * late  # the whole plan does grow: it is not in every answer
