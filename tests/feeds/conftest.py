from __future__ import annotations

import asyncio
import inspect
from collections.abc import Callable
from typing import Any

from sqlalchemy import Engine, select
from sqlmodel import Session

from coordinator_node.db.tables import FeedRecord, FeedWatermark
from coordinator_node.feeds.types import FeedKey


def stored(engine: Engine, key: FeedKey) -> list[FeedRecord]:
    with Session(engine) as session:
        return list(session.execute(
            select(FeedRecord).where(
                FeedRecord.source == key.source, FeedRecord.subject == key.subject,  # type: ignore[arg-type]
                FeedRecord.kind == key.kind, FeedRecord.granularity == key.granularity,  # type: ignore[arg-type]
            ).order_by(FeedRecord.ts_event)  # type: ignore[arg-type]
        ).scalars().all())


def watermark(engine: Engine, key: FeedKey) -> FeedWatermark | None:
    with Session(engine) as session:
        return session.get(FeedWatermark, (key.source, key.subject, key.kind, key.granularity))


async def eventually(check: Callable[[], Any], within: float = 30.0, what: str = "") -> Any:
    """Poll `check` until it returns something truthy (real servers take real time)."""
    deadline = asyncio.get_running_loop().time() + within
    while True:
        value = check()
        if inspect.isawaitable(value):
            value = await value
        if value:
            return value
        if asyncio.get_running_loop().time() > deadline:
            raise AssertionError(f"timed out waiting for {what or check}")
        await asyncio.sleep(0.2)
