from __future__ import annotations

from datetime import UTC, datetime, timedelta

from sqlalchemy import Engine
from sqlmodel import Session

from coordinator_node.db import session_scope
from coordinator_node.db.tables import FeedRecord
from coordinator_node.feeds.store import input_window, newest_records, records_between
from coordinator_node.feeds.types import FeedKey

KEY = FeedKey("synthetic", "BTC", "candle", "1m")
T0 = datetime(2026, 1, 1, tzinfo=UTC)


def _seed(engine: Engine, count: int) -> None:
    with session_scope(engine) as session:
        for i in range(count):
            price = 100.0 + i
            session.add(FeedRecord(
                source=KEY.source, subject=KEY.subject, kind=KEY.kind,
                granularity=KEY.granularity, ts_event=T0 + timedelta(minutes=i),
                values={"open": price, "high": price + 1, "low": price - 1, "close": price,
                        "volume": 1.0},
            ))
        # another feed's rows must never leak in
        session.add(FeedRecord(source="binance", subject="BTC", kind="candle", granularity="1m",
                               ts_event=T0 + timedelta(minutes=500), values={"close": -1.0}))


def test_input_window_is_the_newest_n_once_more_exist(engine: Engine) -> None:
    _seed(engine, 300)
    asof = T0 + timedelta(minutes=299)
    with Session(engine) as session:
        window = input_window(newest_records(session, KEY, asof, 120), "BTC", asof)
    candles = window["candles_1m"]
    assert len(candles) == 120
    assert candles[-1]["close"] == 399.0  # the newest
    assert candles[0]["close"] == 280.0  # not the oldest (100.0)
    assert [c["ts"] for c in candles] == sorted(c["ts"] for c in candles)
    assert window["asof_ts"] == int(asof.timestamp())


def test_window_never_sees_the_future(engine: Engine) -> None:
    _seed(engine, 10)
    with Session(engine) as session:
        rows = newest_records(session, KEY, T0 + timedelta(minutes=4, seconds=30), 120)
    assert [r.values["close"] for r in rows] == [100.0, 101.0, 102.0, 103.0, 104.0]


def test_records_between_is_inclusive_and_ordered(engine: Engine) -> None:
    _seed(engine, 10)
    with Session(engine) as session:
        rows = records_between(session, KEY, T0 + timedelta(minutes=2), T0 + timedelta(minutes=5))
    assert [r.values["close"] for r in rows] == [102.0, 103.0, 104.0, 105.0]
