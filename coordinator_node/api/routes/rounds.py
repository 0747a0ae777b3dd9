"""Round reports: models, the leaderboard, prediction history, score series, snapshots and the
schema the competition's web app renders. Listings are newest first (ORDER BY … DESC LIMIT)."""

from __future__ import annotations

from collections import defaultdict
from datetime import UTC, datetime, timedelta
from typing import Annotated, Any, Literal

from fastapi import APIRouter, HTTPException, Query
from pydantic import AwareDatetime, BaseModel
from sqlalchemy import Select, select

from coordinator_node.api.deps import ContractDep, SessionDep
from coordinator_node.db.tables import Leaderboard, Model, Prediction, Score, Snapshot
from coordinator_node.numbers import finite_number
from coordinator_node.rounds.store import newest_leaderboard
from coordinator_node.statuses import PredictionStatus

router = APIRouter(prefix="/reports", tags=["rounds"])

P = Prediction.__table__.c  # type: ignore[attr-defined]
S = Score.__table__.c  # type: ignore[attr-defined]
N = Snapshot.__table__.c  # type: ignore[attr-defined]
L = Leaderboard.__table__.c  # type: ignore[attr-defined]
M = Model.__table__.c  # type: ignore[attr-defined]

# Query parameters must carry an offset: a naive time is ambiguous and refused with 422.
Since = Annotated[AwareDatetime | None, Query(description="inclusive, ISO 8601 with offset")]
Until = Annotated[AwareDatetime | None, Query(description="exclusive, ISO 8601 with offset")]
MAX_SERIES_ROWS = 200_000


class ModelOut(BaseModel):
    model_id: str
    model_name: str
    cruncher_name: str
    cruncher_id: str
    deployment_id: str
    first_seen_at: datetime
    last_seen_at: datetime


class LeaderboardEntry(BaseModel):
    rank: int
    model_id: str
    model_name: str
    cruncher_id: str
    cruncher_name: str
    scores: dict[str, float | None]
    snapshot_count: int = 0


class LeaderboardOut(BaseModel):
    id: str | None
    built_at: datetime | None
    ranking_key: str
    ranking_direction: str
    entries: list[LeaderboardEntry]


class PredictionOut(BaseModel):
    id: str
    input_id: str
    config_id: str
    model_id: str
    slot: datetime
    status: PredictionStatus
    output: dict[str, Any] | None
    raw_output: Any
    failed_reason: str | None
    exec_time_us: int | None
    scored_at: datetime | None
    score: float | None
    score_result: dict[str, Any] | None


class SeriesPoint(BaseModel):
    at: datetime
    value: float | None
    prediction_count: int


class ModelSeries(BaseModel):
    model_id: str
    config_id: str | None = None  # per-scope series name their prediction config
    points: list[SeriesPoint]


class SnapshotOut(BaseModel):
    id: str
    model_id: str
    period_start: datetime
    period_end: datetime
    prediction_count: int
    summary: dict[str, Any]


def _check_range(since: datetime | None, until: datetime | None) -> None:
    if since is not None and until is not None and since >= until:
        raise HTTPException(422,
                            f"since ({since.isoformat()}) must be before until "
                            f"({until.isoformat()})")


def _between(query: Select[Any], column: Any, since: datetime | None,
             until: datetime | None) -> Select[Any]:
    if since is not None:
        query = query.where(column >= since)
    if until is not None:
        query = query.where(column < until)
    return query


@router.get("/models", response_model=list[ModelOut])
def list_models(session: SessionDep) -> list[ModelOut]:
    rows = session.execute(select(Model).order_by(M.model_id)).scalars().all()
    return [ModelOut.model_validate(row, from_attributes=True) for row in rows]


@router.get("/leaderboard", response_model=LeaderboardOut)
def leaderboard(session: SessionDep, contract: ContractDep) -> LeaderboardOut:
    """The newest leaderboard, best first; empty until the first snapshot period closes."""
    board = newest_leaderboard(session)
    aggregation = contract.aggregation
    if board is None:
        return LeaderboardOut(id=None, built_at=None, ranking_key=aggregation.ranking_key,
                              ranking_direction=aggregation.ranking_direction, entries=[])
    return LeaderboardOut(
        id=board.id, built_at=board.built_at,
        ranking_key=board.meta.get("ranking_key", aggregation.ranking_key),
        ranking_direction=board.meta.get("ranking_direction", aggregation.ranking_direction),
        entries=[LeaderboardEntry.model_validate(entry) for entry in board.entries],
    )


@router.get("/predictions", response_model=list[PredictionOut])
def list_predictions(
    session: SessionDep,
    model_id: str | None = None,
    config_id: str | None = None,
    prediction_status: Annotated[PredictionStatus | None, Query(alias="status")] = None,
    since: Since = None,
    until: Until = None,
    limit: Annotated[int, Query(ge=1, le=1000)] = 100,
    offset: Annotated[int, Query(ge=0)] = 0,
) -> list[PredictionOut]:
    """Prediction history with score, status and failure reason, newest slot first."""
    _check_range(since, until)
    query = select(Prediction, S.value, S.result).outerjoin(Score, S.prediction_id == P.id)
    if model_id is not None:
        query = query.where(P.model_id == model_id)
    if config_id is not None:
        query = query.where(P.config_id == config_id)
    if prediction_status is not None:
        query = query.where(P.status == prediction_status.value)
    query = _between(query, P.slot, since, until)
    rows = session.execute(
        query.order_by(P.slot.desc(), P.model_id).limit(limit).offset(offset)
    ).all()
    return [
        PredictionOut.model_validate(
            {**prediction.model_dump(), "score": value, "score_result": result}
        )
        for prediction, value, result in rows
    ]


