"""A database written by an earlier release (tests/releases/<version>/: a Postgres dump and
an SQLite file with real rounds, snapshots and checkpoints) is migrated to head, and every row
it held is still served by the report API."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import text

from coordinator_node.api import create_app
from coordinator_node.db import create_db_engine, migrate
from tests.conftest import make_settings
from tests.upgrade.releases import release_versions, sqlite_copy
from tests.upgrade.releases import restored_postgres as release_postgres


def _json(value: Any) -> Any:
    return json.loads(value) if isinstance(value, str) else value


def _time(value: Any) -> datetime:
    """Stored times as the API states them: SQLite keeps naive UTC text."""
    moment = datetime.fromisoformat(value) if isinstance(value, str) else value
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def rows_before_upgrade(url: str) -> dict[str, Any]:
    """What the old release stored, read with plain SQL (no model of today's schema)."""
    engine = create_db_engine(url)
    with engine.connect() as conn:
        def q(sql: str) -> list[Any]:
            return list(conn.execute(text(sql)).all())

        stored = {
            "models": {r[0] for r in q("SELECT model_id FROM models")},
            "inputs": {r[0] for r in q("SELECT id FROM inputs")},
            "predictions": {r[0]: (r[1], r[2]) for r in q(
                "SELECT p.id, p.status, s.value FROM predictions p "
                "LEFT JOIN scores s ON s.prediction_id = p.id")},
            "snapshots": {r[0]: (r[1], _json(r[2])) for r in q(
                "SELECT id, prediction_count, summary FROM snapshots")},
            "leaderboard": q("SELECT entries FROM leaderboards "
                             "ORDER BY built_at DESC, id DESC LIMIT 1")[0][0],
            "checkpoints": {r[0]: (r[1], r[2], _json(r[3])) for r in q(
                "SELECT id, status, tx_hash, emission FROM checkpoints")},
            "last_transition": {r[0]: r[1] for r in q(
                "SELECT checkpoint_id, to_status FROM checkpoint_transitions t WHERE id = "
                "(SELECT max(id) FROM checkpoint_transitions u "
                "WHERE u.checkpoint_id = t.checkpoint_id)")},
            "feeds": {(r[0], r[1], r[2], r[3]): r[4] for r in q(
                "SELECT source, subject, kind, granularity, count(*) FROM feed_records "
                "GROUP BY source, subject, kind, granularity")},
            "watermarks": {(r[0], r[1], r[2], r[3]): _time(r[4]) for r in q(
                "SELECT source, subject, kind, granularity, last_event_ts "
                "FROM feed_watermarks")},
        }
    engine.dispose()
    return stored


def served(api: TestClient) -> dict[str, Any]:
    predictions: list[dict[str, Any]] = []
    every_time = {"start": "1970-01-01T00:00:00Z", "end": "2100-01-01T00:00:00Z"}
    while page := api.get("/reports/predictions", params={
            **every_time, "limit": 1000, "offset": len(predictions)}).json():
        predictions += page
    checkpoints = api.get("/reports/checkpoints", params={"limit": 100}).json()
    board = api.get("/reports/leaderboard").json()
    feeds = api.get("/reports/feeds").json()
    return {
        "models": {m["model_id"] for m in api.get("/reports/models").json()},
        "inputs": {p["input_id"] for p in predictions},
        "predictions": {p["id"]: (p["status"], p["score_value"]) for p in predictions},
        "snapshots": {s["id"]: (s["prediction_count"], s["result_summary"]) for s in
                      api.get("/reports/snapshots", params={"limit": 1000}).json()},
        "leaderboard": [row["model_id"] for row in board],
        "checkpoints": {c["id"]: (c["status"], c["tx_hash"], api.get(
            f"/reports/checkpoints/{c['id']}/emission").json()) for c in checkpoints},
        "feeds": {(f["source"], f["subject"], f["kind"], f["granularity"]): f["record_count"]
                  for f in feeds if f["record_count"]},
        "watermarks": {(f["source"], f["subject"], f["kind"], f["granularity"]):
                       datetime.fromisoformat(f["watermark_ts"]) for f in feeds
                       if f["watermark_ts"]},
    }


def assert_every_row_served(url: str) -> None:
    before = rows_before_upgrade(url)
    migrate(url)
    app = create_app(make_settings(url, temporal_address="127.0.0.1:1"))
    with TestClient(app) as api:
        after = served(api)
    assert before["predictions"] and before["checkpoints"] and before["snapshots"]
    for kind in ("models", "inputs", "predictions", "snapshots", "checkpoints", "feeds",
                 "watermarks"):
        assert after[kind] == before[kind], kind
    entries = sorted(_json(before["leaderboard"]), key=lambda e: e["rank"])
    assert after["leaderboard"] == [e["model_id"] for e in entries]
    # Each checkpoint's status is the one its last recorded transition reached.
    assert {k: v[0] for k, v in after["checkpoints"].items()} == before["last_transition"]


@pytest.fixture
def restored_postgres(request: pytest.FixtureRequest) -> Iterator[str]:
    with release_postgres(request.param, "cn_upgrade") as url:
        yield url


@pytest.mark.parametrize("restored_postgres", release_versions(), indirect=True)
def test_a_postgres_database_of_a_release_upgrades_and_is_served(restored_postgres: str) -> None:
    assert_every_row_served(restored_postgres)


@pytest.mark.parametrize("version", release_versions())
def test_an_sqlite_database_of_a_release_upgrades_and_is_served(version: str,
                                                                 tmp_path: Path) -> None:
    assert_every_row_served(sqlite_copy(version, tmp_path))
