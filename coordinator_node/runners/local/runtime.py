"""The real model runtime, run locally: one `model-runner` process (crunch-model-runner, the
model node participants' models run in production) per model code directory.

crunch-model-runner lives in a virtualenv of its own (`.venv-models`, from
requirements-models.txt): its protobuf pin conflicts with model-runner-client's. Its node
loads, at the coordinator's Setup, the first subclass of the base class it finds in the code
directory outside the base class's own package, so the competition package must be
importable in that process: its directory goes on the process's PYTHONPATH.
"""

from __future__ import annotations

import asyncio
import contextlib
import importlib.util
import logging
import os
import signal
import socket
from collections import deque
from dataclasses import dataclass, field
from pathlib import Path

import grpc
from grpc_health.v1 import health_pb2, health_pb2_grpc

from coordinator_node.paths import model_runner_candidates

log = logging.getLogger("coordinator_node.runners.local.runtime")
START_SECONDS = 90.0  # importing pandas and friends takes seconds on a loaded machine
STOP_SECONDS = 5.0
START_ATTEMPTS = 3  # a free port taken by someone else before the process binds it


class RuntimeNotFound(RuntimeError):
    """The model runtime is not installed where it is looked for; the message says how."""


def find_model_runner(setting: str | None = None, cwd: Path | None = None) -> Path:
    """`LOCAL_MODEL_RUNNER`, else `.venv-models/bin/model-runner` where the node starts, else
    in the node's repository."""
    if setting:
        path = Path(setting).expanduser()
        if path.is_file() and os.access(path, os.X_OK):
            return path
        raise RuntimeNotFound(f"LOCAL_MODEL_RUNNER={setting} is not an executable "
                              "(crunch-model-runner's `model-runner`)")
    candidates = model_runner_candidates(cwd)
    for path in candidates:
        if path.is_file() and os.access(path, os.X_OK):
            return path
    raise RuntimeNotFound(
        "the model runtime (crunch-model-runner's `model-runner`) was not found at "
        + " or ".join(str(p) for p in candidates)
        + ": build it with `make .venv-models` (`make dev` and `make test` do), or install "
        "it in a virtualenv of its own (`pip install -r requirements-models.txt`) and set "
        "LOCAL_MODEL_RUNNER to its `bin/model-runner`")


def package_root(classname: str) -> Path | None:
    """The directory holding the top-level package of `classname` (`pkg.module.Class`), as
    this process imports it; None when it is not importable or lives in site-packages (the
    node's packages must not shadow the runtime's)."""
    top = classname.split(".", 1)[0]
    try:
        spec = importlib.util.find_spec(top)
    except (ImportError, ValueError):
        return None
    if spec is None:
        return None
    locations = list(spec.submodule_search_locations or [])
    where = Path(locations[0]) if locations else Path(spec.origin or "")
    root = where.parent
    if not where.parts or "site-packages" in root.parts:
        return None
    return root


def free_port(host: str) -> int:
    with socket.socket() as sock:
        sock.bind((host, 0))
        return int(sock.getsockname()[1])


@dataclass
class ModelProcess:
    """One `model-runner` serving one code directory."""

    name: str
    code_directory: Path
    host: str
    port: int
    process: asyncio.subprocess.Process
    output: deque[str] = field(default_factory=lambda: deque(maxlen=40))
    _relay: asyncio.Task[None] | None = None

    @property
    def address(self) -> str:
        return f"{self.host}:{self.port}"

    @property
    def pid(self) -> int:
        return self.process.pid

    def alive(self) -> bool:
        return self.process.returncode is None

    async def stop(self) -> None:
        if self.alive():
            with contextlib.suppress(ProcessLookupError):
                self.process.send_signal(signal.SIGTERM)
            try:
                await asyncio.wait_for(self.process.wait(), STOP_SECONDS)
            except TimeoutError:
                with contextlib.suppress(ProcessLookupError):
                    self.process.kill()
                await self.process.wait()
        if self._relay is not None:
            await asyncio.gather(self._relay, return_exceptions=True)


async def _relay_output(model: ModelProcess) -> None:
    """The runtime logs without saying which model it serves: prefix its lines."""
    stream = model.process.stdout
    if stream is None:
        return
    async for raw in stream:
        line = raw.decode(errors="replace").rstrip()
        model.output.append(line)
        log.info("[%s] %s", model.name, line)


async def _serving(model: ModelProcess, within_seconds: float) -> bool:
    """Up once the node's gRPC health service says SERVING (checked while it still runs, so
    a port someone else answers on is not taken for ours)."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + within_seconds
    while model.alive() and loop.time() < deadline:
        try:
            _, writer = await asyncio.open_connection(model.host, model.port)
        except OSError:
            await asyncio.sleep(0.1)
            continue
        writer.close()
        async with grpc.aio.insecure_channel(model.address) as channel:
            try:
                answer = await health_pb2_grpc.HealthStub(channel).Check(
                    health_pb2.HealthCheckRequest(service=""), timeout=10)
            except grpc.aio.AioRpcError:
                await asyncio.sleep(0.1)
                continue
        return answer.status == health_pb2.HealthCheckResponse.SERVING and model.alive()
    return False


async def start_model_process(model_runner: Path, name: str, code_directory: Path, host: str,
                              python_path: list[str]) -> ModelProcess:
    """Start `model-runner` on a free port for `code_directory` and wait until it serves."""
    if not await asyncio.to_thread(code_directory.is_dir):
        raise RuntimeError(f"model {name}: code directory {code_directory} does not exist")
    env = {k: v for k, v in os.environ.items() if k not in {"PYTHONPATH", "VIRTUAL_ENV"}}
    env["PYTHONPATH"] = os.pathsep.join(python_path)
    env["PYTHONUNBUFFERED"] = "1"
    last: ModelProcess | None = None
    for _ in range(START_ATTEMPTS):
        port = free_port(host)
        process = await asyncio.create_subprocess_exec(
            str(model_runner), "--address", f"{host}:{port}",
            "--code-directory", str(code_directory), "--log-level", "info",
            stdin=asyncio.subprocess.DEVNULL, stdout=asyncio.subprocess.PIPE,
            stderr=asyncio.subprocess.STDOUT, env=env, cwd=code_directory,
        )
        model = ModelProcess(name, code_directory, host, port, process)
        model._relay = asyncio.create_task(_relay_output(model))
        if await _serving(model, START_SECONDS):
            return model
        exited = not model.alive()
        await model.stop()
        last = model
        if not exited:
            break  # it runs but does not serve: trying another port will not help
    output = "\n".join(last.output) if last else ""
    raise RuntimeError(f"model {name}: `model-runner` did not start serving {code_directory}"
                       f"\n{output}")
