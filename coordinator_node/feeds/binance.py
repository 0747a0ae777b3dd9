"""Binance candles through python-binance: REST klines for backfill, the kline stream live."""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta
from typing import Any

from binance import AsyncClient, BinanceSocketManager, Client

from coordinator_node.feeds.types import (
    CANDLE_FIELDS,
    FeedKey,
    FeedRow,
    FetchPage,
    LiveBatch,
    finite_values,
    granularity_seconds,
)

log = logging.getLogger("coordinator_node.feeds.binance")

PAGE_LIMIT = 1000  # Binance's maximum klines per request
# Error events python-binance puts on the stream queue, by what they mean for us.
UNPARSABLE_MESSAGE = {"JSONDecodeError", "ValueError", "TypeError"}
TRANSIENT_ERRORS = {"IncompleteReadError", "gaierror", "ConnectionClosedError",
                    "ConnectionClosedOK", "BinanceWebsocketClosed"}


def _ms(ts: datetime) -> int:
    return int(ts.timestamp() * 1000)


def _from_ms(ms: int) -> datetime:
    return datetime.fromtimestamp(ms / 1000, UTC)


def parse_kline_row(row: Any) -> FeedRow | None:
    """`[open_time_ms, open, high, low, close, volume, close_time_ms, …]`; None if malformed."""
    if not isinstance(row, list | tuple) or len(row) < 7:
        return None
    raw = dict(zip(CANDLE_FIELDS, row[1:6], strict=True))
    values = finite_values(raw, CANDLE_FIELDS)
    try:
        open_time = _from_ms(int(row[0]))
    except (TypeError, ValueError, OverflowError, OSError):
        return None
    if values is None:
        return None
    return FeedRow(ts_event=open_time, values=values, meta={"close_time_ms": row[6]})


def parse_kline_event(event: Any) -> FeedRow | None:
    """A websocket kline event; `k.x` says whether the candle is closed (final)."""
    kline = event.get("k") if isinstance(event, dict) else None
    if not isinstance(kline, dict):
        return None
    raw = {"open": kline.get("o"), "high": kline.get("h"), "low": kline.get("l"),
           "close": kline.get("c"), "volume": kline.get("v")}
    values = finite_values(raw, CANDLE_FIELDS)
    try:
        open_time = _from_ms(int(kline["t"]))
    except (KeyError, TypeError, ValueError, OverflowError, OSError):
        return None
    if values is None:
        return None
    return FeedRow(ts_event=open_time, values=values,
                   meta={"close_time_ms": kline.get("T")}, final=bool(kline.get("x")))


class BinanceProvider:
    name = "binance"

    def __init__(self, api_url: str, stream_url: str) -> None:
        self.api_url = api_url.rstrip("/")
        self.stream_url = stream_url if stream_url.endswith("/") else stream_url + "/"

    def _rest(self) -> Client:
        client = Client(api_key=None, api_secret=None, ping=False)
        client.API_URL = self.api_url
        return client

    def fetch(self, key: FeedKey, start: datetime, end: datetime) -> FetchPage:
        step = timedelta(seconds=granularity_seconds(key.granularity))
        client = self._rest()
        try:
            raw_rows = client.get_klines(
                symbol=key.subject, interval=key.granularity, startTime=_ms(start),
                endTime=_ms(end) - 1, limit=PAGE_LIMIT,
            )
        finally:
            client.close_connection()
        rows: list[FeedRow] = []
        malformed = 0
        newest_open: datetime | None = None
        for raw in raw_rows:
            row = parse_kline_row(raw)
            if row is None:
                malformed += 1
                log.warning("skipping malformed kline row for %s: %r", key, raw)
                continue
            newest_open = max(newest_open or row.ts_event, row.ts_event)
            if start <= row.ts_event < end and row.ts_event + step <= datetime.now(UTC):
                rows.append(row)  # only closed candles are final
        if len(raw_rows) < PAGE_LIMIT or newest_open is None:
            return FetchPage(rows, None, malformed)
        next_start = newest_open + step
        return FetchPage(rows, next_start if next_start < end else None, malformed)

    async def live(self, key: FeedKey, since: datetime | None) -> AsyncIterator[LiveBatch]:
        client = AsyncClient(api_key=None, api_secret=None)
        try:
            while True:  # one websocket session per loop; a garbled message forces a new one
                manager = BinanceSocketManager(client)
                manager.STREAM_URL = self.stream_url
                async with manager.kline_socket(key.subject, interval=key.granularity) as stream:
                    while True:
                        event = await stream.recv()
                        if isinstance(event, dict) and event.get("e") == "error":
                            kind = str(event.get("type"))
                            if kind in UNPARSABLE_MESSAGE:
                                # python-binance stops reading after an unparsable message:
                                # count it and reconnect.
                                log.warning("unparsable message on the %s stream", key)
                                yield LiveBatch([], malformed=1)
                                break
                            if kind in TRANSIENT_ERRORS:
                                log.info("binance stream for %s reconnecting (%s)", key, kind)
                                continue
                            raise ConnectionError(f"binance stream error {kind}: {event.get('m')}")
                        row = parse_kline_event(event)
                        if row is None:
                            log.warning("skipping malformed kline event for %s: %r", key, event)
                            yield LiveBatch([], malformed=1)
                        elif since is None or row.ts_event > since or not row.final:
                            yield LiveBatch([row])
        finally:
            await client.close_connection()
