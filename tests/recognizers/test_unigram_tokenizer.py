"""affectkit's reader of the e5 Unigram tokenizer files gives the ids ``tokenizers`` gives, token for token."""

from __future__ import annotations

import gzip
import json
import random
from pathlib import Path
from typing import Any

import pytest

from affectkit.errors import AffectkitError
from affectkit.recognizers.e5_text import PREFIX, UnigramTokenizer, load_normalisation, normalise
from affectkit.risk.classifier import MODEL_DIR

VERIFIER_TOKENIZER = MODEL_DIR / "verifier-tokenizer.json.gz"
MULTILINGUAL = MODEL_DIR.parent / "brighter-e5"
ROOT = Path(__file__).resolve().parents[2]

# written for this test: chat, several scripts, repeated letters (where equally probable segmentations tie), unknown
# characters, spaces at the edges, the metaspace character itself
TEXTS = [
    "hello", "I just want to sleep and never wake up", "damnnnn that was close", "Драаааааааайв!!!!!!:))))))",
    "哈哈哈哈哈 笑死我了", "😭😭😭", "  spaces  around  ", "a\u2581b", "tab\tand\nnewline", "", " ",
    "no quiero seguir así", "ich kann nicht mehr", "ça va pas du tout", "non ce la faccio più", "não aguento mais",
    "я больше не могу", "무슨 일이야?", "مرحبا كيف حالك", "नमस्ते", "ok ok ok ok ok", "x" * 300,
    "hello <s> world", "a</s>b", "<pad> <unk> <mask>",
]


def load_tokenizer(path: Path) -> Any:
    """The reference: the ``tokenizers`` library reading the same gzip-compressed file."""
    from tokenizers import Tokenizer

    return Tokenizer.from_str(gzip.decompress(path.read_bytes()).decode("utf-8"))


@pytest.fixture(scope="module")
def readers() -> tuple[UnigramTokenizer, object, dict[int, str]]:
    reference = load_tokenizer(VERIFIER_TOKENIZER)
    reference.no_truncation()
    reference.no_padding()
    return UnigramTokenizer(VERIFIER_TOKENIZER), reference, load_normalisation(MODEL_DIR / "normalisation.json")


def test_the_same_ids_as_tokenizers(readers: tuple[UnigramTokenizer, object, dict[int, str]]) -> None:
    ours, reference, table = readers
    rng = random.Random(7)
    alphabet = [chr(c) for c in [*range(32, 0x250), *range(0x400, 0x460), *range(0x4E00, 0x4E80), 0x1F600, 0x2581, 9]]
    texts = TEXTS + ["".join(rng.choice(alphabet) for _ in range(rng.randint(0, 40))) for _ in range(2000)]
    crisis = ROOT / "data" / "crisis" / "dev.jsonl"
    if crisis.is_file():  # our own messages in eight languages, where the repository is at hand
        texts += [json.loads(line)["text"] for line in crisis.read_text(encoding="utf-8").splitlines()[:1500]]
    inputs = [PREFIX + normalise(text, table) for text in texts]
    expected = [encoding.ids for encoding in reference.encode_batch(inputs)]  # type: ignore[attr-defined]
    assert ours.encode_batch(inputs) == expected


def test_unknown_characters_make_one_token(readers: tuple[UnigramTokenizer, object, dict[int, str]]) -> None:
    ours, _, _ = readers
    ids = ours.encode("query: \U000f0000\U000f0001\U000f0002 ok")  # private-use characters no piece covers
    assert ids.count(ours.unknown) == 1 and ids[0] == ours.bos and ids[-1] == ours.eos
    assert ours.encode("query: \U000f0000 ok \U000f0001").count(ours.unknown) == 2  # apart: two tokens


def test_a_file_of_another_kind_is_refused(tmp_path: Path) -> None:
    spec = json.loads(gzip.decompress(VERIFIER_TOKENIZER.read_bytes()))
    spec["pre_tokenizer"] = {"type": "Whitespace"}
    other = tmp_path / "tokenizer.json"
    other.write_text(json.dumps(spec), encoding="utf-8")
    with pytest.raises(AffectkitError) as raised:
        UnigramTokenizer(other)
    assert raised.value.code == "AK-E007"


def test_long_texts_in_the_same_windows_as_tokenizers() -> None:
    window = json.loads((MULTILINGUAL / "config.json").read_text(encoding="utf-8"))["window"]
    reference = load_tokenizer(MULTILINGUAL / "tokenizer.json.gz")
    reference.enable_truncation(window["max_tokens"], stride=window["stride"])
    reference.no_padding()
    ours = UnigramTokenizer(MULTILINGUAL / "tokenizer.json.gz")
    table = load_normalisation(MULTILINGUAL / "normalisation.json")
    rng = random.Random(3)
    words = " ".join(TEXTS).split()
    texts = [" ".join(rng.choice(words) for _ in range(n)) for n in (1, 10, 100, 200, 300, 500, 1000) for _ in range(5)]
    inputs = [PREFIX + normalise(text, table) for text in texts]
    expected = [[e.ids] + [o.ids for o in e.overflowing] for e in reference.encode_batch(inputs)]
    got = [ours.windows(text, window["max_tokens"], window["stride"]) for text in inputs]
    assert got == expected and max(map(len, got)) > 2  # some texts take three windows or more
    with pytest.raises(AffectkitError):
        ours.windows("query: hello", 10, 8)  # an overlap as long as the window


def test_an_unreadable_file_gets_a_coded_error(tmp_path: Path) -> None:
    broken = tmp_path / "tokenizer.json.gz"
    broken.write_bytes(b"not gzip")
    for path in (tmp_path / "missing.json", broken, VERIFIER_TOKENIZER.parent / "config.json"):
        with pytest.raises(AffectkitError) as raised:
            UnigramTokenizer(path)
        assert raised.value.code == "AK-E007"
