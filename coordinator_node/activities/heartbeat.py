"""Heartbeat a long async activity in the background, so Temporal notices a dead worker
quickly and can cancel the activity."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
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
