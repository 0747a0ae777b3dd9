"""The feed vocabulary: keys, rows, pages and the provider contract. Pure (no database),
so workflows can import it."""

from __future__ import annotations

import math
import re
from collections.abc import AsyncIterator, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any, Protocol


@dataclass(frozen=True)
class FeedKey:
    source: str
    subject: str
    kind: str
    granularity: str

    def __str__(self) -> str:
        return f"{self.source}/{self.subject}/{self.kind}/{self.granularity}"


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


def since_or_default(
    watermark: datetime | None, default_depth: timedelta, now: datetime
) -> datetime:
    return watermark if watermark is not None else now - default_depth
