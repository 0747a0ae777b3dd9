"""The API under concurrent load, served by a real uvicorn process against the Temporal dev
server and Postgres: a burst of same-hash confirms / status calls on one PENDING checkpoint
(a retrying client) mixed with report reads is all answered, writes one transition, and
leaves `/healthz` answering throughout; repeats after the move queue no Update; SIGTERM stops
the process within a few seconds even with a request waiting on the workflow. And an
exhausted database pool, or a database that never answers, gets 503 with `Retry-After`
instead of a hang, `/healthz` answering meanwhile."""

from __future__ import annotations

import asyncio
import signal
import socket
import subprocess
import uuid
from collections.abc import AsyncIterator, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
import pytest
import sqlalchemy.exc
from fastapi.testclient import TestClient
from sqlalchemy import Connection, Engine
from temporalio.api.enums.v1 import EventType
from temporalio.client import Client
from temporalio.testing import WorkflowEnvironment

from coordinator_node.api import create_app
from coordinator_node.client import checkpoints as control
from coordinator_node.contract import DEFAULT_CONTRACT
from coordinator_node.ids import checkpoint_workflow_id
from coordinator_node.settings import Settings
from tests.api.live import LiveApi, live_api
from tests.checkpoints.test_lifecycle import built, period_end, seed_snapshots, transitions
from tests.conftest import make_settings
from tests.support import running_worker

KEY = "s3cret"
HEADERS = {"X-API-Key": KEY}
TX = "0xburst"
CHANGES = 150  # confirms and PATCH SUBMITTED+tx_hash, same hash
READS = 200
# What "answered" means for one call on this shared, loaded machine: generous on purpose.
ANSWERED_WITHIN = 30.0


@dataclass
class Node:
    client: Client
    settings: Settings
    checkpoint: str


@pytest.fixture
async def node(temporal_env: WorkflowEnvironment, pg_engine: Engine, pg_url: str,
               task_queue: str) -> AsyncIterator[Node]:
    """A PENDING checkpoint built by the real worker, which keeps running for the test."""
    settings = make_settings(
        pg_url, temporal_task_queue=task_queue, crunch_id=f"crunch-{uuid.uuid4().hex[:6]}",
        temporal_address=temporal_env.client.service_client.config.target_host,
        api_key=KEY, crunch_pubkey="CrunchPub")
    end = period_end()
    seed_snapshots(pg_engine, end)
    async with running_worker(temporal_env.client, settings):
        the_id, _ = await control.create_checkpoint(temporal_env.client, settings,
                                                    DEFAULT_CONTRACT, end)
        assert (await built(temporal_env.client, the_id)).status == "PENDING"
        yield Node(temporal_env.client, settings, the_id)


def api_env(settings: Settings) -> dict[str, str]:
    return {"DATABASE_URL": settings.database_url, "TEMPORAL_ADDRESS": settings.temporal_address,
            "TEMPORAL_TASK_QUEUE": settings.temporal_task_queue,
            "CRUNCH_ID": settings.crunch_id, "CRUNCH_PUBKEY": settings.crunch_pubkey,
            "API_KEY": KEY, "API_SHUTDOWN_SECONDS": "2", "LOG_LEVEL": "WARNING"}


@pytest.fixture
async def served(node: Node, tmp_path: Path) -> AsyncIterator[tuple[Node, LiveApi]]:
    with live_api(api_env(node.settings), tmp_path) as api:
        yield node, api


async def update_count(client: Client, the_id: str) -> int:
    """Workflow Updates the checkpoint's workflow has accepted so far."""
    handle = client.get_workflow_handle(checkpoint_workflow_id(the_id))
    return sum([event.event_type == EventType.EVENT_TYPE_WORKFLOW_EXECUTION_UPDATE_ACCEPTED
                async for event in handle.fetch_history_events()])


async def poll_health(http: httpx.AsyncClient, stop: asyncio.Event,
                      answers: list[int]) -> None:
    while not stop.is_set():
        answers.append((await http.get("/healthz")).status_code)
        await asyncio.sleep(0.05)


def change(http: httpx.AsyncClient, the_id: str, i: int) -> Any:
    if i % 3 == 2:
        return http.patch(f"/reports/checkpoints/{the_id}/status", headers=HEADERS,
                          json={"status": "SUBMITTED", "tx_hash": TX})
    return http.post(f"/reports/checkpoints/{the_id}/confirm", headers=HEADERS,
                     json={"tx_hash": TX})


