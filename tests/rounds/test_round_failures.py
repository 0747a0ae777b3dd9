"""A worker killed mid-call, the horizon timer, ground-truth expiry, scoring exceptions."""

from __future__ import annotations

import asyncio
import os
import signal
import subprocess
import sys
import uuid
from datetime import timedelta

from sqlalchemy import Engine, select
from sqlmodel import Session
from temporalio.testing import WorkflowEnvironment

from coordinator_node.contract import InferenceOutput, ScoreResult
from coordinator_node.db.tables import Input, Prediction
from coordinator_node.rounds.logic import score_one, validate_output
from coordinator_node.runners.base import ModelIdentity
from coordinator_node.runners.in_process import InProcessRunner
from coordinator_node.workflows.rounds import PredictionRoundWorkflow
from tests.conftest import REPO_ROOT, make_settings
from tests.gate import ModelGate
from tests.rounds.conftest import (
    connected,
    id_of,
    local_models,
    now_second,
    round_input,
    seed_rising_feed,
)
from tests.rounds.misbehaving import UpTracker
from tests.support import eventually, running_worker


def rows(engine: Engine) -> list[Prediction]:
    with Session(engine) as session:
        return list(session.execute(select(Prediction)).scalars())


async def test_worker_killed_between_call_and_write_leaves_one_row_per_model(
    temporal_env: WorkflowEnvironment, pg_engine: Engine, pg_url: str, task_queue: str,
    model_gate: ModelGate,
) -> None:
    now = now_second()
    seed_rising_feed(pg_engine, now - timedelta(minutes=2), 200)
    client = temporal_env.client
    models = ["UpTracker", "SleepyTracker"]
    async with local_models(models, model_timeout=20) as (cluster, make_runner):
        env = {**os.environ, "DATABASE_URL": pg_url, "TEMPORAL_TASK_QUEUE": task_queue,
               "TEMPORAL_ADDRESS": client.service_client.config.target_host,
               "WORKER_BOOTSTRAP": "false", "MODEL_RUNNER_PORT": str(cluster.port),
               "WORKER_METRICS_PORT": "0",
               "CRUNCH_ID": "test-crunch", "MODEL_RUNNER_TIMEOUT_SECONDS": "20"}
        worker = await asyncio.create_subprocess_exec(
            sys.executable, "-m", "coordinator_node", "worker", env=env, cwd=REPO_ROOT,
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        handle = await client.start_workflow(
            PredictionRoundWorkflow.run,
            round_input(now - timedelta(seconds=20), model_timeout_seconds=20),
            id=f"round-{uuid.uuid4().hex[:8]}", task_queue=task_queue)
        try:
            # The sleepy model has the call and holds it: the round cannot write yet.
            await eventually(lambda: model_gate.called("SleepyTracker"), within=60,
                             what="the round to call the sleepy model")
            assert await handle.query(PredictionRoundWorkflow.stage) == "PREDICTING"
        finally:
            worker.send_signal(signal.SIGKILL)
            await worker.wait()
        assert rows(pg_engine) == []  # killed before the write
        # The orphaned call may finish now: nobody is left to hear it, and its model node
        # (one call at a time) is free for the next worker's client.
        model_gate.open()

        runner = make_runner()
        async with running_worker(client, make_settings(pg_url, temporal_task_queue=task_queue),
                                  runner=runner):
            await connected(runner, 2)
            result = await handle.result()

    found = rows(pg_engine)
    assert sorted(p.model_id for p in found) == sorted([id_of("UpTracker"),
                                                        id_of("SleepyTracker")])
    assert {p.status for p in found} == {"ABSENT"}
    assert all(p.failed_reason and p.failed_reason.startswith("the round's model call was lost")
               for p in found)
    assert result.status == "RESOLVED" and result.counts.absent == 2


async def test_horizon_timer_then_expiry_when_ground_truth_never_comes(
    temporal_env: WorkflowEnvironment, sqlite_engine: Engine, sqlite_url: str, task_queue: str,
) -> None:
    # The time-skipping test server cannot hold custom search attributes, so this runs on the
    # real dev server with short times: a horizon timer, then polling until the deadline.
    now = now_second()
    seed_rising_feed(sqlite_engine, now - timedelta(minutes=2), 118)  # ends before the horizon
    runner = InProcessRunner({ModelIdentity("up", "Up"): UpTracker()})
    settings = make_settings(sqlite_url, temporal_task_queue=task_queue)
    slot = now
    async with running_worker(temporal_env.client, settings, runner=runner):
        result = await temporal_env.client.execute_workflow(
            PredictionRoundWorkflow.run,
            round_input(slot, horizon_seconds=3, resolve_deadline_seconds=3,
                        resolve_poll_seconds=1),
            id=f"round-{uuid.uuid4().hex[:8]}", task_queue=task_queue)
    deadline = slot + timedelta(seconds=3 + 3)
    assert result.status == "EXPIRED"
    assert result.detail is not None
    assert result.detail.startswith(f"ground truth never arrived by {deadline.isoformat()}")
    assert result.counts.failed == 1 and result.counts.pending == 0
    with Session(sqlite_engine) as session:
        the_input = session.execute(select(Input)).scalars().one()
        prediction = session.execute(select(Prediction)).scalars().one()
    assert the_input.status == "EXPIRED" and the_input.detail == result.detail
    assert prediction.status == "FAILED" and prediction.failed_reason == result.detail


def test_scoring_exception_fails_only_that_prediction() -> None:
    def picky(prediction: dict[str, float], truth: dict[str, float]) -> dict[str, float]:
        if prediction["value"] < 0:
            raise ZeroDivisionError("negative bets are not scored")
        return {"value": prediction["value"] * truth["return"]}

    ok, none = score_one(picky, ScoreResult, {"value": 2.0}, {"return": 0.5})
    assert ok == {"value": 1.0, "success": True, "failed_reason": None} and none is None
    failed, reason = score_one(picky, ScoreResult, {"value": -1.0}, {"return": 0.5})
    assert failed is None
    assert reason == "scoring failed: ZeroDivisionError: negative bets are not scored"
    inf, reason = score_one(lambda p, t: {"value": float("inf")}, ScoreResult, {}, {})
    assert inf is None and reason is not None and reason.startswith("scoring failed")


def test_output_validation_reasons() -> None:
    assert validate_output(InferenceOutput, {"value": 1.5}).output == {"value": 1.5}
    cases = {
        "nan": ({"value": float("nan")}, "invalid output: value: Input should be a finite number"),
        "inf": ({"value": float("-inf")}, "invalid output: value: Input should be a finite number"),
        "str": ({"value": "high"}, "invalid output: value: Input should be a valid number, "
                                   "unable to parse string as a number"),
        "list": ([1, 2], "invalid output: output: Input should be a valid dictionary or "
                         "instance of InferenceOutput"),
    }
    for raw, reason in cases.values():
        verdict = validate_output(InferenceOutput, raw)
        assert verdict.output is None and verdict.reason == reason
    big = validate_output(InferenceOutput, {"value": 1.0, "pad": "x" * 70_000})
    assert big.output is None and big.reason == "output too large: 70025 bytes > 65536"
    assert big.raw["truncated"] is True and big.raw["size_bytes"] == 70025


async def test_time_skipping_an_hour_horizon_and_the_expiry_deadline(
    time_skipping_env: WorkflowEnvironment, sqlite_engine: Engine, sqlite_url: str,
    task_queue: str,
) -> None:
    """An hour's durable timer and a 15-minute resolve deadline pass in seconds."""
    now = now_second()
    seed_rising_feed(sqlite_engine, now - timedelta(minutes=2), 100)  # ends before the horizon
    runner = InProcessRunner({ModelIdentity("up", "Up"): UpTracker()})
    settings = make_settings(sqlite_url, temporal_task_queue=task_queue)
    slot = now - timedelta(seconds=30)
    async with running_worker(time_skipping_env.client, settings, runner=runner):
        result = await time_skipping_env.client.execute_workflow(
            PredictionRoundWorkflow.run,
            round_input(slot, horizon_seconds=3600, resolve_deadline_seconds=900,
                        resolve_poll_seconds=60, search_attributes=False),
            id=f"round-{uuid.uuid4().hex[:8]}", task_queue=task_queue)
    deadline = slot + timedelta(seconds=3600 + 900)
    assert result.status == "EXPIRED" and result.detail is not None
    assert result.detail.startswith(f"ground truth never arrived by {deadline.isoformat()}")
    with Session(sqlite_engine) as session:
        prediction = session.execute(select(Prediction)).scalars().one()
    assert prediction.status == "FAILED" and prediction.failed_reason == result.detail
