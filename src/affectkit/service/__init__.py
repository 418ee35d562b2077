"""The HTTP service (``affectkit serve``; needs the ``serve`` extra): FastAPI app factory, routes, schemas,
storage, settings, limits and metrics. See the README's "Service" section.

Example:
    >>> from affectkit.service import create_app
    >>> from affectkit.service.settings import ServiceSettings
    >>> app = create_app(ServiceSettings(database_url="sqlite:///:memory:"))  # default: AFFECTKIT_* variables
    >>> app.title
    'affectkit'
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from affectkit.errors import missing_extra

if TYPE_CHECKING:
    from fastapi import FastAPI

__all__ = ["create_app", "require_extra"]

# The modules the service needs beyond the core, and the package that provides each.
REQUIRED = {"fastapi": "fastapi", "uvicorn": "uvicorn", "sqlalchemy": "sqlalchemy",
            "prometheus_client": "prometheus-client", "pydantic_settings": "pydantic-settings"}


def require_extra() -> None:
    """Raise AK-E008 naming the ``serve`` extra when one of its packages is missing."""
    import importlib.util

    for module, package in REQUIRED.items():
        if importlib.util.find_spec(module) is None:
            raise missing_extra("serve", package)


def create_app(settings: Any = None) -> FastAPI:
    """The service app; see :func:`affectkit.service.app.create_app`."""
    require_extra()
    from affectkit.service.app import create_app as make

    return make(settings)
