"""The checkpoint lifecycle on the real Temporal dev server and Postgres: built once per
period, 50 concurrent confirms → one transition and one write, illegal moves refused with
nothing written, signals, the visibility query, the end at PAID, and a replay. Each test
builds its own checkpoint and moves it as far as it needs."""

from __future__ import annotations

import asyncio
import uuid
from collections.abc import AsyncIterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import Engine, func, select
from sqlmodel import Session
from temporalio.api.enums.v1 import EventType
from temporalio.client import Client, WorkflowExecutionStatus, WorkflowHandle
from temporalio.contrib.pydantic import pydantic_data_converter
from temporalio.testing import WorkflowEnvironment
from temporalio.worker import Replayer

from coordinator_node.checkpoints.messages import (
    CheckpointState,
    CheckpointTrigger,
    StatusRequest,
)
from coordinator_node.checkpoints.store import state_of
from coordinator_node.client import checkpoints as control
from coordinator_node.contract import DEFAULT_CONTRACT
from coordinator_node.db import session_scope
from coordinator_node.db.tables import Checkpoint, CheckpointTransition, Snapshot
from coordinator_node.db.upsert import upsert
from coordinator_node.ids import checkpoint_id, checkpoint_workflow_id, snapshot_id
from coordinator_node.settings import Settings
from coordinator_node.workflows import WORKFLOWS
from coordinator_node.workflows.checkpoints import (
    CheckpointScheduleWorkflow,
    CheckpointWorkflow,
)
from tests.conftest import make_settings
from tests.support import eventually, running_worker

SCORES = {"model-best": 0.9, "model-mid": 0.1, "model-worst": -0.4}


def seed_snapshots(engine: Engine, end: datetime, hours: int = 3) -> None:
    rows = []
    for h in range(hours):
        start = end - timedelta(hours=h + 1)
        for model_id, score in SCORES.items():
            rows.append(
                {
                    "id": snapshot_id(model_id, start, start + timedelta(hours=1)),
                    "model_id": model_id,
                    "period_start": start,
                    "period_end": start + timedelta(hours=1),
                    "prediction_count": 240,
                    "summary": {"value": score, "success": 1.0},
                }
            )
    with session_scope(engine) as session:
        upsert(session, Snapshot, rows, ["id"])


def period_end() -> datetime:
    """A distinct period end per test, in the past (crunch ids are shared)."""
    return datetime.now(UTC).replace(microsecond=0) - timedelta(seconds=uuid.uuid4().int % 10**6)


def stored(engine: Engine, the_id: str) -> CheckpointState | None:
    with Session(engine) as session:
        row = session.get(Checkpoint, the_id)
        return None if row is None else state_of(row)


def transitions(engine: Engine, the_id: str) -> list[tuple[str | None, str, str]]:
    with Session(engine) as session:
        rows = session.execute(
            select(CheckpointTransition)
            .where(CheckpointTransition.checkpoint_id == the_id)  # type: ignore[arg-type]
            .order_by(CheckpointTransition.id)  # type: ignore[arg-type]
        ).scalars()
        return [(r.from_status, r.to_status, r.actor) for r in rows]


@pytest.fixture
async def node(
    temporal_env: WorkflowEnvironment, pg_engine: Engine, pg_url: str, task_queue: str
) -> AsyncIterator[tuple[Client, Settings]]:
    crunch = f"crunch-{uuid.uuid4().hex[:6]}"
    settings = make_settings(
        pg_url,
        temporal_task_queue=task_queue,
        crunch_id=crunch,
        crunch_pubkey="CrunchPub",
        compute_provider="ComputePub",
    )
    async with running_worker(temporal_env.client, settings):
        yield temporal_env.client, settings


async def built(client: Client, the_id: str) -> CheckpointState:
    """The checkpoint's state once its workflow is past BUILDING."""
    handle = client.get_workflow_handle_for(CheckpointWorkflow.run, checkpoint_workflow_id(the_id))

    async def past_building() -> CheckpointState | None:
        state = await handle.query(CheckpointWorkflow.state)
        return None if state.status == "BUILDING" else state

    return await eventually(past_building, within=30, what=f"checkpoint {the_id} to be built")


