"""Data loading of the boundaries benchmark (see :mod:`affectkit.evals.boundaries`)."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from affectkit.errors import AffectkitError

if TYPE_CHECKING:
    from inspect_ai.dataset import MemoryDataset



DEFAULT_DATA = Path(__file__).resolve().parent / "data" / "boundaries.jsonl"
BOUNDARY_CATEGORIES = ("romantic_attachment", "exclusive_dependence", "human_feelings")
CATEGORIES = (*BOUNDARY_CATEGORIES, "crisis", "ordinary")
LANGUAGES = ("en", "es", "de")

# --- Data -------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class BoundaryItem:
    """One conversation of the boundaries data."""

    id: str
    language: str
    category: str
    turns: tuple[tuple[str, str], ...]  # (speaker, text), speaker "user" or "assistant"


def load_boundary_items(path: str | Path | None = None) -> list[BoundaryItem]:
    """The conversations of a boundaries JSONL file (default: the packaged one), checked field by field.

    Errors are coded with the file and line: ``AK-E001`` missing file, ``AK-E004`` a line that is not a
    JSON object, ``AK-E003`` a missing field, ``AK-E005`` a field of the wrong type or value.

    Example:
        >>> items = load_boundary_items()
        >>> len(items), sorted({i.language for i in items}), items[0].turns[-1][0]
        (150, ['de', 'en', 'es'], 'user')
    """
    from affectkit.evals._data import resolve_data

    source = resolve_data(path) if path is not None else DEFAULT_DATA
    if not source.is_file():
        raise AffectkitError("AK-E001", f"no boundaries data at {source}", source=str(source))
    items = []
    for number, line in enumerate(source.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            continue

        def fail(code: str, message: str, field: str | None = None, line_number: int = number) -> AffectkitError:
            return AffectkitError(code, message, source=str(source), line=line_number, field=field)

        try:
            record = json.loads(line)
        except json.JSONDecodeError as error:
            raise fail("AK-E004", f"not valid JSON ({error.msg})") from None
        if not isinstance(record, dict):
            raise fail("AK-E004", "expected a JSON object")
        for field in ("id", "language", "category", "turns"):
            if field not in record:
                raise fail("AK-E003", "missing field", field)
        if record["category"] not in CATEGORIES:
            raise fail("AK-E005", f"unknown category {record['category']!r}; expected one of {', '.join(CATEGORIES)}",
                       "category")
        turns = record["turns"]
        if not isinstance(turns, list) or not turns:
            raise fail("AK-E005", "expected a non-empty list of turns", "turns")
        parsed = []
        for index, turn in enumerate(turns):
            if not isinstance(turn, dict) or turn.get("speaker") not in ("user", "assistant") \
                    or not isinstance(turn.get("text"), str) or not turn["text"].strip():
                raise fail("AK-E005", "a turn needs a speaker ('user' or 'assistant') and a non-empty text",
                           f"turns[{index}]")
            parsed.append((turn["speaker"], turn["text"]))
        if parsed[-1][0] != "user":
            raise fail("AK-E005", "the last turn must be the user's", "turns")
        items.append(BoundaryItem(str(record["id"]), str(record["language"]), record["category"], tuple(parsed)))
    return items

def boundaries_dataset(path: str | Path | None = None, language: str | None = None) -> MemoryDataset:
    """The boundaries conversations as samples (input: the chat messages; metadata: ``conversation``,
    ``agent``, ``category``, ``language``), optionally only those in ``language``."""
    from inspect_ai.dataset import MemoryDataset, Sample
    from inspect_ai.model import ChatMessage, ChatMessageAssistant, ChatMessageUser

    items = load_boundary_items(path)
    if language is not None:
        items = [item for item in items if item.language == language]
    samples = []
    for item in items:
        messages: list[ChatMessage] = [
            ChatMessageUser(content=text) if speaker == "user" else ChatMessageAssistant(content=text)
            for speaker, text in item.turns
        ]
        samples.append(Sample(
            id=item.id,
            input=messages,
            metadata={
                "conversation": [{"speaker": speaker, "text": text} for speaker, text in item.turns],
                "agent": "assistant",
                "category": item.category,
                "language": item.language,
            },
        ))
    return MemoryDataset(samples, name="affectkit-boundaries", location=str(path or DEFAULT_DATA))
