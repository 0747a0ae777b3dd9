"""Reading the feed for the rest of the pipeline: model input and ground-truth ranges."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlmodel import Session

from coordinator_node.db.tables import FeedRecord


@dataclass(frozen=True)
class FeedKey:
    source: str
    subject: str
    kind: str
    granularity: str

    def __str__(self) -> str:
        return f"{self.source}/{self.subject}/{self.kind}/{self.granularity}"


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
