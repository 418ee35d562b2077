"""Data loading of the emobench benchmark (see :mod:`affectkit.evals.emobench`)."""

from __future__ import annotations

import json
import random
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

from affectkit.errors import AffectkitError

LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"

# ---- questions and answers --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class ChoiceQuestion:
    """A multiple-choice question as shown: ``choices`` in display order, ``gold`` the correct position and
    ``order[i]`` the position in the data file of displayed choice ``i``."""

    choices: list[str]
    gold: int
    order: list[int]

    @property
    def gold_letter(self) -> str:
        return LETTERS[self.gold]


def shuffle_choices(choices: Sequence[str], label: str, key: str | None) -> ChoiceQuestion:
    """Shuffle ``choices`` reproducibly (the same ``key`` always gives the same order; ``None`` keeps the order)
    and locate ``label`` among them. Raises ``AK-E011`` when the label is not one of the choices.

    Example:
        >>> q = shuffle_choices(["Joy", "Anger", "Fear", "Pride"], "Fear", key="42/1")
        >>> q.choices[q.gold], q == shuffle_choices(["Joy", "Anger", "Fear", "Pride"], "Fear", key="42/1")
        ('Fear', True)
        >>> shuffle_choices(["Joy", "Anger"], "Anger", key=None).gold_letter
        'B'
    """
    order = list(range(len(choices)))
    if key is not None:
        random.Random(key).shuffle(order)
    shown = [choices[i] for i in order]
    if label not in shown:
        raise AffectkitError("AK-E011", f"the label {label!r} is not one of the choices {list(choices)}")
    return ChoiceQuestion(choices=shown, gold=shown.index(label), order=order)


# ---- data -------------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class EUItem:
    """One EmoBench emotional-understanding item, choices shuffled."""

    id: str
    qid: str
    language: str
    coarse_category: str
    finegrained_category: str
    scenario: str
    subject: str
    emotion: ChoiceQuestion
    cause: ChoiceQuestion


@dataclass(frozen=True)
class EAItem:
    """One EmoBench emotional-application item, choices shuffled."""

    id: str
    qid: str
    language: str
    category: str
    question_type: str
    scenario: str
    subject: str
    question: ChoiceQuestion


_Item = TypeVar("_Item", EUItem, EAItem)
_SHARED_FIELDS = ("language", "scenario", "subject")

_EU_FIELDS: dict[str, tuple[type, ...]] = {
    "qid": (str, int),
    "language": (str,),
    "coarse_category": (str,),
    "finegrained_category": (str,),
    "scenario": (str,),
    "subject": (str,),
    "emotion_choices": (list,),
    "emotion_label": (str,),
    "cause_choices": (list,),
    "cause_label": (str,),
}
_EA_FIELDS: dict[str, tuple[type, ...]] = {
    "qid": (str, int),
    "language": (str,),
    "category": (str,),
    "question type": (str,),
    "scenario": (str,),
    "subject": (str,),
    "choices": (list,),
    "label": (str,),
}


