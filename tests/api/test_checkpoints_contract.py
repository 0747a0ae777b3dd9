"""The checkpoint side of the web app's report API contract (checkpoints, emissions, prizes,
rewards, confirm / status, auth, CORS, /info), called exactly as the CrunchDAO web app calls
it: no credentials, JSON bodies. The checkpoints are built by the real workflow on the
Temporal dev server, on Postgres and on SQLite; a database of release 0.2.0 is served in the
same shapes."""

from __future__ import annotations

import asyncio
import math
import uuid
from collections.abc import AsyncIterator, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from pydantic import SecretStr
from sqlalchemy import Engine, text
from temporalio.client import Client
from temporalio.testing import WorkflowEnvironment

from coordinator_node.api import create_app
from coordinator_node.client import checkpoints as control
from coordinator_node.contract import DEFAULT_CONTRACT, FRAC64_ONE
from coordinator_node.db import create_db_engine, migrate, session_scope
from coordinator_node.db.tables import Model, Snapshot
from coordinator_node.db.upsert import upsert
from coordinator_node.ids import snapshot_id
from coordinator_node.settings import Settings
from tests.checkpoints.test_lifecycle import built, period_end, stored
from tests.conftest import make_settings
from tests.support import eventually, running_worker
from tests.upgrade.releases import release_versions, restored_postgres, sqlite_copy

TRUSTED = ("127.0.0.1", 51000)  # inside TRUSTED_NETWORKS=127.0.0.1/32
UNTRUSTED = ("10.1.2.3", 5000)
JSON = {"Content-Type": "application/json"}  # all the platform sends on POST / PATCH
STATUSES = {"PENDING", "SUBMITTED", "CLAIMABLE", "PAID"}
CHECKPOINT_KEYS = {"id", "period_start", "period_end", "status", "entries", "meta",
                   "created_at", "tx_hash", "submitted_at"}
NODE_EXTRAS = {"crunch_id", "claimable_at", "paid_at", "updated_at"}
RANKING_KEYS = {"model_id", "model_name", "cruncher_name", "prediction_count",
                "snapshot_count", "result_summary", "rank"}
# Registered models (the third, model-worst, never registered: its names are null).
NAMES = {"model-best": ("best", "alice"), "model-mid": ("mid", "bob")}
# Per model, two snapshots a period: (prediction count, value).
SNAPSHOTS = {"model-best": [(100, 0.5), (300, 1.0)], "model-mid": [(100, 0.1), (300, 0.1)],
             "model-worst": [(200, -0.4), (200, -0.4)]}
ORDER = ["model-best", "model-mid", "model-worst"]
REWARDS = [500_000_000, 250_000_000, 250_000_000]


# --- the contract's types --------------------------------------------------------------
def is_dt(value: Any) -> bool:
    """An ISO 8601 date-time string with an offset (the browser reads one without as local)."""
    return isinstance(value, str) and datetime.fromisoformat(value).tzinfo is not None


