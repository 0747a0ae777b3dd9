"""Test helpers shared by the feature tests."""

from __future__ import annotations

import asyncio
import contextlib
import inspect
import socket
from collections.abc import AsyncIterator, Awaitable, Callable
from concurrent.futures import ThreadPoolExecutor
from contextlib import asynccontextmanager
from typing import Any, TypeVar, overload

from temporalio.client import Client
from temporalio.worker import Worker

from coordinator_node.runners.base import ModelRunner
from coordinator_node.runners.in_process import InProcessRunner
from coordinator_node.services import Services, open_services
from coordinator_node.settings import Settings
from coordinator_node.worker import ACTIVITY_THREADS, build_worker

T = TypeVar("T")


@overload
async def eventually(
    check: Callable[[], Awaitable[T | None]], *, within: float, what: str, every: float = ...
) -> T: ...
@overload
async def eventually(
    check: Callable[[], T | None], *, within: float, what: str, every: float = ...
) -> T: ...
async def eventually(
    check: Callable[[], Any], *, within: float, what: str, every: float = 0.05
) -> Any:
    """Call `check` (sync or async) until it returns something truthy, and return that value.

    Real servers, workers and processes take real time: this is the one way the tests wait
    for something to happen. After `within` seconds it raises AssertionError naming `what`
    and the last value `check` returned. Exceptions from `check` are not swallowed."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + within
    while True:
        value = check()
        if inspect.isawaitable(value):
            value = await value
        if value:
            return value
        if loop.time() >= deadline:
            raise AssertionError(
                f"timed out after {within:g}s waiting for {what}; last seen: {value!r}")
        await asyncio.sleep(every)


@asynccontextmanager
async def running_worker(
    client: Client, settings: Settings, runner: ModelRunner | None = None
) -> AsyncIterator[tuple[Worker, Services]]:
    """The node's real worker (every workflow and activity) on `settings.temporal_task_queue`.
    Without a runner, no models (an empty in-process runner)."""
    async with open_services(settings, runner=runner or InProcessRunner({})) as services:
        with ThreadPoolExecutor(ACTIVITY_THREADS) as executor:
            worker = build_worker(client, services, executor)
            async with worker:
                yield worker, services


def free_port() -> int:
    """A port free on 127.0.0.1 now (another process may still take it before it is bound)."""
    return distinct_free_ports(1)[0]


def distinct_free_ports(count: int) -> list[int]:
    """`count` free ports, all different: each socket stays bound until all are chosen (one
    at a time, the OS may hand the same port out twice)."""
    with contextlib.ExitStack() as held:
        sockets = [held.enter_context(socket.socket()) for _ in range(count)]
        for sock in sockets:
            sock.bind(("127.0.0.1", 0))
        return [int(sock.getsockname()[1]) for sock in sockets]
