"""Task data from a URL: downloaded once into the cache, then read like a local file; failures are coded."""

from __future__ import annotations

import functools
import threading
from collections.abc import Iterator
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from affectkit.errors import AffectkitError
from affectkit.evals._data import is_url, resolve_data
from affectkit.evals.emobench import load_emobench_ea
from affectkit.evals.eq_bench import load_eq_bench

FIXTURES = Path(__file__).resolve().parent / "fixtures"


@pytest.fixture()
def file_server() -> Iterator[tuple[str, list[str]]]:
    """A real HTTP server on 127.0.0.1 serving the eval fixtures; yields its root URL and the paths requested."""
    requested: list[str] = []

    class Handler(SimpleHTTPRequestHandler):
        def log_message(self, *args: object) -> None:  # keep test output clean
            requested.append(self.path)

    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Handler, directory=str(FIXTURES)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}", requested
    finally:
        server.shutdown()
        server.server_close()


def test_urls_are_downloaded_once_and_read_like_files(file_server: tuple[str, list[str]], tmp_path: Path,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("AFFECTKIT_CACHE_DIR", str(tmp_path))
    root, requested = file_server
    url = f"{root}/eq_bench_v2.json"
    assert is_url(url) and not is_url(str(FIXTURES / "eq_bench_v2.json"))
    remote = load_eq_bench(url)
    assert [i.reference for i in remote] == [i.reference for i in load_eq_bench(FIXTURES / "eq_bench_v2.json")]
    assert resolve_data(url).is_relative_to(tmp_path)
    seen = len(requested)
    assert seen >= 1 and all(p == "/eq_bench_v2.json" for p in requested)
    load_eq_bench(url)
    assert len(requested) == seen  # the second load reads the cached copy
    ea = load_emobench_ea(f"file://{FIXTURES / 'emobench_ea.jsonl'}")
    assert [i.qid for i in ea] == [i.qid for i in load_emobench_ea(FIXTURES / "emobench_ea.jsonl")]


def test_a_failed_download_is_a_coded_error(file_server: tuple[str, list[str]], tmp_path: Path,
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("AFFECTKIT_CACHE_DIR", str(tmp_path))
    root, _ = file_server
    with pytest.raises(AffectkitError) as error:
        resolve_data(f"{root}/missing.json")
    assert error.value.code == "AK-E001" and error.value.source == f"{root}/missing.json"
    assert not list(tmp_path.rglob("missing.json*"))  # no partial file left behind
