"""Set-based, idempotent writes on Postgres and SQLite alike: one statement whatever the
number of rows.

- `upsert`: `INSERT … SELECT … ON CONFLICT` (do nothing, or update some columns).
- `update_rows`: `UPDATE … FROM (rows)`, each row giving its key and its new values.

The rows travel as one parameter per column on Postgres (arrays, read back with `unnest`) and
as one JSON document on SQLite (read back with `json_each`), so the statement's text, and its
plan, do not depend on the row count, and no client library splits it into pages. A column
holding one value in every row travels once, as a scalar. Values go through each column's own
bind processing first (JSON encoding, aware UTC timestamps), exactly as an ORM insert would.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping, Sequence
from typing import Any

from sqlalchemy import Column, Table, bindparam, text
from sqlalchemy.engine import Dialect
from sqlalchemy.sql.elements import TextClause
from sqlmodel import Session, SQLModel

_NOTHING = object()


def _table(model: type[SQLModel] | Table) -> Table:
    return model if isinstance(model, Table) else model.__table__  # type: ignore[attr-defined]


def _default(column: Column[Any]) -> Any:
    """The column's Python-side default (what a Core insert would fill in), or _NOTHING."""
    default = column.default
    if default is None:
        return _NOTHING
    if getattr(default, "is_callable", False):
        return default.arg(None)  # type: ignore[attr-defined]
    if getattr(default, "is_scalar", False):
        return default.arg  # type: ignore[attr-defined]
    return _NOTHING


def _processor(column: Column[Any], dialect: Dialect) -> Callable[[Any], Any] | None:
    return column.type._cached_bind_processor(dialect)


def _plain(value: Any) -> Any:
    """What the driver adapts: str subclasses (StrEnum) as plain str."""
    if isinstance(value, str) and type(value) is not str:
        return str(value)
    return value


class _Rows:
    """Rows as bound per-column values: `select` yields them as a derived table whose columns
    carry the table's names (`alias.column`)."""

    def __init__(self, table: Table, rows: Sequence[Mapping[str, Any]], dialect: Dialect,
                 fill_defaults: bool) -> None:
        names = list(rows[0])
        defaults: dict[str, Any] = {}
        if fill_defaults:
            for column in table.columns:
                if column.name not in names and (value := _default(column)) is not _NOTHING:
                    defaults[column.name] = value
        self.names = [*names, *defaults]
        self.dialect = dialect
        self.columns = [table.columns[name] for name in self.names]
        self.quote = dialect.identifier_preparer.quote
        self.quoted = [self.quote(name) for name in self.names]
        self.values: list[list[Any]] = []
        for column in self.columns:
            process = _processor(column, dialect)
            if column.name in defaults:
                raw = [defaults[column.name]]
            else:
                raw = [row[column.name] for row in rows]
            processed = [_plain(process(v) if process else v) for v in raw]
            self.values.append(processed)
        self.count = len(rows)
        self.params: dict[str, Any] = {}

    def _constant(self, values: list[Any]) -> bool:
        if len(values) == 1:
            return True
        first = values[0]
        try:
            return all(v == first and type(v) is type(first) for v in values)
        except Exception:  # values that cannot be compared travel as arrays
            return False

    def derived(self, alias: str) -> str:
        """`(SELECT …) AS alias` with one column per name."""
        if self.dialect.name == "postgresql":
            return self._postgres(alias)
        return self._sqlite(alias)

    def _postgres(self, alias: str) -> str:
        compile_type = self.dialect.type_compiler_instance.process
        arrays, names, outputs = [], [], []
        for i, (column, values) in enumerate(zip(self.columns, self.values, strict=True)):
            sql_type = compile_type(column.type.dialect_impl(self.dialect))
            if self._constant(values):
                self.params[f"p{i}"] = values[0]
                outputs.append(f"CAST(:p{i} AS {sql_type}) AS {self.quoted[i]}")
            else:
                self.params[f"p{i}"] = values
                arrays.append(f"CAST(:p{i} AS {sql_type}[])")
                names.append(f"c{i}")
                outputs.append(f"u.c{i} AS {self.quoted[i]}")
        if arrays:
            source = f"unnest({', '.join(arrays)}) AS u({', '.join(names)})"
        else:  # every column constant: the rows are one row (after deduplication)
            source = "(SELECT 1) AS u"
        return f"(SELECT {', '.join(outputs)} FROM {source}) AS {alias}"

    def _sqlite(self, alias: str) -> str:
        varying: list[int] = []
        outputs = []
        for i, values in enumerate(self.values):
            if not self._constant(values):
                outputs.append(f"json_extract(j.value, '$[{len(varying)}]') "
                               f"AS {self.quoted[i]}")
                varying.append(i)
            else:
                self.params[f"p{i}"] = values[0]
                outputs.append(f":p{i} AS {self.quoted[i]}")
        if varying:
            matrix = [[self.values[i][r] for i in varying] for r in range(self.count)]
            self.params["rows"] = json.dumps(matrix, allow_nan=False, default=str)
            source = "json_each(:rows) AS j"
        else:
            source = "(SELECT 1) AS j"
        return f"(SELECT {', '.join(outputs)} FROM {source}) AS {alias}"

    def statement(self, sql: str) -> TextClause:
        return text(sql).bindparams(*(bindparam(name, value)
                                      for name, value in self.params.items()))


