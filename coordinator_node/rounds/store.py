"""Round and leaderboard reads shared by the activities, the API and the CLI."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import Text, bindparam, case, cast, func, select, text
from sqlmodel import Session

from coordinator_node.db.tables import Input, Leaderboard, Prediction, PredictionConfig, Score
from coordinator_node.db.types import UTCDateTime
from coordinator_node.numbers import finite_number

L = Leaderboard.__table__.c  # type: ignore[attr-defined]
P = Prediction.__table__.c  # type: ignore[attr-defined]
S = Score.__table__.c  # type: ignore[attr-defined]
INP = Input.__table__.c  # type: ignore[attr-defined]
CFG = PredictionConfig.__table__.c  # type: ignore[attr-defined]


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
    newest end) of `[start, end]`, returned oldest first. `output` comes as its JSON text,
    undecoded (the API passes it through)."""
    query = (select(P.id, P.input_id, P.config_id, P.model_id, P.slot, P.status,
                    cast(P.output, Text).label("output"),
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


# The largest finite double: a JSON number beyond it is not a finite float (Python reads it
# as infinity), so it is no score, as `finite_number` says.
_MAX_FLOAT = "1.7976931348623157e308"


def window_aggregates(session: Session, end: datetime, windows: dict[str, int],
                      score_field: str) -> tuple[dict[str, dict[str, float | None]],
                                                 dict[str, int]]:
    """The leaderboard's figures computed by the database in one grouped query, reading only
    `summary[score_field]` (JSONB on Postgres, JSON1 on SQLite), never a whole summary:
    per model with at least one finite score among the snapshots that ended in
    `(end - longest window, end]`, each window's mean score (snapshots that ended in
    `(end - hours, end]`; None when none), and its snapshot count over the longest window.
    Agrees with `rounds.logic.window_means` (tests/rounds/test_window_aggregates.py)."""
    longest = max(windows.values(), default=24)
    params: dict[str, Any] = {"field": score_field, "path": f'$."{score_field}"'}
    times = [bindparam("start", end - timedelta(hours=longest), type_=UTCDateTime()),
             bindparam("end", end, type_=UTCDateTime())]
    if session.get_bind().dialect.name == "postgresql":
        value = ("CASE WHEN jsonb_typeof(s.summary -> :field) = 'number' AND "
                 f"abs((s.summary ->> :field)::numeric) <= {_MAX_FLOAT} "
                 "THEN (s.summary ->> :field)::float8 END")
    else:  # SQLite: a summary that is not valid JSON (e.g. NaN written out) is skipped
        value = ("CASE WHEN json_valid(s.summary) AND json_type(s.summary, :path) IN "
                 f"('integer', 'real') AND abs(json_extract(s.summary, :path)) <= {_MAX_FLOAT} "
                 "THEN json_extract(s.summary, :path) END")
    means = []
    for i, (_, hours) in enumerate(windows.items()):
        times.append(bindparam(f"w{i}", end - timedelta(hours=hours), type_=UTCDateTime()))
        # sum / count, not avg: Postgres' avg(float8) also sums the squares, which overflow
        # long before the values do.
        inside = f"CASE WHEN s.period_end > :w{i} THEN {value} END"
        means.append(f"sum({inside}) / nullif(count({inside}), 0) AS w{i}")
    rows = session.execute(text(
        f"SELECT s.model_id, count(*) AS n{''.join(', ' + m for m in means)} "
        "FROM snapshots s WHERE s.period_end > :start AND s.period_end <= :end "
        f"GROUP BY s.model_id HAVING count({value}) > 0"
    ).bindparams(*times), params).all()
    return ({row.model_id: {name: finite_number(row[2 + i])
                            for i, name in enumerate(windows)} for row in rows},
            {row.model_id: int(row.n) for row in rows})


def leaderboard_history(session: Session, limit: int) -> list[tuple[str, datetime]]:
    """The newest `limit` leaderboard builds as (id, built_at), oldest first."""
    rows = session.execute(select(L.id, L.built_at).order_by(L.built_at.desc(), L.id.desc())
                           .limit(limit)).all()
    return [(row.id, row.built_at) for row in reversed(rows)]


def leaderboard_entries(session: Session, board_ids: list[str]) -> dict[str, list[dict[str, Any]]]:
    """The entries of these leaderboard builds, by build id."""
    if not board_ids:
        return {}
    return {row.id: list(row.entries) for row in session.execute(
        select(L.id, L.entries).where(L.id.in_(board_ids))).all()}


@dataclass(frozen=True)
class RoundRow:
    """One round (an input) with its predictions counted by status."""

    input_id: str
    config_id: str
    slot: datetime
    horizon_at: datetime
    status: str  # the input's: RECEIVED, RESOLVED, EXPIRED
    resolved_at: datetime | None
    detail: str | None
    counts: dict[str, int]  # prediction status -> count


def prediction_configs(session: Session) -> list[PredictionConfig]:
    """Every prediction config the node has scheduled, active first, by id."""
    return list(session.execute(select(PredictionConfig).order_by(CFG.active.desc(), CFG.id))
                .scalars())


def recent_rounds(session: Session, config_ids: list[str], per_config: int
                  ) -> dict[str, list[RoundRow]]:
    """The newest `per_config` rounds of each config, newest first, with their predictions
    counted by status (one grouped query over the rounds shown, whatever the models)."""
    inputs: dict[str, list[Any]] = {}
    for the_config in config_ids:
        inputs[the_config] = list(session.execute(
            select(INP.id, INP.config_id, INP.slot, INP.horizon_at, INP.status,
                   INP.resolved_at, INP.detail)
            .where(INP.config_id == the_config).order_by(INP.slot.desc()).limit(per_config)).all())
    ids = [row.id for rows in inputs.values() for row in rows]
    counts: dict[str, dict[str, int]] = {}
    for start in range(0, len(ids), 500):
        for input_id, status, count in session.execute(
                select(P.input_id, P.status, func.count())
                .where(P.input_id.in_(ids[start:start + 500]))
                .group_by(P.input_id, P.status)).all():
            counts.setdefault(input_id, {})[str(status)] = int(count)
    return {the_config: [RoundRow(input_id=row.id, config_id=row.config_id, slot=row.slot,
                                  horizon_at=row.horizon_at, status=str(row.status),
                                  resolved_at=row.resolved_at, detail=row.detail,
                                  counts=counts.get(row.id, {}))
                         for row in rows]
            for the_config, rows in inputs.items()}


def round_config_ids(session: Session) -> list[str]:
    """Configs that have rounds (a config removed from the contract keeps its rounds)."""
    return sorted(session.execute(select(INP.config_id).distinct()).scalars())


def model_exec_times(session: Session, model_id: str, limit: int) -> list[int]:
    """The model's newest `limit` measured call times (microseconds), newest first."""
    return [int(value) for value in session.execute(
        select(P.exec_time_us).where(P.model_id == model_id, P.exec_time_us.is_not(None))
        .order_by(P.slot.desc()).limit(limit)).scalars()]


def count_predictions(session: Session, model_id: str) -> dict[str, int]:
    """The model's predictions by status, over everything stored."""
    return {str(status): int(count) for status, count in session.execute(
        select(P.status, func.count()).where(P.model_id == model_id).group_by(P.status)).all()}
