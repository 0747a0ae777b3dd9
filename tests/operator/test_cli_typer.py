"""The command line on Typer and Rich: help on every command, usage errors exit 2, shell
completion, and tables that a pipe reads whole."""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path

from coordinator_node.db import create_db_engine, migrate, session_scope
from coordinator_node.feeds.store import set_feed_state, store_rows
from coordinator_node.feeds.types import FeedKey, FeedRow
from coordinator_node.statuses import FeedState


def node(cwd: Path, *args: str, **env: str) -> subprocess.CompletedProcess[str]:
    full = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "CONTRACT"}}
    full.update(env)
    return subprocess.run([sys.executable, "-m", "coordinator_node", *args], cwd=cwd,
                          env=full, capture_output=True, text=True, timeout=60)


def test_help_completion_and_usage_errors(tmp_path: Path) -> None:
    shown = node(tmp_path, "--help")
    assert shown.returncode == 0
    for command in ("dev", "worker", "api", "migrate", "search-attributes", "backfill",
                    "feed-export", "feeds", "init-workspace", "checkpoint"):
        assert f" {command} " in shown.stdout, command
    assert "--install-completion" in shown.stdout
    assert node(tmp_path, "checkpoint", "create", "-h").returncode == 0
    bad = node(tmp_path, "checkpoint", "status", "x", "SUBMITTED")
    assert bad.returncode == 2 and "'SUBMITTED' is not one of 'CLAIMABLE', 'PAID'" in bad.stderr
    assert node(tmp_path, "no-such-command").returncode == 2


def test_feeds_is_a_table_a_pipe_reads_whole(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'db.sqlite'}"
    migrate(url)
    key = FeedKey("synthetic", "BTC-A-LONG-SUBJECT-NAME-THAT-WOULD-NOT-FIT", "candle", "1m")
    engine = create_db_engine(url)
    with session_scope(engine) as session:
        store_rows(session, key, [FeedRow(ts_event=datetime(2026, 1, 1, tzinfo=UTC),
                                          values={"close": 1.0})])
        set_feed_state(session, key, FeedState.STALLED, "ConnectionError: " + "x" * 150)
    engine.dispose()
    listed = node(tmp_path, "feeds", DATABASE_URL=url)
    assert listed.returncode == 0, listed.stderr
    lines = listed.stdout.splitlines()
    assert lines[0].split() == ["FEED", "RECORDS", "OLDEST", "NEWEST", "MALFORMED", "STATE",
                                "DETAIL"]
    assert lines[1].split()[:3] == [str(key), "1", "2026-01-01T00:00:00+00:00"]
    assert lines[1].rstrip().endswith("x" * 150)  # not cut to the 80 columns of a pipe
