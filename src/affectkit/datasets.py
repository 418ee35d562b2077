"""Readers for the public datasets affectkit trains and is evaluated on.

Datasets are never shipped with affectkit: every reader takes the dataset folder as an argument. The
default root is ``$AFFECTKIT_DATA`` or, failing that, ``../shared/data`` relative to the working
directory (the layout of the project's own checkout).

Example:
    >>> from affectkit.datasets import data_root
    >>> data_root("/tmp/data").name
    'data'
"""

from __future__ import annotations

import csv
import hashlib
import json
import os
import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import numpy as np

EMOBANK_SCALE = (1.0, 5.0)  # EmoBank rates V, A and D on 1..5; affectkit reports [-1, 1]
BRIGHTER_EMOTIONS = ("anger", "fear", "joy", "sadness", "surprise")  # English track B columns
BRIGHTER_MAX = 3.0  # track B intensities are ordinal 0..3


def data_root(path: str | os.PathLike[str] | None = None) -> Path:
    """The folder holding the datasets: ``path``, else ``$AFFECTKIT_DATA``, else ``../shared/data``."""
    if path is not None:
        return Path(path)
    return Path(os.environ.get("AFFECTKIT_DATA", "../shared/data"))


def sha256_file(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


@dataclass
class MultiLabelSplit:
    """Texts with a 0/1 matrix of labels (rows = texts, columns = ``labels``)."""

    texts: list[str]
    labels: list[str]
    targets: np.ndarray
    files: list[Path]


@dataclass
class RegressionSplit:
    """Texts with real-valued targets (rows = texts, columns = ``names``)."""

    texts: list[str]
    names: list[str]
    targets: np.ndarray
    files: list[Path]


def load_goemotions(folder: Path, split: str) -> MultiLabelSplit:
    """GoEmotions split (``train``, ``dev`` or ``test``) as a 28-column multi-label matrix."""
    labels = (folder / "emotions.txt").read_text(encoding="utf-8").split()
    path = folder / f"{split}.tsv"
    texts: list[str] = []
    rows: list[list[int]] = []
    with open(path, encoding="utf-8", newline="") as handle:
        for line in handle:
            text, label_ids, _comment_id = line.rstrip("\n").split("\t")
            texts.append(text)
            rows.append([int(i) for i in label_ids.split(",")])
    targets = np.zeros((len(texts), len(labels)), dtype=np.float32)
    for r, row in enumerate(rows):
        targets[r, row] = 1.0
    return MultiLabelSplit(texts, labels, targets, [path, folder / "emotions.txt"])


def load_group_mapping(folder: Path, name: str) -> dict[str, list[str]]:
    """An official GoEmotions mapping (``ekman`` or ``sentiment``): group -> member labels."""
    path = folder / "taxonomy" / f"{name}_mapping.json"
    mapping: dict[str, list[str]] = json.loads(path.read_text(encoding="utf-8"))
    return mapping


def map_to_groups(split: MultiLabelSplit, groups: list[str], mapping: dict[str, list[str]]) -> np.ndarray:
    """Project a fine-grained label matrix onto groups: a group is on when any member label is on.

    A group named in ``groups`` but absent from ``mapping`` (``neutral``) maps to the label of that name.
    """
    index = {label: i for i, label in enumerate(split.labels)}
    out = np.zeros((len(split.texts), len(groups)), dtype=np.float32)
    for g, group in enumerate(groups):
        members = mapping.get(group, [group])
        out[:, g] = split.targets[:, [index[m] for m in members]].max(axis=1)
    return out


def load_emobank(folder: Path, split: str) -> RegressionSplit:
    """EmoBank split on its official train/dev/test partition, V/A/D rescaled from [1, 5] to [-1, 1]."""
    path = folder / "emobank.csv"
    lo, hi = EMOBANK_SCALE
    texts: list[str] = []
    values: list[list[float]] = []
    with open(path, encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            if row["split"] != split or not row["text"].strip():
                continue
            texts.append(row["text"])
            values.append([(float(row[k]) - lo) / (hi - lo) * 2 - 1 for k in ("V", "A", "D")])
    return RegressionSplit(texts, ["valence", "arousal", "dominance"], np.asarray(values, np.float32), [path])


def load_brighter_intensity(folder: Path, split: str, language: str = "eng") -> RegressionSplit:
    """SemEval-2025 task 11 (BRIGHTER) track B intensities, rescaled from 0..3 to [0, 1]."""
    path = folder / "track_b" / split / f"{language}.csv"
    texts: list[str] = []
    values: list[list[float]] = []
    with open(path, encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            cells = [row.get(e, "") for e in BRIGHTER_EMOTIONS]
            if any(c == "" for c in cells):
                continue  # unlabelled row
            texts.append(row["text"])
            values.append([float(c) / BRIGHTER_MAX for c in cells])
    return RegressionSplit(texts, list(BRIGHTER_EMOTIONS), np.asarray(values, np.float32), [path])


# Language codes of the BRIGHTER files (track A) and of the XED projections for the languages risk detection reads.
BRIGHTER_LANGUAGES = {"de": "deu", "en": "eng", "es": "esp", "pt": "ptbr", "ru": "rus", "zh": "chn"}
XED_LANGUAGES = {"de": "de", "es": "es", "fr": "fr", "it": "it", "pt": "pt", "ru": "ru", "zh": "cn"}


def _existing(path: Path) -> Path:
    """``path``, or a coded AK-E001 naming it when one file of a dataset is missing."""
    from affectkit.errors import AffectkitError

    if not path.is_file():
        raise AffectkitError("AK-E001", "dataset file not found", source=str(path))
    return path


def load_brighter_texts(folder: Path, split: str, language: str) -> list[str]:
    """The texts of a SemEval-2025 task 11 (BRIGHTER, CC BY 4.0) track A file; ``language`` is an ISO code
    (a key of :data:`BRIGHTER_LANGUAGES`). Everyday posts and messages with emotions, most of them harmless."""
    path = _existing(folder / "track_a" / split / f"{BRIGHTER_LANGUAGES[language]}.csv")
    with open(path, encoding="utf-8", newline="") as handle:
        return [row["text"] for row in csv.DictReader(handle) if row.get("text", "").strip()]


BRIGHTER_ALL_EMOTIONS = ("anger", "disgust", "fear", "joy", "sadness", "surprise")
# BRIGHTER file code -> ISO 639-1 code, for the languages the multilingual model reads or is tested on.
BRIGHTER_ISO = {
    "amh": "am", "arq": "ar", "chn": "zh", "deu": "de", "eng": "en", "esp": "es", "hin": "hi", "mar": "mr",
    "ptbr": "pt", "ron": "ro", "rus": "ru", "swe": "sv", "tat": "tt", "ukr": "uk",
    "ind": "id", "jav": "jv", "xho": "xh", "zul": "zu",
}


@dataclass
class BrighterSplit:
    """One BRIGHTER file: texts and, per emotion the file has, a 0/1 label (track A, C) or a 0..3 intensity
    (track B); ``emotions`` lists the file's emotion columns in :data:`BRIGHTER_ALL_EMOTIONS` order."""

    ids: list[str]
    texts: list[str]
    emotions: list[str]
    values: np.ndarray


def load_brighter(folder: Path, track: str, split: str, language: str) -> BrighterSplit:
    """SemEval-2025 task 11 (BRIGHTER, CC BY 4.0) ``track`` (``a``, ``b`` or ``c``) ``split`` of ``language``
    (a file code such as ``deu``). English track A test has no labels upstream: its gold is track B's
    intensities above 0 (the dataset's SOURCE.md shows they agree with BRIGHTER's binary labels)."""
    if track == "a" and split == "test" and language == "eng":
        intensities = load_brighter(folder, "b", "test", "eng")
        return BrighterSplit(intensities.ids, intensities.texts, intensities.emotions,
                             (intensities.values > 0).astype(np.int8))
    path = _existing(folder / f"track_{track}" / split / f"{language}.csv")
    with open(path, encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    header = {name.lower(): name for name in (rows[0].keys() if rows else [])}
    emotions = [e for e in BRIGHTER_ALL_EMOTIONS if e in header]
    values = np.array([[int(float(row[header[e]] or 0)) for e in emotions] for row in rows], dtype=np.int8)
    return BrighterSplit([row["id"] for row in rows], [row["text"] for row in rows], emotions,
                         values.reshape(len(rows), len(emotions)))


def load_xed_texts(folder: Path, language: str, split: str) -> list[str]:
    """The subtitle lines of an XED projection file (CC BY 4.0); ``language`` is an ISO code (a key of
    :data:`XED_LANGUAGES`). XED has no splits: a stable hash of each line puts a fifth of them in ``test``,
    the rest in ``train``."""
    if split not in ("train", "test"):
        raise ValueError(f"split must be 'train' or 'test', not {split!r}")
    path = _existing(folder / "projections" / f"{XED_LANGUAGES[language]}-projections.tsv")
    lines = [line.split("\t")[0] for line in path.read_text(encoding="utf-8").splitlines()]
    return [text for text in lines if text.strip()
            and (int(hashlib.sha256(text.encode("utf-8")).hexdigest(), 16) % 5 == 0) == (split == "test")]  # fmt: skip


# DailyDialog and RECCON label utterances with Ekman emotions under their own names (and a few typos).
DIALOGUE_EMOTIONS = {
    "neutral": "neutral", "no emotion": "neutral", "happiness": "joy", "happines": "joy", "happy": "joy",
    "excited": "joy", "anger": "anger", "angry": "anger", "disgust": "disgust", "fear": "fear",
    "sadness": "sadness", "sad": "sadness", "surprise": "surprise", "surprised": "surprise",
}
DAILYDIALOG_EMOTIONS = ["neutral", "anger", "disgust", "fear", "joy", "sadness", "surprise"]  # ids 0..6


@dataclass
class DialogueTurn:
    speaker: str
    text: str
    emotion: str  # Ekman-7 name
    cause_turns: list[int]  # 0-based indices of the turns that caused this turn's emotion (RECCON only)
    cause_spans: list[str]


@dataclass
class Dialogue:
    id: str
    turns: list[DialogueTurn]


def dialogue_key(texts: list[str]) -> str:
    """A spacing- and case-insensitive key to find the same dialogue in two releases."""
    return "|".join("".join(t.lower().split()) for t in texts[:4])


def load_reccon(folder: Path, split: str) -> list[Dialogue]:
    """RECCON DailyDialog annotations (``train``, ``valid`` or ``test``), turns 0-based."""
    data = json.loads((folder / f"dailydialog_{split}.json").read_text(encoding="utf-8"))
    dialogues = []
    for dialogue_id, (utterances, *_rest) in data.items():
        turns = []
        for u in utterances:
            evidence = [e - 1 for e in u.get("expanded emotion cause evidence", []) if isinstance(e, int)]
            turns.append(DialogueTurn(u["speaker"], u["utterance"], DIALOGUE_EMOTIONS[u["emotion"].strip().lower()],
                                      evidence, list(u.get("expanded emotion cause span", []))))
        dialogues.append(Dialogue(dialogue_id, turns))
    return dialogues


def load_dailydialog(folder: Path, split: str) -> list[Dialogue]:
    """DailyDialog ``validation`` or ``test``: speakers alternate A/B, emotions as Ekman-7 names."""
    texts = (folder / split / f"dialogues_{split}.txt").read_text(encoding="utf-8").splitlines()
    emotions = (folder / split / f"dialogues_emotion_{split}.txt").read_text(encoding="utf-8").splitlines()
    dialogues = []
    for number, (line, labels) in enumerate(zip(texts, emotions, strict=True)):
        utterances = [u.strip() for u in line.split("__eou__") if u.strip()]
        ids = [int(x) for x in labels.split()]
        turns = [DialogueTurn("AB"[i % 2], text, DAILYDIALOG_EMOTIONS[e], [], [])
                 for i, (text, e) in enumerate(zip(utterances, ids, strict=True))]
        dialogues.append(Dialogue(f"{split}_{number}", turns))
    return dialogues


@dataclass
class SupportTurn:
    speaker: str  # "usr" (help seeker) or "sys" (supporter)
    text: str
    strategy: str | None  # one of the 8 ESConv strategies on supporter turns, else None


@dataclass
class SupportDialogue:
    id: str
    emotion_type: str
    problem_type: str
    turns: list[SupportTurn]


def load_esconv(folder: Path, split: str) -> list[SupportDialogue]:
    """ESConv dialogues of ``train``, ``valid`` or ``test`` (the official split, one dialogue per line)."""
    dialogues = []
    lines = (folder / f"{split}.jsonl").read_text(encoding="utf-8").splitlines()
    for number, line in enumerate(lines):
        if not line.strip():
            continue
        record = json.loads(line)
        turns = [SupportTurn(t["speaker"], t["text"].strip(), t.get("strategy") if t["speaker"] == "sys" else None)
                 for t in record["dialog"]]
        dialogues.append(SupportDialogue(f"{split}_{number}", record.get("emotion_type", ""),
                                         record.get("problem_type", ""), turns))
    return dialogues


CRISIS_LABELS = ("suicidal_ideation", "self_harm", "harm_to_others", "abuse", "third_party_risk", "none")


@dataclass
class CrisisMessage:
    """One labelled chat message of affectkit's own crisis set (``data/crisis``, ``benchmarks/data/crisis_test``)."""

    text: str
    language: str
    label: str  # one of CRISIS_LABELS
    family: str  # how it is phrased (crisis labels) or which hard-negative family it belongs to (``none``)


def load_crisis_messages(path: Path) -> list[CrisisMessage]:
    """Every message of a crisis JSON-lines file, or of every ``*.jsonl`` file in a folder (sorted by name).
    A malformed line raises a coded :class:`~affectkit.errors.AffectkitError` naming the file and the line."""
    from affectkit.errors import AffectkitError
    from affectkit.io import jsonl_records

    files = sorted(path.glob("*.jsonl")) if path.is_dir() else [path]
    if not files or not all(file.is_file() for file in files):
        raise AffectkitError("AK-E001", "no crisis message file found", source=str(path))
    messages = []
    for file in files:
        for number, record in jsonl_records(file.read_text(encoding="utf-8"), str(file)):
            if not isinstance(record, dict):
                raise AffectkitError("AK-E004", "expected a JSON object", source=str(file), line=number)
            for key in ("text", "language", "label", "family"):
                if not isinstance(record.get(key), str):
                    raise AffectkitError("AK-E003", "missing or not a string", source=str(file), line=number,
                                         field=key)
            if record["label"] not in CRISIS_LABELS:
                raise AffectkitError("AK-E011", f"unknown crisis label {record['label']!r}", source=str(file),
                                     line=number, field="label")
            messages.append(CrisisMessage(record["text"], record["language"], record["label"], record["family"]))
    return messages


def load_hatecheck(folder: Path) -> list[tuple[str, str, str]]:
    """Multilingual HateCheck cases as ``(text, language code, functionality)``, every language file in ``folder``."""
    codes = {"arabic": "ar", "dutch": "nl", "french": "fr", "german": "de", "hindi": "hi", "italian": "it",
             "mandarin": "zh", "polish": "pl", "portuguese": "pt", "spanish": "es"}  # fmt: skip
    cases = []
    for file in sorted(folder.glob("*.csv")):
        with open(file, encoding="utf-8", newline="") as handle:
            for row in csv.DictReader(handle):
                cases.append((row["test_case"], codes.get(file.stem, file.stem), row["functionality"]))
    return cases


EDOS_FILE = "mturk_groundtruth_9k.csv"  # the human-labelled part; the silver files are not read
EDOS_SPLITS = {"train": range(5, 20), "dev": range(3, 5), "test": range(0, 3)}  # buckets of 20 (see load_edos)
_EDOS_SPACING = [
    (re.compile(r" ([.,!?;:%)\]])"), r"\1"),
    (re.compile(r"([(\[]) "), r"\1"),
    (re.compile(r" '(s|t|re|ve|ll|d|m)\b", re.IGNORECASE), r"'\1"),
    (re.compile(r"\b(\w+) n't\b", re.IGNORECASE), r"\1n't"),
]


@dataclass
class EdosDialogue:
    """One human-labelled EDOS dialogue: its turns (the last one labelled), the label the three annotators
    agreed on (2 of 3; ``None`` without agreement) and the three answers."""

    id: str
    turns: list[str]
    agreed: str | None
    answers: tuple[str, str, str]


def edos_text(line: str) -> str:
    """An EDOS subtitle line with the source's tokenisation undone (no space before punctuation or a clitic).

    Example:
        >>> edos_text("This isn 't fair ! You can 't stop me , ( really ) .")
        "This isn't fair! You can't stop me, (really)."
    """
    text = " ".join(line.split())
    for pattern, replacement in _EDOS_SPACING:
        text = pattern.sub(replacement, text)
    return text


def edos_bucket(dialogue_id: str) -> int:
    """The stable hash bucket (0..19) of an EDOS ``DialogID``: buckets 0-2 are test (15%), 3-4 dev (10%), the rest
    train (75%). SHA-256 of ``"edos:" + DialogID``, so the split never depends on the file's order or on a seed."""
    return int(hashlib.sha256(f"edos:{dialogue_id}".encode()).hexdigest(), 16) % 20


def load_edos(folder: Path, split: str) -> list[EdosDialogue]:
    """EDOS human-labelled dialogues (``mturk_groundtruth_9k.csv``) of ``split`` (``train``, ``dev``, ``test``
    or ``all``), split by :func:`edos_bucket` of their ``DialogID`` (rows sharing one stay together). Turns are
    the lines of the ``Dialog`` cell, tidied by :func:`edos_text`."""
    from affectkit.errors import AffectkitError

    if split not in (*EDOS_SPLITS, "all"):
        raise AffectkitError("AK-E005", f"unknown EDOS split {split!r}", field="split")
    path = _existing(folder / EDOS_FILE)
    dialogues = []
    with open(path, encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            dialogue_id = row["DialogID"].strip()
            if split != "all" and edos_bucket(dialogue_id) not in EDOS_SPLITS[split]:
                continue
            turns = [edos_text(line) for line in row["Dialog"].splitlines() if line.strip()]
            agreed = row["Agreed emotion (2/3 vote)"].strip()
            answers = tuple(row[f"Worker {k} answer"].strip() for k in (1, 2, 3))
            if turns:
                dialogues.append(EdosDialogue(f"{dialogue_id}:{row['Index'].strip()}", turns,
                                              None if agreed in ("", "-") else agreed, answers))  # type: ignore[arg-type]
    return dialogues


def edos_mapping(target: str) -> dict[str, str]:
    """EDOS label -> label of ``target`` (``ekman-7``, ``goemotions-28`` or ``esconv-8``), from the shipped
    ``schemes/edos-41.json``; labels with no counterpart are absent.

    Example:
        >>> edos_mapping("ekman-7")["Terrified"], edos_mapping("esconv-8")["Questioning"]
        ('fear', 'Question')
    """
    data = json.loads((Path(__file__).resolve().parent / "schemes" / "edos-41.json").read_text(encoding="utf-8"))
    return {member: group for group, members in data["mappings"][target].items() for member in members}


def edos_label(dialogue: EdosDialogue, mapping: dict[str, str]) -> str | None:
    """The mapped label that at least 2 of the 3 annotators' answers map to, else ``None``: agreement is counted
    after the mapping, so ``Anxious / Terrified / Afraid`` (no 2-of-3 agreement in EDOS) is ``fear``.

    Example:
        >>> d = EdosDialogue("1", ["I think I'm bleeding."], None, ("Anxious", "Terrified", "Afraid"))
        >>> edos_label(d, edos_mapping("ekman-7"))
        'fear'
    """
    votes = Counter(mapping[a] for a in dialogue.answers if a in mapping)
    if not votes:
        return None
    label, count = votes.most_common(1)[0]
    return label if count >= 2 else None


XED_EKMAN = {1: "anger", 3: "disgust", 4: "fear", 5: "joy", 6: "sadness", 7: "surprise"}  # anticipation, trust: none


def load_xed_english_ekman(folder: Path, split: str) -> list[tuple[str, str]]:
    """XED English subtitle lines (CC BY 4.0) as ``(text, Ekman-7 label)``: the annotated lines whose labels all
    map to one Ekman emotion (anticipation and trust map to none and are ignored) and the neutral lines
    (``neu_en.txt``), tidied by :func:`edos_text`; lines of fewer than 2 words are left out. Split by a stable
    hash of the text (SHA-256 mod 10): 0-1 ``test``, 2 ``dev``, 3-9 ``train``."""
    from affectkit.errors import AffectkitError

    buckets = {"train": range(3, 10), "dev": range(2, 3), "test": range(0, 2)}
    if split not in buckets:
        raise AffectkitError("AK-E005", f"unknown XED split {split!r}", field="split")
    rows: list[tuple[str, str]] = []
    for line in _existing(folder / "en-annotated.tsv").read_text(encoding="utf-8").splitlines():
        text, _, labels = line.rpartition("\t")
        groups = {XED_EKMAN.get(int(k)) for k in labels.split(",") if k.strip().isdigit()} - {None}
        if len(groups) == 1:
            rows.append((edos_text(text), str(groups.pop())))
    for line in _existing(folder / "neu_en.txt").read_text(encoding="utf-8").splitlines():
        rows.append((edos_text(line.partition("\t")[2]), "neutral"))
    return [(text, label) for text, label in rows if len(text.split()) >= 2
            and int(hashlib.sha256(text.encode("utf-8")).hexdigest(), 16) % 10 in buckets[split]]
