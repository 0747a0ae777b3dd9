"""Inputs, requests and state of the checkpoint workflows (plain pydantic, replay-safe)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from pydantic import BaseModel, Field

from coordinator_node.statuses import CheckpointPhase, CheckpointStatus

# How long one run of a checkpoint workflow lives before it continues as new, carrying its
# state: no open checkpoint pins the code of an old release for longer (README, "Changing
# workflow code").
CHECKPOINT_RUN_SECONDS = 24 * 3600


class CheckpointInput(BaseModel):
    """One period `[start, period_end)`; workflows never read settings."""

    crunch_id: str
    period_end: datetime
    period_seconds: int | None = None  # None: the period starts where the previous one ended
    crunch_pubkey: str = ""
    compute_provider: str = ""
    data_provider: str = ""
    max_run_seconds: int = Field(default=CHECKPOINT_RUN_SECONDS, ge=1)
    # The state carried across continue-as-new: the checkpoint is built, do not build again.
    carried: CheckpointState | None = None


class CheckpointTrigger(BaseModel):
    """What the Schedule passes: the period end is the schedule's action time."""

    crunch_id: str
    period_seconds: int
    crunch_pubkey: str = ""
    compute_provider: str = ""
    data_provider: str = ""


class ConfirmRequest(BaseModel):
    tx_hash: str = Field(min_length=1, max_length=256)
    actor: str = "api"


class StatusRequest(BaseModel):
    # A plain string on purpose: an unknown status must reach the workflow's validator and be
    # refused with a reason, not fail decoding.
    status: str
    actor: str = "api"


class CheckpointState(BaseModel):
    checkpoint_id: str
    status: CheckpointPhase
    period_start: datetime | None = None
    period_end: datetime
    tx_hash: str | None = None
    submitted_at: datetime | None = None
    claimable_at: datetime | None = None
    paid_at: datetime | None = None
    detail: str | None = None
    rejected: list[str] = Field(default_factory=list)  # refused signals, newest last


class BuildResult(BaseModel):
    built: bool
    state: CheckpointState
    ranking: list[dict[str, Any]] = Field(default_factory=list)


class TransitionInput(BaseModel):
    checkpoint_id: str
    from_status: CheckpointStatus
    to_status: CheckpointStatus
    tx_hash: str | None = None
    actor: str
    at: datetime