def is_int(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def epoch(value: str) -> float:
    return datetime.fromisoformat(value).timestamp()


def assert_emission(emission: dict[str, Any]) -> None:
    assert {"crunch", "cruncher_rewards", "compute_provider_rewards",
            "data_provider_rewards"} <= set(emission)
    assert isinstance(emission["crunch"], str)
    for reward in emission["cruncher_rewards"]:
        assert set(reward) == {"cruncher_index", "reward_pct"}
        assert is_int(reward["cruncher_index"]) and is_int(reward["reward_pct"])
    assert sum(r["reward_pct"] for r in emission["cruncher_rewards"]) == FRAC64_ONE
    for key in ("compute_provider_rewards", "data_provider_rewards"):
        for reward in emission[key]:
            assert set(reward) == {"provider", "reward_pct"}
            assert isinstance(reward["provider"], str) and is_int(reward["reward_pct"])


def assert_checkpoint(checkpoint: dict[str, Any]) -> None:
    """Every field and JSON type of the contract's Checkpoint object, and this node's extras."""
    assert set(checkpoint) == CHECKPOINT_KEYS | NODE_EXTRAS
    assert isinstance(checkpoint["id"], str) and isinstance(checkpoint["crunch_id"], str)
    for key in ("period_start", "period_end", "created_at", "updated_at"):
        assert is_dt(checkpoint[key]), key
    for key in ("submitted_at", "claimable_at", "paid_at"):
        assert checkpoint[key] is None or is_dt(checkpoint[key]), key
    assert checkpoint["status"] in STATUSES
    assert checkpoint["tx_hash"] is None or isinstance(checkpoint["tx_hash"], str)
    assert isinstance(checkpoint["entries"], list) and len(checkpoint["entries"]) == 1
    assert_emission(checkpoint["entries"][0])
    meta = checkpoint["meta"]
    assert is_int(meta["model_count"]) and is_int(meta["snapshot_count"])
    ranking = meta["ranking"]
    assert isinstance(ranking, list) and meta["model_count"] == len(ranking)
    for position, entry in enumerate(ranking):
        assert RANKING_KEYS <= set(entry)
        assert isinstance(entry["model_id"], str) and "," not in entry["model_id"]
        for key in ("model_name", "cruncher_name"):
            assert entry[key] is None or isinstance(entry[key], str), key
        assert is_int(entry["prediction_count"])
        assert entry["snapshot_count"] is None or is_int(entry["snapshot_count"])
        assert entry["result_summary"] is None or isinstance(entry["result_summary"], dict)
        assert entry["rank"] == position + 1
    # cruncher_index i is meta.ranking[i]: every index points into the ranking.
    indexes = [r["cruncher_index"] for r in checkpoint["entries"][0]["cruncher_rewards"]]
    assert sorted(indexes) == list(range(len(ranking)))


# --- a node with two checkpoints ---------------------------------------------------------
@dataclass
class Node:
    client: Client
    settings: Settings
    settled: str  # CLAIMABLE, built first
    pending: str  # PENDING, built second
    period_ends: dict[str, datetime]


def seed(engine: Engine, end: datetime) -> None:
    """Each model's two one-hour snapshots just before `end`."""
    rows = []
    for model_id, snapshots in SNAPSHOTS.items():
        for hours, (count, value) in zip((2, 1), snapshots, strict=True):
            start = end - timedelta(hours=hours)
            rows.append({"id": snapshot_id(model_id, start, start + timedelta(hours=1)),
                         "model_id": model_id, "period_start": start,
                         "period_end": start + timedelta(hours=1), "prediction_count": count,
                         "summary": {"value": value, "success": 1.0}})
    with session_scope(engine) as session:
        upsert(session, Snapshot, rows, ["id"])


def register_models(engine: Engine) -> None:
    with session_scope(engine) as session:
        upsert(session, Model, [{"model_id": model_id, "model_name": name, "cruncher_id": "c",
                                 "cruncher_name": cruncher, "deployment_id": "d", "infos": {}}
                                for model_id, (name, cruncher) in NAMES.items()], ["model_id"])


async def build(node_client: Client, settings: Settings, end: datetime) -> str:
    the_id, started = await control.create_checkpoint(node_client, settings, DEFAULT_CONTRACT,
                                                      end)
    assert started and (await built(node_client, the_id)).status == "PENDING"
    return the_id


@pytest.fixture
async def node(temporal_env: WorkflowEnvironment, engine: Engine,
               task_queue: str) -> AsyncIterator[Node]:
    """Postgres or SQLite; two checkpoints built by the worker: the first settled to
    CLAIMABLE, the second PENDING."""
    settings = make_settings(
        engine.url.render_as_string(hide_password=False), temporal_task_queue=task_queue,
        temporal_address=temporal_env.client.service_client.config.target_host,
        crunch_id=f"crunch-{uuid.uuid4().hex[:6]}", crunch_pubkey="CrunchPub",
        compute_provider="ComputePub", trusted_networks="127.0.0.1/32")
    second_end = period_end()
    first_end = second_end - timedelta(hours=3)
    register_models(engine)
    seed(engine, first_end)
    seed(engine, second_end)
    client = temporal_env.client
    async with running_worker(client, settings):
        settled = await build(client, settings, first_end)
        await control.confirm(client, stored(engine, settled), "0xsettled", "test")
        await control.set_status(client, stored(engine, settled), "CLAIMABLE", "test")
        pending = await build(client, settings, second_end)
        yield Node(client, settings, settled, pending,
                   {settled: first_end, pending: second_end})


@contextmanager
def api(settings: Settings, address: tuple[str, int] = TRUSTED) -> Iterator[TestClient]:
    with TestClient(create_app(settings), client=address) as http:
        yield http


async def connected(http: TestClient) -> TestClient:
    """The API connects to Temporal in the background: wait for it."""
    await eventually(lambda: http.get("/healthz").json()["temporal"]["ok"], within=30,
                     what="the API to connect to Temporal")
    return http


async def send(http: TestClient, method: str, path: str, body: Any,
               **kwargs: Any) -> Any:
    """A JSON POST / PATCH as the platform sends it, from a thread: the worker runs on this
    event loop and must keep running while the API waits for the workflow."""
    return await asyncio.to_thread(http.request, method, path, json=body, **kwargs)


# --- reads -------------------------------------------------------------------------------
async def test_every_checkpoint_read_answers_in_the_contract_shape(node: Node) -> None:
    with api(node.settings) as http:
        listing = http.get("/reports/checkpoints")
        assert listing.status_code == 200
        checkpoints = listing.json()
        # Newest created_at first.
        assert [c["id"] for c in checkpoints] == [node.pending, node.settled]
        for checkpoint in checkpoints:
            assert_checkpoint(checkpoint)
            assert epoch(checkpoint["period_end"]) == node.period_ends[checkpoint["id"]
                                                                       ].timestamp()
        assert [c["created_at"] for c in checkpoints] == sorted(
            (c["created_at"] for c in checkpoints), key=epoch, reverse=True)
        pending, settled = checkpoints
        assert pending["status"] == "PENDING" and pending["tx_hash"] is None
        assert pending["submitted_at"] is None
        assert settled["status"] == "CLAIMABLE" and settled["tx_hash"] == "0xsettled"
        assert is_dt(settled["submitted_at"]) and is_dt(settled["claimable_at"])
        # Periods chain: the second starts where the first ended.
        assert pending["period_start"] == settled["period_end"]

        # The ranking the settle dialog shows: names from the models table (null when the
        # model was never registered), per-model snapshot counts, the weighted summary.
        meta = pending["meta"]
        assert meta["model_count"] == 3 and meta["snapshot_count"] == 6
        assert [e["model_id"] for e in meta["ranking"]] == ORDER
        assert [(e["model_name"], e["cruncher_name"]) for e in meta["ranking"]] == [
            ("best", "alice"), ("mid", "bob"), (None, None)]
        assert [e["snapshot_count"] for e in meta["ranking"]] == [2, 2, 2]
        assert [e["prediction_count"] for e in meta["ranking"]] == [400, 400, 400]
        best = meta["ranking"][0]["result_summary"]
        assert best == {"value": pytest.approx(0.875), "success": pytest.approx(1.0)}
        assert [r["reward_pct"] for r in pending["entries"][0]["cruncher_rewards"]] == REWARDS
        assert pending["entries"][0]["crunch"] == "CrunchPub"
        assert pending["entries"][0]["compute_provider_rewards"] == [
            {"provider": "ComputePub", "reward_pct": FRAC64_ONE}]

        # Filters and limits.
        for status, expected in (("PENDING", [node.pending]), ("CLAIMABLE", [node.settled]),
                                 ("PAID", []), ("SUBMITTED", [])):
            answer = http.get(f"/reports/checkpoints?status={status}")
            assert answer.status_code == 200 and [c["id"] for c in answer.json()] == expected
        assert http.get("/reports/checkpoints?status=bogus").json() == []  # 200, no match
        assert [c["id"] for c in http.get("/reports/checkpoints?limit=1").json()] == [
            node.pending]
        assert http.get("/reports/checkpoints?limit=100").status_code == 200
        assert http.get("/reports/checkpoints?limit=1000").status_code == 200  # an addition
        for bad in ("0", "1001", "x"):
            assert http.get(f"/reports/checkpoints?limit={bad}").status_code == 422

        latest = http.get("/reports/checkpoints/latest")
        assert latest.status_code == 200 and latest.json() == pending
        assert http.get(f"/reports/checkpoints/{node.settled}").json() == settled

        payload = http.get(f"/reports/checkpoints/{node.pending}/payload").json()
        assert payload == {"checkpoint_id": node.pending,
                           "period_start": pending["period_start"],
                           "period_end": pending["period_end"],
                           "entries": pending["entries"],
                           "merkle_root": pending["meta"]["merkle_root"]}  # an addition
        assert len(payload["merkle_root"]) == 64

        emission = http.get(f"/reports/checkpoints/{node.pending}/emission").json()
        assert emission == pending["entries"][0]

        cli = http.get(f"/reports/checkpoints/{node.pending}/emission/cli-format").json()
        assert cli == {"crunch": "CrunchPub",
                       "crunchEmission": {"model-best": 50.0, "model-mid": 25.0,
                                          "model-worst": 25.0},
                       "computeProvider": {"ComputePub": 100.0}, "dataProvider": {}}

        latest_emission = http.get("/reports/emissions/latest").json()
        assert latest_emission == {"checkpoint_id": node.pending, "status": "PENDING",
                                   "period_start": pending["period_start"],
                                   "period_end": pending["period_end"], "emission": emission,
                                   "merkle_root": payload["merkle_root"]}

        # 0.1.85's prizes: round(total_prize * share), timestamp = floor(period_end).
        prizes = http.get(f"/reports/checkpoints/{node.pending}/prizes?total_prize=1001")
        assert prizes.status_code == 200
        timestamp = math.floor(epoch(pending["period_end"]))
        assert prizes.json() == [
            {"prizeId": f"{node.pending}-{model_id}", "timestamp": timestamp,
             "model": model_id, "prize": prize}
            for model_id, prize in zip(ORDER, [501, 250, 250], strict=True)]

        # Reward history: one row per (checkpoint, ranked model), newest checkpoint first.
        rewards = http.get("/reports/checkpoints/rewards").json()
        assert [(r["checkpoint_id"], r["model_id"], r["rank"]) for r in rewards] == [
            (cid, model_id, rank) for cid in (node.pending, node.settled)
            for rank, model_id in enumerate(ORDER, start=1)]
        first = rewards[0]
        assert first == {
            "checkpoint_id": node.pending, "period_start": pending["period_start"],
            "period_end": pending["period_end"], "status": "PENDING",
            "model_id": "model-best", "model_name": "best", "cruncher_name": "alice",
            "rank": 1, "reward_pct": 50.0, "share": 0.5, "reward_frac64": 500_000_000,
            "prediction_count": 400, "snapshot_count": 2, "result_summary": best}
        only_mid = http.get("/reports/checkpoints/rewards?model_id=model-mid&limit=1").json()
        assert [(r["checkpoint_id"], r["model_id"]) for r in only_mid] == [
            (node.pending, "model-mid")]

        # Unknown ids: 404 on every per-checkpoint route.
        for suffix in ("", "/payload", "/emission", "/emission/cli-format", "/prizes"):
            missing = http.get(f"/reports/checkpoints/nope{suffix}")
            assert missing.status_code == 404 and missing.json() == {
                "detail": "unknown checkpoint nope"}


async def test_latest_and_lists_before_the_first_checkpoint(sqlite_engine: Engine) -> None:
    settings = make_settings(sqlite_engine.url.render_as_string(hide_password=False),
                             temporal_address="127.0.0.1:1")
    with api(settings) as http:
        assert http.get("/reports/checkpoints").json() == []
        assert http.get("/reports/checkpoints/rewards").json() == []
        for path in ("/reports/checkpoints/latest", "/reports/emissions/latest"):
            missing = http.get(path)
            assert missing.status_code == 404 and missing.json() == {
                "detail": "no checkpoint yet"}


# --- the settle flow ---------------------------------------------------------------------
async def test_the_platform_settles_from_a_trusted_network_and_not_from_elsewhere(
    node: Node, engine: Engine
) -> None:
    confirm = f"/reports/checkpoints/{node.pending}/confirm"
    status = f"/reports/checkpoints/{node.pending}/status"
    with api(node.settings, UNTRUSTED) as outsider:
        await connected(outsider)
        for method, path, body in (("POST", confirm, {"tx_hash": "5Yx"}),
                                   ("PATCH", status, {"status": "CLAIMABLE"})):
            refused = await send(outsider, method, path, body, headers=JSON)
            assert refused.status_code == 401
            assert refused.json() == {"detail": "this address may not change checkpoints: it "
                                                "is outside TRUSTED_NETWORKS and no API_KEY "
                                                "is configured"}
        # Reads need no credentials from anywhere.
        assert outsider.get(f"/reports/checkpoints/{node.pending}").status_code == 200
    state = stored(engine, node.pending)
    assert state is not None and state.status == "PENDING"  # nothing written

    with api(node.settings, TRUSTED) as platform:
        await connected(platform)
        confirmed = await send(platform, "POST", confirm, {"tx_hash": "5Yx"}, headers=JSON)
        assert confirmed.status_code == 200
        body = confirmed.json()
        assert_checkpoint(body)
        assert body["id"] == node.pending and body["status"] == "SUBMITTED"
        assert body["tx_hash"] == "5Yx" and is_dt(body["submitted_at"])
        claimable = await send(platform, "PATCH", status, {"status": "CLAIMABLE"},
                               headers=JSON)
        assert claimable.status_code == 200
        assert_checkpoint(claimable.json())
        assert claimable.json()["status"] == "CLAIMABLE"
        assert claimable.json()["tx_hash"] == "5Yx"
        assert is_dt(claimable.json()["claimable_at"])
        # The list and the workflow agree.
        listed = platform.get("/reports/checkpoints?status=CLAIMABLE").json()
        assert {c["id"] for c in listed} == {node.pending, node.settled}
    state = stored(engine, node.pending)
    assert state is not None and state.status == "CLAIMABLE"


async def test_status_changes_and_their_errors(node: Node) -> None:
    status = f"/reports/checkpoints/{node.pending}/status"
    with api(node.settings) as http:
        await connected(http)
        # PENDING -> SUBMITTED needs the transaction hash: refused without, pointing to
        # confirm; with it, the PATCH confirms.
        bare = await send(http, "PATCH", status, {"status": "SUBMITTED"})
        assert bare.status_code == 409
        assert bare.json()["detail"] == (
            "checkpoint is PENDING: SUBMITTED is reached by confirm with the transaction hash; "
            f'send it: POST /reports/checkpoints/{node.pending}/confirm {{"tx_hash": "…"}}, '
            'or this PATCH with "tx_hash" in the body')
        skip = await send(http, "PATCH", status, {"status": "PAID"})
        assert skip.status_code == 409 and skip.json() == {
            "detail": "checkpoint is PENDING: cannot move to PAID; allowed next: only SUBMITTED"}
        for bad in ({}, {"status": "DONE"}, {"status": "SUBMITTED", "tx_hash": ""},
                    {"status": 3}):
            assert (await send(http, "PATCH", status, bad)).status_code == 422, bad
        confirm = f"/reports/checkpoints/{node.pending}/confirm"
        for bad in ({}, {"tx_hash": ""}, {"tx_hash": "has space"}, {"tx_hash": 12}):
            assert (await send(http, "POST", confirm, bad)).status_code == 422, bad
        unknown = await send(http, "POST", "/reports/checkpoints/nope/confirm",
                             {"tx_hash": "0x1"})
        assert unknown.status_code == 404
        assert (await send(http, "PATCH", "/reports/checkpoints/nope/status",
                           {"status": "PAID"})).status_code == 404

        submitted = await send(http, "PATCH", status, {"status": "SUBMITTED", "tx_hash": "0x9"})
        assert submitted.status_code == 200
        assert_checkpoint(submitted.json())
        assert submitted.json()["status"] == "SUBMITTED"
        assert submitted.json()["tx_hash"] == "0x9"
        # The same again answers the same; another hash is a conflict.
        again = await send(http, "PATCH", status, {"status": "SUBMITTED", "tx_hash": "0x9"})
        assert again.status_code == 200 and again.json() == submitted.json()
        other = await send(http, "POST", confirm, {"tx_hash": "0x8"})
        assert other.status_code == 409 and "SUBMITTED with tx_hash 0x9" in other.text
        back = await send(http, "PATCH", f"/reports/checkpoints/{node.settled}/status",
                          {"status": "SUBMITTED", "tx_hash": "0x9"})
        assert back.status_code == 409 and back.json() == {
            "detail": "checkpoint is CLAIMABLE: cannot move to SUBMITTED; allowed next: "
                      "only PAID"}


async def test_the_key_opens_mutations_from_any_address_in_each_form(node: Node) -> None:
    settings = node.settings.model_copy(update={"trusted_networks": [],
                                                "api_key": SecretStr("s3cret")})
    confirm = f"/reports/checkpoints/{node.pending}/confirm"
    status = f"/reports/checkpoints/{node.pending}/status"
    with api(settings, UNTRUSTED) as http:
        await connected(http)
        for headers, params in (({"X-API-Key": "nope"}, {}),
                                ({"Authorization": "Bearer nope"}, {}),
                                ({}, {"api_key": "nope"})):
            wrong = await send(http, "POST", confirm, {"tx_hash": "0x1"}, headers=headers,
                               params=params)
            assert wrong.status_code == 401 and wrong.json() == {"detail": "wrong API key"}
        missing = await send(http, "POST", confirm, {"tx_hash": "0x1"})
        assert missing.status_code == 401
        # Each form moves the checkpoint one step.
        moved = [
            await send(http, "POST", confirm, {"tx_hash": "0x1"},
                       headers={"X-API-Key": "s3cret"}),
            await send(http, "PATCH", status, {"status": "CLAIMABLE"},
                       headers={"Authorization": "Bearer s3cret"}),
            await send(http, "PATCH", status, {"status": "PAID"},
                       params={"api_key": "s3cret"}),
        ]
        assert [(m.status_code, m.json()["status"]) for m in moved] == [
            (200, "SUBMITTED"), (200, "CLAIMABLE"), (200, "PAID")]


# --- auth without Temporal, CORS, /info --------------------------------------------------
@pytest.mark.parametrize(("address", "code"), [
    (("127.0.0.1", 5000), 503),  # trusted: past the guard, then Temporal is down
    (("::ffff:127.0.0.1", 5000), 503),  # an IPv4 peer on a dual-stack socket
    (("10.0.0.2", 5000), 503),
    (("10.0.0.7", 5000), 401),  # just outside 10.0.0.0/30
    (("10.1.2.3", 5000), 401),
    (("::1", 5000), 401),
    (("testclient", 5000), 401),  # not an IP address
])
def test_trusted_networks_decide_by_client_address(sqlite_engine: Engine,
                                                   address: tuple[str, int],
                                                   code: int) -> None:
    settings = make_settings(sqlite_engine.url.render_as_string(hide_password=False),
                             temporal_address="127.0.0.1:1",
                             trusted_networks="127.0.0.1/32,10.0.0.0/30")
    with api(settings, address) as http:
        answer = http.post("/reports/checkpoints/x/confirm", json={"tx_hash": "0x1"})
        assert answer.status_code == code, answer.text
        # Outside a trusted network and without a declared JSON body: 401 first.
        plain = http.post("/reports/checkpoints/x/confirm", content=b'{"tx_hash": "0x1"}')
        assert plain.status_code == (415 if code == 503 else 401)


def test_cors_lets_any_origin_read_and_preflights_json_mutations(sqlite_engine: Engine) -> None:
    settings = make_settings(sqlite_engine.url.render_as_string(hide_password=False),
                             temporal_address="127.0.0.1:1")
    origin = {"Origin": "https://platform.crunchdao.com"}
    with api(settings) as http:
        read = http.get("/reports/checkpoints", headers=origin)
        assert read.status_code == 200
        assert read.headers["access-control-allow-origin"] == "*"
        for method in ("POST", "PATCH"):
            preflight = http.options("/reports/checkpoints/x/confirm", headers={
                **origin, "Access-Control-Request-Method": method,
                "Access-Control-Request-Headers": "content-type"})
            assert preflight.status_code == 200
            assert preflight.headers["access-control-allow-origin"] == "*"
            assert method in preflight.headers["access-control-allow-methods"]
            assert "content-type" in preflight.headers["access-control-allow-headers"].lower()


def test_cors_origins_can_be_restricted(sqlite_engine: Engine) -> None:
    settings = make_settings(sqlite_engine.url.render_as_string(hide_password=False),
                             temporal_address="127.0.0.1:1",
                             cors_origins="https://platform.crunchdao.com")
    with api(settings) as http:
        allowed = http.get("/info", headers={"Origin": "https://platform.crunchdao.com"})
        assert allowed.headers["access-control-allow-origin"] == (
            "https://platform.crunchdao.com")
        other = http.get("/info", headers={"Origin": "https://elsewhere.example"})
        assert "access-control-allow-origin" not in other.headers
        preflight = http.options("/reports/checkpoints/x/status", headers={
            "Origin": "https://elsewhere.example", "Access-Control-Request-Method": "PATCH"})
        assert preflight.status_code == 400


def test_info_and_healthz(sqlite_engine: Engine) -> None:
    url = sqlite_engine.url.render_as_string(hide_password=False)
    with api(make_settings(url, temporal_address="127.0.0.1:1", crunch_pubkey="CrunchPub",
                           network="devnet")) as http:
        assert http.get("/info").json() == {"crunch_id": "test-crunch",
                                            "crunch_address": "CrunchPub",
                                            "network": "devnet"}
        health = http.get("/healthz")
        assert health.status_code == 200 and isinstance(health.json()["status"], str)
    with api(make_settings(url, temporal_address="127.0.0.1:1")) as http:
        assert http.get("/info").json()["network"] == "mainnet-beta"


# --- a database written by release 0.2.0 ---------------------------------------------------
@pytest.fixture(params=[(version, backend) for version in release_versions()
                        for backend in ("postgres", "sqlite")],
                ids=lambda p: f"{p[0]}-{p[1]}")
def release_db(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """A release's database, restored and migrated to head."""
    version, backend = request.param
    if backend == "sqlite":
        url = sqlite_copy(version, tmp_path)
        migrate(url)
        yield url
        return
    with restored_postgres(version, "cn_contract") as url:
        migrate(url)
        yield url


def test_checkpoints_of_an_earlier_release_are_served_in_the_contract_shape(
    release_db: str,
) -> None:
    with api(make_settings(release_db, temporal_address="127.0.0.1:1")) as http:
        checkpoints = http.get("/reports/checkpoints").json()
        assert checkpoints
        models = {m: (n or None, c or None) for m, n, c in _registered(release_db)}
        for checkpoint in checkpoints:
            assert_checkpoint(checkpoint)
            for entry in checkpoint["meta"]["ranking"]:
                # Names from today's models table; what 0.2.0 never stored is null, and the
                # summary holds the one number it kept, the score under its ranking key.
                assert (entry["model_name"], entry["cruncher_name"]) == models.get(
                    entry["model_id"], (None, None))
                assert entry["snapshot_count"] is None
                assert entry["result_summary"] == {
                    checkpoint["meta"]["ranking_key"]: entry["score"]}
            the_id = checkpoint["id"]
            for suffix in ("", "/payload", "/emission", "/emission/cli-format",
                           "/prizes?total_prize=100"):
                assert http.get(f"/reports/checkpoints/{the_id}{suffix}").status_code == 200
        created = [epoch(c["created_at"]) for c in checkpoints]
        assert created == sorted(created, reverse=True)
        assert http.get("/reports/checkpoints/latest").json() == checkpoints[0]
        rows = http.get("/reports/checkpoints/rewards").json()
        assert len(rows) == sum(len(c["meta"]["ranking"]) for c in checkpoints)


def _registered(url: str) -> list[tuple[str, str, str]]:
    engine = create_db_engine(url)
    try:
        with engine.connect() as conn:
            rows = conn.execute(text("SELECT model_id, model_name, cruncher_name FROM models"))
            return [(r[0], r[1], r[2]) for r in rows]
    finally:
        engine.dispose()
