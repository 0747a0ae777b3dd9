"""Pyth prices through Hermes HTTP: latest-price polling; never an invented price."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import AsyncIterator
from datetime import UTC, datetime
from typing import Any

import httpx

from coordinator_node.feeds.types import FeedKey, FeedRow, FetchPage, LiveBatch

log = logging.getLogger("coordinator_node.feeds.pyth")

DEFAULT_FEED_IDS = {
    "BTC": "0xe62df6c8b4a85fe1cc8b337a5f8854d9c1f5f59e4cb4ce8b063a492f6ed5b5b6",
    "ETH": "0xff61491a931112ddf1bd8147cd1b641375f79f5825126d665480874634fd0ace",
}


class PythError(RuntimeError):
    pass


def parse_price_update(body: Any, feed_id: str) -> FeedRow | None:
    """`parsed[].price.{price, expo, publish_time}` → a tick; None when absent or invalid."""
    wanted = feed_id.lower().removeprefix("0x")
    for item in body.get("parsed", []) if isinstance(body, dict) else []:
        if str(item.get("id", "")).lower().removeprefix("0x") != wanted:
            continue
        price = item.get("price") or {}
        try:
            value = int(price["price"]) * 10 ** int(price["expo"])
            ts = datetime.fromtimestamp(int(price["publish_time"]), UTC)
        except (KeyError, TypeError, ValueError, OverflowError, OSError):
            return None
        if value <= 0:
            return None
        return FeedRow(ts_event=ts, values={"price": float(value)},
                       meta={"conf": price.get("conf"), "feed_id": feed_id})
    return None


class PythProvider:
    name = "pyth"

    def __init__(self, hermes_url: str, feed_ids: dict[str, str], poll_seconds: float) -> None:
        self.hermes_url = hermes_url.rstrip("/")
        self.feed_ids = {**DEFAULT_FEED_IDS, **{k.upper(): v for k, v in feed_ids.items()}}
        self.poll_seconds = poll_seconds

    def feed_id(self, subject: str) -> str:
        try:
            return self.feed_ids[subject.upper()]
        except KeyError:
            raise PythError(f"no Pyth feed id for subject {subject!r}: set PYTH_FEED_IDS") from None

    def fetch(self, key: FeedKey, start: datetime, end: datetime) -> FetchPage:
        # Hermes' latest-price endpoint has no history: a Pyth feed starts when it goes live.
        return FetchPage(rows=[], next_start=None)

    async def live(self, key: FeedKey, since: datetime | None) -> AsyncIterator[LiveBatch]:
        feed_id = self.feed_id(key.subject)
        url = f"{self.hermes_url}/v2/updates/price/latest"
        async with httpx.AsyncClient(timeout=10.0) as http:
            while True:
                response = await http.get(url, params={"ids[]": feed_id, "parsed": "true"})
                if response.status_code != 200:
                    raise PythError(f"Hermes answered {response.status_code}: "
                                    f"{response.text[:200]}")
                row = parse_price_update(response.json(), feed_id)
                if row is None:
                    log.warning("Hermes response without a valid price for %s", key)
                    yield LiveBatch([], malformed=1)
                elif since is None or row.ts_event > since:
                    since = row.ts_event
                    yield LiveBatch([row])
                await asyncio.sleep(self.poll_seconds)
