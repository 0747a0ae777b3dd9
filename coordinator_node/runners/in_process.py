"""In-process runner for unit tests: model objects called directly, same interface and data.

Arguments and answers go through the wire encoding the model nodes use, so a model sees the
same values either way (an INT is an int, a JSON argument a fresh copy) and an answer the
wire cannot carry fails here as it does on a node. Turns are serialised per model as the
client runner does; unlike a model node, a call that outlives its timeout does not hold the
model (its thread runs on), and no model is ever stopped.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Sequence
from typing import Any

from model_runner_client.grpc.generated.commons_pb2 import Argument

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
from coordinator_node.runners.encoding import arguments, decoded, positional, result_variant


class _BadImplementation(Exception):
    pass


class InProcessRunner(OneStepCalls):
    def __init__(self, models: dict[ModelIdentity, Any], timeout_seconds: float = 5.0) -> None:
        self._models = models
        self._timeout = timeout_seconds
        self._turns = ModelTurns()

    async def start(self) -> None:
        return None

    async def models(self) -> list[ModelIdentity]:
        return list(self._models)

    async def _call_one(
        self, identity: ModelIdentity, instance: Any, method: str, wire: list[Argument],
        limit_seconds: float,
    ) -> ModelCallResult:
        started = time.perf_counter()

        def elapsed_us() -> int:
            return int((time.perf_counter() - started) * 1_000_000)

        def run() -> Any:
            # As a node does: decode the arguments, call, encode the answer.
            bound = getattr(instance, method, None)
            if bound is None:
                raise _BadImplementation
            return decoded(result_variant(bound(*positional(wire))))

        try:
            result = await asyncio.wait_for(asyncio.to_thread(run), limit_seconds)
        except _BadImplementation:  # the model node's answer for a missing method
            return ModelCallResult(identity, CallStatus.FAILED, None, elapsed_us(),
                                   "BAD_IMPLEMENTATION")
        except TimeoutError:
            return ModelCallResult(identity, CallStatus.TIMEOUT, None, elapsed_us(),
                                   "DEADLINE_EXCEEDED")
        except Exception as exc:
            return ModelCallResult(identity, CallStatus.FAILED, None, elapsed_us(),
                                   f"{type(exc).__name__}: {exc}")
        return ModelCallResult(identity, CallStatus.SUCCESS, result, elapsed_us())

    async def call_in_turn(
        self,
        steps: Sequence[Step],
        timeout_seconds: float | None = None,
        budget_seconds: float | None = None,
    ) -> list[ModelTurn]:
        timeout = timeout_seconds or self._timeout

        def calling(identity: ModelIdentity, instance: Any) -> Any:
            async def call(step: Step) -> ModelCallResult:
                # an argument the wire cannot carry fails the call, as it does there
                return await self._call_one(identity, instance, step.method,
                                            arguments(step.args), timeout)
            return call

        return list(await asyncio.gather(*(
            self._turns.take(identity, steps, calling(identity, instance), timeout,
                             budget_seconds)
            for identity, instance in self._models.items()
        )))

    async def departed(self) -> list[Departure]:
        return []

    async def close(self) -> None:
        return None
