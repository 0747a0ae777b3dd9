"""A local orchestrator and the real model runtime: what dev mode and the tests run.

Each model is a code directory, as a participant submits it, served by its own
`model-runner` process (crunch-model-runner, the production model node); the orchestrator
announces them over the real websocket protocol, and stops a model's process when a
coordinator reports it failing or announces it STOPPED when the process dies.

There is no hand-written model node any more: the real runtime serves every case dev mode
and the tests need (tests hold a model at a gate file to control timing).
"""

from __future__ import annotations

import asyncio
import hashlib
import logging
import os
from collections.abc import Sequence
from pathlib import Path
from types import TracebackType
from typing import Any

from coordinator_node.runners.local.orchestrator import ModelState, Orchestrator
from coordinator_node.runners.local.runtime import (
    ModelProcess,
    find_model_runner,
    package_root,
    start_model_process,
)

log = logging.getLogger("coordinator_node.runners.local.cluster")


def model_identity(name: str) -> dict[str, Any]:
    """Stable ids from the model's name (its code directory's name), so a restart, or the
    same models in another checkout, keep every model's history."""
    digest = hashlib.sha1(name.encode()).hexdigest()[:8]
    return {
        "model_id": f"{name.lower()}-{digest}",
        "deployment_id": f"local-{digest}",
        "infos": {"model_name": name, "cruncher_id": f"cruncher-{digest}",
                  "cruncher_name": f"{name} team", "cruncher_wallet_pubkey": "",
                  "cruncher_hotkey": ""},
    }


class LocalCluster:
    """`async with LocalCluster(...)`: every model's process serving, then the orchestrator
    on `host:port` (0 = a free port, in `.port` once started)."""

    def __init__(self, crunch_id: str, code_directories: Sequence[str | Path],
                 base_classname: str, host: str = "127.0.0.1", port: int = 0,
                 model_runner: Path | None = None,
                 python_path: Sequence[str | Path] = ()) -> None:
        self.crunch_id = crunch_id
        self.code_directories = [Path(d).expanduser().resolve() for d in code_directories]
        self.host = host
        self.port = port
        self.model_runner = model_runner or find_model_runner()
        self.python_path = self._python_path(base_classname, python_path)
        self.orchestrator = Orchestrator(crunch_id, on_stop=self._stop_process)
        self.processes: dict[str, ModelProcess] = {}
        self._watchers: list[asyncio.Task[None]] = []
        self._ws: Any = None
        names = [d.name for d in self.code_directories]
        if duplicates := sorted({n for n in names if names.count(n) > 1}):
            raise ValueError(f"two model code directories share a name: {duplicates}")

    @staticmethod
    def _python_path(base_classname: str, extra: Sequence[str | Path]) -> list[str]:
        """What the runtime imports beside the model: the competition's package (the base
        class), then the caller's extras and this process's PYTHONPATH."""
        root = package_root(base_classname)
        if root is None:
            log.warning("the package of %s is not importable from a source directory here; "
                        "the model runtime must find it on PYTHONPATH", base_classname)
        inherited = os.environ.get("PYTHONPATH", "").split(os.pathsep)
        found = [str(root)] if root else []
        return list(dict.fromkeys([*found, *map(str, extra), *filter(None, inherited)]))

    async def __aenter__(self) -> LocalCluster:
        try:
            # Nodes first, so the orchestrator never announces a model that is not up.
            started = await asyncio.gather(*(self._start(d) for d in self.code_directories),
                                           return_exceptions=True)
            for model in started:
                if isinstance(model, BaseException):
                    raise model
                self.orchestrator.models[model.model_id] = model
            self._ws = await self.orchestrator.serve(self.host, self.port)
        except BaseException:
            await self._shutdown()
            raise
        self.port = self._ws.sockets[0].getsockname()[1]
        return self

    async def __aexit__(self, exc_type: type[BaseException] | None,
                        exc: BaseException | None, tb: TracebackType | None) -> None:
        await self._shutdown()

    async def _start(self, code_directory: Path) -> ModelState:
        name = code_directory.name
        process = await start_model_process(self.model_runner, name, code_directory,
                                            self.host, self.python_path)
        identity = model_identity(name)
        self.processes[identity["model_id"]] = process
        self._watchers.append(asyncio.create_task(self._watch(identity["model_id"], process)))
        log.info("model %s: model-runner pid %d serving %s on %s", name, process.pid,
                 code_directory, process.address)
        return ModelState(state="RUNNING", ip=self.host, port=process.port, **identity)

    async def add(self, code_directory: str | Path) -> ModelState:
        """Start one more model and announce it to the connected coordinators."""
        directory = await asyncio.to_thread(lambda: Path(code_directory).expanduser().resolve())
        state = await self._start(directory)
        await self.orchestrator.add(state)
        return state

    async def _watch(self, model_id: str, process: ModelProcess) -> None:
        """A model node that dies is STOPPED for the coordinators."""
        await process.process.wait()
        model = self.orchestrator.models.get(model_id)
        if model is not None and model.state != "STOPPED":
            log.warning("model %s: its model-runner exited (code %s)", model_id,
                        process.process.returncode)
            await self.orchestrator.set_state(model_id, "STOPPED")

    async def _stop_process(self, model_id: str) -> None:
        process = self.processes.get(model_id)
        if process is not None:
            await process.stop()

    async def _shutdown(self) -> None:
        if self._ws is not None:
            self._ws.close()
            await self._ws.wait_closed()
        for watcher in self._watchers:
            watcher.cancel()
        await asyncio.gather(*(p.stop() for p in self.processes.values()))

    def describe(self) -> list[dict[str, Any]]:
        """Every model and the process serving it (for dev mode's banner)."""
        order = {d: i for i, d in enumerate(self.code_directories)}
        served = sorted(self.processes.items(),
                        key=lambda item: order.get(item[1].code_directory, len(order)))
        return [{"model_id": model_id, "name": p.name, "pid": p.pid, "address": p.address,
                 "code_directory": str(p.code_directory),
                 "state": self.orchestrator.models[model_id].state}
                for model_id, p in served]
