"""Checkpoint and emission reports (read from the database) and the confirm / status calls,
which go through the checkpoint workflow's Updates: 404 unknown id, 409 illegal transition,
422 bad body, 401 without the API key, 503 when Temporal cannot be reached."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Any

from fastapi import APIRouter, HTTPException, Query
from pydantic import BaseModel, Field

from coordinator_node.api.deps import ApiKeyDep, SessionDep, TemporalDep
from coordinator_node.checkpoints.logic import cli_format
from coordinator_node.checkpoints.messages import CheckpointState
from coordinator_node.checkpoints.store import (
    get_checkpoint,
    newest_checkpoint,
    state_of,
)
from coordinator_node.checkpoints.store import (
    list_checkpoints as stored_checkpoints,
)
from coordinator_node.client import checkpoints as control
from coordinator_node.db.tables import Checkpoint
from coordinator_node.statuses import CheckpointStatus

router = APIRouter(prefix="/reports", tags=["checkpoints"])

C = Checkpoint.__table__.c  # type: ignore[attr-defined]
HTTP_FOR = {"not_found": 404, "illegal": 409, "invalid": 422, "unavailable": 503}


class CheckpointOut(BaseModel):
    id: str
    crunch_id: str
    period_start: datetime
    period_end: datetime
    status: CheckpointStatus
    tx_hash: str | None
    submitted_at: datetime | None
    claimable_at: datetime | None
    paid_at: datetime | None
    created_at: datetime
    updated_at: datetime


class CheckpointPayload(CheckpointOut):
    emission: dict[str, Any]
    meta: dict[str, Any]


class LatestEmission(BaseModel):
    checkpoint_id: str
    status: CheckpointStatus
    period_start: datetime
    period_end: datetime
    emission: dict[str, Any]


class ConfirmBody(BaseModel):
    tx_hash: str = Field(min_length=1, max_length=256, pattern=r"^\S+$",
                         description="the on-chain transaction that submitted the checkpoint")


class StatusBody(BaseModel):
    status: CheckpointStatus


def _get(session: SessionDep, checkpoint_id: str) -> Checkpoint:
    row = get_checkpoint(session, checkpoint_id)
    if row is None:
        raise HTTPException(404, f"unknown checkpoint {checkpoint_id}")
    return row


def _newest(session: SessionDep) -> Checkpoint:
    row = newest_checkpoint(session)
    if row is None:
        raise HTTPException(404, "no checkpoint yet")
    return row


@router.get("/checkpoints", response_model=list[CheckpointOut])
def list_checkpoints(
    session: SessionDep,
    status: CheckpointStatus | None = None,
    limit: Annotated[int, Query(ge=1, le=1000)] = 50,
) -> list[Checkpoint]:
    """Checkpoint history, newest period first."""
    return stored_checkpoints(session, status, limit)


@router.get("/checkpoints/latest", response_model=CheckpointPayload)
def latest_checkpoint(session: SessionDep) -> Checkpoint:
    return _newest(session)


@router.get("/checkpoints/{checkpoint_id}/payload", response_model=CheckpointPayload)
def checkpoint_payload(session: SessionDep, checkpoint_id: str) -> Checkpoint:
    return _get(session, checkpoint_id)


@router.get("/checkpoints/{checkpoint_id}/emission")
def checkpoint_emission(session: SessionDep, checkpoint_id: str) -> dict[str, Any]:
    """The raw emission, frac64 (1,000,000,000 = 100%), as submitted on-chain."""
    return _get(session, checkpoint_id).emission


@router.get("/checkpoints/{checkpoint_id}/emission/cli-format")
def checkpoint_emission_cli(session: SessionDep, checkpoint_id: str) -> dict[str, Any]:
    """Percentages 0-100 keyed by model id and provider pubkey, for the submission tool."""
    row = _get(session, checkpoint_id)
    return cli_format(row.emission, row.meta.get("ranking", []))


@router.get("/emissions/latest", response_model=LatestEmission)
def latest_emission(session: SessionDep) -> LatestEmission:
    row = _newest(session)
    return LatestEmission(checkpoint_id=row.id, status=row.status,
                          period_start=row.period_start, period_end=row.period_end,
                          emission=row.emission)


async def _answer(call: Any) -> CheckpointState:
    try:
        state: CheckpointState = await call
    except control.CheckpointRefused as refused:
        raise HTTPException(HTTP_FOR[refused.kind], refused.message) from refused
    return state


@router.post("/checkpoints/{checkpoint_id}/confirm", response_model=CheckpointState,
             dependencies=[ApiKeyDep])
async def confirm_checkpoint(session: SessionDep, client: TemporalDep, checkpoint_id: str,
                             body: ConfirmBody) -> CheckpointState:
    """PENDING → SUBMITTED with the transaction hash; the same call again answers the same."""
    stored = _get(session, checkpoint_id)
    return await _answer(control.confirm(client, state_of(stored), body.tx_hash, "api"))


@router.patch("/checkpoints/{checkpoint_id}/status", response_model=CheckpointState,
              dependencies=[ApiKeyDep])
async def set_checkpoint_status(session: SessionDep, client: TemporalDep, checkpoint_id: str,
                                body: StatusBody) -> CheckpointState:
    """One step forward: SUBMITTED → CLAIMABLE → PAID."""
    stored = _get(session, checkpoint_id)
    return await _answer(control.set_status(client, state_of(stored), body.status.value, "api"))
