"""Create-or-update of Temporal Schedules, so every start of the node converges on the same."""

from __future__ import annotations

import logging

from temporalio.client import (
    Client,
    Schedule,
    ScheduleAlreadyRunningError,
    ScheduleUpdate,
    ScheduleUpdateInput,
)

log = logging.getLogger("coordinator_node.schedules")


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
