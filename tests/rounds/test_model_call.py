"""The model call as participants' code expects it: `tick(input)` with one JSON argument,
then the contract's predict call by position (default `predict(subject, horizon, step)` as
STRING, INT, INT), through the real model-runner-client and the real model runtime."""

from __future__ import annotations

import uuid
from datetime import timedelta
from typing import Any

from sqlalchemy import Engine, select
from sqlmodel import Session
from temporalio.testing import WorkflowEnvironment

from coordinator_node.contract import (
    CrunchContract,
    PredictCall,
    PredictionScope,
    ScheduledPredictionConfig,
)
from coordinator_node.db.tables import Prediction
from coordinator_node.rounds.logic import call_scope
from coordinator_node.rounds.messages import RoundResult
from coordinator_node.runners.base import ModelIdentity, ModelRunner
from coordinator_node.runners.client import ModelRunnerClientRunner
from coordinator_node.runners.in_process import InProcessRunner
from coordinator_node.workflows.rounds import PredictionRoundWorkflow
from tests.conftest import make_settings
from tests.rounds.conftest import (
    BASE,
    code_directories,
    connected,
    id_of,
    local_cluster,
    now_second,
    round_input,
    seed_rising_feed,
)
from tests.rounds.misbehaving import OldTemplateTracker
from tests.support import running_worker

# A competition whose models answer `forecast(asset, horizon, features)`: `asset` and
# `features` are competition-specific scope keys.
FORECAST = CrunchContract(
    scope=PredictionScope.model_validate({
        "subject": "BTC", "horizon_seconds": 2, "step_seconds": 1,
        "asset": "ETHUSDT", "features": {"window": [1, 2]}}),
    predict_call=PredictCall(method="forecast", args=[
        ("asset", str), ("horizon_seconds", int), ("features", dict)]),
)
# Asks for `asset`, which its config has (so the node starts) but a round started without
# the config's scope (e.g. before the key was added) lacks: that round cannot ask anyone.
MISSING_KEY = CrunchContract(
    predict_call=PredictCall(args=[("asset", str)]),
    prediction_configs=[ScheduledPredictionConfig.model_validate({
        "scope_key": "btc-with-asset", "scope_template": {"subject": "BTC", "asset": "BTCUSDT"},
        "schedule": {"prediction_interval_seconds": 15, "resolve_after_seconds": 60}})])


def by_model(engine: Engine, the_input_id: str | None = None) -> dict[str, Prediction]:
    query = select(Prediction)
    if the_input_id is not None:
        query = query.where(Prediction.input_id == the_input_id)  # type: ignore[arg-type]
    with Session(engine) as session:
        return {p.model_id: p for p in session.execute(query).scalars()}


async def one_round(env: WorkflowEnvironment, engine: Engine, url: str, task_queue: str,
                    runner: ModelRunner, contract: str | None = None,
                    **round_overrides: Any) -> RoundResult:
    """One round on the node's real worker, on a rising market."""
    now = now_second()
    seed_rising_feed(engine, now - timedelta(minutes=2), 2 * 60 + 30)
    overrides = {"contract": contract} if contract else {}
    settings = make_settings(url, temporal_task_queue=task_queue, **overrides)
    async with running_worker(env.client, settings, runner=runner):
        return await env.client.execute_workflow(
            PredictionRoundWorkflow.run,
            round_input(now - timedelta(seconds=10), model_timeout_seconds=2.0,
                        **round_overrides),
            id=f"round-{uuid.uuid4().hex[:8]}", task_queue=task_queue)


NOT_A_MODEL = """class Model:  # subclasses nothing: the model runtime finds no model here
    def predict(self, subject, horizon_seconds, step_seconds):
        return {"value": 1.0}
"""


