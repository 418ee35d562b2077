"""The English model's text domains: ``stories`` reads the Ekman view with thresholds tuned on first-person
narratives, and changes nothing else."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

import affectkit
from affectkit.errors import AffectkitError

TEXTS = ["I was shaking as I walked into the dark house.", "Thanks so much for the flowers!",
         "The meeting is at noon.", "He slammed the door and I cried for an hour."]


def test_the_stories_domain_changes_the_ekman_view_and_nothing_else() -> None:
    comments = affectkit.analyze(TEXTS)
    stories = affectkit.analyze(TEXTS, domain="stories")
    for plain, story in zip(comments, stories, strict=True):
        assert (plain.emotions, plain.labels, plain.sentiment, plain.vad) == (
            story.emotions, story.labels, story.sentiment, story.vad)
        assert plain.model == story.model
    assert [a.ekman for a in comments] != [a.ekman for a in stories]
    assert affectkit.analyze(TEXTS, domain="comments") == comments  # the default, said out loud


def test_the_stories_domain_finds_brighter_emotions_the_comments_reading_misses(data_dir: Path) -> None:
    from affectkit.datasets import load_brighter
    from affectkit.metrics import macro_f1

    # BRIGHTER dev: 115 of the 2,879 texts the stories thresholds were fitted on, none of the texts that chose the
    # setting; the gap asked for is far more than that could give
    dev = load_brighter(data_dir / "semeval2025_task11_brighter", "a", "dev", "eng")
    gold = dev.values > 0
    scores = {}
    for domain in ("comments", "stories"):
        analyses = affectkit.analyze(dev.texts, language="en", domain=domain)
        predicted = np.array([[e in a.ekman_labels for e in dev.emotions] for a in analyses])
        scores[domain] = macro_f1(gold, predicted)
    assert scores["stories"] > scores["comments"] + 0.05, scores


def test_an_unknown_domain_or_a_model_without_domains_is_a_coded_error() -> None:
    with pytest.raises(AffectkitError) as error:
        affectkit.analyze(["hello"], domain="news")
    assert error.value.code == "AK-E041"
    with pytest.raises(AffectkitError) as error:
        affectkit.analyze(["Hallo"], model="brighter-e5", domain="stories")
    assert error.value.code == "AK-E041"
    named = affectkit.analyze(TEXTS[:1], model="goemotions-minilm", domain="stories")
    assert named[0].ekman == affectkit.analyze(TEXTS[:1], domain="stories")[0].ekman


def test_a_model_trained_without_a_domain_refuses_it_instead_of_reading_it_as_the_default() -> None:
    from affectkit.recognizers.encoder import EncoderRecognizer

    shipped = EncoderRecognizer()
    config = json.loads(json.dumps(shipped.config))
    del config["heads"]["ekman"]["domains"]  # as a model folder made before the stories head, or without its step
    older = EncoderRecognizer(shipped.path, config=config)
    assert older.domains == ("comments",) and shipped.domains == ("comments", "stories")
    assert older.analyze(TEXTS[:1]) == shipped.analyze(TEXTS[:1])
    for attempt in (lambda: older.analyze(TEXTS[:1], domain="stories"),
                    lambda: EncoderRecognizer(shipped.path, config=config, domain="stories")):
        with pytest.raises(AffectkitError) as error:
            attempt()
        assert error.value.code == "AK-E041" and "stories" in error.value.message


def test_the_command_line_takes_a_domain() -> None:
    def run(*options: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run([sys.executable, "-m", "affectkit.cli", "analyze", "-f", "jsonl", *options, TEXTS[0]],
                              capture_output=True, text=True, timeout=120)

    stories = run("--domain", "stories")
    assert stories.returncode == 0, stories.stderr
    assert json.loads(stories.stdout)["ekman"] == affectkit.analyze(TEXTS[:1], domain="stories")[0].ekman
    wrong = run("--domain", "news")
    assert wrong.returncode == 2 and "--domain" in wrong.stderr
    table = run("--domain", "stories", "-f", "table")  # the last -f counts
    header, _, row = table.stdout.splitlines()
    start = header.index("ekman")
    assert row[start:].split()[0] == affectkit.analyze(TEXTS[:1], domain="stories")[0].ekman_labels[0]


def test_the_conversation_heads_read_the_ekman_head_they_were_trained_on() -> None:
    from affectkit.recognizers.encoder import EncoderRecognizer
    from affectkit.recognizers.utterance import EMBEDDING_DIM, utterance_features

    raw = EncoderRecognizer().predict_raw(TEXTS)
    ekman = utterance_features(raw)[:, EMBEDDING_DIM + 28: EMBEDDING_DIM + 35]
    assert np.array_equal(ekman, raw["ekman"])
    assert not np.allclose(raw["ekman_stories"], raw["ekman"])
