"""The Temporal worker: registers every workflow and activity, then ensures schedules."""

from __future__ import annotations

import asyncio
import gc
import logging
import pkgutil
import signal
from concurrent.futures import ThreadPoolExecutor
from datetime import timedelta

from temporalio import activity
from temporalio.client import Client
from temporalio.exceptions import ApplicationError
from temporalio.runtime import PrometheusConfig, Runtime, TelemetryConfig
from temporalio.worker import Worker
from temporalio.worker.workflow_sandbox import SandboxedWorkflowRunner, SandboxRestrictions

import coordinator_node
from coordinator_node.activities import build_activities
from coordinator_node.client.bootstrap import ensure_running
from coordinator_node.runners.base import ModelRunner
from coordinator_node.services import Services, open_services
from coordinator_node.settings import Settings, SettingsError
from coordinator_node.temporal import connect, ensure_search_attributes
from coordinator_node.workflows import WORKFLOWS

log = logging.getLogger("coordinator_node.worker")

# Sync activities (psycopg2, python-binance) run here, never on the event loop.
ACTIVITY_THREADS = 16
HEARTBEAT_THROTTLE = timedelta(seconds=1)


def _final_attempt(info: activity.Info, error: BaseException | None) -> bool:
    """Whether Temporal will not try this activity again after this failure."""
    if isinstance(error, ApplicationError) and error.non_retryable:
        return True
    policy = info.retry_policy
    if policy is None:
        return False
    if policy.maximum_attempts and info.attempt >= policy.maximum_attempts:
        return True
    name = type(error).__name__ if error is not None else ""
    if isinstance(error, ApplicationError):
        name = error.type or name
    return name in (policy.non_retryable_error_types or [])


class OneLineActivityRetries(logging.Filter):
    """The SDK logs every failed activity attempt at WARNING with its whole traceback. A
    failure that Temporal will retry becomes one line (activity, attempt, error); the
    traceback stays for the final failure, and for every attempt at DEBUG."""

    def filter(self, record: logging.LogRecord) -> bool:
        if (getattr(record, "__temporal_error_identifier", None) != "ActivityFailure"
                or not record.exc_info or record.levelno < logging.WARNING
                or logging.getLogger("coordinator_node").isEnabledFor(logging.DEBUG)):
            return True
        try:
            info = activity.info()
        except RuntimeError:  # not inside an activity's context: leave the record as it is
            return True
        error = record.exc_info[1]
        if _final_attempt(info, error):
            return True
        reason = (str(error).splitlines() or [""])[0] if error is not None else ""
        record.msg = "activity %s attempt %d failed, will retry: %s: %s"
        record.args = (info.activity_type, info.attempt, type(error).__name__, reason)
        record.exc_info = None
        record.exc_text = None
        return True


def quiet_activity_retries() -> None:
    """Install `OneLineActivityRetries` on the SDK's activity logger (once)."""
    sdk_logger = logging.getLogger("temporalio.activity")
    if not any(isinstance(f, OneLineActivityRetries) for f in sdk_logger.filters):
        sdk_logger.addFilter(OneLineActivityRetries())

# The sandbox runs each workflow run in fresh module state: by default it re-executes every
# module a workflow imports that is not passed through, for every run (profiled: ~40 ms of
# the worker's CPU per round, most of it). The node's own modules outside `workflows` are
# plain data and pure logic (messages, statuses, the activity classes whose methods name the
# activities), imported once and shared; the workflow modules themselves still run in the
# sandbox, with its checks.
SANDBOX_PASSTHROUGH = [
    f"coordinator_node.{module.name}"
    for module in pkgutil.iter_modules(coordinator_node.__path__) if module.name != "workflows"
] + ["pydantic", "pydantic_core", "sqlalchemy", "sqlmodel", "annotated_types", "typing_extensions"]
WORKFLOW_RUNNER = SandboxedWorkflowRunner(
    restrictions=SandboxRestrictions.default.with_passthrough_modules(*SANDBOX_PASSTHROUGH))


def build_worker(client: Client, services: Services, executor: ThreadPoolExecutor) -> Worker:
    quiet_activity_retries()
    return Worker(
        client,
        task_queue=services.settings.temporal_task_queue,
        workflows=WORKFLOWS,
        activities=build_activities(services),
        activity_executor=executor,
        max_concurrent_activities=ACTIVITY_THREADS,
        # Heartbeats reach the server within a second (the SDK would hold them up to 60 s):
        # a backfill's progress is read from them.
        max_heartbeat_throttle_interval=HEARTBEAT_THROTTLE,
        default_heartbeat_throttle_interval=HEARTBEAT_THROTTLE,
        workflow_runner=WORKFLOW_RUNNER,
    )


async def run_worker(settings: Settings, stop: asyncio.Event | None = None,
                     runner: ModelRunner | None = None) -> None:
    """Run until `stop` is set (or SIGINT/SIGTERM when run as a process). Without `runner`,
    the model-runner-client one."""
    stop = stop or asyncio.Event()
    # Services first: a contract that cannot load stops the worker before anything else.
    async with open_services(settings, runner=runner) as services:
        # A runtime of the worker's own, never the SDK's process-wide default, whose threads
        # live until the interpreter ends and may abort it on the way out (SIGABRT after a
        # clean SIGTERM; temporal.run_with_client says why): `main` drops this one first.
        runtime = metrics_runtime(settings) or Runtime(telemetry=TelemetryConfig())
        client = await connect_with_retry(settings, stop, runtime)
        if client is None:
            return
        await ensure_search_attributes(client, settings)  # or refuse, naming them
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


def metrics_runtime(settings: Settings) -> Runtime | None:
    """A runtime whose Prometheus exporter serves the SDK's metrics and the node's own
    (coordinator_node.metrics) on WORKER_METRICS_HOST:WORKER_METRICS_PORT; None when the
    port is 0 (the SDK's default runtime, no endpoint)."""
    if settings.worker_metrics_port == 0:
        return None
    address = f"{settings.worker_metrics_host}:{settings.worker_metrics_port}"
    try:
        runtime = Runtime(telemetry=TelemetryConfig(metrics=PrometheusConfig(
            bind_address=address, counters_total_suffix=True, durations_as_seconds=True)))
    except ValueError as exc:
        raise SettingsError(f"WORKER_METRICS_PORT: cannot serve metrics on {address} ({exc}); "
                            "choose a free port, or 0 for no metrics endpoint") from None
    log.info("worker metrics on http://%s/metrics", address)
    return runtime


async def connect_with_retry(settings: Settings, stop: asyncio.Event,
                             runtime: Runtime | None = None) -> Client | None:
    """Wait for Temporal (it may start after the worker, e.g. under compose)."""
    delay = 0.5
    while not stop.is_set():
        try:
            return await connect(settings, runtime)
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

    with asyncio.Runner() as runner:
        try:
            runner.run(_run())
        finally:
            # The worker's runtime goes now, its threads joined while Python is whole: the
            # client and the worker that hold it are only freed with their reference cycles.
            gc.collect()
