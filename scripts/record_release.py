"""Record what this release leaves behind, so later releases can be tested against it.

Run on demand, once per release, before workflow code changes:

    .venv/bin/python scripts/record_release.py            # writes tests/releases/<version>/

It starts a real Temporal dev server and the node's real worker on a fresh Postgres database,
drives every workflow type down each of its paths, and writes
- `histories/<name>.json`: each workflow run's event history (replayed by
  tests/upgrade/test_replay_releases.py against the current workflow code), and
- `postgres.sql` (pg_dump) and `sqlite.db`: the database the runs wrote (migrated to head and
  served by the API in tests/upgrade/test_database_upgrade.py), and
- `migrations.json`: the released migrations' fingerprints (never edited afterwards).

Paths recorded: a round that scores, one that expires (its feed never comes), one whose model
call is lost; a snapshot cycle; a checkpoint BUILDING → PENDING → SUBMITTED → CLAIMABLE → PAID
with concurrent confirms and a refused Signal, and one NOT_BUILT; the schedule's checkpoint
trigger; feed ingest across a continue-as-new; a backfill; feed retention.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import shutil
import subprocess
import sys
import uuid
from collections.abc import AsyncIterator, Awaitable, Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from contextlib import asynccontextmanager
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import psycopg2
from sqlalchemy import insert, select
from sqlmodel import SQLModel
from temporalio.client import Client, ScheduleOverlapPolicy, WorkflowHandle
from temporalio.contrib.pydantic import pydantic_data_converter
from temporalio.testing import WorkflowEnvironment

import coordinator_node
from coordinator_node.checkpoints.messages import (
    CheckpointInput,
    CheckpointTrigger,
    ConfirmRequest,
    StatusRequest,
)
from coordinator_node.client.schedules import interval_schedule
from coordinator_node.db import create_db_engine, migrate
from coordinator_node.db.engine import upgrade_fingerprints
from coordinator_node.feeds.messages import BackfillInput, FeedIngestInput, FeedRef, RetentionInput
from coordinator_node.ids import checkpoint_id, checkpoint_workflow_id, ingest_workflow_id
from coordinator_node.rounds.messages import RoundInput, SnapshotInput
from coordinator_node.runners.base import ModelIdentity, ModelRunner, ModelTurn, Step
from coordinator_node.runners.in_process import InProcessRunner
from coordinator_node.services import open_services
from coordinator_node.settings import Settings
from coordinator_node.temporal import SEARCH_ATTRIBUTES
from coordinator_node.worker import ACTIVITY_THREADS, build_worker
from coordinator_node.workflows.checkpoints import CheckpointScheduleWorkflow, CheckpointWorkflow
from coordinator_node.workflows.feeds import (
    BackfillWorkflow,
    FeedIngestWorkflow,
    FeedRetentionWorkflow,
)
from coordinator_node.workflows.rounds import PredictionRoundWorkflow
from coordinator_node.workflows.snapshots import SnapshotWorkflow

REPO_ROOT = Path(__file__).resolve().parent.parent
CRUNCH = "release-crunch"
BTC_1S = FeedRef(source="synthetic", subject="BTC", kind="candle", granularity="1s")
NEVER_INGESTED = FeedRef(source="synthetic", subject="ETH", kind="candle", granularity="1s")


# --- models: plain objects called in process (the model transport is not in the history) ---
class Constant:
    def __init__(self, value: float) -> None:
        self.value = value

    def tick(self, data: Any) -> None:
        return None

    def predict(self, subject: str, horizon_seconds: int, step_seconds: int) -> dict[str, Any]:
        return {"value": self.value}


class Raising(Constant):
    def predict(self, subject: str, horizon_seconds: int, step_seconds: int) -> dict[str, Any]:
        raise RuntimeError("model exploded")


def identity(name: str, cruncher: str) -> ModelIdentity:
    return ModelIdentity(model_id=f"model-{name}", model_name=name,
                         cruncher_id=f"cruncher-{cruncher}", cruncher_name=cruncher,
                         deployment_id=f"deployment-{name}")


MODELS: dict[ModelIdentity, Any] = {
    identity("up", "alice"): Constant(1.0),
    identity("down", "bob"): Constant(-1.0),
    identity("small-up", "carol"): Constant(0.2),
    identity("raising", "dave"): Raising(0.0),
}


class LostCallRunner(InProcessRunner):
    """The orchestrator connection drops during the call: the predict activity fails."""

    async def call_in_turn(self, steps: Sequence[Step], timeout_seconds: float | None = None,
                           budget_seconds: float | None = None) -> list[ModelTurn]:
        raise ConnectionError("model orchestrator connection lost mid-call")


# --- plumbing ---------------------------------------------------------------------------
def venv_binary(name: str) -> str:
    beside = Path(sys.executable).parent / name
    found = str(beside) if beside.exists() else shutil.which(name)
    if not found:
        raise SystemExit(f"{name} not found: pip install -e '.[dev]'")
    return found


@asynccontextmanager
async def worker(client: Client, settings: Settings, runner: ModelRunner) -> AsyncIterator[None]:
    async with open_services(settings, runner=runner) as services:
        with ThreadPoolExecutor(ACTIVITY_THREADS) as executor:
            async with build_worker(client, services, executor):
                yield


async def eventually(check: Callable[[], Awaitable[Any]], what: str, within: float = 120) -> Any:
    deadline = asyncio.get_running_loop().time() + within
    while True:
        value = await check()
        if value:
            return value
        if asyncio.get_running_loop().time() > deadline:
            raise SystemExit(f"gave up waiting for {what}")
        await asyncio.sleep(0.2)


class Recorder:
    def __init__(self, out: Path) -> None:
        self.dir = out / "histories"
        self.dir.mkdir(parents=True, exist_ok=True)
        self.names: list[str] = []

    async def save(self, name: str, path: str, handle: WorkflowHandle[Any, Any]) -> None:
        history = await handle.fetch_history()
        started = history.events[0].workflow_execution_started_event_attributes
        document = {"workflow_type": started.workflow_type.name, "path": path,
                    "workflow_id": history.workflow_id,
                    "recorded_with": f"coordinator-node {coordinator_node.__version__}",
                    "history": json.loads(history.to_json())}
        (self.dir / f"{name}.json").write_text(json.dumps(document, indent=1) + "\n")
        self.names.append(name)
        print(f"  {name}: {started.workflow_type.name}, {len(history.events)} events")


def now_second() -> datetime:
    return datetime.now(UTC).replace(microsecond=0)


def round_input(slot: datetime, config_id: str, feed: FeedRef = BTC_1S) -> RoundInput:
    return RoundInput(crunch_id=CRUNCH, config_id=config_id, subject=feed.subject,
                      horizon_seconds=3, interval_seconds=1, feed=feed, window_size=30,
                      model_timeout_seconds=2.0, resolve_deadline_seconds=4,
                      resolve_poll_seconds=1, slot=slot)


# --- the scenarios ----------------------------------------------------------------------
async def record(client: Client, settings: Settings, out: Path) -> None:
    rec = Recorder(out)
    queue = settings.temporal_task_queue

    # Feed ingest: backfill a few minutes, then stream; the first run rolls over after a
    # one-minute live session (continue-as-new) and the second run is recorded too.
    ingest = await client.start_workflow(
        FeedIngestWorkflow.run,
        FeedIngestInput(feed=BTC_1S, crunch_id=CRUNCH, backfill_days=300 / 86400,
                        live_session_minutes=1),
        id=ingest_workflow_id(CRUNCH, BTC_1S), task_queue=queue)
    first_run = ingest.result_run_id

    async def live() -> bool:
        status = await ingest.query(FeedIngestWorkflow.status)
        return status.state == "LIVE" and status.rows > 0
    await eventually(live, "the feed to go live")
    await asyncio.sleep(3)

    # Rounds: one scores; one reads a feed that never arrives and expires.
    scored_slot = now_second() - timedelta(seconds=1)
    scored = [await client.start_workflow(
        PredictionRoundWorkflow.run, round_input(scored_slot - timedelta(seconds=s), "btc-3s"),
        id=f"round/{CRUNCH}/btc-3s/{s}", task_queue=queue) for s in (0, 1, 2)]
    expired = await client.start_workflow(
        PredictionRoundWorkflow.run, round_input(scored_slot, "eth-3s", NEVER_INGESTED),
        id=f"round/{CRUNCH}/eth-3s", task_queue=queue)
    results = await asyncio.gather(*(h.result() for h in [*scored, expired]))
    assert [r.status for r in results] == ["RESOLVED"] * 3 + ["EXPIRED"], results
    assert results[0].counts.scored == 3 and results[0].counts.failed == 1, results[0]
    await rec.save("round-scored", "a round that scores (3 models scored, 1 failed)", scored[0])
    await rec.save("round-expired", "ground truth never arrives: the input EXPIRES", expired)

    # A round whose model call is lost: a worker of its own whose runner drops the call.
    lost_queue = f"{queue}-lost"
    lost_settings = settings.model_copy(update={"temporal_task_queue": lost_queue})
    async with worker(client, lost_settings, LostCallRunner(MODELS)):
        lost = await client.start_workflow(
            PredictionRoundWorkflow.run, round_input(now_second(), "btc-3s-lost"),
            id=f"round/{CRUNCH}/btc-3s-lost", task_queue=lost_queue)
        lost_result = await lost.result()
    assert lost_result.counts.absent == len(MODELS), lost_result
    await rec.save("round-model-call-lost", "the model call is lost: every model ABSENT", lost)

    # A snapshot cycle over the scored rounds, then the leaderboard.
    snapshot = await client.start_workflow(
        SnapshotWorkflow.run,
        SnapshotInput(crunch_id=CRUNCH, period_seconds=3600,
                      period_end=now_second() + timedelta(seconds=1)),
        id=f"snapshots/{CRUNCH}/cycle", task_queue=queue)
    assert (await snapshot.result()).snapshots == 3
    await rec.save("snapshot-cycle", "snapshots for 3 models, then the leaderboard", snapshot)

    # A checkpoint through its whole lifecycle.
    end = now_second()
    the_id = checkpoint_id(CRUNCH, end)
    paid = await client.start_workflow(
        CheckpointWorkflow.run,
        CheckpointInput(crunch_id=CRUNCH, period_end=end, crunch_pubkey="CrunchPubkey111",
                        compute_provider="ComputePubkey111", data_provider="DataPubkey111"),
        id=checkpoint_workflow_id(the_id), task_queue=queue)

    async def pending() -> bool:
        return (await paid.query(CheckpointWorkflow.state)).status == "PENDING"
    await eventually(pending, "the checkpoint to be built")
    answers = await asyncio.gather(*(
        paid.execute_update(CheckpointWorkflow.confirm, ConfirmRequest(tx_hash="0xfeed"))
        for _ in range(8)))
    assert {a.status for a in answers} == {"SUBMITTED"}
    await paid.signal(CheckpointWorkflow.on_chain_status, StatusRequest(status="PAID"))  # refused
    await paid.signal(CheckpointWorkflow.on_chain_status, StatusRequest(status="CLAIMABLE"))

    async def claimable() -> bool:
        return (await paid.query(CheckpointWorkflow.state)).status == "CLAIMABLE"
    await eventually(claimable, "the checkpoint to be CLAIMABLE")
    await paid.execute_update(CheckpointWorkflow.set_status,
                              StatusRequest(status="PAID", actor="cli"))
    final = await paid.result()
    assert final.status == "PAID" and len(final.rejected) == 1, final
    await rec.save("checkpoint-paid", "BUILDING → PENDING → SUBMITTED (8 concurrent confirms) → "
                   "CLAIMABLE (after a refused Signal) → PAID", paid)

    # A period with no snapshot: NOT_BUILT.
    await asyncio.sleep(1.5)
    empty_end = now_second()
    empty = await client.start_workflow(
        CheckpointWorkflow.run, CheckpointInput(crunch_id=CRUNCH, period_end=empty_end),
        id=checkpoint_workflow_id(checkpoint_id(CRUNCH, empty_end)), task_queue=queue)
    assert (await empty.result()).status == "NOT_BUILT"
    await rec.save("checkpoint-not-built", "a period with no ranked model: NOT_BUILT", empty)

    # The Schedule's trigger: a real Schedule, triggered once; it starts the period's
    # checkpoint workflow, which is left PENDING (with the rows a new round scores first).
    late = [await client.start_workflow(
        PredictionRoundWorkflow.run, round_input(now_second() - timedelta(seconds=1), "btc-3s"),
        id=f"round/{CRUNCH}/btc-3s/late", task_queue=queue)]
    await late[0].result()
    late_end = now_second() + timedelta(seconds=1)  # a cycle that starts where `paid` ended
    late_snapshot = await client.start_workflow(
        SnapshotWorkflow.run,
        SnapshotInput(crunch_id=CRUNCH, period_end=late_end,
                      period_seconds=int((late_end - end).total_seconds())),
        id=f"snapshots/{CRUNCH}/late", task_queue=queue)
    await late_snapshot.result()
    schedule = await client.create_schedule(
        f"checkpoints/{CRUNCH}", interval_schedule(
            CheckpointScheduleWorkflow.run,
            CheckpointTrigger(crunch_id=CRUNCH, period_seconds=7 * 86400,
                              crunch_pubkey="CrunchPubkey111"),
            every=timedelta(days=7), workflow_id=f"checkpoint-trigger/{CRUNCH}",
            task_queue=queue, overlap=ScheduleOverlapPolicy.BUFFER_ALL,
            catchup_window=timedelta(days=7)))
    await schedule.trigger()

    async def triggered() -> Any:
        actions = (await schedule.describe()).info.recent_actions
        return actions[0] if actions else None
    action = await eventually(triggered, "the schedule to start its trigger")
    trigger = client.get_workflow_handle(action.action.workflow_id)
    trigger_result = await trigger.result()
    assert trigger_result.endswith(": started"), trigger_result
    await rec.save("checkpoint-schedule-trigger", "the Schedule starts the period's checkpoint",
                   trigger)
    await schedule.delete()
    scheduled_id = trigger_result.split(": ")[0]
    scheduled = client.get_workflow_handle(checkpoint_workflow_id(scheduled_id))

    async def scheduled_pending() -> bool:
        return (await scheduled.query(CheckpointWorkflow.state)).status == "PENDING"
    await eventually(scheduled_pending, "the scheduled checkpoint to be built")
    await rec.save("checkpoint-pending", "built by the schedule, waiting PENDING", scheduled)

    # A backfill of a past range, and feed retention.
    start = now_second().replace(second=0) - timedelta(hours=3)
    backfill = await client.start_workflow(
        BackfillWorkflow.run,
        BackfillInput(feed=FeedRef(source="synthetic", subject="BTC", kind="candle",
                                   granularity="1m"),
                      start=start, end=start + timedelta(hours=2)),
        id=f"feed-backfill/{CRUNCH}/synthetic/BTC/candle/1m", task_queue=queue)
    assert (await backfill.result()).rows == 120
    await rec.save("backfill", "a past range filled page by page", backfill)
    retention = await client.start_workflow(
        FeedRetentionWorkflow.run, RetentionInput(retention_days=90),
        id=f"feed-retention/{CRUNCH}", task_queue=queue)
    await retention.result()
    await rec.save("feed-retention", "old feed records purged", retention)

    # The ingest's first run ends in continue-as-new; record it and the run that follows.
    async def rolled_over() -> bool:
        return (await ingest.describe()).run_id != first_run
    await eventually(rolled_over, "the feed ingest to continue as new", within=150)
    await rec.save("feed-ingest-first-run", "backfill, live session, continue-as-new",
                   client.get_workflow_handle(ingest.id, run_id=first_run))
    await asyncio.sleep(2)
    await ingest.terminate("recording done")
    await rec.save("feed-ingest-continued", "the run after continue-as-new (terminated)",
                   client.get_workflow_handle(ingest.id))
    await scheduled.terminate("recording done: the PENDING row stays in the database")
    print(f"recorded {len(rec.names)} histories")


# --- the database fixtures ---------------------------------------------------------------
def copy_to_sqlite(pg_url: str, sqlite_path: Path) -> None:
    """The same rows in an embedded database whose schema this release's migrations made."""
    sqlite_path.unlink(missing_ok=True)
    sqlite_url = f"sqlite:///{sqlite_path}"
    migrate(sqlite_url)
    source, target = create_db_engine(pg_url), create_db_engine(sqlite_url)
    with source.connect() as reading, target.begin() as writing:
        for table in SQLModel.metadata.sorted_tables:
            rows = [dict(r._mapping) for r in reading.execute(select(table))]
            if rows:
                writing.execute(insert(table), rows)
    source.dispose()
    target.dispose()
    with target.connect() as conn:
        conn.exec_driver_sql("VACUUM")


