from __future__ import annotations

from typing import Any

from fastapi.testclient import TestClient
from temporalio.testing import WorkflowEnvironment

from coordinator_node.api import create_app
from tests.conftest import make_settings
from tests.support import eventually


async def test_healthz_reports_database_and_temporal(
    pg_url: str, temporal_env: WorkflowEnvironment
) -> None:
    address = temporal_env.client.service_client.config.target_host
    app = create_app(make_settings(pg_url, temporal_address=address))
    with TestClient(app) as client:
        def health_with_temporal() -> dict[str, Any] | None:
            body: dict[str, Any] = client.get("/healthz").json()
            return body if body["temporal"]["ok"] else None

        # the lifespan connects to Temporal in the background
        body = await eventually(health_with_temporal, within=30, what="/healthz to see Temporal")
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
