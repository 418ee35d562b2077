"""The EDOS reader, its stable split and the documented label mappings (schemes/edos-41.json)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from affectkit.datasets import EdosDialogue, edos_bucket, edos_label, edos_mapping, edos_text, load_edos
from affectkit.errors import AffectkitError
from affectkit.planning.labels import STRATEGIES
from affectkit.schemes import SCHEMES_DIR, load_scheme

SCHEME = json.loads((SCHEMES_DIR / "edos-41.json").read_text(encoding="utf-8"))


@pytest.mark.parametrize("target", ["ekman-7", "goemotions-28", "esconv-8"])
def test_every_edos_label_is_mapped_once_or_listed_as_unmapped(target: str) -> None:
    mapped = [m for members in SCHEME["mappings"][target].values() for m in members]
    assert len(mapped) == len(set(mapped)), "a label mapped twice"
    assert set(mapped) <= set(SCHEME["labels"])
    targets = set(STRATEGIES) if target == "esconv-8" else set(load_scheme(target).labels)
    assert set(SCHEME["mappings"][target]) <= targets
    if target == "esconv-8":  # the strategies without a permissive source are named
        assert set(SCHEME["unmapped"][target]) == targets - set(SCHEME["mappings"][target])
        assert "Self-disclosure" in SCHEME["unmapped"][target]
    else:
        assert set(SCHEME["unmapped"][target]) == set(SCHEME["labels"]) - set(mapped)


def test_the_32_emotions_and_8_intents() -> None:
    assert len(SCHEME["labels"]) == 41 and load_scheme("edos-41").name == "edos-41"
    ekman = edos_mapping("ekman-7")
    assert ekman["Furious"] == "anger" and ekman["Devastated"] == "sadness" and ekman["Questioning"] == "neutral"
    assert "Nostalgic" not in ekman and "Consoling" not in ekman
    assert edos_mapping("esconv-8")["Consoling"] == "Affirmation and Reassurance"


def test_label_agreement_is_counted_after_mapping() -> None:
    ekman = edos_mapping("ekman-7")
    assert edos_label(EdosDialogue("1", ["x"], None, ("Anxious", "Terrified", "Afraid")), ekman) == "fear"
    assert edos_label(EdosDialogue("2", ["x"], None, ("Angry", "Sad", "Nostalgic")), ekman) is None
    assert edos_label(EdosDialogue("3", ["x"], "Nostalgic", ("Nostalgic", "Nostalgic", "Sad")), ekman) is None


def test_edos_text_undoes_the_tokenisation() -> None:
    assert edos_text("I 've been expecting you .") == "I've been expecting you."
    assert edos_text("Don 't ! Please , don 't .") == "Don't! Please, don't."


def test_bucket_is_stable() -> None:
    assert edos_bucket("27606") == edos_bucket("27606")
    assert {edos_bucket(str(i)) for i in range(400)} == set(range(20))


def test_split_of_the_real_file(data_dir: Path) -> None:
    folder = data_dir / "edos"
    if not folder.is_dir():
        pytest.skip("no EDOS")
    splits = {s: load_edos(folder, s) for s in ("train", "dev", "test")}
    ids = {s: {d.id.split(":")[0] for d in ds} for s, ds in splits.items()}
    assert not ids["train"] & ids["test"] and not ids["dev"] & ids["test"] and not ids["train"] & ids["dev"]
    total = sum(len(ds) for ds in splits.values())
    assert total == len(load_edos(folder, "all")) == 10245
    assert 0.13 < len(splits["test"]) / total < 0.17 and 0.08 < len(splits["dev"]) / total < 0.12
    assert all(d.turns and all(" 's" not in t for t in d.turns) for d in splits["dev"])
    with pytest.raises(AffectkitError):
        load_edos(folder, "validation")
