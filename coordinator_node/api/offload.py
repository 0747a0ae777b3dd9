"""Keeping the event loop free. The database driver is synchronous: async routes run their
database work in a worker thread with a session of its own (`in_thread`), which gives its
connection back before the route awaits anything else (Temporal above all). Identical calls
made at the same time share one awaitable (`SharedCalls`): a client retrying a confirm does
not queue one workflow Update per retry."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable, Hashable
from typing import Generic, TypeVar

import anyio.to_thread
from anyio import CapacityLimiter
from sqlalchemy import Engine
from sqlmodel import Session

T = TypeVar("T")


async def in_thread(engine: Engine, work: Callable[[Session], T],
                    limiter: CapacityLimiter | None = None) -> T:
    """`work(session)` in a worker thread; the session is closed when it returns."""

    def run() -> T:
        with Session(engine, expire_on_commit=False) as session:
            return work(session)

    return await anyio.to_thread.run_sync(run, limiter=limiter)


class SharedCalls(Generic[T]):
    """At most one call per key in flight; callers arriving meanwhile await the same one.
    The call runs as a task of its own, bounded by `seconds`, so a caller that goes away
    (a closed connection, a shutdown) neither cancels it for the others nor leaves it
    running forever."""

    def __init__(self) -> None:
        self._running: dict[Hashable, asyncio.Task[T]] = {}

    async def run(self, key: Hashable, call: Callable[[], Awaitable[T]], seconds: float) -> T:
        task = self._running.get(key)
        if task is None:
            task = asyncio.ensure_future(asyncio.wait_for(call(), seconds))
            self._running[key] = task
            task.add_done_callback(lambda done: self._finished(key, done))
        return await asyncio.shield(task)

    def _finished(self, key: Hashable, task: asyncio.Task[T]) -> None:
        if self._running.get(key) is task:
            del self._running[key]
        if not task.cancelled():
            task.exception()  # retrieved: no "never retrieved" warning when nobody waited

    def __len__(self) -> int:
        return len(self._running)
