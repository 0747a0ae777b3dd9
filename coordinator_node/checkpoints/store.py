"""Checkpoint reads shared by the activities, the API and the CLI (a plain Session each)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import bindparam, func, select, text
from sqlmodel import Session

from coordinator_node.checkpoints.messages import CheckpointState
from coordinator_node.db.tables import Checkpoint, CheckpointTransition, Model
from coordinator_node.db.types import UTCDateTime
from coordinator_node.statuses import CheckpointPhase, CheckpointStatus

C = Checkpoint.__table__.c  # type: ignore[attr-defined]
M = Model.__table__.c  # type: ignore[attr-defined]
T = CheckpointTransition.__table__.c  # type: ignore[attr-defined]


def state_of(row: Checkpoint, detail: str | None = None) -> CheckpointState:
    """A stored checkpoint as the workflow's state."""
    return CheckpointState(
        checkpoint_id=row.id, status=CheckpointPhase(row.status), period_start=row.period_start,
        period_end=row.period_end, tx_hash=row.tx_hash, submitted_at=row.submitted_at,
        claimable_at=row.claimable_at, paid_at=row.paid_at, detail=detail)


def get_checkpoint(session: Session, checkpoint_id: str) -> Checkpoint | None:
    return session.get(Checkpoint, checkpoint_id)


def stored_state(session: Session, checkpoint_id: str) -> CheckpointState | None:
    row = get_checkpoint(session, checkpoint_id)
    return None if row is None else state_of(row)


def newest_checkpoint(session: Session, crunch_id: str | None = None) -> Checkpoint | None:
    """The checkpoint of the latest period (of one crunch, or of any)."""
    query = select(Checkpoint)
    if crunch_id is not None:
        query = query.where(C.crunch_id == crunch_id)
    return session.execute(query.order_by(C.period_end.desc()).limit(1)).scalars().first()


def list_checkpoints(session: Session, status: CheckpointStatus | str | None = None,
                     limit: int = 50, offset: int = 0) -> list[Checkpoint]:
    """Newest first, by `created_at` (the report API's order; a crunch's periods are built in
    order, so it is also the newest period first)."""
    query = select(Checkpoint)
    if status is not None:
        query = query.where(C.status == str(status))
    return list(session.execute(
        query.order_by(C.created_at.desc(), C.id.desc()).limit(limit).offset(offset)).scalars())


def checkpoints_version(session: Session) -> tuple[Any, ...]:
    """What every checkpoint answer of the report API depends on, in one round trip: the
    checkpoints' count and newest write (a build inserts, a transition moves `updated_at`)
    and the models' (the names of rows of release 0.2.0 are read from them)."""
    row = session.execute(select(
        select(func.count()).select_from(Checkpoint).scalar_subquery(),
        select(func.max(C.updated_at)).scalar_subquery(),
        select(func.count()).select_from(Model).scalar_subquery(),
        select(func.max(M.last_seen_at)).scalar_subquery())).one()
    return tuple(row)


def latest_checkpoint(session: Session) -> Checkpoint | None:
    """The first checkpoint `list_checkpoints` returns."""
    rows = list_checkpoints(session, limit=1)
    return rows[0] if rows else None


def model_names(session: Session, model_ids: Iterable[str]
                ) -> dict[str, tuple[str | None, str | None]]:
    """`(model_name, cruncher_name)` of each registered model; an empty name is None, so a
    reader's `model_name ?? model_id` falls back."""
    ids = sorted(set(model_ids))
    if not ids:
        return {}
    rows = session.execute(select(M.model_id, M.model_name, M.cruncher_name)
                           .where(M.model_id.in_(ids))).all()
    return {row.model_id: (row.model_name or None, row.cruncher_name or None) for row in rows}


@dataclass(frozen=True)
class ModelPeriod:
    """One model over a checkpoint period, aggregated in the database."""

    summary: dict[str, float]  # each numeric summary key, prediction-count-weighted mean
    weights: dict[str, int]  # each key's weight: the predictions behind its mean
    snapshot_count: int


def period_aggregates(session: Session, start: datetime, end: datetime
                      ) -> tuple[int, dict[str, ModelPeriod]]:
    """The period's snapshots (`period_start` in `[start, end)`) per model, in two grouped
    queries: every numeric summary key's weighted mean is computed by the database (JSONB on
    Postgres, JSON1 on SQLite), so no summary document is decoded in Python. Returns the
    snapshot count and the models. Snapshots with no positive prediction count weigh nothing."""
    in_period = "s.period_start >= :start AND s.period_start < :end"
    # Bound through the column's type: SQLite compares the stored text form.
    times = (bindparam("start", start, type_=UTCDateTime()),
             bindparam("end", end, type_=UTCDateTime()))
    counts = {row.model_id: row.n for row in session.execute(text(
        f"SELECT s.model_id, count(*) AS n FROM snapshots s WHERE {in_period} "
        "GROUP BY s.model_id").bindparams(*times)).all()}
    if session.get_bind().dialect.name == "postgresql":
        numbers = ("FROM snapshots s CROSS JOIN LATERAL jsonb_each(s.summary) e "
                   f"WHERE {in_period} AND jsonb_typeof(e.value) = 'number'")
        value = "(e.value)::float8"
    else:  # SQLite: a summary that is not valid JSON (e.g. NaN written out) is skipped
        numbers = ("FROM snapshots s, json_each(s.summary) e "
                   f"WHERE {in_period} AND json_valid(s.summary) "
                   "AND e.type IN ('integer', 'real')")
        value = "e.value"
    rows = session.execute(text(
        f"SELECT s.model_id, e.key, sum(s.prediction_count * {value}) AS weighted, "
        f"sum(s.prediction_count) AS weight {numbers} AND s.prediction_count > 0 "
        "GROUP BY s.model_id, e.key").bindparams(*times)).all()
    summaries: dict[str, dict[str, float]] = {}
    weights: dict[str, dict[str, int]] = {}
    for row in rows:
        summaries.setdefault(row.model_id, {})[row.key] = float(row.weighted) / row.weight
        weights.setdefault(row.model_id, {})[row.key] = int(row.weight)
    return sum(counts.values()), {
        model_id: ModelPeriod(summaries.get(model_id, {}), weights.get(model_id, {}), count)
        for model_id, count in counts.items()}


def transitions(session: Session, checkpoint_id: str) -> list[CheckpointTransition]:
    """The checkpoint's audit trail: every status it entered, oldest first."""
    return list(session.execute(
        select(CheckpointTransition).where(T.checkpoint_id == checkpoint_id)
        .order_by(T.at, T.id)).scalars())


def count_checkpoints(session: Session, status: CheckpointStatus | str | None = None) -> int:
    query = select(func.count()).select_from(Checkpoint)
    if status is not None:
        query = query.where(C.status == str(status))
    return int(session.execute(query).scalar_one())
