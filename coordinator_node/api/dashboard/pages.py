"""The dashboard's pages, read through the same stores as the report routes. Every route is a
sync `def` (FastAPI runs it in its thread pool: database work never blocks the event loop)
and stays out of the OpenAPI document."""

from __future__ import annotations

import threading
from collections import OrderedDict
from datetime import UTC, datetime, timedelta
from importlib import resources
from typing import Annotated, Any
from urllib.parse import quote

from fastapi import APIRouter, Query, Request, Response
from fastapi.responses import HTMLResponse
from sqlmodel import Session

from coordinator_node.api.dashboard import charts
from coordinator_node.api.dashboard.render import page
from coordinator_node.api.deps import ContractDep, SessionDep, SettingsDep
from coordinator_node.api.routes.rounds import LeaderboardRow, leaderboard_answer_rows
from coordinator_node.api.routes.schema import columns as schema_columns
from coordinator_node.api.routing import ApiRoute
from coordinator_node.checkpoints.logic import (
    complete_ranking,
    frac64_percent,
    model_ids_of,
    ranked_rewards,
)
from coordinator_node.checkpoints.store import (
    count_checkpoints,
    get_checkpoint,
    list_checkpoints,
    model_names,
    transitions,
)
from coordinator_node.contract import FRAC64_ONE
from coordinator_node.db.tables import Model
from coordinator_node.feeds.store import feed_summaries, price_points
from coordinator_node.feeds.types import FeedKey
from coordinator_node.ids import checkpoint_workflow_id, round_workflow_id
from coordinator_node.rounds.logic import stored_round_stage
from coordinator_node.rounds.store import (
    count_predictions,
    leaderboard_entries,
    leaderboard_history,
    model_exec_times,
    newest_leaderboard,
    prediction_configs,
    predictions_in_window,
    recent_rounds,
    round_config_ids,
)
from coordinator_node.settings import Settings
from coordinator_node.statuses import CheckpointStatus, PredictionStatus

router = APIRouter(include_in_schema=False, route_class=ApiRoute)

PAGE_SIZES = (25, 50, 100, 200)
HISTORY_BUILDS = 60  # leaderboard builds the score chart goes back
MAX_TOP = 25  # models one chart shows at most
EXEC_SAMPLE = 1000  # newest call times the distribution is drawn from
EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
STATUS_ORDER = [PredictionStatus.SCORED.value, PredictionStatus.FAILED.value,
                PredictionStatus.ABSENT.value, PredictionStatus.PENDING.value]
NEXT_STATUS = {CheckpointStatus.SUBMITTED: CheckpointStatus.CLAIMABLE,
               CheckpointStatus.CLAIMABLE: CheckpointStatus.PAID}

PageNumber = Annotated[int, Query(ge=1, le=1_000_000)]
PageSize = Annotated[int, Query(ge=1, le=200)]


# --- the ranking score over time ----------------------------------------------------------
class BoardScores:
    """Each leaderboard build's ranking score per model, decoded once per build (a build never
    changes once written, and the chart asks for the same builds at every refresh)."""

    def __init__(self, keep: int = 4 * HISTORY_BUILDS) -> None:
        self.keep = keep
        self.found: OrderedDict[str, dict[str, float | None]] = OrderedDict()
        self.lock = threading.Lock()

    def history(self, session: Session, ranking_key: str, builds: int
                ) -> list[tuple[datetime, dict[str, float | None]]]:
        boards = leaderboard_history(session, builds)
        with self.lock:
            missing = [board_id for board_id, _ in boards if board_id not in self.found]
        fetched = leaderboard_entries(session, missing)
        with self.lock:
            for board_id, entries in fetched.items():
                self.found[board_id] = {entry["model_id"]: entry.get("scores", {}).get(ranking_key)
                                        for entry in entries}
            while len(self.found) > self.keep:
                self.found.popitem(last=False)
            return [(built_at, self.found.get(board_id, {})) for board_id, built_at in boards]


BOARD_SCORES = BoardScores()


def score_chart(session: Session, ranking_key: str, models: list[tuple[str, str]],
                builds: int = HISTORY_BUILDS) -> Any:
    """A line per (model id, label) of its ranking score at each recent leaderboard build."""
    history = BOARD_SCORES.history(session, ranking_key, builds)
    series = [(label, [(built_at, scores.get(model_id)) for built_at, scores in history])
              for model_id, label in models]
    return charts.line_chart(series, empty="no leaderboard built yet",
                             title=f"{ranking_key} at each leaderboard build")


