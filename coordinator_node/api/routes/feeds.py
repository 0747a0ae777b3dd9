"""Feed reports: every feed with its counts, range, watermark and state; the newest records."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Any

from fastapi import APIRouter, Query, Response
from pydantic import BaseModel
from sqlalchemy import select

from coordinator_node.api.answers import json_answer
from coordinator_node.api.deps import SessionDep
from coordinator_node.api.errors import errors
from coordinator_node.api.params import text
from coordinator_node.api.routing import ApiRoute
from coordinator_node.db.tables import FeedRecord, FeedWatermark
from coordinator_node.feeds.store import FeedSummary, feed_summaries

router = APIRouter(prefix="/reports", tags=["feeds"], route_class=ApiRoute)

records = FeedRecord.__table__.c  # type: ignore[attr-defined]
marks = FeedWatermark.__table__.c  # type: ignore[attr-defined]


class FeedRecordOut(BaseModel):
    source: str
    subject: str
    kind: str
    granularity: str
    ts_event: datetime
    ts_ingested: datetime
    values: dict[str, Any]
    meta: dict[str, Any]


@router.get("/feeds", response_model=list[FeedSummary], responses=errors(422, 503))
def list_feeds(
    session: SessionDep,
    include_empty: Annotated[bool, Query(
        description="also feeds with a state but no record yet (e.g. stalled at start)")] = False,
) -> list[FeedSummary]:
    """The feeds that have records, by (source, subject, kind, granularity)."""
    return feed_summaries(session, include_empty)


@router.get("/feeds/tail", response_model=list[FeedRecordOut], responses=errors(422, 503))
def feed_tail(
    session: SessionDep,
    source: Annotated[str | None, text("only this source's records")] = None,
    subject: Annotated[str | None, text("only this subject's records")] = None,
    kind: Annotated[str | None, text("only this kind's records")] = None,
    granularity: Annotated[str | None, text("only this granularity's records")] = None,
    limit: Annotated[int, Query(ge=1, le=1000)] = 20,
) -> Response:
    """The newest records first, optionally of one feed."""
    query = select(records.source, records.subject, records.kind, records.granularity,
                   records.ts_event, records.ingested_at.label("ts_ingested"), records["values"],
                   records.meta)
    for column, value in (("source", source), ("subject", subject), ("kind", kind),
                          ("granularity", granularity)):
        if value is not None:
            query = query.where(records[column] == value)
    rows = session.execute(
        query.order_by(records.ts_event.desc(), records.id.desc()).limit(limit)).all()
    return json_answer([row._asdict() for row in rows])
