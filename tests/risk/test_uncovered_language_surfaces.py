"""Issue 13: a language the risk detector does not cover gets a coded warning on every surface, never silence."""

from __future__ import annotations

import affectkit
from affectkit.conversation.report import format_table

TURKISH = [{"speaker": "user", "text": "Ben artık yaşamak istemiyorum, ölmek istiyorum."},
           {"speaker": "assistant", "text": "Buradayım."}]
ENGLISH = [{"speaker": "user", "text": "I lost my job today."}, {"speaker": "assistant", "text": "I'm here."}]


def test_the_conversation_table_shows_the_warning_under_flags() -> None:
    analysis = affectkit.analyze_conversation(TURKISH, agent="assistant")
    table = format_table(analysis)
    flags = table[table.index("\nFlags"):]
    assert "turn 0: AK-W008" in flags and "'tr'" in flags
    assert "AK-W008" not in format_table(affectkit.analyze_conversation(ENGLISH, agent="assistant"))


def test_the_plan_carries_a_coded_warning_per_unread_user_turn() -> None:
    plan = affectkit.plan(TURKISH, agent="assistant")
    assert [w.message for w in plan.warnings if w.code == "AK-W008"] == [
        "turn 0: risk detection not available for language 'tr': crisis flags may be missing"]
    assert not [w for w in affectkit.plan(ENGLISH, agent="assistant").warnings if w.code == "AK-W008"]


def test_the_reply_check_says_what_it_could_not_read() -> None:
    check = affectkit.check_reply(TURKISH[:1], "Sakin ol.")
    assert {w.code for w in check.warnings} == {"AK-W008", "AK-W034"}
    french = affectkit.check_reply(ENGLISH[:1], "Ça va aller, ne t'inquiète pas.")
    assert [w.code for w in french.warnings] == ["AK-W034"]
    for reply in ("Calm down.", "That sucks, I'm sorry.", "Tranquilo, no pasa nada.", "Beruhige dich."):
        assert affectkit.check_reply(ENGLISH[:1], reply).warnings == [], reply
