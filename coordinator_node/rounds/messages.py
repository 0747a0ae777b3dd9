"""Inputs and results of the round and snapshot workflows (plain pydantic, replay-safe)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from pydantic import BaseModel, Field

from coordinator_node.feeds.messages import FeedRef
from coordinator_node.statuses import InputStatus


class RoundInput(BaseModel):
    """Everything a round needs; workflows never read settings."""

    crunch_id: str
    config_id: str
    subject: str
    horizon_seconds: int
    interval_seconds: int
    feed: FeedRef
    window_size: int = 120
    model_timeout_seconds: float = 30.0
    resolve_deadline_seconds: int = 600  # after the horizon, before the input EXPIRES
    resolve_poll_seconds: int = 5
    slot: datetime | None = None  # None: the schedule's action time
    # False only where the server cannot hold custom search attributes (the time-skipping
    # test server); the node always publishes them.
    search_attributes: bool = True
    # The prediction config's scope (competition-specific keys included); the model call
    # takes its arguments from it, over the contract's scope. Empty in rounds started
    # before it existed.
    scope: dict[str, Any] = Field(default_factory=dict)


class CaptureInput(BaseModel):
    config_id: str
    slot: datetime
    horizon_seconds: int
    feed: FeedRef
    window_size: int


class PredictInput(BaseModel):
    input_id: str
    config_id: str
    slot: datetime
    subject: str
    horizon_seconds: int
    step_seconds: int
    timeout_seconds: float
    scope: dict[str, Any] = Field(default_factory=dict)  # RoundInput.scope


class RoundCounts(BaseModel):
    pending: int = 0
    scored: int = 0
    failed: int = 0
    absent: int = 0


class LostRoundInput(BaseModel):
    input_id: str
    config_id: str
    slot: datetime
    reason: str


class ResolveInput(BaseModel):
    input_id: str
    feed: FeedRef
    slot: datetime
    horizon_seconds: int


class ResolveResult(BaseModel):
    resolved: bool
    detail: str | None = None
    covered: bool = False


class InputRef(BaseModel):
    input_id: str
    reason: str = ""


class RoundResult(BaseModel):
    input_id: str
    status: InputStatus  # the input's final status
    counts: RoundCounts
    detail: str | None = None


class SnapshotInput(BaseModel):
    crunch_id: str
    period_seconds: int
    period_end: datetime | None = None  # None: the schedule's action time


class PeriodInput(BaseModel):
    crunch_id: str
    period_start: datetime
    period_end: datetime


class SnapshotResult(BaseModel):
    period_start: datetime
    period_end: datetime
    snapshots: int
    leaderboard_id: str
