"""Every id the node makes, from business keys: the same key always gives the same id.

- Row ids (stored, served by the API; their shapes are part of the data and never change):
  `config@ts`, `input#model`, `model@start-end`, `crunch-ts`, `crunch@ts`.
- Workflow and schedule ids: one style, `kind/crunch_id/key…`.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Protocol


class ScopeLike(Protocol):
    subject: str
    horizon_seconds: int
    step_seconds: int


def compact_ts(ts: datetime) -> str:
    """`2026-11-28T21:45:00Z` -> `20261128T214500Z` (URL- and workflow-id-safe)."""
    if ts.tzinfo is None:
        raise ValueError("timestamps must be timezone-aware")
    ts = ts.astimezone(UTC)
    base = ts.strftime("%Y%m%dT%H%M%S")
    return f"{base}.{ts.microsecond:06d}Z" if ts.microsecond else f"{base}Z"


# --- rows --------------------------------------------------------------------------------
def config_id(scope: ScopeLike) -> str:
    return f"{scope.subject.lower()}-{scope.horizon_seconds}s-every-{scope.step_seconds}s"


def input_id(config_id: str, slot: datetime) -> str:
    return f"{config_id}@{compact_ts(slot)}"


def prediction_id(input_id_: str, model_id: str) -> str:
    return f"{input_id_}#{model_id}"


def snapshot_id(model_id: str, period_start: datetime, period_end: datetime) -> str:
    return f"{model_id}@{compact_ts(period_start)}-{compact_ts(period_end)}"


def leaderboard_id(crunch_id: str, built_at: datetime) -> str:
    return f"{crunch_id}@{compact_ts(built_at)}"


def checkpoint_id(crunch_id: str, period_end: datetime) -> str:
    return f"{crunch_id}-{compact_ts(period_end)}"


def cycle_id(period_start: datetime, period_end: datetime) -> str:
    return f"cycle@{compact_ts(period_start)}-{compact_ts(period_end)}"


# --- workflows ---------------------------------------------------------------------------
def checkpoint_workflow_id(the_checkpoint_id: str) -> str:
    return f"checkpoint/{the_checkpoint_id}"


def legacy_checkpoint_workflow_id(the_checkpoint_id: str) -> str:
    """The id release 0.2.0 gave a checkpoint workflow; such a run may still be open."""
    return f"checkpoint-{the_checkpoint_id}"


def ingest_workflow_id(crunch_id: str, feed: object) -> str:
    return f"feed-ingest/{crunch_id}/{feed}"


def backfill_workflow_id(crunch_id: str, feed: object) -> str:
    return f"feed-backfill/{crunch_id}/{feed}"


# --- schedules (and the workflow id each Schedule gives its runs) ------------------------
def round_schedule_id(crunch_id: str, config: str) -> str:
    return f"round/{crunch_id}/{config}"


def round_workflow_id(crunch_id: str, config: str, slot: datetime) -> str:
    """The workflow id a round's Schedule gives the round of `slot`: Temporal appends the
    action time (RFC 3339, whole seconds, UTC) to the schedule's workflow id."""
    return f"{round_schedule_id(crunch_id, config)}-{slot.astimezone(UTC):%Y-%m-%dT%H:%M:%SZ}"


def snapshot_schedule_id(crunch_id: str) -> str:
    return f"snapshots/{crunch_id}"


def checkpoint_schedule_id(crunch_id: str) -> str:
    return f"checkpoints/{crunch_id}"


def checkpoint_trigger_id(crunch_id: str) -> str:
    return f"checkpoint-trigger/{crunch_id}"


def retention_schedule_id(crunch_id: str) -> str:
    return f"feed-retention/{crunch_id}"


# --- ensembles (virtual models, never rewarded) --------------------------------------------
ENSEMBLE_PREFIX = "ensemble:"


def ensemble_model_id(name: str) -> str:
    return f"{ENSEMBLE_PREFIX}{name}"


def is_ensemble(model_id: str) -> bool:
    return model_id.startswith(ENSEMBLE_PREFIX)
