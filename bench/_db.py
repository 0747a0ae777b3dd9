"""What every benchmark shares: where its database is, a throwaway place in it, and how it
prints its figures.

A benchmark never creates a database and needs no superuser. It takes the database from
`--database-url`, else `BENCH_DATABASE_URL`, else the node's own setting `DATABASE_URL`
(environment or `.env`, as the node reads it), and works in a place of its own there that it
removes afterwards:

- Postgres: a schema of its own (`CREATE SCHEMA`, the privilege to create objects in that
  database is all it needs), put first on the `search_path` of every connection;
- SQLite: a file of its own in a temporary directory (the configured file is never touched).
"""

from __future__ import annotations

import argparse
import os
import shutil
import tempfile
import uuid
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from coordinator_node.db import migrate
from coordinator_node.db.engine import normalize_db_url


def add_database_argument(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--database-url", default=None,
        help="database to benchmark in (a scratch schema of it on Postgres, a scratch file on "
             "SQLite); default: BENCH_DATABASE_URL, else the node's DATABASE_URL setting")


def database_url(given: str | None) -> str:
    if given:
        return given
    if os.environ.get("BENCH_DATABASE_URL"):
        return os.environ["BENCH_DATABASE_URL"]
    from coordinator_node.settings import Settings

    return Settings().database_url


def backend(url: str) -> str:
    return make_url(normalize_db_url(url)).get_backend_name()


@contextmanager
def scratch_database(url: str, migrate_schema: bool = True) -> Iterator[str]:
    """A URL to an empty, migrated place in `url`'s database, removed on exit."""
    if backend(url) == "sqlite":
        directory = Path(tempfile.mkdtemp(prefix="cn_bench_"))
        scratch = f"sqlite:///{directory / 'bench.db'}"
        try:
            if migrate_schema:
                migrate(scratch)
            yield scratch
        finally:
            shutil.rmtree(directory, ignore_errors=True)
        return
    schema = f"cn_bench_{uuid.uuid4().hex[:10]}"
    admin = create_engine(normalize_db_url(url), isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE SCHEMA "{schema}"'))
    parsed = make_url(normalize_db_url(url))
    options = f"-csearch_path={schema}"
    scratch = parsed.update_query_dict({"options": options}).render_as_string(
        hide_password=False)
    try:
        if migrate_schema:
            migrate(scratch)
        yield scratch
    finally:
        with admin.connect() as conn:
            conn.execute(text(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE'))
        admin.dispose()


def print_table(title: str, header: Sequence[str], rows: Sequence[Sequence[object]]) -> None:
    """A Markdown table: readable in a terminal, pastes into an issue as is."""
    cells = [[str(c) for c in header], *[[str(c) for c in row] for row in rows]]
    widths = [max(len(row[i]) for row in cells) for i in range(len(header))]

    def line(row: Sequence[str]) -> str:
        return "| " + " | ".join(
            c.ljust(w) if i == 0 else c.rjust(w) for i, (c, w) in enumerate(
                zip(row, widths, strict=True))) + " |"

    print(f"\n{title}\n")
    print(line(cells[0]))
    print("|" + "|".join(("-" * (w + 1)) + (":" if i else "-") for i, w in enumerate(widths))
          + "|")
    for row in cells[1:]:
        print(line(row))
    print(flush=True)
