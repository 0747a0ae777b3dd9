"""Local servers that speak Binance's REST + kline websocket and Pyth Hermes' wire formats."""

from __future__ import annotations

import asyncio
import json
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

from aiohttp import WSMsgType, web

from tests.support import free_port


@contextmanager
def serve(app: web.Application) -> Iterator[str]:
    """Run an aiohttp app on 127.0.0.1 in its own thread and event loop."""
    port = free_port()
    loop = asyncio.new_event_loop()
    runner = web.AppRunner(app)
    started = threading.Event()

    def _run() -> None:
        asyncio.set_event_loop(loop)
        loop.run_until_complete(runner.setup())
        loop.run_until_complete(web.TCPSite(runner, "127.0.0.1", port).start())
        started.set()
        loop.run_forever()

    thread = threading.Thread(target=_run, daemon=True)
    thread.start()
    started.wait(10)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        asyncio.run_coroutine_threadsafe(runner.cleanup(), loop).result(10)
        loop.call_soon_threadsafe(loop.stop)
        thread.join(10)


def kline_row(open_ms: int, price: float, step_ms: int = 60_000) -> list[Any]:
    p = f"{price:.2f}"
    return [open_ms, p, f"{price + 1:.2f}", f"{price - 1:.2f}", p, "12.5", open_ms + step_ms - 1,
            "1000.0", 42, "6.0", "500.0", "0"]


@dataclass
class FakeBinance:
    """`GET /api/v3/klines` over a fixed history, and `/ws/<symbol>@kline_<i>` pushing events."""

    klines: list[list[Any]] = field(default_factory=list)
    ws_events: list[Any] = field(default_factory=list)
    requests: list[dict[str, str]] = field(default_factory=list)
    ws_paths: list[str] = field(default_factory=list)

    def app(self) -> web.Application:
        app = web.Application()
        app.router.add_get("/api/v3/klines", self.get_klines)
        app.router.add_get("/ws/{stream}", self.stream)
        return app

    async def get_klines(self, request: web.Request) -> web.Response:
        params = dict(request.query)
        self.requests.append(params)
        if "symbol" not in params or "interval" not in params:
            return web.json_response({"code": -1102, "msg": "Mandatory parameter missing"},
                                     status=400)
        start = int(params.get("startTime", 0))
        end = int(params.get("endTime", 2**62))
        limit = min(int(params.get("limit", 500)), 1000)
        rows = [r for r in self.klines
                if not isinstance(r, list) or not isinstance(r[0], int) or start <= r[0] <= end]
        return web.json_response(rows[:limit])

    async def stream(self, request: web.Request) -> web.WebSocketResponse:
        self.ws_paths.append(request.match_info["stream"])
        ws = web.WebSocketResponse()
        await ws.prepare(request)
        while self.ws_events:  # each event is sent once, whatever the reconnections
            event = self.ws_events.pop(0)
            await ws.send_str(event if isinstance(event, str) else json.dumps(event))
            await asyncio.sleep(0.05)
        async for message in ws:  # keep the stream open until the client leaves
            if message.type == WSMsgType.CLOSE:
                break
        return ws


def kline_event(
    open_ms: int, price: float, closed: bool, symbol: str = "BTCUSDT"
) -> dict[str, Any]:
    p = f"{price:.2f}"
    return {"e": "kline", "E": open_ms + 1000, "s": symbol, "k": {
        "t": open_ms, "T": open_ms + 59_999, "s": symbol, "i": "1m", "f": 1, "L": 2,
        "o": p, "c": p, "h": f"{price + 1:.2f}", "l": f"{price - 1:.2f}", "v": "3.0",
        "n": 2, "x": closed, "q": "10.0", "V": "1.0", "Q": "5.0", "B": "0"}}


@dataclass
class FakeHermes:
    """`GET /v2/updates/price/latest?ids[]=…&parsed=true` in Hermes' shape."""

    prices: list[tuple[int, int, int]] = field(default_factory=list)  # (price, expo, publish)
    fail_with: int | None = None
    calls: int = 0
    # With no fixed prices: a live market, one new price a second published now.
    live_start_price: int = 9_000_000_000_000  # 90,000.00000000 at expo -8

    def app(self) -> web.Application:
        app = web.Application()
        app.router.add_get("/v2/updates/price/latest", self.latest)
        return app

    async def latest(self, request: web.Request) -> web.Response:
        self.calls += 1
        if self.fail_with is not None:
            return web.Response(status=self.fail_with, text="upstream unavailable")
        feed_id = request.query.getall("ids[]")[0]
        if self.prices:
            price, expo, publish = self.prices[min(self.calls - 1, len(self.prices) - 1)]
        else:
            publish = int(time.time())
            price, expo = self.live_start_price + (publish % 97) * 1_000_000, -8
        body = {
            "binary": {"encoding": "hex", "data": ["00"]},
            "parsed": [{
                "id": feed_id.removeprefix("0x"),
                "price": {"price": str(price), "conf": "1000", "expo": expo,
                          "publish_time": publish},
                "ema_price": {"price": str(price), "conf": "1000", "expo": expo,
                              "publish_time": publish},
                "metadata": {"slot": 1, "proof_available_time": publish,
                             "prev_publish_time": publish - 1},
            }],
        }
        return web.json_response(body)
