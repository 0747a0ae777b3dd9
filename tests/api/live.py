"""The report API as operators run it: `coordinator-node api` (uvicorn) in a process of its
own, on a free port, configured by environment only."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import httpx

from coordinator_node.settings import Settings
from tests.support import free_port

START_SECONDS = 60  # generous: a loaded machine imports the node slowly


@dataclass
class LiveApi:
    url: str
    process: subprocess.Popen[bytes]
    log: Path

    def output(self) -> str:
        return self.log.read_text(errors="replace")


def _environment(settings: dict[str, str], port: int) -> dict[str, str]:
    """This machine's environment without any node setting, then exactly `settings`."""
    names = {name.upper() for name in Settings.model_fields}
    env = {key: value for key, value in os.environ.items() if key.upper() not in names}
    return {**env, **settings, "API_HOST": "127.0.0.1", "API_PORT": str(port)}


def _wait_until_serving(api: LiveApi, temporal: bool) -> None:
    deadline = time.monotonic() + START_SECONDS
    while time.monotonic() < deadline:
        if api.process.poll() is not None:
            raise RuntimeError(f"the API exited ({api.process.returncode}):\n{api.output()}")
        try:
            health = httpx.get(f"{api.url}/healthz", timeout=2).json()
            if not temporal or health["temporal"]["ok"]:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.1)
    raise RuntimeError(f"the API did not answer within {START_SECONDS}s:\n{api.output()}")


@contextmanager
def live_api(settings: dict[str, str], workdir: Path, *,
             temporal: bool = True) -> Iterator[LiveApi]:
    """Serve until the block ends (then SIGTERM, SIGKILL if it lingers). `workdir` holds the
    log and is the working directory, so no `.env` of the developer is read. With
    `temporal`, ready means connected to Temporal too."""
    log = workdir / "api.log"
    for attempt in range(3):  # the free port may be taken between the probe and the bind
        port = free_port()
        with log.open("wb") as sink:
            process = subprocess.Popen(
                [sys.executable, "-m", "coordinator_node", "api"], cwd=workdir,
                env=_environment(settings, port), stdout=sink, stderr=subprocess.STDOUT)
        api = LiveApi(f"http://127.0.0.1:{port}", process, log)
        try:
            _wait_until_serving(api, temporal)
            break
        except RuntimeError:
            stop(api)
            if attempt == 2 or "address already in use" not in api.output():
                raise
    try:
        yield api
    finally:
        stop(api)


def stop(api: LiveApi) -> int:
    if api.process.poll() is None:
        api.process.terminate()
        try:
            api.process.wait(30)
        except subprocess.TimeoutExpired:
            api.process.kill()
            api.process.wait()
    return api.process.returncode
