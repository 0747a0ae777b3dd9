"""`make chaos` (`python -m chaos.run`): the node as an operator runs it, under faults.

A Postgres cluster and a Temporal dev server of the suite's own (free ports, a temp dir), the
local model orchestrator with one `model-runner` process (the real model runtime) per model
code directory, the worker and the API (with API_KEY, outside dev mode) as separate
processes, on a fast prediction config (every 3 s, horizon 6 s) with a slow model
(chaos/models/slow) and a slow scoring function (chaos/competition.py). Then: the worker
SIGKILLed at least 10 times (aimed inside predict, inside scoring, and at random moments),
the Temporal server killed -9 and restarted on its state file, Postgres stopped as by a crash
and restarted, a checkpoint created with the CLI and hit by 200 concurrent confirm / status
calls mixed with 200 report reads, and schemathesis against the live API. It prints the
figures and exits 1 when a target is missed.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import warnings
from collections import Counter
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import httpx
from sqlalchemy import Engine, text
from temporalio.api.enums.v1 import PendingActivityState
from temporalio.client import Client, WorkflowExecutionStatus
from temporalio.contrib.pydantic import pydantic_data_converter

from chaos.burst import ANSWER_WITHIN, BurstResult, HealthLog, burst, poll_health
from chaos.figures import RoundFigures, round_figures, submitted_rows
from chaos.processes import (
    Child,
    Postgres,
    free_port,
    log_tail,
    model_runner,
    port_open,
    temporal_server,
)
from coordinator_node.db import create_db_engine, migrate
from coordinator_node.ids import round_schedule_id
from coordinator_node.runners.local.cluster import model_identity
from coordinator_node.settings import LEGACY_NAMES, POSTGRES_PARTS, Settings

REPO = Path(__file__).resolve().parent.parent
CRUNCH = "chaos-crunch"
CONFIG = "chaos-btc-6s-every-3s"
INTERVAL, HORIZON = 3, 6
# Model code directories, as participants submit them: the template's three examples and a
# slow one of the suite's own. Each is served by a `model-runner` process of its own.
MODEL_DIRS = [*(REPO / "template" / "models" / name
                for name in ("momentum", "mean_reversion", "contrarian")),
              REPO / "chaos" / "models" / "slow"]
MODEL_IDS = [str(model_identity(d.name)["model_id"]) for d in MODEL_DIRS]
MODELS_START_SECONDS = 240  # each model-runner imports pandas & co.; the machine is shared
TIME_LIMIT_SECONDS = 10 * 60  # the whole run, start-up included: CI never hangs on it
DELAY_TARGET = 60.0  # seconds from a round's horizon to its resolution, across all faults
STARTED = PendingActivityState.PENDING_ACTIVITY_STATE_STARTED
# Where each aimed kill should land: the round stage (search attribute) and its activity.
AIMS = {"predict": ("PREDICTING", "predict"), "scoring": ("SCORING", "score")}


def say(message: str) -> None:
    print(f"[chaos {time.strftime('%X')}] {message}", flush=True)


def node_env(pg_url: str, temporal_port: int, models_port: int, api_port: int,
             api_key: str, configs: Path) -> dict[str, str]:
    """The node's settings for every process; none leaks in from the caller's environment."""
    ours = {name.upper() for name in Settings.model_fields} | set(LEGACY_NAMES) \
        | set(POSTGRES_PARTS)
    env = {k: v for k, v in os.environ.items() if k.upper() not in ours}
    env.update({
        "DATABASE_URL": pg_url, "TEMPORAL_ADDRESS": f"127.0.0.1:{temporal_port}",
        "TEMPORAL_TASK_QUEUE": "chaos", "CRUNCH_ID": CRUNCH, "DEV_MODE": "false",
        "CONTRACT": "chaos.competition:CONTRACT",
        "SCORING_FUNCTION": "chaos.competition:slow_score",
        "SCHEDULED_PREDICTION_CONFIGS_PATH": str(configs),
        "FEED_SOURCE": "synthetic", "FEED_SUBJECTS": "BTC", "FEED_KIND": "candle",
        "FEED_GRANULARITY": "1s", "FEED_BACKFILL_DAYS": "0.005",
        "MODEL_RUNNER_HOST": "127.0.0.1", "MODEL_RUNNER_PORT": str(models_port),
        "WORKER_METRICS_PORT": "0",  # workers restart often here; no endpoint to rebind
        "MODEL_RUNNER_TIMEOUT_SECONDS": "5",
        "LOCAL_MODELS": ",".join(str(d) for d in MODEL_DIRS),
        "LOCAL_MODEL_RUNNER": str(model_runner()),
        "SNAPSHOT_INTERVAL_SECONDS": "20", "CHECKPOINT_INTERVAL_SECONDS": "0",
        "RESOLVE_DEADLINE_SECONDS": "120",
        "API_HOST": "127.0.0.1", "API_PORT": str(api_port), "API_KEY": api_key,
        "PYTHONPATH": os.pathsep.join([str(REPO), str(REPO / "template")]),
        "PYTHONUNBUFFERED": "1",
    })
    return env


class Stack:
    """Every process of the run; `stop()` ends them all and is safe to call at any point."""

    def __init__(self, workdir: Path, api_key: str) -> None:
        self.workdir = workdir
        self.api_key = api_key
        self.pg = Postgres(workdir)
        self.temporal, self.temporal_port = temporal_server(workdir)
        self.models_port, self.api_port = free_port(), free_port()
        configs = workdir / "configs.json"
        configs.write_text(json.dumps([{
            "scope_key": CONFIG,
            "scope_template": {"subject": "BTC", "horizon": HORIZON, "step": INTERVAL},
            "schedule": {"prediction_interval_seconds": INTERVAL,
                         "resolve_after_seconds": HORIZON}}]))
        self.env = node_env(self.pg.url, self.temporal_port, self.models_port, self.api_port,
                            api_key, configs)
        py = sys.executable
        self.models_status = workdir / "models.json"
        self.models = self._child("models", [py, "-m", "coordinator_node.runners.local",
                                             "--status-file", str(self.models_status)])
        self.worker = self._child("worker", [py, "-m", "coordinator_node", "worker"])
        self.api = self._child("api", [py, "-m", "coordinator_node", "api"])
        self.expected_down: set[str] = set()  # children the suite itself has stopped
        self.unexpected_exits: list[str] = []

    def _child(self, name: str, argv: list[str]) -> Child:
        # The work dir as cwd: no `.env` of a developer's checkout is read.
        return Child(name, argv, self.workdir / f"{name}.log", self.env, self.workdir)

    @property
    def api_url(self) -> str:
        return f"http://127.0.0.1:{self.api_port}"

    @property
    def node_children(self) -> list[Child]:
        return [self.models, self.worker, self.api]

    def start(self) -> None:
        # The model processes take longest to start: they start first, the rest meanwhile.
        self.models.start()
        self.pg.init()
        say(f"postgres on 127.0.0.1:{self.pg.port} ({self.pg.data})")
        self.temporal.start()
        wait_port(self.temporal_port, "Temporal dev server", self.temporal)
        say(f"temporal dev server on 127.0.0.1:{self.temporal_port}")
        migrate(self.pg.url)
        wait_file(self.models_status, "local models", self.models, MODELS_START_SECONDS)
        served = json.loads(self.models_status.read_text())["models"]
        say(f"models on :{self.models_port}: "
            + ", ".join(f"{m['name']} (model-runner pid {m['pid']})" for m in served))
        self.worker.start()
        self.api.start()
        wait_port(self.api_port, "report API", self.api)
        say(f"worker pid {self.worker.pid}, API on {self.api_url} (API_KEY set, not dev mode)")

    def stop(self) -> None:
        for child in (self.api, self.worker, self.models, self.temporal):
            child.stop()
        self.pg.destroy()


def wait_file(path: Path, what: str, child: Child, timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if path.exists():
            return
        if not child.alive():
            raise RuntimeError(f"{what} exited during start-up:\n{log_tail(child.log)}")
        time.sleep(0.2)
    raise RuntimeError(f"{what} not ready after {timeout:.0f}s:\n{log_tail(child.log)}")


def wait_port(port: int, what: str, child: Child, timeout: float = 90) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if port_open(port):
            return
        if not child.alive():
            raise RuntimeError(f"{what} exited during start-up:\n{log_tail(child.log)}")
        time.sleep(0.2)
    raise RuntimeError(f"{what} not listening on {port} after {timeout:.0f}s")


@dataclass
class Kill:
    number: int
    aim: str  # predict, scoring, random
    found: bool  # the aimed stage was running on the worker when it was killed
    at: float
    in_flight: list[str]  # activities the killed worker was running


@dataclass
class Outage:
    what: str
    down: float
    up: float = 0.0


@dataclass
class Run:
    started: float = field(default_factory=time.monotonic)
    seed: int = 0
    kills: list[Kill] = field(default_factory=list)
    outages: list[Outage] = field(default_factory=list)
    health: HealthLog = field(default_factory=HealthLog)
    checkpoint_id: str | None = None
    checkpoint_error: str | None = None
    burst: BurstResult | None = None
    submitted_rows: int | None = None
    api_restarted_after_burst: bool = False
    burst_window: tuple[float, float] | None = None  # the burst, and the API's restart
    unauthorized_status: int | None = None
    schema: Any = None  # chaos.schema.SchemaRun once it ran
    schema_error: str | None = None
    phases: list[tuple[str, float]] = field(default_factory=list)  # (phase, seconds)
    pause_at: datetime | None = None
    rounds: RoundFigures | None = None
    workflows: Counter[str] = field(default_factory=Counter)
    schedule_info: str = ""


class Chaos:
    """The scenario: warm-up, the faults, the checkpoint and the burst, schemathesis, drain."""

    def __init__(self, stack: Stack, client: Client, engine: Engine, kills: int,
                 burst_calls: int, schema_examples: int, rng: random.Random,
                 run: Run) -> None:
        self.stack = stack
        self.client = client
        self.engine = engine
        self.kills = kills
        self.burst_calls = burst_calls
        self.schema_examples = schema_examples
        self._phase_start = run.started
        self.gap = (7.0, 13.0)  # seconds from a restart to the next fault
        self.rng = rng
        self.run = run
        self.host = socket.gethostname()

    def identity(self) -> str:
        """The killed worker's identity as the SDK names it (pid@host)."""
        return f"{self.stack.worker.pid}@{self.host}"

    def phase(self, name: str) -> None:
        """Note how long the phase that ends now took."""
        now = time.monotonic()
        self.run.phases.append((name, now - self._phase_start))
        self._phase_start = now

    # --- watching ------------------------------------------------------------------------
    async def watchdog(self, stop: asyncio.Event) -> None:
        """A node process that dies on its own is a finding: noted, then restarted."""
        while not stop.is_set():
            for child in self.stack.node_children:
                if child.name not in self.stack.expected_down and not child.alive():
                    code = child.process.returncode if child.process else None
                    self.stack.unexpected_exits.append(
                        f"{child.name} exited (code {code}) at {time.strftime('%X')}")
                    say(f"UNEXPECTED: {child.name} exited (code {code}); restarting it")
                    child.start()
            try:
                await asyncio.wait_for(stop.wait(), 1.0)
            except TimeoutError:
                pass

    async def rounds_done(self, since: datetime | None = None) -> int:
        def count() -> int:
            with self.engine.connect() as conn:
                return int(conn.execute(text(
                    "SELECT count(DISTINCT i.id) FROM inputs i JOIN predictions p "
                    "ON p.input_id = i.id WHERE i.status = 'RESOLVED' AND p.status = 'SCORED' "
                    "AND i.slot > :since"),
                    {"since": since or datetime(2000, 1, 1, tzinfo=UTC)}).scalar_one())
        try:
            return await asyncio.to_thread(count)
        except Exception:  # the database may be the thing that is down
            return 0

    async def wait_rounds_scored(self, count: int, since: datetime | None, within: float,
                                 what: str) -> bool:
        deadline = time.monotonic() + within
        while time.monotonic() < deadline:
            if await self.rounds_done(since) >= count:
                return True
            await asyncio.sleep(1.0)
        say(f"WARNING: {what}: fewer than {count} rounds scored after {within:.0f}s")
        return False

    async def running_activity(self, status: str, activity: str, identity: str) -> bool:
        """A round in `status` whose `activity` runs on the worker `identity` right now."""
        query = (f'CrunchId = "{CRUNCH}" AND RoundStatus = "{status}" '
                 'AND ExecutionStatus = "Running"')
        async for w in self.client.list_workflows(query):
            described = await self.client.get_workflow_handle(w.id, run_id=w.run_id).describe()
            for pending in described.raw_description.pending_activities:
                if (pending.activity_type.name == activity and pending.state == STARTED
                        and pending.last_worker_identity == identity):
                    return True
        return False

    async def in_flight(self, identity: str) -> list[str]:
        """Activities the server still sees started on the (dead) worker `identity`."""
        found = []
        async for w in self.client.list_workflows(
                f'CrunchId = "{CRUNCH}" AND ExecutionStatus = "Running"'):
            described = await self.client.get_workflow_handle(w.id, run_id=w.run_id).describe()
            found += [p.activity_type.name for p in described.raw_description.pending_activities
                      if p.state == STARTED and p.last_worker_identity == identity]
        return sorted(found)

    # --- faults --------------------------------------------------------------------------
    async def kill_worker(self, number: int, aim: str) -> None:
        identity = self.identity()
        found = False
        if aim in AIMS:
            status, activity = AIMS[aim]
            deadline = time.monotonic() + 45
            while not found and time.monotonic() < deadline:
                try:
                    found = await self.running_activity(status, activity, identity)
                except Exception as exc:  # visibility hiccup: look again
                    say(f"visibility: {exc}")
                if not found:
                    await asyncio.sleep(0.05)
        else:
            await asyncio.sleep(self.rng.uniform(0, 3))
        self.stack.expected_down.add("worker")
        self.stack.worker.kill()
        at = time.time()
        try:
            flight = await self.in_flight(identity)
        except Exception as exc:  # the kill stands; only its classification is lost
            say(f"could not list what the killed worker was running: {exc}")
            flight = ["?"]
        self.run.kills.append(Kill(number, aim, found, at, flight))
        say(f"kill {number} ({aim}{'' if found or aim not in AIMS else ', stage not found'})"
            f": SIGKILL worker {identity}, running {', '.join(flight) or 'nothing'}")
        await asyncio.sleep(self.rng.uniform(0.5, 3.0))
        self.stack.worker.start()
        self.stack.expected_down.discard("worker")

    async def restart_temporal(self) -> None:
        outage = Outage("Temporal", time.time())
        self.run.outages.append(outage)
        self.stack.temporal.kill()
        say("Temporal dev server killed -9")
        await asyncio.sleep(5)
        self.stack.temporal.start()
        deadline = time.monotonic() + 90
        while True:
            try:
                await self.client.service_client.check_health()
                break
            except Exception:
                if time.monotonic() > deadline:
                    raise
                await asyncio.sleep(0.5)
        outage.up = time.time()
        say(f"Temporal back after {outage.up - outage.down:.1f}s (same state file)")

    async def restart_postgres(self) -> None:
        outage = Outage("Postgres", time.time())
        self.run.outages.append(outage)
        await asyncio.to_thread(self.stack.pg.stop_immediate)
        say("Postgres stopped (-m immediate)")
        await asyncio.sleep(8)
        await asyncio.to_thread(self.stack.pg.start)
        outage.up = time.time()
        say(f"Postgres back after {outage.up - outage.down:.1f}s")

    async def faults(self) -> None:
        aims = [("predict", "scoring", "random")[i % 3] for i in range(self.kills)]
        self.rng.shuffle(aims)
        plan: list[tuple[str, str]] = [("kill", aim) for aim in aims]
        plan.insert(len(plan) // 3, ("temporal", ""))
        plan.insert(2 * len(plan) // 3, ("postgres", ""))
        number = 0
        for kind, aim in plan:
            await asyncio.sleep(self.rng.uniform(*self.gap))
            if kind == "kill":
                number += 1
                await self.kill_worker(number, aim)
            elif kind == "temporal":
                await self.restart_temporal()
            else:
                await self.restart_postgres()

    # --- the API -------------------------------------------------------------------------
    async def create_checkpoint(self) -> None:
        process = await asyncio.create_subprocess_exec(
            sys.executable, "-m", "coordinator_node", "checkpoint", "create",
            env=self.stack.env, cwd=self.stack.workdir,
            stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        try:
            out, err = await asyncio.wait_for(process.communicate(), 240)
        except TimeoutError:
            process.kill()
            await process.wait()
            self.run.checkpoint_error = "`checkpoint create` did not finish in 240 s"
            return
        if process.returncode != 0:
            self.run.checkpoint_error = (f"`checkpoint create` exited {process.returncode}: "
                                         f"{err.decode()[-500:]}")
            return
        state = json.loads(out)
        if state.get("status") != "PENDING":
            self.run.checkpoint_error = f"checkpoint is {state.get('status')}: {state}"
            return
        self.run.checkpoint_id = state["checkpoint_id"]
        say(f"checkpoint {self.run.checkpoint_id} created (PENDING) with the CLI")

    async def api_burst(self) -> None:
        the_id = self.run.checkpoint_id
        assert the_id is not None
        async with httpx.AsyncClient(base_url=self.stack.api_url, timeout=10) as client:
            refused = await client.post(f"/reports/checkpoints/{the_id}/confirm",
                                        json={"tx_hash": "no-key"})
            self.run.unauthorized_status = refused.status_code
        tx_hash = f"chaos{secrets.token_hex(16)}"
        n = self.burst_calls
        say(f"burst: {n} confirm/status calls + {n} report reads at once")
        began = time.time()
        result = await burst(self.stack.api_url, self.stack.api_key, the_id, tx_hash,
                             changes=n, reads=n, seed=self.run.seed)
        self.run.burst = result
        self.run.submitted_rows = await asyncio.to_thread(submitted_rows, self.engine, the_id)
        say(f"burst over in {result.seconds:.1f}s")
        if not await self.api_answers():
            say("the API no longer answers after the burst: killing and restarting it")
            self.run.api_restarted_after_burst = True
            self.stack.expected_down.add("api")
            self.stack.api.kill()
            self.stack.api.start()
            self.stack.expected_down.discard("api")
            await asyncio.to_thread(wait_port, self.stack.api_port, "report API",
                                    self.stack.api)
        self.run.burst_window = (began, time.time())

    async def api_answers(self) -> bool:
        async with httpx.AsyncClient(base_url=self.stack.api_url, timeout=5) as client:
            for _ in range(3):
                try:
                    if (await client.get("/healthz")).status_code == 200:
                        return True
                except httpx.HTTPError:
                    pass
        return False

    async def schemathesis(self) -> None:
        """Every check of schemathesis against the live API, in a thread (the health poll
        goes on meanwhile)."""
        say(f"schemathesis against the live API ({self.schema_examples} examples per "
            "operation and phase)")
        with warnings.catch_warnings():  # the test module's imports warn about httpx
            warnings.simplefilter("ignore")
            from chaos.schema import run_schemathesis
        try:
            self.run.schema = await asyncio.to_thread(
                run_schemathesis, self.stack.api_url, self.stack.api_key,
                self.schema_examples, self.run.seed)
        except Exception as exc:  # the run itself broke: that is a failure too
            self.run.schema_error = f"{type(exc).__name__}: {exc}"[:500]
            return
        found = self.run.schema.failures
        (self.stack.workdir / "schemathesis.log").write_text("\n\n".join(found))
        say(f"schemathesis: {self.run.schema.requests} requests, {len(found)} failures")
        for failure in found[:5]:
            print(failure[:1500])

    # --- the end -------------------------------------------------------------------------
    async def drain(self) -> None:
        """No new rounds; every round started finishes (or the wait gives up)."""
        schedule = self.client.get_schedule_handle(round_schedule_id(CRUNCH, CONFIG))
        await schedule.pause(note="chaos run over")
        self.run.pause_at = datetime.now(UTC)
        say("round schedule paused; waiting for the running rounds")
        deadline = time.monotonic() + 150
        query = (f'CrunchId = "{CRUNCH}" AND WorkflowType = "PredictionRoundWorkflow" '
                 'AND ExecutionStatus = "Running"')
        while time.monotonic() < deadline:
            if not [w async for w in self.client.list_workflows(query)]:
                break
            await asyncio.sleep(1.0)
        await asyncio.sleep(2.0)  # visibility catches up
        async for w in self.client.list_workflows(
                f'CrunchId = "{CRUNCH}" AND WorkflowType = "PredictionRoundWorkflow"'):
            status = w.status or WorkflowExecutionStatus.RUNNING
            self.run.workflows[status.name] += 1
        info = (await schedule.describe()).info
        self.run.schedule_info = (f"{info.num_actions} actions, "
                                  f"{info.num_actions_missed_catchup_window} missed "
                                  f"(catch-up window), {info.num_actions_skipped_overlap} "
                                  "skipped (overlap)")

    async def main(self) -> None:
        stop = asyncio.Event()
        watchers = [asyncio.create_task(self.watchdog(stop)),
                    asyncio.create_task(poll_health(self.stack.api_url, self.run.health,
                                                    stop, every=1.0))]
        try:
            self.phase("start-up")
            say("waiting for the first rounds to be scored (feed backfill, models)")
            if not await self.wait_rounds_scored(3, None, 180, "warm-up"):
                raise RuntimeError("no round scored within 3 minutes of the start:\n"
                                   + log_tail(self.stack.worker.log))
            self.phase("warm-up (3 rounds scored)")
            await self.faults()
            self.phase("faults")
            last_fault = datetime.now(UTC)
            say("faults over; waiting for rounds after them to be scored")
            await self.wait_rounds_scored(3, last_fault, 120, "after the faults")
            self.phase("recovery (3 rounds scored)")
            await self.create_checkpoint()
            if self.run.checkpoint_id is not None:
                await self.api_burst()
            self.phase("checkpoint and burst")
            await self.schemathesis()
            self.phase("schemathesis")
            await self.drain()
            self.phase("drain")
        finally:
            stop.set()
            await asyncio.gather(*watchers, return_exceptions=True)
        assert self.run.pause_at is not None
        self.run.rounds = await asyncio.to_thread(round_figures, self.engine, CONFIG,
                                                  INTERVAL, MODEL_IDS, self.run.pause_at)


# --- the report ------------------------------------------------------------------------
def _during_temporal_outage(slot: datetime, outages: list[Outage]) -> bool:
    """The schedule's catch-up window is one interval: slots missed while the server was
    down are skipped by design (a stale input is worse than none)."""
    t = slot.timestamp()
    return any(o.what == "Temporal" and o.down - INTERVAL <= t <= o.up + INTERVAL
               for o in outages)


def report(run: Run, stack: Stack) -> list[tuple[bool, str]]:
    """Print the figures; return the checks as (passed, what)."""
    checks: list[tuple[bool, str]] = []

    def check(ok: bool, what: str) -> None:
        checks.append((ok, what))

    rounds = run.rounds
    minutes, seconds = divmod(int(time.monotonic() - run.started), 60)
    print(f"\n===== chaos figures (seed {run.seed}, {minutes} min {seconds:02d} s) =====")
    in_predict = sum(1 for k in run.kills if "predict" in k.in_flight)
    in_scoring = sum(1 for k in run.kills if "score" in k.in_flight)
    aims = Counter(k.aim for k in run.kills)
    found = Counter(k.aim for k in run.kills if k.found)
    print(f"worker SIGKILLs           {len(run.kills)} (aimed at predict {aims['predict']} "
          f"[stage found {found['predict']}], at scoring {aims['scoring']} [found "
          f"{found['scoring']}], at a random moment {aims['random']})")
    print(f"  landed inside predict   {in_predict}")
    print(f"  landed inside scoring   {in_scoring}")
    others = Counter(a for k in run.kills for a in set(k.in_flight) - {"predict", "score"})
    print(f"  other activities hit    {dict(others) or '-'}; kills with nothing running: "
          f"{sum(1 for k in run.kills if not k.in_flight)}")
    check(len(run.kills) >= 10, f"{len(run.kills)} worker SIGKILLs (at least 10)")
    check(in_predict >= 1 and in_scoring >= 1,
          f"kills inside predict ({in_predict}) and inside scoring ({in_scoring})")
    for outage in run.outages:
        print(f"{outage.what + ' outage':<26}{outage.up - outage.down:.1f} s")
        check(outage.up > 0, f"{outage.what} restarted")
    print(f"unexpected process exits  {len(stack.unexpected_exits)} "
          f"{'; '.join(stack.unexpected_exits)}")
    check(not stack.unexpected_exits, "no node process died on its own")

    if rounds is not None:
        skipped = [s for s in rounds.lost if _during_temporal_outage(s, run.outages)]
        other_lost = [s for s in rounds.lost if s not in skipped]
        print(f"\nrounds (every {INTERVAL} s, horizon {HORIZON} s)")
        print(f"  scheduled / captured / lost   {rounds.scheduled} / {rounds.captured} / "
              f"{len(rounds.lost)} ({len(skipped)} slots while Temporal was down, skipped by "
              f"the one-interval catch-up window; {len(other_lost)} otherwise)")
        print(f"  schedule                      {run.schedule_info}")
        print(f"  round workflows               {dict(run.workflows)}")
        print(f"  predictions                   {dict(rounds.statuses)}")
        for reason, count in rounds.reasons.most_common(6):
            print(f"    {count:5d}  {reason}")
        print(f"  duplicate (round, model) rows {rounds.duplicates}")
        print(f"  missing (round, model) rows   {rounds.missing} (rounds before the worker "
              f"first saw every model, not counted: {rounds.before_models})")
        print(f"  worst horizon-to-resolution   {rounds.worst_delay:.1f} s "
              f"(target < {DELAY_TARGET:.0f} s; {rounds.worst_delay_input})")
        print(f"  feed: largest candle step     {rounds.feed_hole:.0f} s (1 s = no hole)")
        stall_at = rounds.feed_stall_at.strftime("%X") if rounds.feed_stall_at else "-"
        print(f"  feed: longest gap (stall)     {rounds.feed_stall:.1f} s (candle of {stall_at})")
        check(not other_lost, f"no round lost outside the Temporal outage ({len(other_lost)})")
        check(set(run.workflows) == {"COMPLETED"}, "every round workflow completed")
        check(not rounds.not_resolved and rounds.pending_left == 0,
              f"every round resolved and scored ({len(rounds.not_resolved)} not resolved, "
              f"{rounds.pending_left} predictions pending)")
        check(rounds.duplicates == 0, f"duplicate (round, model) rows: {rounds.duplicates}")
        check(rounds.missing == 0, f"missing (round, model) rows: {rounds.missing}")
        check(rounds.worst_delay < DELAY_TARGET,
              f"worst horizon-to-resolution {rounds.worst_delay:.1f} s < {DELAY_TARGET:.0f} s")
        check(rounds.feed_hole <= 1, "no hole in the stored feed")

    # The burst (and the API's restart if it deadlocked) is judged by the burst's own check.
    window = run.burst_window or (0.0, 0.0)
    polls = [p for p in run.health.polls if not window[0] <= p.at <= window[1]]
    unanswered = [p for p in polls if not p.answered]
    print("\nAPI (API_KEY set, not dev mode)")
    print(f"  /healthz polls (the burst aside) {len(polls)}, unanswered {len(unanswered)}, "
          f"worst {max((p.seconds for p in polls), default=0):.2f} s, "
          f"{dict(Counter(p.status for p in polls))}")
    for poll in unanswered[:10]:
        print(f"    unanswered at {time.strftime('%X', time.localtime(poll.at))}: {poll.status}")
    check(bool(polls) and not unanswered, "/healthz answered throughout the faults")
    print(f"  confirm without the key       HTTP {run.unauthorized_status}")
    check(run.unauthorized_status == 401, "a confirm without the key is refused (401)")
    if run.checkpoint_error:
        print(f"  checkpoint                    NOT CREATED: {run.checkpoint_error}")
        check(False, "checkpoint created with the CLI")
    result = run.burst
    if result is not None:
        changes, reads = result.of("confirm", "status"), result.of("read")
        in_time = sum(1 for c in result.calls if c.in_time)
        submitted = sum(1 for c in changes if c.status == 200 and isinstance(c.body, dict)
                        and c.body.get("status") == "SUBMITTED")
        reads_ok = sum(1 for c in reads if c.status == 200)
        worst = max(c.seconds for c in result.calls)
        print(f"  burst                         {len(result.calls)} calls "
              f"({len(changes)} confirm/status, {len(reads)} reads) in {result.seconds:.1f} s")
        print(f"    answered within {ANSWER_WITHIN:.0f} s         {in_time}/{len(result.calls)}"
              f" (worst {worst:.2f} s)")
        print(f"    confirm/status -> SUBMITTED {submitted}/{len(changes)}; reads 200 "
              f"{reads_ok}/{len(reads)}")
        for kind in ("confirm", "status", "read"):
            times = sorted(c.seconds for c in result.of(kind))
            if times:
                print(f"    {kind + ' seconds':<27} median {times[len(times) // 2]:.2f}, "
                      f"95% {times[int(len(times) * 0.95)]:.2f}, worst {times[-1]:.2f}")
        slowest = sorted(result.calls, key=lambda c: -c.seconds)[:3]
        print("    slowest                     "
              + "; ".join(f"{c.kind} {c.path} {c.seconds:.2f} s" for c in slowest))
        odd = Counter(f"{c.kind} {c.status or c.error}" for c in result.calls
                      if c.status != 200)
        if odd:
            print(f"    other answers               {dict(odd.most_common(5))}")
        print(f"    SUBMITTED audit rows        {run.submitted_rows}")
        burst_polls = result.health
        late = [p for p in burst_polls if not p.answered]
        print(f"    /healthz during the burst   {len(burst_polls)} polls, unanswered "
              f"{len(late)}, worst {max((p.seconds for p in burst_polls), default=0):.2f} s")
        if run.api_restarted_after_burst:
            print("    the API had stopped answering after the burst; the suite restarted it")
        check(len(changes) >= 200 and len(reads) >= 200,
              f"burst of 200 confirm/status calls and 200 reads ({len(changes)} + {len(reads)})")
        check(in_time == len(result.calls),
              f"burst: every call answered within {ANSWER_WITHIN:.0f} s "
              f"({in_time}/{len(result.calls)})")
        check(submitted == len(changes) and reads_ok == len(reads),
              "burst: every confirm/status answered SUBMITTED, every read 200")
        check(run.submitted_rows == 1, f"exactly one SUBMITTED audit row ({run.submitted_rows})")
        check(bool(burst_polls) and not late, "/healthz answered throughout the burst")
    schema = run.schema
    if schema is not None:
        print(f"  schemathesis (--checks all)   {schema.requests} requests, "
              f"{len(schema.failures)} failures, {schema.server_errors} server errors")
        check(schema.requests > 0 and not schema.failures,
              f"schemathesis: 0 failures ({len(schema.failures)}), 0 server errors "
              f"({schema.server_errors})")
    else:
        print(f"  schemathesis                  NOT RUN: {run.schema_error or 'not reached'}")
        check(False, "schemathesis ran")

    print("\nphases        " + ", ".join(f"{name} {seconds:.0f} s"
                                         for name, seconds in run.phases))
    print("\nchecks")
    for ok, what in checks:
        print(f"  {'PASS' if ok else 'FAIL'}  {what}")
    return checks


async def _run(stack: Stack, run: Run, args: argparse.Namespace) -> None:
    client = await Client.connect(f"127.0.0.1:{stack.temporal_port}",
                                  data_converter=pydantic_data_converter)
    engine = create_db_engine(stack.pg.url)
    try:
        chaos = Chaos(stack, client, engine, args.kills, args.burst, args.schema_examples,
                      random.Random(run.seed), run)
        left = args.time_limit - (time.monotonic() - run.started)
        await asyncio.wait_for(chaos.main(), max(left, 1.0))
    except TimeoutError as exc:
        raise RuntimeError(f"the run did not finish within {args.time_limit} s") from exc
    finally:
        engine.dispose()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else "")
    parser.add_argument("--kills", type=int, default=12, help="worker SIGKILLs (default 12)")
    parser.add_argument("--burst", type=int, default=200,
                        help="confirm/status calls in the burst, and as many reads (200)")
    parser.add_argument("--schema-examples", type=int, default=10,
                        help="schemathesis examples per operation and phase (10)")
    parser.add_argument("--time-limit", type=int, default=TIME_LIMIT_SECONDS,
                        help=f"give up (and fail) after this many seconds ({TIME_LIMIT_SECONDS})")
    parser.add_argument("--seed", type=int, default=None, help="random seed (default: time)")
    parser.add_argument("--keep", action="store_true", help="keep the work dir (logs, data)")
    args = parser.parse_args(argv)
    run = Run(seed=args.seed if args.seed is not None else int(time.time()) % 100_000)

    def _terminate(signum: int, _frame: object) -> None:
        raise KeyboardInterrupt(f"signal {signum}")

    signal.signal(signal.SIGTERM, _terminate)
    workdir = Path(tempfile.mkdtemp(prefix="coordinator-chaos-"))
    try:
        stack = Stack(workdir, api_key=secrets.token_urlsafe(24))
    except RuntimeError as exc:  # a missing binary: nothing was started
        shutil.rmtree(workdir, ignore_errors=True)
        say(f"ERROR: {exc}")
        return 1
    say(f"work dir {workdir}, seed {run.seed}")
    checks: list[tuple[bool, str]] = []
    try:
        stack.start()
        asyncio.run(_run(stack, run, args))
        checks = report(run, stack)
        if not all(ok for ok, _ in checks):
            for child in stack.node_children:
                print(f"--- {child.name} log (tail) ---\n{log_tail(child.log, 15)}")
    except KeyboardInterrupt:
        say("interrupted")
        return 130
    except Exception as exc:
        say(f"ERROR: {type(exc).__name__}: {exc}")
        for child in (*stack.node_children, stack.temporal):
            print(f"--- {child.name} log (tail) ---\n{log_tail(child.log)}")
        if run.kills or run.outages:
            report(run, stack)
        return 1
    finally:
        stack.stop()
        if args.keep:
            say(f"work dir kept: {workdir}")
        else:
            shutil.rmtree(workdir, ignore_errors=True)
    failed = [what for ok, what in checks if not ok]
    minutes, seconds = divmod(int(time.monotonic() - run.started), 60)
    say(f"{'FAILED' if failed else 'PASSED'}: {len(checks) - len(failed)} of {len(checks)} "
        f"checks in {minutes} min {seconds:02d} s")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