def pg_dump(pg_url: str, out: Path) -> None:
    dump = subprocess.run(["pg_dump", "--no-owner", "--no-privileges", "--format=plain",
                           pg_url], check=True, capture_output=True, text=True).stdout
    out.write_text(dump)


async def run(out: Path, pg_admin_url: str) -> None:
    name = f"cn_release_{uuid.uuid4().hex[:8]}"
    admin = psycopg2.connect(pg_admin_url)
    admin.autocommit = True
    admin.cursor().execute(f'CREATE DATABASE "{name}"')
    pg_url = pg_admin_url.rsplit("/", 1)[0] + f"/{name}"
    try:
        migrate(pg_url)
        env = await WorkflowEnvironment.start_local(
            dev_server_existing_path=venv_binary("temporal"), search_attributes=SEARCH_ATTRIBUTES,
            data_converter=pydantic_data_converter,
            dev_server_extra_args=["--log-level", "error"])
        try:
            settings = Settings(_env_file=None, database_url=pg_url,
                                crunch_id=CRUNCH, temporal_task_queue=f"release-{name}",
                                feed_source="synthetic", feed_subjects=["BTC"],
                                feed_granularity="1s")
            async with worker(env.client, settings, InProcessRunner(MODELS)):
                await record(env.client, settings, out)
        finally:
            await env.shutdown()
        (out / "migrations.json").write_text(json.dumps(upgrade_fingerprints(), indent=1))
        pg_dump(pg_url, out / "postgres.sql")
        copy_to_sqlite(pg_url, out / "sqlite.db")
        print(f"wrote {out}")
    finally:
        admin.cursor().execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--out", type=Path,
                        default=REPO_ROOT / "tests" / "releases" / coordinator_node.__version__)
    parser.add_argument("--pg-admin-url", default="postgresql://postgres@127.0.0.1:5432/postgres")
    parser.add_argument("--force", action="store_true",
                        help="replace an existing recording (only before the release ships)")
    args = parser.parse_args()
    if args.out.exists():
        if not args.force:
            raise SystemExit(f"{args.out} exists: a shipped release's recording is never "
                             "replaced (bump the version, or --force before it ships)")
        shutil.rmtree(args.out)
    args.out.mkdir(parents=True)
    asyncio.run(run(args.out, args.pg_admin_url))


if __name__ == "__main__":
    main()
