"""Every table of the node. Natural unique keys make each activity's upsert idempotent.

Ids that other rows or URLs refer to are derived from the business key (see `ids.py`), so a
retried activity computes the same id and `INSERT … ON CONFLICT` turns the retry into a no-op.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import Column, Index, UniqueConstraint, func
from sqlmodel import AutoString, Field, SQLModel

from coordinator_node.db.types import BigIntPK, JSONType, UTCDateTime, utcnow
from coordinator_node.statuses import CheckpointStatus, FeedState, InputStatus, PredictionStatus


def _ts(nullable: bool = False, index: bool = False) -> Any:
    return Field(default=None, sa_column=Column(UTCDateTime(), nullable=nullable, index=index))


# Column-level defaults too, so bulk core inserts (`db/upsert.py`) get them as well.
def _created() -> Any:
    return Field(default_factory=utcnow,
                 sa_column=Column(UTCDateTime(), nullable=False, default=utcnow))


def _json(nullable: bool = True) -> Any:
    if nullable:
        return Field(default=None, sa_column=Column(JSONType, nullable=True))
    return Field(default_factory=dict, sa_column=Column(JSONType, nullable=False, default=dict))


# --- models ------------------------------------------------------------------------------
class Model(SQLModel, table=True):
    __tablename__ = "models"

    model_id: str = Field(primary_key=True)
    model_name: str = ""
    cruncher_id: str = ""
    cruncher_name: str = ""
    deployment_id: str = ""
    infos: dict[str, Any] = _json(nullable=False)
    first_seen_at: datetime = _created()
    last_seen_at: datetime = _created()


# --- feeds -------------------------------------------------------------------------------
class FeedRecord(SQLModel, table=True):
    __tablename__ = "feed_records"
    __table_args__ = (
        UniqueConstraint("source", "subject", "kind", "granularity", "ts_event",
                         name="uq_feed_records_key"),
        Index("ix_feed_records_ingested_at", "ingested_at"),
    )

    id: int | None = Field(default=None, sa_column=Column(BigIntPK, primary_key=True,
                                                          autoincrement=True))
    source: str
    subject: str
    kind: str
    granularity: str
    ts_event: datetime = _ts()
    values: dict[str, Any] = _json(nullable=False)
    meta: dict[str, Any] = _json(nullable=False)
    ingested_at: datetime = _created()


class FeedWatermark(SQLModel, table=True):
    __tablename__ = "feed_watermarks"

    source: str = Field(primary_key=True)
    subject: str = Field(primary_key=True)
    kind: str = Field(primary_key=True)
    granularity: str = Field(primary_key=True)
    last_event_ts: datetime | None = _ts(nullable=True)
    malformed_count: int = 0  # rows the source sent that could not be stored
    state: FeedState = Field(default=FeedState.BACKFILLING, sa_type=AutoString)
    detail: str | None = None
    updated_at: datetime = _created()


# --- prediction rounds -------------------------------------------------------------------
class PredictionConfig(SQLModel, table=True):
    __tablename__ = "prediction_configs"

    id: str = Field(primary_key=True)  # the scope key, e.g. "BTC-60s-every-15s"
    scope_key: str = Field(index=True)
    scope: dict[str, Any] = _json(nullable=False)
    interval_seconds: int
    horizon_seconds: int
    active: bool = True
    created_at: datetime = _created()
    updated_at: datetime = _created()


class Input(SQLModel, table=True):
    """The input of one round: one row per (config, scheduled slot)."""

    __tablename__ = "inputs"
    __table_args__ = (
        UniqueConstraint("config_id", "slot", name="uq_inputs_config_slot"),
        Index("ix_inputs_status_slot", "status", "slot"),
    )

    id: str = Field(primary_key=True)
    config_id: str
    slot: datetime = _ts()
    status: InputStatus = Field(default=InputStatus.RECEIVED, sa_type=AutoString)
    payload: dict[str, Any] = _json(nullable=False)
    ground_truth: dict[str, Any] | None = _json()
    horizon_at: datetime = _ts()
    received_at: datetime = _created()
    resolved_at: datetime | None = _ts(nullable=True)
    detail: str | None = None


class Prediction(SQLModel, table=True):
    """Exactly one row per (input, model), whatever the retries."""

    __tablename__ = "predictions"
    __table_args__ = (
        UniqueConstraint("input_id", "model_id", name="uq_predictions_input_model"),
        Index("ix_predictions_model_slot", "model_id", "slot"),
        Index("ix_predictions_slot", "slot"),
        Index("ix_predictions_status", "status"),
    )

    id: str = Field(primary_key=True)
    input_id: str = Field(foreign_key="inputs.id")
    config_id: str
    model_id: str
    slot: datetime = _ts()
    status: PredictionStatus = Field(default=PredictionStatus.PENDING, sa_type=AutoString)
    output: dict[str, Any] | None = _json()
    raw_output: Any = Field(default=None, sa_column=Column(JSONType, nullable=True))
    failed_reason: str | None = None
    exec_time_us: int | None = None
    created_at: datetime = _created()
    scored_at: datetime | None = _ts(nullable=True)


class Score(SQLModel, table=True):
    __tablename__ = "scores"
    __table_args__ = (Index("ix_scores_model_scored_at", "model_id", "scored_at"),)

    prediction_id: str = Field(primary_key=True, foreign_key="predictions.id")
    model_id: str
    value: float | None = None
    success: bool = True
    failed_reason: str | None = None
    result: dict[str, Any] = _json(nullable=False)
    scored_at: datetime = _created()


class Snapshot(SQLModel, table=True):
    """One model's summary of one period `[period_start, period_end)`."""

    __tablename__ = "snapshots"
    __table_args__ = (
        UniqueConstraint("model_id", "period_start", "period_end", name="uq_snapshots_key"),
        Index("ix_snapshots_period_end", "period_end"),
    )

    id: str = Field(primary_key=True)
    model_id: str = Field(index=True)
    period_start: datetime = _ts()
    period_end: datetime = _ts()
    prediction_count: int = 0
    summary: dict[str, Any] = _json(nullable=False)
    created_at: datetime = _created()


