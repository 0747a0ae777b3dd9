"""One error body everywhere, `{"detail": str}` (a 422 adds `errors`, one entry per invalid
field), the handlers that produce it, and the `responses` every route documents.

A database that is busy (no pooled connection free within API_DB_WAIT_SECONDS) or down, and a
Temporal that does not answer, are 503 with `Retry-After`: the call is safe to repeat."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable, Coroutine, Mapping
from typing import Any

from fastapi import Request, Response
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from pydantic import BaseModel, Field
from sqlalchemy import exc as sa_exc
from starlette.exceptions import HTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

log = logging.getLogger("coordinator_node.api")
RETRY_AFTER_SECONDS = 1


class FieldError(BaseModel):
    loc: list[str | int] = Field(description="where: `body`, `query` or `path`, then the field")
    msg: str
    type: str = Field(description="pydantic's error type, e.g. `missing`, `datetime_parsing`")


class ErrorBody(BaseModel):
    """The body of every error answer."""

    detail: str = Field(description="what went wrong, for a person")
    errors: list[FieldError] | None = Field(
        default=None, description="only in a 422 from parameter or body validation: each "
                                  "problem found")


def retry_later(detail: str) -> HTTPException:
    """A 503 the client may retry as is."""
    return HTTPException(503, detail, headers={"Retry-After": str(RETRY_AFTER_SECONDS)})


_DESCRIPTIONS = {
    401: "The caller may not change checkpoints: outside TRUSTED_NETWORKS and no (or a wrong) "
         "API key",
    404: "No such resource (an unknown id, or none yet)",
    409: "Illegal checkpoint transition; the message names the current and the allowed states",
    415: "The body was not sent as JSON (`Content-Type: application/json`)",
    422: "A parameter or the body is invalid (also a body that is not UTF-8 JSON)",
    503: "The database or Temporal is busy or unreachable; retry after `Retry-After` seconds",
}
_HEADERS: dict[int, dict[str, Any]] = {
    401: {"WWW-Authenticate": {"description": "`Bearer`", "schema": {"type": "string"}}},
    503: {"Retry-After": {"description": "seconds to wait before retrying", "required": True,
                          "schema": {"type": "integer", "minimum": 0}}},
}


def errors(*codes: int) -> dict[int | str, dict[str, Any]]:
    """The OpenAPI `responses` entries of these error statuses, all with `ErrorBody`."""
    return {code: {"model": ErrorBody, "description": _DESCRIPTIONS[code],
                   **({"headers": _HEADERS[code]} if code in _HEADERS else {})}
            for code in codes}


def _error(status: int, detail: str, headers: Mapping[str, str] | None = None,
           field_errors: list[FieldError] | None = None) -> JSONResponse:
    body = ErrorBody(detail=detail, errors=field_errors)
    return JSONResponse(body.model_dump(exclude_none=True), status_code=status, headers=headers)


def _where(loc: tuple[str | int, ...]) -> str:
    return ".".join(str(part) for part in loc)


async def _validation_failed(_request: Request, exc: Exception) -> Response:
    assert isinstance(exc, RequestValidationError)
    found = []
    for error in exc.errors():
        msg = str(error.get("msg", "invalid"))
        if error.get("type") == "json_invalid" and (ctx := error.get("ctx")):
            msg = f"{msg}: {ctx.get('error')}"
        found.append(FieldError(loc=list(error.get("loc", ())), msg=msg,
                                type=str(error.get("type", "value_error"))))
    detail = "; ".join(f"{_where(tuple(e.loc))}: {e.msg}" for e in found) or "invalid request"
    return _error(422, detail, field_errors=found)


async def _http_error(_request: Request, exc: Exception) -> Response:
    assert isinstance(exc, HTTPException)
    return _error(exc.status_code, str(exc.detail), headers=exc.headers)


async def _database_busy(request: Request, exc: Exception) -> Response:
    log.warning("503 %s %s: database pool exhausted", request.method, request.url.path)
    return _error(503, "the database is busy: no connection came free in time; retry",
                  headers={"Retry-After": str(RETRY_AFTER_SECONDS)})


async def _database_down(request: Request, exc: Exception) -> Response:
    log.warning("503 %s %s: %s", request.method, request.url.path,
                str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__)
    return _error(503, "the database is not answering; retry",
                  headers={"Retry-After": str(RETRY_AFTER_SECONDS)})


Handler = Callable[[Request, Any], Coroutine[Any, Any, Response]]
EXCEPTION_HANDLERS: dict[int | type[Exception], Handler] = {
    RequestValidationError: _validation_failed,
    HTTPException: _http_error,
    sa_exc.TimeoutError: _database_busy,  # pool exhausted
    sa_exc.OperationalError: _database_down,
    sa_exc.InterfaceError: _database_down,
}


class CancelledAs503:
    """ASGI middleware: a request cancelled before it answered (uvicorn cancels the ones still
    running when the shutdown grace, API_SHUTDOWN_SECONDS, ends) gets a 503 with `Retry-After`
    instead of a bare 500: every call here is safe to repeat, elsewhere or a moment later."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = False

        async def tracking(message: Message) -> None:
            nonlocal started
            started = started or message["type"] == "http.response.start"
            await send(message)

        try:
            await self.app(scope, receive, tracking)
        except asyncio.CancelledError:
            if started:
                raise
            response = _error(503, "the API is shutting down; the same call again is safe",
                              headers={"Retry-After": str(RETRY_AFTER_SECONDS)})
            await response(scope, receive, send)
