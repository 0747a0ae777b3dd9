"""Prediction rounds on a real Temporal server: what the engine adds on top of the models' own
latency, and how many rounds a worker sustains.

1. One round at a time with 10 / 100 / 1000 models that answer instantly (so every second
   measured is the engine's), the horizon already passed: capture → persisted predictions
   (capture scheduled → predict completed, from the history), the predict activity, the whole
   round (capture, tick + predict, resolve, score), and history events per round (they must
   not grow with the model count).
2. Sustained rounds: many prediction configs at once (one round each, all started together)
   on one worker process, then on two (Temporal spreads the tasks; the ratio says how well
   a second worker adds up), each in rounds/s at growing numbers of rounds in flight, until
   it saturates.

    .venv/bin/python bench/rounds.py [--database-url URL] [--temporal-address HOST:PORT]
                                     [--models 10,100,1000] [--in-flight 10,40,160]

Without --temporal-address it starts its own Temporal dev server on ports the OS picks.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import signal
import statistics
import subprocess
import sys
import time
import uuid
from collections.abc import AsyncIterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from contextlib import asynccontextmanager
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from temporalio.api.enums.v1 import EventType
from temporalio.client import Client
from temporalio.testing import WorkflowEnvironment

from bench._db import add_database_argument, backend, database_url, print_table, scratch_database
from coordinator_node.contract import DEFAULT_CONTRACT
from coordinator_node.db import create_db_engine, session_scope
from coordinator_node.feeds.messages import FeedRef
from coordinator_node.feeds.store import store_rows
from coordinator_node.feeds.types import FeedRow
from coordinator_node.rounds.messages import RoundInput
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
from coordinator_node.temporal import SEARCH_ATTRIBUTES, connect
from coordinator_node.worker import ACTIVITY_THREADS, build_worker
from coordinator_node.workflows.rounds import PredictionRoundWorkflow

FEED = FeedRef(source="bench", subject="BTC", kind="candle", granularity="1s")
FEED_SECONDS = 3600
HORIZON = 60
INTERVAL = 15


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


def seed_feed(url: str, end: datetime) -> datetime:
    """An hour of 1-second candles ending at `end`; returns the first candle's time."""
    start = end - timedelta(seconds=FEED_SECONDS)
    rows = [FeedRow(ts_event=start + timedelta(seconds=i),
                    values={"open": 100.0 + i % 50, "high": 101.0 + i % 50,
                            "low": 99.0 + i % 50, "close": 100.0 + (i * 7) % 53,
                            "volume": 1.0}) for i in range(FEED_SECONDS + 1)]
    engine = create_db_engine(url)
    for i in range(0, len(rows), 5000):
        with session_scope(engine) as session:
            store_rows(session, FEED.key, rows[i:i + 5000])
    engine.dispose()
    return start


def round_input(config_id: str, slot: datetime) -> RoundInput:
    return RoundInput(crunch_id="bench", config_id=config_id, subject="BTC",
                      horizon_seconds=HORIZON, interval_seconds=INTERVAL, feed=FEED, slot=slot)


@asynccontextmanager
async def temporal(address: str | None) -> AsyncIterator[str]:
    """The address of the given Temporal server, or of a dev server started here."""
    if address:
        yield address
        return
    env = await WorkflowEnvironment.start_local(
        search_attributes=SEARCH_ATTRIBUTES,
        dev_server_existing_path=str(Path(sys.executable).parent / "temporal"),
        dev_server_extra_args=["--log-level", "error"])
    try:
        yield env.client.service_client.config.target_host
    finally:
        await env.shutdown()


def _seconds_between(history: list[Any], first: str, last: str) -> float:
    """From `first` activity's scheduled event to `last` activity's completed event."""
    scheduled: dict[int, tuple[str, datetime]] = {}
    begin = end = None
    for event in history:
        if event.event_type == EventType.EVENT_TYPE_ACTIVITY_TASK_SCHEDULED:
            attrs = event.activity_task_scheduled_event_attributes
            scheduled[event.event_id] = (attrs.activity_type.name, event.event_time.ToDatetime())
            if attrs.activity_type.name == first and begin is None:
                begin = event.event_time.ToDatetime()
        if event.event_type == EventType.EVENT_TYPE_ACTIVITY_TASK_COMPLETED:
            attrs = event.activity_task_completed_event_attributes
            name, _ = scheduled.get(attrs.scheduled_event_id, ("", None))
            if name == last:
                end = event.event_time.ToDatetime()
    if begin is None or end is None:
        return float("nan")
    return (end - begin).total_seconds()


