"""Prediction rounds: what the engine adds on top of the models' own latency, and scoring
throughput.

1. Whole rounds on a real Temporal dev server and Postgres with 10 / 100 / 1000 models that
   answer instantly (so every second measured is the engine's): round wall time (capture,
   tick + predict, resolve, score; the horizon has already passed), the predict activity's
   time, and the number of history events per round (it must not grow with the model count).
2. Scoring 100,000 predictions with the bulk scoring activity, next to a one-row-per-commit
   baseline measured in the same run.

    .venv/bin/python bench/rounds.py [--models 10,100,1000] [--predictions 100000]
"""

from __future__ import annotations

import argparse
import asyncio
import sys
import time
import uuid
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "template"))

from sqlalchemy import update
from temporalio.api.enums.v1 import EventType
from temporalio.contrib.pydantic import pydantic_data_converter
from temporalio.testing import WorkflowEnvironment

from bench._pg import scratch_database
from coordinator_node.activities.rounds import PREDICTIONS, RoundActivities
from coordinator_node.contract import DEFAULT_CONTRACT
from coordinator_node.db import create_db_engine, session_scope
from coordinator_node.db.tables import Input, Prediction, Score
from coordinator_node.db.upsert import upsert
from coordinator_node.feeds.messages import FeedRef
from coordinator_node.feeds.store import store_rows
from coordinator_node.feeds.types import FeedRow
from coordinator_node.ids import input_id, prediction_id
from coordinator_node.rounds.logic import score_one
from coordinator_node.rounds.messages import InputRef, RoundInput
from coordinator_node.runners.base import (
    CallStatus,
    Departure,
    ModelCallResult,
    ModelIdentity,
    ModelTurn,
    Step,
)
from coordinator_node.services import Services
from coordinator_node.settings import Settings
from coordinator_node.temporal import SEARCH_ATTRIBUTES
from coordinator_node.worker import ACTIVITY_THREADS, build_worker
from coordinator_node.workflows.rounds import PredictionRoundWorkflow

FEED = FeedRef(source="bench", subject="BTC", kind="candle", granularity="1s")


class InstantRunner:
    """N models that answer at once: the measured time is the engine's, not the models'."""

    def __init__(self, count: int) -> None:
        self._models = [ModelIdentity(f"model-{i:04d}", f"Model {i}") for i in range(count)]

    async def start(self) -> None:
        return None

    async def models(self) -> list[ModelIdentity]:
        return list(self._models)

    async def call_in_turn(self, steps: Sequence[Step], timeout_seconds: float | None = None,
                           budget_seconds: float | None = None) -> list[ModelTurn]:
        def answer(model: ModelIdentity, step: Step) -> ModelCallResult:
            result = {"value": 0.5} if step.method == "predict" else None
            return ModelCallResult(model, CallStatus.SUCCESS, result, 5)

        return [ModelTurn(m, [answer(m, step) for step in steps]) for m in self._models]

    async def departed(self) -> list[Departure]:
        return []

    async def close(self) -> None:
        return None


def seed_feed(url: str, start: datetime, seconds: int) -> None:
    rows = [FeedRow(ts_event=start + timedelta(seconds=i),
                    values={"open": 100.0 + i, "high": 101.0 + i, "low": 99.0 + i,
                            "close": 100.0 + i, "volume": 1.0}) for i in range(seconds)]
    engine = create_db_engine(url)
    with session_scope(engine) as session:
        store_rows(session, FEED.key, rows)
    engine.dispose()


async def bench_rounds(model_counts: list[int], rounds: int) -> None:
    env = await WorkflowEnvironment.start_local(
        search_attributes=SEARCH_ATTRIBUTES, data_converter=pydantic_data_converter,
        dev_server_existing_path=str(Path(sys.executable).parent / "temporal"),
        dev_server_extra_args=["--log-level", "error"])
    print("models  round wall (median)  predict activity  history events/round")
    try:
        for count in model_counts:
            with scratch_database() as url:
                now = datetime.now(UTC).replace(microsecond=0)
                seed_feed(url, now - timedelta(minutes=10), 600)
                settings = Settings(database_url=url, temporal_task_queue=f"bench-{count}")
                services = Services(settings=settings, contract=DEFAULT_CONTRACT,
                                    engine=create_db_engine(url), runner=InstantRunner(count))
                walls, predicts, events = [], [], []
                with ThreadPoolExecutor(ACTIVITY_THREADS) as executor:
                    async with build_worker(env.client, services, executor):
                        for r in range(rounds):
                            slot = now - timedelta(seconds=300 - 15 * r)  # horizon passed
                            data = RoundInput(
                                crunch_id="bench", config_id="btc-60s-every-15s", subject="BTC",
                                horizon_seconds=60, interval_seconds=15, feed=FEED, slot=slot)
                            began = time.perf_counter()
                            handle = await env.client.start_workflow(
                                PredictionRoundWorkflow.run, data,
                                id=f"bench-{uuid.uuid4().hex[:8]}",
                                task_queue=settings.temporal_task_queue)
                            await handle.result()
                            walls.append(time.perf_counter() - began)
                            history = [e async for e in handle.fetch_history_events()]
                            events.append(len(history))
                            predicts.append(_predict_seconds(history))
                services.engine.dispose()
            print(f"{count:6d}  {sorted(walls)[len(walls) // 2] * 1000:14.0f} ms"
                  f"  {sorted(predicts)[len(predicts) // 2] * 1000:13.0f} ms"
                  f"  {max(events):16d}")
    finally:
        await env.shutdown()


