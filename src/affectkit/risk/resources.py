"""Crisis resources to offer in an escalation, chosen by the user's locale or language.

The default table (``resources.json``) is a starting point, not a directory: numbers change, and a deployer
must check every entry for the places they serve and pass their own table. Lookup order: the exact locale
(``es-MX``), then its language (``es``), then ``default``.

Example:
    >>> resources_for("de")[0]
    'Wenn du in akuter Gefahr bist, ruf den Notruf 112 an.'
    >>> resources_for("es_MX")[1]
    'Línea de la Vida: 800 911 2000 (gratuita, 24 horas).'
    >>> resources_for("sw") == resources_for(None)
    True
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from functools import cache
from importlib import resources


@cache
def default_table() -> dict[str, tuple[str, ...]]:
    """The shipped table: locale or language -> resource lines (``_note`` holds the caveat)."""
    data = json.loads(resources.files("affectkit.risk").joinpath("resources.json").read_text(encoding="utf-8"))
    return {key: tuple(lines) for key, lines in data.items() if not key.startswith("_")}


def resources_for(locale: str | None, table: Mapping[str, Sequence[str]] | None = None) -> list[str]:
    """The resource lines for ``locale`` (``"pt-BR"``, ``"fr"``, ``None``) from ``table`` (default: shipped)."""
    table = default_table() if table is None else table
    if locale:
        tag = locale.strip().replace("_", "-")
        language, _, region = tag.partition("-")
        for key in (f"{language.lower()}-{region.upper()}" if region else "", language.lower()):
            if key and key in table:
                return list(table[key])
    return list(table.get("default", ()))
