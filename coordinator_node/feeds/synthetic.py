"""A seeded random-walk candle feed: the dev default, so the node runs offline.

The series is a pure function of (seed, subject, time): a daily random walk of anchors,
joined by Brownian bridges second by second. A restart or a re-backfill regenerates exactly
the same values, so there is never a gap, a duplicate or a drift.
"""

from __future__ import annotations

import asyncio
import hashlib
from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta
from functools import lru_cache

import numpy as np

from coordinator_node.feeds.types import (
    FeedKey,
    FeedRow,
    FetchPage,
    LiveBatch,
    floor_time,
    granularity_seconds,
)

DAY = 86_400
EPOCH_DAY = 19_358  # 2023-01-01: anchors are generated from here on
BASE_PRICE = {"BTC": 60_000.0, "ETH": 3_000.0, "SOL": 150.0}
DAILY_VOL = 0.03  # log-return standard deviation per day
PAGE_SECONDS = 6 * 3600


def _rng(*parts: object) -> np.random.Generator:
    digest = hashlib.blake2b(repr(parts).encode(), digest_size=16).digest()
    return np.random.default_rng(int.from_bytes(digest, "little"))


@lru_cache(maxsize=4)
def _anchors(seed: int, subject: str, days: int) -> np.ndarray:
    """Log-price at the start of each day since EPOCH_DAY."""
    steps = _rng(seed, subject, "daily").normal(0.0, DAILY_VOL, size=days + 1)
    return np.concatenate([[0.0], np.cumsum(steps)])


@lru_cache(maxsize=8)
def _day_path(seed: int, subject: str, day: int) -> np.ndarray:
    """Log-price at each second of `day` (DAY + 1 points), pinned to both anchors."""
    anchors = _anchors(seed, subject, max(day - EPOCH_DAY + 2, 4096))
    start, end = anchors[day - EPOCH_DAY], anchors[day - EPOCH_DAY + 1]
    steps = _rng(seed, subject, day).normal(0.0, DAILY_VOL / np.sqrt(DAY), size=DAY)
    walk = np.concatenate([[0.0], np.cumsum(steps)])
    s = np.arange(DAY + 1) / DAY
    return start + walk - s * walk[-1] + s * (end - start)  # Brownian bridge


def log_price(seed: int, subject: str, epoch_second: int) -> float:
    day, second = divmod(epoch_second, DAY)
    if day < EPOCH_DAY:
        raise ValueError("the synthetic feed starts on 2023-01-01")
    return float(_day_path(seed, subject, day)[second])


def candle(seed: int, subject: str, open_ts: datetime, step: int) -> FeedRow:
    start = int(open_ts.timestamp())
    base = BASE_PRICE.get(subject.upper(), 100.0)
    path = [log_price(seed, subject, start + i) for i in range(step + 1)]
    prices = [base * float(np.exp(x)) for x in path]
    wick = abs(_rng(seed, subject, "wick", start).normal(0.0, 0.0002))
    volume = float(_rng(seed, subject, "volume", start).gamma(2.0, 5.0))
    return FeedRow(
        ts_event=open_ts,
        values={
            "open": round(prices[0], 2),
            "high": round(max(prices) * (1 + wick), 2),
            "low": round(min(prices) * (1 - wick), 2),
            "close": round(prices[-1], 2),
            "volume": round(volume, 4),
        },
        meta={"synthetic_seed": seed},
    )


class SyntheticProvider:
    name = "synthetic"

    def __init__(self, seed: int) -> None:
        self.seed = seed

    def fetch(self, key: FeedKey, start: datetime, end: datetime) -> FetchPage:
        step = granularity_seconds(key.granularity)
        first = floor_time(start, step)
        if first < start:
            first += timedelta(seconds=step)
        page_end = min(end, first + timedelta(seconds=max(PAGE_SECONDS, step)))
        rows = []
        ts = first
        while ts < page_end:
            rows.append(candle(self.seed, key.subject, ts, step))
            ts += timedelta(seconds=step)
        return FetchPage(rows=rows, next_start=page_end if page_end < end else None)

    async def live(self, key: FeedKey, since: datetime | None) -> AsyncIterator[LiveBatch]:
        step = granularity_seconds(key.granularity)
        next_open = (floor_time(since, step) + timedelta(seconds=step)) if since else None
        while True:
            now = datetime.now(UTC)
            closed_until = floor_time(now, step)  # candles opening before this are closed
            if next_open is None:
                next_open = closed_until - timedelta(seconds=step)
            rows = []
            while next_open < closed_until:
                rows.append(candle(self.seed, key.subject, next_open, step))
                next_open += timedelta(seconds=step)
            if rows:
                yield LiveBatch(rows)
            wait = (closed_until + timedelta(seconds=step) - datetime.now(UTC)).total_seconds()
            await asyncio.sleep(max(wait, 0.05) + 0.01)
