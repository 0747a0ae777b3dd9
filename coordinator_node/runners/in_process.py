"""In-process runner for unit tests: model objects called directly, same interface and data.

Arguments and answers go through the wire encoding the model nodes use, so a model sees the
same values either way (an INT is an int, a JSON argument a fresh copy) and an answer the
wire cannot carry fails here as it does on a node.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Sequence
from typing import Any

from model_runner_client.grpc.generated.commons_pb2 import Argument

from coordinator_node.runners.base import Arg, CallStatus, ModelCallResult, ModelIdentity
from coordinator_node.runners.encoding import arguments, decoded, positional, result_variant


class InProcessRunner:
    def __init__(self, models: dict[ModelIdentity, Any], timeout_seconds: float = 5.0) -> None:
        self._models = models
        self._timeout = timeout_seconds

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
            answer = getattr(instance, method)(*positional(wire))
            return decoded(result_variant(answer))

        try:
            result = await asyncio.wait_for(asyncio.to_thread(run), limit_seconds)
        except TimeoutError:
            return ModelCallResult(identity, CallStatus.TIMEOUT, None, elapsed_us(),
                                   "DEADLINE_EXCEEDED")
        except Exception as exc:
            return ModelCallResult(identity, CallStatus.FAILED, None, elapsed_us(),
                                   f"{type(exc).__name__}: {exc}")
        return ModelCallResult(identity, CallStatus.SUCCESS, result, elapsed_us())

    async def call(
        self,
        method: str,
        args: Sequence[Arg] = (),
        timeout_seconds: float | None = None,
    ) -> list[ModelCallResult]:
        timeout = timeout_seconds or self._timeout
        wire = arguments(args)  # an argument the wire cannot carry fails the call, as there
        return list(await asyncio.gather(*(
            self._call_one(identity, instance, method, wire, timeout)
            for identity, instance in self._models.items()
        )))

    async def close(self) -> None:
        return None
