"""The interface the round activities see. Results are plain data, never client objects."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
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


@dataclass
class ModelCallResult:
    model: ModelIdentity
    status: CallStatus
    result: Any = None
    exec_time_us: int = 0
    detail: str | None = None


class ModelRunner(Protocol):
    """Calls one method on every live model at once, each with its own timeout.

    Arguments are positional only, as participants' models expect them: their parameter
    names are their own (`predict(self, subject, resolve_horizon_seconds, step_seconds)`).
    A call is made once: it is never retried (a retry would re-tick every model and count
    against innocent models' failure budgets). Per-model failures come back as data.
    """

    async def start(self) -> None: ...

    async def models(self) -> list[ModelIdentity]: ...

    async def call(
        self,
        method: str,
        args: Sequence[Arg] = (),
        timeout_seconds: float | None = None,
    ) -> list[ModelCallResult]: ...

    async def close(self) -> None: ...