def read(http: httpx.AsyncClient, the_id: str, i: int) -> Any:
    paths = ["/reports/checkpoints", f"/reports/checkpoints/{the_id}",
             "/reports/checkpoints/latest", f"/reports/checkpoints/{the_id}/emission",
             "/reports/snapshots", "/reports/leaderboard", "/reports/predictions",
             "/reports/models/global", "/info", "/reports/schema"]
    return http.get(paths[i % len(paths)])


def client_for(api: LiveApi) -> httpx.AsyncClient:
    """No connection limit: every call of a burst is in flight at once. No keep-alive: a
    connection reused just as the server closes it idle (uvicorn, 5 s) fails the request
    without the server being at fault."""
    return httpx.AsyncClient(base_url=api.url, timeout=ANSWERED_WITHIN,
                             limits=httpx.Limits(max_connections=None,
                                                 max_keepalive_connections=0))


async def test_a_burst_of_same_hash_confirms_and_reads_is_all_answered(
    served: tuple[Node, LiveApi], pg_engine: Engine
) -> None:
    node, api = served
    the_id = node.checkpoint
    async with client_for(api) as http:
        stop, health = asyncio.Event(), list[int]()
        poller = asyncio.create_task(poll_health(http, stop, health))
        calls = [change(http, the_id, i) for i in range(CHANGES)]
        calls += [read(http, the_id, i) for i in range(READS)]
        # Every call answered (a timeout would raise here), none with an error.
        answers = await asyncio.gather(*calls)
        stop.set()
        await poller

        changed, reads = answers[:CHANGES], answers[CHANGES:]
        assert [a.status_code for a in changed] == [200] * CHANGES, {
            a.status_code: a.text for a in changed if a.status_code != 200}
        assert [a.status_code for a in reads] == [200] * READS, {
            a.status_code: a.text for a in reads if a.status_code != 200}
        bodies = {a.text for a in changed}
        assert len(bodies) == 1  # the same checkpoint, submitted once
        assert changed[0].json()["status"] == "SUBMITTED"
        assert changed[0].json()["tx_hash"] == TX
        # One transition written, by one of the calls.
        written = transitions(pg_engine, the_id)
        assert [(t[0], t[1]) for t in written] == [(None, "PENDING"), ("PENDING", "SUBMITTED")]
        assert written[-1][2] == "api"
        # /healthz answered all along (the event loop never blocked).
        assert health and set(health) == {200}
        # Identical calls in flight shared their Update: a handful at most (10 is Temporal's
        # limit of Updates in flight per run), not one per call.
        updates = await update_count(node.client, the_id)
        assert 1 <= updates <= 10

        # The move made, the same calls again are answered from the row: no Update at all.
        again = await asyncio.gather(*(change(http, the_id, i) for i in range(50)))
        assert {a.status_code for a in again} == {200} and {a.text for a in again} == bodies
        assert await update_count(node.client, the_id) == updates
        # Another hash is still refused by the workflow's rules.
        other = await http.post(f"/reports/checkpoints/{the_id}/confirm", headers=HEADERS,
                                json={"tx_hash": "0xother"})
        assert other.status_code == 409
        assert other.json() == {"detail": f"checkpoint is SUBMITTED with tx_hash {TX}: cannot "
                                          "confirm again with another tx_hash; allowed from "
                                          "PENDING only"}


async def test_sigterm_stops_the_api_with_a_request_waiting_on_the_workflow(
    temporal_env: WorkflowEnvironment, pg_engine: Engine, pg_url: str, task_queue: str,
    tmp_path: Path
) -> None:
    settings = make_settings(
        pg_url, temporal_task_queue=task_queue, crunch_id=f"crunch-{uuid.uuid4().hex[:6]}",
        temporal_address=temporal_env.client.service_client.config.target_host)
    end = period_end()
    seed_snapshots(pg_engine, end)
    async with running_worker(temporal_env.client, settings):
        the_id, _ = await control.create_checkpoint(temporal_env.client, settings,
                                                    DEFAULT_CONTRACT, end)
        assert (await built(temporal_env.client, the_id)).status == "PENDING"
    # No worker from here on: a confirm waits for the workflow (up to the change timeout).
    env = {**api_env(settings), "API_CHANGE_TIMEOUT_SECONDS": "120", "LOG_LEVEL": "INFO"}
    with live_api(env, tmp_path) as api:
        async with client_for(api) as http:
            waiting = asyncio.create_task(http.post(
                f"/reports/checkpoints/{the_id}/confirm", headers=HEADERS,
                json={"tx_hash": "0xlate"}))
            for _ in range(200):  # until the call is in the server's hands
                if (await update_waiting(temporal_env.client, the_id)) or waiting.done():
                    break
                await asyncio.sleep(0.05)
            assert not waiting.done()
            api.process.send_signal(signal.SIGTERM)
            # Stopped within its 2 s grace (the bound is generous for this machine); uvicorn
            # re-raises the signal once shut down, so the status is "terminated by SIGTERM".
            code = await asyncio.to_thread(wait_exit, api.process, ANSWERED_WITHIN)
            assert code == -signal.SIGTERM, api.output()
            assert "Application shutdown complete" in api.output()
            # The call still waiting when the grace ended was told to retry.
            response = await waiting
            assert response.status_code == 503 and response.headers["Retry-After"] == "1"
            assert response.json() == {
                "detail": "the API is shutting down; the same call again is safe"}


