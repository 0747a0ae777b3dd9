"""How report routes answer: JSON encoded once (orjson, from plain rows, no response model
in between), and the hot answers cached by the version of what they show.

A cached answer is keyed by the route (and its parameters) and carries an `ETag` made from a
*version* the route reads from the database on every request: the newest row's id and
write time for the leaderboard, the row count and newest write of the checkpoints. Several
API processes over one database therefore agree on every ETag, a write anywhere changes it
at once, and a client sending `If-None-Match` with the current one gets `304 Not Modified`
without a body. `Cache-Control: no-cache`: clients may keep an answer but must revalidate.

The encoding matches pydantic's JSON for the same data: datetimes in ISO 8601 with `Z` for
UTC, NaN and infinities as null (the routes keep non-finite numbers out anyway)."""

from __future__ import annotations

import asyncio
import hashlib
import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import Any, Generic, TypeVar

import anyio.to_thread
import orjson
from fastapi import Request, Response
from pydantic import BaseModel
from sqlalchemy import Engine
from sqlmodel import Session

T = TypeVar("T")

CACHE_CONTROL = "no-cache"
NOT_MODIFIED: dict[int | str, dict[str, Any]] = {304: {
    "description": "Not modified: the `If-None-Match` ETag is current (no body)"}}


def _default(value: Any) -> Any:
    if isinstance(value, BaseModel):
        return value.model_dump(mode="json")
    raise TypeError(f"cannot encode {type(value).__name__} as JSON")


def dumps(value: Any) -> bytes:
    return orjson.dumps(value, default=_default, option=orjson.OPT_UTC_Z)


class JSONBytes(Response):
    """A JSON body already encoded."""

    media_type = "application/json"


def json_answer(value: Any, headers: dict[str, str] | None = None) -> JSONBytes:
    return JSONBytes(dumps(value), headers=headers)


def etag_of(*parts: Any) -> str:
    digest = hashlib.blake2b(repr(parts).encode(), digest_size=16).hexdigest()
    return f'"{digest}"'


def matches(request: Request, etag: str) -> bool:
    """Whether the request's If-None-Match names `etag` (weak or strong) or is `*`."""
    header = request.headers.get("if-none-match")
    if not header:
        return False
    for candidate in header.split(","):
        candidate = candidate.strip()
        if candidate == "*" or candidate.removeprefix("W/") == etag:
            return True
    return False


class VersionedAnswers:
    """Encoded answers by key, each valid for one version (bounded, least recently used
    dropped first; safe across the route threads)."""

    def __init__(self, size: int = 256) -> None:
        self._size = size
        self._entries: OrderedDict[Hashable, tuple[str, bytes]] = OrderedDict()
        self._static: dict[Hashable, tuple[str, bytes]] = {}
        self._lock = threading.Lock()
        self.builds = 0  # answers encoded (not served from the cache): for tests

    def hit(self, request: Request, key: Hashable, version: Hashable) -> Response | None:
        """304 when the client holds this version, the cached body when this process has
        it, else None (then `put` what was built)."""
        etag = etag_of(key, version)
        headers = {"ETag": etag, "Cache-Control": CACHE_CONTROL}
        if matches(request, etag):
            return Response(status_code=304, headers=headers)
        with self._lock:
            found = self._entries.get(key)
            if found is not None and found[0] == etag:
                self._entries.move_to_end(key)
                return JSONBytes(found[1], headers=headers)
        return None

    def put(self, key: Hashable, version: Hashable, body: bytes) -> Response:
        """Cache `body` (encoded JSON) as the answer of `key` at `version`, and answer it."""
        etag = etag_of(key, version)
        with self._lock:
            self.builds += 1
            self._entries[key] = (etag, body)
            self._entries.move_to_end(key)
            while len(self._entries) > self._size:
                self._entries.popitem(last=False)
        return JSONBytes(body, headers={"ETag": etag, "Cache-Control": CACHE_CONTROL})

    def answer(self, request: Request, key: Hashable, version: Hashable,
               build: Callable[[], Any]) -> Response:
        """For sync routes: 304, the cached body of this version, or `build()` encoded and
        cached."""
        found = self.hit(request, key, version)
        return found if found is not None else self.put(key, version, dumps(build()))

    def static(self, request: Request, key: Hashable, build: Callable[[], Any]) -> Response:
        """An answer that does not change while the process runs (the schema, from the
        contract): encoded once, its ETag the digest of the body, so processes serving the
        same contract agree and a changed contract changes it."""
        hit = self._static.get(key)
        if hit is None:
            body = dumps(build())
            hit = self._static[key] = (etag_of(key, hashlib.blake2b(body).hexdigest()), body)
        etag, body = hit
        headers = {"ETag": etag, "Cache-Control": CACHE_CONTROL}
        if matches(request, etag):
            return Response(status_code=304, headers=headers)
        return JSONBytes(body, headers=headers)


class CoalescedRead(Generic[T]):
    """A small read (a version) that many requests want at once, made once for all of them:
    each caller awaits the next read that *starts after* it asked, so what it gets is never
    older than its request (a write committed before the request is always seen), while any
    number of concurrent callers share one round trip (one worker thread, one connection).
    Errors reach every caller of that read (the routes' handlers make them 503)."""

    def __init__(self, engine: Engine, read: Callable[[Session], T]) -> None:
        self._engine = engine
        self._read = read
        self._next: asyncio.Future[T] | None = None
        self._runner: asyncio.Task[None] | None = None

    async def get(self) -> T:
        if self._next is None:
            self._next = asyncio.get_running_loop().create_future()
        waiting = self._next
        if self._runner is None or self._runner.done():
            self._runner = asyncio.ensure_future(self._run())
        return await asyncio.shield(waiting)

    def _read_now(self) -> T:
        with Session(self._engine) as session:
            return self._read(session)

    async def _run(self) -> None:
        while self._next is not None:
            current, self._next = self._next, None
            try:
                result = await anyio.to_thread.run_sync(self._read_now)
            except asyncio.CancelledError:  # shutting down
                current.cancel()
                if self._next is not None:
                    self._next.cancel()
                    self._next = None
                raise
            except Exception as exc:
                current.set_exception(exc)
                current.exception()  # retrieved: no warning when every caller went away
            else:
                current.set_result(result)
