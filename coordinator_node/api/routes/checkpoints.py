"""Checkpoint and emission reports (read from the database) and the confirm / status calls,
which go through the checkpoint workflow's Updates: 404 unknown id, 409 illegal transition,
422 bad body, 401 outside the two doors of api/auth.py, 415 a body not sent as JSON, 503 when
Temporal or the database cannot answer in time (with `Retry-After`; the same call again is
safe).

Confirm and status are `async`: they read the row in a worker thread (api/offload.py), hold
no database connection while they await the workflow, answer a move already made from the row
without asking Temporal, and share one Update among identical calls in flight.

The shapes are the web app's report API contract (the seed engine's names); this node's own
fields (crunch_id, claimable_at, paid_at, updated_at, the rewards rows) are additions."""

from __future__ import annotations

import math
from collections.abc import Awaitable, Callable
from datetime import datetime
from typing import Annotated, Any

from fastapi import APIRouter, HTTPException, Query, Request, Response
from pydantic import BaseModel, ConfigDict, Field
from sqlmodel import Session
from temporalio.client import Client

from coordinator_node.api.answers import NOT_MODIFIED
from coordinator_node.api.deps import MUTATION_GUARD, AnswersDep, SessionDep, TemporalDep
from coordinator_node.api.errors import errors, retry_later
from coordinator_node.api.offload import SharedCalls, in_thread
from coordinator_node.api.params import CheckpointId, ModelId
from coordinator_node.api.routing import ApiRoute
from coordinator_node.checkpoints.logic import (
    cli_format,
    complete_ranking,
    frac64_percent,
    model_ids_of,
    prize_amount,
    ranked_rewards,
)
from coordinator_node.checkpoints.messages import CheckpointState, ConfirmRequest, StatusRequest
from coordinator_node.checkpoints.store import (
    checkpoints_version,
    get_checkpoint,
    latest_checkpoint,
    list_checkpoints,
    model_names,
    state_of,
)
from coordinator_node.client import checkpoints as control
from coordinator_node.contract import FRAC64_ONE
from coordinator_node.db.tables import Checkpoint
from coordinator_node.statuses import CheckpointStatus

router = APIRouter(prefix="/reports", tags=["checkpoints"], route_class=ApiRoute)

HTTP_FOR = {"not_found": 404, "illegal": 409, "invalid": 422, "unavailable": 503}
# What each kind of route can answer besides 200.
LIST_ERRORS = errors(422, 503)
ONE_ERRORS = errors(404, 503)
ONE_WITH_PARAMS_ERRORS = errors(404, 422, 503)
CHANGE_ERRORS = errors(401, 404, 409, 415, 422, 503)
# The contract's range is 1-100; up to 1000 is this node's addition (operators, upgrades).
LimitQuery = Annotated[int, Query(ge=1, le=1000, description="at most this many checkpoints")]
DEFAULT_LIMIT = 20
# A string, not the enum: an unknown status answers [] as the seed's did, not 422.
StatusQuery = Annotated[str | None, Query(
    description="PENDING, SUBMITTED, CLAIMABLE or PAID; any other value matches none")]
# A transaction signature or hash (base58, hex): printable ASCII without spaces. Spelled as a
# range because `\s` differs between regex engines (Python, Rust, ECMA disagree on U+0085).
TX_HASH_PATTERN = r"^[\x21-\x7e]+$"
TX_HASH = Field(min_length=1, max_length=256, pattern=TX_HASH_PATTERN,
                description="the on-chain transaction that submitted the checkpoint: printable "
                            "ASCII without spaces (base58 or hex)")


# --- response shapes ---------------------------------------------------------------------
class CruncherReward(BaseModel):
    cruncher_index: int = Field(description="position in `meta.ranking`")
    reward_pct: int = Field(description="frac64: 1,000,000,000 = 100%")


