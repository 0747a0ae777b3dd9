"""Backfill ingest throughput into the database: the paged bulk upsert the activities use,
next to a naive one-insert-and-commit-per-record baseline, measured in the same run.

    .venv/bin/python bench/feeds.py [--database-url URL] [--records 50000]
"""

from __future__ import annotations

import argparse
import sys
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from sqlmodel import Session

from bench._db import add_database_argument, backend, database_url, print_table, scratch_database
from coordinator_node.db import create_db_engine, session_scope
from coordinator_node.db.tables import FeedRecord
from coordinator_node.feeds.store import store_rows
from coordinator_node.feeds.synthetic import SyntheticProvider
from coordinator_node.feeds.types import FeedKey

PAGE = 1000  # a Binance klines page


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    add_database_argument(parser)
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

    url = database_url(args.database_url)
    with scratch_database(url) as scratch:
        engine = create_db_engine(scratch)
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

    print_table(f"Feed backfill ingest ({backend(url)}, {len(rows):,} candles, pages of {PAGE})",
                ["figure", "records/s"], [
                    ["bulk upsert, one transaction per page", f"{bulk:,.0f}"],
                    ["the same pages again (idempotent no-ops)", f"{replay:,.0f}"],
                    [f"naive insert + commit per record ({args.baseline_records:,})",
                     f"{naive:,.0f}"],
                    ["speed-up of the bulk upsert", f"{bulk / naive:.1f}x"]])

if __name__ == "__main__":
    main()