async def test_a_contract_calls_its_own_method_and_a_model_without_it_is_stopped(
    temporal_env: WorkflowEnvironment, pg_engine: Engine, pg_url: str, task_queue: str
) -> None:
    """`forecast(asset, horizon, features)` from the scope; the round's config scope wins
    over the contract's (asset). On the real runtime a model without that method answers
    BAD_IMPLEMENTATION: FAILED with that reason, and model-runner-client stops it, so the next
    round records it FAILED as stopped (not ABSENT). A code directory with no subclass of the
    base class fails at Setup and is recorded the same way. (The old template's signature,
    called by position, is scored in test_rounds_e2e.)"""
    names = ["ForecastTracker", "OldTemplateTracker"]
    now = now_second()
    seed_rising_feed(pg_engine, now - timedelta(minutes=2), 2 * 60 + 30)
    settings = make_settings(pg_url, temporal_task_queue=task_queue,
                             contract="tests.rounds.test_model_call:FORECAST")
    results, rounds = [], []
    with code_directories(names) as directories:
        empty = directories[0].parent / "NotAModel"
        empty.mkdir()
        (empty / "main.py").write_text(NOT_A_MODEL)
        async with local_cluster("test-crunch", [*directories, empty]) as cluster:
            runner = ModelRunnerClientRunner("test-crunch", "127.0.0.1", cluster.port, BASE,
                                             timeout_seconds=2.0)
            async with running_worker(temporal_env.client, settings, runner=runner):
                await connected(runner, len(names))  # NotAModel never joins
                for seconds_ago in (10, 5):
                    if seconds_ago == 5:  # the client has reported the model; it is gone
                        await connected(runner, 1)
                    results.append(await temporal_env.client.execute_workflow(
                        PredictionRoundWorkflow.run,
                        round_input(now - timedelta(seconds=seconds_ago),
                                    model_timeout_seconds=2.0, scope={"asset": "BTCUSDT"}),
                        id=f"round-{uuid.uuid4().hex[:8]}", task_queue=task_queue))
                    rounds.append(by_model(pg_engine, results[-1].input_id))
            stopped = [cluster.processes[id_of(n)].alive() for n in ("OldTemplateTracker",
                                                                    "NotAModel")]

    assert [r.status for r in results] == ["RESOLVED"] * 2
    assert all((r.counts.scored, r.counts.failed) == (1, 2) for r in results), results
    assert stopped == [False, False]  # the orchestrator ended both model processes
    first, second = rounds
    assert first[id_of("ForecastTracker")].status == second[id_of("ForecastTracker")].status
    assert first[id_of("ForecastTracker")].failed_reason is None
    old = (first[id_of("OldTemplateTracker")], second[id_of("OldTemplateTracker")])
    assert [(p.status, p.failed_reason) for p in old] == [
        ("FAILED", "bad implementation: the model has no such method (BAD_IMPLEMENTATION); "
                   "the model runner client stops the model"),
        ("FAILED", "stopped by the model runner client after a method the node calls is "
                   "missing (BAD_IMPLEMENTATION)")]
    for rows in rounds:
        empty_row = rows[id_of("NotAModel")]
        assert empty_row.status == "FAILED"
        assert (empty_row.failed_reason or "").startswith(
            "its model node found no model at Setup (BAD_IMPLEMENTATION: no subclass of the "
            "base class"), empty_row.failed_reason


class Recording(OldTemplateTracker):
    def __init__(self) -> None:
        super().__init__()
        self.calls: list[str] = []

    def tick(self, data: dict[str, Any]) -> None:
        self.calls.append("tick")
        super().tick(data)


async def test_a_call_the_scope_cannot_fill_ticks_nobody_and_says_why(
    temporal_env: WorkflowEnvironment, sqlite_engine: Engine, sqlite_url: str, task_queue: str
) -> None:
    model = Recording()
    runner = InProcessRunner({ModelIdentity("old", "Old"): model})
    result = await one_round(temporal_env, sqlite_engine, sqlite_url, task_queue, runner,
                             contract="tests.rounds.test_model_call:MISSING_KEY")

    assert model.calls == []
    assert result.counts.absent == 1
    reason = by_model(sqlite_engine)["old"].failed_reason or ""
    assert "cannot build the model call predict(…): the scope has no 'asset'" in reason, reason


async def test_the_in_process_runner_scores_the_old_signature_too(
    temporal_env: WorkflowEnvironment, sqlite_engine: Engine, sqlite_url: str, task_queue: str
) -> None:
    runner = InProcessRunner({ModelIdentity("old", "Old"): OldTemplateTracker()})
    result = await one_round(temporal_env, sqlite_engine, sqlite_url, task_queue, runner)
    assert result.status == "RESOLVED" and result.counts.scored == 1, result


def test_the_call_scope_layers_contract_round_and_config() -> None:
    """The config's own scope wins (its step may differ from the schedule's interval), then
    the round's subject/horizon/step, then the contract's scope."""
    contract_scope = {"subject": "ETH", "horizon_seconds": 600, "step_seconds": 60, "asset": "X"}
    scope = call_scope(contract_scope, "BTC", 60, 15, {"step_seconds": 5, "venue": "spot"})
    assert scope == {"subject": "BTC", "horizon_seconds": 60, "step_seconds": 5, "asset": "X",
                     "venue": "spot"}
    assert PredictCall().values(scope) == ["BTC", 60, 5]
