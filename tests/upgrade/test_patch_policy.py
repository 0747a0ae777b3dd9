"""The change policy, shown working: a deliberate change to a workflow, behind
`workflow.patched()`, still replays the history release 0.2.0 recorded, and new runs take the
new path; the same change without the patch breaks that history."""

from __future__ import annotations

import uuid
from concurrent.futures import ThreadPoolExecutor

from sqlalchemy import Engine
from temporalio.api.enums.v1 import EventType
from temporalio.client import WorkflowHistory
from temporalio.contrib.pydantic import pydantic_data_converter
from temporalio.testing import WorkflowEnvironment
from temporalio.worker import Replayer, Worker

from coordinator_node.activities import build_activities
from coordinator_node.rounds.messages import SnapshotInput
from coordinator_node.services import open_services
from tests.conftest import make_settings
from tests.upgrade.patch_demo import SnapshotWithPatchedChange, SnapshotWithUnpatchedChange
from tests.upgrade.releases import recorded_histories


def recorded_snapshot_cycle() -> WorkflowHistory:
    [found] = [h for h in recorded_histories("0.2.0") if h.name == "snapshot-cycle"]
    return found.history


async def test_a_patched_change_replays_the_old_history() -> None:
    replayer = Replayer(workflows=[SnapshotWithPatchedChange],
                        data_converter=pydantic_data_converter)
    result = await replayer.replay_workflow(recorded_snapshot_cycle(),
                                            raise_on_replay_failure=False)
    assert result.replay_failure is None


async def test_the_same_change_without_the_patch_breaks_the_old_history() -> None:
    replayer = Replayer(workflows=[SnapshotWithUnpatchedChange],
                        data_converter=pydantic_data_converter)
    result = await replayer.replay_workflow(recorded_snapshot_cycle(),
                                            raise_on_replay_failure=False)
    assert result.replay_failure is not None
    assert "Nondeterminism" in str(result.replay_failure)
    assert "ActivityTaskScheduled" in str(result.replay_failure)  # where it diverged


async def test_new_runs_take_the_patched_path_and_replay_too(
    temporal_env: WorkflowEnvironment, pg_engine: Engine, pg_url: str, task_queue: str
) -> None:
    settings = make_settings(pg_url, temporal_task_queue=task_queue)
    async with open_services(settings) as services:
        with ThreadPoolExecutor(4) as executor:
            async with Worker(temporal_env.client, task_queue=task_queue,
                              workflows=[SnapshotWithPatchedChange],
                              activities=build_activities(services),
                              activity_executor=executor):
                handle = await temporal_env.client.start_workflow(
                    SnapshotWithPatchedChange.run,
                    SnapshotInput(crunch_id="test-crunch", period_seconds=60),
                    id=f"patched-{uuid.uuid4().hex[:8]}", task_queue=task_queue)
                await handle.result()
    history = await handle.fetch_history()
    kinds = [e.event_type for e in history.events]
    assert EventType.EVENT_TYPE_MARKER_RECORDED in kinds  # the patch marker
    assert EventType.EVENT_TYPE_TIMER_STARTED in kinds  # the new step ran
    await Replayer(workflows=[SnapshotWithPatchedChange],
                   data_converter=pydantic_data_converter).replay_workflow(history)
