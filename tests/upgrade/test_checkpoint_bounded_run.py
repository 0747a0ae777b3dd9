"""An open checkpoint does not pin old workflow code: each run lives at most
`max_run_seconds`, then continues as new carrying its state; callers see one checkpoint."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime, timedelta

from sqlalchemy import Engine
from temporalio.api.enums.v1 import EventType
from temporalio.api.history.v1 import HistoryEvent
from temporalio.client import WorkflowHandle
from temporalio.contrib.pydantic import pydantic_data_converter
from temporalio.testing import WorkflowEnvironment
from temporalio.worker import Replayer

from coordinator_node.checkpoints.messages import CheckpointInput, CheckpointState
from coordinator_node.client import checkpoints as control
from coordinator_node.db import session_scope
from coordinator_node.db.tables import Snapshot
from coordinator_node.db.upsert import upsert
from coordinator_node.ids import checkpoint_id, checkpoint_workflow_id, snapshot_id
from coordinator_node.temporal import CHECKPOINT_STATUS
from coordinator_node.workflows import WORKFLOWS
from coordinator_node.workflows.checkpoints import CheckpointWorkflow
from tests.conftest import make_settings
from tests.support import eventually, running_worker


def seed_snapshot(engine: Engine, end: datetime) -> None:
    start = end - timedelta(hours=1)
    with session_scope(engine) as session:
        upsert(session, Snapshot, [{
            "id": snapshot_id("model-a", start, end), "model_id": "model-a",
            "period_start": start, "period_end": end, "prediction_count": 10,
            "summary": {"value": 0.5}}], ["id"])


async def rolled_over(handle: WorkflowHandle[CheckpointWorkflow, CheckpointState],
                      after: str) -> str:
    """The id of the run that continued `after` as new."""

    async def newer_run() -> str | None:
        run_id = (await handle.describe()).run_id
        return run_id if run_id and run_id != after else None

    return await eventually(newer_run, within=30,
                            what=f"the checkpoint run {after} to continue as new")


def scheduled_activities(events: Sequence[HistoryEvent], name: str) -> int:
    return sum(1 for e in events
               if e.event_type == EventType.EVENT_TYPE_ACTIVITY_TASK_SCHEDULED
               and e.activity_task_scheduled_event_attributes.activity_type.name == name)


async def test_a_checkpoint_rolls_over_with_its_state_and_is_paid_across_runs(
    temporal_env: WorkflowEnvironment, pg_engine: Engine, pg_url: str, task_queue: str
) -> None:
    client = temporal_env.client
    settings = make_settings(pg_url, temporal_task_queue=task_queue, crunch_id="bounded")
    end = datetime.now(UTC).replace(microsecond=0) - timedelta(minutes=1)
    seed_snapshot(pg_engine, end)
    the_id = checkpoint_id("bounded", end)
    async with running_worker(client, settings):
        handle = await client.start_workflow(
            CheckpointWorkflow.run,
            CheckpointInput(crunch_id="bounded", period_end=end, max_run_seconds=2),
            id=checkpoint_workflow_id(the_id), task_queue=task_queue)
        first_run = handle.result_run_id
        assert first_run is not None
        second_run = await rolled_over(handle, first_run)
        state = await handle.query(CheckpointWorkflow.state)
        assert state.status == "PENDING" and state.checkpoint_id == the_id
        described = await handle.describe()
        assert described.typed_search_attributes.get(CHECKPOINT_STATUS) == "PENDING"

        # Callers address the workflow id: the newest run answers, with the carried state.
        submitted = await control.confirm(client, state, "0xabc", "api")
        assert submitted.status == "SUBMITTED" and submitted.tx_hash == "0xabc"
        await rolled_over(handle, second_run)
        again = await control.confirm(client, submitted, "0xabc", "api")  # same answer
        assert again.status == "SUBMITTED" and again.submitted_at == submitted.submitted_at
        await control.set_status(client, again, "CLAIMABLE", "cli")
        paid = await control.set_status(client, again, "PAID", "cli")
        assert paid.status == "PAID" and paid.tx_hash == "0xabc"
        final = await handle.result()  # follows the runs to the last one
        assert final.status == "PAID" and final.submitted_at == submitted.submitted_at

        first = await client.get_workflow_handle(handle.id, run_id=first_run).fetch_history()
        last = await handle.fetch_history()

    # Built once, in the first run; the first run ended in continue-as-new.
    assert scheduled_activities(first.events, "build_checkpoint") == 1
    assert scheduled_activities(last.events, "build_checkpoint") == 0
    assert first.events[-1].event_type == (
        EventType.EVENT_TYPE_WORKFLOW_EXECUTION_CONTINUED_AS_NEW)
    replayer = Replayer(workflows=WORKFLOWS, data_converter=pydantic_data_converter)
    for history in (first, last):
        await replayer.replay_workflow(history)