async def update_waiting(client: Client, the_id: str) -> bool:
    """The workflow has an Update admitted and not yet done (no worker to run it)."""
    handle = client.get_workflow_handle(checkpoint_workflow_id(the_id))
    return bool((await handle.describe()).raw_description.pending_workflow_task)


def wait_exit(process: subprocess.Popen[bytes], seconds: float) -> int | None:
    try:
        return process.wait(seconds)
    except subprocess.TimeoutExpired:
        return None


# --- pool exhaustion ----------------------------------------------------------------------
@pytest.fixture
def exhausted(pg_engine: Engine, pg_url: str) -> Iterator[tuple[TestClient, list[Connection]]]:
    """The API with every connection of its pool checked out (by the test)."""
    settings = make_settings(pg_url, temporal_address="127.0.0.1:1", api_db_wait_seconds=3)
    with TestClient(create_app(settings)) as http:
        engine: Engine = http.app.state.engine  # type: ignore[attr-defined]
        held = []
        while True:
            try:
                held.append(engine.connect())
            except sqlalchemy.exc.TimeoutError:
                break
        try:
            yield http, held
        finally:
            for conn in held:
                conn.close()


def test_an_exhausted_pool_answers_503_with_retry_after(
    exhausted: tuple[TestClient, list[Connection]]
) -> None:
    http, held = exhausted
    assert held  # the pool really is empty
    with ThreadPoolExecutor(8) as pool:
        # Requests waiting for a connection do not hold up the event loop: /healthz (its own
        # connection) answers while they wait.
        waiting: list[Future[httpx.Response]] = [
            pool.submit(http.get, path) for path in
            ("/reports/models", "/reports/checkpoints", "/reports/leaderboard",
             "/reports/snapshots")]
        health = pool.submit(http.get, "/healthz").result()
        assert health.status_code == 200 and health.json()["database"]["ok"] is True
        assert not all(f.done() for f in waiting)
        for answer in (f.result() for f in waiting):
            assert answer.status_code == 503
            assert answer.headers["Retry-After"] == "1"
            assert answer.json() == {
                "detail": "the database is busy: no connection came free in time; retry"}
    # Connections back: served again.
    for conn in held:
        conn.close()
    assert http.get("/reports/models").status_code == 200


# --- a database that never answers -----------------------------------------------------------
@pytest.fixture
def silent_database() -> Iterator[str]:
    """A Postgres URL whose server accepts connections and never says a word (hung)."""
    with socket.socket() as listener:
        listener.bind(("127.0.0.1", 0))
        listener.listen(64)  # the kernel completes the handshakes; nobody ever answers
        yield f"postgresql://nobody@127.0.0.1:{listener.getsockname()[1]}/nothing"


def test_a_database_that_never_answers_gets_503_and_healthz_still_answers(
    silent_database: str
) -> None:
    settings = make_settings(silent_database, temporal_address="127.0.0.1:1",
                             api_db_wait_seconds=2)
    with TestClient(create_app(settings)) as http, ThreadPoolExecutor(2) as pool:
        health = pool.submit(http.get, "/healthz").result(ANSWERED_WITHIN)
        assert health.status_code == 200 and health.json()["database"]["ok"] is False
        answer = pool.submit(http.get, "/reports/models").result(ANSWERED_WITHIN)
        assert answer.status_code == 503 and answer.headers["Retry-After"] == "1"
        assert answer.json() == {"detail": "the database is not answering; retry"}
