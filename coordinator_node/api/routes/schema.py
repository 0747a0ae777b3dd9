"""`/reports/schema`: the leaderboard columns and chart widgets the web app renders, in the
envelope it validates, generated from the contract's aggregation windows. Every column
`property` and widget key names a top-level key of the rows its route answers. (Plain
computation, no I/O: the routes are `async` and need no worker thread.)"""

from __future__ import annotations

from typing import Any, Literal

from fastapi import APIRouter, Request, Response
from pydantic import BaseModel

from coordinator_node.api.answers import NOT_MODIFIED
from coordinator_node.api.deps import AnswersDep, ContractDep
from coordinator_node.api.routing import ApiRoute
from coordinator_node.contract import CrunchContract
from coordinator_node.rounds.metrics import MetricSpec, reported_metric_specs

router = APIRouter(prefix="/reports/schema", tags=["schema"], route_class=ApiRoute)

SCHEMA_VERSION = "1"
SCOPE_FILTERS = [
    {"type": "select", "property": "subject", "label": "Subject", "autoSelectFirst": True},
    {"type": "select", "property": "horizon", "label": "Horizon", "autoSelectFirst": True},
]


class Column(BaseModel):
    id: int
    type: Literal["MODEL", "VALUE", "USERNAME", "CHART"]
    property: str
    format: str | None
    displayName: str  # the web app's field names
    tooltip: str | None
    nativeConfiguration: dict[str, Any] | None
    order: int


class Widget(BaseModel):
    id: int
    type: Literal["CHART", "IFRAME"]
    displayName: str
    tooltip: str | None
    order: int
    endpointUrl: str
    nativeConfiguration: dict[str, Any] | None


class Schema(BaseModel):
    schema_version: str
    leaderboard_columns: list[Column]
    metrics_widgets: list[Widget]
    # additions: how the node ranks
    ranking_key: str
    ranking_direction: str
    score_field: str


def _metrics(contract: CrunchContract) -> list[MetricSpec]:
    try:
        return reported_metric_specs(contract.metrics, contract.custom_metrics,
                                     bool(contract.ensembles))
    except ValueError:  # start-up refuses such a contract; the schema still answers
        return []


def columns(contract: CrunchContract) -> list[Column]:
    windows = contract.aggregation.windows
    window = contract.aggregation.metric_window_name
    over = f" (over {window})" if window else ""
    return [
        Column(id=1, type="MODEL", property="model_id", format=None, displayName="Model",
               tooltip=None, nativeConfiguration={"type": "model", "statusProperty": "status"},
               order=0),
        *(Column(id=2 + i, type="VALUE", property=name, format="decimal-2",
                 displayName=name.removeprefix("score_").replace("_", " ").title(),
                 tooltip=f"Rolling score over {hours}h", nativeConfiguration=None,
                 order=10 * (i + 1))
          for i, (name, hours) in enumerate(windows.items())),
        # The contract's quant metrics, after the windows (ids from 100: stable whatever
        # the number of windows).
        *(Column(id=100 + i, type="VALUE", property=f"score_{spec.name}", format="decimal-4",
                 displayName=spec.display_name, tooltip=spec.tooltip + over,
                 nativeConfiguration=None, order=10 * (len(windows) + i + 1))
          for i, spec in enumerate(_metrics(contract))),
    ]


def widgets(contract: CrunchContract) -> list[Widget]:
    series = [{"name": name, "label": name.removeprefix("score_").replace("_", " ").title()}
              for name in contract.aggregation.windows]

    def line(**config: Any) -> dict[str, Any]:
        return {"type": "line", "xAxis": {"name": "performed_at"}, "displayEvolution": False,
                "displayLegend": True, **config}

    quant = [{"name": f"score_{spec.name}", "label": spec.display_name}
             for spec in _metrics(contract)]
    return [
        Widget(id=1, type="CHART", displayName="Score Metrics", tooltip=None, order=10,
               endpointUrl="/reports/models/global",
               nativeConfiguration=line(yAxis={"series": series, "format": "decimal-2"})),
        Widget(id=3, type="CHART", displayName="Rolling score by parameters", tooltip=None,
               order=20, endpointUrl="/reports/models/params",
               nativeConfiguration=line(yAxis={"series": series, "format": "decimal-2"},
                                        groupByProperty="param", filterConfig=SCOPE_FILTERS)),
        Widget(id=2, type="CHART", displayName="Predictions", tooltip=None, order=30,
               endpointUrl="/reports/predictions",
               nativeConfiguration=line(
                   yAxis={"series": [{"name": "score_value", "label": "Score"}]},
                   alertConfig={"field": "score_success", "reasonField": "score_failed_reason"},
                   groupByProperty="param", filterConfig=SCOPE_FILTERS)),
        *([Widget(id=4, type="CHART", displayName="Quant metrics",
                  tooltip="each model's metrics over the leaderboard's metrics window",
                  order=40, endpointUrl="/reports/models/global",
                  nativeConfiguration=line(yAxis={"series": quant, "format": "decimal-4"}))]
          if quant else []),
    ]


# Encoded once per process, with an ETag: `If-None-Match` answers 304.
@router.get("", response_model=Schema, responses=NOT_MODIFIED)
async def schema(request: Request, contract: ContractDep, answers: AnswersDep) -> Response:
    def build() -> Schema:
        aggregation = contract.aggregation
        return Schema(schema_version=SCHEMA_VERSION, leaderboard_columns=columns(contract),
                      metrics_widgets=widgets(contract), ranking_key=aggregation.ranking_key,
                      ranking_direction=aggregation.ranking_direction,
                      score_field=aggregation.score_field)

    return answers.static(request, "schema", build)


@router.get("/leaderboard-columns", response_model=list[Column], responses=NOT_MODIFIED)
async def leaderboard_columns(request: Request, contract: ContractDep,
                              answers: AnswersDep) -> Response:
    return answers.static(request, "schema/leaderboard-columns", lambda: columns(contract))


@router.get("/metrics-widgets", response_model=list[Widget], responses=NOT_MODIFIED)
async def metrics_widgets(request: Request, contract: ContractDep,
                          answers: AnswersDep) -> Response:
    return answers.static(request, "schema/metrics-widgets", lambda: widgets(contract))
