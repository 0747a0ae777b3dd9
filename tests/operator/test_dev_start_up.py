"""Issue 17, point 4: dev mode checks the settings, the contract and every port it will bind
before it starts any child process, and says its error once."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from coordinator_node.dev import Readiness
from tests.support import distinct_free_ports, free_port

PORTS = ("TEMPORAL_DEV_PORT", "TEMPORAL_UI_PORT", "API_PORT", "MODEL_RUNNER_PORT",
         "WORKER_METRICS_PORT")


@pytest.fixture
def listener() -> Iterator[int]:
    """A port something already listens on."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        sock.listen()
        yield int(sock.getsockname()[1])


def dev(tmp_path: Path, **env: str) -> tuple[subprocess.CompletedProcess[str], float]:
    full = {k: v for k, v in os.environ.items()
            if k not in {"TEMPORAL_ADDRESS", "DATABASE_URL", "CONTRACT", *PORTS}}
    full.update(zip(PORTS, map(str, distinct_free_ports(len(PORTS))), strict=True))
    full.update(env)
    began = time.monotonic()
    result = subprocess.run([sys.executable, "-m", "coordinator_node", "dev"], cwd=tmp_path,
                            env=full, capture_output=True, text=True, timeout=120)
    return result, time.monotonic() - began


def nothing_started(tmp_path: Path) -> bool:
    return not (tmp_path / ".data" / "temporal.db").exists() and not (
        tmp_path / ".data" / "coordinator.db").exists()


def test_a_bad_contract_is_reported_once_before_anything_starts(tmp_path: Path) -> None:
    result, took = dev(tmp_path, CONTRACT="no_such_competition.contract:CONTRACT")
    said = result.stdout + result.stderr
    assert result.returncode == 2, said
    assert said.count("cannot import contract module 'no_such_competition.contract'") == 1, said
    assert "is running" not in said
    assert nothing_started(tmp_path)
    assert took < 30


@pytest.mark.parametrize("setting", PORTS)
def test_a_taken_port_is_refused_by_name_before_anything_starts(
    tmp_path: Path, listener: int, setting: str
) -> None:
    result, _ = dev(tmp_path, **{setting: str(listener)})
    said = result.stdout + result.stderr
    assert result.returncode == 1, said
    assert f"port already in use: {listener} ({setting})" in result.stderr, said
    assert len(result.stderr.strip().splitlines()) == 1, said
    assert "is running" not in said
    assert nothing_started(tmp_path)


def test_two_settings_on_one_port_are_refused(tmp_path: Path) -> None:
    port = str(free_port())
    result, _ = dev(tmp_path, API_PORT=port, MODEL_RUNNER_PORT=port)
    assert result.returncode == 1
    assert f"API_PORT and MODEL_RUNNER_PORT are both {port}" in result.stderr
    assert nothing_started(tmp_path)


def test_readiness_keeps_the_last_answer_for_the_start_up_error() -> None:
    """A report API that never gets ready: dev mode's error says what /readyz last answered
    (which of the database and Temporal does not answer), not only that it timed out."""
    class Degraded(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            body = b'{"status":"degraded","temporal":{"ok":false,"error":"not connected yet"}}'
            self.send_response(503)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *_: object) -> None:
            pass

    port = free_port()
    ready = Readiness(f"http://127.0.0.1:{port}/readyz")
    assert not ready() and ready.last.startswith("no answer (")
    server = ThreadingHTTPServer(("127.0.0.1", port), Degraded)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        assert not ready()
        assert ready.last == ('HTTP 503 {"status":"degraded","temporal":{"ok":false,'
                              '"error":"not connected yet"}}')
    finally:
        server.shutdown()
        server.server_close()