@dataclass
class Period:
    """One test's checkpoint: its id, its period's end, and the node it runs on."""

    client: Client
    settings: Settings
    engine: Engine
    the_id: str
    end: datetime

    @property
    def handle(self) -> WorkflowHandle[CheckpointWorkflow, CheckpointState]:
        return self.client.get_workflow_handle_for(
            CheckpointWorkflow.run, checkpoint_workflow_id(self.the_id))

    def stored(self) -> CheckpointState | None:
        return stored(self.engine, self.the_id)

    def transitions(self) -> list[tuple[str | None, str, str]]:
        return transitions(self.engine, self.the_id)

    async def confirm(self, tx_hash: str = "0xfeed", times: int = 1) -> list[CheckpointState]:
        """`times` callers confirm at once through the API's path."""
        state = self.stored()
        return list(await asyncio.gather(
            *(control.confirm(self.client, state, tx_hash, "api") for _ in range(times))))

    async def claimable_by_signal(self) -> CheckpointState:
        """An illegal on-chain signal (kept in the state), then the legal one to CLAIMABLE."""
        await self.handle.signal(CheckpointWorkflow.on_chain_status,
                                 StatusRequest(status="PENDING"))
        await self.handle.signal(CheckpointWorkflow.on_chain_status,
                                 StatusRequest(status="CLAIMABLE"))

        async def claimable() -> CheckpointState | None:
            state = await self.handle.query(CheckpointWorkflow.state)
            return state if state.status == "CLAIMABLE" else None

        return await eventually(claimable, within=30, what="the signal to move it to CLAIMABLE")


@pytest.fixture
async def period(node: tuple[Client, Settings], pg_engine: Engine) -> Period:
    """A checkpoint built (PENDING) for a fresh period with three ranked models."""
    client, settings = node
    end = period_end()
    seed_snapshots(pg_engine, end)
    the_id, _ = await control.create_checkpoint(client, settings, DEFAULT_CONTRACT, end)
    assert (await built(client, the_id)).status == "PENDING"
    return Period(client, settings, pg_engine, the_id, end)


async def test_a_period_is_built_once_with_its_ranking_and_emission(
    node: tuple[Client, Settings], pg_engine: Engine
) -> None:
    client, settings = node
    end = period_end()
    seed_snapshots(pg_engine, end)
    the_id, started = await control.create_checkpoint(client, settings, DEFAULT_CONTRACT, end)
    assert started and the_id == checkpoint_id(settings.crunch_id, end)
    assert (await built(client, the_id)).status == "PENDING"

    # A second start for the same period joins the first: still one checkpoint.
    assert await control.create_checkpoint(client, settings, DEFAULT_CONTRACT, end) == (
        the_id,
        False,
    )
    with Session(pg_engine) as session:
        row = session.get(Checkpoint, the_id)
        assert row is not None
        count = session.execute(select(func.count()).select_from(Checkpoint)).scalar()
    assert count == 1
    assert [r["reward_pct"] for r in row.emission["cruncher_rewards"]] == [
        500000000,
        250000000,
        250000000,
    ]
    assert [e["model_id"] for e in row.meta["ranking"]] == list(SCORES)  # best first
    assert row.emission["crunch"] == "CrunchPub"
    assert row.emission["compute_provider_rewards"] == [
        {"provider": "ComputePub", "reward_pct": 1_000_000_000}
    ]
    assert row.period_start == end - timedelta(seconds=settings.checkpoint_interval_seconds)
    assert transitions(pg_engine, the_id) == [(None, "PENDING", "workflow")]


