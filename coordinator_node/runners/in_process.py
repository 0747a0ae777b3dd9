"""In-process runner for unit tests: model objects called directly, same interface and data."""

from __future__ import annotations

import asyncio
import time
from typing import Any

from coordinator_node.runners.base import CallStatus, ModelCallResult, ModelIdentity


class InProcessRunner:
    def __init__(self, models: dict[ModelIdentity, Any], timeout_seconds: float = 5.0) -> None:
        self._models = models
        self._timeout = timeout_seconds

    async def start(self) -> None:
        return None

    async def models(self) -> list[ModelIdentity]:
        return list(self._models)

    async def _call_one(
        self, identity: ModelIdentity, instance: Any, method: str,
        args: list[Any], kwargs: dict[str, Any], limit_seconds: float,
    ) -> ModelCallResult:
        started = time.perf_counter()

        def elapsed_us() -> int:
            return int((time.perf_counter() - started) * 1_000_000)

        try:
            result = await asyncio.wait_for(
                asyncio.to_thread(getattr(instance, method), *args, **kwargs), limit_seconds
            )
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
        args: list[Any] | None = None,
        kwargs: dict[str, Any] | None = None,
        timeout_seconds: float | None = None,
    ) -> list[ModelCallResult]:
        timeout = timeout_seconds or self._timeout
        return list(await asyncio.gather(*(
            self._call_one(identity, instance, method, args or [], kwargs or {}, timeout)
            for identity, instance in self._models.items()
        )))

    async def close(self) -> None:
        return None
