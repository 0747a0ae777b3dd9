"""What every feed provider produces, and the one write path into the database."""

from __future__ import annotations

import math
import re
from collections.abc import AsyncIterator, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any, Protocol

from sqlmodel import Session

from coordinator_node.db.tables import FeedRecord, FeedState, FeedWatermark
from coordinator_node.db.types import utcnow
from coordinator_node.db.upsert import upsert
from coordinator_node.feeds.reader import FeedKey

_UNITS = {"s": 1, "m": 60, "h": 3600, "d": 86400}


def granularity_seconds(granularity: str) -> int:
    match = re.fullmatch(r"([1-9][0-9]*)([smhd])", granularity)
    if not match:
        raise ValueError(f"granularity {granularity!r} must look like 1s, 1m, 1h or 1d")
    return int(match.group(1)) * _UNITS[match.group(2)]


def floor_time(ts: datetime, step_seconds: int) -> datetime:
    epoch = int(ts.timestamp())
    return datetime.fromtimestamp(epoch - epoch % step_seconds, UTC)


@dataclass(frozen=True)
class FeedRow:
    """One record as a provider produced it. `final` is False for a candle still open."""

    ts_event: datetime
    values: dict[str, float]
    meta: dict[str, Any] = field(default_factory=dict)
    final: bool = True


@dataclass
class FetchPage:
    """A backfill page: rows in [start, end), where to continue, malformed rows skipped."""

    rows: list[FeedRow]
    next_start: datetime | None  # None: the requested range is covered
    malformed: int = 0


@dataclass
class LiveBatch:
    rows: list[FeedRow]
    malformed: int = 0


class FeedProvider(Protocol):
    name: str

    def fetch(self, key: FeedKey, start: datetime, end: datetime) -> FetchPage:
        """Closed records with start <= ts_event < end (one page of them)."""
        ...

    def live(self, key: FeedKey, since: datetime | None) -> AsyncIterator[LiveBatch]:
        """Batches of new records after `since`, as they happen, forever."""
        ...


def finite_values(raw: dict[str, Any], fields: Sequence[str]) -> dict[str, float] | None:
    """Floats for `fields`, or None when any is missing, not numeric, NaN or infinite."""
    values: dict[str, float] = {}
    for name in fields:
        try:
            number = float(raw[name])
        except (KeyError, TypeError, ValueError):
            return None
        if not math.isfinite(number):
            return None
        values[name] = number
    return values


CANDLE_FIELDS = ("open", "high", "low", "close", "volume")


def store_rows(session: Session, key: FeedKey, rows: Iterable[FeedRow]) -> datetime | None:
    """Upsert rows on their natural key (an open candle is updated in place until it
    closes) and advance the watermark to the newest final row. Returns that watermark."""
    payload: list[dict[str, Any]] = [
        {
            "source": key.source, "subject": key.subject, "kind": key.kind,
            "granularity": key.granularity, "ts_event": row.ts_event,
            "values": row.values, "meta": {**row.meta, "final": row.final},
            "ingested_at": utcnow(),
        }
        for row in rows
    ]
    if not payload:
        return None
    upsert(session, FeedRecord, payload,
           ["source", "subject", "kind", "granularity", "ts_event"],
           update_columns=["values", "meta", "ingested_at"])
    final: list[datetime] = [p["ts_event"] for p in payload if p["meta"]["final"]]
    newest = max(final) if final else None
    if newest is not None:
        advance_watermark(session, key, newest)
    return newest


def advance_watermark(session: Session, key: FeedKey, ts: datetime) -> None:
    current = _watermark_row(session, key)
    if current.last_event_ts is None or ts > current.last_event_ts:
        current.last_event_ts = ts
        current.updated_at = utcnow()


def record_malformed(session: Session, key: FeedKey, count: int) -> None:
    if count <= 0:
        return
    current = _watermark_row(session, key)
    current.malformed_count = (current.malformed_count or 0) + count
    current.updated_at = utcnow()


def _watermark_row(session: Session, key: FeedKey) -> FeedWatermark:
    current = session.get(FeedWatermark, (key.source, key.subject, key.kind, key.granularity))
    if current is None:
        current = FeedWatermark(source=key.source, subject=key.subject, kind=key.kind,
                                granularity=key.granularity, malformed_count=0,
                                state=FeedState.BACKFILLING, updated_at=utcnow())
        session.add(current)
        session.flush()
    return current


def set_feed_state(session: Session, key: FeedKey, state: FeedState, detail: str | None) -> None:
    current = _watermark_row(session, key)
    current.state = state
    current.detail = detail
    current.updated_at = utcnow()


def read_watermark(session: Session, key: FeedKey) -> datetime | None:
    current = session.get(FeedWatermark, (key.source, key.subject, key.kind, key.granularity))
    return current.last_event_ts if current else None


def since_or_default(watermark: datetime | None, default_depth: timedelta,
                     now: datetime) -> datetime:
    return watermark if watermark is not None else now - default_depth
