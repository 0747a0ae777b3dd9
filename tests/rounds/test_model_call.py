"""The model call as participants' code expects it: `tick(input)` with one JSON argument,
then the contract's predict call by position (default `predict(subject, horizon, step)` as
STRING, INT, INT), through the real model-runner-client and local gRPC model nodes."""

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
from coordinator_node.db.tables import Prediction, Score
from coordinator_node.rounds.logic import call_scope
from coordinator_node.rounds.messages import RoundResult
from coordinator_node.runners.base import ModelIdentity, ModelRunner
from coordinator_node.runners.client import ModelRunnerClientRunner
from coordinator_node.runners.in_process import InProcessRunner
from coordinator_node.workflows.rounds import PredictionRoundWorkflow
from tests.conftest import make_settings
from tests.rounds.conftest import (
    connected,
    id_of,
    local_models,
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


def by_model(engine: Engine) -> dict[str, Prediction]:
    with Session(engine) as session:
        return {p.model_id: p for p in session.execute(select(Prediction)).scalars()}


def scores(engine: Engine) -> dict[str, float | None]:
    with Session(engine) as session:
        return {s.model_id: s.value for s in session.execute(select(Score)).scalars()}


async def one_round(env: WorkflowEnvironment, engine: Engine, url: str, task_queue: str,
                    runner: ModelRunner, models: int, contract: str | None = None,
                    **round_overrides: Any) -> RoundResult:
    """One round on the node's real worker, on a rising market, once `models` are there."""
    now = now_second()
    seed_rising_feed(engine, now - timedelta(minutes=2), 2 * 60 + 30)
    overrides = {"contract": contract} if contract else {}
    settings = make_settings(url, temporal_task_queue=task_queue, **overrides)
    async with running_worker(env.client, settings, runner=runner):
        if isinstance(runner, ModelRunnerClientRunner):
            await connected(runner, models)
        return await env.client.execute_workflow(
            PredictionRoundWorkflow.run,
            round_input(now - timedelta(seconds=10), model_timeout_seconds=2.0,
                        **round_overrides),
            id=f"round-{uuid.uuid4().hex[:8]}", task_queue=task_queue)


async def test_a_model_with_the_old_templates_signature_is_scored_over_grpc(
    temporal_env: WorkflowEnvironment, pg_engine: Engine, pg_url: str, task_queue: str
) -> None:
    """`predict(self, subject, resolve_horizon_seconds, step_seconds)`: called by keyword it
    raised TypeError; by position, with a str and two ints, it is scored."""
    names = ["OldTemplateTracker", "UpTracker"]
    async with local_models(names, model_timeout=2.0) as (_, make_runner):
        result = await one_round(temporal_env, pg_engine, pg_url, task_queue, make_runner(),
                                 len(names))

    assert result.status == "RESOLVED" and result.counts.scored == 2, result
    old = by_model(pg_engine)[id_of("OldTemplateTracker")]
    assert (old.status, old.failed_reason) == ("SCORED", None)
    assert (scores(pg_engine)[id_of("OldTemplateTracker")] or 0.0) > 0  # rising market


async def test_a_contract_calls_its_own_method_with_its_own_scope_keys(
    temporal_env: WorkflowEnvironment, pg_engine: Engine, pg_url: str, task_queue: str
) -> None:
    """`forecast(asset, horizon, features)` from the scope; the round's config scope wins
    over the contract's (asset). A model without that method fails, the others are scored."""
    names = ["ForecastTracker", "OldTemplateTracker"]
    async with local_models(names, model_timeout=2.0) as (_, make_runner):
        result = await one_round(temporal_env, pg_engine, pg_url, task_queue, make_runner(),
                                 len(names), contract="tests.rounds.test_model_call:FORECAST",
                                 scope={"asset": "BTCUSDT"})

    assert result.status == "RESOLVED"
    assert (result.counts.scored, result.counts.failed) == (1, 1), result
    rows = by_model(pg_engine)
    assert rows[id_of("ForecastTracker")].status == "SCORED"
    # no `forecast` on the old model: the node refuses the call, the round records it
    assert (rows[id_of("OldTemplateTracker")].status,
            rows[id_of("OldTemplateTracker")].failed_reason) == ("FAILED", "model failed: FAILED")


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
    result = await one_round(temporal_env, sqlite_engine, sqlite_url, task_queue, runner, 1,
                             contract="tests.rounds.test_model_call:MISSING_KEY")

    assert model.calls == []
    assert result.counts.absent == 1
    reason = by_model(sqlite_engine)["old"].failed_reason or ""
    assert "cannot build the model call predict(…): the scope has no 'asset'" in reason, reason


async def test_the_in_process_runner_scores_the_old_signature_too(
    temporal_env: WorkflowEnvironment, sqlite_engine: Engine, sqlite_url: str, task_queue: str
) -> None:
    runner = InProcessRunner({ModelIdentity("old", "Old"): OldTemplateTracker()})
    result = await one_round(temporal_env, sqlite_engine, sqlite_url, task_queue, runner, 1)
    assert result.status == "RESOLVED" and result.counts.scored == 1, result


def test_the_call_scope_layers_contract_round_and_config() -> None:
    """The config's own scope wins (its step may differ from the schedule's interval), then
    the round's subject/horizon/step, then the contract's scope."""
    contract_scope = {"subject": "ETH", "horizon_seconds": 600, "step_seconds": 60, "asset": "X"}
    scope = call_scope(contract_scope, "BTC", 60, 15, {"step_seconds": 5, "venue": "spot"})
    assert scope == {"subject": "BTC", "horizon_seconds": 60, "step_seconds": 5, "asset": "X",
                     "venue": "spot"}
    assert PredictCall().values(scope) == ["BTC", 60, 5]
