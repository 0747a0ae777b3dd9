"""The Temporal worker: registers every workflow and activity, then ensures schedules."""

from __future__ import annotations

import asyncio
import logging
import signal
from concurrent.futures import ThreadPoolExecutor

from temporalio.client import Client
from temporalio.worker import Worker
from temporalio.worker.workflow_sandbox import SandboxedWorkflowRunner, SandboxRestrictions

from coordinator_node.activities import build_activities
from coordinator_node.client.bootstrap import ensure_running
from coordinator_node.services import Services, open_services
from coordinator_node.settings import Settings
from coordinator_node.temporal import connect
from coordinator_node.workflows import WORKFLOWS

log = logging.getLogger("coordinator_node.worker")

# Sync activities (psycopg2, python-binance) run here, never on the event loop.
ACTIVITY_THREADS = 16

# The sandbox runs each workflow run in fresh module state: by default it re-executes every
# module a workflow imports that is not passed through, for every run (profiled: ~40 ms of
# the worker's CPU per round, most of it). The node's own modules outside `workflows` are
# plain data and pure logic (messages, statuses, the activity classes whose methods name the
# activities), imported once and shared; the workflow modules themselves still run in the
# sandbox, with its checks.
SANDBOX_PASSTHROUGH = [
    f"coordinator_node.{name}" for name in (
        "activities", "api", "checkpoints", "cli", "client", "competition", "contract", "db",
        "dev", "feeds", "ids", "numbers", "paths", "rounds", "runners", "services", "settings",
        "statuses", "temporal", "worker", "workspace")
] + ["pydantic", "pydantic_core", "sqlalchemy", "sqlmodel", "annotated_types", "typing_extensions"]
WORKFLOW_RUNNER = SandboxedWorkflowRunner(
    restrictions=SandboxRestrictions.default.with_passthrough_modules(*SANDBOX_PASSTHROUGH))


def build_worker(client: Client, services: Services, executor: ThreadPoolExecutor) -> Worker:
    return Worker(
        client,
        task_queue=services.settings.temporal_task_queue,
        workflows=WORKFLOWS,
        activities=build_activities(services),
        activity_executor=executor,
        max_concurrent_activities=ACTIVITY_THREADS,
        workflow_runner=WORKFLOW_RUNNER,
    )


async def run_worker(settings: Settings, stop: asyncio.Event | None = None) -> None:
    """Run until `stop` is set (or SIGINT/SIGTERM when run as a process)."""
    stop = stop or asyncio.Event()
    # Services first: a contract that cannot load stops the worker before anything else.
    async with open_services(settings) as services:
        client = await connect_with_retry(settings, stop)
        if client is None:
            return
        if not WORKFLOWS and not build_activities(services):
            log.warning("no workflows or activities registered yet; idling")
            await stop.wait()
            return
        with ThreadPoolExecutor(ACTIVITY_THREADS, thread_name_prefix="activity") as executor:
            worker = build_worker(client, services, executor)
            async with worker:
                if settings.worker_bootstrap:
                    await ensure_running(client, services)
                log.info("worker polling task queue %r on %s",
                         settings.temporal_task_queue, settings.temporal_address)
                await stop.wait()
                log.info("worker stopping")


async def connect_with_retry(settings: Settings, stop: asyncio.Event) -> Client | None:
    """Wait for Temporal (it may start after the worker, e.g. under compose)."""
    delay = 0.5
    while not stop.is_set():
        try:
            return await connect(settings)
        except Exception as exc:
            log.warning("Temporal at %s not reachable (%s); retrying in %.1fs",
                        settings.temporal_address, exc, delay)
            try:
                await asyncio.wait_for(stop.wait(), delay)
            except TimeoutError:
                pass
            delay = min(delay * 2, 10.0)
    return None


def main(settings: Settings) -> None:
    async def _run() -> None:
        stop = asyncio.Event()
        loop = asyncio.get_running_loop()
        for sig in (signal.SIGINT, signal.SIGTERM):
            loop.add_signal_handler(sig, stop.set)
        await run_worker(settings, stop)

    asyncio.run(_run())