class ProviderReward(BaseModel):
    provider: str = Field(description="the provider's pubkey")
    reward_pct: int = Field(description="frac64: 1,000,000,000 = 100%")


class Emission(BaseModel):
    """The on-chain emission; cruncher rewards sum to exactly 1,000,000,000."""

    model_config = ConfigDict(extra="allow")
    crunch: str = Field(description="the crunch's pubkey")
    cruncher_rewards: list[CruncherReward]
    compute_provider_rewards: list[ProviderReward]
    data_provider_rewards: list[ProviderReward]


class RankingEntry(BaseModel):
    # `model_*` are the contract's names; extra keys a stored ranking holds are kept.
    model_config = ConfigDict(extra="allow", protected_namespaces=())
    model_id: str
    model_name: str | None = Field(description="None when the model is not registered")
    cruncher_name: str | None
    prediction_count: int
    snapshot_count: int | None = Field(description="the model's snapshots in the period "
                                                   "(None in checkpoints of release 0.2.0)")
    result_summary: dict[str, Any] | None = Field(
        description="prediction-weighted mean of the model's snapshot summaries")
    rank: int = Field(description="1-based")
    score: float | None = Field(default=None, description="the ranking score")


class CheckpointMeta(BaseModel):
    model_config = ConfigDict(extra="allow")
    model_count: int = Field(description="ranked (paid) models")
    snapshot_count: int = Field(description="snapshots in the period")
    ranking: list[RankingEntry] = Field(description="`cruncher_index` i is `ranking[i]`")
    merkle_root: str | None = Field(
        default=None, description="the tree over the period's cycle roots (GET "
                                  "/reports/merkle/proof); None before commitments existed")


class CheckpointOut(BaseModel):
    id: str
    crunch_id: str
    period_start: datetime
    period_end: datetime
    status: CheckpointStatus
    entries: list[Emission] = Field(description="exactly one: the checkpoint's emission")
    meta: CheckpointMeta
    created_at: datetime
    tx_hash: str | None
    submitted_at: datetime | None
    claimable_at: datetime | None
    paid_at: datetime | None
    updated_at: datetime


class CheckpointPayload(BaseModel):
    checkpoint_id: str
    period_start: datetime
    period_end: datetime
    entries: list[Emission]
    merkle_root: str | None = Field(description="the checkpoint's Merkle root, hex")


class CliFormat(BaseModel):
    crunch: str
    crunchEmission: dict[str, float] = Field(description="model id -> percent (0-100)")
    computeProvider: dict[str, float] = Field(description="pubkey -> percent (0-100)")
    dataProvider: dict[str, float] = Field(description="pubkey -> percent (0-100)")


class LatestEmission(BaseModel):
    checkpoint_id: str
    status: CheckpointStatus
    period_start: datetime
    period_end: datetime
    emission: Emission
    merkle_root: str | None = Field(description="the checkpoint's Merkle root, hex")


class Prize(BaseModel):
    prizeId: str = Field(description="`<checkpoint id>-<model id>`")
    timestamp: int = Field(description="period end, epoch seconds")
    model: str = Field(description="model id")
    prize: int = Field(description="round(total_prize * share)")


class RewardRow(BaseModel):
    model_config = ConfigDict(protected_namespaces=())
    checkpoint_id: str
    period_start: datetime
    period_end: datetime
    status: CheckpointStatus
    model_id: str
    model_name: str | None
    cruncher_name: str | None
    rank: int | None
    reward_pct: float = Field(description="percent 0-100 (6 places), as engine 0.1.85")
    share: float = Field(description="fraction 0-1")
    reward_frac64: int = Field(description="as in the emission: 1,000,000,000 = 100%")
    prediction_count: int | None
    snapshot_count: int | None
    result_summary: dict[str, Any] | None


class ConfirmBody(BaseModel):
    tx_hash: str = TX_HASH


