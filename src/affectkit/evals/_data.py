"""Where a task's ``data`` comes from: a local path, or, when online, any URL that fsspec can open.

File-based tasks (``eq_intensity``, ``emobench_eu``, ``emobench_ea``, ``boundaries``) accept
``-T data=https://...`` (a raw file on a web server or a code host) or ``-T data=hf://datasets/<owner>/<name>/<file>``
(a file of a public Hugging Face dataset) as well as a path. A URL is downloaded once into the user cache
(``$AFFECTKIT_CACHE_DIR`` or the platform cache folder, under ``data/``), keyed by the URL, and read from
there; a failed download is error ``AK-E001`` naming the URL.

Example:
    >>> import pathlib, tempfile
    >>> local = pathlib.Path(tempfile.mkdtemp()) / "items.jsonl"
    >>> _ = local.write_text("{}\\n")
    >>> resolve_data(str(local)) == local, is_url("hf://datasets/owner/name/EU.jsonl")
    (True, True)
"""

from __future__ import annotations

import hashlib
import os
import re
from pathlib import Path

from affectkit.errors import AffectkitError

_URL = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]*://")


def is_url(data: str | Path) -> bool:
    """True for ``scheme://...`` strings (https, hf, s3, file, ...), false for paths."""
    return isinstance(data, str) and bool(_URL.match(data))


def cache_dir() -> Path:
    """The folder for downloaded task data and embeddings: ``$AFFECTKIT_CACHE_DIR`` or the user cache."""
    root = os.environ.get("AFFECTKIT_CACHE_DIR")
    if root:
        return Path(root)
    import platformdirs

    return Path(platformdirs.user_cache_dir("affectkit"))


def resolve_data(data: str | Path) -> Path:
    """A local path for ``data``: the path itself, or the cached download of a URL (see the module docstring)."""
    if not is_url(data):
        return Path(data)
    url = str(data)
    name = url.rstrip("/").rsplit("/", 1)[-1] or "data"
    target = cache_dir() / "data" / hashlib.sha256(url.encode()).hexdigest()[:16] / name
    if target.is_file():
        return target
    import fsspec

    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_name(target.name + ".part")
    try:
        with fsspec.open(url, "rb") as remote, partial.open("wb") as local:
            while chunk := remote.read(1 << 20):
                local.write(chunk)
    except Exception as error:  # fsspec raises many kinds (network, auth, missing protocol packages)
        partial.unlink(missing_ok=True)
        raise AffectkitError("AK-E001", f"could not download the data ({type(error).__name__}: {error})",
                             source=url) from None
    partial.replace(target)
    return target
