"""SnapshotWorkflow: one per period, started by the snapshot Schedule."""

from __future__ import annotations

from datetime import timedelta

from temporalio import workflow

with workflow.unsafe.imports_passed_through():
    from coordinator_node.activities.snapshots import SnapshotActivities
    from coordinator_node.rounds.messages import PeriodInput, SnapshotInput, SnapshotResult
    from coordinator_node.workflows.common import (
        DB_HEARTBEAT_TIMEOUT,
        DB_RETRY,
        scheduled_time,
    )


@workflow.defn
class SnapshotWorkflow:
    """Roll the period's scores into per-model snapshots, then rebuild the leaderboard."""

    @workflow.run
    async def run(self, data: SnapshotInput) -> SnapshotResult:
        end = data.period_end or scheduled_time(data.period_seconds)
        period = PeriodInput(crunch_id=data.crunch_id,
                             period_start=end - timedelta(seconds=data.period_seconds),
                             period_end=end)
        count = await workflow.execute_activity_method(
            SnapshotActivities.build_snapshots, period,
            start_to_close_timeout=timedelta(minutes=10), heartbeat_timeout=DB_HEARTBEAT_TIMEOUT,
            retry_policy=DB_RETRY,
        )
        board = await workflow.execute_activity_method(
            SnapshotActivities.rebuild_leaderboard, period,
            start_to_close_timeout=timedelta(minutes=10), heartbeat_timeout=DB_HEARTBEAT_TIMEOUT,
            retry_policy=DB_RETRY,
        )
        return SnapshotResult(period_start=period.period_start, period_end=end,
                              snapshots=count, leaderboard_id=board)


SNAPSHOT_WORKFLOWS: list[type] = [SnapshotWorkflow]
