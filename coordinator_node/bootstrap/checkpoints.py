"""Start-up for checkpoints (filled by the checkpoints issue)."""

from __future__ import annotations

from temporalio.client import Client

from coordinator_node.services import Services


async def ensure_running(client: Client, services: Services) -> None:
    return None
