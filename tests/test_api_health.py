from __future__ import annotations

import asyncio

from fastapi.testclient import TestClient
from temporalio.testing import WorkflowEnvironment

from coordinator_node.api import create_app
from tests.conftest import make_settings


async def test_healthz_reports_database_and_temporal(
    pg_url: str, temporal_env: WorkflowEnvironment
) -> None:
    address = temporal_env.client.service_client.config.target_host
    app = create_app(make_settings(pg_url, temporal_address=address))
    with TestClient(app) as client:
        for _ in range(50):  # the lifespan connects to Temporal in the background
            body = client.get("/healthz").json()
            if body["temporal"]["ok"]:
                break
            await asyncio.sleep(0.1)
        assert body["database"] == {"ok": True, "backend": "postgresql"}
        assert body["temporal"]["ok"] is True
        assert body["status"] == "ok"
        assert client.get("/readyz").status_code == 200


def test_healthz_answers_while_temporal_is_down(sqlite_url: str) -> None:
    app = create_app(make_settings(sqlite_url, temporal_address="127.0.0.1:1"))
    with TestClient(app) as client:
        response = client.get("/healthz")
        assert response.status_code == 200
        assert response.json()["status"] == "degraded"
        assert response.json()["temporal"]["ok"] is False
        assert response.json()["database"]["ok"] is True
        assert client.get("/readyz").status_code == 503