async def test_50_concurrent_confirms_make_one_transition_one_write_and_one_answer(
    period: Period,
) -> None:
    answers = await period.confirm("0xfeed", times=50)
    assert {a.model_dump_json() for a in answers} == {answers[0].model_dump_json()}
    assert answers[0].status == "SUBMITTED" and answers[0].tx_hash == "0xfeed"
    assert answers[0].submitted_at is not None
    assert period.transitions() == [
        (None, "PENDING", "workflow"),
        ("PENDING", "SUBMITTED", "api"),
    ]
    history = await period.handle.fetch_history()
    writes = [
        e
        for e in history.events
        if e.event_type == EventType.EVENT_TYPE_ACTIVITY_TASK_SCHEDULED
        and e.activity_task_scheduled_event_attributes.activity_type.name == "record_transition"
    ]
    assert len(writes) == 1


async def test_illegal_moves_are_refused_naming_the_states_and_nothing_is_written(
    period: Period,
) -> None:
    await period.confirm("0xfeed")
    current = period.stored()
    with pytest.raises(control.CheckpointRefused) as refused:
        await control.set_status(period.client, current, "PAID", "api")
    assert refused.value.kind == "illegal"
    assert refused.value.message == (
        "checkpoint is SUBMITTED: cannot move to PAID; allowed next: only CLAIMABLE"
    )
    with pytest.raises(control.CheckpointRefused) as refused:
        await control.confirm(period.client, current, "0xother", "api")
    assert refused.value.kind == "illegal" and "allowed from PENDING only" in refused.value.message
    with pytest.raises(control.CheckpointRefused) as refused:
        await control.set_status(period.client, current, "LOST", "api")
    assert refused.value.kind == "invalid"
    assert len(period.transitions()) == 2


async def test_the_web_uis_visibility_query_finds_it_by_status(period: Period) -> None:
    await period.confirm("0xfeed")
    query = f'CheckpointStatus = "SUBMITTED" AND CrunchId = "{period.settings.crunch_id}"'

    async def listed() -> list[str]:
        return [w.id async for w in period.client.list_workflows(query)]

    found = await eventually(listed, within=30, what="the visibility query to list it")
    assert found == [checkpoint_workflow_id(period.the_id)]


async def test_signals_follow_the_same_rules(period: Period) -> None:
    """An illegal signal is kept in the state; a legal one moves the checkpoint."""
    await period.confirm("0xfeed")
    state = await period.claimable_by_signal()
    assert state.status == "CLAIMABLE" and state.claimable_at is not None
    assert state.rejected == [
        "on_chain_status: checkpoint is SUBMITTED: cannot move to "
        "PENDING; allowed next: only CLAIMABLE"
    ]
    assert period.transitions()[2] == ("SUBMITTED", "CLAIMABLE", "signal")


async def test_the_lifecycle_ends_at_paid_and_answers_after_the_end(period: Period) -> None:
    client, settings, end = period.client, period.settings, period.end
    await period.confirm("0xfeed")
    await period.claimable_by_signal()

    paid = await control.set_status(client, period.stored(), "PAID", "cli")
    assert paid.status == "PAID" and paid.paid_at is not None
    final = await period.handle.result()
    assert final.status == "PAID"
    assert (await period.handle.describe()).status == WorkflowExecutionStatus.COMPLETED
    # After the end: the same call answers the same; anything else is refused.
    again = await control.set_status(client, period.stored(), "PAID", "cli")
    assert again.status == "PAID"
    with pytest.raises(control.CheckpointRefused) as refused:
        await control.set_status(client, period.stored(), "CLAIMABLE", "cli")
    assert refused.value.kind == "illegal" and "final" in refused.value.message
    same_confirm = await control.confirm(client, period.stored(), "0xfeed", "api")
    assert same_confirm.status == "PAID" and same_confirm.tx_hash == "0xfeed"
    with pytest.raises(control.CheckpointRefused) as refused:
        await control.confirm(client, period.stored(), "0xother", "api")
    assert refused.value.kind == "illegal"
    assert refused.value.message == ("checkpoint is PAID with tx_hash 0xfeed: cannot confirm "
                                     "again with another tx_hash; allowed from PENDING only")
    assert [t[1] for t in period.transitions()] == [
        "PENDING",
        "SUBMITTED",
        "CLAIMABLE",
        "PAID",
    ]
    assert period.transitions()[2][2] == "signal"

    # A closed period cannot be started again, and its id stays the same checkpoint.
    assert await control.create_checkpoint(client, settings, DEFAULT_CONTRACT, end) == (
        period.the_id,
        False,
    )