class Leaderboard(SQLModel, table=True):
    """Each rebuild writes a row; the newest is the current leaderboard."""

    __tablename__ = "leaderboards"

    id: str = Field(primary_key=True)
    built_at: datetime = _ts(index=True)
    entries: list[dict[str, Any]] = Field(
        default_factory=list, sa_column=Column(JSONType, nullable=False, default=list)
    )
    meta: dict[str, Any] = _json(nullable=False)
    # Moved by every write, rebuilds of the same period included: the report API's version.
    updated_at: datetime = Field(default_factory=utcnow, sa_column=Column(
        UTCDateTime(), nullable=False, default=utcnow, server_default=func.current_timestamp()))


# --- checkpoints -------------------------------------------------------------------------
class Checkpoint(SQLModel, table=True):
    __tablename__ = "checkpoints"
    __table_args__ = (
        UniqueConstraint("crunch_id", "period_end", name="uq_checkpoints_period"),
        Index("ix_checkpoints_status_created", "status", "created_at"),
    )

    id: str = Field(primary_key=True)
    crunch_id: str
    period_start: datetime = _ts()
    period_end: datetime = _ts()
    status: CheckpointStatus = Field(default=CheckpointStatus.PENDING, sa_type=AutoString)
    emission: dict[str, Any] = _json(nullable=False)
    meta: dict[str, Any] = _json(nullable=False)
    tx_hash: str | None = None
    submitted_at: datetime | None = _ts(nullable=True)
    claimable_at: datetime | None = _ts(nullable=True)
    paid_at: datetime | None = _ts(nullable=True)
    created_at: datetime = _created()
    updated_at: datetime = _created()
    # The tree over the cycle roots of its period (checkpoints/commitments.py); None for a
    # checkpoint built before commitments existed.
    merkle_root: str | None = None


# --- Merkle commitments (checkpoints/merkle.py, checkpoints/commitments.py) ----------------
class MerkleCycle(SQLModel, table=True):
    """One snapshot cycle's commitment: the tree over its snapshots, chained to the previous
    cycle. Written in the transaction that writes the snapshots."""

    __tablename__ = "merkle_cycles"
    __table_args__ = (
        UniqueConstraint("period_start", "period_end", name="uq_merkle_cycles_period"),
        Index("ix_merkle_cycles_period_end", "period_end"),
    )

    id: str = Field(primary_key=True)
    period_start: datetime = _ts()
    period_end: datetime = _ts()
    snapshot_count: int = 0
    tree_root: str
    previous_cycle_id: str | None = None
    previous_root: str
    cycle_root: str
    created_at: datetime = _created()


class MerkleNode(SQLModel, table=True):
    """Every node of a cycle's tree: level 0 holds the leaves (one per snapshot, by model id)."""

    __tablename__ = "merkle_nodes"
    __table_args__ = (Index("ix_merkle_nodes_snapshot", "snapshot_id"),)

    cycle_id: str = Field(primary_key=True)
    level: int = Field(primary_key=True)
    position: int = Field(primary_key=True)
    hash: str
    snapshot_id: str | None = None


class CheckpointTransition(SQLModel, table=True):
    """Audit trail: one row per status a checkpoint entered (so never twice)."""

    __tablename__ = "checkpoint_transitions"
    __table_args__ = (
        UniqueConstraint("checkpoint_id", "to_status", name="uq_checkpoint_transitions"),
    )

    id: int | None = Field(default=None, sa_column=Column(BigIntPK, primary_key=True,
                                                          autoincrement=True))
    checkpoint_id: str = Field(foreign_key="checkpoints.id", index=True)
    from_status: str | None = None
    to_status: str
    tx_hash: str | None = None
    actor: str = ""  # "api", "signal", "cli", "workflow"
    at: datetime = _created()
