"""Start-up for checkpoints: the period Schedule (CHECKPOINT_INTERVAL_SECONDS), or none when
checkpoints are made on demand (interval 0)."""

from __future__ import annotations

import logging

from temporalio.client import (
    Client,
    ScheduleOverlapPolicy,
)

from coordinator_node.bootstrap.schedules import (
    ensure_schedule,
    interval_schedule,
    remove_schedule,
)
from coordinator_node.checkpoints.messages import CheckpointTrigger
from coordinator_node.services import Services
from coordinator_node.workflows.checkpoints import CheckpointScheduleWorkflow

log = logging.getLogger("coordinator_node.bootstrap.checkpoints")


def checkpoint_schedule_id(crunch_id: str) -> str:
    return f"checkpoints/{crunch_id}"


async def ensure_running(client: Client, services: Services) -> None:
    settings, contract = services.settings, services.contract
    schedule_id = checkpoint_schedule_id(settings.crunch_id)
    interval = settings.checkpoint_interval
    if interval is None:
        await remove_schedule(client, schedule_id)
        log.info("checkpoints on demand: "
                 "`coordinator-node checkpoint create [--dev] [--period-end T]`")
        return
    trigger = CheckpointTrigger(
        crunch_id=settings.crunch_id, period_seconds=settings.checkpoint_interval_seconds,
        crunch_pubkey=settings.crunch_pubkey or contract.crunch_pubkey,
        compute_provider=settings.compute_provider or contract.compute_provider,
        data_provider=settings.data_provider or contract.data_provider)
    # Every period must get its checkpoint, even after downtime: buffer and catch up one period.
    await ensure_schedule(client, schedule_id, interval_schedule(
        CheckpointScheduleWorkflow.run, trigger, every=interval,
        workflow_id=f"checkpoint-trigger/{settings.crunch_id}",
        task_queue=settings.temporal_task_queue, overlap=ScheduleOverlapPolicy.BUFFER_ALL,
        catchup_window=interval, summary="Checkpoint period trigger"))
    log.info("checkpoint every %ss", settings.checkpoint_interval_seconds)
