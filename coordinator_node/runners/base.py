"""The interface the round activities see. Results are plain data, never client objects."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum
from typing import Any, Protocol

from coordinator_node.contract import ArgType


class CallStatus(StrEnum):
    SUCCESS = "SUCCESS"
    FAILED = "FAILED"
    TIMEOUT = "TIMEOUT"


@dataclass(frozen=True)
class ModelIdentity:
    model_id: str
    model_name: str = ""
    cruncher_id: str = ""
    cruncher_name: str = ""
    deployment_id: str = ""
    infos: dict[str, Any] = field(default_factory=dict, compare=False, hash=False)


@dataclass(frozen=True)
class Arg:
    """A positional argument and the wire type it travels as (never guessed from the value:
    a JSON argument that happens to be a string still travels as JSON)."""

    type: ArgType
    value: Any


@dataclass(frozen=True)
class Step:
    """One method call in a model's turn."""

    method: str
    args: Sequence[Arg] = ()


@dataclass
class ModelCallResult:
    model: ModelIdentity
    status: CallStatus
    result: Any = None
    exec_time_us: int = 0
    detail: str | None = None


@dataclass
class ModelTurn:
    """A model's results for the steps of one turn, in order, up to the first step that did
    not succeed (the steps after it were not called)."""

    model: ModelIdentity
    results: list[ModelCallResult]


@dataclass(frozen=True)
class Departure:
    """A model that was live on this runner and is no longer, and why. `failed`: the runner
    stopped it for failing (its rounds are FAILED with the reason); otherwise it left (the
    orchestrator stopped it or it went away) and its rounds are ABSENT with the reason."""

    model: ModelIdentity
    reason: str
    failed: bool
    at: datetime


# The detail of a call never made: the model's previous calls (another round's) held it
# until this round's time was up.
NOT_CALLED_BUSY = "NOT_CALLED: the model was still busy with another round's calls"


class ModelRunner(Protocol):
    """Calls methods on every live model at once, each model with its own timeout.

    Arguments are positional only, as participants' models expect them: their parameter
    names are their own (`predict(self, subject, resolve_horizon_seconds, step_seconds)`).
    A call is made once: it is never retried (a retry would re-tick every model and count
    against innocent models' failure budgets). Per-model failures come back as data.
    """

    async def start(self) -> None: ...

    async def models(self) -> list[ModelIdentity]: ...

    async def call_in_turn(
        self,
        steps: Sequence[Step],
        timeout_seconds: float | None = None,
        budget_seconds: float | None = None,
    ) -> list[ModelTurn]:
        """Every live model takes its turn: the steps in order, each with the timeout, and
        none of another turn's calls in between (a model node serves one call at a time and
        refuses an overlapping one). A step that does not succeed ends that model's turn.
        `budget_seconds` bounds a turn including its wait for the model: a model still busy
        when too little is left for all the steps is not called (TIMEOUT, NOT_CALLED_BUSY)."""
        ...

    async def departed(self) -> list[Departure]:
        """Models that were live on this runner and are gone, with the reason."""
        ...

    async def close(self) -> None: ...


class OneStepCalls:
    """`call`: one method on every live model, as a one-step turn (each model's own turn),
    for runners whose `call_in_turn` does the work."""

    async def call_in_turn(self, steps: Sequence[Step], timeout_seconds: float | None = None,
                           budget_seconds: float | None = None) -> list[ModelTurn]:
        raise NotImplementedError

    async def call(self, method: str, args: Sequence[Arg] = (),
                   timeout_seconds: float | None = None) -> list[ModelCallResult]:
        turns = await self.call_in_turn([Step(method, args)], timeout_seconds)
        return [turn.results[0] for turn in turns]


class ModelTurns:
    """One lock per model, held for a whole turn: tick and predict of one round never
    interleave with another round's on the same model, and a slow model delays only its
    own next turn, not the other models'."""

    def __init__(self) -> None:
        self._locks: dict[str, asyncio.Lock] = {}

    async def take(
        self,
        model: ModelIdentity,
        steps: Sequence[Step],
        call: Callable[[Step], Awaitable[ModelCallResult]],
        timeout_seconds: float,
        budget_seconds: float | None,
    ) -> ModelTurn:
        lock = self._locks.setdefault(model.model_id, asyncio.Lock())
        if lock.locked() and budget_seconds is not None:
            patience = budget_seconds - len(steps) * timeout_seconds
            try:
                await asyncio.wait_for(lock.acquire(), max(patience, 0.0))
            except TimeoutError:
                return ModelTurn(model, [ModelCallResult(model, CallStatus.TIMEOUT,
                                                         detail=NOT_CALLED_BUSY)])
        else:
            await lock.acquire()
        try:
            results: list[ModelCallResult] = []
            for step in steps:
                results.append(await call(step))
                if results[-1].status != CallStatus.SUCCESS:
                    break
            return ModelTurn(model, results)
        finally:
            lock.release()


def explain(result: ModelCallResult, timeout_seconds: float) -> str:
    """Why a call did not succeed, in words. model-runner-client reports every gRPC error
    as a TIMEOUT and passes none of the node's error text on, so its detail is all there is
    to tell a deadline from a refusal, a skip or an oversized answer."""
    detail = result.detail or ""
    if result.status == CallStatus.FAILED:
        if detail == "BAD_IMPLEMENTATION":
            return ("bad implementation: the model has no such method (BAD_IMPLEMENTATION); "
                    "the model runner client stops the model")
        return f"model failed: {detail or 'no detail'}"
    if detail.startswith("PREEMPTIVE_SKIP"):
        return f"skipped by the model runner client after earlier timeouts ({detail})"
    if detail.startswith("NOT_CALLED"):
        return f"not called: {detail.split(': ', 1)[-1]}"
    if detail.startswith("RESOURCE_EXHAUSTED") and "busy" in detail.lower():
        return f"refused: the model node was still busy with an earlier call ({detail})"
    if detail.startswith("RESOURCE_EXHAUSTED") and "larger than max" in detail:
        return f"message too large for gRPC ({detail})"
    if detail.startswith("UNAVAILABLE"):
        return f"model node unreachable ({detail})"
    if not detail or detail.startswith("DEADLINE_EXCEEDED"):
        return f"timed out after {timeout_seconds:g}s"
    return f"timed out after {timeout_seconds:g}s: {detail}"
