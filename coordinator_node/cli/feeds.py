"""Feeds commands (filled by the feeds issue)."""

from __future__ import annotations

from typing import Any


def register(subparsers: Any) -> None:
    return None