class StatusBody(BaseModel):
    status: CheckpointStatus
    tx_hash: str | None = Field(
        default=None, min_length=1, max_length=256, pattern=TX_HASH_PATTERN,
        description="only with SUBMITTED: PENDING -> SUBMITTED as confirm does")


# --- reading -----------------------------------------------------------------------------
def _outs(session: Session, rows: list[Checkpoint]) -> list[CheckpointOut]:
    names = model_names(session, model_ids_of(row.meta for row in rows))
    return [_out(row, names) for row in rows]


def _out(row: Checkpoint, names: dict[str, tuple[str | None, str | None]]) -> CheckpointOut:
    ranking = complete_ranking(row.meta, names)
    meta = {**row.meta, "ranking": ranking,
            "model_count": row.meta.get("model_count", len(ranking)),
            "snapshot_count": row.meta.get("snapshot_count", 0)}
    return CheckpointOut.model_validate({
        "id": row.id, "crunch_id": row.crunch_id, "period_start": row.period_start,
        "period_end": row.period_end, "status": row.status, "entries": [row.emission],
        "meta": meta, "created_at": row.created_at, "tx_hash": row.tx_hash,
        "submitted_at": row.submitted_at, "claimable_at": row.claimable_at,
        "paid_at": row.paid_at, "updated_at": row.updated_at})


def _get(session: Session, checkpoint_id: str) -> Checkpoint:
    row = get_checkpoint(session, checkpoint_id)
    if row is None:
        raise HTTPException(404, f"unknown checkpoint {checkpoint_id}")
    return row


def _latest(session: Session) -> Checkpoint:
    row = latest_checkpoint(session)
    if row is None:
        raise HTTPException(404, "no checkpoint yet")
    return row


def _listed(session: Session, status: str | None, limit: int) -> list[CheckpointOut]:
    if status is not None and status not in CheckpointStatus.__members__:
        return []  # the seed's answer to an unknown status: none match it
    return _outs(session, list_checkpoints(session, status, limit))


# Static paths first: `/checkpoints/{checkpoint_id}` would capture `latest` and `rewards`.
@router.get("/checkpoints", response_model=list[CheckpointOut],
            responses={**NOT_MODIFIED, **LIST_ERRORS})
def checkpoints(request: Request, session: SessionDep, answers: AnswersDep,
                status: StatusQuery = None, limit: LimitQuery = DEFAULT_LIMIT) -> Response:
    """Checkpoint history, newest `created_at` first. Carries an ETag (the checkpoints'
    count and newest write): `If-None-Match` with it answers 304 until one is built or
    moves."""
    return answers.answer(request, ("checkpoints", status, limit),
                          checkpoints_version(session), lambda: _listed(session, status, limit))


@router.get("/checkpoints/latest", response_model=CheckpointOut, responses=ONE_ERRORS)
def checkpoint_latest(session: SessionDep) -> CheckpointOut:
    """The newest checkpoint (the first of the list); 404 before the first."""
    return _outs(session, [_latest(session)])[0]


@router.get("/checkpoints/rewards", response_model=list[RewardRow], responses=LIST_ERRORS)
def checkpoint_rewards(
    session: SessionDep,
    model_id: ModelId = None,
    status: StatusQuery = None,
    limit: LimitQuery = DEFAULT_LIMIT,
) -> list[RewardRow]:
    """One row per (checkpoint, ranked model) of the newest `limit` checkpoints: newest
    checkpoint first, then in ranking order."""
    rows = []
    for checkpoint in _listed(session, status, limit):
        ranking = [entry.model_dump() for entry in checkpoint.meta.ranking]
        for index, entry, pct in ranked_rewards(checkpoint.entries[0].model_dump(), ranking):
            found = entry or {}
            the_model = found.get("model_id", str(index))
            if model_id is not None and the_model != model_id:
                continue
            rows.append(RewardRow(
                checkpoint_id=checkpoint.id, period_start=checkpoint.period_start,
                period_end=checkpoint.period_end, status=checkpoint.status, model_id=the_model,
                model_name=found.get("model_name"), cruncher_name=found.get("cruncher_name"),
                rank=found.get("rank"), reward_pct=frac64_percent(pct),
                share=pct / FRAC64_ONE, reward_frac64=pct,
                prediction_count=found.get("prediction_count"),
                snapshot_count=found.get("snapshot_count"),
                result_summary=found.get("result_summary")))
    return rows


