"""Round reports over HTTP on both databases, called as the competition web app calls them
(comma-joined `projectIds`, millisecond `Z` times): the leaderboard as rank-sorted flat rows,
the three chart routes as flat rows, predictions oldest first and paged from the newest end,
snapshots, and 422 for bad parameters."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Engine

from coordinator_node.api import create_app
from coordinator_node.db import session_scope
from coordinator_node.db.tables import (
    Input,
    Leaderboard,
    Model,
    Prediction,
    PredictionConfig,
    Score,
    Snapshot,
)
from coordinator_node.db.upsert import upsert
from coordinator_node.ids import input_id, prediction_id, snapshot_id
from tests.conftest import make_settings

NOW = datetime.now(UTC).replace(microsecond=0)
T0 = NOW - timedelta(hours=6)  # rounds start here, 15 s apart
CONFIG = "btc-60s-every-15s"
SCOPE = {"subject": "BTC", "horizon_seconds": 60, "step_seconds": 15}
MODELS = ["m-a", "m-b"]
SLOTS = 30


def js_time(moment: datetime) -> str:
    """As JavaScript's toISOString() writes it."""
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%f")[:-3] + "Z"


def slot(i: int) -> datetime:
    return T0 + timedelta(seconds=15 * i)


def seed(engine: Engine) -> None:
    with session_scope(engine) as session:
        upsert(session, Model, [{"model_id": m, "model_name": f"name {m}", "cruncher_id": f"c{m}",
                                 "cruncher_name": f"cruncher {m}", "deployment_id": f"d{m}",
                                 "infos": {}, "first_seen_at": T0, "last_seen_at": T0}
                                for m in MODELS], ["model_id"])
        upsert(session, PredictionConfig, [{
            "id": CONFIG, "scope_key": CONFIG, "scope": SCOPE, "interval_seconds": 15,
            "horizon_seconds": 60, "active": True, "created_at": T0, "updated_at": T0}], ["id"])
        inputs, predictions, scores = [], [], []
        for i in range(SLOTS):
            iid = input_id(CONFIG, slot(i))
            inputs.append({"id": iid, "config_id": CONFIG, "slot": slot(i), "status": "RESOLVED",
                           "payload": {}, "ground_truth": {"return": 0.01},
                           "horizon_at": slot(i) + timedelta(seconds=60),
                           "received_at": slot(i), "resolved_at": slot(i), "detail": None})
            for m in MODELS:
                failed = m == "m-b" and i % 10 == 0
                pending = m == "m-a" and i == SLOTS - 1
                pid = prediction_id(iid, m)
                predictions.append({
                    "id": pid, "input_id": iid, "config_id": CONFIG, "model_id": m,
                    "slot": slot(i),
                    "status": "FAILED" if failed else "PENDING" if pending else "SCORED",
                    "output": None if failed else {"value": 1.0},
                    "raw_output": "oops" if failed else {"value": 1.0},
                    "failed_reason": "invalid output: output: bad" if failed else None,
                    "exec_time_us": 10, "created_at": slot(i),
                    "scored_at": None if failed or pending else slot(i) + timedelta(seconds=61)})
                if not failed and not pending:
                    value = 1.0 if m == "m-a" else -1.0
                    scores.append({"prediction_id": pid, "model_id": m, "value": value,
                                   "success": True, "failed_reason": None,
                                   "result": {"value": value},
                                   "scored_at": slot(i) + timedelta(seconds=61)})
        upsert(session, Input, inputs, ["id"])
        upsert(session, Prediction, predictions, ["id"])
        upsert(session, Score, scores, ["prediction_id"])
        snapshots = []
        for h in range(5):
            start, end = T0 + timedelta(hours=h), T0 + timedelta(hours=h + 1)
            for m in MODELS:
                snapshots.append({"id": snapshot_id(m, start, end), "model_id": m,
                                  "period_start": start, "period_end": end,
                                  "prediction_count": 10 + h, "created_at": end,
                                  "summary": {"value": h if m == "m-a" else -h}})
        upsert(session, Snapshot, snapshots, ["id"])
        upsert(session, Leaderboard, [
            {"id": "old", "built_at": T0, "entries": [], "meta": {}},
            {"id": "new", "built_at": T0 + timedelta(hours=5), "meta": {
                "ranking_key": "score_recent", "ranking_direction": "desc",
                "windows": {"score_recent": 24, "score_steady": 72, "score_anchor": 168}},
             "entries": [  # stored out of order: the route sorts by rank
                {"rank": 2, "model_id": "m-b", "model_name": "name m-b", "cruncher_id": "cm-b",
                 "cruncher_name": "cruncher m-b", "scores": {"score_recent": -2.0},
                 "snapshot_count": 5},
                {"rank": 1, "model_id": "m-a", "model_name": "name m-a", "cruncher_id": "cm-a",
                 "cruncher_name": "cruncher m-a", "scores": {"score_recent": 2.0},
                 "snapshot_count": 5}]},
        ], ["id"])


