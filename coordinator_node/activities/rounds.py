"""Rounds activities (filled by the rounds issue)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from coordinator_node.services import Services


def activities(services: Services) -> list[Callable[..., Any]]:
    return []
