"""Crisis-language and persistent-distress flags, on examples written for these tests.

The flags are tuned for recall and are a signal for a person to review, never a diagnosis.
"""

from __future__ import annotations

import pytest

from affectkit.conversation.risk import (
    PERSISTENT_HIGH_TURNS,
    PERSISTENT_TURNS,
    PersistentNegativeMonitor,
    detect_crisis_language,
    language_flags,
    strongly_negative,
)
from affectkit.types import RISK_NOTICE

# (text, kind, concern, severity, evidence)
# fmt: off
POSITIVES = [
    ("I want to kill myself.", "suicidal_ideation", "suicidal_ideation", "high", "kill myself"),
    ("i wanna die", "suicidal_ideation", "suicidal_ideation", "high", "wanna die"),
    ("I've been thinking about ending my life", "suicidal_ideation", "suicidal_ideation", "high", "ending my life"),
    ("I just want to end it all", "suicidal_ideation", "suicidal_ideation", "high", "end it all"),
    ("Sometimes I wish I was dead", "suicidal_ideation", "suicidal_ideation", "high", "wish I was dead"),
    ("Everyone would be better off without me", "suicidal_ideation", "suicidal_ideation", "high",
     "better off without me"),
    ("I don’t want to live anymore", "suicidal_ideation", "suicidal_ideation", "high", "don’t want to live"),
    ("There's no reason to live", "suicidal_ideation", "suicidal_ideation", "high", "no reason to live"),
    ("I'm going to jump off the bridge tonight", "suicidal_ideation", "suicidal_ideation", "high",
     "jump off the bridge"),
    ("I feel suicidal", "suicidal_ideation", "suicidal_ideation", "high", "feel suicidal"),
    ("kms", "suicidal_ideation", "suicidal_ideation", "high", "kms"),
    ("I've been cutting myself again", "self_harm", "self_harm", "high", "cutting myself"),
    ("I cut my wrists last night", "self_harm", "self_harm", "high", "cut my wrists"),
    ("I took all my pills", "self_harm", "self_harm", "high", "took all my pills"),
    ("I'm so hopeless", "hopelessness", "hopelessness", "medium", "hopeless"),
    ("What's the point of anything anymore", "hopelessness", "hopelessness", "medium",
     "What's the point of anything"),
    ("I'm such a burden to everyone", "hopelessness", "hopelessness", "medium", "I'm such a burden"),
    ("I can't take it anymore", "hopelessness", "hopelessness", "medium", "can't take it anymore"),
    ("Nothing will ever get better", "hopelessness", "hopelessness", "medium", "Nothing will ever get better"),
    ("They say I'm a burden", "hopelessness", "hopelessness", "medium", "I'm a burden"),
    ("I want to kill him", "harm_to_others", "harm_to_others", "high", "want to kill him"),
    ("I'll bring a gun to school", "harm_to_others", "harm_to_others", "high", "bring a gun to school"),
    ("He hits me when he drinks.", "abuse", "abuse", "high", "hits me"),
    ("My boyfriend threatened to kill me", "abuse", "abuse", "high", "threatened to kill me"),
    ("I'm being abused at home", "abuse", "abuse", "high", "I'm being abused"),
    ("I'm scared to go home", "abuse", "abuse", "medium", "scared to go home"),
    ("He won't let me leave the house", "abuse", "abuse", "medium", "won't let me leave"),
    ("He said he's going to kill me", "abuse", "abuse", "medium", "going to kill me"),
    # Spanish and German
    ("Quiero morir", "suicidal_ideation", "suicidal_ideation", "high", "Quiero morir"),
    ("No quiero vivir más", "suicidal_ideation", "suicidal_ideation", "high", "No quiero vivir"),
    ("Mi pareja me pega", "abuse", "abuse", "high", "me pega"),
    ("Ich will nicht mehr leben", "suicidal_ideation", "suicidal_ideation", "high", "Ich will nicht mehr leben"),
    ("Er schlägt mich", "abuse", "abuse", "high", "schlägt mich"),
    # a negation earlier in the sentence, or a word of thinking between, is not a negation of the phrase
    ("I'm not okay, I want to die", "suicidal_ideation", "suicidal_ideation", "high", "want to die"),
    ("I never thought I'd want to die", "suicidal_ideation", "suicidal_ideation", "high", "want to die"),
    ("I can't stop thinking about killing myself", "suicidal_ideation", "suicidal_ideation", "high",
     "killing myself"),
]
NEGATED = [
    ("I would never kill myself", "suicidal_ideation", "kill myself"),
    ("I'm not suicidal, just tired", "suicidal_ideation", "suicidal"),
    ("I don't want to die", "suicidal_ideation", "want to die"),
    ("I'm not going to hurt myself", "self_harm", "hurt myself"),
    ("He never hits me", "abuse", "hits me"),
]
THIRD_PARTY = [
    ("My friend said she wants to die", "suicidal_ideation", "medium", "she wants to die"),
    ("My sister has been cutting herself", "self_harm", "medium", "cutting herself"),
    ("I think my brother wants to kill himself", "suicidal_ideation", "medium", "kill himself"),
    ("My friend is suicidal", "suicidal_ideation", "medium", "My friend is suicidal"),
    ("My dad beats my mom", "harm_to_others", "medium", "My dad beats my mom"),
    ('My friend texted me "I want to die"', "suicidal_ideation", "medium", "want to die"),
    ("She told me she feels hopeless", "hopelessness", "low", "she feels hopeless"),
]
# fmt: on
NOT_FLAGGED = [
    "This joke killed me",
    "I'm dying of laughter",
    "I want to die of embarrassment lol",
    "This cake is to die for",
    "My mom is going to kill me when she sees my grades",
    "This workout is going to kill me",
    "It just hit me that I forgot her birthday",
    "Beats me why they did that",
    "He beat me at chess",
    "We watched Suicide Squad",
    "Let me shoot you an email",
    "Kill them with kindness",
    "Hit me up later",
    "my phone died",
    "I'm dying to see that movie",
    'The song "I want to die" is so sad',
    "My coach pushed me to do better",
    "It hurts me to say this",
    "Honestly, what's the point of this meeting",
    "I am killing it at work",
    "I could kill for a pizza",
    "Thanks so much, you saved my day!",
    "I got beaten at chess again",
]