async def bench_single(address: str, url: str, model_counts: list[int],
                       rounds: int) -> list[list[str]]:
    client = await connect(Settings(temporal_address=address))
    table = []
    for count in model_counts:
        with scratch_database(url) as scratch:
            now = datetime.now(UTC).replace(microsecond=0)
            seed_feed(scratch, now)
            settings = Settings(database_url=scratch, temporal_address=address,
                                temporal_task_queue=f"bench-{uuid.uuid4().hex[:8]}")
            services = Services(settings=settings, contract=DEFAULT_CONTRACT,
                                engine=create_db_engine(scratch), runner=InstantRunner(count))
            walls, captures, predicts, events = [], [], [], []
            with ThreadPoolExecutor(ACTIVITY_THREADS) as executor:
                async with build_worker(client, services, executor):
                    for r in range(rounds + 1):  # the first one warms up, not counted
                        slot = now - timedelta(seconds=600 - INTERVAL * r)  # horizon passed
                        began = time.perf_counter()
                        handle = await client.start_workflow(
                            PredictionRoundWorkflow.run, round_input("bench", slot),
                            id=f"bench-{uuid.uuid4().hex[:8]}",
                            task_queue=settings.temporal_task_queue)
                        await handle.result()
                        wall = time.perf_counter() - began
                        history = [e async for e in handle.fetch_history_events()]
                        if r == 0:
                            continue
                        walls.append(wall)
                        events.append(len(history))
                        captures.append(_seconds_between(history, "capture_input", "predict"))
                        predicts.append(_seconds_between(history, "predict", "predict"))
            services.engine.dispose()
        table.append([f"{count:,}", f"{statistics.median(captures) * 1000:.0f} ms",
                      f"{statistics.median(predicts) * 1000:.0f} ms",
                      f"{statistics.median(walls) * 1000:.0f} ms", str(max(events))])
    return table


# --- sustained rounds: worker processes ---------------------------------------------------
async def serve_worker(address: str, url: str, task_queue: str, models: int) -> None:
    """A worker process of the sustained bench, until SIGTERM."""
    stop = asyncio.Event()
    asyncio.get_running_loop().add_signal_handler(signal.SIGTERM, stop.set)
    settings = Settings(database_url=url, temporal_address=address, temporal_task_queue=task_queue)
    client = await connect(settings)
    services = Services(settings=settings, contract=DEFAULT_CONTRACT,
                        engine=create_db_engine(url), runner=InstantRunner(models))
    with ThreadPoolExecutor(ACTIVITY_THREADS) as executor:
        async with build_worker(client, services, executor):
            print("ready", flush=True)
            await stop.wait()
    services.engine.dispose()


def start_workers(count: int, address: str, url: str, task_queue: str,
                  models: int) -> list[subprocess.Popen[str]]:
    workers = [subprocess.Popen(
        [sys.executable, __file__, "--serve-worker", "--temporal-address", address,
         "--database-url", url, "--task-queue", task_queue, "--sustained-models", str(models)],
        stdout=subprocess.PIPE, text=True, env={**os.environ}) for _ in range(count)]
    for worker in workers:
        assert worker.stdout is not None
        if worker.stdout.readline().strip() != "ready":
            raise RuntimeError("a bench worker did not start")
    return workers


def stop_workers(workers: list[subprocess.Popen[str]]) -> None:
    for worker in workers:
        worker.send_signal(signal.SIGTERM)
    for worker in workers:
        worker.wait(timeout=30)


