"""The production runner: model-runner-client's concurrent runner behind our interface.

Created once per worker process. It connects to the orchestrator in the background (the
worker starts even if the orchestrator is not up yet) and keeps the model set in sync.
Each `call` is one concurrent call, never retried; a lock keeps a tick and a predict from
overlapping.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Sequence

from model_runner_client.grpc.generated.commons_pb2 import Argument, KwArgument
from model_runner_client.model_concurrent_runners.dynamic_subclass_model_concurrent_runner import (
    DynamicSubclassModelConcurrentRunner,
)
from model_runner_client.model_concurrent_runners.model_concurrent_runner import (
    ModelPredictResult,
)
from model_runner_client.model_runners.model_runner import ModelRunner as ClientModelRunner

from coordinator_node.runners.base import Arg, CallStatus, ModelCallResult, ModelIdentity
from coordinator_node.runners.encoding import arguments

log = logging.getLogger("coordinator_node.runners.client")


def identity_of(runner: ClientModelRunner) -> ModelIdentity:
    infos = dict(runner.infos or {})
    return ModelIdentity(
        model_id=str(runner.model_id), model_name=str(runner.model_name or ""),
        cruncher_id=str(infos.get("cruncher_id", "")),
        cruncher_name=str(infos.get("cruncher_name", "")),
        deployment_id=str(runner.deployment_id or ""), infos=infos,
    )


_STATUS = {
    ModelPredictResult.Status.SUCCESS: CallStatus.SUCCESS,
    ModelPredictResult.Status.FAILED: CallStatus.FAILED,
    ModelPredictResult.Status.TIMEOUT: CallStatus.TIMEOUT,
}


class ModelRunnerClientRunner:
    def __init__(self, crunch_id: str, host: str, port: int, base_classname: str,
                 timeout_seconds: float, report_failure: bool = True) -> None:
        self._runner = DynamicSubclassModelConcurrentRunner(
            timeout=max(1, round(timeout_seconds)), crunch_id=crunch_id, host=host, port=port,
            base_classname=base_classname, report_failure=report_failure,
        )
        self._timeout = timeout_seconds
        self._lock = asyncio.Lock()
        self._task: asyncio.Task[None] | None = None
        self.connected = asyncio.Event()
        self.where = f"ws://{host}:{port}/{crunch_id}"

    async def start(self) -> None:
        self._task = asyncio.create_task(self._connect_and_sync())

    async def _connect_and_sync(self) -> None:
        delay = 1.0
        while True:
            try:
                await self._runner.init()
                self.connected.set()
                log.info("connected to the model orchestrator at %s (%d models)", self.where,
                         len(self._runner.model_cluster.models_run))
                await self._runner.sync()  # returns when the connection is lost
            except asyncio.CancelledError:
                raise
            except Exception as exc:
                log.warning("model orchestrator at %s unavailable (%s); retrying in %.0fs",
                            self.where, exc, delay)
            self.connected.clear()
            await asyncio.sleep(delay)
            delay = min(delay * 2, 30.0)

    async def models(self) -> list[ModelIdentity]:
        return [identity_of(r) for r in self._runner.model_cluster.models_run.values()]

    async def call(
        self,
        method: str,
        args: Sequence[Arg] = (),
        timeout_seconds: float | None = None,
    ) -> list[ModelCallResult]:
        # Positional only: participants name their parameters as they like.
        wire: tuple[list[Argument], list[KwArgument]] = (arguments(args), [])
        limit = timeout_seconds or self._timeout
        async with self._lock:
            # The client's own timeout is whole seconds; enforce ours as well.
            results = await self._runner.call(method, wire, timeout=max(1, round(limit)))
        return [
            ModelCallResult(model=identity_of(runner), status=_STATUS[result.status],
                            result=result.result, exec_time_us=int(result.exec_time_us),
                            detail=result.detail)
            for runner, result in results.items()
        ]

    async def close(self) -> None:
        if self._task is not None:
            self._task.cancel()
        for runner in list(self._runner.model_cluster.models_run.values()):
            await runner.close()
        ws = self._runner.model_cluster.ws_client
        if ws.websocket is not None:
            await ws.websocket.close()
