"""The node on its production defaults (no settings but where to find its neighbours, named
the old engine's way) is consistent: against a local server speaking Pyth Hermes' wire
format, with one model on the local orchestrator (served by the real model runtime), a round
is captured, predicted, RESOLVED and scored, in the database POSTGRES_* name."""

from __future__ import annotations

import asyncio
import os
import signal
import subprocess
import sys
import uuid
from pathlib import Path

import pytest
from sqlalchemy import Engine, select
from sqlalchemy.engine import make_url
from sqlmodel import Session
from temporalio.testing import WorkflowEnvironment

from coordinator_node.db.tables import Input, Prediction
from coordinator_node.runners.local.cluster import LocalCluster
from tests.conftest import REPO_ROOT
from tests.feeds.fakes import FakeHermes, serve
from tests.support import eventually

pytestmark = pytest.mark.slow


def resolved(engine: Engine) -> list[Input]:
    """Inputs resolved and scored (scoring follows resolution: wait for both)."""
    with Session(engine) as session:
        return list(session.execute(
            select(Input).where(Input.status == "RESOLVED",  # type: ignore[arg-type]
                                Input.id.in_(select(Prediction.input_id).where(  # type: ignore[union-attr]
                                    Prediction.status != "PENDING")))  # type: ignore[arg-type]
        ).scalars())


async def test_defaults_resolve_a_round_on_a_pyth_feed(
    temporal_env: WorkflowEnvironment, pg_engine: Engine, pg_url: str, tmp_path: Path
) -> None:
    crunch = f"defaults-{uuid.uuid4().hex[:6]}"
    hermes = FakeHermes()
    with serve(hermes.app()) as hermes_url:
        async with LocalCluster(crunch, [REPO_ROOT / "template" / "models" / "momentum"],
                                "example_crunch.tracker.TrackerBase") as cluster:
            # Only the neighbours' addresses and this test's isolation are set.
            env = {key: value for key, value in os.environ.items()
                   if not key.startswith(("FEED_", "PYTH_", "CONTRACT"))}
            # The database and the orchestrator by the old engine's names, as an operator
            # migrating from it has them.
            db = make_url(pg_url)
            env.update({
                "POSTGRES_HOST": db.host or "", "POSTGRES_PORT": str(db.port or 5432),
                "POSTGRES_USER": db.username or "", "POSTGRES_DB": db.database or "",
                **({"POSTGRES_PASSWORD": db.password} if db.password else {}),
                "MODEL_RUNNER_NODE_HOST": "127.0.0.1",
                "MODEL_RUNNER_NODE_PORT": str(cluster.port),
                "PYTH_HERMES_URL": hermes_url,
                "TEMPORAL_ADDRESS": temporal_env.client.service_client.config.target_host,
                "TEMPORAL_TASK_QUEUE": f"defaults-{crunch}", "CRUNCH_ID": crunch,
                "WORKER_METRICS_PORT": "0",  # several test workers share this machine
                "PYTHONPATH": f"{REPO_ROOT / 'template'}{os.pathsep}{REPO_ROOT}"})
            for name in ("DATABASE_URL", "MODEL_RUNNER_HOST", "MODEL_RUNNER_PORT"):
                env.pop(name, None)
            worker = await asyncio.create_subprocess_exec(
                sys.executable, "-m", "coordinator_node", "worker", env=env, cwd=tmp_path,
                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            try:
                # the 60 s horizon, resolution, then scoring (an exited worker is reported below)
                await eventually(
                    lambda: resolved(pg_engine) or worker.returncode is not None,
                    within=240, every=1, what="a round to be resolved and scored on the defaults")
            finally:
                worker.send_signal(signal.SIGTERM)
                await worker.wait()
    inputs = resolved(pg_engine)
    assert inputs, "no round resolved on the production defaults"
    assert inputs[0].config_id == "btc-60s-every-15s"
    assert inputs[0].ground_truth is not None and "return" in inputs[0].ground_truth
    with Session(pg_engine) as session:
        predictions = list(session.execute(select(Prediction).where(
            Prediction.input_id == inputs[0].id)).scalars())  # type: ignore[arg-type]
    assert [p.status for p in predictions] == ["SCORED"]
