"""Replay from a CSV export, retention, the feed reports and the backfill CLI."""

from __future__ import annotations

import asyncio
import os
import subprocess
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path

from fastapi.testclient import TestClient
from sqlalchemy import Engine
from temporalio.testing import ActivityEnvironment, WorkflowEnvironment

from coordinator_node.activities.feeds import FeedActivities
from coordinator_node.api import create_app
from coordinator_node.contract import DEFAULT_CONTRACT
from coordinator_node.db import session_scope
from coordinator_node.feeds.messages import RetentionInput
from coordinator_node.feeds.replay import ReplayProvider, read_csv
from coordinator_node.feeds.store import store_rows
from coordinator_node.feeds.synthetic import SyntheticProvider
from coordinator_node.feeds.types import FeedKey
from coordinator_node.services import Services
from tests.conftest import make_settings
from tests.feeds.conftest import stored
from tests.support import running_worker

KEY = FeedKey("synthetic", "BTC", "candle", "1m")
T = datetime(2026, 2, 1, tzinfo=UTC)


def _seed(engine: Engine, start: datetime, minutes: int, key: FeedKey = KEY) -> None:
    rows = SyntheticProvider(3).fetch(key, start, start + timedelta(minutes=minutes)).rows
    with session_scope(engine) as session:
        store_rows(session, key, rows)


def _node(tmp_path: Path, db_url: str, *args: str, **env: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "coordinator_node", *args], cwd=tmp_path,
        env={**os.environ, "DATABASE_URL": db_url, "FEED_SOURCE": "synthetic", **env},
        capture_output=True, text=True, timeout=120,
    )


async def test_export_then_replay_reproduces_the_candles(
    tmp_path: Path, sqlite_engine: Engine, sqlite_url: str
) -> None:
    _seed(sqlite_engine, T, 30)
    out = tmp_path / "btc.csv"
    result = _node(tmp_path, sqlite_url, "feed-export", "--subject", "BTC", "--granularity",
                   "1m", "--kind", "candle", "--start", T.isoformat(),
                   "--end", (T + timedelta(minutes=10)).isoformat(), "--out", str(out))
    assert result.returncode == 0, result.stderr
    assert "wrote 10 records" in result.stdout
    with out.open("a") as handle:  # a broken line at the end: skipped and counted
        handle.write("not-a-time,1,2,3,4,5\n")
    parsed = list(read_csv(out))
    assert parsed[-1] is None and len(parsed) == 11
    replay = ReplayProvider(str(out), speed=10_000.0, start_at=None)
    batches = []
    async for batch in replay.live(KEY, since=T + timedelta(minutes=4)):  # resumes after it
        batches.append(batch)
        if batch.malformed:
            break
    replayed = [r for b in batches for r in b.rows]
    original = stored(sqlite_engine, KEY)[5:10]
    assert [r.ts_event for r in replayed] == [r.ts_event for r in original]
    assert [r.values for r in replayed] == [r.values for r in original]

    shifted = ReplayProvider(str(out), speed=1.0, start_at=T + timedelta(days=300))
    first = await anext(shifted.live(KEY, since=None))
    assert first.rows[0].ts_event == T + timedelta(days=300)


def test_retention_removes_only_old_records(engine: Engine, sqlite_url: str) -> None:
    now = datetime.now(UTC).replace(second=0, microsecond=0)
    _seed(engine, now - timedelta(days=10, minutes=5), 10)  # straddles the 10-day TTL
    services = Services(settings=make_settings(sqlite_url), contract=DEFAULT_CONTRACT,
                        engine=engine)
    purged = ActivityEnvironment().run(FeedActivities(services).purge_old_records,
                                       RetentionInput(retention_days=10))
    remaining = stored(engine, KEY)
    # minutes -5..0 around `now - 10 days` are older than the cutoff taken a moment later
    assert purged == 6
    assert len(remaining) == 4
    assert all(r.ts_event >= now - timedelta(days=10) for r in remaining)


def test_feed_reports(pg_engine: Engine, pg_url: str) -> None:
    _seed(pg_engine, T, 30)
    _seed(pg_engine, T, 3, FeedKey("synthetic", "ETH", "candle", "1m"))
    app = create_app(make_settings(pg_url, temporal_address="127.0.0.1:1"))
    with TestClient(app) as client:
        feeds = client.get("/reports/feeds").json()
        assert [(f["subject"], f["record_count"]) for f in feeds] == [("BTC", 30), ("ETH", 3)]
        btc = feeds[0]
        assert btc["oldest_ts"] == "2026-02-01T00:00:00Z"
        assert btc["newest_ts"] == "2026-02-01T00:29:00Z"
        assert btc["watermark_ts"] == "2026-02-01T00:29:00Z"
        assert btc["watermark_updated_at"].endswith("Z")
        assert btc["state"] == "BACKFILLING" and btc["malformed_count"] == 0
        tail = client.get("/reports/feeds/tail", params={"subject": "BTC", "limit": 3}).json()
        assert [r["ts_event"] for r in tail] == ["2026-02-01T00:29:00Z", "2026-02-01T00:28:00Z",
                                                 "2026-02-01T00:27:00Z"]
        assert set(tail[0]["values"]) == {"open", "high", "low", "close", "volume"}
        assert tail[0]["ts_ingested"].endswith("Z")
        assert client.get("/reports/feeds/tail", params={"subject": "DOGE"}).json() == []
        assert client.get("/reports/feeds/tail", params={"limit": 0}).status_code == 422
        assert client.get("/reports/feeds/tail", params={"limit": 1001}).status_code == 422


async def test_backfill_cli_prints_progress_and_is_idempotent(
    tmp_path: Path, temporal_env: WorkflowEnvironment, pg_engine: Engine, pg_url: str,
    task_queue: str,
) -> None:
    settings = make_settings(pg_url, temporal_task_queue=task_queue)
    address = temporal_env.client.service_client.config.target_host
    args = ["backfill", "--source", "synthetic", "--subject", "BTC", "--kind", "candle",
            "--granularity", "1m", "--start", "2026-02-01T00:00:00Z",
            "--end", "2026-02-02T00:00:00Z"]
    async with running_worker(temporal_env.client, settings):
        for _ in range(2):
            result = await asyncio.to_thread(
                _node, tmp_path, pg_url, *args, TEMPORAL_ADDRESS=address,
                TEMPORAL_TASK_QUEUE=task_queue, CRUNCH_ID=settings.crunch_id)
            assert result.returncode == 0, result.stderr
            assert "100.0% 1440 records, 0 malformed — done" in result.stdout
    assert len(stored(pg_engine, KEY)) == 1440
    bad = _node(tmp_path, pg_url, *args[:-4], "--start", "2026-02-02", "--end", "2026-02-01")
    assert bad.returncode == 2 and "--start must be before --end" in bad.stderr
    bad_time = _node(tmp_path, pg_url, *args[:-4], "--start", "yesterday", "--end", "x")
    assert bad_time.returncode == 2 and "'yesterday' is not an ISO 8601 time" in bad_time.stderr
