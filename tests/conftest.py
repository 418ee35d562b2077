from __future__ import annotations

import os
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="session")
def data_dir() -> Path:
    """The shared datasets: $AFFECTKIT_DATA, else ../shared/data beside the repository."""
    path = Path(os.environ.get("AFFECTKIT_DATA", REPO.parent / "shared" / "data"))
    if not (path / "goemotions").is_dir():
        pytest.skip(f"datasets not found at {path} (set AFFECTKIT_DATA)")
    return path
