"""Every history recorded by every earlier release replays against today's workflow code.

A workflow open when an operator upgrades is replayed by the new worker; a change in its
sequence of commands fails it with a non-determinism error. These histories (recorded with
scripts/record_release.py) are the open workflows of each release: if one fails here, the
change needs `workflow.patched()` (see the README's "Changing workflow code")."""

from __future__ import annotations

import pytest
from temporalio.contrib.pydantic import pydantic_data_converter
from temporalio.worker import Replayer

from coordinator_node.workflows import WORKFLOWS
from tests.upgrade.releases import RecordedHistory, recorded_histories, release_versions

HISTORIES = recorded_histories()


@pytest.mark.parametrize("recorded", HISTORIES, ids=[h.label for h in HISTORIES])
async def test_recorded_history_replays_on_current_code(recorded: RecordedHistory) -> None:
    replayer = Replayer(workflows=WORKFLOWS, data_converter=pydantic_data_converter)
    result = await replayer.replay_workflow(recorded.history, raise_on_replay_failure=False)
    if result.replay_failure is not None:
        pytest.fail(f"{recorded.workflow_type} recorded by release {recorded.version} "
                    f"({recorded.name}: {recorded.path}) no longer replays: "
                    f"{result.replay_failure}", pytrace=False)


def test_every_release_recorded_every_workflow_type_and_path() -> None:
    paths = {
        "PredictionRoundWorkflow": {"round-scored", "round-expired", "round-model-call-lost"},
        "SnapshotWorkflow": {"snapshot-cycle"},
        "CheckpointWorkflow": {"checkpoint-paid", "checkpoint-not-built", "checkpoint-pending"},
        "CheckpointScheduleWorkflow": {"checkpoint-schedule-trigger"},
        "FeedIngestWorkflow": {"feed-ingest-first-run", "feed-ingest-continued"},
        "BackfillWorkflow": {"backfill"},
        "FeedRetentionWorkflow": {"feed-retention"},
    }
    assert {w.__name__ for w in WORKFLOWS} <= set(paths), "a new workflow type: record it"
    assert release_versions(), "no release recorded"
    for version in release_versions():
        recorded: dict[str, set[str]] = {}
        for history in recorded_histories(version):
            recorded.setdefault(history.workflow_type, set()).add(history.name)
        assert recorded == paths, version


def test_the_continue_as_new_run_and_the_signal_refusal_are_really_recorded() -> None:
    """The paths the names promise are in the events, not only in the file names."""
    by_name = {h.name: h.history for h in recorded_histories(release_versions()[0])}
    first = by_name["feed-ingest-first-run"].events[-1]
    assert first.HasField("workflow_execution_continued_as_new_event_attributes")
    paid = by_name["checkpoint-paid"].events
    signals = [e for e in paid if e.HasField("workflow_execution_signaled_event_attributes")]
    updates = [e for e in paid
               if e.HasField("workflow_execution_update_accepted_event_attributes")]
    assert len(signals) == 2 and len(updates) >= 2
    assert paid[-1].HasField("workflow_execution_completed_event_attributes")
    lost = by_name["round-model-call-lost"].events
    assert any(e.HasField("activity_task_failed_event_attributes") for e in lost)
