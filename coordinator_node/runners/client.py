"""The production runner: model-runner-client's concurrent runner behind our interface.

Created once per worker process. It connects to the orchestrator in the background (the
worker starts even if the orchestrator is not up yet) and keeps the model set in sync.
Each call is made once, never retried. A model node (crunch-model-runner) serves one call
at a time and refuses an overlapping one (RESOURCE_EXHAUSTED "Server busy", which the client
counts as a timeout), so calls to one model are serialised here, a whole turn (tick then
predict) at a time; different models are called concurrently.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable, Sequence
from datetime import UTC, datetime
from typing import Any

from model_runner_client.grpc.generated.commons_pb2 import Argument, KwArgument
from model_runner_client.model_concurrent_runners.dynamic_subclass_model_concurrent_runner import (
    DynamicSubclassModelConcurrentRunner,
)
from model_runner_client.model_concurrent_runners.model_concurrent_runner import (
    ModelPredictResult,
)
from model_runner_client.model_runners.model_runner import ModelRunner as ClientModelRunner
from model_runner_client.websocket_client import WebsocketClient

from coordinator_node.runners.base import (
    CallStatus,
    Departure,
    ModelCallResult,
    ModelIdentity,
    ModelTurn,
    ModelTurns,
    OneStepCalls,
    Step,
)
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


def identity_from_state(state: dict[str, Any]) -> ModelIdentity:
    """A model as the orchestrator announces it (`model_state`)."""
    infos = dict(state.get("infos") or {})
    return ModelIdentity(
        model_id=str(state.get("model_id", "")), model_name=str(infos.get("model_name", "")),
        cruncher_id=str(infos.get("cruncher_id", "")),
        cruncher_name=str(infos.get("cruncher_name", "")),
        deployment_id=str(state.get("deployment_id", "")), infos=infos,
    )


_STATUS = {
    ModelPredictResult.Status.SUCCESS: CallStatus.SUCCESS,
    ModelPredictResult.Status.FAILED: CallStatus.FAILED,
    ModelPredictResult.Status.TIMEOUT: CallStatus.TIMEOUT,
}

# What the client's failure codes (sent to the orchestrator, which stops the model) mean.
_STOPPED_FOR = {
    "BAD_IMPLEMENTATION": "a method the node calls is missing (BAD_IMPLEMENTATION)",
    "MULTIPLE_FAILED": "repeated failures (MULTIPLE_FAILED)",
    "MULTIPLE_TIMEOUT": "repeated timeouts (MULTIPLE_TIMEOUT)",
    "CONNECTION_FAILED": "its node could not be reached (CONNECTION_FAILED)",
}
_SETUP_BAD_IMPLEMENTATION = (
    "its model node found no model at Setup (BAD_IMPLEMENTATION: no subclass of the base class "
    "outside the base class's package in its code directory, or its code failed to import)")


def _watch_departures(cluster: Any,
                      on_departure: Callable[[ModelIdentity, str, bool], None]) -> None:
    """Hear from model-runner-client's cluster when a model leaves and why: the client stops
    a failing model silently (it reports it to the orchestrator and drops it). Its two
    methods are wrapped on the instance, which is what the client itself calls."""
    process_failure = cluster.process_failure
    update_model_runs = cluster.update_model_runs

    async def on_failure(model_runner: ClientModelRunner, failure_code: str,
                         failure_reason: str | None = None) -> None:
        if cluster.report_failure:  # otherwise the client keeps the model
            at_setup = (model_runner.model_id not in cluster.models_run
                        and failure_code == "BAD_IMPLEMENTATION")
            why = _SETUP_BAD_IMPLEMENTATION if at_setup else (
                "stopped by the model runner client after "
                + _STOPPED_FOR.get(failure_code, failure_code))
            if failure_reason:
                why = f"{why}: {failure_reason}"
            on_departure(identity_of(model_runner), why, True)
        await process_failure(model_runner, failure_code, failure_reason)

    async def on_update(data: list[dict[str, Any]]) -> None:
        for state in data:
            if state.get("state") in ("STOPPED", "RECOVERING"):
                on_departure(identity_from_state(state),
                             f"the model orchestrator reports it {state['state']}", False)
        await update_model_runs(data)

    cluster.process_failure = on_failure
    cluster.update_model_runs = on_update


class _ClosedByUs(WebsocketClient):
    """model-runner-client's websocket client without its `__del__`, which registers an
    atexit hook that runs a loop that no longer exists at exit ("RuntimeError: There is no
    current event loop"). `ModelRunnerClientRunner.close` closes the connection instead."""

    def __del__(self) -> None:
        pass


class ModelRunnerClientRunner(OneStepCalls):
    def __init__(self, crunch_id: str, host: str, port: int, base_classname: str,
                 timeout_seconds: float, report_failure: bool = True) -> None:
        # The client types its timeouts as whole seconds but hands them to gRPC as deadlines,
        # which take any float: pass ours as configured, never rounded down.
        self._runner = DynamicSubclassModelConcurrentRunner(
            timeout=timeout_seconds, crunch_id=crunch_id, host=host, port=port,
            base_classname=base_classname, report_failure=report_failure,
        )
        _watch_departures(self._runner.model_cluster, self._depart)
        self._runner.model_cluster.ws_client.__class__ = _ClosedByUs
        self._timeout = timeout_seconds
        self._turns = ModelTurns()
        self._departures: dict[str, Departure] = {}
        self._task: asyncio.Task[None] | None = None
        self.connected = asyncio.Event()
        self.where = f"ws://{host}:{port}/{crunch_id}"

    def _depart(self, model: ModelIdentity, reason: str, failed: bool) -> None:
        # The first reason stands: our own report comes before the orchestrator's STOPPED.
        if model.model_id not in self._departures:
            log.info("model %s left: %s", model.model_id, reason)
            self._departures[model.model_id] = Departure(model, reason, failed, datetime.now(UTC))

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

    def _live(self) -> list[ClientModelRunner]:
        return list(self._runner.model_cluster.models_run.values())

    async def models(self) -> list[ModelIdentity]:
        return [identity_of(r) for r in self._live()]

    async def departed(self) -> list[Departure]:
        cluster = self._runner.model_cluster
        back = set(cluster.models_run) | set(cluster.pending_model_runs)
        for model_id in back & set(self._departures):
            del self._departures[model_id]  # redeployed: live again
        return list(self._departures.values())

    async def _call_one(self, model: ClientModelRunner, step: Step,
                        limit_seconds: float) -> ModelCallResult:
        identity = identity_of(model)
        # Positional only: participants name their parameters as they like.
        wire: tuple[list[Argument], list[KwArgument]] = (arguments(step.args), [])
        try:
            results = await self._runner.call(step.method, wire, timeout=limit_seconds,
                                              model_runs=[model])
        except Exception as exc:  # the client lets a few errors escape its own handling
            return ModelCallResult(identity, CallStatus.FAILED, detail=f"client error: {exc!r}")
        result = results.get(model)
        if result is None:
            return ModelCallResult(identity, CallStatus.FAILED, detail="no result from the client")
        return ModelCallResult(identity, _STATUS[result.status], result.result,
                               int(result.exec_time_us), result.detail)

    async def call_in_turn(
        self,
        steps: Sequence[Step],
        timeout_seconds: float | None = None,
        budget_seconds: float | None = None,
    ) -> list[ModelTurn]:
        timeout = timeout_seconds or self._timeout

        async def turn(model: ClientModelRunner) -> ModelTurn:
            return await self._turns.take(
                identity_of(model), steps, lambda step: self._call_one(model, step, timeout),
                timeout, budget_seconds)

        return list(await asyncio.gather(*(turn(m) for m in self._live())))

    async def close(self) -> None:
        if self._task is not None:
            self._task.cancel()
        for runner in self._live():
            await runner.close()
        await self._runner.model_cluster.ws_client.disconnect()
