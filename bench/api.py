"""The report API under history: one API process (`uvicorn`, as `coordinator-node api` runs
it) over a database holding 1,000,000 predictions (1,000 models x 1,000 rounds, every one
scored) and 1, then 10,000, leaderboards.

- /reports/predictions: the newest page of 100 rows (every model), and one model's 1,000
  rows, single client, p50;
- /reports/leaderboard at 20 concurrent clients (keep-alive connections, each sending its
  next request when the last answer arrived): p50, p99 and requests/s, with 1 and 10,000
  historical leaderboards; also revalidated (If-None-Match → 304) when the API gives an ETag.

The load generator is a minimal HTTP/1.1 client in this process (about a fifth of a core at
1,000 req/s); the API runs in a process of its own, on a socket this script binds to a port
the OS picks.

    .venv/bin/python bench/api.py [--database-url URL] [--models 1000] [--rounds 1000]
                                  [--leaderboard-models 100] [--seconds 5]
"""

from __future__ import annotations

import argparse
import asyncio
import os
import socket
import statistics
import subprocess
import sys
import time
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench._db import add_database_argument, backend, database_url, print_table, scratch_database
from coordinator_node.db import create_db_engine, session_scope
from coordinator_node.db.tables import (
    Input,
    Leaderboard,
    Model,
    Prediction,
    PredictionConfig,
    Score,
)
from coordinator_node.db.upsert import upsert
from coordinator_node.ids import input_id, leaderboard_id, prediction_id

CONFIG = "btc-60s-every-15s"
SCOPE = {"subject": "BTC", "horizon_seconds": 60, "step_seconds": 15}
CHUNK = 20_000
WINDOWS = {"score_recent": 24, "score_steady": 72, "score_anchor": 168}


# --- data ----------------------------------------------------------------------------------
def seed_rounds(url: str, models: int, rounds: int, now: datetime) -> float:
    """`rounds` rounds of `models` scored predictions, 5 minutes apart, ending now."""
    engine = create_db_engine(url)
    began = time.perf_counter()
    with session_scope(engine) as session:
        upsert(session, PredictionConfig, [{
            "id": CONFIG, "scope_key": CONFIG, "scope": SCOPE, "interval_seconds": 15,
            "horizon_seconds": 60, "active": True}], ["id"])
        upsert(session, Model, [{
            "model_id": f"model-{m:04d}", "model_name": f"Model {m}",
            "cruncher_id": f"cruncher-{m}", "cruncher_name": f"Cruncher {m}",
            "deployment_id": "", "infos": {}} for m in range(models)], ["model_id"])
    slots = [now - timedelta(minutes=5 * (rounds - r)) for r in range(rounds)]
    with session_scope(engine) as session:
        upsert(session, Input, [{
            "id": input_id(CONFIG, slot), "config_id": CONFIG, "slot": slot,
            "status": "RESOLVED", "payload": {}, "ground_truth": {"return": 0.001},
            "horizon_at": slot + timedelta(seconds=60), "received_at": slot,
            "resolved_at": slot} for slot in slots], ["id"])
    predictions: list[dict[str, Any]] = []
    scores: list[dict[str, Any]] = []

    def flush() -> None:
        with session_scope(engine) as session:
            upsert(session, Prediction, predictions, ["id"])
            upsert(session, Score, scores, ["prediction_id"])
        predictions.clear()
        scores.clear()

    for r, slot in enumerate(slots):
        the_input = input_id(CONFIG, slot)
        scored_at = slot + timedelta(seconds=61)
        for m in range(models):
            model_id = f"model-{m:04d}"
            pid = prediction_id(the_input, model_id)
            value = ((m * 7919 + r * 104729) % 2001 - 1000) / 1000.0
            predictions.append({
                "id": pid, "input_id": the_input, "config_id": CONFIG, "model_id": model_id,
                "slot": slot, "status": "SCORED", "output": {"value": value},
                "raw_output": {"value": value}, "failed_reason": None, "exec_time_us": 150,
                "created_at": slot, "scored_at": scored_at})
            scores.append({"prediction_id": pid, "model_id": model_id, "value": value * 0.1,
                           "success": True, "failed_reason": None,
                           "result": {"value": value * 0.1, "success": True,
                                      "failed_reason": None}, "scored_at": scored_at})
        if len(predictions) >= CHUNK:
            flush()
    if predictions:
        flush()
    engine.dispose()
    return models * rounds / (time.perf_counter() - began)


