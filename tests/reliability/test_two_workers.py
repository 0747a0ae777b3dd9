"""Horizontal scale: two worker processes on one task queue share the rounds and the feed;
SIGKILL the one streaming the feed while it runs a round's one-attempt predict step, and the
survivor carries on: the killed round completes with its models ABSENT (never called twice),
the survivor takes the feed over without a hole, every later round completes on it, and every
(round, model) has exactly one prediction row.

Real pieces throughout: the Temporal dev server, Postgres, `coordinator-node worker`
processes, and the model runtime (one `model-runner` process per model code directory)."""

from __future__ import annotations

import asyncio
import itertools
import json
import os
import signal
import socket
import sys
import uuid
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Engine, func, select
from sqlmodel import Session
from temporalio.api.enums.v1 import EventType, PendingActivityState
from temporalio.client import Client, WorkflowExecutionStatus, WorkflowHandle
from temporalio.testing import WorkflowEnvironment

from coordinator_node.db.tables import FeedRecord, Input, Model, Prediction
from coordinator_node.ids import round_schedule_id
from coordinator_node.rounds.messages import RoundResult
from coordinator_node.settings import Settings
from coordinator_node.workflows.rounds import PredictionRoundWorkflow
from tests.conftest import REPO_ROOT, TEMPLATE_DIR
from tests.rounds.conftest import code_directories, id_of, local_cluster
from tests.support import eventually

pytestmark = pytest.mark.slow
P = Prediction.__table__.c  # type: ignore[attr-defined]

CONFIG = "two-workers-btc-4s-every-3s"
MODELS = ["UpTracker", "DrowsyTracker"]  # tests/rounds/misbehaving.py; Drowsy answers in 2 s
# Rounds 3 s apart, longer than Drowsy's 2 s turn: it is never still busy with the previous
# round (then it would be skipped as busy, the predict step would end at once, and the kill
# would land after the round's predictions were written).
INTERVAL_SECONDS = 3


def identity(pid: int) -> str:
    """The identity the SDK gives a worker process by default (pid@host)."""
    return f"{pid}@{socket.gethostname()}"


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


def worker_env(pg_url: str, task_queue: str, temporal: str, crunch: str, models_port: int,
               configs: Path) -> dict[str, str]:
    """This machine's environment without any node setting, then the test's."""
    names = {name.upper() for name in Settings.model_fields}
    env = {key: value for key, value in os.environ.items() if key.upper() not in names}
    return {**env, "DATABASE_URL": pg_url, "TEMPORAL_TASK_QUEUE": task_queue,
            "TEMPORAL_ADDRESS": temporal, "CRUNCH_ID": crunch,
            "CONTRACT": "example_crunch.contract:CONTRACT",
            "SCHEDULED_PREDICTION_CONFIGS_PATH": str(configs),
            "FEED_SOURCE": "synthetic", "FEED_SUBJECTS": "BTC", "FEED_KIND": "candle",
            "FEED_GRANULARITY": "1s", "FEED_BACKFILL_DAYS": "0.002",
            "MODEL_RUNNER_HOST": "127.0.0.1", "MODEL_RUNNER_PORT": str(models_port),
            "WORKER_METRICS_PORT": "0",  # two workers on one machine
            "MODEL_RUNNER_TIMEOUT_SECONDS": "5", "CHECKPOINT_INTERVAL_SECONDS": "0",
            "LOG_LEVEL": "WARNING",
            "PYTHONPATH": os.pathsep.join([str(REPO_ROOT), str(TEMPLATE_DIR)])}


