"""Migrations: forward-only, never edited once released, and each with a test of its own
(`test_migration_<revision>`, enforced below)."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from alembic import command
from alembic.script import ScriptDirectory
from sqlalchemy import inspect, text

from coordinator_node.db import create_db_engine, migrate
from coordinator_node.db.engine import alembic_config, upgrade_fingerprints
from tests.conftest import scratch_postgres
from tests.upgrade.releases import RELEASES_DIR, release_versions

INITIAL_TABLES = {
    "models", "feed_records", "feed_watermarks", "prediction_configs", "inputs", "predictions",
    "scores", "snapshots", "leaderboards", "checkpoints", "checkpoint_transitions",
    "alembic_version",
}


def revisions() -> list[str]:
    script = ScriptDirectory.from_config(alembic_config("sqlite://"))
    return [r.revision for r in reversed(list(script.walk_revisions()))]


@pytest.fixture
def empty_sqlite(tmp_path: Path) -> Iterator[str]:
    yield f"sqlite:///{tmp_path / 'empty.db'}"


@pytest.fixture
def empty_postgres() -> Iterator[str]:
    with scratch_postgres("cn_migration") as url:
        yield url


def tables(url: str) -> set[str]:
    engine = create_db_engine(url)
    names = set(inspect(engine).get_table_names())
    engine.dispose()
    return names


def test_every_migration_has_a_test_of_its_own() -> None:
    module = sys.modules[__name__]
    missing = [r for r in revisions() if not hasattr(module, f"test_migration_{r}")]
    assert not missing, f"write test_migration_<revision> for: {missing}"


def test_released_migrations_are_never_edited() -> None:
    current = upgrade_fingerprints()
    for version in release_versions():
        released = json.loads((RELEASES_DIR / version / "migrations.json").read_text())
        for revision, fingerprint in released.items():
            assert current.get(revision) == fingerprint, (
                f"migration {revision} was released in {version} and has changed: "
                "add a new revision instead")


def test_migrations_are_forward_only(empty_sqlite: str) -> None:
    migrate(empty_sqlite)
    with pytest.raises(NotImplementedError, match="forward-only"):
        command.downgrade(alembic_config(empty_sqlite), "base")
    assert "checkpoints" in tables(empty_sqlite)  # nothing dropped


def test_migration_0001(empty_sqlite: str, empty_postgres: str) -> None:
    """The initial schema: every table of release 0.2.0 on an empty database."""
    for url in (empty_sqlite, empty_postgres):
        migrate(url, "0001")
        assert tables(url) == INITIAL_TABLES


def test_migration_0002(empty_sqlite: str, empty_postgres: str) -> None:
    """Merkle commitments: two tables and the checkpoints' root column, on a 0001 database
    whose checkpoints keep their rows (merkle_root NULL)."""
    for url in (empty_sqlite, empty_postgres):
        migrate(url, "0001")
        engine = create_db_engine(url)
        with engine.begin() as connection:
            connection.execute(text(
                "INSERT INTO checkpoints (id, crunch_id, period_start, period_end, status, "
                "emission, meta, created_at, updated_at) VALUES ('c-1', 'c', :t, :t, "
                "'PAID', '{}', '{}', :t, :t)"), {"t": "2026-01-01 00:00:00+00:00"})
        migrate(url, "0002")
        assert tables(url) == INITIAL_TABLES | {"merkle_cycles", "merkle_nodes"}
        columns = {c["name"] for c in inspect(engine).get_columns("checkpoints")}
        assert "merkle_root" in columns
        with engine.connect() as connection:
            assert connection.execute(text(
                "SELECT id, merkle_root FROM checkpoints")).all() == [("c-1", None)]
        engine.dispose()


def test_migration_0003(empty_sqlite: str, empty_postgres: str) -> None:
    """leaderboards.updated_at: rows already there get one, new rows theirs."""
    for url in (empty_sqlite, empty_postgres):
        migrate(url, "0002")
        engine = create_db_engine(url)
        with engine.begin() as conn:
            conn.execute(text(
                "INSERT INTO leaderboards (id, built_at, entries, meta) "
                "VALUES ('old', :at, '[]', '{}')"), {"at": "2026-01-01 00:00:00+00:00"})
        migrate(url, "0003")
        with engine.begin() as conn:
            assert conn.execute(text(
                "SELECT count(*) FROM leaderboards WHERE updated_at IS NOT NULL")).scalar() == 1
        columns = {c["name"]: c for c in inspect(engine).get_columns("leaderboards")}
        assert columns["updated_at"]["nullable"] is False
        engine.dispose()
