"""The crisis verifier: the second reading of a flagged message, on messages written for these tests."""

from __future__ import annotations

import pytest

from affectkit.risk import RiskDetector, default_detector
from affectkit.risk.verifier import CrisisVerifier

DISCLOSURES = [
    "I want to kill myself tonight",
    "i cant do this anymore, i'm going to end it",
    "quiero morirme, ya no aguanto más",
    "ich will nicht mehr leben",
    "je veux me tuer",
]
LOOK_ALIKES = [
    "I tried to kill myself two years ago, but therapy helped and I'm doing really well now",
    "I would never kill myself, I have too much to live for",
]

# Ordinary distress with its reassurance, which the first reader alone flags and the verifier clears. (crisis-use@8's
# first reader reads past crises right: "Years ago I wanted to die every day. Today I'm grateful I didn't.", which
# @7's first reader flagged, served here before.)
FIRST_READER_FALSE_ALARM = ("I feel like a burden sometimes, but my family keeps telling me they love me and I "
                            "believe them.")


@pytest.fixture(scope="module")
def detector() -> RiskDetector:
    return default_detector()


@pytest.fixture(scope="module")
def verifier(detector: RiskDetector) -> CrisisVerifier:
    assert detector.verifier_ is not None
    return detector.verifier_


def test_disclosures_read_high_and_look_alikes_low(detector: RiskDetector, verifier: CrisisVerifier) -> None:
    for text, logit in zip(DISCLOSURES, verifier.logits(DISCLOSURES), strict=True):
        assert logit is not None and verifier.probability(logit) >= 0.5, (text, logit)
    past, denial = LOOK_ALIKES
    logit = verifier.logits([past])[0]
    assert logit is not None and verifier.probability(logit) < 0.5
    # the verifier alone reads some bare denials high (see the model card); the rules' denial keeps them unflagged
    reading = detector.read_one(denial)
    assert reading.denied and not reading.crisis


def test_the_verifier_clears_a_look_alike_the_first_reader_flags(detector: RiskDetector) -> None:
    text = FIRST_READER_FALSE_ALARM
    assert RiskDetector(verify=False).read_one(text).crisis
    reading = detector.read_one(text)
    assert not reading.crisis and not reading.findings and reading.verifier_score is not None
    # the first reader's own score stays readable beside the combined one
    assert reading.first_score == RiskDetector(verify=False).read_one(text).crisis_score != reading.crisis_score
    reading = detector.read_one(DISCLOSURES[0])
    assert reading.crisis and reading.verifier_score is not None and reading.verifier_score >= 0.5


def test_the_verifier_cannot_clear_a_rule_flag(monkeypatch: pytest.MonkeyPatch) -> None:
    # a verifier that reads the message as far from any crisis as it can: the rule's flag stands all the same
    detector = RiskDetector(cache_size=0)
    verifier = detector.verifier_
    assert verifier is not None
    text = "je vais me tuer ce soir"
    assert detector.rule_hits(text)
    monkeypatch.setattr(verifier, "logits", lambda texts: [-30.0 for _ in texts])
    reading = detector.read_one(text)
    assert reading.verifier_score is not None and reading.verifier_score < 0.01
    assert reading.crisis and "rules" in reading.findings[0].source


def test_the_verifier_does_not_read_what_it_cannot_judge(detector: RiskDetector, verifier: CrisisVerifier) -> None:
    long_post = "I had a long day at work and the bus was late again. " * 30 + "I want to kill myself."
    assert verifier.logits([long_post]) == [None]
    assert detector.read_one(long_post).verifier_score is None  # the first reader decides alone
    swahili = detector.read_one("nataka kufa, sitaki kuishi tena")  # a language it was not trained on
    assert not verifier.reads("sw") and swahili.verifier_score is None


def test_a_message_far_from_a_crisis_is_not_verified(detector: RiskDetector) -> None:
    reading = detector.read_one("Thanks, see you tomorrow at the gym!")
    assert reading.verifier_score is None and not reading.crisis and reading.first_score == reading.crisis_score


def test_combined_scores_are_probabilities_that_grow_with_each_reading(verifier: CrisisVerifier) -> None:
    low, high = verifier.combine(0.2, -3.0), verifier.combine(0.2, 3.0)
    assert 0.0 < low < high < 1.0
    assert verifier.combine(0.1, 0.0) < verifier.combine(0.9, 0.0)


def test_the_environment_can_leave_the_verifier_out() -> None:
    import os
    import subprocess
    import sys

    script = ("import affectkit.risk as r; d = r.default_detector(); "
              f"print(d.verifier_ is None, d.read_one({FIRST_READER_FALSE_ALARM!r}).crisis)")
    for value, expected in (("off", "True True"), ("on", "False False")):
        env = {**os.environ, "AFFECTKIT_RISK_VERIFIER": value}
        out = subprocess.run([sys.executable, "-c", script], env=env, capture_output=True, text=True, check=True)
        assert out.stdout.split() == expected.split(), (value, out.stdout, out.stderr[-500:])
    env = {**os.environ, "AFFECTKIT_RISK_VERIFIER": "maybe"}  # a typo must not silently pick a mode
    out = subprocess.run([sys.executable, "-c", script], env=env, capture_output=True, text=True)
    assert out.returncode != 0 and "AK-E005" in out.stderr and "AFFECTKIT_RISK_VERIFIER" in out.stderr
