"""The feed in the database: the one write path (rows, watermark, state) and the reads the
rest of the pipeline makes (model input windows, ground-truth ranges)."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from typing import Any

from pydantic import BaseModel
from sqlalchemy import func, select
from sqlmodel import Session

from coordinator_node.db.tables import FeedRecord, FeedWatermark
from coordinator_node.db.types import utcnow
from coordinator_node.db.upsert import upsert
from coordinator_node.feeds.types import FeedKey, FeedRow
from coordinator_node.statuses import FeedState


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


def _of(key: FeedKey) -> list[Any]:
    return [
        FeedRecord.source == key.source,
        FeedRecord.subject == key.subject,
        FeedRecord.kind == key.kind,
        FeedRecord.granularity == key.granularity,
    ]


def newest_records(session: Session, key: FeedKey, asof: datetime, limit: int) -> list[FeedRecord]:
    """The newest `limit` records at or before `asof`, oldest first (never the oldest N)."""
    rows = (
        session.execute(
            select(FeedRecord)
            .where(*_of(key), FeedRecord.ts_event <= asof)  # type: ignore[arg-type]
            .order_by(FeedRecord.ts_event.desc())  # type: ignore[attr-defined]
            .limit(limit)
        )
        .scalars()
        .all()
    )
    return list(reversed(rows))


def records_between(
    session: Session, key: FeedKey, start: datetime, end: datetime
) -> list[FeedRecord]:
    """Records with `start <= ts_event <= end`, oldest first: what ground truth resolves from."""
    return list(
        session.execute(
            select(FeedRecord)
            .where(*_of(key), FeedRecord.ts_event >= start, FeedRecord.ts_event <= end)  # type: ignore[arg-type]
            .order_by(FeedRecord.ts_event)  # type: ignore[arg-type]
        )
        .scalars()
        .all()
    )


def as_candle(record: FeedRecord) -> dict[str, Any]:
    """A record as the model-input candle; a tick becomes a flat candle at its price."""
    values: dict[str, Any] = record.values
    price: Any = values.get("price")
    return {
        "ts": int(record.ts_event.timestamp()),
        "open": float(values.get("open", price)),
        "high": float(values.get("high", price)),
        "low": float(values.get("low", price)),
        "close": float(values.get("close", price)),
        "volume": float(values.get("volume", 0.0)),
    }


def input_window(records: list[FeedRecord], symbol: str, asof: datetime) -> dict[str, Any]:
    """SPEC §7 model input: `{symbol, asof_ts, candles_1m: [...]}`, oldest to newest."""
    return {
        "symbol": symbol,
        "asof_ts": int(asof.timestamp()),
        "candles_1m": [as_candle(r) for r in records],
    }


def as_plain(record: FeedRecord) -> dict[str, Any]:
    """A record as plain data (what `resolve_ground_truth` receives)."""
    return {
        "source": record.source,
        "subject": record.subject,
        "kind": record.kind,
        "granularity": record.granularity,
        "ts_event": record.ts_event.isoformat(),
        "values": record.values,
        "meta": record.meta,
    }


class FeedSummary(BaseModel):
    source: str
    subject: str
    kind: str
    granularity: str
    record_count: int
    oldest_ts: datetime | None
    newest_ts: datetime | None
    watermark_ts: datetime | None
    watermark_updated_at: datetime | None
    # additions
    malformed_count: int
    state: FeedState | None
    detail: str | None


def feed_summaries(session: Session, include_empty: bool = False) -> list[FeedSummary]:
    """The feeds that have records (and, when asked, those that have only a state yet), by
    (source, subject, kind, granularity): counts, oldest/newest record, watermark, state."""
    records = FeedRecord.__table__.c  # type: ignore[attr-defined]
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
    for feed in sorted(set(counts) | set(states) if include_empty else set(counts)):
        count = counts.get(feed)
        mark = states.get(feed)
        feeds.append(FeedSummary(
            source=feed[0], subject=feed[1], kind=feed[2], granularity=feed[3],
            record_count=count[4] if count else 0,
            oldest_ts=count[5] if count else None,  # min/max keep the aware-UTC column type
            newest_ts=count[6] if count else None,
            watermark_ts=mark.last_event_ts if mark else None,
            watermark_updated_at=mark.updated_at if mark else None,
            malformed_count=mark.malformed_count if mark else 0,
            state=mark.state if mark else None,
            detail=mark.detail if mark else None,
        ))
    return feeds


def price_points(session: Session, key: FeedKey, since: datetime, until: datetime
                 ) -> list[tuple[datetime, float]]:
    """`(ts_event, price)` of the feed's records in `[since, until]`, oldest first: a candle's
    close, a tick's price (records with neither are left out). Plain columns, no row
    objects."""
    points = []
    for ts, values in session.execute(
            select(FeedRecord.ts_event, FeedRecord.values)  # type: ignore[call-overload]
            .where(*_of(key), FeedRecord.ts_event >= since, FeedRecord.ts_event <= until)
            .order_by(FeedRecord.ts_event)).all():
        price: Any = values.get("close", values.get("price")) if isinstance(values, dict) else None
        try:
            points.append((ts, float(price)))
        except (TypeError, ValueError):
            continue
    return points
