"""Round reports over HTTP on both databases: newest-first listings really return the newest
rows, filters and paging, score series, and 422 for bad parameters."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Engine

from coordinator_node.api import create_app
from coordinator_node.db import session_scope
from coordinator_node.db.tables import Input, Leaderboard, Model, Prediction, Score, Snapshot
from coordinator_node.db.upsert import upsert
from coordinator_node.ids import input_id, prediction_id, snapshot_id
from tests.conftest import make_settings

T0 = datetime(2026, 11, 1, tzinfo=UTC)
CONFIG = "btc-60s-every-15s"
MODELS = ["m-a", "m-b"]
SLOTS = 30  # 30 rounds, 15 s apart


def seed(engine: Engine) -> None:
    with session_scope(engine) as session:
        upsert(session, Model, [{"model_id": m, "model_name": f"name {m}", "cruncher_id": f"c{m}",
                                 "cruncher_name": f"cruncher {m}", "deployment_id": f"d{m}",
                                 "infos": {}, "first_seen_at": T0, "last_seen_at": T0}
                                for m in MODELS], ["model_id"])
        inputs, predictions, scores = [], [], []
        for i in range(SLOTS):
            slot = T0 + timedelta(seconds=15 * i)
            iid = input_id(CONFIG, slot)
            inputs.append({"id": iid, "config_id": CONFIG, "slot": slot, "status": "RESOLVED",
                           "payload": {}, "ground_truth": {"return": 0.01},
                           "horizon_at": slot + timedelta(seconds=60), "received_at": slot,
                           "resolved_at": slot, "detail": None})
            for m in MODELS:
                failed = m == "m-b" and i % 10 == 0
                pid = prediction_id(iid, m)
                predictions.append({
                    "id": pid, "input_id": iid, "config_id": CONFIG, "model_id": m,
                    "slot": slot, "status": "FAILED" if failed else "SCORED",
                    "output": None if failed else {"value": 1.0},
                    "raw_output": "oops" if failed else {"value": 1.0},
                    "failed_reason": "invalid output: output: bad" if failed else None,
                    "exec_time_us": 10, "created_at": slot,
                    "scored_at": None if failed else slot + timedelta(seconds=61)})
                if not failed:
                    scores.append({"prediction_id": pid, "model_id": m,
                                   "value": 1.0 if m == "m-a" else -1.0, "success": True,
                                   "failed_reason": None,
                                   "result": {"value": 1.0 if m == "m-a" else -1.0},
                                   "scored_at": slot + timedelta(seconds=61)})
        upsert(session, Input, inputs, ["id"])
        upsert(session, Prediction, predictions, ["id"])
        upsert(session, Score, scores, ["prediction_id"])
        snapshots = []
        for h in range(5):
            start, end = T0 + timedelta(hours=h), T0 + timedelta(hours=h + 1)
            for m in MODELS:
                snapshots.append({"id": snapshot_id(m, start, end), "model_id": m,
                                  "period_start": start, "period_end": end,
                                  "prediction_count": 10 + h,
                                  "summary": {"value": h if m == "m-a" else -h}})
        upsert(session, Snapshot, snapshots, ["id"])
        upsert(session, Leaderboard, [
            {"id": "old", "built_at": T0, "entries": [], "meta": {}},
            {"id": "new", "built_at": T0 + timedelta(hours=5), "meta": {
                "ranking_key": "score_recent", "ranking_direction": "desc"},
             "entries": [
                {"rank": 1, "model_id": "m-a", "model_name": "name m-a", "cruncher_id": "cm-a",
                 "cruncher_name": "cruncher m-a", "scores": {"score_recent": 2.0},
                 "snapshot_count": 5},
                {"rank": 2, "model_id": "m-b", "model_name": "name m-b", "cruncher_id": "cm-b",
                 "cruncher_name": "cruncher m-b", "scores": {"score_recent": -2.0},
                 "snapshot_count": 5}]},
        ], ["id"])


@pytest.fixture
def api(engine: Engine) -> Iterator[TestClient]:
    seed(engine)
    url = engine.url.render_as_string(hide_password=False)
    app = create_app(make_settings(url, temporal_address="127.0.0.1:1"))
    with TestClient(app) as client:
        yield client


def test_models_and_leaderboard(api: TestClient) -> None:
    models = api.get("/reports/models").json()
    assert [m["model_id"] for m in models] == MODELS
    assert models[0] | {"first_seen_at": None, "last_seen_at": None} == {
        "model_id": "m-a", "model_name": "name m-a", "cruncher_name": "cruncher m-a",
        "cruncher_id": "cm-a", "deployment_id": "dm-a", "first_seen_at": None,
        "last_seen_at": None}
    board = api.get("/reports/leaderboard").json()
    assert board["id"] == "new"  # the newest build, not the first
    assert [(e["rank"], e["model_id"]) for e in board["entries"]] == [(1, "m-a"), (2, "m-b")]
    assert board["entries"][0]["scores"] == {"score_recent": 2.0}


def test_predictions_newest_first_with_filters_and_paging(api: TestClient) -> None:
    newest = api.get("/reports/predictions", params={"limit": 4}).json()
    last_slot = T0 + timedelta(seconds=15 * (SLOTS - 1))
    assert [datetime.fromisoformat(p["slot"]) for p in newest] == [last_slot] * 2 + [
        last_slot - timedelta(seconds=15)] * 2
    assert newest[0]["score"] == 1.0 and newest[0]["score_result"] == {"value": 1.0}

    page2 = api.get("/reports/predictions", params={"limit": 4, "offset": 2}).json()
    assert page2[:2] == newest[2:]

    failed = api.get("/reports/predictions", params={"status": "FAILED"}).json()
    assert len(failed) == 3 and {p["model_id"] for p in failed} == {"m-b"}
    assert failed[0]["failed_reason"] == "invalid output: output: bad"
    assert failed[0]["raw_output"] == "oops" and failed[0]["score"] is None

    window = api.get("/reports/predictions", params={
        "model_id": "m-a", "since": T0.isoformat(),
        "until": (T0 + timedelta(seconds=45)).isoformat()}).json()
    assert [datetime.fromisoformat(p["slot"]) for p in window] == [
        T0 + timedelta(seconds=s) for s in (30, 15, 0)]


def test_snapshots_newest_first(api: TestClient) -> None:
    rows = api.get("/reports/snapshots", params={"model_id": "m-a", "limit": 2}).json()
    ends = [datetime.fromisoformat(r["period_end"]) for r in rows]
    assert ends == [T0 + timedelta(hours=5), T0 + timedelta(hours=4)]
    assert rows[0]["summary"] == {"value": 4} and rows[0]["prediction_count"] == 14
    bounded = api.get("/reports/snapshots", params={
        "since": (T0 + timedelta(hours=2)).isoformat(),
        "until": (T0 + timedelta(hours=3)).isoformat()}).json()
    assert {(r["model_id"], r["period_end"][:13]) for r in bounded} == {
        ("m-a", "2026-11-01T02"), ("m-b", "2026-11-01T02")}


def test_score_series_global_and_per_scope(api: TestClient) -> None:
    series = api.get("/reports/models/global", params={"model_id": "m-b"}).json()
    assert [s["model_id"] for s in series] == ["m-b"]
    assert [p["value"] for p in series[0]["points"]] == [0, -1, -2, -3, -4]

    per_scope = api.get("/reports/models/params", params={
        "projectIds": "m-a,m-b", "bucket_seconds": 300}).json()
    assert [(s["model_id"], s["config_id"]) for s in per_scope] == [
        ("m-a", CONFIG), ("m-b", CONFIG)]
    a_points, b_points = per_scope[0]["points"], per_scope[1]["points"]
    assert [(p["value"], p["prediction_count"]) for p in a_points] == [(1.0, 20), (1.0, 10)]
    assert [(p["value"], p["prediction_count"]) for p in b_points] == [(-1.0, 18), (-1.0, 9)]


def test_schema_follows_the_contract(api: TestClient) -> None:
    body = api.get("/reports/schema").json()
    assert body["ranking_key"] == "score_recent" and body["score_field"] == "value"
    assert [c["key"] for c in body["columns"]] == [
        "rank", "model_name", "cruncher_name", "score_recent", "score_steady", "score_anchor"]
    assert {w["endpoint"] for w in body["widgets"]} >= {"/reports/leaderboard",
                                                        "/reports/models/global"}


@pytest.mark.parametrize(("path", "params", "needle"), [
    ("/reports/predictions", {"limit": 0}, "greater than or equal to 1"),
    ("/reports/predictions", {"limit": 5000}, "less than or equal to 1000"),
    ("/reports/predictions", {"status": "WON"}, "PENDING"),
    ("/reports/predictions", {"since": "2026-11-01T00:00:00"}, "timezone"),
    ("/reports/predictions", {"since": "yesterday"}, "datetime"),
    ("/reports/snapshots", {"since": "2026-11-02T00:00:00Z", "until": "2026-11-01T00:00:00Z"},
     "must be before until"),
    ("/reports/models/params", {}, "projectIds"),
    ("/reports/models/params", {"projectIds": " , "}, "at least one model id"),
])
def test_bad_parameters_get_422(api: TestClient, path: str, params: dict[str, object],
                                needle: str) -> None:
    response = api.get(path, params=params)
    assert response.status_code == 422
    assert needle in response.text


def test_empty_leaderboard_before_the_first_period(sqlite_engine: Engine) -> None:
    url = sqlite_engine.url.render_as_string(hide_password=False)
    with TestClient(create_app(make_settings(url, temporal_address="127.0.0.1:1"))) as client:
        board = client.get("/reports/leaderboard").json()
    assert board == {"id": None, "built_at": None, "ranking_key": "score_recent",
                     "ranking_direction": "desc", "entries": []}
