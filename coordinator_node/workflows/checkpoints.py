"""Checkpoints workflows (filled by the checkpoints issue)."""

from __future__ import annotations

CHECKPOINT_WORKFLOWS: list[type] = []
