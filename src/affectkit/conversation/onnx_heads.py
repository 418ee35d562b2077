"""Moved to :mod:`affectkit.recognizers.heads` (issue 20): import from there.

Left only for the importers that other work in progress still holds open (``conversation/context.py`` and two
tests); it goes when they import from the new place.
"""

from __future__ import annotations

from affectkit.recognizers.heads import ONNXHeads

__all__ = ["ONNXHeads"]
