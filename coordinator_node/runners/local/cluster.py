"""Orchestrator + model nodes in one process, as dev mode and the tests run them."""

from __future__ import annotations

import hashlib
from types import TracebackType
from typing import Any

from coordinator_node.runners.local.node import start_node
from coordinator_node.runners.local.orchestrator import ModelState, Orchestrator


def model_identity(model_path: str) -> dict[str, Any]:
    """Stable ids from the class path, so a restart keeps every model's history."""
    name = model_path.rsplit(":", 1)[-1].rsplit(".", 1)[-1]
    digest = hashlib.sha1(model_path.encode()).hexdigest()[:8]
    return {
        "model_id": f"{name.lower()}-{digest}",
        "deployment_id": f"local-{digest}",
        "infos": {"model_name": name, "cruncher_id": f"cruncher-{digest}",
                  "cruncher_name": f"{name} team", "cruncher_wallet_pubkey": "",
                  "cruncher_hotkey": ""},
    }


class LocalCluster:
    def __init__(self, crunch_id: str, model_paths: list[str], host: str = "127.0.0.1",
                 port: int = 0) -> None:
        self.crunch_id = crunch_id
        self.model_paths = model_paths
        self.host = host
        self.port = port
        self.orchestrator = Orchestrator(crunch_id)
        self._servers: list[Any] = []
        self._ws: Any = None

    async def __aenter__(self) -> LocalCluster:
        # Nodes first, so the orchestrator never announces a model that is not up.
        for path in self.model_paths:
            server, node_port = await start_node(path, self.host)
            self._servers.append(server)
            identity = model_identity(path)
            self.orchestrator.models[identity["model_id"]] = ModelState(
                state="RUNNING", ip=self.host, port=node_port, **identity)
        self._ws = await self.orchestrator.serve(self.host, self.port)
        self.port = self._ws.sockets[0].getsockname()[1]
        return self

    async def __aexit__(self, exc_type: type[BaseException] | None,
                        exc: BaseException | None, tb: TracebackType | None) -> None:
        if self._ws is not None:
            self._ws.close()
            await self._ws.wait_closed()
        for server in self._servers:
            await server.stop(grace=1)
