"""Deterministic ids from business keys: the same key always gives the same id."""

from __future__ import annotations

from datetime import UTC, datetime


def compact_ts(ts: datetime) -> str:
    """`2026-11-28T21:45:00Z` -> `20261128T214500Z` (URL- and workflow-id-safe)."""
    if ts.tzinfo is None:
        raise ValueError("timestamps must be timezone-aware")
    ts = ts.astimezone(UTC)
    base = ts.strftime("%Y%m%dT%H%M%S")
    return f"{base}.{ts.microsecond:06d}Z" if ts.microsecond else f"{base}Z"


def input_id(config_id: str, slot: datetime) -> str:
    return f"{config_id}@{compact_ts(slot)}"


def prediction_id(input_id_: str, model_id: str) -> str:
    return f"{input_id_}#{model_id}"


def snapshot_id(model_id: str, period_start: datetime, period_end: datetime) -> str:
    return f"{model_id}@{compact_ts(period_start)}-{compact_ts(period_end)}"


def checkpoint_id(crunch_id: str, period_end: datetime) -> str:
    return f"{crunch_id}-{compact_ts(period_end)}"
