"""Round reports in the web app's shapes (the report API contract): models, the leaderboard
(an array of flat rows, best first), the three chart routes (flat rows holding the widget's
x axis, series, filter, group and alert keys), and snapshots. Time parameters without an
offset are UTC; every time answered has one."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Annotated, Any

import orjson
from fastapi import APIRouter, Query, Request, Response
from pydantic import BaseModel, ConfigDict
from sqlalchemy import select
from sqlmodel import Session

from coordinator_node.api.answers import NOT_MODIFIED, dumps, json_answer
from coordinator_node.api.deps import AnswersDep, ContractDep, SessionDep
from coordinator_node.api.errors import errors
from coordinator_node.api.offload import in_thread
from coordinator_node.api.params import (
    End,
    ModelId,
    ProjectIds,
    Since,
    Start,
    Until,
    time_window,
)
from coordinator_node.api.routing import ApiRoute
from coordinator_node.contract import Aggregation, CrunchContract
from coordinator_node.db.tables import Model, Snapshot
from coordinator_node.rounds.metrics import reported_metric_names
from coordinator_node.rounds.store import (
    WindowStats,
    config_scopes,
    leaderboard_rows,
    newest_leaderboard,
    predictions_in_window,
    window_stats,
)
from coordinator_node.statuses import PredictionStatus

router = APIRouter(prefix="/reports", tags=["rounds"], route_class=ApiRoute)

N = Snapshot.__table__.c  # type: ignore[attr-defined]
M = Model.__table__.c  # type: ignore[attr-defined]
NOT_SCORED = "Prediction not scored"
MAX_OFFSET = 1_000_000_000  # a bound the databases' OFFSET takes whatever the backend
IncludeEnsembles = Annotated[bool, Query(
    description="include the contract's ensembles, virtual models `ensemble:<name>` "
                "(leaderboard only; never rewarded)")]


class ModelOut(BaseModel):
    model_id: str
    model_name: str
    cruncher_name: str
    cruncher_id: str
    deployment_id: str
    first_seen_at: datetime
    last_seen_at: datetime


class ScoreRanking(BaseModel):
    key: str
    value: float | None
    direction: str


class FlatRow(BaseModel):
    """Rows whose score keys are also flattened to the top level (extra keys allowed), so
    every schema column `property` and widget series is a key of the row."""

    model_config = ConfigDict(extra="allow")


class LeaderboardRow(FlatRow):
    model_id: str
    rank: int
    model_name: str | None
    cruncher_name: str | None
    cruncher_id: str | None = None
    created_at: datetime
    score_metrics: dict[str, float | None]
    score_ranking: ScoreRanking
    snapshot_count: int = 0


class ScoreRow(FlatRow):
    model_id: str
    performed_at: datetime
    score_metrics: dict[str, float | None]
    score_ranking: ScoreRanking


class ScopeScoreRow(ScoreRow):
    scope_key: str
    scope: dict[str, Any]
    param: str


class PredictionRow(FlatRow):
    model_id: str
    prediction_config_id: str | None
    scope_key: str
    scope: dict[str, Any]
    score_value: float | None
    score_failed: bool
    score_failed_reason: str | None
    scored_at: datetime | None
    performed_at: datetime
    # additions
    id: str
    input_id: str
    status: PredictionStatus
    output: dict[str, Any] | None
    exec_time_us: int | None
    score_success: bool
    param: str


class SnapshotOut(BaseModel):
    id: str
    model_id: str
    period_start: datetime
    period_end: datetime
    prediction_count: int
    result_summary: dict[str, Any]
    created_at: datetime


def metric_columns(contract: CrunchContract, metrics: dict[str, Any] | None
                   ) -> dict[str, float | None]:
    """`score_<metric>` for each of the contract's quant metrics: the value a leaderboard
    entry carries over the metrics window, null when it has none (or predates metrics)."""
    metrics = metrics or {}
    return {f"score_{name}": metrics.get(name)
            for name in reported_metric_names(contract.metrics, bool(contract.ensembles))}


# Routes answer plain rows encoded once (api/answers.py), never response models built per
# row; the models above document the shapes, and tests/api pin them. Numbers a model types
# as float are made floats, as the model would.
def _float(value: Any) -> float | None:
    return None if value is None else float(value)


def _ranking(aggregation: Aggregation, metrics: dict[str, float | None]) -> dict[str, Any]:
    return {"key": aggregation.ranking_key,
            "value": _float(metrics.get(aggregation.ranking_key)),
            "direction": aggregation.ranking_direction}


def _scope_extras(scope: dict[str, Any]) -> dict[str, Any]:
    """The scope's keys at the top level, plus the names the web app's widgets filter on."""
    extras = dict(scope)
    if "subject" in scope:
        extras.setdefault("asset", scope["subject"])
    if "horizon_seconds" in scope:
        extras.setdefault("horizon", scope["horizon_seconds"])
    if "step_seconds" in scope:
        extras.setdefault("step", scope["step_seconds"])
    return extras


@router.get("/models", response_model=list[ModelOut], responses=errors(503))
def list_models(session: SessionDep) -> Response:
    """Every model seen, by model id."""
    rows = session.execute(select(M.model_id, M.model_name, M.cruncher_name, M.cruncher_id,
                                  M.deployment_id, M.first_seen_at, M.last_seen_at)
                           .order_by(M.model_id)).all()
    return json_answer([row._asdict() for row in rows])


@router.get("/leaderboard", response_model=list[LeaderboardRow],
            responses={**NOT_MODIFIED, **errors(422, 503)})
async def leaderboard(request: Request, contract: ContractDep, answers: AnswersDep,
                      include_ensembles: IncludeEnsembles = False) -> Response:
    """The newest leaderboard as rows sorted by rank (1 = best); `[]` before the first.
    Carries an ETag (the newest leaderboard's id and last write): `If-None-Match` with it
    answers 304 until a leaderboard is built or rebuilt."""
    # The hottest route: its version is read once for every request waiting at that moment
    # (api/answers.py), and the answer is encoded once per version, in a worker thread.
    state = request.app.state
    aggregation = contract.aggregation
    version = (await state.leaderboard_version.get(), aggregation.model_dump_json())
    name = "leaderboard+ensembles" if include_ensembles else "leaderboard"
    found = answers.hit(request, name, version)
    if found is not None:
        return found

    def build(session: Session) -> bytes:
        board = None if version[0] is None else leaderboard_rows(session, version[0][0])
        return dumps([] if board is None else leaderboard_answer_rows(
            board, contract, include_ensembles))

    return answers.put(name, version, await in_thread(state.engine, build))


def leaderboard_answer_rows(board: Any, contract: CrunchContract,
                            include_ensembles: bool = False) -> list[dict[str, Any]]:
    """A stored leaderboard as the route's rows (the dashboard shows the same)."""
    aggregation = contract.aggregation
    windows = list(board.meta.get("windows", aggregation.windows))
    rows = []
    shown = [e for e in board.entries if include_ensembles or not e.get("ensemble")]
    for entry in sorted(shown, key=lambda e: (e["rank"], bool(e.get("ensemble")))):
        metrics = {name: _float(entry["scores"].get(name)) for name in windows}
        quant = entry.get("metrics") or {}
        rows.append({
            **metric_columns(contract, quant), **metrics,
            "model_id": entry["model_id"], "rank": entry["rank"],
            "model_name": entry.get("model_name"), "cruncher_name": entry.get("cruncher_name"),
            "cruncher_id": entry.get("cruncher_id"), "created_at": board.built_at,
            "score_metrics": metrics, "score_ranking": _ranking(aggregation, {**quant, **metrics}),
            "snapshot_count": entry.get("snapshot_count", 0),
            **({"ensemble": True} if entry.get("ensemble") else {})})
    return rows


def _score_rows(stats: list[WindowStats], aggregation: Aggregation,
                scopes: dict[str, dict[str, Any]] | None = None) -> list[dict[str, Any]]:
    rows = []
    for stat in stats:
        row: dict[str, Any] = {**stat.means, "model_id": stat.model_id,
                               "performed_at": stat.performed_at, "score_metrics": stat.means,
                               "score_ranking": _ranking(aggregation, stat.means)}
        if scopes is not None and stat.config_id is not None:
            scope = scopes.get(stat.config_id, {})
            row = {**_scope_extras(scope), **row, "scope_key": stat.config_id,
                   "scope": scope, "param": stat.config_id}
        rows.append(row)
    return rows


@router.get("/models/global", response_model=list[ScoreRow], responses=errors(422, 503))
def models_global(session: SessionDep, contract: ContractDep, model_ids: ProjectIds,
                  start: Start = None, end: End = None,
                  include_ensembles: IncludeEnsembles = False) -> Response:
    """One point per model with a successful score in `[start, end]` (default: the last
    7 days): its latest prediction time and each window's mean score ending now."""
    now = datetime.now(UTC)
    start, end = time_window(start, end, now)
    aggregation = contract.aggregation
    stats = window_stats(session, model_ids, start, end, aggregation.windows, now)
    # Each model's quant metrics as the newest leaderboard has them (`score_<metric>`).
    board = newest_leaderboard(session)
    quant = {e["model_id"]: e.get("metrics") for e in (board.entries if board else [])}
    return json_answer([{**metric_columns(contract, quant.get(row["model_id"])), **row}
                        for row in _score_rows(stats, aggregation)])


@router.get("/models/params", response_model=list[ScopeScoreRow],
            responses=errors(422, 503))
def models_params(session: SessionDep, contract: ContractDep, model_ids: ProjectIds,
                  start: Start = None, end: End = None,
                  include_ensembles: IncludeEnsembles = False) -> Response:
    """As /models/global, one row per (model, prediction config), with the config's scope."""
    now = datetime.now(UTC)
    start, end = time_window(start, end, now)
    aggregation = contract.aggregation
    stats = window_stats(session, model_ids, start, end, aggregation.windows, now,
                         per_config=True)
    return json_answer(_score_rows(stats, aggregation, config_scopes(session)))


@router.get("/predictions", response_model=list[PredictionRow], responses={
    200: {"headers": {"X-Has-More": {
        "description": "`true` when older rows remain beyond this page", "required": True,
        "schema": {"type": "string", "enum": ["true", "false"]}}}},
    **errors(422, 503)})
def list_predictions(
    session: SessionDep, model_ids: ProjectIds,
    start: Start = None, end: End = None,
    prediction_status: Annotated[PredictionStatus | None, Query(alias="status")] = None,
    limit: Annotated[int, Query(ge=1, le=10_000)] = 1000,
    offset: Annotated[int, Query(ge=0, le=MAX_OFFSET,
                                 description="rows skipped from the newest end")] = 0,
) -> Response:
    """Predictions of the requested models in `[start, end]` (default: the last 7 days),
    oldest first. Paged from the newest end: at most `limit` rows, the newest ones unless
    `offset` skips some; `X-Has-More: true` says older rows remain."""
    start, end = time_window(start, end, datetime.now(UTC))
    found = predictions_in_window(session, model_ids, start, end,
                                  prediction_status.value if prediction_status else None,
                                  limit + 1, offset)
    scopes = config_scopes(session)
    # What every row of a config shares, built once: the scope's keys first (the contract's
    # names, set per row below, win), then the config's own keys.
    shared = {config: {**_scope_extras(scope), "prediction_config_id": config,
                       "scope_key": config, "scope": scope, "param": config}
              for config, scope in scopes.items()}
    rows = []
    for row in found[-limit:]:
        scored = row.status == PredictionStatus.SCORED and row.success is not False
        out = dict(shared.get(row.config_id) or {
            "prediction_config_id": row.config_id, "scope_key": row.config_id, "scope": {},
            "param": row.config_id})
        out.update(
            model_id=row.model_id, score_value=_float(row.value) if scored else None,
            score_failed=not scored,
            score_failed_reason=None if scored else (
                row.failed_reason or row.score_failed_reason or NOT_SCORED),
            scored_at=row.scored_at, performed_at=row.slot, id=row.id, input_id=row.input_id,
            status=row.status, exec_time_us=row.exec_time_us, score_success=scored,
            # the stored JSON text, passed through undecoded
            output=None if row.output is None else orjson.Fragment(row.output))
        rows.append(out)
    return json_answer(rows, headers={"X-Has-More": "true" if len(found) > limit
                                      else "false"})


@router.get("/snapshots", response_model=list[SnapshotOut], responses=errors(422, 503))
def list_snapshots(
    session: SessionDep,
    model_id: ModelId = None,
    since: Since = None,
    until: Until = None,
    limit: Annotated[int, Query(ge=1, le=1000)] = 100,
) -> Response:
    """Per-model period summaries (`since` keeps period_end ≥ since, `until` keeps
    period_start ≤ until): the newest `limit`, oldest first."""
    # They bound different columns, so since > until is a fair question (periods spanning).
    query = select(N.id, N.model_id, N.period_start, N.period_end, N.prediction_count,
                   N.summary.label("result_summary"), N.created_at)
    if model_id is not None:
        query = query.where(N.model_id == model_id)
    if since is not None:
        query = query.where(N.period_end >= since)
    if until is not None:
        query = query.where(N.period_start <= until)
    rows = session.execute(
        query.order_by(N.created_at.desc(), N.period_end.desc(), N.model_id).limit(limit)
    ).all()
    return json_answer([row._asdict() for row in reversed(rows)])