def seed_leaderboards(url: str, count: int, models: int, newest: datetime,
                      skip: int = 0) -> None:
    """`count` leaderboards of `models` entries, an hour apart, the newest at `newest`
    (the `skip` newest ones are already there)."""
    entries = [{"rank": m + 1, "model_id": f"model-{m:04d}", "model_name": f"Model {m}",
                "cruncher_id": f"cruncher-{m}", "cruncher_name": f"Cruncher {m}",
                "scores": {name: round(0.5 - m / (2 * models), 6) for name in WINDOWS},
                "snapshot_count": 168} for m in range(models)]
    meta = {"ranking_key": "score_recent", "ranking_direction": "desc", "windows": WINDOWS,
            "score_field": "value"}
    engine = create_db_engine(url)
    rows = []
    for i in range(skip, count):
        built = newest - timedelta(hours=i)
        rows.append({"id": leaderboard_id("bench", built), "built_at": built,
                     "entries": entries, "meta": meta})
        if len(rows) == 500:
            with session_scope(engine) as session:
                upsert(session, Leaderboard, rows, ["id"])
            rows = []
    if rows:
        with session_scope(engine) as session:
            upsert(session, Leaderboard, rows, ["id"])
    engine.dispose()


# --- the API process -----------------------------------------------------------------------
@dataclass
class Api:
    process: subprocess.Popen[bytes]
    port: int
    temporal_socket: socket.socket

    def stop(self) -> None:
        self.process.terminate()
        self.process.wait(timeout=30)
        self.temporal_socket.close()


def start_api(url: str) -> Api:
    listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    listener.bind(("127.0.0.1", 0))
    listener.listen(1024)
    # Temporal is not needed by the routes measured: point the API at a port nobody listens
    # on (bound here, never listening), so it never reaches some other Temporal server.
    nowhere = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    nowhere.bind(("127.0.0.1", 0))
    env = {**os.environ, "DATABASE_URL": url, "LOG_LEVEL": "WARNING",
           "TEMPORAL_ADDRESS": f"127.0.0.1:{nowhere.getsockname()[1]}"}
    process = subprocess.Popen(
        [sys.executable, __file__, "--serve-api", str(listener.fileno())],
        pass_fds=[listener.fileno()], env=env, cwd=Path(__file__).resolve().parent.parent)
    port = listener.getsockname()[1]
    listener.close()  # the API process holds it
    api = Api(process, port, nowhere)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            status, _, _ = asyncio.run(one_request(port, "/info"))
            if status == 200:
                return api
        except OSError:
            pass
        time.sleep(0.2)
    api.stop()
    raise RuntimeError("the API did not start")


def serve_api(fd: int) -> None:
    """The API process: uvicorn as `coordinator-node api` runs it, on the inherited socket.
    (Not `uvicorn --fd`: it takes the socket for a Unix one, so TCP_NODELAY is never set and
    every keep-alive answer waits ~40 ms for a delayed ACK.)"""
    import uvicorn

    config = uvicorn.Config("coordinator_node.api.app:create_app", factory=True,
                            access_log=False, log_level="warning")
    uvicorn.Server(config).run(sockets=[socket.socket(fileno=fd)])


