"""Checkpoint reports and the confirm / status endpoints over HTTP, through the real workflow
on the Temporal dev server: 200 / 401 / 404 / 409 / 422 / 503, exact bodies. (The web app's
contract, field by field, is tests/api/test_checkpoints_contract.py.)"""

from __future__ import annotations

import asyncio
import uuid
from collections.abc import AsyncIterator
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Engine
from temporalio.testing import WorkflowEnvironment

from coordinator_node.api import create_app
from coordinator_node.client import checkpoints as control
from coordinator_node.contract import DEFAULT_CONTRACT
from tests.checkpoints.test_lifecycle import built, period_end, seed_snapshots, transitions
from tests.conftest import make_settings
from tests.support import eventually, running_worker

KEY = {"X-API-Key": "s3cret"}


@pytest.fixture
async def api_and_checkpoint(
    temporal_env: WorkflowEnvironment, pg_engine: Engine, pg_url: str, task_queue: str
) -> AsyncIterator[tuple[TestClient, str]]:
    address = temporal_env.client.service_client.config.target_host
    settings = make_settings(pg_url, temporal_task_queue=task_queue, temporal_address=address,
                             crunch_id=f"crunch-{uuid.uuid4().hex[:6]}", api_key="s3cret",
                             crunch_pubkey="CrunchPub")
    end = period_end()
    seed_snapshots(pg_engine, end)
    async with running_worker(temporal_env.client, settings):
        the_id, _ = await control.create_checkpoint(temporal_env.client, settings,
                                                    DEFAULT_CONTRACT, end)
        await built(temporal_env.client, the_id)
        with TestClient(create_app(settings)) as http:
            # the API connects to Temporal in the background
            await eventually(lambda: http.get("/healthz").json()["temporal"]["ok"], within=30,
                             what="the API to reach Temporal")
            yield http, the_id


async def call(http: TestClient, method: str, path: str, **kwargs: Any) -> Any:
    """HTTP from a thread, so the worker on this event loop keeps running."""
    return await asyncio.to_thread(http.request, method, path, **kwargs)