@pytest.mark.parametrize(("text", "kind", "concern", "severity", "evidence"), POSITIVES)
def test_positive(text: str, kind: str, concern: str, severity: str, evidence: str) -> None:
    matches = detect_crisis_language(text)
    assert [(m.kind, m.concern, m.severity, m.evidence) for m in matches] == [(kind, concern, severity, evidence)]
    assert text[matches[0].start : matches[0].end] == evidence


@pytest.mark.parametrize(("text", "concern", "evidence"), NEGATED)
def test_negated_mentions_are_kept_at_low_severity(text: str, concern: str, evidence: str) -> None:
    matches = detect_crisis_language(text)
    assert [(m.kind, m.severity, m.evidence) for m in matches] == [(concern, "low", evidence)]
    assert "negated" in matches[0].message


@pytest.mark.parametrize(("text", "concern", "severity", "evidence"), THIRD_PARTY)
def test_third_party(text: str, concern: str, severity: str, evidence: str) -> None:
    matches = detect_crisis_language(text)
    assert [(m.kind, m.concern, m.severity, m.evidence) for m in matches] == [
        ("third_party_risk", concern, severity, evidence)
    ]
    assert matches[0].message.startswith("concern for someone else")


@pytest.mark.parametrize("text", NOT_FLAGGED)
def test_idioms_quotes_and_ordinary_text_are_not_flagged(text: str) -> None:
    assert detect_crisis_language(text) == []


def test_at_least_thirty_examples() -> None:
    assert len(POSITIVES) + len(NEGATED) + len(THIRD_PARTY) + len(NOT_FLAGGED) >= 30


def test_joking_marker_and_past_lower_one_level() -> None:
    assert [(m.kind, m.severity) for m in detect_crisis_language("i want to die lol")] == [
        ("suicidal_ideation", "medium")
    ]
    assert [(m.kind, m.severity) for m in detect_crisis_language("I'm going to kill myself 😂")] == [
        ("suicidal_ideation", "medium")
    ]
    assert [(m.kind, m.severity) for m in detect_crisis_language("I used to want to die but therapy helped")] == [
        ("suicidal_ideation", "medium")
    ]


def test_several_kinds_in_one_text_most_severe_per_kind() -> None:
    text = "I want to die, I've been cutting myself, and honestly I feel hopeless and hopeless."
    matches = detect_crisis_language(text)
    assert [(m.kind, m.severity) for m in matches] == [
        ("suicidal_ideation", "high"),
        ("self_harm", "high"),
        ("hopelessness", "medium"),
    ]
    for match in matches:
        assert text[match.start : match.end] == match.evidence


def test_language_flags_fields() -> None:
    (flag,) = language_flags(4, "Sam", "Honestly I just want to end it all.")
    assert (flag.turn, flag.speaker, flag.kind, flag.concern, flag.severity, flag.turns) == (
        4,
        "Sam",
        "suicidal_ideation",
        "suicidal_ideation",
        "high",
        [4],
    )
    assert flag.evidence == "end it all" and flag.start is not None and flag.end is not None
    assert "Honestly I just want to end it all."[flag.start : flag.end] == flag.evidence


def test_notice_says_not_a_diagnosis() -> None:
    assert "not a diagnosis" in RISK_NOTICE and "human" in RISK_NOTICE


def test_strongly_negative() -> None:
    assert strongly_negative(-0.3, "neutral", {"neutral": 0.9})
    assert not strongly_negative(-0.29, "neutral", {"neutral": 0.9})
    assert strongly_negative(0.2, "fear", {"fear": 0.5})
    assert not strongly_negative(0.2, "fear", {"fear": 0.49})
    assert not strongly_negative(0.2, "anger", {"anger": 0.99})


def test_persistent_negative_runs() -> None:
    monitor = PersistentNegativeMonitor()
    sad = {"sadness": 0.8}
    raised = []
    # Sam's turns 0, 2, 4, ... are all strongly negative; Alex's cheerful turns in between do not break the run.
    for turn in range(2 * PERSISTENT_HIGH_TURNS):
        if turn % 2:
            flag = monitor.update("Alex", turn, 0.6, "joy", {"joy": 0.9})
        else:
            flag = monitor.update("Sam", turn, -0.5, "sadness", sad)
        if flag is not None:
            raised.append(flag)
    assert [(f.speaker, f.severity, f.turn, len(f.turns)) for f in raised] == [
        ("Sam", "medium", 2 * (PERSISTENT_TURNS - 1), PERSISTENT_TURNS),
        ("Sam", "high", 2 * (PERSISTENT_HIGH_TURNS - 1), PERSISTENT_HIGH_TURNS),
    ]
    assert raised[0].kind == "persistent_negative" and raised[0].turns == [0, 2, 4]
    assert "-0.50" in raised[0].evidence and raised[0].start is None


def test_persistent_negative_resets_on_a_better_turn() -> None:
    monitor = PersistentNegativeMonitor()
    valences = [-0.5, -0.5, 0.1, -0.5, -0.5, -0.5]
    flags = [monitor.update("Sam", t, v, "neutral", {"neutral": 0.6}) for t, v in enumerate(valences)]
    assert [t for t, f in enumerate(flags) if f is not None] == [5]
