"""Two versions of one deliberate change to SnapshotWorkflow (a pause before the cycle): one
behind `workflow.patched()`, one not. Workflow code only, so the sandbox can load it."""

from __future__ import annotations

from datetime import timedelta

from temporalio import workflow

with workflow.unsafe.imports_passed_through():
    from coordinator_node.rounds.messages import SnapshotInput, SnapshotResult
    from coordinator_node.workflows.snapshots import SnapshotWorkflow

PATCH = "demo-pause-before-snapshots"


@workflow.defn(name="SnapshotWorkflow")
class SnapshotWithPatchedChange:
    """Runs recorded before the change have no patch marker: on replay they keep the old path;
    new runs record the marker and take the new one."""

    @workflow.run
    async def run(self, data: SnapshotInput) -> SnapshotResult:
        if workflow.patched(PATCH):
            await workflow.sleep(timedelta(seconds=1))
        return await SnapshotWorkflow().run(data)


@workflow.defn(name="SnapshotWorkflow")
class SnapshotWithUnpatchedChange:
    @workflow.run
    async def run(self, data: SnapshotInput) -> SnapshotResult:
        await workflow.sleep(timedelta(seconds=1))
        return await SnapshotWorkflow().run(data)