# --- leaderboard ---------------------------------------------------------------------------
def _sort_value(row: dict[str, Any], key: str) -> Any:
    value = row.get(key)
    return value.lower() if isinstance(value, str) else value


@router.get("/", response_class=HTMLResponse)
def leaderboard_page(request: Request, session: SessionDep, contract: ContractDep,
                     sort: Annotated[str, Query(max_length=100)] = "rank",
                     order: Annotated[str, Query(pattern="^(asc|desc)$")] = "asc",
                     page_number: Annotated[PageNumber, Query(alias="page")] = 1,
                     per_page: Annotated[PageSize, Query(alias="per")] = 50,
                     search: Annotated[str, Query(alias="q", max_length=200)] = "",
                     top: Annotated[int, Query(ge=1, le=MAX_TOP)] = 10) -> Response:
    """The newest leaderboard: rank, model, cruncher, a column per schema column; sortable,
    paged, searchable; the ranking score of the top models over time."""
    aggregation = contract.aggregation
    board = newest_leaderboard(session)
    found = [LeaderboardRow.model_validate(row)
             for row in leaderboard_answer_rows(board, contract)] if board else []
    columns = [c for c in schema_columns(contract) if c.type == "VALUE"]
    rows: list[dict[str, Any]] = [
        {"rank": r.rank, "model_id": r.model_id, "model": r.model_name or r.model_id,
         "cruncher": r.cruncher_name or "", "snapshots": r.snapshot_count,
         **{c.property: r.score_metrics.get(c.property) for c in columns}}
        for r in found]
    top_models = [(r["model_id"], str(r["model"])) for r in rows[:top]]
    sortable = {"rank", "model", "cruncher", "snapshots", *(c.property for c in columns)}
    if sort not in sortable:
        sort = "rank"
    needle = search.strip().lower()
    if needle:
        rows = [r for r in rows if needle in r["model_id"].lower()
                or needle in str(r["model"]).lower() or needle in r["cruncher"].lower()]
    present = [r for r in rows if r.get(sort) is not None]
    absent = [r for r in rows if r.get(sort) is None]  # no value: last, whatever the order
    present.sort(key=lambda r: (_sort_value(r, sort), r["rank"]), reverse=order == "desc")
    rows = present + absent
    pages = max(1, -(-len(rows) // per_page))
    page_number = min(page_number, pages)
    shown = rows[(page_number - 1) * per_page:page_number * per_page]
    return page(request, "leaderboard.html", {
        "active": "leaderboard", "board": board, "columns": columns, "rows": shown,
        "total": len(found), "matching": len(rows), "sort": sort, "order": order,
        "page_number": page_number, "pages": pages, "per_page": per_page,
        "page_sizes": PAGE_SIZES, "search": search, "top": top,
        "ranking_key": aggregation.ranking_key, "direction": aggregation.ranking_direction,
        "chart": score_chart(session, aggregation.ranking_key, top_models)})


# --- rounds --------------------------------------------------------------------------------
def workflow_url(settings: Settings, workflow_id: str) -> str | None:
    """The workflow's page in the Temporal Web UI (its newest run), or None when the UI's
    address is not known (TEMPORAL_UI_URL)."""
    base = settings.temporal_ui_base
    if base is None:
        return None
    return (f"{base}/namespaces/{quote(settings.temporal_namespace, safe='')}/workflows/"
            f"{quote(workflow_id, safe='')}")


@router.get("/dashboard/rounds", response_class=HTMLResponse)
def rounds_page(request: Request, session: SessionDep, settings: SettingsDep,
                limit: Annotated[int, Query(ge=1, le=100)] = 10) -> Response:
    """The newest rounds of each prediction config: stage, prediction counts, horizon, and
    the round's workflow in the Temporal Web UI."""
    now = datetime.now(UTC)
    configs = {config.id: config for config in prediction_configs(session)}
    config_ids = list(configs) + [c for c in round_config_ids(session) if c not in configs]
    found = recent_rounds(session, config_ids, limit)
    sections = []
    for config_id in config_ids:
        config = configs.get(config_id)
        rounds = []
        for row in found.get(config_id, []):
            workflow_id = round_workflow_id(settings.crunch_id, config_id, row.slot)
            rounds.append({
                "row": row, "stage": stored_round_stage(row.status, row.counts, row.horizon_at,
                                                        now),
                "counts": [(status, row.counts.get(status, 0)) for status in STATUS_ORDER],
                "workflow_id": workflow_id, "workflow_url": workflow_url(settings, workflow_id)})
        sections.append({"id": config_id, "config": config, "rounds": rounds})
    return page(request, "rounds.html", {
        "active": "rounds", "sections": sections, "limit": limit, "statuses": STATUS_ORDER,
        "ui": settings.temporal_ui_base})


# --- one model -----------------------------------------------------------------------------
def percentile(sorted_values: list[float], fraction: float) -> float | None:
    if not sorted_values:
        return None
    index = min(len(sorted_values) - 1, max(0, round(fraction * (len(sorted_values) - 1))))
    return sorted_values[index]


@router.get("/dashboard/models/{model_id:path}", response_class=HTMLResponse)
def model_page(request: Request, session: SessionDep, contract: ContractDep, model_id: str,
               page_number: Annotated[PageNumber, Query(alias="page")] = 1,
               per_page: Annotated[PageSize, Query(alias="per")] = 50,
               status: Annotated[PredictionStatus | None, Query()] = None) -> Response:
    """A model: where it ranks, its recent predictions with their failure reasons, and how
    long its calls take."""
    model = session.get(Model, model_id)
    counts = count_predictions(session, model_id)
    board = newest_leaderboard(session)
    entry = next((e for e in (board.entries if board else []) if e["model_id"] == model_id),
                 None)
    if model is None and not counts and entry is None:
        return page(request, "missing.html", {"active": "", "what": f"model {model_id}"},
                    status_code=404)
    now = datetime.now(UTC)
    offset = (page_number - 1) * per_page
    found = predictions_in_window(session, [model_id], EPOCH, now + timedelta(days=1),
                                  status.value if status else None, per_page + 1, offset)
    has_more = len(found) > per_page
    predictions = list(reversed(found[-per_page:]))  # newest first on the page
    times_ms = sorted(us / 1000 for us in model_exec_times(session, model_id, EXEC_SAMPLE))
    label = (model.model_name if model and model.model_name else None) or model_id
    aggregation = contract.aggregation
    return page(request, "model.html", {
        "active": "rounds", "model_id": model_id, "model": model, "label": label,
        "entry": entry, "counts": [(s, counts.get(s, 0)) for s in STATUS_ORDER],
        "predictions": predictions, "page_number": page_number, "per_page": per_page,
        "has_more": has_more, "status": status.value if status else None,
        "statuses": STATUS_ORDER, "ranking_key": aggregation.ranking_key,
        "windows": list(aggregation.windows),
        "exec": {"count": len(times_ms), "p50": percentile(times_ms, 0.5),
                 "p90": percentile(times_ms, 0.9), "p99": percentile(times_ms, 0.99),
                 "max": times_ms[-1] if times_ms else None},
        "exec_chart": charts.histogram(times_ms, unit="ms"),
        "chart": score_chart(session, aggregation.ranking_key, [(model_id, label)])})


# --- feeds ---------------------------------------------------------------------------------
@router.get("/dashboard/feeds", response_class=HTMLResponse)
def feeds_page(request: Request, session: SessionDep) -> Response:
    """Each feed: newest record, lag behind now, records in the last hour, malformed rows and
    state, and the last hour's price."""
    now = datetime.now(UTC)
    feeds = []
    for summary in feed_summaries(session, include_empty=True):
        key = FeedKey(source=summary.source, subject=summary.subject, kind=summary.kind,
                      granularity=summary.granularity)
        points = price_points(session, key, now - timedelta(hours=1), now)
        lag = (now - summary.newest_ts).total_seconds() if summary.newest_ts else None
        feeds.append({"summary": summary, "lag": lag, "last_hour": len(points),
                      "price": points[-1][1] if points else None,
                      "chart": charts.sparkline(points)})
    return page(request, "feeds.html", {"active": "feeds", "feeds": feeds})


# --- checkpoints ---------------------------------------------------------------------------
@router.get("/dashboard/checkpoints", response_class=HTMLResponse)
def checkpoints_page(request: Request, session: SessionDep,
                     status: Annotated[CheckpointStatus | None, Query()] = None,
                     page_number: Annotated[PageNumber, Query(alias="page")] = 1,
                     per_page: Annotated[PageSize, Query(alias="per")] = 25) -> Response:
    """Checkpoints, newest first, with their status."""
    total = count_checkpoints(session, status)
    pages = max(1, -(-total // per_page))
    page_number = min(page_number, pages)
    rows = list_checkpoints(session, status, per_page, (page_number - 1) * per_page)
    return page(request, "checkpoints.html", {
        "active": "checkpoints", "rows": rows, "status": status.value if status else None,
        "statuses": [s.value for s in CheckpointStatus], "total": total,
        "page_number": page_number, "pages": pages, "per_page": per_page})


@router.get("/dashboard/checkpoints/{checkpoint_id}", response_class=HTMLResponse)
def checkpoint_page(request: Request, session: SessionDep, settings: SettingsDep,
                    checkpoint_id: str,
                    page_number: Annotated[PageNumber, Query(alias="page")] = 1,
                    per_page: Annotated[PageSize, Query(alias="per")] = 50,
                    bars: Annotated[int, Query(ge=1, le=100)] = 20) -> Response:
    """A checkpoint: its emission (chart and table), its audit trail, its Merkle root, and
    the confirm / status controls (only once an API key is entered)."""
    row = get_checkpoint(session, checkpoint_id)
    if row is None:
        return page(request, "missing.html", {"active": "checkpoints",
                                              "what": f"checkpoint {checkpoint_id}"},
                    status_code=404)
    names = model_names(session, model_ids_of([row.meta]))
    ranking = complete_ranking(row.meta, names)
    rewards: list[dict[str, Any]] = []
    for index, entry, frac in ranked_rewards(row.emission, ranking):
        found = entry or {}
        rewards.append({"index": index, "model_id": found.get("model_id"),
                        "model": found.get("model_name") or found.get("model_id") or f"#{index}",
                        "cruncher": found.get("cruncher_name"), "rank": found.get("rank"),
                        "score": found.get("score"), "frac": frac,
                        "pct": frac64_percent(frac)})
    total_frac = sum(r["frac"] for r in rewards)
    by_share = sorted(rewards, key=lambda r: (-r["frac"], r["index"]))
    bar_rows = [(f"{r['index']}: {r['model']}", r["frac"] * 100 / FRAC64_ONE)
                for r in by_share[:bars]]
    rest = by_share[bars:]
    if rest:
        bar_rows.append((f"{len(rest)} others", sum(r["frac"] for r in rest) * 100 / FRAC64_ONE))
    pages = max(1, -(-len(rewards) // per_page))
    page_number = min(page_number, pages)
    status = CheckpointStatus(row.status)
    return page(request, "checkpoint.html", {
        "active": "checkpoints", "row": row, "status": status.value,
        "next_status": NEXT_STATUS[status].value if status in NEXT_STATUS else None,
        "rewards": rewards[(page_number - 1) * per_page:page_number * per_page],
        "reward_count": len(rewards), "total_frac": total_frac,
        "total_pct": total_frac * 100 / FRAC64_ONE, "frac_one": FRAC64_ONE,
        "page_number": page_number, "pages": pages, "per_page": per_page,
        "providers": [("compute", r) for r in row.emission.get("compute_provider_rewards", [])]
        + [("data", r) for r in row.emission.get("data_provider_rewards", [])],
        "chart": charts.bar_chart(bar_rows, empty="no cruncher reward"),
        "transitions": transitions(session, checkpoint_id),
        "workflow_url": workflow_url(settings, checkpoint_workflow_id(checkpoint_id)),
        "merkle_root": row.merkle_root or row.meta.get("merkle_root")})


# --- the page script -----------------------------------------------------------------------
@router.get("/dashboard/static/dashboard.js")
def dashboard_script() -> Response:
    """The dashboard's one script: refreshes the page's content, drives checkpoint changes."""
    body = resources.files("coordinator_node.api.dashboard").joinpath(
        "static", "dashboard.js").read_bytes()
    return Response(body, media_type="text/javascript",
                    headers={"Cache-Control": "public, max-age=300"})