def _read_rows(path: str | Path, fields: Mapping[str, tuple[type, ...]]) -> list[tuple[int, dict[str, Any]]]:
    from affectkit.evals._data import resolve_data
    from affectkit.io import read_text_file

    source = str(path)
    path = resolve_data(path)
    rows: list[tuple[int, dict[str, Any]]] = []
    for number, line in enumerate(read_text_file(path).splitlines(), start=1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
        except json.JSONDecodeError as error:
            raise AffectkitError("AK-E004", f"not valid JSON: {error.msg}", source=source, line=number) from None
        if not isinstance(row, dict):
            raise AffectkitError("AK-E004", "a line must hold a JSON object", source=source, line=number)
        for name, types in fields.items():
            if name not in row:
                raise AffectkitError("AK-E003", "missing field", source=source, line=number, field=name)
            value = row[name]
            if not isinstance(value, types) or isinstance(value, bool):
                kind = " or ".join(t.__name__ for t in types)
                raise AffectkitError("AK-E005", f"must be a {kind}", source=source, line=number, field=name)
            if isinstance(value, list) and (len(value) < 2 or not all(isinstance(v, str) for v in value)):
                raise AffectkitError(
                    "AK-E005", "must be a list of at least two strings", source=source, line=number, field=name
                )
        rows.append((number, row))
    if not rows:
        raise AffectkitError("AK-E009", "the file holds no items", source=source)
    return rows


def _choice_question(
    row: dict[str, Any], choices: str, label: str, key: str | None, source: str, line: int
) -> ChoiceQuestion:
    try:
        return shuffle_choices(row[choices], row[label], key)
    except AffectkitError as error:
        raise AffectkitError(error.code, error.message, source=source, line=line, field=label) from None


def _unique_id(row: dict[str, Any], line: int, seen: set[str]) -> str:
    sample_id = f"{row['language']}-{row['qid']}"
    if sample_id in seen:
        sample_id = f"{sample_id}-line{line}"
    seen.add(sample_id)
    return sample_id


def _load_items(
    path: str | Path,
    fields: Mapping[str, tuple[type, ...]],
    seed: int | None,
    build: Callable[[dict[str, Any], dict[str, str], str | None, int], _Item],
) -> list[_Item]:
    """The items of an EmoBench file: each valid row given to ``build(row, shared fields, shuffle key, line)``,
    the shared fields being the item's ``id``, ``qid``, ``language``, ``scenario`` and ``subject``."""
    seen: set[str] = set()
    items = []
    for line, row in _read_rows(path, fields):
        sample_id = _unique_id(row, line, seen)
        shared = {"id": sample_id, "qid": str(row["qid"])} | {name: row[name] for name in _SHARED_FIELDS}
        items.append(build(row, shared, None if seed is None else f"{seed}/{sample_id}", line))
    return items


def load_emobench_eu(path: str | Path, seed: int | None = 42) -> list[EUItem]:
    """Read EmoBench EU items (JSONL), choices shuffled with ``seed`` (``None``: file order).

    Errors are coded and name the file, line and field (``AK-E011`` when a label is not among its choices).
    """

    def build(row: dict[str, Any], shared: dict[str, str], key: str | None, line: int) -> EUItem:
        return EUItem(
            **shared,
            coarse_category=row["coarse_category"],
            finegrained_category=row["finegrained_category"],
            emotion=_choice_question(
                row, "emotion_choices", "emotion_label", key and f"{key}/emotion", str(path), line
            ),
            cause=_choice_question(row, "cause_choices", "cause_label", key and f"{key}/cause", str(path), line),
        )

    return _load_items(path, _EU_FIELDS, seed, build)


def load_emobench_ea(path: str | Path, seed: int | None = 42) -> list[EAItem]:
    """Read EmoBench EA items (JSONL), choices shuffled with ``seed`` (``None``: file order)."""

    def build(row: dict[str, Any], shared: dict[str, str], key: str | None, line: int) -> EAItem:
        return EAItem(
            **shared,
            category=row["category"],
            question_type=row["question type"],
            question=_choice_question(row, "choices", "label", key, str(path), line),
        )

    return _load_items(path, _EA_FIELDS, seed, build)


def _question_metadata(question: ChoiceQuestion) -> dict[str, Any]:
    return {"choices": question.choices, "gold": question.gold, "order": question.order}


def _question_from_metadata(data: dict[str, Any]) -> ChoiceQuestion:
    return ChoiceQuestion(choices=list(data["choices"]), gold=int(data["gold"]), order=list(data["order"]))


def _eu_item_from_metadata(metadata: dict[str, Any]) -> EUItem:
    return EUItem(
        id=str(metadata["id"]),
        qid=str(metadata["qid"]),
        language=metadata["language"],
        coarse_category=metadata["coarse_category"],
        finegrained_category=metadata["finegrained_category"],
        scenario=metadata["scenario"],
        subject=metadata["subject"],
        emotion=_question_from_metadata(metadata["emotion"]),
        cause=_question_from_metadata(metadata["cause"]),
    )
