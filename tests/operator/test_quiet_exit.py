"""Issue 17, point 6: no noise. model-runner-client's atexit hook ("RuntimeError: There is no
current event loop") is gone from the node's exits, and a retried activity failure is one
WARNING line (activity, attempt, error), its traceback kept for the final failure."""

from __future__ import annotations

import asyncio
import gc
import logging
import os
import signal
import subprocess
import sys
import uuid
import weakref
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from temporalio import activity, workflow
from temporalio.client import WorkflowFailureError
from temporalio.common import RetryPolicy
from temporalio.runtime import Runtime
from temporalio.testing import WorkflowEnvironment
from temporalio.worker import Worker

from coordinator_node.api.app import create_app
from coordinator_node.db import migrate
from coordinator_node.settings import Settings
from coordinator_node.worker import quiet_activity_retries, run_worker
from tests.conftest import REPO_ROOT
from tests.support import eventually

START_STOP = """
import asyncio, gc, logging, sys
logging.basicConfig(filename=sys.argv[2], level=logging.INFO)
from concurrent.futures import ThreadPoolExecutor
from coordinator_node.services import open_services
from coordinator_node.settings import load_settings
from coordinator_node.temporal import connect
from coordinator_node.worker import build_worker

async def main():
    settings = load_settings()
    client = await connect(settings)
    # the real model runner (model-runner-client), its orchestrator absent
    async with open_services(settings) as services:
        with ThreadPoolExecutor(16) as executor:
            async with build_worker(client, services, executor):
                await asyncio.sleep(0.5)

asyncio.run(main())
gc.collect()  # what a long test session does sooner or later
"""


