"""Horizontal scale: two worker processes on one task queue share the rounds and the feed;
SIGKILL the one running a round's predict step (and the feed's live stream) and the survivor
carries on: every round completes, exactly one prediction row per (round, model)."""

from __future__ import annotations

import asyncio
import itertools
import json
import os
import signal
import socket
import sys
import time
import uuid
from collections.abc import Awaitable, Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from example_crunch.tracker import TrackerBase
from sqlalchemy import Engine, func, select
from sqlmodel import Session
from temporalio.api.enums.v1 import EventType, PendingActivityState
from temporalio.client import Client, WorkflowExecutionStatus, WorkflowHandle
from temporalio.testing import WorkflowEnvironment

from coordinator_node.db.tables import FeedRecord, Input, Prediction
from coordinator_node.rounds.messages import RoundResult
from coordinator_node.runners.local.cluster import LocalCluster, model_identity
from coordinator_node.workflows.rounds import PredictionRoundWorkflow
from tests.conftest import REPO_ROOT, TEMPLATE_DIR

pytestmark = pytest.mark.slow
P = Prediction.__table__.c  # type: ignore[attr-defined]

CONFIG = "two-workers-btc-4s-every-2s"
MODELS = ["tests.rounds.misbehaving:UpTracker", f"{__name__}:DrowsyTracker"]


class DrowsyTracker(TrackerBase):
    """Answers after 2 s: long enough to find its round PREDICTING and kill the worker."""

    def predict(self, subject: str, horizon_seconds: int, step_seconds: int) -> dict[str, Any]:
        time.sleep(2)
        return {"value": 1.0}


def identity(pid: int) -> str:
    """The identity the SDK gives a worker process by default (pid@host)."""
    return f"{pid}@{socket.gethostname()}"


async def eventually(check: Callable[[], Awaitable[Any]], within: float, what: str) -> Any:
    deadline = time.monotonic() + within
    while time.monotonic() < deadline:
        if found := await check():
            return found
        await asyncio.sleep(0.2)
    raise AssertionError(f"timed out after {within:.0f}s waiting for {what}")


async def round_handles(client: Client, crunch: str, running: bool = False
                        ) -> list[WorkflowHandle[Any, RoundResult]]:
    query = f'CrunchId = "{crunch}" AND WorkflowType = "PredictionRoundWorkflow"'
    if running:
        query += ' AND ExecutionStatus = "Running"'
    return [client.get_workflow_handle_for(PredictionRoundWorkflow.run, w.id, run_id=w.run_id)
            async for w in client.list_workflows(query)]


async def started_activities(handle: WorkflowHandle[Any, Any]) -> list[tuple[str, str]]:
    """(activity type, worker identity) of every activity attempt the history shows."""
    names: dict[int, str] = {}
    found = []
    async for event in handle.fetch_history_events():
        if event.event_type == EventType.EVENT_TYPE_ACTIVITY_TASK_SCHEDULED:
            names[event.event_id] = event.activity_task_scheduled_event_attributes \
                .activity_type.name
        elif event.event_type == EventType.EVENT_TYPE_ACTIVITY_TASK_STARTED:
            started = event.activity_task_started_event_attributes
            found.append((names[started.scheduled_event_id], started.identity))
    return found


async def running_activity(handle: WorkflowHandle[Any, Any], name: str,
                           within: float | None = None) -> str | None:
    """The identity of the worker running `name` for this workflow right now, if any (and if
    it started at most `within` seconds ago)."""
    description = await handle.describe()
    for pending in description.raw_description.pending_activities:
        if (pending.activity_type.name == name
                and pending.state == PendingActivityState.PENDING_ACTIVITY_STATE_STARTED):
            age = datetime.now(UTC) - pending.last_started_time.ToDatetime(tzinfo=UTC)
            if within is None or age.total_seconds() <= within:
                return str(pending.last_worker_identity)
    return None


async def cleanup(client: Client, crunch: str) -> None:
    """The session's dev server outlives this test: drop its schedules and workflows."""
    async for schedule in await client.list_schedules():
        if f"/{crunch}" in schedule.id:
            await client.get_schedule_handle(schedule.id).delete()
    async for w in client.list_workflows(f'CrunchId = "{crunch}" AND '
                                         'ExecutionStatus = "Running"'):
        await client.get_workflow_handle(w.id, run_id=w.run_id).terminate("test over")


async def test_two_workers_share_rounds_and_feed_and_survive_a_kill(
    temporal_env: WorkflowEnvironment, pg_engine: Engine, pg_url: str, task_queue: str,
    tmp_path: Path,
) -> None:
    client = temporal_env.client
    crunch = f"two-workers-{uuid.uuid4().hex[:6]}"
    configs = tmp_path / "configs.json"
    configs.write_text(json.dumps([{
        "scope_key": CONFIG, "scope_template": {"subject": "BTC", "horizon": 4, "step": 2},
        "schedule": {"prediction_interval_seconds": 2, "resolve_after_seconds": 4}}]))
    async with LocalCluster(crunch, MODELS) as cluster:
        env = {**os.environ, "DATABASE_URL": pg_url, "TEMPORAL_TASK_QUEUE": task_queue,
               "TEMPORAL_ADDRESS": client.service_client.config.target_host,
               "CRUNCH_ID": crunch, "CONTRACT": "example_crunch.contract:CONTRACT",
               "SCHEDULED_PREDICTION_CONFIGS_PATH": str(configs),
               "FEED_SOURCE": "synthetic", "FEED_SUBJECTS": "BTC", "FEED_KIND": "candle",
               "FEED_GRANULARITY": "1s", "FEED_BACKFILL_DAYS": "0.002",
               "MODEL_RUNNER_PORT": str(cluster.port), "MODEL_RUNNER_TIMEOUT_SECONDS": "5",
               "CHECKPOINT_INTERVAL_SECONDS": "0", "LOG_LEVEL": "WARNING",
               "PYTHONPATH": os.pathsep.join([str(REPO_ROOT), str(TEMPLATE_DIR)])}
        # The second worker only polls: the first one creates the schedules and the feed.
        workers = [await asyncio.create_subprocess_exec(
            sys.executable, "-m", "coordinator_node", "worker", cwd=tmp_path,
            env={**env, "WORKER_BOOTSTRAP": bootstrap}) for bootstrap in ("true", "false")]
        names = {identity(w.pid): w for w in workers}
        try:
            await _run(client, pg_engine, crunch, names)
        finally:
            for worker in workers:
                if worker.returncode is None:
                    worker.send_signal(signal.SIGKILL)
                    await worker.wait()
            await cleanup(client, crunch)


