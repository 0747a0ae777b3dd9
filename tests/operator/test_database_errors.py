"""Issue 17, point 7: a command on a database that is missing or not migrated says which
database it opened and what to run, in one line, instead of SQLAlchemy's error and SQL."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy.engine import make_url

from tests.conftest import scratch_postgres


def node(cwd: Path, *args: str, **env: str) -> subprocess.CompletedProcess[str]:
    full = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "CONTRACT"}}
    full.update(env)
    return subprocess.run([sys.executable, "-m", "coordinator_node", *args], cwd=cwd,
                          env=full, capture_output=True, text=True, timeout=60)


def test_checkpoint_list_in_a_fresh_directory_names_the_database_and_the_fix(
    tmp_path: Path
) -> None:
    result = node(tmp_path, "checkpoint", "list", "--dev")
    assert result.returncode == 2, result.stdout
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert str(tmp_path / ".data" / "coordinator.db") in lines[0]
    assert "`coordinator-node migrate --dev` (or start `make dev`) first" in lines[0]
    assert not (tmp_path / ".data" / "coordinator.db").exists()  # nothing created


@pytest.mark.parametrize("args", [["checkpoint", "list", "--dev"],
                                  ["checkpoint", "show", "x", "--dev"]])
def test_an_unmigrated_sqlite_file_is_named_with_the_fix(tmp_path: Path, args: list[str]) -> None:
    (tmp_path / ".data").mkdir()
    sqlite3.connect(tmp_path / ".data" / "coordinator.db").close()  # exists, no tables
    result = node(tmp_path, *args)
    assert result.returncode == 2
    assert "no such table" not in result.stderr and "SELECT" not in result.stderr
    assert result.stderr.strip() == (
        f"coordinator-node: the SQLite file {tmp_path / '.data' / 'coordinator.db'} "
        "(DATABASE_URL) has no schema yet: run `coordinator-node migrate --dev` (or start "
        "`make dev`) first")


def test_an_unmigrated_postgres_database_is_named_without_its_password(tmp_path: Path) -> None:
    with scratch_postgres("cn_unmigrated") as url:
        parsed = make_url(url)
        result = node(tmp_path, "checkpoint", "list", DATABASE_URL=url)
    assert result.returncode == 2
    line = result.stderr.strip()
    assert (f"the PostgreSQL database '{parsed.database}' on {parsed.host}:{parsed.port or 5432}"
            in line), line
    assert parsed.password is None or parsed.password not in line
    assert "has no schema yet: run `coordinator-node migrate` (or start `make dev`) first" \
        in line


def test_feed_export_too(tmp_path: Path) -> None:
    result = node(tmp_path, "feed-export", "--subject", "BTC", "--start", "2026-01-01T00:00",
                  "--end", "2026-01-02T00:00", "--out", "x.csv")
    assert result.returncode == 2
    assert "does not exist (DATABASE_URL); run `coordinator-node migrate`" in result.stderr
