"""Fixtures of the service tests: an app on a fresh SQLite file per module, its API keys, and the URL of a
real PostgreSQL server when one is available (``AFFECTKIT_TEST_POSTGRES_URL``, set by ``.ci/run``)."""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("fastapi", reason="the 'serve' extra is not installed")

from fastapi.testclient import TestClient  # noqa: E402
from service_helpers import chromium_path, settings_for  # noqa: E402

from affectkit.service.app import create_app  # noqa: E402
from affectkit.service.settings import ServiceSettings  # noqa: E402

POSTGRES_VARIABLE = "AFFECTKIT_TEST_POSTGRES_URL"


class Service:
    """A started app with a TestClient and two API keys (``headers`` and ``other_headers``)."""

    def __init__(self, settings: ServiceSettings, raise_server_exceptions: bool = True) -> None:
        self.app = create_app(settings)
        self.runtime = self.app.state.runtime
        self.store = self.runtime.store
        self.key, self.token = self.store.create_key("tests")
        self.other_key, self.other_token = self.store.create_key("someone else")
        self.headers = {"Authorization": f"Bearer {self.token}"}
        self.other_headers = {"Authorization": f"Bearer {self.other_token}"}
        self.client = TestClient(self.app, raise_server_exceptions=raise_server_exceptions)

    def __enter__(self) -> Service:
        self.client.__enter__()
        return self

    def __exit__(self, *exc: object) -> None:
        self.client.__exit__(*exc)

    def post(self, path: str, body: Any = None, **kwargs: Any) -> Any:
        return self.client.post(path, json=body, headers=kwargs.pop("headers", self.headers), **kwargs)

    def get(self, path: str, **kwargs: Any) -> Any:
        return self.client.get(path, headers=kwargs.pop("headers", self.headers), **kwargs)

    def delete(self, path: str, **kwargs: Any) -> Any:
        return self.client.delete(path, headers=kwargs.pop("headers", self.headers), **kwargs)

    def conversation(self, **body: Any) -> str:
        response = self.post("/v1/conversations", body)
        assert response.status_code == 201, response.text
        return str(response.json()["id"])


@pytest.fixture(scope="module")
def service(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Service]:
    """One started app per test module (the models load once per process; the app's own start is quick after)."""
    path = tmp_path_factory.mktemp("service") / "affectkit.db"
    with Service(settings_for(path), raise_server_exceptions=False) as started:
        yield started


@pytest.fixture()
def make_service(tmp_path: Path) -> Iterator[Any]:
    """Build and start an app with these setting overrides (stopped after the test)."""
    started: list[Service] = []

    def make(**overrides: Any) -> Service:
        instance = Service(settings_for(tmp_path / f"{uuid.uuid4().hex}.db", **overrides),
                           raise_server_exceptions=False)
        instance.__enter__()
        started.append(instance)
        return instance

    yield make
    for instance in started:
        instance.__exit__(None, None, None)


@pytest.fixture(scope="session")
def postgres_database() -> Iterator[str]:
    """A fresh database on the PostgreSQL server of ``AFFECTKIT_TEST_POSTGRES_URL``, dropped afterwards."""
    url = os.environ.get(POSTGRES_VARIABLE)
    if not url:
        pytest.skip(f"no PostgreSQL server: set {POSTGRES_VARIABLE} to test the PostgreSQL storage (.ci/run does)")
    from sqlalchemy import create_engine, text
    from sqlalchemy.engine import make_url

    from affectkit.service.storage import normalise_url

    admin = create_engine(normalise_url(url), isolation_level="AUTOCOMMIT")
    name = f"affectkit_test_{uuid.uuid4().hex[:12]}"
    with admin.connect() as connection:
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        yield make_url(normalise_url(url)).set(database=name).render_as_string(hide_password=False)
    finally:
        with admin.connect() as connection:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


@pytest.fixture(params=["sqlite", "postgresql"])
def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """A fresh SQLite file, and the PostgreSQL test database (skipped, saying why, without a server)."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'store.db'}"
    url: str = request.getfixturevalue("postgres_database")
    return url


def pytest_terminal_summary(terminalreporter: Any) -> None:
    """Say at the end of the run when the PostgreSQL storage tests or the dashboard's browser test did not run, so
    that a missing server or browser is seen."""
    if not os.environ.get(POSTGRES_VARIABLE):
        terminalreporter.write_line(f"affectkit: the PostgreSQL storage tests were skipped: {POSTGRES_VARIABLE} is "
                                    "not set (.ci/run starts a server and sets it)", yellow=True)
    if chromium_path() is None:
        terminalreporter.write_line("affectkit: the dashboard's browser test was skipped: no Chromium found "
                                    "(.ci/run installs Debian's with .ci/chromium.sh)", yellow=True)
