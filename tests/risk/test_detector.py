"""The risk detector on messages written for these tests (never taken from the crisis data sets).

Flags are a signal for a person to review, not a diagnosis; these tests pin the behaviour that plans, reply
checks and conversation analyses rely on.
"""

from __future__ import annotations

import numpy as np
import pytest

from affectkit.risk import UNCOVERED_WARNING, RiskDetector, default_detector, resources_for, turn_flags
from affectkit.risk.language import risk_language

# The messages from the issue that the old rules missed, and crisis messages in every trained language.
CRISIS = [
    "There's no reason for me to be alive.",
    "I just want to go to sleep and never wake up.",
    "I have a bottle of pills and I'm thinking of taking them all.",
    "I'm standing on the bridge right now.",
    "Estoy parado en la azotea y pienso saltar.",
    "ich halte das nicht mehr aus, morgen mache ich schluss mit allem",
    "je veux juste disparaître pour toujours, j'ai plus la force",
    "não aguento mais viver assim, quero morrer",
    "voglio farla finita, ho già scritto le lettere",
    "я больше не хочу жить, всё решено",
    "我真的不想活了，药都准备好了",
    "my husband hit me again and took my phone so i cant call anyone",
    "i've been cutting again, my arms are a mess",
    "my little brother told me he wants to kill himself",
]
HARMLESS = [
    "kill the python process and restart the server",
    "this exam is killing me lol",
    "I would never hurt myself, I love my life too much",
    "We watched a documentary about suicide prevention in schools.",
    "my phone died on the train",
    "Thanks, see you tomorrow at the gym!",
]


@pytest.fixture(scope="module")
def detector() -> RiskDetector:
    return default_detector()


@pytest.mark.parametrize("text", CRISIS)
def test_crisis_messages_are_flagged(detector: RiskDetector, text: str) -> None:
    reading = detector.read_one(text)
    assert reading.crisis, (text, reading.scores)
    for finding in reading.findings:
        assert text[finding.start : finding.end] == finding.evidence and finding.evidence.strip()
        assert 0.0 <= finding.score <= 1.0 and finding.severity in ("medium", "high")


@pytest.mark.parametrize("text", HARMLESS)
def test_harmless_messages_are_not_flagged(detector: RiskDetector, text: str) -> None:
    reading = detector.read_one(text)
    assert not reading.crisis, (text, reading.scores, reading.findings)


def test_kinds_are_told_apart(detector: RiskDetector) -> None:
    kind = {text: detector.read_one(text).findings[0].kind for text in CRISIS}
    assert kind["my husband hit me again and took my phone so i cant call anyone"] == "abuse"
    assert kind["i've been cutting again, my arms are a mess"] == "self_harm"
    assert kind["my little brother told me he wants to kill himself"] == "third_party_risk"
    assert kind["There's no reason for me to be alive."] == "suicidal_ideation"


def test_evidence_is_the_sentence_that_carries_the_crisis(detector: RiskDetector) -> None:
    text = "Work was long and the bus was late again. I don't want to be alive anymore. Anyway, how was your day?"
    finding = detector.read_one(text).findings[0]
    sentence = text.index("I don't"), text.index("Anyway")
    assert sentence[0] <= finding.start < finding.end <= sentence[1] and "alive" in finding.evidence
    assert text[finding.start : finding.end] == finding.evidence


LONG_POST = [
    "Finally got the new job at the bakery and the owner is lovely.",
    "The hours are good and I get Sundays off.",
    "We celebrated with pizza on Friday and my brother came over with his new puppy.",
    "Next month we're planning a trip to the coast with my cousins.",
    "Some nights I lie awake and hope I just don't wake up.",
    "I'm trying to learn some Portuguese before the trip.",
    "Duolingo feels a bit slow, any app recommendations?",
    "Also my landlord finally fixed the boiler after three weeks.",
]


