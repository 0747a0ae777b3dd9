"""Rounds end to end: real Temporal dev server, Postgres, the real model-runner-client and
local gRPC model nodes."""

from __future__ import annotations

import asyncio
import uuid
from datetime import timedelta

from sqlalchemy import Engine, select
from sqlmodel import Session
from temporalio.client import WorkflowHistory
from temporalio.contrib.pydantic import pydantic_data_converter
from temporalio.testing import WorkflowEnvironment
from temporalio.worker import Replayer

from coordinator_node.db.tables import Input, Leaderboard, Prediction, Score, Snapshot
from coordinator_node.rounds.messages import SnapshotInput
from coordinator_node.temporal import ROUND_STATUS
from coordinator_node.workflows.rounds import PredictionRoundWorkflow
from coordinator_node.workflows.snapshots import SnapshotWorkflow
from tests.conftest import make_settings
from tests.rounds.conftest import (
    connected,
    id_of,
    local_models,
    now_second,
    round_input,
    seed_rising_feed,
)
from tests.support import ModelGate, running_worker

NAMES = ["UpTracker", "DownTracker", "RaisingTracker", "SlowTracker", "NanTracker",
         "WrongTypeTracker", "HugeTracker"]


async def test_rounds_score_good_models_and_explain_every_failure(
    temporal_env: WorkflowEnvironment, pg_engine: Engine, pg_url: str, task_queue: str,
    model_gate: ModelGate,
) -> None:
    """SlowTracker is held at the (closed) gate for the whole test: it always times out."""
    now = now_second()
    seed_rising_feed(pg_engine, now - timedelta(minutes=5), 5 * 60 + 30)
    slots = [now - timedelta(seconds=s) for s in (30, 20, 10)]
    settings = make_settings(pg_url, temporal_task_queue=task_queue)
    client = temporal_env.client
    async with local_models(NAMES, model_timeout=2.0) as (_, make_runner):
        runner = make_runner()
        async with running_worker(client, settings, runner=runner):
            await connected(runner, len(NAMES))
            handles = [await client.start_workflow(
                PredictionRoundWorkflow.run, round_input(slot, model_timeout_seconds=2.0),
                id=f"round-{uuid.uuid4().hex[:8]}", task_queue=task_queue) for slot in slots]
            results = await asyncio.gather(*(h.result() for h in handles))
            history = await handles[0].fetch_history()
            described = await handles[0].describe()
            snapshot = await client.execute_workflow(
                SnapshotWorkflow.run,
                SnapshotInput(crunch_id="test-crunch", period_seconds=3600,
                              period_end=now_second() + timedelta(seconds=1)),
                id=f"snap-{uuid.uuid4().hex[:8]}", task_queue=task_queue)

    assert [r.status for r in results] == ["RESOLVED"] * 3
    assert all(r.counts.scored == 2 and r.counts.failed == 5 for r in results)
    assert described.typed_search_attributes.get(ROUND_STATUS) == "DONE"

    with Session(pg_engine) as session:
        predictions = session.execute(select(Prediction)).scalars().all()
        inputs = session.execute(select(Input)).scalars().all()
        scores = {s.prediction_id: s for s in session.execute(select(Score)).scalars()}
        snapshots = session.execute(select(Snapshot)).scalars().all()
        board = session.get(Leaderboard, snapshot.leaderboard_id)
    assert len(inputs) == 3 and all(i.status == "RESOLVED" for i in inputs)
    assert all(i.ground_truth and i.ground_truth["direction_up"] for i in inputs)
    assert len(inputs[0].payload["candles_1m"]) == 30  # the newest window, as configured
    assert len(predictions) == 3 * len(NAMES)  # exactly one row per (round, model)
    by_model: dict[str, list[Prediction]] = {}
    for p in predictions:
        by_model.setdefault(p.model_id, []).append(p)

    def only(name: str) -> tuple[set[str], set[str | None]]:
        rows = by_model[id_of(name)]
        return {r.status for r in rows}, {r.failed_reason for r in rows}

    assert only("UpTracker") == ({"SCORED"}, {None})
    assert all(scores[p.id].value > 0 for p in by_model[id_of("UpTracker")])  # type: ignore[operator]
    assert all(scores[p.id].value < 0 for p in by_model[id_of("DownTracker")])  # type: ignore[operator]
    assert only("RaisingTracker") == ({"FAILED"}, {"model failed: FAILED"})
    slow_status, slow_reasons = only("SlowTracker")
    assert slow_status == {"FAILED"}
    # Its predict is held until it times out; after a timeout the client skips its next call
    # (a later round's tick or predict) as a timeout too. Either way the reason says so.
    assert all(r and r.startswith(("timed out after 2s", "tick timeout")) for r in slow_reasons), (
        slow_reasons)
    assert only("NanTracker") == ({"FAILED"}, {"invalid output: value: Input should be a "
                                               "finite number"})
    assert by_model[id_of("NanTracker")][0].raw_output == {"value": "NaN"}
    assert only("WrongTypeTracker")[0] == {"FAILED"}
    assert by_model[id_of("WrongTypeTracker")][0].raw_output == "up"
    assert "invalid output" in str(only("WrongTypeTracker")[1])
    huge_status, huge_reasons = only("HugeTracker")
    assert huge_status == {"FAILED"}
    assert all(r and r.startswith("output too large") for r in huge_reasons)
    assert by_model[id_of("HugeTracker")][0].raw_output["truncated"] is True

    assert snapshot.snapshots == 2 and len(snapshots) == 2
    assert {s.prediction_count for s in snapshots} == {3}
    assert board is not None
    assert [e["model_id"] for e in board.entries] == [id_of("UpTracker"), id_of("DownTracker")]
    assert board.entries[0]["rank"] == 1 and board.entries[0]["scores"]["score_recent"] > 0

    # The recorded round replays against the current workflow code.
    await Replayer(workflows=[PredictionRoundWorkflow],
                   data_converter=pydantic_data_converter).replay_workflow(
        WorkflowHistory.from_json(history.workflow_id, history.to_json()))
