"""Rounds end to end: real Temporal dev server, Postgres, the real model-runner-client and
the real model runtime (one `model-runner` process per model, as in production). Every way a
participant's model can misbehave is recorded with its status and the reason."""

from __future__ import annotations

import asyncio
import uuid
from collections import Counter
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
from tests.gate import ModelGate
from tests.rounds.conftest import (
    connected,
    id_of,
    local_models,
    now_second,
    round_input,
    seed_rising_feed,
)
from tests.support import running_worker

SCORED = ["UpTracker", "DownTracker", "OldTemplateTracker"]
FAILING = ["RaisingTracker", "SlowTracker", "NanTracker", "NoneTracker", "WrongTypeTracker",
           "HugeTracker", "GiantTracker"]
NAMES = SCORED + FAILING
BUSY = "tick: refused: the model node was still busy with an earlier call (RESOURCE_EXHAUSTED: "
SKIPPED = ("tick: skipped by the model runner client after earlier timeouts (PREEMPTIVE_SKIP: "
           "1 consecutive timeouts)")


async def test_rounds_score_good_models_and_explain_every_failure(
    temporal_env: WorkflowEnvironment, pg_engine: Engine, pg_url: str, task_queue: str,
    model_gate: ModelGate,
) -> None:
    """Three rounds at once. SlowTracker is held at the (closed) gate for the whole test: its
    model node stays busy with its first predict, as a real one does."""
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
    assert all(r.counts.scored == len(SCORED) and r.counts.failed == len(FAILING)
               for r in results), results
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

    def reasons(name: str) -> Counter[str | None]:
        return Counter(r.failed_reason for r in by_model[id_of(name)])

    for name in SCORED:
        assert only(name) == ({"SCORED"}, {None}), name
    assert all(scores[p.id].value > 0 for p in by_model[id_of("UpTracker")])  # type: ignore[operator]
    assert all(scores[p.id].value < 0 for p in by_model[id_of("DownTracker")])  # type: ignore[operator]
    # By position, with a str and two ints: the old template's parameter names do not matter.
    assert all(scores[p.id].value > 0 for p in by_model[id_of("OldTemplateTracker")])  # type: ignore[operator]
    # MODEL_FAILED on the node: model-runner-client passes none of its text on.
    assert only("RaisingTracker") == ({"FAILED"}, {"model failed: FAILED"})
    # Held past its timeout, its node stays busy: the next round's tick is skipped by the
    # client (it cools a model down after a timeout), the one after refused by the node.
    # Its predict is never sent after a tick that did not succeed.
    slow = reasons("SlowTracker")
    assert only("SlowTracker")[0] == {"FAILED"}
    assert slow["timed out after 2s"] == 1 and slow[SKIPPED] == 1, slow
    assert [r for r in slow if r and r.startswith(BUSY)] and len(slow) == 3, slow
    assert only("NanTracker") == ({"FAILED"}, {"invalid output: value: Input should be a "
                                               "finite number"})
    assert by_model[id_of("NanTracker")][0].raw_output == {"value": "NaN"}
    assert only("NoneTracker") == ({"FAILED"}, {"invalid output: output: Input should be a "
                                                "valid dictionary or instance of "
                                                "InferenceOutput"})
    assert only("WrongTypeTracker")[0] == {"FAILED"}
    assert by_model[id_of("WrongTypeTracker")][0].raw_output == "up"
    assert "invalid output" in str(only("WrongTypeTracker")[1])
    huge_status, huge_reasons = only("HugeTracker")
    assert huge_status == {"FAILED"}
    assert all(r and r.startswith("output too large") for r in huge_reasons)
    assert by_model[id_of("HugeTracker")][0].raw_output["truncated"] is True
    # Over gRPC's 4 MiB the client refuses the answer (and counts it as a timeout, so its
    # next tick is skipped).
    giant = reasons("GiantTracker")
    too_large = [r for r in giant if r and r.startswith(
        "message too large for gRPC (RESOURCE_EXHAUSTED: ") and "larger than max" in r]
    assert len(too_large) == 1 and giant[too_large[0]] == 2 and giant[SKIPPED] == 1, giant

    assert snapshot.snapshots == len(SCORED) and len(snapshots) == len(SCORED)
    assert {s.prediction_count for s in snapshots} == {3}
    assert board is not None
    ranked = [e["model_id"] for e in board.entries]
    assert set(ranked[:2]) == {id_of("UpTracker"), id_of("OldTemplateTracker")}
    assert ranked[2] == id_of("DownTracker")
    assert board.entries[0]["rank"] == 1 and board.entries[0]["scores"]["score_recent"] > 0

    # The recorded round replays against the current workflow code.
    await Replayer(workflows=[PredictionRoundWorkflow],
                   data_converter=pydantic_data_converter).replay_workflow(
        WorkflowHistory.from_json(history.workflow_id, history.to_json()))


async def test_concurrent_rounds_never_interleave_calls_on_a_model(
    temporal_env: WorkflowEnvironment, pg_engine: Engine, pg_url: str, task_queue: str
) -> None:
    """A model node serves one call at a time and keeps one instance: each round's tick and
    predict reach it together, so every prediction answers its own round's input (EchoTracker
    answers what its tick carried), and no call is refused as busy."""
    now = now_second()
    seed_rising_feed(pg_engine, now - timedelta(minutes=5), 5 * 60 + 30)
    slots = [now - timedelta(seconds=s) for s in range(40, 0, -5)]
    settings = make_settings(pg_url, temporal_task_queue=task_queue)
    client = temporal_env.client
    async with local_models(["EchoTracker"], model_timeout=5.0) as (_, make_runner):
        runner = make_runner()
        async with running_worker(client, settings, runner=runner):
            await connected(runner, 1)
            handles = [await client.start_workflow(
                PredictionRoundWorkflow.run, round_input(slot, model_timeout_seconds=5.0),
                id=f"round-{uuid.uuid4().hex[:8]}", task_queue=task_queue) for slot in slots]
            results = await asyncio.gather(*(h.result() for h in handles))

    assert all(r.counts.scored == 1 for r in results), results
    with Session(pg_engine) as session:
        asof = {i.id: i.payload["asof_ts"] for i in session.execute(select(Input)).scalars()}
        predictions = session.execute(select(Prediction)).scalars().all()
    assert len(predictions) == len(slots) and len(set(asof.values())) == len(slots)
    assert all(p.output is not None and p.output["value"] == asof[p.input_id]
               for p in predictions)
