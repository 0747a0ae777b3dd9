"""A checkpoint workflow that release 0.2.0 started under its old id (`checkpoint-…`) is still
found after the upgrade: confirm reaches it, and creating the period again starts nothing."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from sqlalchemy import Engine
from temporalio.testing import WorkflowEnvironment

from coordinator_node.checkpoints.messages import CheckpointInput, CheckpointState
from coordinator_node.client import checkpoints as control
from coordinator_node.contract import DEFAULT_CONTRACT
from coordinator_node.ids import checkpoint_id, legacy_checkpoint_workflow_id
from coordinator_node.statuses import CheckpointPhase
from coordinator_node.workflows.checkpoints import CheckpointWorkflow
from tests.conftest import make_settings
from tests.support import eventually, running_worker
from tests.upgrade.test_checkpoint_bounded_run import seed_snapshot


async def test_a_legacy_checkpoint_workflow_is_still_found(
    temporal_env: WorkflowEnvironment, pg_engine: Engine, pg_url: str, task_queue: str
) -> None:
    client = temporal_env.client
    settings = make_settings(pg_url, temporal_task_queue=task_queue, crunch_id="legacy")
    end = datetime.now(UTC).replace(microsecond=0) - timedelta(minutes=1)
    seed_snapshot(pg_engine, end)
    the_id = checkpoint_id("legacy", end)
    async with running_worker(client, settings):
        legacy = await client.start_workflow(
            CheckpointWorkflow.run, CheckpointInput(crunch_id="legacy", period_end=end),
            id=legacy_checkpoint_workflow_id(the_id), task_queue=task_queue)

        async def pending() -> CheckpointState | None:
            state = await legacy.query(CheckpointWorkflow.state)
            return state if state.status == CheckpointPhase.PENDING else None

        state = await eventually(pending, within=30, what="the legacy checkpoint to be built")
        assert await control.create_checkpoint(client, settings, DEFAULT_CONTRACT, end) == (
            the_id, False)
        submitted = await control.confirm(client, state, "0xold", "api")
        assert submitted.status == CheckpointPhase.SUBMITTED
        assert (await legacy.query(CheckpointWorkflow.state)).tx_hash == "0xold"
        assert (await control.checkpoint_handle(client, the_id)).id == legacy.id
        await legacy.terminate("test over")