async def _run(client: Client, engine: Engine, crunch: str,
               workers: dict[str, asyncio.subprocess.Process]) -> None:
    # 1. Both workers take part: each has run activities of some round.
    async def both_ran_rounds() -> bool:
        seen = set()
        for handle in await round_handles(client, crunch):
            seen |= {who for _, who in await started_activities(handle)}
        return set(workers) <= seen

    await eventually(both_ran_rounds, 90, "both workers to run round activities")

    # 2. Kill the worker streaming the feed, while it runs a round's one-attempt predict.
    feed = client.get_workflow_handle(f"feed-ingest/{crunch}/synthetic/BTC/candle/1s")
    feed_holder = await eventually(lambda: running_activity(feed, "stream_live"), 30,
                                   "the feed's live stream")
    assert feed_holder in workers

    async def predicting_on_holder() -> WorkflowHandle[Any, RoundResult] | None:
        for handle in await round_handles(client, crunch, running=True):
            # Started within the last second: the drowsy model answers after two, so the
            # kill lands before the round's predictions are written.
            if await running_activity(handle, "predict", within=1.0) == feed_holder:
                return handle
        return None

    killed_round = await eventually(predicting_on_holder, 60, "a predict on the feed's worker")
    victim = workers[feed_holder]
    victim.send_signal(signal.SIGKILL)
    await victim.wait()
    killed_at = datetime.now(UTC)
    survivor = next(who for who in workers if who != feed_holder)

    # 3. The survivor takes the feed over (after the stream's heartbeat timeout) and the rounds.
    await eventually(lambda: _is(running_activity(feed, "stream_live"), survivor), 60,
                     "the survivor to take the feed's live stream over")

    def fresh_scored_rounds() -> int:
        with Session(engine) as session:
            return session.execute(
                select(func.count(func.distinct(P.input_id)))
                .where(P.slot > killed_at + timedelta(seconds=2), P.status == "SCORED")
            ).scalar_one()

    await eventually(lambda: _value(fresh_scored_rounds() >= 5), 90,
                     "five rounds scored after the kill")

    # 4. No new rounds; every round started finishes.
    await client.get_schedule_handle(f"round/{crunch}/{CONFIG}").pause(note="test over")
    await eventually(lambda: _none_running(client, crunch), 90, "every round to finish")

    handles = await round_handles(client, crunch)
    statuses = [(await h.describe()).status for h in handles]
    assert len(handles) >= 10
    assert set(statuses) == {WorkflowExecutionStatus.COMPLETED}, statuses
    killed_result = await killed_round.result()
    assert killed_result.counts.absent == len(MODELS)

    after_kill = [h for h in handles
                  if (await h.describe()).start_time > killed_at + timedelta(seconds=15)]
    assert after_kill
    for handle in after_kill:
        assert {who for _, who in await started_activities(handle)} == {survivor}

    model_ids = sorted(str(model_identity(m)["model_id"]) for m in MODELS)
    with Session(engine) as session:
        inputs = session.execute(select(Input)).scalars().all()
        rows = session.execute(select(P.input_id, P.model_id, P.status, P.failed_reason)).all()
        ts = FeedRecord.__table__.c.ts_event  # type: ignore[attr-defined]
        feed_ts = list(session.execute(select(ts).order_by(ts)).scalars())
    assert len(inputs) == len(handles)
    assert {i.status for i in inputs} == {"RESOLVED"}
    by_input: dict[str, list[str]] = {}
    for input_id, model_id, status, _ in rows:
        by_input.setdefault(input_id, []).append(model_id)
        assert status in ("SCORED", "FAILED", "ABSENT")
    # Exactly one row per (round, model): none twice, none missing.
    assert {k: sorted(v) for k, v in by_input.items()} == {i.id: model_ids for i in inputs}
    lost = [r for r in rows if r.input_id == killed_result.input_id]
    assert all(r.status == "ABSENT" and r.failed_reason.startswith(
        "the round's model call was lost") for r in lost)
    # The feed has no hole: the survivor fetched what the stream missed.
    steps = {(b - a).total_seconds() for a, b in itertools.pairwise(feed_ts)}
    assert steps == {1.0}


async def _is(value: Awaitable[Any], expected: Any) -> bool:
    return await value == expected


async def _value(value: Any) -> Any:
    return value


async def _none_running(client: Client, crunch: str) -> bool:
    return not await round_handles(client, crunch, running=True)