def cpu_seconds(pids: list[int]) -> float:
    """User + system CPU time of these processes so far (Linux /proc; 0 elsewhere)."""
    total = 0.0
    for pid in pids:
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        total += (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    return total


def children(name: str) -> list[int]:
    """This process's child processes whose command is `name` (the Temporal dev server the
    SDK started)."""
    found = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            text = stat.read_text()
        except OSError:
            continue
        comm = text[text.index("(") + 1:text.rindex(")")]
        ppid = int(text.rsplit(")", 1)[1].split()[1])
        if ppid == os.getpid() and comm == name:
            found.append(int(stat.parent.name))
    return found


@dataclass
class Batch:
    rate: float  # rounds/s
    worker_cpu: float  # cores the worker processes used, on average
    server_cpu: float  # cores the Temporal dev server used (nan: an external server)


async def run_batch(client: Client, task_queue: str, start: datetime, batch: int,
                    in_flight: int, workers: list[int], server: list[int]) -> Batch:
    """`in_flight` rounds of as many configs, started together; rounds/s until all are done,
    and the CPU the workers and the server used meanwhile."""
    worker_before, server_before = cpu_seconds(workers), cpu_seconds(server)
    began = time.perf_counter()
    handles = await asyncio.gather(*(client.start_workflow(
        PredictionRoundWorkflow.run,
        round_input(f"cfg-{batch}-{i}", start + timedelta(seconds=INTERVAL * (i % 100))),
        id=f"bench-{uuid.uuid4().hex[:10]}", task_queue=task_queue) for i in range(in_flight)))
    await asyncio.gather(*(handle.result() for handle in handles))
    wall = time.perf_counter() - began
    return Batch(in_flight / wall, (cpu_seconds(workers) - worker_before) / wall,
                 (cpu_seconds(server) - server_before) / wall if server else float("nan"))


async def bench_sustained(address: str, url: str, in_flight: list[int],
                          models: int) -> list[list[str]]:
    client = await connect(Settings(temporal_address=address))
    server = children("temporal")
    batches: dict[int, dict[int, Batch]] = {}
    with scratch_database(url) as scratch:
        now = datetime.now(UTC).replace(microsecond=0)
        first = seed_feed(scratch, now)
        start = first + timedelta(seconds=600)  # a full input window before every slot
        for workers_count in (1, 2):
            task_queue = f"bench-{uuid.uuid4().hex[:8]}"
            workers = start_workers(workers_count, address, scratch, task_queue, models)
            pids = [w.pid for w in workers]
            try:
                await run_batch(client, task_queue, start, -workers_count, 4, pids, server)
                batches[workers_count] = {}
                for batch, count in enumerate(in_flight):
                    batches[workers_count][count] = await run_batch(
                        client, task_queue, start, batch + 10 * workers_count, count, pids,
                        server)
            finally:
                stop_workers(workers)

    def cores(value: float) -> str:
        return "-" if value != value else f"{value:.2f}"

    rows = []
    for count in in_flight:
        one, two = batches[1][count], batches[2][count]
        rows.append([f"{count:,}", f"{one.rate:.1f}", cores(one.worker_cpu),
                     cores(one.server_cpu), f"{two.rate:.1f}", cores(two.worker_cpu),
                     cores(two.server_cpu), f"{two.rate / one.rate:.2f}x"])
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    add_database_argument(parser)
    parser.add_argument("--temporal-address", default=None,
                        help="an existing Temporal server (default: start a dev server)")
    parser.add_argument("--models", default="10,100,1000",
                        help="model counts of the one-round-at-a-time part")
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--in-flight", default="10,40,160",
                        help="rounds started together in the sustained part ('' skips it)")
    parser.add_argument("--sustained-models", type=int, default=10,
                        help="models per round in the sustained part")
    parser.add_argument("--serve-worker", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--task-queue", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.serve_worker:
        asyncio.run(serve_worker(args.temporal_address, args.database_url, args.task_queue,
                                 args.sustained_models))
        return
    url = database_url(args.database_url)

    async def run() -> None:
        async with temporal(args.temporal_address) as address:
            if args.models:
                single = await bench_single(address, url, [int(n) for n in
                                                           args.models.split(",")],
                                            args.rounds)
                print_table(f"One round at a time, instant models ({backend(url)}, "
                            f"median of {args.rounds})",
                            ["models", "capture → persisted predictions", "predict activity",
                             "whole round", "history events/round"], single)
            if args.in_flight:
                sustained = await bench_sustained(address, url, [int(n) for n in
                                                                 args.in_flight.split(",")],
                                                  args.sustained_models)
                print_table(f"Sustained rounds, {args.sustained_models} instant models each "
                            f"({backend(url)}; rounds/s from the first start to the last "
                            "end; CPU in cores used meanwhile by the worker processes and the "
                            f"Temporal server, of {os.cpu_count()})",
                            ["rounds in flight", "1 worker: rounds/s", "worker CPU",
                             "server CPU", "2 workers: rounds/s", "workers CPU",
                             "server CPU", "ratio"], sustained)

    asyncio.run(run())


if __name__ == "__main__":
    main()