def _dialect(session: Session) -> Dialect:
    return session.get_bind().dialect


def upsert(
    session: Session,
    model: type[SQLModel] | Table,
    rows: Sequence[Mapping[str, Any]],
    conflict_columns: Sequence[str],
    update_columns: Sequence[str] = (),
) -> int:
    """Insert `rows`; on a conflicting natural key update `update_columns` (or do nothing).
    Every row has the same keys; a table column missing from them gets its default.

    Returns the number of rows inserted or updated. One statement, in the caller's
    transaction."""
    if not rows:
        return 0
    # One statement may not touch a key twice (Postgres refuses): the last row wins.
    unique = list({tuple(row[c] for c in conflict_columns): row for row in rows}.values())
    table = _table(model)
    bound = _Rows(table, unique, _dialect(session), fill_defaults=True)
    q = bound.quote
    names = ", ".join(bound.quoted)
    conflict = ", ".join(q(c) for c in conflict_columns)
    if update_columns:
        action = "DO UPDATE SET " + ", ".join(f"{q(c)} = excluded.{q(c)}"
                                              for c in update_columns)
    else:
        action = "DO NOTHING"
    key = q(next(iter(table.primary_key.columns)).name)
    # `WHERE true`: SQLite's parser needs it between INSERT … SELECT and ON CONFLICT.
    sql = (f"INSERT INTO {q(table.name)} ({names}) SELECT {names} FROM {bound.derived('v')} "
           f"WHERE true ON CONFLICT ({conflict}) {action} RETURNING {key}")
    return len(session.execute(bound.statement(sql)).all())


def update_rows(
    session: Session,
    model: type[SQLModel] | Table,
    key_column: str,
    rows: Sequence[Mapping[str, Any]],
    where: str = "",
    where_params: Mapping[str, Any] | None = None,
) -> int:
    """Set each row's other columns on the row of the table with its `key_column` value, in
    one `UPDATE … FROM`. `where` adds a condition on the table's row (SQL on `t.<column>`,
    with `where_params`). Returns the number of rows updated."""
    if not rows:
        return 0
    table = _table(model)
    unique = list({row[key_column]: row for row in rows}.values())
    bound = _Rows(table, unique, _dialect(session), fill_defaults=False)
    q = bound.quote
    sets = ", ".join(f"{q(name)} = v.{q(name)}" for name in bound.names if name != key_column)
    if where:
        # The condition may not pick the plan: one key lookup per row is always right, while
        # an index on the condition's column (every PENDING prediction of every round) grows
        # with the table. SQLite, without statistics unless ANALYZEd, would walk that index
        # and scan the rows for each; Postgres, with statistics behind a burst of writes,
        # would scan it whole and hash-join. Unary `+` (SQLite) and `IS TRUE` (Postgres) make
        # the condition a filter on the rows found by key.
        where = f"+({where})" if bound.dialect.name == "sqlite" else f"({where}) IS TRUE"
    condition = f"t.{q(key_column)} = v.{q(key_column)}" + (f" AND ({where})" if where else "")
    sql = (f"UPDATE {q(table.name)} AS t SET {sets} FROM {bound.derived('v')} "
           f"WHERE {condition}")
    bound.params.update(where_params or {})
    result = session.execute(bound.statement(sql))
    return int(result.rowcount)  # type: ignore[attr-defined]
