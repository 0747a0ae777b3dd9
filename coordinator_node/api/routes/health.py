from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse
from pydantic import BaseModel, Field
from sqlalchemy import text

from coordinator_node.api.deps import ContractDep, SettingsDep
from coordinator_node.client.inputs import on_chain_identities

router = APIRouter(tags=["health"])


class NodeInfo(BaseModel):
    crunch_id: str
    crunch_address: str = Field(description="the crunch's on-chain pubkey (empty when unset)")
    network: str = Field(description="the Solana cluster, e.g. mainnet-beta")


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


@router.get("/info", response_model=NodeInfo)
def info(settings: SettingsDep, contract: ContractDep) -> NodeInfo:
    """Which crunch this node serves, so a client can check it against the chain."""
    return NodeInfo(crunch_id=settings.crunch_id,
                    crunch_address=on_chain_identities(settings, contract)["crunch_pubkey"],
                    network=settings.network)
