"""Errors of the service as RFC 9457 problem details (``application/problem+json``) with an affectkit code.

Every error answer has ``type``, ``title``, ``status``, ``detail`` and ``code`` (``AK-Exxx``, see
:mod:`affectkit.errors`); validation errors add ``errors`` (where and what, never the input itself).
An unexpected exception is a 500 with code ``AK-E027`` and no traceback in the body.

Example:
    >>> error = ServiceError(404, "AK-E022", "no such conversation")
    >>> problem_body(error.status, error.code, error.detail)["title"]
    'Not Found'
"""

from __future__ import annotations

import logging
from http import HTTPStatus
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

from affectkit.errors import AffectkitError

PROBLEM = "application/problem+json"
TYPE_BASE = "urn:affectkit:error:"  # + the code, lower case; the codes are listed in affectkit/errors.py
logger = logging.getLogger("affectkit.service")

# Library error codes -> HTTP status: bad input is the client's (422), a missing LLM backend is the
# service's configuration (503), a failing LLM backend is upstream (502).
LIBRARY_STATUS = {"AK-E012": 503, "AK-E013": 502}
HTTP_CODES = {401: "AK-E021", 403: "AK-E021", 404: "AK-E022", 405: "AK-E022", 413: "AK-E023", 429: "AK-E024",
              409: "AK-E025", 503: "AK-E026"}


class ServiceError(Exception):
    """An error answered as a problem: HTTP ``status``, affectkit ``code``, a ``detail`` for people."""

    def __init__(self, status: int, code: str, detail: str, headers: dict[str, str] | None = None,
                 **extra: Any) -> None:
        super().__init__(detail)
        self.status = status
        self.code = code
        self.detail = detail
        self.headers = headers or {}
        self.extra = extra  # more members of the problem (e.g. ``turn`` of AK-E050)


def problem_body(status: int, code: str, detail: str, **extra: Any) -> dict[str, Any]:
    try:
        title = HTTPStatus(status).phrase
    except ValueError:
        title = "Error"
    return {"type": TYPE_BASE + code.lower(), "title": title, "status": status, "detail": detail, "code": code,
            **extra}


def problem(status: int, code: str, detail: str, headers: dict[str, str] | None = None,
            **extra: Any) -> JSONResponse:
    return JSONResponse(problem_body(status, code, detail, **extra), status_code=status, headers=headers,
                        media_type=PROBLEM)


def _location(loc: Any) -> str:
    return ".".join(str(part) for part in loc if part not in ("body",)) or "body"


def install(app: FastAPI) -> None:
    """Register the handlers that turn every error into a problem."""

    @app.exception_handler(ServiceError)
    async def _service(request: Request, error: ServiceError) -> JSONResponse:
        return problem(error.status, error.code, error.detail, error.headers, **error.extra)

    @app.exception_handler(AffectkitError)
    async def _library(request: Request, error: AffectkitError) -> JSONResponse:
        status = LIBRARY_STATUS.get(error.code, 422)
        if error.field:
            return problem(status, error.code, error.message, field=error.field)
        return problem(status, error.code, error.message)

    @app.exception_handler(RequestValidationError)
    async def _validation(request: Request, error: RequestValidationError) -> JSONResponse:
        problems = error.errors()
        if any(p.get("type") == "json_invalid" for p in problems):
            return problem(400, "AK-E004", "the request body is not valid JSON")
        errors = [{"field": _location(p.get("loc", ())), "message": str(p.get("msg", ""))} for p in problems[:20]]
        first = errors[0] if errors else {"field": "body", "message": "invalid request"}
        return problem(422, "AK-E005", f"{first['field']}: {first['message']}", errors=errors)

    @app.exception_handler(StarletteHTTPException)
    async def _http(request: Request, error: StarletteHTTPException) -> JSONResponse:
        code = HTTP_CODES.get(error.status_code, "AK-E005" if error.status_code < 500 else "AK-E027")
        detail = error.detail if isinstance(error.detail, str) else HTTPStatus(error.status_code).phrase
        if error.status_code == 404 and detail == "Not Found":
            detail = f"no route {request.url.path}"
        if error.status_code == 400 and detail == "There was an error parsing the body":
            # FastAPI's answer to a body json cannot decode past its syntax: bytes not UTF-8, nesting too deep
            code, detail = "AK-E004", "the request body is not valid JSON (not UTF-8, or nested too deep)"
        return problem(error.status_code, code, detail, dict(error.headers or {}))

    @app.exception_handler(Exception)
    async def _unexpected(request: Request, error: Exception) -> JSONResponse:
        logger.exception("unexpected error on %s %s", request.method, request.scope.get("path", "?"))
        return problem(500, "AK-E027", "internal error; the service log has the details")


PROBLEM_SCHEMA: dict[str, Any] = {
    "title": "Problem", "type": "object", "required": ["type", "title", "status", "detail", "code"],
    "description": "An error answer (RFC 9457 problem details, application/problem+json) with an affectkit code",
    "properties": {
        "type": {"type": "string"}, "title": {"type": "string"}, "status": {"type": "integer"},
        "detail": {"type": "string"}, "code": {"type": "string", "pattern": "^AK-E[0-9]{3}$"},
        "field": {"type": "string"}, "turn": {"type": "integer", "description": "AK-E050: where the id is stored"},
        "retry_after": {"type": "integer"},
        "errors": {"type": "array", "items": {"type": "object", "properties": {
            "field": {"type": "string"}, "message": {"type": "string"}}}},
    },
    "additionalProperties": True,
}
COMMON_ERRORS = {"401": "AK-E021: no API key, or an unknown or revoked one",
                 "422": "AK-E005 and others: a field is missing, of the wrong kind or out of range",
                 "429": "AK-E024: the key's rate limit (see Retry-After)",
                 "500": "AK-E027: an unexpected internal error"}
BODY_ERRORS = {"400": "AK-E004: the body is not valid JSON", "413": "AK-E023: the body or a text is too large"}


def document(app: FastAPI) -> None:
    """Describe every error answer of the API routes in the OpenAPI schema as the problem the service sends
    (FastAPI would publish its own validation error in application/json), with the errors every route can give."""

    def openapi() -> dict[str, Any]:
        if app.openapi_schema:
            return app.openapi_schema
        from fastapi.openapi.utils import get_openapi

        schema = get_openapi(title=app.title, version=app.version, description=app.description, routes=app.routes)
        components = schema.setdefault("components", {}).setdefault("schemas", {})
        components["Problem"] = PROBLEM_SCHEMA
        for name in ("HTTPValidationError", "ValidationError"):
            components.pop(name, None)
        for path, operations in schema.get("paths", {}).items():
            if not path.startswith("/v1/"):
                continue
            for method, operation in operations.items():
                responses = operation.setdefault("responses", {})
                common = {**COMMON_ERRORS, **(BODY_ERRORS if method in ("post", "put", "patch") else {})}
                for status, description in common.items():
                    responses.setdefault(status, {"description": description})
                for status, response in responses.items():
                    if status.isdigit() and int(status) >= 400:
                        response["content"] = {PROBLEM: {"schema": {"$ref": "#/components/schemas/Problem"}}}
        app.openapi_schema = schema
        return schema

    app.openapi = openapi  # type: ignore[method-assign]
