"""Round and leaderboard reads shared by the activities, the API and the CLI."""

from __future__ import annotations

from sqlalchemy import select
from sqlmodel import Session

from coordinator_node.db.tables import Leaderboard

L = Leaderboard.__table__.c  # type: ignore[attr-defined]


def newest_leaderboard(session: Session) -> Leaderboard | None:
    """The latest build (ties by id), or None before the first snapshot period closes."""
    return session.execute(
        select(Leaderboard).order_by(L.built_at.desc(), L.id.desc()).limit(1)
    ).scalars().first()
