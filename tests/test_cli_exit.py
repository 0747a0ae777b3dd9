"""Short-lived commands exit with their own code every time: never SIGABRT (-6) or SIGSEGV from
the Temporal SDK's native threads at interpreter exit. Each runs as a real subprocess, 20 times,
against the session's dev server and Postgres, with this test's worker on the task queue."""

from __future__ import annotations

import asyncio
import json
import os
import sys
import uuid
from collections import Counter
from datetime import timedelta

import pytest
from sqlalchemy import Engine
from temporalio.testing import WorkflowEnvironment

from tests.checkpoints.test_lifecycle import period_end, seed_snapshots
from tests.conftest import REPO_ROOT, make_settings
from tests.support import running_worker

pytestmark = pytest.mark.slow

RUNS = 20
PARALLEL = 4  # enough to load 2 cores (the race needs a busy machine), few enough to finish
EXIT_NOISE = ("Fatal Python error", "Traceback", "Exception ignored")


async def node(env: dict[str, str], *args: str) -> tuple[int, str]:
    process = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "coordinator_node", *args, env=env, cwd=REPO_ROOT,
        stdout=asyncio.subprocess.DEVNULL, stderr=asyncio.subprocess.PIPE)
    _, err = await process.communicate()
    assert process.returncode is not None
    return process.returncode, err.decode()


async def run_many(env: dict[str, str],
                   commands: dict[str, tuple[int, list[str]]]) -> dict[str, Counter[int]]:
    """Each command RUNS times, interleaved, PARALLEL at a time; the exit codes per command.
    A run with the wrong code, or with a crash or traceback on stderr, fails the test."""
    gate = asyncio.Semaphore(PARALLEL)
    failures: list[str] = []

    async def one(name: str, expected: int, args: list[str]) -> tuple[str, int]:
        async with gate:
            code, err = await node(env, *args)
        if code != expected or any(noise in err for noise in EXIT_NOISE):
            failures.append(f"{name}: exit {code}\n{err[-1500:]}")
        return name, code

    runs = [one(name, expected, args) for _ in range(RUNS)
            for name, (expected, args) in commands.items()]
    codes: dict[str, Counter[int]] = {name: Counter() for name in commands}
    for name, code in await asyncio.gather(*runs):
        codes[name][code] += 1
    assert not failures, f"{len(failures)} bad runs; first:\n{failures[0]}"
    return codes


async def test_short_lived_commands_exit_cleanly_every_time(
    temporal_env: WorkflowEnvironment, pg_engine: Engine, pg_url: str, task_queue: str
) -> None:
    crunch = f"crunch-{uuid.uuid4().hex[:6]}"
    settings = make_settings(pg_url, temporal_task_queue=task_queue, crunch_id=crunch)
    env = {**os.environ, "DATABASE_URL": pg_url, "TEMPORAL_TASK_QUEUE": task_queue,
           "TEMPORAL_ADDRESS": temporal_env.client.service_client.config.target_host,
           "CRUNCH_ID": crunch}
    end = period_end()
    the_id = f"{crunch}-{end.strftime('%Y%m%dT%H%M%SZ')}"
    seed_snapshots(pg_engine, end)
    start = end - timedelta(days=30)
    backfill = ["backfill", "--source", "synthetic", "--subject", "BTC", "--kind", "candle",
                "--granularity", "1m", "--start", start.isoformat(),
                "--end", (start + timedelta(minutes=5)).isoformat()]

    async with running_worker(temporal_env.client, settings):
        # One checkpoint first: the others show and confirm it. Every later create joins it.
        code, err = await node(env, "checkpoint", "create", "--period-end", end.isoformat())
        assert code == 0, err
        commands = {
            "create": (0, ["checkpoint", "create", "--period-end", end.isoformat()]),
            "list": (0, ["checkpoint", "list"]),
            "show": (0, ["checkpoint", "show", the_id]),
            "confirm": (0, ["checkpoint", "confirm", the_id, "--tx-hash", "5Yxq"]),
            "search-attributes": (0, ["search-attributes"]),
            "backfill": (0, backfill),
        }
        codes = await run_many(env, commands)

    assert codes == {name: Counter({expected: RUNS})
                     for name, (expected, _) in commands.items()}


@pytest.mark.skipif(sys.platform != "linux", reason="threads are counted in /proc/self/task")
async def test_a_command_joins_its_temporal_threads_before_it_returns(
    temporal_env: WorkflowEnvironment, pg_url: str
) -> None:
    """The root cause, without luck: after `run_with_client` no Tokio thread is left to wake
    Python during interpreter finalisation."""
    script = """
import json, os
from coordinator_node.settings import load_settings
from coordinator_node.temporal import run_with_client

def threads():
    return sorted(open(f"/proc/self/task/{t}/comm").read().strip()
                  for t in os.listdir("/proc/self/task"))

async def count(client):
    during.extend(threads())
    return (await client.count_workflows()).count

settings = load_settings()
before, during = threads(), []
run_with_client(settings, count)
print(json.dumps({"before": before, "during": during, "after": threads()}))
"""
    env = {**os.environ, "DATABASE_URL": pg_url,
           "TEMPORAL_ADDRESS": temporal_env.client.service_client.config.target_host}
    process = await asyncio.create_subprocess_exec(
        sys.executable, "-c", script, env=env, cwd=REPO_ROOT,
        stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE)
    out, err = await process.communicate()
    assert process.returncode == 0, err.decode()
    seen = json.loads(out)
    assert any(name.startswith("tokio") for name in seen["during"]), seen
    assert seen["after"] == seen["before"], seen
