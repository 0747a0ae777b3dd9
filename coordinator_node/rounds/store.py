"""Round and leaderboard reads shared by the activities, the API and the CLI."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import case, func, select
from sqlmodel import Session

from coordinator_node.db.tables import Leaderboard, Prediction, PredictionConfig, Score
from coordinator_node.numbers import finite_number

L = Leaderboard.__table__.c  # type: ignore[attr-defined]
P = Prediction.__table__.c  # type: ignore[attr-defined]
S = Score.__table__.c  # type: ignore[attr-defined]


def newest_leaderboard(session: Session) -> Leaderboard | None:
    """The latest build (ties by id), or None before the first snapshot period closes."""
    return session.execute(
        select(Leaderboard).order_by(L.built_at.desc(), L.id.desc()).limit(1)
    ).scalars().first()


def leaderboard_version(session: Session) -> tuple[str, datetime] | None:
    """The newest leaderboard's id and last write (one index lookup, no entries read), or
    None before the first: what the report API's cached answer is keyed on."""
    row = session.execute(select(L.id, L.updated_at)
                          .order_by(L.built_at.desc(), L.id.desc()).limit(1)).first()
    return None if row is None else (row.id, row.updated_at)


def leaderboard_rows(session: Session, board_id: str) -> Any:
    """`(built_at, entries, meta)` of one leaderboard, or None."""
    return session.execute(select(L.built_at, L.entries, L.meta)
                           .where(L.id == board_id)).first()


def config_scopes(session: Session) -> dict[str, dict[str, Any]]:
    """Each prediction config's scope, by config id (the scope key)."""
    return {row.id: dict(row.scope) for row in session.execute(
        select(PredictionConfig.__table__.c.id,  # type: ignore[attr-defined]
               PredictionConfig.__table__.c.scope)).all()}  # type: ignore[attr-defined]


@dataclass(frozen=True)
class WindowStats:
    model_id: str
    config_id: str | None  # None: over every config of the model
    performed_at: datetime  # the newest prediction with a successful score in [start, end]
    means: dict[str, float | None]  # window name -> mean successful score in (now-h, now]


def window_stats(session: Session, model_ids: list[str] | None, start: datetime,
                 end: datetime, windows: dict[str, int], now: datetime,
                 per_config: bool = False) -> list[WindowStats]:
    """Per model (and per config when asked) with at least one successful score predicted in
    `[start, end]`: when it last predicted, and each window's mean successful score ending
    `now`. Two grouped queries, whatever the number of predictions."""
    keys = [P.model_id, P.config_id] if per_config else [P.model_id]
    successful = [S.success.is_(True), S.value.is_not(None)]
    found = select(*keys, func.max(P.slot)).join(Score, S.prediction_id == P.id).where(
        P.slot >= start, P.slot <= end, *successful)
    if model_ids is not None:
        found = found.where(P.model_id.in_(model_ids))
    latest = {tuple(row[:-1]): row[-1] for row in session.execute(found.group_by(*keys)).all()}
    if not latest:
        return []
    longest = max(windows.values(), default=0)
    means_query = select(*keys, *(
        func.avg(case((P.slot > now - timedelta(hours=hours), S.value))).label(name)
        for name, hours in windows.items()
    )).join(Score, S.prediction_id == P.id).where(
        P.model_id.in_(sorted({key[0] for key in latest})),
        P.slot > now - timedelta(hours=longest), P.slot <= now, *successful)
    means = {tuple(row[:len(keys)]): dict(zip(windows, row[len(keys):], strict=True))
             for row in session.execute(means_query.group_by(*keys)).all()}
    empty = dict.fromkeys(windows)
    return [WindowStats(model_id=key[0], config_id=key[1] if per_config else None,
                        performed_at=at,
                        means={k: finite_number(v) for k, v in means.get(key, empty).items()})
            for key, at in sorted(latest.items())]


def predictions_in_window(session: Session, model_ids: list[str] | None, start: datetime,
                          end: datetime, status: str | None, limit: int,
                          offset: int) -> list[Any]:
    """Predictions with their score, the newest `limit` (after skipping `offset` from the
    newest end) of `[start, end]`, returned oldest first."""
    query = (select(P.id, P.input_id, P.config_id, P.model_id, P.slot, P.status, P.output,
                    P.failed_reason, P.exec_time_us, P.scored_at, S.value, S.success,
                    S.failed_reason.label("score_failed_reason"))
             .outerjoin(Score, S.prediction_id == P.id)
             .where(P.slot >= start, P.slot <= end))
    if model_ids is not None:
        query = query.where(P.model_id.in_(model_ids))
    if status is not None:
        query = query.where(P.status == status)
    rows = session.execute(query.order_by(P.slot.desc(), P.model_id.desc())
                           .limit(limit).offset(offset)).all()
    return list(reversed(rows))
