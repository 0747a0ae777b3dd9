from __future__ import annotations

from datetime import timedelta

from sqlalchemy import Engine, select
from sqlmodel import Session
from temporalio.client import (
    Schedule,
    ScheduleActionStartWorkflow,
    ScheduleIntervalSpec,
    ScheduleSpec,
)
from temporalio.testing import WorkflowEnvironment

from coordinator_node.client.schedules import ensure_schedule, remove_schedule
from coordinator_node.db import session_scope
from coordinator_node.db.tables import Model
from coordinator_node.db.upsert import upsert


def test_upsert_inserts_updates_and_ignores(engine: Engine) -> None:
    rows = [{"model_id": f"m{i}", "model_name": f"n{i}"} for i in range(3)]
    with session_scope(engine) as session:
        assert upsert(session, Model, rows, ["model_id"]) == 3
    with session_scope(engine) as session:  # duplicate: nothing happens
        assert upsert(session, Model, rows, ["model_id"]) == 0
    with session_scope(engine) as session:
        upsert(session, Model, [{"model_id": "m1", "model_name": "renamed"}], ["model_id"],
               update_columns=["model_name"])
    with Session(engine) as session:
        names = dict(session.execute(select(Model.model_id, Model.model_name)).all())
    assert names == {"m0": "n0", "m1": "renamed", "m2": "n2"}


def test_upsert_batches_large_inputs(engine: Engine) -> None:
    rows = [{"model_id": f"m{i:05d}", "model_name": "x"} for i in range(20_000)]
    with session_scope(engine) as session:
        upsert(session, Model, rows, ["model_id"])
    with Session(engine) as session:
        assert len(session.execute(select(Model.model_id)).all()) == 20_000


async def test_ensure_schedule_creates_then_updates(temporal_env: WorkflowEnvironment) -> None:
    client = temporal_env.client

    def schedule(every: int) -> Schedule:
        return Schedule(
            action=ScheduleActionStartWorkflow("NoSuchWorkflow", id="x", task_queue="none"),
            spec=ScheduleSpec(intervals=[ScheduleIntervalSpec(every=timedelta(seconds=every))]),
        )

    await ensure_schedule(client, "test-ensure", schedule(30))
    await ensure_schedule(client, "test-ensure", schedule(45))
    described = await client.get_schedule_handle("test-ensure").describe()
    assert described.schedule.spec.intervals[0].every == timedelta(seconds=45)
    await remove_schedule(client, "test-ensure")
    await remove_schedule(client, "test-ensure")  # already gone: fine
