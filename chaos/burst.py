"""The API under load: 200 concurrent confirm / status calls on one checkpoint (the same tx
hash, as a retrying client sends them) mixed with 200 report reads, while `/healthz` is
polled on a connection of its own."""

from __future__ import annotations

import asyncio
import json
import random
import time
from dataclasses import dataclass, field
from typing import Any

import aiohttp
import httpx

ANSWER_WITHIN = 5.0  # seconds: the target for every call of the burst
GIVE_UP_AFTER = 20.0  # a call still unanswered then is counted as never answered


@dataclass
class Call:
    kind: str  # confirm, status, read
    path: str
    seconds: float
    status: int | None = None
    error: str | None = None
    body: Any = None

    @property
    def in_time(self) -> bool:
        return self.status is not None and self.seconds <= ANSWER_WITHIN


@dataclass
class Poll:
    at: float  # time.time() when sent
    seconds: float
    status: str  # the body's status ("ok", "degraded"), or why there was no answer
    answered: bool


@dataclass
class HealthLog:
    polls: list[Poll] = field(default_factory=list)

    def between(self, start: float, end: float) -> list[Poll]:
        return [p for p in self.polls if start <= p.at <= end]


async def poll_health(api: str, log: HealthLog, stop: asyncio.Event, every: float) -> None:
    """GET /healthz every `every` seconds until `stop`, each answer (or its absence) logged;
    no answer within ANSWER_WITHIN counts as none."""
    async with httpx.AsyncClient(base_url=api, timeout=ANSWER_WITHIN) as client:
        while not stop.is_set():
            sent, started = time.time(), time.monotonic()
            try:
                response = await client.get("/healthz")
                status = str(response.json().get("status")) if response.status_code == 200 \
                    else f"HTTP {response.status_code}"
                log.polls.append(Poll(sent, time.monotonic() - started, status,
                                      response.status_code == 200))
            except (httpx.HTTPError, ValueError) as exc:
                log.polls.append(Poll(sent, time.monotonic() - started,
                                      type(exc).__name__, False))
            try:
                await asyncio.wait_for(stop.wait(), every)
            except TimeoutError:
                pass


def read_paths(checkpoint_id: str) -> list[str]:
    return ["/reports/leaderboard", "/reports/predictions?limit=200", "/reports/checkpoints",
            f"/reports/checkpoints/{checkpoint_id}", f"/reports/checkpoints/{checkpoint_id}"
            "/emission", "/reports/feeds", "/reports/models", "/reports/snapshots",
            "/reports/models/global", "/info"]


async def _send(session: aiohttp.ClientSession, kind: str, method: str, path: str,
                body: dict[str, str] | None, start: asyncio.Event) -> Call:
    await start.wait()  # every call leaves at once
    began = time.monotonic()
    try:
        async with session.request(method, path, json=body) as response:
            raw = await response.read()
            seconds = time.monotonic() - began
            try:
                answer: Any = json.loads(raw)
            except ValueError:
                answer = raw[:200].decode(errors="replace")
            return Call(kind, path, seconds, response.status, body=answer)
    except (aiohttp.ClientError, TimeoutError) as exc:
        return Call(kind, path, time.monotonic() - began,
                    error=f"{type(exc).__name__}: {exc}"[:200])


@dataclass
class BurstResult:
    calls: list[Call]
    health: list[Poll]
    seconds: float

    def of(self, *kinds: str) -> list[Call]:
        return [c for c in self.calls if c.kind in kinds]


async def burst(api: str, api_key: str, checkpoint_id: str, tx_hash: str,
                changes: int = 200, reads: int = 200, seed: int = 0) -> BurstResult:
    """All calls at once; `/healthz` polled every 0.2 s from before the burst to after it."""
    base = f"/reports/checkpoints/{checkpoint_id}"
    plan: list[tuple[str, str, str, dict[str, str] | None]] = []
    for i in range(changes):  # half confirms, half the PATCH that confirms
        if i % 2:
            plan.append(("status", "PATCH", f"{base}/status",
                         {"status": "SUBMITTED", "tx_hash": tx_hash}))
        else:
            plan.append(("confirm", "POST", f"{base}/confirm", {"tx_hash": tx_hash}))
    paths = read_paths(checkpoint_id)
    plan += [("read", "GET", paths[i % len(paths)], None) for i in range(reads)]
    random.Random(seed).shuffle(plan)

    health = HealthLog()
    stop = asyncio.Event()
    poller = asyncio.create_task(poll_health(api, health, stop, every=0.2))
    start = asyncio.Event()
    # aiohttp, one connection per call: httpx's connection pool spends seconds of the
    # client's own CPU on 400 connections, which would be measured as the API's slowness.
    connector = aiohttp.TCPConnector(limit=0)
    async with aiohttp.ClientSession(
            api, headers={"X-API-Key": api_key}, connector=connector,
            timeout=aiohttp.ClientTimeout(total=GIVE_UP_AFTER)) as session:
        await asyncio.sleep(1.0)  # a second of healthz before
        tasks = [asyncio.create_task(_send(session, *step, start)) for step in plan]
        await asyncio.sleep(0)
        began = time.monotonic()
        start.set()
        calls = await asyncio.gather(*tasks)
        seconds = time.monotonic() - began
    await asyncio.sleep(1.0)  # and after
    stop.set()
    await poller
    return BurstResult(list(calls), health.polls, seconds)
