"""Rounds workflows (filled by the rounds issue)."""

from __future__ import annotations

ROUND_WORKFLOWS: list[type] = []
