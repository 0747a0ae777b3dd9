"""The dev feed: deterministic, continuous, and resumed without gap or duplicate after a kill."""

from __future__ import annotations

import asyncio
import itertools
import os
import signal
import subprocess
import sys
from datetime import UTC, datetime, timedelta

from sqlalchemy import Engine
from temporalio.client import WorkflowHistory
from temporalio.contrib.pydantic import pydantic_data_converter
from temporalio.testing import WorkflowEnvironment
from temporalio.worker import Replayer

from coordinator_node.feeds.synthetic import SyntheticProvider
from coordinator_node.feeds.types import FeedKey
from coordinator_node.ids import ingest_workflow_id
from coordinator_node.workflows.feeds import FeedIngestWorkflow
from tests.conftest import REPO_ROOT, make_settings
from tests.feeds.conftest import stored, watermark
from tests.support import eventually, running_worker

KEY = FeedKey("synthetic", "BTC", "candle", "1s")
T = datetime(2026, 3, 1, 12, tzinfo=UTC)


def test_series_is_a_pure_function_of_seed_and_time() -> None:
    a = SyntheticProvider(7).fetch(KEY, T, T + timedelta(minutes=2)).rows
    b = SyntheticProvider(7).fetch(KEY, T + timedelta(minutes=1), T + timedelta(minutes=2)).rows
    c = SyntheticProvider(8).fetch(KEY, T, T + timedelta(minutes=2)).rows
    assert len(a) == 120 and a[60:] == b  # the same candles however they are fetched
    assert [r.values for r in a] != [r.values for r in c]  # another seed, another market
    for left, right in itertools.pairwise(a):
        assert left.values["close"] == right.values["open"]  # continuous
        assert left.values["low"] <= min(left.values["open"], left.values["close"])
        assert left.values["high"] >= max(left.values["open"], left.values["close"])


def test_pages_cover_a_long_range_exactly() -> None:
    key = FeedKey("synthetic", "ETH", "candle", "1m")
    provider, cursor, rows = SyntheticProvider(1), T, []
    while cursor is not None:
        page = provider.fetch(key, cursor, T + timedelta(days=1))
        rows += page.rows
        cursor = page.next_start
    assert [r.ts_event for r in rows] == [T + timedelta(minutes=i) for i in range(1440)]


async def test_killed_worker_resumes_with_no_gap_and_no_duplicate(
    temporal_env: WorkflowEnvironment, pg_engine: Engine, pg_url: str, task_queue: str
) -> None:
    settings = make_settings(
        pg_url, temporal_task_queue=task_queue, feed_source="synthetic", feed_subjects=["BTC"],
        feed_kind="candle", feed_granularity="1s", feed_backfill_days=20 / 86400,
    )
    env = {**os.environ, "DATABASE_URL": pg_url, "TEMPORAL_TASK_QUEUE": task_queue,
           "TEMPORAL_ADDRESS": temporal_env.client.service_client.config.target_host,
           "FEED_SOURCE": "synthetic", "FEED_SUBJECTS": "BTC", "FEED_KIND": "candle",
           "FEED_GRANULARITY": "1s", "FEED_BACKFILL_DAYS": str(20 / 86400),
           "CRUNCH_ID": settings.crunch_id, "WORKER_METRICS_PORT": "0"}

    def newest() -> datetime | None:
        mark = watermark(pg_engine, KEY)
        return None if mark is None else mark.last_event_ts

    def live_and_current() -> datetime | None:
        mark = watermark(pg_engine, KEY)
        ts = mark.last_event_ts if mark is not None and mark.state == "LIVE" else None
        return ts if ts and ts > datetime.now(UTC) - timedelta(seconds=3) else None

    # The worker as operators run it, in its own process, started by its own bootstrap.
    worker = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "coordinator_node", "worker", env=env, cwd=REPO_ROOT,
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        live_at = await eventually(live_and_current, within=60, what="the feed to go live")
        await eventually(lambda: (ts := newest()) and ts >= live_at + timedelta(seconds=2),
                         within=30, what="two more live seconds stored before the kill")
    finally:
        worker.send_signal(signal.SIGKILL)  # no goodbye: the live activity just vanishes
        await worker.wait()
    killed_at = datetime.now(UTC)
    await asyncio.sleep(3)  # an outage: the market moves on while nobody listens
    async with running_worker(temporal_env.client, settings):
        await eventually(lambda: (ts := newest()) and ts > killed_at + timedelta(seconds=5),
                         within=90, what="the feed to resume past the outage")
        handle = temporal_env.client.get_workflow_handle(
            ingest_workflow_id(settings.crunch_id, f"{KEY}"))
        status = await handle.query(FeedIngestWorkflow.status)
        history = await handle.fetch_history()
        await handle.terminate()
    assert status.stalls == 0 and status.state == "LIVE"  # a lost worker is not a stall
    rows = stored(pg_engine, KEY)
    stamps = [r.ts_event for r in rows]
    assert len(stamps) == len(set(stamps))
    assert stamps == [stamps[0] + timedelta(seconds=i) for i in range(len(stamps))], "gap"
    assert stamps[0] < killed_at - timedelta(seconds=10) and stamps[-1] > killed_at
    expected = SyntheticProvider(settings.synthetic_seed).fetch(KEY, stamps[0],
                                                                stamps[-1] + timedelta(seconds=1))
    assert [r.values for r in rows] == [r.values for r in expected.rows]  # no drift
    # The recorded history replays against the current workflow code.
    await Replayer(workflows=[FeedIngestWorkflow],
                   data_converter=pydantic_data_converter).replay_workflow(
        WorkflowHistory.from_json(history.workflow_id, history.to_json()))