async def test_two_workers_share_rounds_and_feed_and_survive_a_kill(
    temporal_env: WorkflowEnvironment, pg_engine: Engine, pg_url: str, task_queue: str,
    tmp_path: Path,
) -> None:
    client = temporal_env.client
    crunch = f"two-workers-{uuid.uuid4().hex[:6]}"
    configs = tmp_path / "configs.json"
    configs.write_text(json.dumps([{
        "scope_key": CONFIG, "scope_template": {"subject": "BTC", "horizon": 4, "step": 2},
        "schedule": {"prediction_interval_seconds": INTERVAL_SECONDS,
                     "resolve_after_seconds": 4}}]))
    with code_directories(MODELS) as directories:
        async with local_cluster(crunch, directories) as cluster:
            env = worker_env(pg_url, task_queue, client.service_client.config.target_host,
                             crunch, cluster.port, configs)
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

    await eventually(both_ran_rounds, within=90, what="both workers to run round activities",
                     every=0.5)

    # 2. Kill the worker streaming the feed, while it runs a round's one-attempt predict.
    feed = client.get_workflow_handle(f"feed-ingest/{crunch}/synthetic/BTC/candle/1s")
    feed_holder = await eventually(lambda: running_activity(feed, "stream_live"), within=30,
                                   what="the feed's live stream", every=0.2)
    assert feed_holder in workers

    async def predicting_on_holder() -> WorkflowHandle[Any, RoundResult] | None:
        for handle in await round_handles(client, crunch, running=True):
            # Started within the last 0.8 s: the drowsy model answers after 2 s, so the
            # kill lands before the round's predictions are written.
            if await running_activity(handle, "predict", within=0.8) == feed_holder:
                return handle
        return None

    killed_round = await eventually(predicting_on_holder, within=60,
                                    what="a predict on the feed's worker", every=0.1)
    victim = workers[feed_holder]
    victim.send_signal(signal.SIGKILL)
    await victim.wait()
    killed_at = datetime.now(UTC)
    survivor = next(who for who in workers if who != feed_holder)

    # 3. The survivor takes the feed over (after the stream's heartbeat timeout) and the rounds.
    async def survivor_streams() -> bool:
        return await running_activity(feed, "stream_live") == survivor

    await eventually(survivor_streams, within=60,
                     what="the survivor to take the feed's live stream over", every=0.5)

    def fresh_scored_rounds() -> bool:
        with Session(engine) as session:
            return session.execute(
                select(func.count(func.distinct(P.input_id)))
                .where(P.slot > killed_at + timedelta(seconds=2), P.status == "SCORED")
            ).scalar_one() >= 7

    await eventually(fresh_scored_rounds, within=90, what="seven rounds scored after the kill",
                     every=0.5)

    # 4. No new rounds; every round started finishes.
    await client.get_schedule_handle(round_schedule_id(crunch, CONFIG)).pause(note="test over")

    async def none_running() -> bool:
        return not await round_handles(client, crunch, running=True)

    await eventually(none_running, within=90, what="every round to finish", every=0.5)

    handles = await round_handles(client, crunch)
    described = [await h.describe() for h in handles]
    assert len(handles) >= 10
    assert {d.status for d in described} == {WorkflowExecutionStatus.COMPLETED}
    # The killed predict was not retried: its round completed with every model ABSENT.
    killed_result = await killed_round.result()
    assert killed_result.counts.absent == len(MODELS), killed_result
    assert [name for name, _ in await started_activities(killed_round)].count("predict") == 1

    after_kill = [h for h, d in zip(handles, described, strict=True)
                  if d.start_time > killed_at + timedelta(seconds=15)]
    assert after_kill
    for handle in after_kill:
        assert {who for _, who in await started_activities(handle)} == {survivor}

    model_ids = sorted(id_of(name) for name in MODELS)
    with Session(engine) as session:
        inputs = session.execute(select(Input)).scalars().all()
        # A round records every model a worker knows: the rounds after both were first seen.
        known_from = session.execute(select(func.max(Model.first_seen_at))).scalar_one()
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
    assert all(len(v) == len(set(v)) for v in by_input.values())
    counted = [i for i in inputs if i.slot >= known_from]
    assert len(counted) >= len(inputs) - 2
    assert {i.id: sorted(by_input.get(i.id, [])) for i in counted} == {
        i.id: model_ids for i in counted}
    lost = [r for r in rows if r.input_id == killed_result.input_id]
    assert lost and all(r.status == "ABSENT" and r.failed_reason.startswith(
        "the round's model call was lost") for r in lost), lost
    # The feed has no hole: the survivor fetched what the stream missed.
    steps = {(b - a).total_seconds() for a, b in itertools.pairwise(feed_ts)}
    assert steps == {1.0}
