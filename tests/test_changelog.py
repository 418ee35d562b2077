"""The package version follows CHANGELOG.md: it is the newest section's, and kept in one place."""

from __future__ import annotations

import re
import sys
from pathlib import Path

import pytest

import affectkit

REPO = Path(__file__).resolve().parent.parent  # not imported from conftest: tests/service has its own


def _sections() -> list[str]:
    text = (REPO / "CHANGELOG.md").read_text(encoding="utf-8")
    return re.findall(r"^## (\S+)", text, flags=re.MULTILINE)


def test_the_package_version_is_the_newest_changelog_sections() -> None:
    sections = _sections()
    assert sections[0] == affectkit.__version__, sections[:2]
    assert "0.1.0" in sections and len(set(sections)) == len(sections)


@pytest.mark.skipif(sys.version_info < (3, 11), reason="tomllib is Python 3.11+")
def test_pyproject_reads_the_version_from_the_package() -> None:
    import tomllib

    config = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))
    assert "version" not in config["project"] and "version" in config["project"]["dynamic"]
    assert config["tool"]["setuptools"]["dynamic"]["version"] == {"attr": "affectkit.__version__"}
