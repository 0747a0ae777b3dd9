"""Bulk, idempotent `INSERT … ON CONFLICT` on Postgres and SQLite alike."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import Table
from sqlalchemy.dialects import postgresql, sqlite
from sqlmodel import Session, SQLModel


def upsert(
    session: Session,
    model: type[SQLModel],
    rows: Sequence[dict[str, Any]],
    conflict_columns: Sequence[str],
    update_columns: Sequence[str] = (),
) -> int:
    """Insert `rows`; on a conflicting natural key update `update_columns` (or do nothing).

    Returns the number of rows inserted or updated. Runs in the caller's transaction.
    """
    if not rows:
        return 0
    table: Table = model.__table__  # type: ignore[attr-defined]
    dialect = session.get_bind().dialect.name
    insert = postgresql.insert if dialect == "postgresql" else sqlite.insert
    statement = insert(table)
    if update_columns:
        statement = statement.on_conflict_do_update(
            index_elements=list(conflict_columns),
            set_={column: statement.excluded[column] for column in update_columns},
        )
    else:
        statement = statement.on_conflict_do_nothing(index_elements=list(conflict_columns))
    # executemany: SQLAlchemy batches it into multi-row VALUES ("insertmanyvalues") with a
    # statement compiled once, far faster than compiling one giant VALUES list per call.
    result = session.execute(statement, list(rows))
    return max(result.rowcount or 0, 0)  # type: ignore[attr-defined]
