"""Reproducible training of the shipped models (needs the ``train`` extra: torch, transformers)."""

from __future__ import annotations

from typing import Any


def require_torch() -> Any:
    """The ``torch`` module, or an exit naming the extra to install when the training stack is missing."""
    try:
        import torch
        import transformers  # noqa: F401
    except ImportError as error:  # pragma: no cover - depends on the environment
        raise SystemExit(f"training needs the 'train' extra: pip install 'affectkit[train]' ({error})") from None
    return torch
