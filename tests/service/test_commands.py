"""`affectkit keys` and `affectkit serve` (a real uvicorn server on a free port, over HTTP)."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from affectkit.cli import main
from affectkit.service.storage import Store


def test_keys_create_list_revoke(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    url = f"sqlite:///{tmp_path / 'keys.db'}"
    assert main(["keys", "--database-url", url, "create", "--name", "my-app"]) == 0
    out = capsys.readouterr().out
    token = out.strip().splitlines()[-1]
    key_id = out.split()[1]
    assert token.startswith("ak_") and Store(url).key_for_token(token) == key_id
    assert main(["keys", "--database-url", url, "list"]) == 0
    listed = capsys.readouterr().out
    assert key_id in listed and "my-app" in listed and "active" in listed and token not in listed
    assert main(["keys", "--database-url", url, "revoke", key_id]) == 0
    assert Store(url).key_for_token(token) is None
    assert main(["keys", "--database-url", url, "revoke", key_id]) == 2
    assert "AK-E022" in capsys.readouterr().err


def test_keys_use_the_database_of_the_environment(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                  capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setenv("AFFECTKIT_DATABASE_URL", f"sqlite:///{tmp_path / 'env.db'}")
    assert main(["keys", "create"]) == 0
    assert (tmp_path / "env.db").is_file()


@pytest.mark.parametrize("url", ["notaurl", "sqlite:///{tmp}/no-such-folder/x.db",
                                 "postgresql://someone:secret@127.0.0.1:1/db"])
def test_a_database_that_cannot_be_opened_is_one_coded_line(url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                            capsys: pytest.CaptureFixture[str]) -> None:
    url = url.format(tmp=tmp_path)
    assert main(["keys", "--database-url", url, "list"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "AK-E029 cannot open the service database" in err and "secret" not in err
    monkeypatch.setenv("AFFECTKIT_DATABASE_URL", url)
    assert main(["serve", "--port", str(_free_port())]) == 2  # before uvicorn starts
    assert "AK-E029" in capsys.readouterr().err


def test_serve_refuses_bad_options(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["serve", "--port", "70000"]) == 2
    assert main(["serve", "--workers", "0"]) == 2
    assert "AK-E005" in capsys.readouterr().err


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _request(url: str, body: object = None, token: str | None = None) -> tuple[int, dict[str, object]]:
    data = json.dumps(body).encode() if body is not None else None
    request = urllib.request.Request(url, data=data, method="POST" if data else "GET")
    request.add_header("Content-Type", "application/json")
    if token:
        request.add_header("Authorization", f"Bearer {token}")
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status, json.loads(response.read())
    except urllib.error.HTTPError as error:
        return error.code, json.loads(error.read())


@pytest.mark.slow
def test_serve_answers_over_http(tmp_path: Path) -> None:
    """`affectkit serve` as a user runs it: a separate process, real sockets, models loaded in the lifespan."""
    url = f"sqlite:///{tmp_path / 'served.db'}"
    _, token = Store(url).create_key("served")
    port = _free_port()
    env = {**os.environ, "AFFECTKIT_DATABASE_URL": url}
    server = subprocess.Popen([sys.executable, "-m", "affectkit.cli", "serve", "--port", str(port), "--log-level",
                               "warning"], env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 120
        while True:
            try:
                status, body = _request(base + "/readyz")
                if status == 200:
                    break
            except (urllib.error.URLError, ConnectionError):
                pass
            assert server.poll() is None, server.stdout.read().decode() if server.stdout else ""
            assert time.monotonic() < deadline, "the server did not become ready"
            time.sleep(0.2)
        assert body["checks"] == {"models": True, "database": True}
        status, analysed = _request(base + "/v1/analyze", {"texts": ["Thanks a lot!"]}, token)
        assert status == 200 and analysed["analyses"][0]["labels"] == ["gratitude"]  # type: ignore[index]
        status, problem = _request(base + "/v1/analyze", {"texts": ["x"]}, "wrong")
        assert status == 401 and problem["code"] == "AK-E021"
        status, created = _request(base + "/v1/conversations", {}, token)
        assert status == 201
        status, turn = _request(base + f"/v1/conversations/{created['id']}/utterances",
                                {"speaker": "user", "text": "I failed my exam."}, token)
        assert status == 200 and turn["plan"] is not None
    finally:
        server.terminate()
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()
    # uvicorn shuts down gracefully on SIGTERM, then re-raises the signal (exit status -15)
    assert server.returncode in (0, -15), server.stdout.read().decode() if server.stdout else ""


@pytest.mark.parametrize("variable, value", [("AFFECTKIT_MAX_SPEAKERS", "0"), ("AFFECTKIT_MAX_TURNS", "many")])
def test_a_bad_setting_is_a_coded_error_naming_its_variable(variable: str, value: str, tmp_path: Path,
                                                            monkeypatch: pytest.MonkeyPatch,
                                                            capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setenv(variable, value)
    monkeypatch.chdir(tmp_path)  # nothing may be written, not even the default database
    assert main(["serve", "--port", "0"]) == 2  # before uvicorn starts: no traceback from each worker
    assert main(["keys", "list"]) == 2
    assert list(tmp_path.iterdir()) == []
    err = capsys.readouterr().err
    assert err.count("AK-E005") == 2 and variable in err and "Traceback" not in err
