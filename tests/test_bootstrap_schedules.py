"""What the worker's start-up creates on the real dev server: the round, snapshot and
checkpoint Schedules with their overlap and catch-up policies; interval 0 removes the
checkpoint Schedule."""

from __future__ import annotations

import uuid
from datetime import timedelta

import pytest
from sqlalchemy import Engine
from temporalio.client import ScheduleActionStartWorkflow, ScheduleOverlapPolicy
from temporalio.service import RPCError
from temporalio.testing import WorkflowEnvironment

from coordinator_node.client import bootstrap
from coordinator_node.contract import DEFAULT_CONTRACT
from coordinator_node.services import Services
from tests.conftest import make_settings


async def test_schedules_from_settings(temporal_env: WorkflowEnvironment, pg_engine: Engine,
                                       pg_url: str, task_queue: str) -> None:
    client = temporal_env.client
    crunch = f"crunch-{uuid.uuid4().hex[:6]}"
    settings = make_settings(pg_url, crunch_id=crunch, temporal_task_queue=task_queue,
                             snapshot_interval_seconds=60, checkpoint_interval_seconds=3600)
    services = Services(settings=settings, contract=DEFAULT_CONTRACT, engine=pg_engine)
    await bootstrap.ensure_rounds(client, services)
    await bootstrap.ensure_checkpoints(client, services)

    expected = {
        f"round/{crunch}/btc-60s-every-15s": (timedelta(seconds=15),
                                              ScheduleOverlapPolicy.ALLOW_ALL,
                                              timedelta(seconds=15), "PredictionRoundWorkflow"),
        f"snapshots/{crunch}": (timedelta(seconds=60), ScheduleOverlapPolicy.BUFFER_ALL,
                                timedelta(days=1), "SnapshotWorkflow"),
        f"checkpoints/{crunch}": (timedelta(hours=1), ScheduleOverlapPolicy.BUFFER_ALL,
                                  timedelta(hours=1), "CheckpointScheduleWorkflow"),
    }
    for schedule_id, (every, overlap, catchup, workflow) in expected.items():
        described = await client.get_schedule_handle(schedule_id).describe()
        schedule = described.schedule
        assert schedule.spec.intervals[0].every == every
        assert schedule.policy.overlap == overlap
        assert schedule.policy.catchup_window == catchup
        action = schedule.action
        assert isinstance(action, ScheduleActionStartWorkflow)
        assert action.workflow == workflow and action.task_queue == task_queue

    # Starting again converges (update in place); interval 0 removes the checkpoint Schedule.
    await bootstrap.ensure_rounds(client, services)
    on_demand = Services(settings=make_settings(pg_url, crunch_id=crunch,
                                                checkpoint_interval_seconds=0),
                         contract=DEFAULT_CONTRACT, engine=pg_engine)
    await bootstrap.ensure_checkpoints(client, on_demand)
    with pytest.raises(RPCError):
        await client.get_schedule_handle(f"checkpoints/{crunch}").describe()
    for schedule_id in list(expected)[:2]:
        await client.get_schedule_handle(schedule_id).delete()


async def test_each_active_config_gets_its_schedule_and_removed_ones_lose_theirs(
        temporal_env: WorkflowEnvironment, pg_engine: Engine, pg_url: str,
        task_queue: str) -> None:
    from coordinator_node.contract import ScheduledPredictionConfig
    from coordinator_node.rounds.messages import RoundInput

    client = temporal_env.client
    crunch = f"crunch-{uuid.uuid4().hex[:6]}"
    fast, slow = (ScheduledPredictionConfig.model_validate({
        "scope_key": key, "scope_template": {"subject": "BTC", "venue": "spot"},
        "schedule": {"prediction_interval_seconds": every, "resolve_after_seconds": horizon},
        "meta": {"input_window_size": 30}})
        for key, every, horizon in (("fast", 15, 60), ("slow", 30, 120)))
    settings = make_settings(pg_url, crunch_id=crunch, temporal_task_queue=task_queue)
    services = Services(settings=settings, contract=DEFAULT_CONTRACT, engine=pg_engine,
                        configs=[fast, slow])
    await bootstrap.ensure_rounds(client, services)
    for config, every in ((fast, 15), (slow, 30)):
        described = await client.get_schedule_handle(f"round/{crunch}/{config.scope_key}"
                                                     ).describe()
        assert described.schedule.spec.intervals[0].every == timedelta(seconds=every)
        action = described.schedule.action
        assert isinstance(action, ScheduleActionStartWorkflow)
        [data] = await client.data_converter.decode(action.args, [RoundInput])
        assert (data.config_id, data.horizon_seconds, data.window_size) == (
            config.scope_key, config.horizon_seconds, 30)
        assert data.scope == {"subject": "BTC", "venue": "spot", "horizon": config.horizon_seconds,
                              "step": every}

    # `slow` leaves the configs: its Schedule goes, `fast` stays.
    await bootstrap.ensure_rounds(client, Services(settings=settings, contract=DEFAULT_CONTRACT,
                                                   engine=pg_engine, configs=[fast]))
    with pytest.raises(RPCError):
        await client.get_schedule_handle(f"round/{crunch}/slow").describe()
    await client.get_schedule_handle(f"round/{crunch}/fast").describe()
    for schedule_id in (f"round/{crunch}/fast", f"snapshots/{crunch}"):
        await client.get_schedule_handle(schedule_id).delete()