@router.get("/checkpoints/{checkpoint_id}", response_model=CheckpointOut,
            responses=ONE_WITH_PARAMS_ERRORS)
def checkpoint(session: SessionDep, checkpoint_id: CheckpointId) -> CheckpointOut:
    """One checkpoint by id."""
    return _outs(session, [_get(session, checkpoint_id)])[0]


@router.get("/checkpoints/{checkpoint_id}/payload", response_model=CheckpointPayload,
            responses=ONE_WITH_PARAMS_ERRORS)
def checkpoint_payload(session: SessionDep, checkpoint_id: CheckpointId) -> CheckpointPayload:
    """What is submitted on-chain: the period and its emissions."""
    row = _get(session, checkpoint_id)
    return CheckpointPayload.model_validate({
        "checkpoint_id": row.id, "period_start": row.period_start,
        "period_end": row.period_end, "entries": [row.emission],
        "merkle_root": row.merkle_root})


@router.get("/checkpoints/{checkpoint_id}/emission", response_model=Emission,
            responses=ONE_WITH_PARAMS_ERRORS)
def checkpoint_emission(session: SessionDep, checkpoint_id: CheckpointId) -> Emission:
    """The emission (`entries[0]`), frac64 (1,000,000,000 = 100%), as submitted on-chain."""
    return Emission.model_validate(_get(session, checkpoint_id).emission)


@router.get("/checkpoints/{checkpoint_id}/emission/cli-format", response_model=CliFormat,
            responses=ONE_WITH_PARAMS_ERRORS)
def checkpoint_emission_cli(session: SessionDep, checkpoint_id: CheckpointId) -> CliFormat:
    """Percentages 0-100 (6 places) keyed by model id and provider pubkey, for the
    submission tool."""
    row = _get(session, checkpoint_id)
    return CliFormat.model_validate(cli_format(row.emission, row.meta.get("ranking", [])))


@router.get("/checkpoints/{checkpoint_id}/prizes", response_model=list[Prize],
            responses=ONE_WITH_PARAMS_ERRORS)
def checkpoint_prizes(session: SessionDep, checkpoint_id: CheckpointId, total_prize: Annotated[
        int, Query(ge=0, description="the prize pool, in the token's smallest unit")] = 0,
        ) -> list[Prize]:
    """The emission as the web app's prizes: each ranked model's share of `total_prize`."""
    row = _get(session, checkpoint_id)
    timestamp = math.floor(row.period_end.timestamp())
    prizes = []
    for index, entry, pct in ranked_rewards(row.emission, row.meta.get("ranking", [])):
        the_model = entry["model_id"] if entry is not None else str(index)
        prizes.append(Prize(prizeId=f"{row.id}-{the_model}", timestamp=timestamp,
                            model=the_model, prize=prize_amount(total_prize, pct)))
    return prizes


@router.get("/emissions/latest", response_model=LatestEmission, responses=ONE_ERRORS)
def latest_emission(session: SessionDep) -> LatestEmission:
    """The newest checkpoint's emission; 404 before the first."""
    row = _latest(session)
    return LatestEmission.model_validate({
        "checkpoint_id": row.id, "status": row.status, "period_start": row.period_start,
        "period_end": row.period_end, "emission": row.emission,
        "merkle_root": row.merkle_root})


# --- changing ----------------------------------------------------------------------------
Change = ConfirmRequest | StatusRequest


