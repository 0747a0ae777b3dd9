"""Issue 17, point 8 (and the README lines the other points need): what an operator looks up
in the README is there."""

from __future__ import annotations

import os
import re
import subprocess
import sys

from coordinator_node.api import create_app
from tests.conftest import make_settings
from tests.packaging.helpers import REPO_ROOT

README = (REPO_ROOT / "README.md").read_text()


def section(title: str) -> str:
    return README.split(f"\n## {title}\n", 1)[1].split("\n## ", 1)[0]


def test_every_route_is_in_the_endpoint_table(sqlite_url: str) -> None:
    table = section("Report API").split("\n\n", 1)[0]
    documented = set(re.findall(r"`(?:GET|POST|PATCH) (/[^`\s]*)`", table))
    documented |= set(re.findall(r", `(?:GET )?(/[^`\s]*)`", table))  # "`GET /a`, `/b`" rows
    app = create_app(make_settings(sqlite_url, temporal_address="127.0.0.1:1"))
    routes = {*app.openapi()["paths"], "/docs", "/redoc", "/openapi.json"}
    assert "/readyz" in routes

    def shape(path: str) -> str:
        return re.sub(r"\{[^}]*\}", "{}", path)

    assert {shape(r) for r in routes} - {shape(d) for d in documented} == set()


def test_the_ports_line_covers_every_dev_port_and_the_address() -> None:
    found = re.search(r"\*\*Ports taken\?\*\*(.*?)\n\n", README, flags=re.S)
    assert found is not None
    line = found.group(1)
    for name in ("TEMPORAL_DEV_PORT", "TEMPORAL_UI_PORT", "API_PORT", "MODEL_RUNNER_PORT",
                 "WORKER_METRICS_PORT", "TEMPORAL_ADDRESS"):
        assert f"`{name}" in line, name
    assert "second terminal" in line


def test_project_ids_are_explained_as_model_ids() -> None:
    assert "**`projectIds`** is the web app's name for a list of **model ids**" in README


def test_the_first_on_demand_checkpoint_period_start_is_explained() -> None:
    tour = section("Quick start")
    assert "its period starts at `1970-01-01T00:00:00Z`" in tour
    assert "starts at `1970-01-01T00:00:00Z`" in section("On-chain tooling: confirming checkpoints")


def test_init_workspace_says_that_directory_is_the_parent() -> None:
    assert "in the new directory `DIR/NAME` (`DIR` is the parent" in README
    env = {**os.environ, "COLUMNS": "200"}
    shown = subprocess.run([sys.executable, "-m", "coordinator_node", "init-workspace", "--help"],
                           capture_output=True, text=True, env=env, timeout=60).stdout
    assert "DIR/NAME" in " ".join(shown.split())