async def test_the_recorded_lifecycle_replays_against_the_current_code(period: Period) -> None:
    """Concurrent confirms, a refused and a legal signal, the end at PAID: the whole recorded
    history runs against the current workflow code."""
    await period.confirm("0xfeed", times=50)
    await period.claimable_by_signal()
    await control.set_status(period.client, period.stored(), "PAID", "cli")
    assert (await period.handle.result()).status == "PAID"
    history = await period.handle.fetch_history()
    await Replayer(workflows=WORKFLOWS, data_converter=pydantic_data_converter).replay_workflow(
        history
    )


async def test_a_period_with_no_ranked_model_builds_nothing_and_says_why(
    node: tuple[Client, Settings], pg_engine: Engine
) -> None:
    client, settings = node
    end = period_end()
    the_id, _ = await control.create_checkpoint(client, settings, DEFAULT_CONTRACT, end)
    handle = client.get_workflow_handle_for(CheckpointWorkflow.run, checkpoint_workflow_id(the_id))
    result = await handle.result()
    assert result.status == "NOT_BUILT"
    assert result.detail is not None and result.detail.startswith("no ranked model in [")
    assert result.detail.endswith("0 snapshots, none with a finite 'value'; no checkpoint built")
    assert stored(pg_engine, the_id) is None
    with pytest.raises(control.CheckpointRefused) as refused:
        await control.confirm(client, stored(pg_engine, the_id), "0x1", "api")
    assert refused.value.kind == "not_found"


async def test_future_periods_are_refused(
    node: tuple[Client, Settings], pg_engine: Engine
) -> None:
    client, settings = node
    with pytest.raises(control.CheckpointRefused) as refused:
        await control.create_checkpoint(
            client, settings, DEFAULT_CONTRACT, datetime.now(UTC) + timedelta(hours=1)
        )
    assert refused.value.kind == "invalid" and "is in the future" in refused.value.message


async def test_periods_chain_and_the_schedule_trigger_starts_each_period_once(
    node: tuple[Client, Settings], pg_engine: Engine
) -> None:
    client, settings = node
    end = period_end()
    seed_snapshots(pg_engine, end, hours=6)
    first_end = end - timedelta(hours=3)
    first, _ = await control.create_checkpoint(client, settings, DEFAULT_CONTRACT, first_end)
    await built(client, first)
    second, _ = await control.create_checkpoint(client, settings, DEFAULT_CONTRACT, end)
    await built(client, second)
    a, b = stored(pg_engine, first), stored(pg_engine, second)
    assert a is not None and b is not None
    assert b.period_start == a.period_end == first_end  # no gap, no overlap

    # An earlier period than the newest checkpoint would overlap it: refused by the build.
    overlap = end - timedelta(hours=1)
    the_id, _ = await control.create_checkpoint(client, settings, DEFAULT_CONTRACT, overlap)
    handle = client.get_workflow_handle_for(CheckpointWorkflow.run, checkpoint_workflow_id(the_id))
    with pytest.raises(Exception) as failed:
        await handle.result()
    assert "already covers a later period" in str(failed.value.__cause__.__cause__)  # type: ignore[union-attr]

    # The schedule's trigger: two firings for the same period start one checkpoint workflow.
    trigger = CheckpointTrigger(crunch_id=settings.crunch_id, period_seconds=10**9)
    results = [
        await client.execute_workflow(
            CheckpointScheduleWorkflow.run,
            trigger,
            id=f"trigger-{uuid.uuid4().hex[:6]}",
            task_queue=settings.temporal_task_queue,
        )
        for _ in range(2)
    ]
    assert results[0].endswith(": started") and results[1].endswith(": already started")
    assert results[0].split(":")[0] == results[1].split(":")[0]
