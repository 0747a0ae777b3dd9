"""Feed test helpers: what a feed stored, and its watermark."""

from __future__ import annotations

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

