"""Heartbeat a long activity in the background, so Temporal notices a dead worker quickly
(the activity's heartbeat timeout, not its start-to-close timeout) and can cancel it."""

from __future__ import annotations

import asyncio
import contextvars
import threading
from collections.abc import AsyncIterator, Callable, Iterator
from contextlib import asynccontextmanager, contextmanager
from typing import Any


@asynccontextmanager
async def heartbeating(every_seconds: float,
                       details: Callable[[], tuple[Any, ...]] = tuple) -> AsyncIterator[None]:
    """Heartbeat every `every_seconds` with `details()` (read at each beat) while inside."""
    from temporalio import activity

    async def beat_forever() -> None:
        while True:
            activity.heartbeat(*details())
            await asyncio.sleep(every_seconds)

    beat = asyncio.create_task(beat_forever())
    try:
        yield
    finally:
        beat.cancel()


@contextmanager
def heartbeating_thread(every_seconds: float) -> Iterator[None]:
    """The same for a sync activity (it runs in a worker thread and may block on the database
    or on a slow scoring function): a daemon thread beats every `every_seconds` while inside.
    It beats in the activity's context; the SDK hands each beat to the worker's event loop.
    Called outside an activity (a benchmark calling the method directly), it does nothing."""
    from temporalio import activity

    if not activity.in_activity():
        yield
        return
    context = contextvars.copy_context()
    stop = threading.Event()

    def beat_forever() -> None:
        while True:
            try:
                activity.heartbeat()
            except Exception:  # the worker is shutting down: the activity's outcome decides
                return
            if stop.wait(every_seconds):
                return

    beater = threading.Thread(target=context.run, args=(beat_forever,), daemon=True,
                              name=f"heartbeat-{activity.info().activity_type}")
    beater.start()
    try:
        yield
    finally:
        stop.set()
        beater.join(1.0)