def _predict_seconds(history: list[Any]) -> float:
    """Scheduled → completed time of the predict activity, from the history."""
    scheduled: dict[int, Any] = {}
    for event in history:
        if event.event_type == EventType.EVENT_TYPE_ACTIVITY_TASK_SCHEDULED:
            attrs = event.activity_task_scheduled_event_attributes
            if attrs.activity_type.name == "predict":
                scheduled[event.event_id] = event.event_time.ToDatetime()
        if event.event_type == EventType.EVENT_TYPE_ACTIVITY_TASK_COMPLETED:
            attrs = event.activity_task_completed_event_attributes
            if attrs.scheduled_event_id in scheduled:
                done = event.event_time.ToDatetime()
                return (done - scheduled[attrs.scheduled_event_id]).total_seconds()
    return float("nan")


def seed_pending(url: str, inputs: int, per_input: int) -> list[str]:
    engine = create_db_engine(url)
    t0 = datetime(2026, 1, 1, tzinfo=UTC)
    ids = []
    with session_scope(engine) as session:
        for i in range(inputs):
            slot = t0 + timedelta(seconds=15 * i)
            iid = input_id("bench", slot)
            ids.append(iid)
            upsert(session, Input, [{
                "id": iid, "config_id": "bench", "slot": slot, "status": "RESOLVED",
                "payload": {}, "ground_truth": {"return": 0.01, "direction_up": True},
                "horizon_at": slot, "received_at": slot, "resolved_at": slot, "detail": None}],
                ["id"])
            upsert(session, Prediction, [{
                "id": prediction_id(iid, f"model-{m:04d}"), "input_id": iid,
                "config_id": "bench", "model_id": f"model-{m:04d}", "slot": slot,
                "status": "PENDING", "output": {"value": 0.5}, "raw_output": None,
                "failed_reason": None, "exec_time_us": 5, "created_at": slot,
                "scored_at": None} for m in range(per_input)], ["id"])
    engine.dispose()
    return ids


def bench_scoring(total: int, baseline_total: int) -> None:
    per_input = 1000
    with scratch_database() as url:
        ids = seed_pending(url, total // per_input, per_input)
        engine = create_db_engine(url)
        services = Services(settings=Settings(database_url=url), contract=DEFAULT_CONTRACT,
                            engine=engine)
        activities = RoundActivities(services)
        began = time.perf_counter()
        for iid in ids:
            activities.score(InputRef(input_id=iid))
        bulk = total / (time.perf_counter() - began)
        engine.dispose()

    with scratch_database() as url:
        ids = seed_pending(url, max(1, baseline_total // per_input), per_input)
        engine = create_db_engine(url)
        contract = DEFAULT_CONTRACT
        began = time.perf_counter()
        done = 0
        for iid in ids:
            with session_scope(engine) as session:
                pending = session.query(Prediction).filter_by(input_id=iid).all()
                truth = session.get(Input, iid).ground_truth  # type: ignore[union-attr]
                work = [(p.id, p.model_id, p.output) for p in pending]
            for pid, model_id, output in work:
                with session_scope(engine) as session:  # one transaction per prediction
                    result, _ = score_one(contract.scoring_function, contract.score_type,
                                          output or {}, truth or {})
                    session.add(Score(prediction_id=pid, model_id=model_id,
                                      value=(result or {}).get("value"), result=result or {}))
                    session.execute(update(PREDICTIONS).where(PREDICTIONS.c.id == pid)
                                    .values(status="SCORED"))
                done += 1
        naive = done / (time.perf_counter() - began)
        engine.dispose()
    print(f"scoring {total:,} predictions: bulk {bulk:,.0f} predictions/s; "
          f"one row per commit ({done:,}) {naive:,.0f} predictions/s; "
          f"{bulk / naive:.1f}x")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--models", default="10,100,1000")
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--predictions", type=int, default=100_000)
    parser.add_argument("--baseline-predictions", type=int, default=3_000)
    args = parser.parse_args()
    asyncio.run(bench_rounds([int(n) for n in args.models.split(",")], args.rounds))
    bench_scoring(args.predictions, args.baseline_predictions)


if __name__ == "__main__":
    main()
