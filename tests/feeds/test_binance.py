"""python-binance's real clients against a local server speaking Binance's wire format."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta

from sqlalchemy import Engine
from temporalio.common import WorkflowIDConflictPolicy
from temporalio.testing import WorkflowEnvironment

from coordinator_node.feeds.binance import parse_kline_event, parse_kline_row
from coordinator_node.feeds.messages import BackfillInput, FeedIngestInput, FeedRef
from coordinator_node.workflows.feeds import BackfillWorkflow, FeedIngestWorkflow
from tests.conftest import make_settings
from tests.feeds.conftest import stored, watermark
from tests.feeds.fakes import FakeBinance, kline_event, kline_row, serve
from tests.support import eventually, running_worker

T0 = datetime(2026, 1, 1, tzinfo=UTC)
T0_MS = int(T0.timestamp() * 1000)
MINUTE_MS = 60_000


def test_row_and_event_parsing_skips_malformed() -> None:
    assert parse_kline_row(kline_row(T0_MS, 100.0)).values["close"] == 100.0  # type: ignore[union-attr]
    for bad in (["x"], [T0_MS, "NaN", "1", "1", "1", "1", 0], [T0_MS, "a", "1", "1", "1", "1", 0],
                [T0_MS, "1", "1", "1", "inf", "1", 0], "row", [None, "1", "1", "1", "1", "1", 0]):
        assert parse_kline_row(bad) is None
    event = parse_kline_event(kline_event(T0_MS, 5.0, closed=False))
    assert event is not None and event.final is False and event.ts_event == T0
    assert parse_kline_event({"e": "kline"}) is None
    assert parse_kline_event({"e": "kline", "k": {"t": T0_MS, "o": "1"}}) is None


async def test_multi_page_backfill_lands_every_candle_once(
    temporal_env: WorkflowEnvironment, pg_engine: Engine, pg_url: str, task_queue: str
) -> None:
    fake = FakeBinance(klines=[kline_row(T0_MS + i * MINUTE_MS, 100.0 + i) for i in range(2500)])
    # three malformed rows inside the range: skipped, counted, never abort the batch
    fake.klines.insert(10, [T0_MS + 10 * MINUTE_MS + 1, "NaN", "1", "1", "1", "1", 0])
    fake.klines.insert(1500, [T0_MS + 1490 * MINUTE_MS + 7])
    fake.klines.insert(2000, [T0_MS + 1990 * MINUTE_MS + 3, "oops", "1", "1", "1", "1", 0])
    fake.klines.sort(key=lambda r: r[0])
    feed = FeedRef(source="binance", subject="BTCUSDT", kind="candle", granularity="1m")
    end = T0 + timedelta(minutes=2500)
    with serve(fake.app()) as url:
        settings = make_settings(pg_url, temporal_task_queue=task_queue,
                                 binance_api_url=f"{url}/api")
        async with running_worker(temporal_env.client, settings):
            for _ in range(2):  # a second, identical backfill changes nothing
                progress = await temporal_env.client.execute_workflow(
                    BackfillWorkflow.run, BackfillInput(feed=feed, start=T0, end=end),
                    id=f"backfill-{uuid.uuid4().hex[:6]}", task_queue=task_queue,
                )
    assert progress.done and progress.fraction == 1.0
    assert progress.malformed == 3
    rows = stored(pg_engine, feed.key)
    assert len(rows) == 2500
    assert [r.ts_event for r in rows] == [T0 + timedelta(minutes=i) for i in range(2500)]
    assert rows[-1].values == {"open": 2599.0, "high": 2600.0, "low": 2598.0, "close": 2599.0,
                               "volume": 12.5}
    assert len(fake.requests) >= 3 * 2  # paged, 1000 per request
    assert {r["symbol"] for r in fake.requests} == {"BTCUSDT"}
    assert {r["interval"] for r in fake.requests} == {"1m"}
    mark = watermark(pg_engine, feed.key)
    assert mark is not None and mark.last_event_ts == rows[-1].ts_event
    assert mark.malformed_count == 6  # 3 per run


async def test_live_candles_are_stored_when_they_close(
    temporal_env: WorkflowEnvironment, pg_engine: Engine, pg_url: str, task_queue: str
) -> None:
    now = datetime.now(UTC).replace(second=0, microsecond=0)
    now_ms = int(now.timestamp() * 1000)
    history = [kline_row(now_ms - (5 - i) * MINUTE_MS, 50.0 + i) for i in range(5)]
    fake = FakeBinance(klines=history, ws_events=[
        kline_event(now_ms, 60.0, closed=False),   # the current candle, still open
        {"e": "kline", "k": {"t": now_ms}},        # malformed: no prices
        kline_event(now_ms, 61.0, closed=False),   # updated in place
        kline_event(now_ms, 62.0, closed=True),    # closed: final
        "{not json",                               # unparsable: counted, stream reopened
    ])
    feed = FeedRef(source="binance", subject="BTCUSDT", kind="candle", granularity="1m")
    with serve(fake.app()) as url:
        settings = make_settings(pg_url, temporal_task_queue=task_queue,
                                 binance_api_url=f"{url}/api",
                                 binance_stream_url=url.replace("http", "ws") + "/")
        async with running_worker(temporal_env.client, settings):
            handle = await temporal_env.client.start_workflow(
                FeedIngestWorkflow.run,
                FeedIngestInput(feed=feed, crunch_id="test", backfill_days=0.01,
                                live_session_minutes=1),
                id=f"ingest-{uuid.uuid4().hex[:6]}", task_queue=task_queue,
                id_conflict_policy=WorkflowIDConflictPolicy.FAIL,
            )

            def closed_live_candle() -> bool:
                rows = stored(pg_engine, feed.key)
                return bool(rows) and rows[-1].ts_event == now and rows[-1].meta["final"]

            def malformed_count() -> int | None:
                mark = watermark(pg_engine, feed.key)
                return None if mark is None else mark.malformed_count

            await eventually(closed_live_candle, within=30, what="the live candle to close")
            await eventually(lambda: malformed_count() == 2, within=30,
                             what="two malformed messages counted")
            await eventually(lambda: len(fake.ws_paths) >= 2, within=30,
                             what="the stream to reopen")
            status = await handle.query(FeedIngestWorkflow.status)
            await handle.terminate()
    rows = stored(pg_engine, feed.key)
    assert [r.ts_event for r in rows] == [now - timedelta(minutes=5 - i) for i in range(6)]
    assert rows[-1].values["close"] == 62.0  # the closed candle's final values
    assert status.state == "LIVE"
    assert fake.ws_paths[:2] == ["btcusdt@kline_1m", "btcusdt@kline_1m"]  # reopened
    mark = watermark(pg_engine, feed.key)
    assert mark is not None and mark.state == "LIVE" and mark.last_event_ts == now