@router.get("/models/global", response_model=list[ModelSeries])
def models_global(
    session: SessionDep,
    contract: ContractDep,
    model_id: Annotated[list[str] | None, Query()] = None,
    start: Since = None,
    end: Until = None,
) -> list[ModelSeries]:
    """Each model's snapshot score over time (`summary[score_field]` per period end)."""
    _check_range(start, end)
    query = select(N.model_id, N.period_end, N.summary, N.prediction_count)
    if model_id:
        query = query.where(N.model_id.in_(model_id))
    query = _between(query, N.period_end, start, end)
    field = contract.aggregation.score_field
    series: dict[str, list[SeriesPoint]] = defaultdict(list)
    for mid, period_end, summary, count in session.execute(
        query.order_by(N.model_id, N.period_end).limit(MAX_SERIES_ROWS)
    ).all():
        series[mid].append(SeriesPoint(at=period_end, value=finite_number(summary.get(field)),
                                       prediction_count=count))
    return [ModelSeries(model_id=mid, points=points) for mid, points in sorted(series.items())]


@router.get("/models/params", response_model=list[ModelSeries])
def models_params(
    session: SessionDep,
    project_ids: Annotated[str, Query(alias="projectIds", min_length=1,
                                      description="comma-separated model ids")],
    start: Since = None,
    end: Until = None,
    bucket_seconds: Annotated[int, Query(ge=1, le=7 * 24 * 3600)] = 3600,
) -> list[ModelSeries]:
    """Per model and per prediction config (scope): the mean score per time bucket."""
    _check_range(start, end)
    ids = [part.strip() for part in project_ids.split(",") if part.strip()]
    if not ids:
        raise HTTPException(422,
                            "projectIds must name at least one model id")
    query = (select(P.model_id, P.config_id, P.slot, S.value)
             .join(Score, S.prediction_id == P.id).where(P.model_id.in_(ids)))
    query = _between(query, P.slot, start, end)
    buckets: dict[tuple[str, str], dict[datetime, list[float]]] = defaultdict(
        lambda: defaultdict(list))
    for mid, config_id, slot, value in session.execute(
        query.order_by(P.slot.desc()).limit(MAX_SERIES_ROWS)
    ).all():
        epoch = int(slot.timestamp())
        at = datetime.fromtimestamp(epoch - epoch % bucket_seconds, UTC)
        if value is not None:
            buckets[(mid, config_id)][at].append(float(value))
        else:
            buckets[(mid, config_id)].setdefault(at, [])
    return [
        ModelSeries(model_id=mid, config_id=config_id, points=[
            SeriesPoint(at=at, value=sum(values) / len(values) if values else None,
                        prediction_count=len(values))
            for at, values in sorted(per_bucket.items())
        ])
        for (mid, config_id), per_bucket in sorted(buckets.items())
    ]


@router.get("/snapshots", response_model=list[SnapshotOut])
def list_snapshots(
    session: SessionDep,
    model_id: str | None = None,
    since: Since = None,
    until: Until = None,
    limit: Annotated[int, Query(ge=1, le=1000)] = 100,
) -> list[SnapshotOut]:
    """Per-model period summaries, newest period first (`since`/`until` bound period_end)."""
    _check_range(since, until)
    query = select(Snapshot)
    if model_id is not None:
        query = query.where(N.model_id == model_id)
    query = _between(query, N.period_end, since, until)
    rows = session.execute(
        query.order_by(N.period_end.desc(), N.model_id).limit(limit)
    ).scalars().all()
    return [SnapshotOut.model_validate(row, from_attributes=True) for row in rows]


class Column(BaseModel):
    key: str
    label: str
    kind: Literal["rank", "text", "score"]
    window_hours: int | None = None


class Widget(BaseModel):
    id: str
    kind: Literal["line_chart", "table"]
    title: str
    endpoint: str
    value_field: str


class SchemaOut(BaseModel):
    ranking_key: str
    ranking_direction: str
    score_field: str
    columns: list[Column]
    widgets: list[Widget]


@router.get("/schema", response_model=SchemaOut)
def schema(contract: ContractDep) -> SchemaOut:
    """What the web app renders, derived from the contract's aggregation."""
    aggregation = contract.aggregation
    windows = [
        Column(key=name, label=f"{name.removeprefix('score_').replace('_', ' ').title()} "
                                f"({timedelta(hours=hours).days or hours}"
                                f"{'d' if timedelta(hours=hours).days else 'h'})",
               kind="score", window_hours=hours)
        for name, hours in aggregation.windows.items()
    ]
    return SchemaOut(
        ranking_key=aggregation.ranking_key,
        ranking_direction=aggregation.ranking_direction,
        score_field=aggregation.score_field,
        columns=[Column(key="rank", label="Rank", kind="rank"),
                 Column(key="model_name", label="Model", kind="text"),
                 Column(key="cruncher_name", label="Cruncher", kind="text"), *windows],
        widgets=[
            Widget(id="leaderboard", kind="table", title="Leaderboard",
                   endpoint="/reports/leaderboard", value_field=aggregation.ranking_key),
            Widget(id="score-over-time", kind="line_chart", title="Score per period",
                   endpoint="/reports/models/global", value_field="value"),
            Widget(id="score-per-scope", kind="line_chart", title="Score per scope",
                   endpoint="/reports/models/params", value_field="value"),
        ],
    )
