"""The orchestrator side of the protocol: `ws://HOST:PORT/<crunch_id>` sends `init` with every
model's state, `update` on changes, and stops a model the client reports as failing (as the
real orchestrator does: `on_stop` ends its model node)."""

from __future__ import annotations

import json
import logging
from collections.abc import Awaitable, Callable
from dataclasses import asdict, dataclass, field
from typing import Any

from websockets.asyncio.server import Server, ServerConnection, serve
from websockets.exceptions import ConnectionClosedError

log = logging.getLogger("coordinator_node.runners.local.orchestrator")


@dataclass
class ModelState:
    deployment_id: str
    model_id: str
    infos: dict[str, Any]
    state: str  # RUNNING | STOPPED | RECOVERING
    ip: str
    port: int


@dataclass
class Orchestrator:
    crunch_id: str
    models: dict[str, ModelState] = field(default_factory=dict)
    failures: list[dict[str, Any]] = field(default_factory=list)
    on_stop: Callable[[str], Awaitable[None]] | None = None
    _clients: set[ServerConnection] = field(default_factory=set)

    async def handler(self, connection: ServerConnection) -> None:
        path = connection.request.path if connection.request else ""
        if path.strip("/") != self.crunch_id:
            await connection.close(code=4004, reason=f"unknown crunch {path!r}")
            return
        self._clients.add(connection)
        try:
            await connection.send(self._event("init", list(self.models.values())))
            async for message in connection:
                await self._on_message(message)
        except ConnectionClosedError as closed:  # a coordinator killed, or its host gone
            log.info("a coordinator went away without closing its connection (%s)", closed)
        finally:
            self._clients.discard(connection)

    async def _on_message(self, message: str | bytes) -> None:
        try:
            event = json.loads(message)
        except ValueError:
            log.warning("unparsable message from a coordinator: %r", message)
            return
        if event.get("event") == "report_failure":
            for failure in event.get("data", []):
                self.failures.append(failure)
                log.info("coordinator reports model %s: %s; stopping it",
                         failure.get("model_id"), failure.get("failure_code"))
                await self.stop(str(failure.get("model_id")))

    async def stop(self, model_id: str) -> None:
        """The model is STOPPED for every coordinator, and its node ended."""
        model = self.models.get(model_id)
        if model is None or model.state == "STOPPED":
            return
        await self.set_state(model_id, "STOPPED")
        if self.on_stop is not None:
            await self.on_stop(model_id)

    async def set_state(self, model_id: str, state: str) -> None:
        model = self.models.get(model_id)
        if model is None:
            return
        model.state = state
        await self.broadcast([model])

    async def add(self, model: ModelState) -> None:
        self.models[model.model_id] = model
        await self.broadcast([model])

    async def broadcast(self, changed: list[ModelState]) -> None:
        message = self._event("update", changed)
        for client in list(self._clients):
            await client.send(message)

    @staticmethod
    def _event(name: str, models: list[ModelState]) -> str:
        return json.dumps({"event": name, "data": [asdict(m) for m in models]})

    async def serve(self, host: str, port: int) -> Server:
        return await serve(self.handler, host, port)
