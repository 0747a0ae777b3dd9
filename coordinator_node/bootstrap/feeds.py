"""Start-up for feeds: one ingest workflow per configured subject, and the retention schedule."""

from __future__ import annotations

import logging
from datetime import timedelta

from temporalio.client import (
    Client,
    ScheduleOverlapPolicy,
)
from temporalio.common import WorkflowIDConflictPolicy

from coordinator_node.bootstrap.schedules import ensure_schedule, interval_schedule
from coordinator_node.feeds.messages import FeedIngestInput, FeedRef, RetentionInput
from coordinator_node.services import Services
from coordinator_node.workflows.feeds import (
    FeedIngestWorkflow,
    FeedRetentionWorkflow,
    ingest_workflow_id,
)

log = logging.getLogger("coordinator_node.bootstrap.feeds")


def configured_feeds(services: Services) -> list[FeedRef]:
    s = services.settings
    return [FeedRef(source=s.feed_source, subject=subject, kind=s.feed_kind,
                    granularity=s.feed_granularity) for subject in s.feed_subjects]


async def ensure_running(client: Client, services: Services) -> None:
    settings = services.settings
    for feed in configured_feeds(services):
        # USE_EXISTING: a running ingest is left alone (a restart changes nothing).
        await client.start_workflow(
            FeedIngestWorkflow.run,
            FeedIngestInput(feed=feed, crunch_id=settings.crunch_id,
                            backfill_days=settings.feed_backfill_days,
                            live_session_minutes=settings.feed_live_session_minutes),
            id=ingest_workflow_id(settings.crunch_id, feed),
            task_queue=settings.temporal_task_queue,
            id_conflict_policy=WorkflowIDConflictPolicy.USE_EXISTING,
        )
        log.info("feed ingest running for %s", feed)
    retention_id = f"feed-retention/{settings.crunch_id}"
    await ensure_schedule(client, retention_id, interval_schedule(
        FeedRetentionWorkflow.run, RetentionInput(retention_days=settings.feed_retention_days),
        every=timedelta(days=1), workflow_id=retention_id,
        task_queue=settings.temporal_task_queue, overlap=ScheduleOverlapPolicy.SKIP,
        catchup_window=timedelta(hours=1)))