def test_a_worker_start_and_stop_leaves_stderr_empty(
    temporal_env: WorkflowEnvironment, tmp_path: Path
) -> None:
    env = {**os.environ, "TEMPORAL_ADDRESS": temporal_env.client.service_client.config.target_host,
           "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite'}",
           "TEMPORAL_TASK_QUEUE": f"tq-{uuid.uuid4().hex[:8]}", "MODEL_RUNNER_PORT": "1",
           "PYTHONPATH": os.pathsep.join([str(REPO_ROOT), str(REPO_ROOT / "template")])}
    result = subprocess.run([sys.executable, "-c", START_STOP, "x", str(tmp_path / "log")],
                            cwd=tmp_path, env=env, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""


def test_a_cli_command_and_the_worker_command_exit_without_noise(
    temporal_env: WorkflowEnvironment, tmp_path: Path
) -> None:
    database = f"sqlite:///{tmp_path / 'db.sqlite'}"
    migrate(database)
    env = {k: v for k, v in os.environ.items() if k != "CONTRACT"}
    env.update({"TEMPORAL_ADDRESS": temporal_env.client.service_client.config.target_host,
                "DATABASE_URL": database, "TEMPORAL_TASK_QUEUE": f"tq-{uuid.uuid4().hex[:8]}",
                "MODEL_RUNNER_PORT": "1", "WORKER_BOOTSTRAP": "false",
                "WORKER_METRICS_PORT": "0"})
    listing = subprocess.run([sys.executable, "-m", "coordinator_node", "checkpoint", "list"],
                             cwd=tmp_path, env=env, capture_output=True, text=True, timeout=60)
    assert listing.returncode == 0 and listing.stderr == ""
    worker = subprocess.Popen([sys.executable, "-m", "coordinator_node", "worker"],
                              cwd=tmp_path, env=env, stderr=subprocess.PIPE, text=True)
    try:
        assert worker.stderr is not None
        for line in worker.stderr:  # until it polls
            if "worker polling task queue" in line:
                break
        worker.send_signal(signal.SIGTERM)
        rest = worker.stderr.read()
        worker.wait(60)
    finally:
        if worker.poll() is None:
            worker.kill()
    assert worker.returncode == 0, rest
    for noise in ("Traceback", "Exception ignored", "RuntimeError"):
        assert noise not in rest, rest


# --- no process on the SDK's default runtime -----------------------------------------------
# Its threads live until the interpreter ends and may abort a cleanly stopped process on the
# way out (SIGABRT; coordinator_node.temporal.run_with_client says why).
@pytest.fixture
def runtimes_made(monkeypatch: pytest.MonkeyPatch) -> list[weakref.ref[Runtime]]:
    """Every Temporal runtime created from here on, weakly held."""
    made: list[weakref.ref[Runtime]] = []
    init = Runtime.__init__

    def recorded(self: Runtime, *args: Any, **kwargs: Any) -> None:
        init(self, *args, **kwargs)
        made.append(weakref.ref(self))

    monkeypatch.setattr(Runtime, "__init__", recorded)
    return made


@pytest.fixture
def node_settings(temporal_env: WorkflowEnvironment, tmp_path: Path) -> Settings:
    database = f"sqlite:///{tmp_path / 'db.sqlite'}"
    migrate(database)
    return Settings(database_url=database, worker_metrics_port=0, worker_bootstrap=False,
                    model_runner_port=1, temporal_task_queue=f"tq-{uuid.uuid4().hex[:8]}",
                    temporal_address=temporal_env.client.service_client.config.target_host)


async def test_the_worker_runs_on_a_runtime_of_its_own_that_goes_with_it(
    node_settings: Settings, runtimes_made: list[weakref.ref[Runtime]]
) -> None:
    """Even without a metrics port; once the worker has stopped, the collection `main` runs
    frees it, its threads joined."""
    stop = asyncio.Event()
    worker = asyncio.create_task(run_worker(node_settings, stop))
    await eventually(lambda: bool(runtimes_made), within=30, what="the worker's runtime")
    stop.set()
    await worker
    del worker
    gc.collect()  # as `main` does
    assert [ref() for ref in runtimes_made] == [None]


async def test_the_api_runs_on_a_runtime_of_its_own_that_goes_at_shutdown(
    node_settings: Settings, runtimes_made: list[weakref.ref[Runtime]]
) -> None:
    with TestClient(create_app(node_settings)) as api:
        await eventually(lambda: api.get("/readyz").status_code == 200, within=30,
                         what="the API to connect to Temporal")
        assert len(runtimes_made) == 1 and runtimes_made[0]() is not None
    assert [ref() for ref in runtimes_made] == [None]  # the lifespan's end collected it


# --- one line per retried activity failure ------------------------------------------------
ATTEMPTS: dict[str, int] = {}


@activity.defn
async def flaky(key: str) -> str:
    ATTEMPTS[key] = ATTEMPTS.get(key, 0) + 1
    if ATTEMPTS[key] < 3 or key.startswith("always"):
        raise ConnectionError(f"no network (try {ATTEMPTS[key]})")
    return "ok"


@workflow.defn(sandboxed=False)
class FlakyWorkflow:
    @workflow.run
    async def run(self, key: str) -> str:
        return await workflow.execute_activity(
            flaky, key, start_to_close_timeout=timedelta(seconds=10),
            retry_policy=RetryPolicy(initial_interval=timedelta(milliseconds=100),
                                     maximum_attempts=3))


async def test_a_retried_failure_is_one_warning_line_and_the_last_keeps_its_traceback(
    temporal_env: WorkflowEnvironment, caplog: pytest.LogCaptureFixture
) -> None:
    quiet_activity_retries()
    queue = f"tq-{uuid.uuid4().hex[:8]}"
    caplog.set_level(logging.WARNING, logger="temporalio.activity")
    client = temporal_env.client
    async with Worker(client, task_queue=queue, workflows=[FlakyWorkflow], activities=[flaky]):
        recovers = f"recovers-{uuid.uuid4().hex[:6]}"
        assert await client.execute_workflow(FlakyWorkflow.run, recovers, id=recovers,
                                             task_queue=queue) == "ok"
        retried = [r for r in caplog.records if r.name == "temporalio.activity"]
        assert [r.getMessage() for r in retried] == [
            f"activity flaky attempt {n} failed, will retry: ConnectionError: no network "
            f"(try {n})" for n in (1, 2)]
        assert all(r.levelno == logging.WARNING and r.exc_info is None for r in retried)

        caplog.clear()
        fails = f"always-{uuid.uuid4().hex[:6]}"
        with pytest.raises(WorkflowFailureError):
            await client.execute_workflow(FlakyWorkflow.run, fails, id=fails, task_queue=queue)
        await asyncio.sleep(0.1)
        records = [r for r in caplog.records if r.name == "temporalio.activity"]
        assert len(records) == 3
        assert [r.exc_info is None for r in records] == [True, True, False]  # the final one