async def test_reports_and_lifecycle_over_http(
    api_and_checkpoint: tuple[TestClient, str], pg_engine: Engine
) -> None:
    http, the_id = api_and_checkpoint
    listing = http.get("/reports/checkpoints").json()
    assert [c["id"] for c in listing] == [the_id] and listing[0]["status"] == "PENDING"
    assert http.get("/reports/checkpoints", params={"status": "PAID"}).json() == []
    assert http.get("/reports/checkpoints/latest").json()["id"] == the_id
    ranking = http.get(f"/reports/checkpoints/{the_id}").json()["meta"]["ranking"]
    assert [e["model_id"] for e in ranking] == ["model-best", "model-mid", "model-worst"]
    payload = http.get(f"/reports/checkpoints/{the_id}/payload").json()
    assert payload["checkpoint_id"] == the_id and len(payload["entries"]) == 1
    emission = http.get(f"/reports/checkpoints/{the_id}/emission").json()
    assert payload["entries"] == [emission]
    assert [r["reward_pct"] for r in emission["cruncher_rewards"]] == [
        500000000, 250000000, 250000000]
    assert http.get(f"/reports/checkpoints/{the_id}/emission/cli-format").json() == {
        "crunch": "CrunchPub",
        "crunchEmission": {"model-best": 50.0, "model-mid": 25.0, "model-worst": 25.0},
        "computeProvider": {}, "dataProvider": {}}
    latest = http.get("/reports/emissions/latest").json()
    assert latest["checkpoint_id"] == the_id and latest["status"] == "PENDING"
    assert latest["emission"] == emission

    confirm = f"/reports/checkpoints/{the_id}/confirm"
    status = f"/reports/checkpoints/{the_id}/status"
    # Without or with a wrong key (the test client's address is not trusted): 401, nothing
    # written.
    missing_key = await call(http, "POST", confirm, json={"tx_hash": "0xabc"})
    assert missing_key.status_code == 401
    assert missing_key.json() == {"detail": "missing API key: send it as X-API-Key, "
                                            "Authorization: Bearer or ?api_key=, or call from "
                                            "a network listed in TRUSTED_NETWORKS"}
    wrong = await call(http, "POST", confirm, json={"tx_hash": "0xabc"},
                       headers={"X-API-Key": "nope"})
    assert wrong.status_code == 401
    assert wrong.json() == {"detail": "wrong API key"}
    # A body that is not declared JSON: 415 (it would dodge the CORS preflight).
    plain = await call(http, "POST", confirm, content=b'{"tx_hash": "0xabc"}',
                       headers={**KEY, "Content-Type": "text/plain"})
    assert plain.status_code == 415
    # Bad bodies: 422.
    for body in ({}, {"tx_hash": ""}, {"tx_hash": "has space"}, {"tx_hash": 12}):
        assert (await call(http, "POST", confirm, json=body, headers=KEY)).status_code == 422
    bad_status = await call(http, "PATCH", status, json={"status": "DONE"}, headers=KEY)
    assert bad_status.status_code == 422
    # Unknown id: 404.
    missing = await call(http, "POST", "/reports/checkpoints/nope/confirm",
                         json={"tx_hash": "0x1"}, headers=KEY)
    assert missing.status_code == 404
    assert missing.json() == {"detail": "unknown checkpoint nope"}
    assert http.get("/reports/checkpoints/nope/emission").status_code == 404
    # Illegal before confirm: 409 naming the states.
    early = await call(http, "PATCH", status, json={"status": "CLAIMABLE"}, headers=KEY)
    assert early.status_code == 409
    assert early.json() == {"detail": "checkpoint is PENDING: cannot move to CLAIMABLE; "
                                      "allowed next: only SUBMITTED"}
    assert len(transitions(pg_engine, the_id)) == 1

    # Ten concurrent confirms over HTTP: all 200 with the same body, one transition.
    answers = await asyncio.gather(*(
        call(http, "POST", confirm, json={"tx_hash": "0xabc"}, headers=KEY) for _ in range(10)))
    assert {a.status_code for a in answers} == {200}
    assert len({a.text for a in answers}) == 1
    assert answers[0].json()["status"] == "SUBMITTED"
    assert answers[0].json()["tx_hash"] == "0xabc"
    assert [t[1] for t in transitions(pg_engine, the_id)] == ["PENDING", "SUBMITTED"]
    conflict = await call(http, "POST", confirm, json={"tx_hash": "0xdef"}, headers=KEY)
    assert conflict.status_code == 409 and "SUBMITTED with tx_hash 0xabc" in conflict.text

    for step in ("CLAIMABLE", "PAID"):
        moved = await call(http, "PATCH", status, json={"status": step}, headers=KEY)
        assert moved.status_code == 200 and moved.json()["status"] == step
    repeat = await call(http, "PATCH", status, json={"status": "PAID"}, headers=KEY)
    assert repeat.status_code == 200 and repeat.json()["status"] == "PAID"
    back = await call(http, "PATCH", status, json={"status": "CLAIMABLE"}, headers=KEY)
    assert back.status_code == 409 and "final" in back.json()["detail"]
    assert http.get("/reports/checkpoints/latest").json()["status"] == "PAID"


def test_mutations_are_closed_without_a_key_outside_dev_mode(sqlite_engine: Engine) -> None:
    url = sqlite_engine.url.render_as_string(hide_password=False)
    app = create_app(make_settings(url, temporal_address="127.0.0.1:1"))
    with TestClient(app) as http:
        response = http.post("/reports/checkpoints/x/confirm", json={"tx_hash": "0x1"})
        assert response.status_code == 401
        assert response.json() == {"detail": "this address may not change checkpoints: it is "
                                             "outside TRUSTED_NETWORKS and no API_KEY is "
                                             "configured"}
        patched = http.patch("/reports/checkpoints/x/status", json={"status": "PAID"})
        assert patched.status_code == 401
        assert http.get("/reports/checkpoints/latest").status_code == 404
        assert http.get("/reports/checkpoints").json() == []
        assert http.get("/reports/checkpoints", params={"limit": 0}).status_code == 422


def test_dev_mode_without_a_key_reaches_the_workflow_path(sqlite_engine: Engine) -> None:
    url = sqlite_engine.url.render_as_string(hide_password=False)
    app = create_app(make_settings(url, temporal_address="127.0.0.1:1", dev_mode=True))
    with TestClient(app) as http:
        response = http.post("/reports/checkpoints/x/confirm", json={"tx_hash": "0x1"})
        # No key needed in dev mode; Temporal is down here, so: 503 naming it.
        assert response.status_code == 503
        assert response.json()["detail"].startswith("Temporal is not reachable")
