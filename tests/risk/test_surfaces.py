"""Every surface reads risk through the same call: plans escalate exactly where the reply check sees a crisis,
in every language, with resources in the user's language."""

from __future__ import annotations

from pathlib import Path

import pytest

from affectkit.datasets import load_crisis_messages
from affectkit.planning.planner import format_plan, plan
from affectkit.planning.reply_check import check_reply
from affectkit.risk import UNCOVERED_WARNING, default_detector

TEST_SET = Path(__file__).resolve().parents[2] / "benchmarks" / "data" / "crisis_test"


def _chat(text: str) -> dict[str, list[dict[str, str]]]:
    return {"utterances": [{"speaker": "user", "text": text}]}


def test_escalation_offers_resources_in_the_users_language() -> None:
    spanish = plan(_chat("Estoy parado en la azotea y pienso saltar."))
    assert spanish.mode == "escalation" and any("024" in r for r in spanish.safety.resources)
    assert spanish.safety.flags[0].language == "es"
    assert "language the user wrote in" in spanish.messages[0]["content"]
    mexico = plan(_chat("Estoy parado en la azotea y pienso saltar."), locale="es-MX")
    assert any("800 911 2000" in r for r in mexico.safety.resources)
    own = plan(_chat("Estoy parado en la azotea y pienso saltar."), resources={"es": ["Llámanos"], "default": []})
    assert own.safety.resources == ["Llámanos"]
    text = format_plan(spanish)
    assert "ESCALATION" in text and "not a diagnosis" in text


def test_uncovered_language_is_said_not_silent() -> None:
    p = plan(_chat("nataka kufa, sitaki kuishi tena"))
    assert any("not available for language 'sw'" in note for note in p.safety.notes)
    reading = default_detector().read_one("nataka kufa, sitaki kuishi tena")
    assert reading.warnings == (UNCOVERED_WARNING,)


@pytest.mark.parametrize("text", ["I'm standing on the bridge right now.", "Estoy en la azotea y pienso saltar."])
def test_plan_and_reply_check_agree_on_the_issue_examples(text: str) -> None:
    assert plan(_chat(text)).mode == "escalation"
    assert check_reply(_chat(text), "Calm down.").harmful == ["minimising_crisis"]


@pytest.mark.slow
def test_plan_and_reply_check_agree_on_every_crisis_test_message() -> None:
    """The held-out crisis messages are read here only to prove agreement, never to tune anything."""
    messages = [m for m in load_crisis_messages(TEST_SET) if m.label != "none"]
    assert len(messages) >= 800
    for message in messages:
        escalates = plan(_chat(message.text)).mode == "escalation"
        # A bare "Calm down." is minimising exactly when the reply check sees the turn as a crisis.
        minimising = "minimising_crisis" in check_reply(_chat(message.text), "Calm down.").harmful
        assert escalates == minimising, message.text


@pytest.mark.parametrize(
    ("options", "field"),
    [({"resources": "call 911"}, "resources"), ({"resources": {"en": "call"}}, "resources"),
     ({"locale": 5}, "locale")],
)  # fmt: skip
def test_bad_resources_or_locale_get_a_coded_error(options: dict[str, object], field: str) -> None:
    from affectkit.errors import AffectkitError

    with pytest.raises(AffectkitError) as error:
        plan(_chat("I want to die"), **options)  # type: ignore[arg-type]
    assert (error.value.code, error.value.field) == ("AK-E005", field)
