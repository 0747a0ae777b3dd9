"""Start-up for rounds: prediction configs from the contract, one Schedule per active config,
and the snapshot/leaderboard Schedule."""

from __future__ import annotations

import logging
from datetime import timedelta

from sqlalchemy import select
from temporalio.client import (
    Client,
    ScheduleOverlapPolicy,
)

from coordinator_node.bootstrap.schedules import (
    ensure_schedule,
    interval_schedule,
    remove_schedule,
)
from coordinator_node.contract import CrunchContract
from coordinator_node.db import session_scope
from coordinator_node.db.tables import PredictionConfig
from coordinator_node.db.types import utcnow
from coordinator_node.db.upsert import upsert
from coordinator_node.feeds.messages import FeedRef
from coordinator_node.rounds.messages import RoundInput, SnapshotInput
from coordinator_node.services import Services
from coordinator_node.workflows.rounds import PredictionRoundWorkflow, SnapshotWorkflow

log = logging.getLogger("coordinator_node.bootstrap.rounds")


def config_id(contract: CrunchContract) -> str:
    scope = contract.scope
    return f"{scope.subject.lower()}-{scope.horizon_seconds}s-every-{scope.step_seconds}s"


def round_schedule_id(crunch_id: str, config: str) -> str:
    return f"round/{crunch_id}/{config}"


def round_input(services: Services, config: str) -> RoundInput:
    s, scope = services.settings, services.contract.scope
    return RoundInput(
        crunch_id=s.crunch_id, config_id=config, subject=scope.subject,
        horizon_seconds=scope.horizon_seconds, interval_seconds=scope.step_seconds,
        feed=FeedRef(source=s.feed_source, subject=scope.subject, kind=s.feed_kind,
                     granularity=s.feed_granularity),
        window_size=services.contract.input_window_size,
        model_timeout_seconds=s.model_runner_timeout_seconds,
        resolve_deadline_seconds=s.resolve_deadline_seconds,
    )


def upsert_configs(services: Services) -> tuple[list[str], list[str]]:
    """The contract's configs, stored; configs no longer in the contract become inactive."""
    scope, the_id = services.contract.scope, config_id(services.contract)
    with session_scope(services.engine) as session:
        upsert(session, PredictionConfig, [{
            "id": the_id, "scope_key": the_id, "scope": scope.model_dump(),
            "interval_seconds": scope.step_seconds, "horizon_seconds": scope.horizon_seconds,
            "active": True, "created_at": utcnow(), "updated_at": utcnow(),
        }], ["id"], update_columns=["scope", "interval_seconds", "horizon_seconds", "active",
                                    "updated_at"])
        stale = [c for c in session.execute(select(PredictionConfig)).scalars()
                 if c.id != the_id]
        for config in stale:
            config.active = False
        return [the_id], [c.id for c in stale]


async def ensure_running(client: Client, services: Services) -> None:
    settings = services.settings
    active, inactive = upsert_configs(services)
    for config in active:
        data = round_input(services, config)
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
    snapshots_id = f"snapshots/{settings.crunch_id}"
    await ensure_schedule(client, snapshots_id, interval_schedule(
        SnapshotWorkflow.run, SnapshotInput(crunch_id=settings.crunch_id, period_seconds=period),
        every=timedelta(seconds=period), workflow_id=snapshots_id,
        task_queue=settings.temporal_task_queue, overlap=ScheduleOverlapPolicy.BUFFER_ALL,
        catchup_window=timedelta(days=1), summary="Snapshots and leaderboard"))
    log.info("rounds scheduled: %s; snapshots every %ss", ", ".join(active), period)
