"""`affectkit serve` as a separate process on a free port, for the tests that need a real server (a browser, a
SIGKILL): started as a user would start it, ready once ``/readyz`` answers 200, its log in a file."""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path
from typing import Any


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def request(url: str, body: object = None, token: str | None = None, method: str | None = None,
            timeout: float = 30) -> tuple[int, Any]:
    """(status, decoded JSON body or None) of one HTTP request."""
    data = json.dumps(body).encode() if body is not None else None
    req = urllib.request.Request(url, data=data, method=method or ("POST" if data else "GET"))
    req.add_header("Content-Type", "application/json")
    if token:
        req.add_header("Authorization", f"Bearer {token}")
    try:
        with urllib.request.urlopen(req, timeout=timeout) as response:
            raw = response.read()
            return response.status, json.loads(raw) if raw else None
    except urllib.error.HTTPError as error:
        raw = error.read()
        return error.code, json.loads(raw) if raw else None


class LiveServer:
    """``affectkit serve`` on ``database_url``; ``start()`` waits until it is ready, ``kill()`` sends SIGKILL."""

    def __init__(self, database_url: str, log: Path, **environment: str) -> None:
        self.database_url = database_url
        self.log = log
        self.environment = environment
        self.port = free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        self.process: subprocess.Popen[bytes] | None = None

    def start(self, timeout: float = 180) -> LiveServer:
        env = {**os.environ, "AFFECTKIT_DATABASE_URL": self.database_url, "AFFECTKIT_RATE_LIMIT_PER_MINUTE": "0",
               **self.environment}
        with open(self.log, "ab") as log:
            self.process = subprocess.Popen(
                [sys.executable, "-m", "affectkit.cli", "serve", "--port", str(self.port), "--log-level", "warning"],
                env=env, stdout=log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL)
        deadline = time.monotonic() + timeout
        while True:
            try:
                if request(self.base + "/readyz", timeout=5)[0] == 200:
                    return self
            except (urllib.error.URLError, ConnectionError, TimeoutError):
                pass
            if self.process.poll() is not None:
                raise RuntimeError(f"affectkit serve exited with {self.process.returncode}:\n{self.log_text()}")
            if time.monotonic() > deadline:
                self.stop()
                raise RuntimeError(f"affectkit serve was not ready after {timeout} s:\n{self.log_text()}")
            time.sleep(0.2)

    def log_text(self) -> str:
        return self.log.read_text(errors="replace")[-4000:] if self.log.exists() else ""

    def kill(self) -> None:
        """SIGKILL: no shutdown handler runs, nothing is flushed."""
        assert self.process is not None
        os.kill(self.process.pid, signal.SIGKILL)
        self.process.wait(timeout=30)

    def stop(self) -> None:
        if self.process is None or self.process.poll() is not None:
            return
        self.process.terminate()
        try:
            self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()

    def __enter__(self) -> LiveServer:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()
