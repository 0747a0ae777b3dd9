"""Checkpoint reads shared by the activities, the API and the CLI (a plain Session each)."""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import select
from sqlmodel import Session

from coordinator_node.checkpoints.messages import CheckpointState
from coordinator_node.db.tables import Checkpoint, Model
from coordinator_node.statuses import CheckpointPhase, CheckpointStatus

C = Checkpoint.__table__.c  # type: ignore[attr-defined]
M = Model.__table__.c  # type: ignore[attr-defined]


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
                     limit: int = 50) -> list[Checkpoint]:
    """Newest first, by `created_at` (the report API's order; a crunch's periods are built in
    order, so it is also the newest period first)."""
    query = select(Checkpoint)
    if status is not None:
        query = query.where(C.status == str(status))
    return list(session.execute(
        query.order_by(C.created_at.desc(), C.id.desc()).limit(limit)).scalars())


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
