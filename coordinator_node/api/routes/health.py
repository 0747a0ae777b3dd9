from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse
from sqlalchemy import text

router = APIRouter(tags=["health"])


async def _states(request: Request) -> dict[str, Any]:
    state = request.app.state
    try:
        with state.engine.connect() as conn:
            conn.execute(text("SELECT 1"))
        database: dict[str, Any] = {"ok": True, "backend": state.engine.dialect.name}
    except Exception as exc:
        database = {"ok": False, "error": str(exc).splitlines()[0]}

    if state.temporal is None:
        temporal: dict[str, Any] = {"ok": False, "error": state.temporal_error}
    else:
        try:
            await state.temporal.service_client.check_health()
            temporal = {"ok": True, "address": state.settings.temporal_address,
                        "namespace": state.settings.temporal_namespace}
        except Exception as exc:
            temporal = {"ok": False, "error": str(exc)}
    ready = database["ok"] and temporal["ok"]
    return {"status": "ok" if ready else "degraded", "database": database, "temporal": temporal}


@router.get("/healthz")
async def healthz(request: Request) -> dict[str, Any]:
    """Liveness: answers 200 while the process runs, with the DB's and Temporal's state."""
    return await _states(request)


@router.get("/readyz")
async def readyz(request: Request) -> JSONResponse:
    """Readiness: 503 until both the database and Temporal answer."""
    body = await _states(request)
    return JSONResponse(body, status_code=200 if body["status"] == "ok" else 503)
