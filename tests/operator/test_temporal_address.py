"""Issue 17, point 1: every command that talks to Temporal finds its server the same way
(TEMPORAL_ADDRESS, else in the dev profile 127.0.0.1:TEMPORAL_DEV_PORT, else the default), and
one that finds none says so in one line, naming the address, with exit code 2."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from coordinator_node.db import migrate
from coordinator_node.settings import load_settings
from tests.support import free_port


@pytest.fixture
def clean_env(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.chdir(tmp_path)  # no .env
    for name in ("TEMPORAL_ADDRESS", "TEMPORAL_DEV_PORT"):
        monkeypatch.delenv(name, raising=False)


@pytest.mark.usefixtures("clean_env")
def test_the_dev_profile_talks_to_the_dev_servers_port(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TEMPORAL_DEV_PORT", "17233")
    settings = load_settings(dev=True)
    assert settings.temporal_address == "127.0.0.1:17233"
    # dev mode still starts its own server: the address was not set by the operator
    assert not settings.explicitly_set("temporal_address")
    assert load_settings().temporal_address == "localhost:7233"  # outside the dev profile


@pytest.mark.usefixtures("clean_env")
def test_temporal_address_wins_over_the_dev_port(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TEMPORAL_DEV_PORT", "17233")
    monkeypatch.setenv("TEMPORAL_ADDRESS", "temporal.example:7233")
    settings = load_settings(dev=True)
    assert settings.temporal_address == "temporal.example:7233"
    assert settings.explicitly_set("temporal_address")


COMMANDS = {
    "checkpoint create": ["checkpoint", "create"],
    "checkpoint confirm": ["checkpoint", "confirm", "local-crunch-20260101T000000Z",
                           "--tx-hash", "5Yx"],
    "checkpoint status": ["checkpoint", "status", "local-crunch-20260101T000000Z", "CLAIMABLE"],
    "backfill": ["backfill", "--subject", "BTC", "--start", "2026-01-01T00:00:00Z",
                 "--end", "2026-01-01T01:00:00Z"],
    "search-attributes": ["search-attributes"],
}


@pytest.mark.parametrize("command", list(COMMANDS))
def test_a_dev_command_without_its_server_says_so_in_one_line(
    tmp_path: Path, command: str
) -> None:
    port = free_port()  # nothing listens there
    database = f"sqlite:///{tmp_path / 'db.sqlite'}"
    migrate(database)
    env = {k: v for k, v in os.environ.items() if k not in {"TEMPORAL_ADDRESS", "CONTRACT"}}
    env.update({"TEMPORAL_DEV_PORT": str(port), "DATABASE_URL": database})
    result = subprocess.run(
        [sys.executable, "-m", "coordinator_node", *COMMANDS[command], "--dev"],
        cwd=tmp_path, env=env, capture_output=True, text=True, timeout=60)
    assert result.returncode == 2, result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert f"cannot reach Temporal at 127.0.0.1:{port}" in lines[0]
    assert "make dev" in lines[0] and "TEMPORAL_ADDRESS" in lines[0]


def test_an_explicit_address_without_a_server_is_named(tmp_path: Path) -> None:
    port = free_port()
    env = {**os.environ, "TEMPORAL_ADDRESS": f"127.0.0.1:{port}"}
    result = subprocess.run(
        [sys.executable, "-m", "coordinator_node", "search-attributes"],
        cwd=tmp_path, env=env, capture_output=True, text=True, timeout=60)
    assert result.returncode == 2
    assert result.stderr.strip() == (
        f"coordinator-node: cannot reach Temporal at 127.0.0.1:{port} (TEMPORAL_ADDRESS): "
        "Connection refused. Start the node first (`make dev`, or `coordinator-node dev`), "
        "or set TEMPORAL_ADDRESS to a running Temporal server's host:port")
