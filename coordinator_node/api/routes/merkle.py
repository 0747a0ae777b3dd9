"""Merkle commitments: the cycles (one per snapshot cycle, chained) and inclusion proofs a
participant checks offline (`coordinator-node verify-proof`, or the README's rules)."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated

from fastapi import APIRouter, HTTPException, Path, Query
from pydantic import BaseModel, Field
from sqlalchemy import select

from coordinator_node.api.deps import SessionDep
from coordinator_node.api.errors import errors
from coordinator_node.api.params import NO_NUL
from coordinator_node.api.routing import ApiRoute
from coordinator_node.checkpoints.commitments import snapshot_proof
from coordinator_node.checkpoints.merkle import SnapshotProof
from coordinator_node.db.tables import MerkleCycle, MerkleNode

router = APIRouter(prefix="/reports/merkle", tags=["merkle"], route_class=ApiRoute)

Y = MerkleCycle.__table__.c  # type: ignore[attr-defined]
N = MerkleNode.__table__.c  # type: ignore[attr-defined]


class Cycle(BaseModel):
    id: str
    period_start: datetime
    period_end: datetime
    snapshot_count: int
    tree_root: str = Field(description="the tree over the cycle's snapshots, hex")
    previous_cycle_id: str | None = Field(description="None for the first cycle")
    previous_root: str = Field(description="the previous cycle's root (64 zeros for the first)")
    cycle_root: str = Field(description="H(0x02 ‖ tree_root ‖ previous_root), hex")
    created_at: datetime


class Leaf(BaseModel):
    position: int
    snapshot_id: str | None
    hash: str


class CycleDetail(Cycle):
    leaves: list[Leaf] = Field(description="the snapshots' leaves, by model id")


def _cycle(row: MerkleCycle) -> dict[str, object]:
    return {name: getattr(row, name) for name in Cycle.model_fields}


@router.get("/cycles", response_model=list[Cycle], responses=errors(422, 503))
def list_cycles(session: SessionDep,
                limit: Annotated[int, Query(ge=1, le=1000)] = 50,
                offset: Annotated[int, Query(ge=0, le=10_000_000)] = 0) -> list[Cycle]:
    """The snapshot cycles' commitments, newest first."""
    rows = session.scalars(select(MerkleCycle).order_by(Y.period_end.desc())
                           .offset(offset).limit(limit)).all()
    return [Cycle.model_validate(_cycle(row)) for row in rows]


@router.get("/cycles/{cycle_id}", response_model=CycleDetail, responses=errors(404, 422, 503))
def get_cycle(session: SessionDep,
              cycle_id: Annotated[str, Path(pattern=NO_NUL)]) -> CycleDetail:
    """One cycle with its leaves."""
    row = session.get(MerkleCycle, cycle_id)
    if row is None:
        raise HTTPException(404, f"unknown cycle {cycle_id}")
    leaves = session.execute(select(N.position, N.snapshot_id, N.hash)
                             .where(N.cycle_id == cycle_id, N.level == 0)
                             .order_by(N.position)).all()
    return CycleDetail.model_validate({**_cycle(row), "leaves": [
        {"position": p, "snapshot_id": s, "hash": h} for p, s, h in leaves]})


@router.get("/proof", response_model=SnapshotProof, responses=errors(404, 422, 503))
def get_proof(session: SessionDep,
              snapshot_id: Annotated[str, Query(pattern=NO_NUL, min_length=1,
                                                description="a snapshot's id")]
              ) -> SnapshotProof:
    """The inclusion proof of one snapshot: leaf → cycle tree root → cycle root (chained) →
    the root of the checkpoint that covers it (once one does)."""
    proof = snapshot_proof(session, snapshot_id)
    if proof is None:
        raise HTTPException(404, f"no committed snapshot {snapshot_id}")
    return proof
