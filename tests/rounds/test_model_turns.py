"""The node's side of the model runtime's rules, in process: a model's turn (tick, then
predict only after a tick that succeeded) is never interleaved, a model still busy when the
round's time runs out is not called, every way a call fails has its reason in words, and a
model the runner stopped or saw leave is recorded with the reason."""

from __future__ import annotations

import asyncio
import uuid
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from sqlalchemy import Engine, select
from sqlmodel import Session
from temporalio.testing import WorkflowEnvironment

from coordinator_node.db import session_scope
from coordinator_node.db.tables import Model, Prediction
from coordinator_node.db.upsert import upsert
from coordinator_node.runners.base import (
    NOT_CALLED_BUSY,
    CallStatus,
    Departure,
    ModelCallResult,
    ModelIdentity,
    ModelTurns,
    Step,
    explain,
)
from coordinator_node.runners.in_process import InProcessRunner
from coordinator_node.workflows.rounds import PredictionRoundWorkflow
from tests.conftest import make_settings
from tests.rounds.conftest import now_second, round_input, seed_rising_feed
from tests.rounds.misbehaving import UpTracker
from tests.support import running_worker

MODEL = ModelIdentity("m")


def failed(status: CallStatus, detail: str | None) -> ModelCallResult:
    return ModelCallResult(MODEL, status, detail=detail)


@pytest.mark.parametrize(("status", "detail", "reason"), [
    (CallStatus.FAILED, "FAILED", "model failed: FAILED"),
    (CallStatus.FAILED, "BAD_IMPLEMENTATION",
     "bad implementation: the model has no such method (BAD_IMPLEMENTATION); the model "
     "runner client stops the model"),
    (CallStatus.TIMEOUT, "DEADLINE_EXCEEDED", "timed out after 2.5s"),
    (CallStatus.TIMEOUT, "DEADLINE_EXCEEDED: Deadline Exceeded", "timed out after 2.5s"),
    (CallStatus.TIMEOUT, "PREEMPTIVE_SKIP: 2 consecutive timeouts",
     "skipped by the model runner client after earlier timeouts (PREEMPTIVE_SKIP: 2 "
     "consecutive timeouts)"),
    (CallStatus.TIMEOUT, "RESOURCE_EXHAUSTED: Server busy",
     "refused: the model node was still busy with an earlier call (RESOURCE_EXHAUSTED: "
     "Server busy)"),
    (CallStatus.TIMEOUT, "RESOURCE_EXHAUSTED: Received message larger than max (5 vs. 4)",
     "message too large for gRPC (RESOURCE_EXHAUSTED: Received message larger than max "
     "(5 vs. 4))"),
    (CallStatus.TIMEOUT, "UNAVAILABLE: failed to connect",
     "model node unreachable (UNAVAILABLE: failed to connect)"),
    (CallStatus.TIMEOUT, NOT_CALLED_BUSY,
     "not called: the model was still busy with another round's calls"),
    (CallStatus.TIMEOUT, "CANCELLED: whatever", "timed out after 2.5s: CANCELLED: whatever"),
])
def test_every_failed_call_is_explained(status: CallStatus, detail: str, reason: str) -> None:
    """model-runner-client reports every gRPC error as a TIMEOUT: its detail tells them
    apart."""
    assert explain(failed(status, detail), 2.5) == reason


async def test_a_turn_stops_at_the_first_step_that_does_not_succeed() -> None:
    calls: list[str] = []

    async def call(step: Step) -> ModelCallResult:
        calls.append(step.method)
        return failed(CallStatus.TIMEOUT, "DEADLINE_EXCEEDED")

    turn = await ModelTurns().take(MODEL, [Step("tick"), Step("predict")], call, 1.0, None)
    assert calls == ["tick"] and [r.status for r in turn.results] == [CallStatus.TIMEOUT]


