"""Feeds workflows (filled by the feeds issue)."""

from __future__ import annotations

FEED_WORKFLOWS: list[type] = []
