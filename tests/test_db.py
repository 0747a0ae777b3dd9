from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import Engine, inspect, select
from sqlalchemy.exc import StatementError
from sqlmodel import Session, SQLModel

from coordinator_node.db import migrate, session_scope
from coordinator_node.db.tables import FeedRecord, Model
from coordinator_node.ids import checkpoint_id, compact_ts, input_id, prediction_id

EXPECTED_TABLES = {
    "models", "feed_records", "feed_watermarks", "prediction_configs", "inputs", "predictions",
    "scores", "snapshots", "leaderboards", "checkpoints", "checkpoint_transitions",
    "merkle_cycles", "merkle_nodes", "alembic_version",
}


def test_migrations_are_idempotent_and_match_the_tables(engine: Engine) -> None:
    migrate(str(engine.url.render_as_string(hide_password=False)))  # second run: no-op
    migrate(str(engine.url.render_as_string(hide_password=False)))
    assert set(inspect(engine).get_table_names()) == EXPECTED_TABLES
    with engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn), SQLModel.metadata)
    assert diff == [], f"tables and migrations disagree: {diff}"


def test_migrating_keeps_existing_rows(engine: Engine) -> None:
    with session_scope(engine) as session:
        session.add(Model(model_id="m1", model_name="kept"))
    migrate(str(engine.url.render_as_string(hide_password=False)))
    with Session(engine) as session:
        assert session.get(Model, "m1").model_name == "kept"  # type: ignore[union-attr]


def test_timestamps_come_back_aware_utc(engine: Engine) -> None:
    paris = timezone(timedelta(hours=1))
    ts = datetime(2026, 1, 2, 4, 0, tzinfo=paris)
    with session_scope(engine) as session:
        session.add(FeedRecord(source="s", subject="BTC", kind="candle", granularity="1m",
                               ts_event=ts, values={"close": 1.5}))
    with Session(engine) as session:
        row = session.exec(select(FeedRecord)).scalars().one()  # type: ignore[call-overload]
    assert row.ts_event == datetime(2026, 1, 2, 3, 0, tzinfo=UTC)
    assert row.ts_event.tzinfo is not None
    assert row.values == {"close": 1.5}


def test_naive_timestamps_are_refused(engine: Engine) -> None:
    with pytest.raises(StatementError, match="naive datetime"), session_scope(engine) as session:
        session.add(FeedRecord(source="s", subject="BTC", kind="candle", granularity="1m",
                               ts_event=datetime(2026, 1, 1), values={}))


def test_postgres_columns_are_timestamptz_and_jsonb(pg_engine: Engine) -> None:
    columns = {c["name"]: c["type"] for c in inspect(pg_engine).get_columns("checkpoints")}
    assert "TIMESTAMP" in str(columns["period_end"]).upper()
    assert columns["period_end"].timezone is True  # type: ignore[attr-defined]
    assert str(columns["emission"]).upper() == "JSONB"


def test_ids_are_deterministic_and_url_safe() -> None:
    slot = datetime(2026, 11, 28, 21, 45, tzinfo=UTC)
    assert compact_ts(slot) == "20261128T214500Z"
    assert input_id("btc-60", slot) == "btc-60@20261128T214500Z"
    assert prediction_id(input_id("btc-60", slot), "m7") == "btc-60@20261128T214500Z#m7"
    assert checkpoint_id("crunch", slot) == "crunch-20261128T214500Z"
    with pytest.raises(ValueError, match="aware"):
        compact_ts(datetime(2026, 1, 1))
