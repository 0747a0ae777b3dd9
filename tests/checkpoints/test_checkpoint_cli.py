"""`coordinator-node checkpoint …` as an operator runs it: a real subprocess against the dev
server and Postgres, with this test's worker serving the task queue."""

from __future__ import annotations

import asyncio
import json
import os
import sys
import uuid

from sqlalchemy import Engine
from temporalio.testing import WorkflowEnvironment

from tests.checkpoints.test_lifecycle import period_end, seed_snapshots, transitions
from tests.conftest import REPO_ROOT, make_settings
from tests.support import running_worker


async def cli(env: dict[str, str], *args: str) -> tuple[int, str, str]:
    process = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "coordinator_node", "checkpoint", *args, env=env, cwd=REPO_ROOT,
        stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE)
    out, err = await process.communicate()
    return await process.wait(), out.decode(), err.decode()


async def test_checkpoint_commands(temporal_env: WorkflowEnvironment, pg_engine: Engine,
                                   pg_url: str, task_queue: str) -> None:
    crunch = f"crunch-{uuid.uuid4().hex[:6]}"
    settings = make_settings(pg_url, temporal_task_queue=task_queue, crunch_id=crunch)
    env = {**os.environ, "DATABASE_URL": pg_url, "TEMPORAL_TASK_QUEUE": task_queue,
           "TEMPORAL_ADDRESS": temporal_env.client.service_client.config.target_host,
           "CRUNCH_ID": crunch}
    end = period_end()
    seed_snapshots(pg_engine, end)
    async with running_worker(temporal_env.client, settings):
        code, out, err = await cli(env, "create", "--period-end", end.isoformat())
        assert code == 0, err
        state = json.loads(out)
        the_id = state["checkpoint_id"]
        assert the_id == f"{crunch}-{end.strftime('%Y%m%dT%H%M%SZ')}"
        assert state["status"] == "PENDING" and err.startswith("started checkpoint")

        code, out, err = await cli(env, "create", "--period-end", end.isoformat())
        assert code == 0 and err.startswith("already exists: checkpoint"), err

        code, out, _ = await cli(env, "list")
        assert code == 0 and the_id in out and "PENDING" in out

        code, out, _ = await cli(env, "show", the_id)
        shown = json.loads(out)
        assert [r["reward_pct"] for r in shown["emission"]["cruncher_rewards"]] == [
            500000000, 250000000, 250000000]
        assert shown["ranking"][0]["model_id"] == "model-best"

        code, _, err = await cli(env, "status", the_id, "PAID")
        assert code == 1
        assert err.strip() == ("coordinator-node: refused (illegal): checkpoint is PENDING: "
                               "cannot move to PAID; allowed next: only SUBMITTED")

        code, out, err = await cli(env, "confirm", the_id, "--tx-hash", "5Yxq")
        assert code == 0, err
        assert json.loads(out)["status"] == "SUBMITTED"
        code, out, _ = await cli(env, "confirm", the_id, "--tx-hash", "5Yxq")
        assert code == 0 and json.loads(out)["tx_hash"] == "5Yxq"  # the same answer

        code, _, err = await cli(env, "show", "nope")
        assert code == 1 and "unknown checkpoint nope" in err
        code, _, err = await cli(env, "confirm", "nope", "--tx-hash", "x")
        assert code == 1 and "refused (not_found)" in err

    assert transitions(pg_engine, the_id) == [(None, "PENDING", "workflow"),
                                              ("PENDING", "SUBMITTED", "cli")]
