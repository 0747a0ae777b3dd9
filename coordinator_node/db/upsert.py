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
    # One multi-row VALUES may not touch a key twice (Postgres refuses): the last row wins.
    unique = list({tuple(row[c] for c in conflict_columns): row for row in rows}.values())
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
    # RETURNING keeps SQLAlchemy's "insertmanyvalues" batching (multi-row VALUES pages, one
    # round trip per page); without it SQLAlchemy 2.1 falls back to one round trip per row for
    # ON CONFLICT statements. The returned rows are the ones inserted or updated.
    key = next(iter(table.primary_key.columns))
    result = session.execute(statement.returning(key), unique)
    return len(result.all())
