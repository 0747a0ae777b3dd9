from __future__ import annotations

import ast
import hashlib
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import make_url
from sqlalchemy.exc import SQLAlchemyError
from sqlmodel import Session

MIGRATIONS_DIR = Path(__file__).parent / "migrations"


def normalize_db_url(url: str) -> str:
    """SQLAlchemy 2.1 maps plain `postgresql://` to psycopg 3; this node ships psycopg2."""
    if url.startswith("postgresql://"):
        return "postgresql+psycopg2://" + url.removeprefix("postgresql://")
    return url


def create_db_engine(url: str, *, pool_size: int | None = None,
                     max_overflow: int | None = None, pool_timeout: float | None = None,
                     connect_timeout: int | None = None) -> Engine:
    """One engine per process. SQLite gets WAL and a busy timeout so the worker's threads and
    the API can share the embedded file; Postgres gets pre-ping to survive a restart.
    `pool_timeout` is how long a checkout waits for a free connection before
    `sqlalchemy.exc.TimeoutError` (SQLAlchemy's default 30 s; the API keeps it short and
    answers 503); `connect_timeout` (Postgres, whole seconds) bounds opening a new one, which
    libpq would otherwise wait on forever for a server that accepts and never answers."""
    url = normalize_db_url(url)
    parsed = make_url(url)
    given = {"pool_size": pool_size, "max_overflow": max_overflow, "pool_timeout": pool_timeout}
    pool: dict[str, Any] = {key: value for key, value in given.items() if value is not None}
    if parsed.get_backend_name() == "sqlite":
        if parsed.database and parsed.database != ":memory:":
            Path(parsed.database).parent.mkdir(parents=True, exist_ok=True)
        in_memory = parsed.database in (None, "", ":memory:")
        engine = create_engine(url, connect_args={"check_same_thread": False, "timeout": 30},
                               **({} if in_memory else pool))

        @event.listens_for(engine, "connect")
        def _sqlite_pragmas(dbapi_conn: Any, _record: Any) -> None:
            cursor = dbapi_conn.cursor()
            cursor.execute("PRAGMA journal_mode=WAL")
            cursor.execute("PRAGMA foreign_keys=ON")
            cursor.execute("PRAGMA busy_timeout=30000")
            cursor.close()

        return engine
    sizes = {"pool_size": 10, "max_overflow": 20, **pool}
    connect_args = {} if connect_timeout is None else {"connect_timeout": connect_timeout}
    return create_engine(url, pool_pre_ping=True, connect_args=connect_args, **sizes)


@contextmanager
def session_scope(engine: Engine) -> Iterator[Session]:
    """One transaction per logical step: commit on success, roll back on error."""
    with Session(engine, expire_on_commit=False) as session:
        try:
            yield session
            session.commit()
        except BaseException:
            session.rollback()
            raise


def alembic_config(url: str) -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    config.set_main_option("sqlalchemy.url", normalize_db_url(url).replace("%", "%%"))
    return config


def migrate(url: str, revision: str = "head") -> None:
    """Bring the schema to `revision`. Safe to run any number of times; never drops data."""
    command.upgrade(alembic_config(url), revision)


def upgrade_fingerprints() -> dict[str, str]:
    """Each migration's revision → SHA-256 of its `upgrade()` source. A release records these;
    a test refuses any later edit of a released migration (add a new revision instead)."""
    fingerprints = {}
    for path in sorted((MIGRATIONS_DIR / "versions").glob("*.py")):
        tree = ast.parse(path.read_text())
        revision = next(ast.literal_eval(node.value) for node in tree.body
                        if isinstance(node, ast.Assign)
                        and any(isinstance(t, ast.Name) and t.id == "revision"
                                for t in node.targets))
        upgrade = next(node for node in tree.body
                       if isinstance(node, ast.FunctionDef) and node.name == "upgrade")
        fingerprints[revision] = hashlib.sha256(ast.dump(upgrade).encode()).hexdigest()
    return fingerprints


class DatabaseNotReady(RuntimeError):
    """The database is missing, unreachable or not migrated; one line saying which database
    was opened and what to do."""


def describe_database(url: str) -> str:
    """The database a URL opens, for a person: the SQLite file's absolute path, or the
    Postgres database, host and user (never the password)."""
    parsed = make_url(normalize_db_url(url))
    if parsed.get_backend_name() == "sqlite":
        if parsed.database in (None, "", ":memory:"):
            return "the in-memory SQLite database"
        return f"the SQLite file {Path(parsed.database or '').resolve()}"
    where = f"{parsed.host or 'localhost'}:{parsed.port or 5432}"
    return f"the PostgreSQL database {parsed.database!r} on {where} as {parsed.username!r}"


def head_revision() -> str | None:
    return ScriptDirectory.from_config(alembic_config("sqlite://")).get_current_head()


def open_migrated(url: str, migrate_hint: str = "coordinator-node migrate") -> Engine:
    """An engine on a database that exists and is at the latest schema, or
    `DatabaseNotReady` naming the database and the command that prepares it. A missing SQLite
    file is not created."""
    what = describe_database(url)
    todo = f"run `{migrate_hint}` (or start `make dev`) first"
    parsed = make_url(normalize_db_url(url))
    if parsed.get_backend_name() == "sqlite" and parsed.database not in (None, "", ":memory:"):
        if not Path(parsed.database or "").is_file():
            raise DatabaseNotReady(f"no database yet: {what} does not exist (DATABASE_URL); "
                                   f"{todo}")
    engine = create_db_engine(url)
    try:
        with engine.connect() as conn:
            current = MigrationContext.configure(conn).get_current_revision()
    except SQLAlchemyError as exc:
        engine.dispose()
        reason = (str(getattr(exc, "orig", None) or exc).splitlines() or ["?"])[0]
        raise DatabaseNotReady(f"cannot open {what} (DATABASE_URL): {reason}") from None
    head = head_revision()
    if current != head:
        engine.dispose()
        state = "has no schema yet" if current is None else (
            f"is at schema revision {current}, this node needs {head}")
        raise DatabaseNotReady(f"{what} (DATABASE_URL) {state}: {todo}")
    return engine
