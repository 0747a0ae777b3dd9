"""Backfill ingest throughput into Postgres: the paged bulk upsert the activities use, next to
a naive one-insert-and-commit-per-record baseline, measured in the same run.

    .venv/bin/python bench/feeds.py [--records 50000]
"""

from __future__ import annotations

import argparse
import sys
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from sqlmodel import Session

from bench._pg import scratch_database
from coordinator_node.db import create_db_engine, session_scope
from coordinator_node.db.tables import FeedRecord
from coordinator_node.feeds.store import store_rows
from coordinator_node.feeds.synthetic import SyntheticProvider
from coordinator_node.feeds.types import FeedKey

PAGE = 1000  # a Binance klines page


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--records", type=int, default=50_000)
    parser.add_argument("--baseline-records", type=int, default=3_000)
    args = parser.parse_args()

    key = FeedKey("synthetic", "BTC", "candle", "1m")
    start = datetime(2025, 1, 1, tzinfo=UTC)
    provider = SyntheticProvider(1)
    rows = []
    cursor: datetime | None = start
    end = start + timedelta(minutes=args.records)
    while cursor is not None:
        page = provider.fetch(key, cursor, end)
        rows += page.rows
        cursor = page.next_start

    with scratch_database() as url:
        engine = create_db_engine(url)
        began = time.perf_counter()
        for i in range(0, len(rows), PAGE):
            with session_scope(engine) as session:  # one transaction per page, as backfill does
                store_rows(session, key, rows[i:i + PAGE])
        bulk = len(rows) / (time.perf_counter() - began)

        began = time.perf_counter()
        for i in range(0, len(rows), PAGE):  # the same pages again: all conflicts, no-ops
            with session_scope(engine) as session:
                store_rows(session, key, rows[i:i + PAGE])
        replay = len(rows) / (time.perf_counter() - began)

        naive_key = FeedKey("naive", "BTC", "candle", "1m")
        began = time.perf_counter()
        for row in rows[: args.baseline_records]:
            with Session(engine) as session:
                session.add(FeedRecord(source=naive_key.source, subject=naive_key.subject,
                                       kind=naive_key.kind, granularity=naive_key.granularity,
                                       ts_event=row.ts_event, values=row.values, meta={}))
                session.commit()
        naive = args.baseline_records / (time.perf_counter() - began)
        engine.dispose()

    print(f"feed backfill ingest into Postgres ({len(rows)} candles, pages of {PAGE}):")
    print(f"  bulk upsert, one transaction per page : {bulk:>10,.0f} records/s")
    print(f"  same pages again (idempotent no-ops)  : {replay:>10,.0f} records/s")
    print(f"  naive insert + commit per record      : {naive:>10,.0f} records/s "
          f"({args.baseline_records} records)")
    print(f"  speed-up                              : {bulk / naive:>10.1f}x")


if __name__ == "__main__":
    main()
