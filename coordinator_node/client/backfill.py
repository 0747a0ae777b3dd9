"""Start a backfill of a past feed range (one per feed at a time: a running one is joined)."""

from __future__ import annotations

from datetime import datetime

from temporalio.client import Client, WorkflowHandle
from temporalio.common import WorkflowIDConflictPolicy

from coordinator_node.client.inputs import backfill_input
from coordinator_node.feeds.messages import BackfillProgress, FeedRef
from coordinator_node.ids import backfill_workflow_id
from coordinator_node.settings import Settings
from coordinator_node.workflows.feeds import BackfillWorkflow


async def start_backfill(client: Client, settings: Settings, feed: FeedRef, start: datetime,
                         end: datetime) -> WorkflowHandle[BackfillWorkflow, BackfillProgress]:
    return await client.start_workflow(
        BackfillWorkflow.run, backfill_input(feed, start, end),
        id=backfill_workflow_id(settings.crunch_id, feed),
        task_queue=settings.temporal_task_queue,
        id_conflict_policy=WorkflowIDConflictPolicy.USE_EXISTING,
    )
