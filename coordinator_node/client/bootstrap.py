"""What the worker ensures on start: the feed ingest workflows and every Schedule (rounds,
snapshots, checkpoints, feed retention), created or updated idempotently, so a restart (or a
second worker) changes nothing that is already right."""

from __future__ import annotations

import logging
from datetime import timedelta

from sqlalchemy import select
from temporalio.client import Client, ScheduleOverlapPolicy
from temporalio.common import WorkflowIDConflictPolicy

from coordinator_node.client.inputs import (
    checkpoint_trigger,
    configured_feeds,
    feed_ingest_input,
    retention_input,
    round_input,
    snapshot_input,
)
from coordinator_node.client.schedules import ensure_schedule, interval_schedule, remove_schedule
from coordinator_node.db import session_scope
from coordinator_node.db.tables import PredictionConfig
from coordinator_node.db.types import utcnow
from coordinator_node.db.upsert import upsert
from coordinator_node.ids import (
    checkpoint_schedule_id,
    checkpoint_trigger_id,
    ingest_workflow_id,
    retention_schedule_id,
    round_schedule_id,
    snapshot_schedule_id,
)
from coordinator_node.services import Services
from coordinator_node.workflows.checkpoints import CheckpointScheduleWorkflow
from coordinator_node.workflows.feeds import FeedIngestWorkflow, FeedRetentionWorkflow
from coordinator_node.workflows.rounds import PredictionRoundWorkflow
from coordinator_node.workflows.snapshots import SnapshotWorkflow

log = logging.getLogger("coordinator_node.bootstrap")


async def ensure_running(client: Client, services: Services) -> None:
    await ensure_feeds(client, services)
    await ensure_rounds(client, services)
    await ensure_checkpoints(client, services)


# --- feeds -------------------------------------------------------------------------------
async def ensure_feeds(client: Client, services: Services) -> None:
    settings = services.settings
    for feed in configured_feeds(settings):
        # USE_EXISTING: a running ingest is left alone (a restart changes nothing).
        await client.start_workflow(
            FeedIngestWorkflow.run, feed_ingest_input(settings, feed),
            id=ingest_workflow_id(settings.crunch_id, feed),
            task_queue=settings.temporal_task_queue,
            id_conflict_policy=WorkflowIDConflictPolicy.USE_EXISTING,
        )
        log.info("feed ingest running for %s", feed)
    retention_id = retention_schedule_id(settings.crunch_id)
    await ensure_schedule(client, retention_id, interval_schedule(
        FeedRetentionWorkflow.run, retention_input(settings),
        every=timedelta(days=1), workflow_id=retention_id,
        task_queue=settings.temporal_task_queue, overlap=ScheduleOverlapPolicy.SKIP,
        catchup_window=timedelta(hours=1)))


# --- rounds and snapshots ----------------------------------------------------------------
def upsert_configs(services: Services) -> tuple[list[str], list[str]]:
    """Reconcile the stored configs with the loaded ones: new ones added, changed ones
    updated, and those inactive or gone marked inactive. Returns (active, inactive) ids."""
    configs = services.prediction_configs
    now = utcnow()
    with session_scope(services.engine) as session:
        upsert(session, PredictionConfig, [{
            "id": c.scope_key, "scope_key": c.scope_key, "scope": c.scope,
            "interval_seconds": c.interval_seconds, "horizon_seconds": c.horizon_seconds,
            "active": c.active, "created_at": now, "updated_at": now,
        } for c in configs], ["id"], update_columns=["scope", "interval_seconds",
                                                     "horizon_seconds", "active", "updated_at"])
        loaded = {c.scope_key for c in configs}
        gone = [row for row in session.execute(select(PredictionConfig)).scalars()
                if row.id not in loaded]
        for row in gone:
            row.active = False
        active = [c.scope_key for c in configs if c.active]
        return active, sorted({c.scope_key for c in configs if not c.active}
                              | {row.id for row in gone})


async def ensure_rounds(client: Client, services: Services) -> None:
    """One Schedule per active config; the Schedules of inactive or removed configs are
    deleted (their rounds already running finish)."""
    settings = services.settings
    by_key = {c.scope_key: c for c in services.prediction_configs}
    active, inactive = upsert_configs(services)
    for config in active:
        data = round_input(settings, services.contract, by_key[config])
        # Rounds overlap by design (horizon > interval): ALLOW_ALL. A missed slot is not
        # replayed later (its input would be stale): the catch-up window is one interval.
        schedule_id = round_schedule_id(settings.crunch_id, config)
        await ensure_schedule(client, schedule_id, interval_schedule(
            PredictionRoundWorkflow.run, data, every=timedelta(seconds=data.interval_seconds),
            workflow_id=schedule_id, task_queue=settings.temporal_task_queue,
            overlap=ScheduleOverlapPolicy.ALLOW_ALL,
            catchup_window=timedelta(seconds=data.interval_seconds),
            summary=f"Prediction round {config}"))
    for config in inactive:
        await remove_schedule(client, round_schedule_id(settings.crunch_id, config))
    period = settings.snapshot_interval_seconds
    # Every period must be rolled up, even after downtime: buffer and catch up a day.
    snapshots_id = snapshot_schedule_id(settings.crunch_id)
    await ensure_schedule(client, snapshots_id, interval_schedule(
        SnapshotWorkflow.run, snapshot_input(settings),
        every=timedelta(seconds=period), workflow_id=snapshots_id,
        task_queue=settings.temporal_task_queue, overlap=ScheduleOverlapPolicy.BUFFER_ALL,
        catchup_window=timedelta(days=1), summary="Snapshots and leaderboard"))
    log.info("rounds scheduled: %s; snapshots every %ss", ", ".join(active), period)


# --- checkpoints -------------------------------------------------------------------------
async def ensure_checkpoints(client: Client, services: Services) -> None:
    """The period Schedule (CHECKPOINT_INTERVAL_SECONDS), or none when checkpoints are made
    on demand (interval 0)."""
    settings = services.settings
    schedule_id = checkpoint_schedule_id(settings.crunch_id)
    interval = settings.checkpoint_interval
    if interval is None:
        await remove_schedule(client, schedule_id)
        log.info("checkpoints on demand: "
                 "`coordinator-node checkpoint create [--dev] [--period-end T]`")
        return
    # Every period must get its checkpoint, even after downtime: buffer and catch up one period.
    await ensure_schedule(client, schedule_id, interval_schedule(
        CheckpointScheduleWorkflow.run, checkpoint_trigger(settings, services.contract),
        every=interval, workflow_id=checkpoint_trigger_id(settings.crunch_id),
        task_queue=settings.temporal_task_queue, overlap=ScheduleOverlapPolicy.BUFFER_ALL,
        catchup_window=interval, summary="Checkpoint period trigger"))
    log.info("checkpoint every %ss", settings.checkpoint_interval_seconds)
