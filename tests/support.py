"""Test helpers shared by the feature tests."""

from __future__ import annotations

from collections.abc import AsyncIterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import asynccontextmanager

from temporalio.client import Client
from temporalio.worker import Worker

from coordinator_node.runners.base import ModelRunner
from coordinator_node.runners.in_process import InProcessRunner
from coordinator_node.services import Services, open_services
from coordinator_node.settings import Settings
from coordinator_node.worker import ACTIVITY_THREADS, build_worker


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
