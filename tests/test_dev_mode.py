"""The README's run command, run as a user would: everything comes up, and Ctrl-C/SIGTERM
leaves nothing behind."""

from __future__ import annotations

import asyncio
import json
import os
import re
import signal
import socket
import subprocess
import sys
import urllib.request
from pathlib import Path
from typing import Any

import pytest

from tests.support import distinct_free_ports, eventually

REPO_ROOT = Path(__file__).resolve().parent.parent
TEMPLATE_MODELS = REPO_ROOT / "template" / "models"
EXAMPLES = ["momentum", "mean_reversion", "contrarian"]


def command_line(pid: int) -> str:
    try:
        return Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode()
    except OSError:
        return ""


def get(url: str) -> tuple[int, bytes]:
    try:
        with urllib.request.urlopen(url, timeout=2) as response:
            return response.status, response.read()
    except OSError:
        return 0, b""


def process_group_alive(pgid: int) -> bool:
    try:
        os.killpg(pgid, 0)
    except ProcessLookupError:
        return False
    return True


def descendants(pid: int) -> set[int]:
    out = subprocess.run(["ps", "-e", "-o", "pid=,ppid="], capture_output=True, text=True).stdout
    children: dict[int, list[int]] = {}
    for line in out.splitlines():
        child, parent = (int(x) for x in line.split())
        children.setdefault(parent, []).append(child)
    found: set[int] = set()
    stack = [pid]
    while stack:
        for child in children.get(stack.pop(), []):
            found.add(child)
            stack.append(child)
    return found


def running(pid: int) -> bool:
    """The process exists and is not a zombie waiting to be reaped."""
    try:
        return "zombie" not in Path(f"/proc/{pid}/status").read_text().lower()
    except FileNotFoundError:
        return False


@pytest.mark.slow
@pytest.mark.parametrize("stop_signal", [signal.SIGINT, signal.SIGTERM])
async def test_dev_command_runs_everything_and_stops_cleanly(
    tmp_path: Path, stop_signal: int
) -> None:
    names = ("TEMPORAL_DEV_PORT", "TEMPORAL_UI_PORT", "API_PORT", "MODEL_RUNNER_PORT",
             "WORKER_METRICS_PORT")
    ports = dict(zip(names, distinct_free_ports(len(names)), strict=True))
    env = {k: v for k, v in os.environ.items() if k not in {"TEMPORAL_ADDRESS", "DATABASE_URL"}}
    env.update({k: str(v) for k, v in ports.items()})
    process = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "coordinator_node", "dev", cwd=tmp_path, env=env,
        stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.STDOUT,
        start_new_session=True,
    )
    api = f"http://127.0.0.1:{ports['API_PORT']}"

    async def ok_or_exited() -> dict[str, Any] | None:
        """/healthz's body once it says ok; what the command said if it exited instead."""
        if process.returncode is not None:
            said = (await process.stdout.read() if process.stdout else b"").decode()
            # Why it stopped first (a long output is cut in the middle by pytest's report).
            why = [line for line in said.splitlines()
                   if "coordinator-node dev" in line or "Error" in line or "exited" in line]
            return {"exited": process.returncode, "why": why, "output": said[-3000:]}
        status, raw = await asyncio.to_thread(get, f"{api}/healthz")
        body: dict[str, Any] = json.loads(raw) if status == 200 else {}
        return body if body.get("status") == "ok" else None

    try:
        body = await eventually(ok_or_exited, within=150, every=0.5,
                                what="`coordinator-node dev` to answer /healthz with ok")
        assert process.returncode is None, body
        assert body["database"] == {"ok": True, "backend": "sqlite"}
        ui_status, ui_page = await asyncio.to_thread(
            get, f"http://127.0.0.1:{ports['TEMPORAL_UI_PORT']}/")
        assert ui_status == 200 and b"<html" in ui_page.lower()
        assert (tmp_path / ".data" / "coordinator.db").exists()
        assert (tmp_path / ".data" / "temporal.db").exists()
        spawned = descendants(process.pid)
        assert len(spawned) >= 3  # Temporal server, worker, API (and their helpers)
        # Each example model is served by a model-runner process of its own (the real model
        # runtime, from .venv-models), with its own code directory.
        runners = [command_line(pid) for pid in spawned
                   if "model-runner" in command_line(pid)]
        served = sorted(c.split("--code-directory", 1)[1].split()[0] for c in runners)
        assert served == sorted(str(TEMPLATE_MODELS / n) for n in EXAMPLES), runners
    finally:
        if process.returncode is None:
            process.send_signal(stop_signal)
        try:
            out, _ = await asyncio.wait_for(process.communicate(), 60)
        except TimeoutError:
            os.killpg(process.pid, signal.SIGKILL)
            raise
    output = out.decode()
    assert process.returncode == 0, output
    assert "coordinator-node dev is running" in output
    banner = output.split("coordinator-node dev is running", 1)[1].split("Ctrl-C", 1)[0]
    # "running" is said once the worker polls its task queue (and /readyz answers)
    assert re.search(r"\n  Worker +pid \d+, polling task queue coordinator-node\n", banner), banner
    for name in EXAMPLES:  # the banner names each model's process
        assert re.search(rf"\n    {name} +model-runner pid \d+ on 127\.0\.0\.1:\d+ ", banner), (
            banner)
    # Everything it started goes with it (allowing a moment for the last to exit).
    await eventually(lambda: not any(running(pid) for pid in spawned), within=5,
                     what=f"the processes `dev` started ({sorted(spawned)}) to be gone")
    for port in ports.values():
        with socket.socket() as sock:
            assert sock.connect_ex(("127.0.0.1", port)) != 0, f"port {port} still open"
