"""Hermes' real JSON through httpx; errors back off and report a stall, never a price."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Engine
from temporalio.client import WorkflowHandle
from temporalio.testing import WorkflowEnvironment

from coordinator_node.feeds.messages import FeedIngestInput, FeedIngestStatus, FeedRef
from coordinator_node.feeds.pyth import DEFAULT_FEED_IDS, parse_price_update
from coordinator_node.temporal import FEED_STATE
from coordinator_node.workflows.feeds import FeedIngestWorkflow
from tests.conftest import make_settings
from tests.feeds.conftest import stored, watermark
from tests.feeds.fakes import FakeHermes, serve
from tests.support import eventually, running_worker

BTC = DEFAULT_FEED_IDS["BTC"]


def test_price_is_price_times_ten_to_expo() -> None:
    body = {"parsed": [{"id": BTC[2:], "price": {"price": "6512345678900", "expo": -8,
                                                 "publish_time": 1_790_000_000, "conf": "1"}}]}
    row = parse_price_update(body, BTC)
    assert row is not None
    assert row.values == {"price": 65123.456789}
    assert row.ts_event == datetime.fromtimestamp(1_790_000_000, UTC)
    assert parse_price_update({"parsed": []}, BTC) is None
    assert parse_price_update({"parsed": [{"id": BTC[2:], "price": {"price": "x"}}]}, BTC) is None
    assert parse_price_update({"parsed": [{"id": "other", "price": {}}]}, BTC) is None


async def test_errors_report_a_stall_without_inventing_a_price(
    temporal_env: WorkflowEnvironment, pg_engine: Engine, pg_url: str, task_queue: str
) -> None:
    now = int(datetime.now(UTC).timestamp())
    hermes = FakeHermes(prices=[(6500000000000, -8, now - 2), (6501000000000, -8, now - 1)])
    feed = FeedRef(source="pyth", subject="BTC", kind="tick", granularity="1s")
    with serve(hermes.app()) as url:
        settings = make_settings(pg_url, temporal_task_queue=task_queue, pyth_hermes_url=url,
                                 pyth_poll_seconds=0.2)
        async with running_worker(temporal_env.client, settings):
            handle = await temporal_env.client.start_workflow(
                FeedIngestWorkflow.run,
                FeedIngestInput(feed=feed, crunch_id="test", backfill_days=0.01,
                                live_session_minutes=1),
                id=f"pyth-{uuid.uuid4().hex[:6]}", task_queue=task_queue,
            )
            await eventually(lambda: len(stored(pg_engine, feed.key)) == 2, within=30,
                             what="two ticks")
            hermes.fail_with = 503
            calls_before = hermes.calls

            async def stalled() -> FeedIngestStatus | None:
                status = await handle.query(FeedIngestWorkflow.status)
                described = await handle.describe()
                visible = described.typed_search_attributes.get(FEED_STATE)
                return status if status.state == visible == "STALLED" else None

            # the source's failure comes back at once: STALLED (state and search attribute)
            status = await eventually(stalled, within=30, what="the feed to say STALLED")
            stalled_calls = hermes.calls - calls_before
            first_stall = status
            # Still failing: the count grows. Then the source recovers and a tick lands; the
            # next failure counts from 1 again (consecutive failures only).
            await eventually(lambda: _stalls(handle, 2), within=30,
                             what="a second consecutive failure")
            hermes.fail_with = None
            hermes.prices = [(6502000000000, -8, int(datetime.now(UTC).timestamp()) + 60)]
            hermes.calls = 0
            await eventually(lambda: len(stored(pg_engine, feed.key)) == 3, within=30,
                             what="the tick after the recovery")
            hermes.fail_with = 503
            recovered = await eventually(lambda: _state_after(handle, "STALLED"), within=30,
                                         what="the next failure")
            await handle.terminate()
    status = first_stall
    rows = stored(pg_engine, feed.key)
    assert [r.values for r in rows] == [{"price": 65000.0}, {"price": 65010.0},
                                        {"price": 65020.0}]  # nothing invented
    assert status.state == "STALLED" and status.stalls == 1
    assert "Hermes answered 503: upstream unavailable" in (status.last_error or "")
    mark = watermark(pg_engine, feed.key)
    assert mark is not None and "Hermes answered 503: upstream unavailable" in (mark.detail or "")
    # one failed call made the stall; the backoff (1 s, then 2 s) does not hammer the source
    assert 1 <= stalled_calls <= 3
    assert recovered.stalls == 1  # counted afresh after the good tick


async def _stalls(handle: WorkflowHandle[Any, Any], at_least: int) -> bool:
    status = await handle.query(FeedIngestWorkflow.status)
    return status.stalls >= at_least


async def _state_after(handle: WorkflowHandle[Any, Any], state: str) -> FeedIngestStatus | None:
    status = await handle.query(FeedIngestWorkflow.status)
    return status if status.state == state else None