@pytest.fixture
def api(engine: Engine) -> Iterator[TestClient]:
    seed(engine)
    url = engine.url.render_as_string(hide_password=False)
    app = create_app(make_settings(url, temporal_address="127.0.0.1:1"))
    with TestClient(app) as client:
        yield client


WEB_APP_WINDOW = {"projectIds": "m-a,m-b", "start": js_time(NOW - timedelta(days=30)),
                  "end": js_time(NOW)}


def test_models(api: TestClient) -> None:
    models = api.get("/reports/models").json()
    assert [m["model_id"] for m in models] == MODELS
    assert models[0] | {"first_seen_at": None, "last_seen_at": None} == {
        "model_id": "m-a", "model_name": "name m-a", "cruncher_name": "cruncher m-a",
        "cruncher_id": "cm-a", "deployment_id": "dm-a", "first_seen_at": None,
        "last_seen_at": None}


def test_leaderboard_is_rank_sorted_flat_rows_of_the_newest_build(api: TestClient) -> None:
    rows = api.get("/reports/leaderboard").json()
    assert [(r["rank"], r["model_id"]) for r in rows] == [(1, "m-a"), (2, "m-b")]
    first = rows[0]
    assert first["created_at"] == js_time(T0 + timedelta(hours=5)).replace(".000", "")
    assert first["score_metrics"] == {"score_recent": 2.0, "score_steady": None,
                                      "score_anchor": None}
    # every window flattened to the top level, null rather than absent
    assert (first["score_recent"], first["score_steady"], first["score_anchor"]) == (
        2.0, None, None)
    assert first["score_ranking"] == {"key": "score_recent", "value": 2.0, "direction": "desc"}
    assert first["model_name"] == "name m-a" and first["cruncher_name"] == "cruncher m-a"
    assert api.get("/reports/leaderboard", params={"include_ensembles": "true"}).json() == rows


def test_models_global_one_point_per_model(api: TestClient) -> None:
    rows = api.get("/reports/models/global", params=WEB_APP_WINDOW).json()
    assert [r["model_id"] for r in rows] == ["m-a", "m-b"]
    a, b = rows
    assert a["performed_at"] == slot(SLOTS - 2).isoformat().replace("+00:00", "Z")
    assert b["performed_at"] == slot(SLOTS - 1).isoformat().replace("+00:00", "Z")
    for row, value in ((a, 1.0), (b, -1.0)):
        assert row["score_metrics"] == {"score_recent": value, "score_steady": value,
                                        "score_anchor": value}
        assert row["score_recent"] == value
        assert row["score_ranking"] == {"key": "score_recent", "value": value,
                                        "direction": "desc"}
    # repeated projectIds work too; only the requested models answer
    only_b = api.get("/reports/models/global?projectIds=m-b&projectIds=nobody").json()
    assert [r["model_id"] for r in only_b] == ["m-b"]
    # a window with no successful score: no point
    old = api.get("/reports/models/global", params={
        "projectIds": "m-a", "start": js_time(NOW - timedelta(days=60)),
        "end": js_time(NOW - timedelta(days=30))}).json()
    assert old == []


def test_models_params_one_row_per_model_and_scope(api: TestClient) -> None:
    rows = api.get("/reports/models/params", params=WEB_APP_WINDOW).json()
    assert [(r["model_id"], r["scope_key"]) for r in rows] == [("m-a", CONFIG),
                                                               ("m-b", CONFIG)]
    row = rows[0]
    assert row["scope"] == SCOPE and row["param"] == CONFIG
    assert (row["subject"], row["horizon"]) == ("BTC", 60)  # the widget's filters
    assert row["score_recent"] == 1.0 and row["performed_at"].endswith("Z")


