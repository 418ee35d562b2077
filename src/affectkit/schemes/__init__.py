"""Label schemes are data: one JSON file per scheme lists its labels and, for a derived scheme, which
labels of its source scheme each of its labels groups.

Example:
    >>> load_scheme("ekman-7").labels
    ['anger', 'disgust', 'fear', 'joy', 'sadness', 'surprise', 'neutral']
    >>> load_scheme("ekman-7").group_of()["gratitude"]
    'joy'
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from affectkit.errors import AffectkitError

SCHEMES_DIR = Path(__file__).resolve().parent


@dataclass(frozen=True)
class Scheme:
    name: str
    labels: list[str]
    source: str
    derived_from: str | None = None
    mapping: dict[str, list[str]] = field(default_factory=dict)

    def group_of(self) -> dict[str, str]:
        """Source label -> the label of this scheme that groups it."""
        return {member: group for group, members in self.mapping.items() for member in members}


@cache
def load_scheme(name: str) -> Scheme:
    path = SCHEMES_DIR / f"{name}.json"
    if not path.is_file():
        known = ", ".join(sorted(p.stem for p in SCHEMES_DIR.glob("*.json")))
        raise AffectkitError("AK-E006", f"unknown label scheme '{name}'; known: {known}")
    data = json.loads(path.read_text(encoding="utf-8"))
    return Scheme(data["name"], data["labels"], data["source"], data.get("from"), data.get("mapping", {}))