def test_a_long_post_reads_as_its_strongest_window_of_two_sentences() -> None:
    detector = RiskDetector(verify=False)  # the first reader's scores, not combined with the verifier's
    text = " ".join(LONG_POST)
    windows = [" ".join(LONG_POST[i : i + 2]) for i in range(len(LONG_POST) - 1)]
    scores = detector.classifier_.predict_proba([text, *windows])
    strongest = scores[int(np.argmax(scores[:, -1]))]
    reading = detector.read_one(text)
    assert reading.crisis_score == pytest.approx(float(strongest[-1]), abs=1e-4)
    assert reading.crisis and reading.findings[0].kind == "suicidal_ideation"
    assert reading.findings[0].evidence == LONG_POST[4]  # the evidence is still one sentence
    short = " ".join(LONG_POST[3:5])  # two sentences: read whole, as before
    assert detector.read_one(short).crisis_score == pytest.approx(
        float(detector.classifier_.predict_proba([short])[0, -1]), abs=1e-4
    )


def test_rules_count_only_when_not_negated_or_joking(detector: RiskDetector) -> None:
    assert "rules" in detector.read_one("He hits me when he drinks.").findings[0].source
    assert detector._rule_hits("I would never kill myself", "en") == {}
    assert detector._rule_hits("i want to die lol", "en") == {}
    assert set(detector._rule_hits("Mi pareja me pega todos los días", "es")) == {"abuse"}


# Passive ideation, hopelessness about one's own life, written for this test in each language with rules
PASSIVE_IDEATION = {
    "en": "honestly what is the point of living anymore",
    "es": "¿para qué sigo aquí? ya no le veo sentido a vivir",
    "de": "wozu lebe ich eigentlich noch",
    "fr": "franchement à quoi bon vivre",
    "it": "che senso ha vivere così, non lo so più",
    "pt": "qual o sentido de continuar vivendo desse jeito",
    "ru": "мне просто надоело жить",
}
LOOK_ALIKES = {  # the same words about a task, a place or a film, or negated
    "en": ["what's the point of living in London if you never go out?", "this meeting is pointless",
           "I'm so tired of existing in open plan offices", "my life is not pointless, it just feels slow"],
    "es": ["estoy harta de vivir en este barrio tan ruidoso", "¿para qué sirve este botón?"],
    "de": ["wozu lebe ich in einer WG, wenn ich nie zu Hause bin", "warum lebe ich noch bei meinen Eltern?",
           "das Meeting war sinnlos"],
    "fr": ["à quoi bon ce formulaire si personne ne le lit"],
    "it": ["che senso ha vivere a Milano se lavori da casa?"],
    "pt": ["cansada de viver no aluguel, quero comprar um apartamento"],
    "ru": ["жить не хочется в этом городе, переезжаем весной"],
}


@pytest.mark.parametrize("language", sorted(PASSIVE_IDEATION))
def test_passive_ideation_rules_in_each_language(detector: RiskDetector, language: str) -> None:
    text = PASSIVE_IDEATION[language]
    assert set(detector._rule_hits(text, language)) == {"suicidal_ideation"}, text
    for look_alike in LOOK_ALIKES[language]:
        assert detector._rule_hits(look_alike, language) == {}, look_alike


def test_passive_ideation_never_speaks_against_a_flag(detector: RiskDetector) -> None:
    # a negated or laughing "I would never kill myself" denies a classifier flag under the high threshold; a passive
    # phrase beside a laugh does not ("tired of existing lol, not a joke this time" stays the classifier's call)
    assert detector._mentions_crisis("I would never kill myself", "en")
    assert detector._rule_hits("so tired of existing lol, not a joke this time", "en") == {}
    assert not detector._mentions_crisis("so tired of existing lol, not a joke this time", "en")


def test_languages_and_the_uncovered_language_warning(detector: RiskDetector) -> None:
    assert detector.read_one("Estoy parado en la azotea y pienso saltar.").language == "es"
    covered = detector.read_one("我真的不想活了")
    assert covered.language == "zh" and covered.warnings == ()
    swahili = detector.read_one("nataka kufa, sitaki kuishi tena")
    assert swahili.language == "sw" and not swahili.covered and swahili.warnings == (UNCOVERED_WARNING,)
    assert detector.read_one("").warnings == () and not detector.read_one("").crisis
    assert risk_language("🙂🙂", ("en",)) == ("und", True)