async def test_a_model_busy_with_another_turn_waits_or_is_not_called() -> None:
    """Turns on one model never overlap; one that cannot start in time is not made."""
    turns = ModelTurns()
    held, release = asyncio.Event(), asyncio.Event()
    order: list[str] = []

    async def slow(step: Step) -> ModelCallResult:
        order.append(f"slow {step.method}")
        held.set()
        await release.wait()
        return ModelCallResult(MODEL, CallStatus.SUCCESS)

    async def quick(step: Step) -> ModelCallResult:
        order.append(f"quick {step.method}")
        return ModelCallResult(MODEL, CallStatus.SUCCESS)

    steps = [Step("tick"), Step("predict")]
    first = asyncio.create_task(turns.take(MODEL, steps, slow, 1.0, None))
    await held.wait()
    # 2 steps of 1 s each fit in a 2.05 s budget only if the model is free at once
    late = await turns.take(MODEL, steps, quick, 1.0, 2.05)
    assert [(r.status, r.detail) for r in late.results] == [(CallStatus.TIMEOUT,
                                                             NOT_CALLED_BUSY)]
    waiting = asyncio.create_task(turns.take(MODEL, steps, quick, 1.0, None))
    await asyncio.sleep(0.05)
    assert order == ["slow tick"]  # the waiting turn has not started
    release.set()
    await asyncio.gather(first, waiting)
    assert order == ["slow tick", "slow predict", "quick tick", "quick predict"]


class Recording(UpTracker):
    def __init__(self, tick_fails: bool = False) -> None:
        super().__init__()
        self.calls: list[str] = []
        self.tick_fails = tick_fails

    def tick(self, data: dict[str, Any]) -> None:
        self.calls.append("tick")
        if self.tick_fails:
            raise RuntimeError("bad tick")
        super().tick(data)

    def predict(self, subject: str, horizon_seconds: int, step_seconds: int) -> dict[str, Any]:
        self.calls.append("predict")
        return super().predict(subject, horizon_seconds, step_seconds)


class Departing(InProcessRunner):
    """Two models left this runner: one it stopped for failing, one the orchestrator took."""

    def __init__(self, models: dict[ModelIdentity, Any], gone: list[Departure]) -> None:
        super().__init__(models)
        self.gone = gone

    async def departed(self) -> list[Departure]:
        return self.gone


async def test_a_round_records_failed_ticks_and_departed_models_with_their_reason(
    temporal_env: WorkflowEnvironment, sqlite_engine: Engine, sqlite_url: str, task_queue: str
) -> None:
    now = now_second()
    seed_rising_feed(sqlite_engine, now - timedelta(minutes=2), 2 * 60 + 30)
    good, bad_tick = Recording(), Recording(tick_fails=True)
    at = datetime.now(UTC)
    runner = Departing(
        {ModelIdentity("good"): good, ModelIdentity("bad-tick"): bad_tick},
        [Departure(ModelIdentity("stopped", "Stopped"), "stopped by the model runner client "
                   "after repeated timeouts (MULTIPLE_TIMEOUT)", True, at),
         Departure(ModelIdentity("left", "Left"), "the model orchestrator reports it STOPPED",
                   False, at),
         # never seen by this node: the orchestrator's word alone does not make it known
         Departure(ModelIdentity("stranger"), "the model orchestrator reports it STOPPED",
                   False, at),
         Departure(ModelIdentity("long-gone"), "stopped long ago", True,
                   at - timedelta(days=2))])
    with session_scope(sqlite_engine) as session:  # "left" answered rounds an hour ago
        upsert(session, Model, [{"model_id": "left", "model_name": "Left", "cruncher_id": "",
                                 "cruncher_name": "", "deployment_id": "", "infos": {},
                                 "first_seen_at": at - timedelta(hours=1),
                                 "last_seen_at": at - timedelta(hours=1)}], ["model_id"])
    settings = make_settings(sqlite_url, temporal_task_queue=task_queue)
    async with running_worker(temporal_env.client, settings, runner=runner):
        result = await temporal_env.client.execute_workflow(
            PredictionRoundWorkflow.run, round_input(now - timedelta(seconds=10)),
            id=f"round-{uuid.uuid4().hex[:8]}", task_queue=task_queue)

    assert good.calls == ["tick", "predict"]
    assert bad_tick.calls == ["tick"]  # no predict after a tick that did not succeed
    with Session(sqlite_engine) as session:
        rows = {p.model_id: (p.status, p.failed_reason)
                for p in session.execute(select(Prediction)).scalars()}
    assert rows == {
        "good": ("SCORED", None),
        "bad-tick": ("FAILED", "tick: model failed: RuntimeError: bad tick"),
        "stopped": ("FAILED", "stopped by the model runner client after repeated timeouts "
                              "(MULTIPLE_TIMEOUT)"),
        "left": ("ABSENT", "the model orchestrator reports it STOPPED"),
    }
    assert (result.counts.scored, result.counts.failed, result.counts.absent) == (1, 2, 1)
