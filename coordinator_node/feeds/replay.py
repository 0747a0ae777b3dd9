"""Replay candles from a CSV file (the format `coordinator-node feed-export` writes).

Columns: `ts_event` (ISO 8601 with offset), open, high, low, close, volume.
- Without `start_at`, rows keep their timestamps and are released `speed` times faster than the
  gaps between them (a fast re-ingest of history).
- With `start_at`, every timestamp moves by one constant so the file's first candle opens at
  `start_at`, and each candle is released when it closes on the wall clock: the pipeline sees
  the recorded market as if live. The constant depends only on the file and `start_at`, so a
  restart resumes after the watermark with no duplicate.
"""

from __future__ import annotations

import asyncio
import csv
import logging
from collections.abc import AsyncIterator, Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

from coordinator_node.feeds.types import (
    CANDLE_FIELDS,
    FeedKey,
    FeedRow,
    FetchPage,
    LiveBatch,
    finite_values,
    granularity_seconds,
)

log = logging.getLogger("coordinator_node.feeds.replay")

CSV_COLUMNS = ("ts_event", *CANDLE_FIELDS)


def read_csv(path: Path) -> Iterator[FeedRow | None]:
    """Rows of the file in order; None for a malformed one."""
    with path.open(newline="") as handle:
        for raw in csv.DictReader(handle):
            values = finite_values(raw, CANDLE_FIELDS)
            try:
                ts = datetime.fromisoformat(raw["ts_event"])
            except (KeyError, TypeError, ValueError):
                ts = None
            if values is None or ts is None or ts.tzinfo is None:
                yield None
            else:
                yield FeedRow(ts_event=ts.astimezone(UTC), values=values, meta={"replay": True})


class ReplayProvider:
    name = "replay"

    def __init__(self, path: str, speed: float, start_at: datetime | None) -> None:
        self.path = Path(path)
        self.speed = speed
        self.start_at = start_at

    def fetch(self, key: FeedKey, start: datetime, end: datetime) -> FetchPage:
        return FetchPage(rows=[], next_start=None)  # a replay is released live, in order

    async def live(self, key: FeedKey, since: datetime | None) -> AsyncIterator[LiveBatch]:
        if not self.path.is_file():
            raise FileNotFoundError(f"replay file {self.path} does not exist")
        step = granularity_seconds(key.granularity)
        offset: timedelta | None = None
        previous: datetime | None = None
        for row in read_csv(self.path):
            if row is None:
                log.warning("skipping malformed replay row in %s", self.path)
                yield LiveBatch([], malformed=1)
                continue
            if offset is None:
                offset = self.start_at - row.ts_event if self.start_at else timedelta(0)
            shifted = FeedRow(row.ts_event + offset, row.values, row.meta)
            if since is not None and shifted.ts_event <= since:
                continue  # already ingested before a restart
            if self.start_at is not None:
                closes_at = shifted.ts_event + timedelta(seconds=step)
                await asyncio.sleep(max((closes_at - datetime.now(UTC)).total_seconds(), 0))
            elif previous is not None:
                gap = (row.ts_event - previous).total_seconds()
                await asyncio.sleep(max(gap, 0) / self.speed)
            previous = row.ts_event
            yield LiveBatch([shifted])
        log.info("replay of %s finished", self.path)
        await asyncio.Event().wait()  # the file is exhausted: stay live, idle