def _read_for_change(checkpoint_id: str) -> Callable[[Session], tuple[CheckpointState,
                                                                      CheckpointOut]]:
    def read(session: Session) -> tuple[CheckpointState, CheckpointOut]:
        row = _get(session, checkpoint_id)
        return state_of(row), _outs(session, [row])[0]

    return read


def _read_out(checkpoint_id: str) -> Callable[[Session], CheckpointOut]:
    def read(session: Session) -> CheckpointOut:
        return _outs(session, [_get(session, checkpoint_id)])[0]

    return read


async def _change(request: Request, client: Client, checkpoint_id: str,
                  wanted: Callable[[CheckpointState], tuple[Change, str]]) -> CheckpointOut:
    """Read the row (in a thread), then: the move already made → the row; else the workflow
    Update, shared by identical calls in flight and bounded in time, then the row it wrote
    (the activity persists a move before the Update returns). `wanted` picks the request
    from the stored state, with a hint to add to a 409."""
    state = request.app.state
    stored, answer = await in_thread(state.engine, _read_for_change(checkpoint_id))
    change, hint = wanted(stored)
    if control.settled(stored, change):
        return answer
    calls: SharedCalls[CheckpointState] = state.shared_changes

    def send() -> Awaitable[CheckpointState]:
        if isinstance(change, ConfirmRequest):
            return control.confirm(client, stored, change.tx_hash, change.actor)
        return control.set_status(client, stored, change.status, change.actor)

    timeout = state.settings.api_change_timeout_seconds
    try:
        await calls.run((checkpoint_id, change.model_dump_json()), send, timeout)
    except control.CheckpointRefused as refused:
        detail = refused.message + (hint if refused.kind == "illegal" else "")
        if refused.kind == "unavailable":
            raise retry_later(detail) from refused
        raise HTTPException(HTTP_FOR[refused.kind], detail) from refused
    except TimeoutError as slow:
        raise retry_later(f"the checkpoint workflow did not answer within {timeout:g}s (is a "
                          "worker running?); the same call again is safe") from slow
    return await in_thread(state.engine, _read_out(checkpoint_id))


@router.post("/checkpoints/{checkpoint_id}/confirm", response_model=CheckpointOut,
             dependencies=MUTATION_GUARD, responses=CHANGE_ERRORS)
async def confirm_checkpoint(request: Request, client: TemporalDep, checkpoint_id: CheckpointId,
                             body: ConfirmBody) -> CheckpointOut:
    """PENDING → SUBMITTED with the transaction hash; the same call again answers the same."""
    return await _change(request, client, checkpoint_id,
                         lambda _stored: (ConfirmRequest(tx_hash=body.tx_hash), ""))


@router.patch("/checkpoints/{checkpoint_id}/status", response_model=CheckpointOut,
              dependencies=MUTATION_GUARD, responses=CHANGE_ERRORS)
async def set_checkpoint_status(request: Request, client: TemporalDep,
                                checkpoint_id: CheckpointId,
                                body: StatusBody) -> CheckpointOut:
    """One step forward: SUBMITTED → CLAIMABLE → PAID. PENDING → SUBMITTED needs the
    transaction hash: `{"status": "SUBMITTED", "tx_hash": …}` confirms, as confirm does; the
    same call again answers the same."""

    def wanted(stored: CheckpointState) -> tuple[Change, str]:
        submitting = body.status == CheckpointStatus.SUBMITTED
        if submitting and body.tx_hash is not None and stored.status in (
                CheckpointStatus.PENDING, CheckpointStatus.SUBMITTED):
            return ConfirmRequest(tx_hash=body.tx_hash), ""
        hint = ""
        if submitting and body.tx_hash is None and stored.status == CheckpointStatus.PENDING:
            hint = (f'; send it: POST /reports/checkpoints/{checkpoint_id}/confirm '
                    f'{{"tx_hash": "…"}}, or this PATCH with "tx_hash" in the body')
        return StatusRequest(status=body.status.value), hint

    return await _change(request, client, checkpoint_id, wanted)
