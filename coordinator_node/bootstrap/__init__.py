"""What the worker ensures on start: schedules and long-running workflows, created or updated
idempotently so a restart (or a second worker) changes nothing that is already right."""

from __future__ import annotations

from temporalio.client import Client

from coordinator_node.bootstrap import checkpoints, feeds, rounds
from coordinator_node.services import Services


async def ensure_running(client: Client, services: Services) -> None:
    await feeds.ensure_running(client, services)
    await rounds.ensure_running(client, services)
    await checkpoints.ensure_running(client, services)
