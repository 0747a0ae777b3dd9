"""Create-or-update of Temporal Schedules, so every start of the node converges on the same."""

from __future__ import annotations

import logging
from datetime import timedelta
from typing import Any

from temporalio.client import (
    Client,
    Schedule,
    ScheduleActionStartWorkflow,
    ScheduleAlreadyRunningError,
    ScheduleIntervalSpec,
    ScheduleOverlapPolicy,
    SchedulePolicy,
    ScheduleSpec,
    ScheduleUpdate,
    ScheduleUpdateInput,
)

log = logging.getLogger("coordinator_node.schedules")


def interval_schedule(
    workflow_run: Any, arg: Any, *, every: timedelta, workflow_id: str, task_queue: str,
    overlap: ScheduleOverlapPolicy, catchup_window: timedelta, summary: str | None = None,
) -> Schedule:
    """Start `workflow_run(arg)` every `every`, with explicit overlap and catch-up policies."""
    return Schedule(
        action=ScheduleActionStartWorkflow(workflow_run, arg, id=workflow_id,
                                           task_queue=task_queue, static_summary=summary),
        spec=ScheduleSpec(intervals=[ScheduleIntervalSpec(every=every)]),
        policy=SchedulePolicy(overlap=overlap, catchup_window=catchup_window),
    )


async def ensure_schedule(client: Client, schedule_id: str, schedule: Schedule) -> None:
    """Create `schedule_id`, or replace its spec/action/policy if it already exists."""
    try:
        await client.create_schedule(schedule_id, schedule)
        log.info("created schedule %s", schedule_id)
    except ScheduleAlreadyRunningError:

        def _replace(_: ScheduleUpdateInput) -> ScheduleUpdate:
            return ScheduleUpdate(schedule=schedule)

        await client.get_schedule_handle(schedule_id).update(_replace)
        log.info("updated schedule %s", schedule_id)


async def remove_schedule(client: Client, schedule_id: str) -> None:
    """Delete a schedule that configuration no longer asks for (absent is fine)."""
    from temporalio.service import RPCError, RPCStatusCode

    try:
        await client.get_schedule_handle(schedule_id).delete()
        log.info("deleted schedule %s", schedule_id)
    except RPCError as exc:
        if exc.status != RPCStatusCode.NOT_FOUND:
            raise
