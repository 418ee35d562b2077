"""Reproducible training of the shipped models (needs the ``train`` extra: torch, transformers)."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

from affectkit.errors import AffectkitError


def require_torch() -> Any:
    """The ``torch`` module, or an exit naming the extra to install when the training stack is missing."""
    try:
        import torch
        import transformers  # noqa: F401
    except ImportError as error:  # pragma: no cover - depends on the environment
        raise SystemExit(f"training needs the 'train' extra: pip install 'affectkit[train]' ({error})") from None
    return torch


def require_inputs(paths: list[tuple[str, Path]]) -> None:
    """Exit with status 2 and one coded line naming the first missing input, before any long work starts."""
    for flag, path in paths:
        if not path.exists():
            print(AffectkitError("AK-E001", f"input not found (from {flag})", source=str(path)), file=sys.stderr)
            raise SystemExit(2)
