"""Liveness, readiness and the node's identity.

`/healthz` must answer whatever the load: its database probe runs in a thread of its own
(not the route thread pool, which busy requests may fill) on a one-connection engine of its
own (not the API pool, which they may exhaust), one probe at a time shared by concurrent
callers, and every check is bounded by HEALTH_TIMEOUT_SECONDS."""

from __future__ import annotations

import asyncio
from typing import Any, Literal

import anyio.to_thread
from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse
from pydantic import BaseModel, Field
from sqlalchemy import Engine, text

from coordinator_node.api.deps import ContractDep, SettingsDep
from coordinator_node.api.offload import SharedCalls
from coordinator_node.api.routing import ApiRoute
from coordinator_node.client.inputs import on_chain_identities

router = APIRouter(tags=["health"], route_class=ApiRoute)

HEALTH_TIMEOUT_SECONDS = 2.0


class NodeInfo(BaseModel):
    crunch_id: str
    crunch_address: str = Field(description="the crunch's on-chain pubkey (empty when unset)")
    network: str = Field(description="the Solana cluster, e.g. mainnet-beta")


class DatabaseHealth(BaseModel):
    ok: bool
    backend: str | None = Field(default=None, description="`postgresql` or `sqlite` (when ok)")
    error: str | None = Field(default=None, description="why not ok")


class TemporalHealth(BaseModel):
    ok: bool
    address: str | None = None
    namespace: str | None = None
    error: str | None = Field(default=None, description="why not ok")


class Health(BaseModel):
    status: Literal["ok", "degraded"] = Field(description="ok: database and Temporal answer")
    database: DatabaseHealth
    temporal: TemporalHealth


def _probe_database(engine: Engine) -> dict[str, Any]:
    try:
        with engine.connect() as conn:
            conn.execute(text("SELECT 1"))
        return {"ok": True, "backend": engine.dialect.name}
    except Exception as exc:
        return {"ok": False, "error": (str(exc).splitlines() or [type(exc).__name__])[0]}


async def _database(request: Request) -> dict[str, Any]:
    state = request.app.state
    probes: SharedCalls[dict[str, Any]] = state.health_probes

    def probe() -> Any:
        # Abandoned on timeout: a hung database keeps the probe's thread, not the answer.
        return anyio.to_thread.run_sync(_probe_database, state.health_engine,
                                        limiter=state.health_limiter, abandon_on_cancel=True)

    try:
        return await probes.run("database", probe, HEALTH_TIMEOUT_SECONDS)
    except TimeoutError:
        return {"ok": False, "error": f"no answer within {HEALTH_TIMEOUT_SECONDS:g}s"}


async def _temporal(request: Request) -> dict[str, Any]:
    state = request.app.state
    if state.temporal is None:
        return {"ok": False, "error": state.temporal_error}
    try:
        await asyncio.wait_for(state.temporal.service_client.check_health(),
                               HEALTH_TIMEOUT_SECONDS)
    except TimeoutError:
        return {"ok": False, "error": f"no answer within {HEALTH_TIMEOUT_SECONDS:g}s"}
    except Exception as exc:
        return {"ok": False, "error": str(exc)}
    return {"ok": True, "address": state.settings.temporal_address,
            "namespace": state.settings.temporal_namespace}


async def _states(request: Request) -> dict[str, Any]:
    database, temporal = await asyncio.gather(_database(request), _temporal(request))
    ready = database["ok"] and temporal["ok"]
    return {"status": "ok" if ready else "degraded", "database": database, "temporal": temporal}


@router.get("/healthz", response_model=Health, response_model_exclude_none=True)
async def healthz(request: Request) -> dict[str, Any]:
    """Liveness: answers 200 while the process runs, with the DB's and Temporal's state."""
    return await _states(request)


@router.get("/readyz", response_model=Health, response_model_exclude_none=True, responses={
    503: {"model": Health, "description": "The database or Temporal does not answer"}})
async def readyz(request: Request) -> JSONResponse:
    """Readiness: 503 until both the database and Temporal answer."""
    body = await _states(request)
    return JSONResponse(body, status_code=200 if body["status"] == "ok" else 503)


@router.get("/info", response_model=NodeInfo)
async def info(settings: SettingsDep, contract: ContractDep) -> NodeInfo:
    """Which crunch this node serves, so a client can check it against the chain."""
    return NodeInfo(crunch_id=settings.crunch_id,
                    crunch_address=on_chain_identities(settings, contract)["crunch_pubkey"],
                    network=settings.network)