def test_predictions_oldest_first_with_alert_fields(api: TestClient) -> None:
    rows = api.get("/reports/predictions", params=WEB_APP_WINDOW).json()
    assert len(rows) == SLOTS * 2
    stamps = [r["performed_at"] for r in rows]
    assert stamps == sorted(stamps) and stamps[0].endswith("Z")
    scored = next(r for r in rows if r["model_id"] == "m-a")
    assert scored | {"id": None, "input_id": None, "scored_at": None} == {
        "model_id": "m-a", "prediction_config_id": CONFIG, "scope_key": CONFIG, "scope": SCOPE,
        "score_value": 1.0, "score_failed": False, "score_failed_reason": None,
        "scored_at": None, "performed_at": slot(0).isoformat().replace("+00:00", "Z"),
        "id": None, "input_id": None, "status": "SCORED", "output": {"value": 1.0},
        "exec_time_us": 10, "score_success": True, "param": CONFIG, "subject": "BTC",
        "asset": "BTC", "horizon": 60, "horizon_seconds": 60, "step": 15, "step_seconds": 15}
    failed = [r for r in rows if r["status"] == "FAILED"]
    assert len(failed) == 3 and {r["model_id"] for r in failed} == {"m-b"}
    assert failed[0]["score_failed"] is True and failed[0]["score_success"] is False
    assert failed[0]["score_failed_reason"] == "invalid output: output: bad"
    assert failed[0]["score_value"] is None
    pending = [r for r in rows if r["status"] == "PENDING"]
    assert [r["score_failed_reason"] for r in pending] == ["Prediction not scored"]


def test_predictions_page_from_the_newest_end(api: TestClient) -> None:
    response = api.get("/reports/predictions", params={**WEB_APP_WINDOW, "limit": 4})
    newest = response.json()
    assert response.headers["X-Has-More"] == "true"
    assert [r["performed_at"] for r in newest] == [
        slot(i).isoformat().replace("+00:00", "Z") for i in (28, 28, 29, 29)]
    older = api.get("/reports/predictions", params={**WEB_APP_WINDOW, "limit": 4,
                                                    "offset": 2}).json()
    assert older[2:] == newest[:2]
    only_failed = api.get("/reports/predictions", params={**WEB_APP_WINDOW,
                                                          "status": "FAILED"}).json()
    assert len(only_failed) == 3
    window = api.get("/reports/predictions", params={
        "projectIds": "m-a", "start": js_time(slot(0)), "end": js_time(slot(2))}).json()
    assert [r["performed_at"] for r in window] == [
        slot(i).isoformat().replace("+00:00", "Z") for i in (0, 1, 2)]
    naive = api.get("/reports/predictions", params={  # no offset: read as UTC
        "projectIds": "m-a", "start": slot(0).replace(tzinfo=None).isoformat(),
        "end": slot(2).replace(tzinfo=None).isoformat()}).json()
    assert naive == window


def test_snapshots(api: TestClient) -> None:
    rows = api.get("/reports/snapshots", params={"model_id": "m-a", "limit": 2}).json()
    ends = [datetime.fromisoformat(r["period_end"]) for r in rows]
    assert ends == [T0 + timedelta(hours=4), T0 + timedelta(hours=5)]  # newest 2, ascending
    assert rows[1]["result_summary"] == {"value": 4} and rows[1]["prediction_count"] == 14
    assert rows[1]["created_at"] == rows[1]["period_end"]
    bounded = api.get("/reports/snapshots", params={
        "since": js_time(T0 + timedelta(hours=3)),  # period_end >= since
        "until": js_time(T0 + timedelta(hours=2, minutes=30))}).json()  # start <= until
    assert {(r["model_id"], datetime.fromisoformat(r["period_end"])) for r in bounded} == {
        ("m-a", T0 + timedelta(hours=3)), ("m-b", T0 + timedelta(hours=3))}


@pytest.mark.parametrize(("path", "params", "needle"), [
    ("/reports/predictions", {"limit": 0}, "greater than or equal to 1"),
    ("/reports/predictions", {"limit": 10_001}, "less than or equal to 10000"),
    ("/reports/predictions", {"status": "WON"}, "PENDING"),
    ("/reports/predictions", {"start": "yesterday"}, "datetime"),
    ("/reports/models/global", {"start": "2026-11-02T00:00:00Z", "end": "2026-11-01T00:00:00Z"},
     "must be before"),
])
def test_bad_parameters_get_422(api: TestClient, path: str, params: dict[str, object],
                                needle: str) -> None:
    response = api.get(path, params=params)
    assert response.status_code == 422
    assert needle in response.text


def test_empty_answers_before_the_first_period(sqlite_engine: Engine) -> None:
    url = sqlite_engine.url.render_as_string(hide_password=False)
    with TestClient(create_app(make_settings(url, temporal_address="127.0.0.1:1"))) as client:
        for path in ("/reports/leaderboard", "/reports/models", "/reports/models/global",
                     "/reports/models/params", "/reports/predictions", "/reports/snapshots",
                     "/reports/feeds"):
            response = client.get(path)
            assert (response.status_code, response.json()) == (200, []), path
