"""Feed reports: every feed with its counts, range, watermark and state; the newest records."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Any

from fastapi import APIRouter, Query
from pydantic import BaseModel
from sqlalchemy import func, select

from coordinator_node.api.deps import SessionDep
from coordinator_node.db.tables import FeedRecord, FeedWatermark

router = APIRouter(prefix="/reports", tags=["feeds"])

records = FeedRecord.__table__.c  # type: ignore[attr-defined]
marks = FeedWatermark.__table__.c  # type: ignore[attr-defined]


class FeedSummary(BaseModel):
    source: str
    subject: str
    kind: str
    granularity: str
    record_count: int
    oldest: datetime | None
    newest: datetime | None
    watermark: datetime | None
    malformed_count: int
    state: str | None
    detail: str | None


class FeedRecordOut(BaseModel):
    source: str
    subject: str
    kind: str
    granularity: str
    ts_event: datetime
    values: dict[str, Any]
    meta: dict[str, Any]


@router.get("/feeds", response_model=list[FeedSummary])
def list_feeds(session: SessionDep) -> list[FeedSummary]:
    key = (records.source, records.subject, records.kind, records.granularity)
    counts = {
        tuple(row[:4]): row
        for row in session.execute(
            select(*key, func.count(), func.min(records.ts_event), func.max(records.ts_event))
            .group_by(*key)
        ).all()
    }
    states = {
        (m.source, m.subject, m.kind, m.granularity): m
        for m in session.execute(select(FeedWatermark)).scalars().all()
    }
    feeds = []
    for feed in sorted(set(counts) | set(states)):
        count = counts.get(feed)
        mark = states.get(feed)
        feeds.append(FeedSummary(
            source=feed[0], subject=feed[1], kind=feed[2], granularity=feed[3],
            record_count=count[4] if count else 0,
            oldest=count[5] if count else None,  # min/max keep the aware-UTC column type
            newest=count[6] if count else None,
            watermark=mark.last_event_ts if mark else None,
            malformed_count=mark.malformed_count if mark else 0,
            state=mark.state if mark else None,
            detail=mark.detail if mark else None,
        ))
    return feeds


@router.get("/feeds/tail", response_model=list[FeedRecordOut])
def feed_tail(
    session: SessionDep,
    source: str | None = None,
    subject: str | None = None,
    kind: str | None = None,
    granularity: str | None = None,
    limit: Annotated[int, Query(ge=1, le=1000)] = 20,
) -> list[FeedRecordOut]:
    """The newest records first, optionally of one feed."""
    query = select(FeedRecord)
    for column, value in (("source", source), ("subject", subject), ("kind", kind),
                          ("granularity", granularity)):
        if value is not None:
            query = query.where(records[column] == value)
    rows = session.execute(
        query.order_by(records.ts_event.desc(), records.id.desc()).limit(limit)
    ).scalars().all()
    return [FeedRecordOut.model_validate(row, from_attributes=True) for row in rows]
