"""Lint and types are part of the test suite."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent  # not imported from conftest: tests/service has its own


@pytest.mark.slow
@pytest.mark.parametrize("tool", [["ruff", "check", "."], ["mypy"]])
def test_static_checks(tool: list[str]) -> None:
    if shutil.which(tool[0]) is None and not (REPO / ".venv" / "bin" / tool[0]).exists():
        pytest.fail(f"{tool[0]} is not installed: pip install -e '.[dev]'")
    result = subprocess.run(
        [sys.executable, "-m", *tool], cwd=REPO, capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stdout + result.stderr
