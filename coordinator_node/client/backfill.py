"""Start a backfill of a past feed range (one per feed at a time: a running one is joined) and
read how far it got."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from temporalio.client import Client, WorkflowHandle
from temporalio.common import WorkflowIDConflictPolicy

from coordinator_node.client.inputs import backfill_input
from coordinator_node.feeds.messages import BackfillProgress, FeedRef, FetchHeartbeat
from coordinator_node.ids import backfill_workflow_id
from coordinator_node.settings import Settings
from coordinator_node.temporal import worker_pollers
from coordinator_node.workflows.feeds import BackfillWorkflow

# A poller the server has not heard from for this long is taken for a worker that is gone.
POLLER_FRESH = timedelta(seconds=90)


async def start_backfill(client: Client, settings: Settings, feed: FeedRef, start: datetime,
                         end: datetime, max_attempts: int | None = None,
                         ) -> WorkflowHandle[BackfillWorkflow, BackfillProgress]:
    attempts = settings.backfill_max_attempts if max_attempts is None else max_attempts
    return await client.start_workflow(
        BackfillWorkflow.run, backfill_input(feed, start, end, attempts),
        id=backfill_workflow_id(settings.crunch_id, feed),
        task_queue=settings.temporal_task_queue,
        id_conflict_policy=WorkflowIDConflictPolicy.USE_EXISTING,
    )


@dataclass
class BackfillStatus:
    """How far a running backfill got: the workflow's progress up to its current page fetch,
    plus what that fetch heartbeated since (every page), and the fetch's retries."""

    start: datetime
    end: datetime
    cursor: datetime
    rows: int
    malformed: int
    attempt: int = 1
    last_error: str | None = None

    @property
    def fraction(self) -> float:
        span = (self.end - self.start).total_seconds() or 1.0
        return min(1.0, max(0.0, (self.cursor - self.start).total_seconds() / span))


async def backfill_status(client: Client, handle: WorkflowHandle[Any, Any],
                          start: datetime, end: datetime) -> BackfillStatus:
    progress: BackfillProgress | None = await handle.query(BackfillWorkflow.progress)
    status = BackfillStatus(start=start, end=end, cursor=start, rows=0, malformed=0)
    if progress is not None:
        status.start, status.end = progress.start, progress.end
        status.cursor, status.rows, status.malformed = (progress.cursor, progress.rows,
                                                        progress.malformed)
    described = await handle.describe()
    for pending in described.raw_description.pending_activities:
        if pending.activity_type.name != "fetch_pages":
            continue
        status.attempt = pending.attempt
        if pending.HasField("last_failure") and pending.last_failure.message:
            failure = pending.last_failure
            kind = failure.application_failure_info.type
            status.last_error = f"{kind}: {failure.message}" if kind else failure.message
        if pending.heartbeat_details.payloads:
            details = await client.data_converter.decode(
                list(pending.heartbeat_details.payloads))
            if len(details) > 1 and isinstance(details[1], dict):
                beat = FetchHeartbeat.model_validate(details[1])
                if beat.cursor > status.cursor:
                    status.cursor = beat.cursor
                status.rows += beat.rows
                status.malformed += beat.malformed
    return status


async def workers_polling(client: Client, settings: Settings) -> bool:
    """Whether a worker polled the node's task queue lately (workflow and activity tasks)."""
    from temporalio.api.enums.v1 import TaskQueueType

    now = datetime.now(UTC)
    for kind in (TaskQueueType.TASK_QUEUE_TYPE_WORKFLOW, TaskQueueType.TASK_QUEUE_TYPE_ACTIVITY):
        pollers = await worker_pollers(client, settings.temporal_namespace,
                                       settings.temporal_task_queue, kind)
        fresh = [p for p in pollers if p.HasField("last_access_time")
                 and now - p.last_access_time.ToDatetime(UTC) < POLLER_FRESH]
        if not fresh:
            return False
    return True
