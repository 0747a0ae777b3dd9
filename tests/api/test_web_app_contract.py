"""The report API as the competition web app reads it (the report API contract): the schema
envelope, every column `property` a key of every leaderboard row, and every chart widget's
`endpointUrl` answering flat rows that hold its x axis, series, filter, group and alert keys,
with the contract's JSON types. On Postgres and SQLite."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Engine

from coordinator_node.api import create_app
from tests.conftest import make_settings
from tests.rounds.test_round_api import NOW, js_time, seed


@pytest.fixture
def api(engine: Engine) -> Iterator[TestClient]:
    seed(engine)
    url = engine.url.render_as_string(hide_password=False)
    with TestClient(create_app(make_settings(url, temporal_address="127.0.0.1:1"))) as client:
        yield client


def is_time(value: Any) -> bool:
    return isinstance(value, str) and datetime.fromisoformat(value).tzinfo is not None


def is_number_or_null(value: Any) -> bool:
    return value is None or (isinstance(value, int | float) and not isinstance(value, bool))


def test_schema_envelope(api: TestClient) -> None:
    body = api.get("/reports/schema").json()
    assert body["schema_version"] == "1"
    columns, widgets = body["leaderboard_columns"], body["metrics_widgets"]
    assert api.get("/reports/schema/leaderboard-columns").json() == columns
    assert api.get("/reports/schema/metrics-widgets").json() == widgets
    # the windows, then (issue 20, an addition) the contract's quant metrics
    assert [c["property"] for c in columns] == ["model_id", "score_recent", "score_steady",
                                                "score_anchor", "score_ic", "score_ic_sharpe",
                                                "score_hit_rate", "score_max_drawdown",
                                                "score_model_correlation"]
    for column in columns:
        assert set(column) == {"id", "type", "property", "format", "displayName", "tooltip",
                               "nativeConfiguration", "order"}
        assert column["type"] in {"MODEL", "VALUE", "USERNAME", "CHART"}
    assert columns[0]["type"] == "MODEL" and columns[1]["format"] == "decimal-2"
    assert len({c["id"] for c in columns}) == len(columns)
    assert {w["endpointUrl"] for w in widgets} == {
        "/reports/models/global", "/reports/predictions", "/reports/models/params"}
    assert len({w["id"] for w in widgets}) == len(widgets)
    for widget in widgets:
        assert set(widget) == {"id", "type", "displayName", "tooltip", "order", "endpointUrl",
                               "nativeConfiguration"}
        assert widget["type"] == "CHART" and widget["nativeConfiguration"]["type"] == "line"


def test_every_column_property_is_a_key_of_every_leaderboard_row(api: TestClient) -> None:
    columns = api.get("/reports/schema").json()["leaderboard_columns"]
    rows = api.get("/reports/leaderboard").json()
    assert rows and [r["rank"] for r in rows] == sorted(r["rank"] for r in rows)
    models = {m["model_id"] for m in api.get("/reports/models").json()}
    for row in rows:
        assert row["model_id"] in models  # the starter names rows from /reports/models
        assert isinstance(row["rank"], int) and is_time(row["created_at"])
        assert isinstance(row["score_metrics"], dict)
        assert set(row["score_ranking"]) == {"key", "value", "direction"}
        for column in columns:
            assert column["property"] in row, column["property"]
            if column["type"] == "VALUE":
                assert is_number_or_null(row[column["property"]])


def test_every_widget_answers_rows_with_its_keys(api: TestClient) -> None:
    widgets = api.get("/reports/schema").json()["metrics_widgets"]
    models = ",".join(m["model_id"] for m in api.get("/reports/models").json())
    query = (f"?projectIds={models}&start={js_time(NOW - timedelta(days=30))}"
             f"&end={js_time(datetime.now(UTC))}")  # axios leaves `,` and `:` literal
    for widget in widgets:
        config = widget["nativeConfiguration"]
        response = api.get(widget["endpointUrl"] + query)
        assert response.status_code == 200, widget["endpointUrl"]
        rows = response.json()
        assert rows, widget["endpointUrl"]
        for row in rows:
            assert isinstance(row["model_id"], str)
            assert is_time(row[config["xAxis"]["name"]])
            for series in config["yAxis"]["series"]:
                assert is_number_or_null(row[series["name"]]), series["name"]
            if "groupByProperty" in config:
                assert isinstance(row[config["groupByProperty"]], str)
            for a_filter in config.get("filterConfig", []):
                assert isinstance(row[a_filter["property"]], str | int | float)
            if "alertConfig" in config:
                assert isinstance(row[config["alertConfig"]["field"]], bool)
                reason = row[config["alertConfig"]["reasonField"]]
                assert reason is None or isinstance(reason, str)