# --- a minimal keep-alive HTTP/1.1 client --------------------------------------------------
class Connection:
    def __init__(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        self.reader, self.writer = reader, writer

    @classmethod
    async def open(cls, port: int) -> Connection:
        reader, writer = await asyncio.open_connection("127.0.0.1", port)
        return cls(reader, writer)

    async def get(self, path: str, headers: dict[str, str] | None = None
                  ) -> tuple[int, dict[str, str], bytes]:
        extra = "".join(f"{k}: {v}\r\n" for k, v in (headers or {}).items())
        self.writer.write(f"GET {path} HTTP/1.1\r\nHost: bench\r\n{extra}\r\n".encode())
        head = (await self.reader.readuntil(b"\r\n\r\n")).decode("latin-1").split("\r\n")
        status = int(head[0].split()[1])
        fields = {}
        for line in head[1:]:
            if ":" in line:
                name, value = line.split(":", 1)
                fields[name.strip().lower()] = value.strip()
        length = int(fields.get("content-length", "0"))
        body = await self.reader.readexactly(length) if length else b""
        return status, fields, body

    def close(self) -> None:
        self.writer.close()


async def one_request(port: int, path: str, headers: dict[str, str] | None = None
                      ) -> tuple[int, dict[str, str], bytes]:
    connection = await Connection.open(port)
    try:
        return await connection.get(path, headers)
    finally:
        connection.close()


@dataclass
class Load:
    latencies: list[float] = field(default_factory=list)
    statuses: dict[int, int] = field(default_factory=dict)
    seconds: float = 0.0

    def percentile(self, p: float) -> float:
        ordered = sorted(self.latencies)
        return ordered[min(len(ordered) - 1, int(p / 100 * len(ordered)))] * 1000

    @property
    def rate(self) -> float:
        return len(self.latencies) / self.seconds


async def load(port: int, path: str, clients: int, seconds: float, warmup: float = 1.0,
               headers: dict[str, str] | None = None) -> Load:
    result = Load()
    start = time.perf_counter()
    measure_from = start + warmup
    deadline = measure_from + seconds

    async def client() -> None:
        connection = await Connection.open(port)
        try:
            while (now := time.perf_counter()) < deadline:
                status, _, _ = await connection.get(path, headers)
                done = time.perf_counter()
                if now >= measure_from:
                    result.latencies.append(done - now)
                    result.statuses[status] = result.statuses.get(status, 0) + 1
        finally:
            connection.close()

    await asyncio.gather(*(client() for _ in range(clients)))
    result.seconds = seconds
    return result


async def single(port: int, path: str, requests: int) -> tuple[float, int, int]:
    """p50 in ms over `requests` sequential requests on one connection, the status and the
    body size of the last."""
    connection = await Connection.open(port)
    times = []
    try:
        for _ in range(requests + 2):
            began = time.perf_counter()
            status, _, body = await connection.get(path)
            times.append(time.perf_counter() - began)
    finally:
        connection.close()
    return statistics.median(times[2:]) * 1000, status, len(body)


# --- the bench -----------------------------------------------------------------------------
def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    add_database_argument(parser)
    parser.add_argument("--models", type=int, default=1000)
    parser.add_argument("--rounds", type=int, default=1000)
    parser.add_argument("--leaderboard-models", type=int, default=100)
    parser.add_argument("--leaderboards", type=int, default=10_000,
                        help="historical leaderboards of the second leaderboard measurement")
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument("--seconds", type=float, default=5.0, help="per concurrent measurement")
    parser.add_argument("--requests", type=int, default=30, help="per single-client figure")
    parser.add_argument("--serve-api", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.serve_api is not None:
        serve_api(args.serve_api)
        return
    url = database_url(args.database_url)
    rows: list[list[str]] = []
    total = args.models * args.rounds
    with scratch_database(url) as scratch:
        now = datetime.now(UTC).replace(microsecond=0)
        rate = seed_rounds(scratch, args.models, args.rounds, now)
        print(f"seeded {total:,} predictions and scores ({rate:,.0f} predictions/s)", flush=True)
        seed_leaderboards(scratch, 1, args.leaderboard_models, now)
        api = start_api(scratch)
        try:
            for label, path in [
                ("predictions, default page (no parameters: the newest 1,000 rows)",
                 "/reports/predictions"),
                ("predictions, newest page of 100 rows (every model)",
                 "/reports/predictions?limit=100"),
                (f"predictions of one model, 1,000 rows (of {args.rounds:,})",
                 "/reports/predictions?projectIds=model-0007&limit=1000"),
            ]:
                p50, status, size = asyncio.run(single(api.port, path, args.requests))
                assert status == 200, (path, status)
                rows.append([f"{label}, single client, p50", f"{p50:.1f} ms",
                             f"{size / 1024:.0f} KiB"])
            for boards in (1, args.leaderboards):
                if boards > 1:
                    seed_leaderboards(scratch, boards, args.leaderboard_models, now, skip=1)
                p50, status, size = asyncio.run(single(api.port, "/reports/leaderboard",
                                                       args.requests))
                assert status == 200
                rows.append([f"leaderboard ({args.leaderboard_models} models), {boards:,} "
                             "leaderboards, single client, p50", f"{p50:.1f} ms",
                             f"{size / 1024:.0f} KiB"])
                result = asyncio.run(load(api.port, "/reports/leaderboard", args.clients,
                                          args.seconds))
                assert set(result.statuses) == {200}, result.statuses
                rows.append([f"leaderboard, {boards:,} leaderboards, {args.clients} concurrent",
                             f"p50 {result.percentile(50):.1f} ms, "
                             f"p99 {result.percentile(99):.1f} ms",
                             f"{result.rate:,.0f} req/s"])
                _, headers, _ = asyncio.run(one_request(api.port, "/reports/leaderboard"))
                if "etag" in headers:
                    result = asyncio.run(load(api.port, "/reports/leaderboard", args.clients,
                                              args.seconds,
                                              headers={"If-None-Match": headers["etag"]}))
                    assert set(result.statuses) == {304}, result.statuses
                    rows.append([f"leaderboard revalidated (304), {boards:,} leaderboards, "
                                 f"{args.clients} concurrent",
                                 f"p50 {result.percentile(50):.1f} ms, "
                                 f"p99 {result.percentile(99):.1f} ms",
                                 f"{result.rate:,.0f} req/s"])
        finally:
            api.stop()
    print_table(f"Report API ({backend(url)}, {total:,} predictions, one API process)",
                ["figure", "time", "size or rate"], rows)


if __name__ == "__main__":
    main()
