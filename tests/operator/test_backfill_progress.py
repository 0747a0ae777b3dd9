"""Issue 17, point 3: a backfill shows honest progress (from the page fetch's heartbeat,
after every page), a fetch that keeps failing shows its error at once and ends the backfill
after a set number of attempts with that error, and the command warns when no worker polls."""

from __future__ import annotations

import asyncio
import os
import subprocess
import sys
import threading
import time
import uuid
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from temporalio.client import WorkflowFailureError
from temporalio.testing import WorkflowEnvironment

import coordinator_node.activities.feeds as feed_activities
from coordinator_node.client.backfill import backfill_status, start_backfill
from coordinator_node.feeds.messages import FeedRef
from coordinator_node.feeds.types import FeedKey, FeedRow, FetchPage
from tests.conftest import REPO_ROOT, make_settings
from tests.support import eventually, running_worker

T0 = datetime(2026, 3, 1, tzinfo=UTC)
PAGE = timedelta(minutes=10)


class GatedProvider:
    """Ten one-minute candles a page; each page waits for the test to let it through."""

    name = "gated"

    def __init__(self) -> None:
        self.gate = threading.Semaphore(0)
        self.pages = 0

    def fetch(self, key: FeedKey, start: datetime, end: datetime) -> FetchPage:
        if not self.gate.acquire(timeout=30):
            raise TimeoutError("the test never opened the gate")
        self.pages += 1
        stop = min(end, start + PAGE)
        rows = [FeedRow(ts_event=start + timedelta(minutes=i), values={"close": 1.0 * i})
                for i in range(int((stop - start) / timedelta(minutes=1)))]
        return FetchPage(rows=rows, next_start=stop if stop < end else None)

    async def live(self, key: FeedKey, since: datetime | None):  # type: ignore[no-untyped-def]
        raise NotImplementedError
        yield


async def test_progress_moves_with_every_page_inside_one_fetch(
    temporal_env: WorkflowEnvironment, pg_url: str, pg_engine: object, task_queue: str,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    provider = GatedProvider()
    monkeypatch.setattr(feed_activities, "build_provider", lambda settings, source: provider)
    settings = make_settings(pg_url, temporal_task_queue=task_queue,
                             crunch_id=f"c-{uuid.uuid4().hex[:6]}")
    feed = FeedRef(source="gated", subject="BTC", kind="candle", granularity="1m")
    end = T0 + 5 * PAGE  # five pages, all inside one fetch_pages call (ten a call)
    client = temporal_env.client
    async with running_worker(client, settings):
        handle = await start_backfill(client, settings, feed, T0, end)
        seen = []
        for page in range(1, 5):
            provider.gate.release()

            async def reached(page: int = page) -> object:
                status = await backfill_status(client, handle, T0, end)
                return status if status.rows == 10 * page else None

            status = await eventually(reached, within=10, what=f"page {page} in the progress")
            assert status.cursor == T0 + page * PAGE  # type: ignore[attr-defined]
            seen.append(round(status.fraction, 2))  # type: ignore[attr-defined]
        assert seen == [0.2, 0.4, 0.6, 0.8]
        provider.gate.release()
        final = await handle.result()
    assert (final.rows, final.done) == (50, True)


async def test_a_failing_fetch_gives_up_after_max_attempts_with_its_error(
    temporal_env: WorkflowEnvironment, pg_url: str, task_queue: str,
) -> None:
    # Nothing listens on port 1: every page fetch fails with the connection error.
    settings = make_settings(pg_url, temporal_task_queue=task_queue,
                             crunch_id=f"c-{uuid.uuid4().hex[:6]}",
                             binance_api_url="http://127.0.0.1:1/api")
    env = {k: v for k, v in os.environ.items() if k != "CONTRACT"}
    env.update({"DATABASE_URL": pg_url, "TEMPORAL_TASK_QUEUE": task_queue,
                "CRUNCH_ID": settings.crunch_id,
                "TEMPORAL_ADDRESS": temporal_env.client.service_client.config.target_host})
    args = [sys.executable, "-m", "coordinator_node", "backfill", "--source", "binance",
            "--subject", "BTCUSDT", "--kind", "candle", "--granularity", "1m",
            "--start", T0.isoformat(), "--end", (T0 + timedelta(hours=6)).isoformat(),
            "--max-attempts", "3"]
    async with running_worker(temporal_env.client, settings):
        began = time.monotonic()
        process = await asyncio.create_subprocess_exec(
            *args, cwd=REPO_ROOT, env=env, stdout=asyncio.subprocess.PIPE,
            stderr=asyncio.subprocess.PIPE)
        assert process.stderr is not None
        first = await asyncio.wait_for(process.stderr.readline(), 30)
        # The first attempt fails at once; the command says so before the next (2 s later).
        assert b"fetch attempt 1 failed: ConnectionError" in first, first
        assert time.monotonic() - began < 15
        _out, rest = await asyncio.wait_for(process.communicate(), 60)
    said = rest.decode()
    assert process.returncode == 1, said
    assert "fetch attempt 2 failed" in said
    last = said.strip().splitlines()[-1]
    assert last.startswith(
        f"coordinator-node: backfill of binance/BTCUSDT/candle/1m gave up at {T0.isoformat()} "
        "after 3 attempts: ConnectionError: "), last
    assert "Traceback" not in said


async def test_the_workflow_ends_with_the_error_as_its_result(
    temporal_env: WorkflowEnvironment, pg_url: str, task_queue: str,
) -> None:
    settings = make_settings(pg_url, temporal_task_queue=task_queue,
                             crunch_id=f"c-{uuid.uuid4().hex[:6]}",
                             binance_api_url="http://127.0.0.1:1/api")
    feed = FeedRef(source="binance", subject="BTCUSDT", kind="candle", granularity="1m")
    async with running_worker(temporal_env.client, settings):
        handle = await start_backfill(temporal_env.client, settings, feed, T0,
                                      T0 + timedelta(hours=1), max_attempts=2)
        with pytest.raises(WorkflowFailureError) as failed:
            await asyncio.wait_for(handle.result(), 60)
    assert "gave up" in str(failed.value.cause) and "after 2 attempts" in str(failed.value.cause)


def test_the_command_warns_when_no_worker_polls(
    temporal_env: WorkflowEnvironment, tmp_path: Path
) -> None:
    queue = f"tq-nobody-{uuid.uuid4().hex[:6]}"
    env = {k: v for k, v in os.environ.items() if k != "CONTRACT"}
    env.update({"DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite'}",
                "TEMPORAL_TASK_QUEUE": queue, "CRUNCH_ID": f"c-{uuid.uuid4().hex[:6]}",
                "TEMPORAL_ADDRESS": temporal_env.client.service_client.config.target_host})
    process = subprocess.Popen(
        [sys.executable, "-m", "coordinator_node", "backfill", "--source", "synthetic",
         "--subject", "BTC", "--start", T0.isoformat(),
         "--end", (T0 + timedelta(hours=1)).isoformat()],
        cwd=tmp_path, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    try:
        assert process.stderr is not None
        line = process.stderr.readline()
    finally:
        process.kill()
        process.wait()
    assert line.startswith(f"warning: no worker polls task queue '{queue}' on "), line
    assert "start `make dev` or `coordinator-node worker`" in line
