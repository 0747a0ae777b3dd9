"""Activities: idempotent steps (deterministic ids, INSERT … ON CONFLICT, one transaction)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from coordinator_node.activities import checkpoints, feeds, rounds, snapshots
from coordinator_node.services import Services


def build_activities(services: Services) -> list[Callable[..., Any]]:
    return [
        *feeds.activities(services),
        *rounds.activities(services),
        *snapshots.activities(services),
        *checkpoints.activities(services),
    ]


__all__ = ["build_activities"]