def test_a_reading_does_not_depend_on_the_batch() -> None:
    texts = ["I just want to go to sleep and never wake up.", "hi", "Estoy parado en la azotea y pienso saltar."]
    alone = [RiskDetector(cache_size=0).read_one(t).scores for t in texts]
    together = [r.scores for r in RiskDetector(cache_size=0).read(texts)]
    for a, b in zip(alone, together, strict=True):
        assert a.keys() == b.keys() and np.allclose(list(a.values()), list(b.values()), atol=1e-3)


def test_readings_are_cached_per_text() -> None:
    detector = RiskDetector(cache_size=2)
    first = detector.read_one("I just want to go to sleep and never wake up.")
    assert detector.read_one("I just want to go to sleep and never wake up.") is first
    detector.read(["a", "b", "c"])
    assert len(detector._cache) == 2
    assert detector.read(["x", "x"])[0] is detector.read(["x"])[0]


def test_turn_flags_carry_score_language_and_source() -> None:
    (flag, *_) = turn_flags(4, "Sam", "Honestly I just want to end it all tonight.")
    assert (flag.turn, flag.speaker, flag.kind, flag.turns, flag.language) == (4, "Sam", "suicidal_ideation", [4], "en")
    assert flag.score is not None and flag.source in ("classifier", "rules", "classifier+rules")


def test_resources_by_locale_and_language() -> None:
    assert any("988" in line for line in resources_for("en-US"))
    assert any("024" in line for line in resources_for("es-ES"))
    assert any("3114" in line for line in resources_for("fr"))
    assert resources_for("pt_BR") == resources_for("pt")
    assert resources_for("xx") == resources_for(None) and resources_for(None)
    assert resources_for("de", {"de": ["Ruf uns an"], "default": ["x"]}) == ["Ruf uns an"]


def test_bad_input_gets_a_coded_error(detector: RiskDetector) -> None:
    from affectkit.errors import AffectkitError

    for bad in ("one string, not a list", ["fine", None]):
        with pytest.raises(AffectkitError) as error:
            detector.read(bad)  # type: ignore[arg-type]
        assert error.value.code == "AK-E005"
    reading = detector.read_one("I want to die \ud800")  # a lone surrogate is replaced, not fatal
    assert reading.crisis and "\ud800" not in reading.text


TOLD_AS_PAST = {  # a passive phrase of PASSIVE_IDEATION in a message set in the past
    "en": "three years ago I kept asking what is the point of living anymore; now I love my job",
    "es": "hace dos años me preguntaba para qué sigo aquí; hoy estoy bien",
    "de": "damals dachte ich oft: wozu lebe ich eigentlich noch",
    "fr": "il y a trois ans je me demandais à quoi bon vivre",
    "it": "due anni fa mi chiedevo che senso ha vivere così",
    "pt": "há dois anos eu pensava qual o sentido de continuar vivendo",
    "ru": "два года назад мне просто надоело жить, сейчас всё иначе",
}


PASSIVE_ONLY = {**PASSIVE_IDEATION, "es": "¿para qué sigo aquí, de verdad?"}  # no other crisis rule fires


@pytest.mark.parametrize("language", sorted(PASSIVE_IDEATION))
def test_a_passive_phrase_has_its_own_floor_unless_told_as_past(detector: RiskDetector, language: str) -> None:
    assert detector._rule_hits(PASSIVE_ONLY[language], language)["suicidal_ideation"].passive
    past = detector._rule_hits(TOLD_AS_PAST[language], language)
    assert set(past) == {"suicidal_ideation"} and not past["suicidal_ideation"].passive, TOLD_AS_PAST[language]


def test_the_passive_floor_flags_plain_hopelessness_only(detector: RiskDetector) -> None:
    # the first reader scores "Life is pointless." under the rule floor; a passive phrase weighs against its own floor
    config = detector.classifier_.config
    assert config["passive_rule_floor"] < detector.read_one("Life is pointless.").first_score < config["rule_floor"]
    reading = detector.read_one("Life is pointless.")
    assert reading.crisis and reading.findings[0].source == "rules"
    # another crisis rule fired too: the usual floor, as before
    assert not detector._rule_hits("I want to die, what is the point of living", "en")["suicidal_ideation"].passive
    # told as past, or about a place: no flag
    assert not detector.read_one("two years ago I was so tired of existing, now I'm doing great").crisis
    assert not detector.read_one("I'm so tired of living in this city").crisis
