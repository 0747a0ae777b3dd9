"""Merkle commitments in the database: written with each snapshot cycle and checkpoint,
served as proofs, and recomputed by the audit. The hashing rules are in merkle.py."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import delete, select
from sqlmodel import Session

from coordinator_node.checkpoints.merkle import (
    GENESIS,
    CheckpointLink,
    SnapshotProof,
    chain_hash,
    cycle_leaf,
    inclusion_path,
    snapshot_content,
    snapshot_leaf,
    tree_levels,
    tree_root,
)
from coordinator_node.db.tables import Checkpoint, MerkleCycle, MerkleNode, Snapshot
from coordinator_node.db.types import utcnow
from coordinator_node.db.upsert import upsert
from coordinator_node.ids import cycle_id

Y = MerkleCycle.__table__.c  # type: ignore[attr-defined]
N = MerkleNode.__table__.c  # type: ignore[attr-defined]
S = Snapshot.__table__.c  # type: ignore[attr-defined]
K = Checkpoint.__table__.c  # type: ignore[attr-defined]


def _period_leaves(session: Session, start: datetime, end: datetime
                   ) -> list[tuple[str, bytes]]:
    """(snapshot id, leaf) of a cycle's snapshots, by model id, as stored (so the audit,
    reading the same rows later, computes the same leaves)."""
    rows = session.execute(
        select(S.id, S.model_id, S.period_start, S.period_end, S.prediction_count, S.summary)
        .where(S.period_start == start, S.period_end == end).order_by(S.model_id)).all()
    return [(row.id, snapshot_leaf(snapshot_content(
        row.model_id, row.period_start, row.period_end, row.prediction_count, row.summary)))
        for row in rows]


def _previous_cycle(session: Session, start: datetime) -> MerkleCycle | None:
    return session.scalars(
        select(MerkleCycle).where(Y.period_end <= start, Y.period_start < start)
        .order_by(Y.period_end.desc()).limit(1)).first()


def commit_cycle(session: Session, start: datetime, end: datetime) -> MerkleCycle:
    """Write (or rewrite, identically when nothing changed) the commitment of the snapshots
    of [start, end), in the caller's transaction, after its snapshots are written."""
    leaves = _period_leaves(session, start, end)
    levels = tree_levels([leaf for _, leaf in leaves])
    root = tree_root([leaf for _, leaf in leaves])
    previous = _previous_cycle(session, start)
    previous_root = bytes.fromhex(previous.cycle_root) if previous else GENESIS
    the_id = cycle_id(start, end)
    upsert(session, MerkleCycle, [{
        "id": the_id, "period_start": start, "period_end": end,
        "snapshot_count": len(leaves), "tree_root": root.hex(),
        "previous_cycle_id": previous.id if previous else None,
        "previous_root": previous_root.hex(),
        "cycle_root": chain_hash(root, previous_root).hex(), "created_at": utcnow(),
    }], ["id"], update_columns=["snapshot_count", "tree_root", "previous_cycle_id",
                                "previous_root", "cycle_root"])
    # The nodes are replaced as a whole: a cycle rebuilt with fewer snapshots keeps none of
    # the old ones.
    session.execute(delete(MerkleNode).where(N.cycle_id == the_id))
    upsert(session, MerkleNode, [
        {"cycle_id": the_id, "level": level, "position": position, "hash": node.hex(),
         "snapshot_id": leaves[position][0] if level == 0 else None}
        for level, nodes in enumerate(levels) for position, node in enumerate(nodes)
    ], ["cycle_id", "level", "position"])
    row = session.get(MerkleCycle, the_id)
    assert row is not None
    return row


def period_cycles(session: Session, start: datetime, end: datetime) -> list[MerkleCycle]:
    """The cycles a checkpoint of [start, end) covers (their periods start in it), oldest
    first, as its snapshots are chosen."""
    return list(session.scalars(
        select(MerkleCycle).where(Y.period_start >= start, Y.period_start < end)
        .order_by(Y.period_end)).all())


def checkpoint_root(cycles: list[MerkleCycle]) -> str:
    return tree_root([cycle_leaf(bytes.fromhex(c.cycle_root)) for c in cycles]).hex()


def snapshot_proof(session: Session, snapshot_id: str) -> SnapshotProof | None:
    """The proof for one snapshot, or None when no cycle commits it (yet)."""
    node = session.scalars(
        select(MerkleNode).where(N.snapshot_id == snapshot_id, N.level == 0)
        .order_by(N.cycle_id.desc()).limit(1)).first()
    snapshot = session.get(Snapshot, snapshot_id)
    if node is None or snapshot is None:
        return None
    cycle = session.get(MerkleCycle, node.cycle_id)
    assert cycle is not None
    nodes = session.execute(select(N.level, N.position, N.hash)
                            .where(N.cycle_id == cycle.id)).all()
    depth = max(level for level, _, _ in nodes) + 1
    levels: list[list[bytes]] = [[] for _ in range(depth)]
    for level, _position, hash_hex in sorted(nodes):
        levels[level].append(bytes.fromhex(hash_hex))
    link = None
    covering = session.scalars(
        select(Checkpoint).where(K.period_start <= cycle.period_start,
                                 K.period_end > cycle.period_start,
                                 K.merkle_root.is_not(None))
        .order_by(K.period_end).limit(1)).first()
    if covering is not None:
        cycles = period_cycles(session, covering.period_start, covering.period_end)
        index = [c.id for c in cycles].index(cycle.id)
        cycle_levels = tree_levels([cycle_leaf(bytes.fromhex(c.cycle_root)) for c in cycles])
        link = CheckpointLink(checkpoint_id=covering.id,
                              merkle_root=covering.merkle_root or "",
                              path=inclusion_path(cycle_levels, index))
    return SnapshotProof(
        snapshot_id=snapshot_id,
        snapshot=snapshot_content(snapshot.model_id, snapshot.period_start,
                                  snapshot.period_end, snapshot.prediction_count,
                                  snapshot.summary),
        leaf=levels[0][node.position].hex(), path=inclusion_path(levels, node.position),
        cycle_id=cycle.id, tree_root=cycle.tree_root,
        previous_cycle_root=cycle.previous_root, cycle_root=cycle.cycle_root,
        checkpoint=link)


@dataclass(frozen=True)
class Mismatch:
    """The first stored commitment the rows no longer produce."""

    where: str  # "snapshot", "cycle", "chain" or "checkpoint"
    row_id: str
    detail: str

    def __str__(self) -> str:
        return f"{self.where} {self.row_id}: {self.detail}"


def audit(session: Session) -> tuple[int, int, Mismatch | None]:
    """Recompute every cycle from its snapshot rows and every checkpoint root from its
    cycles; (cycles checked, checkpoints checked, the first mismatch or None)."""
    cycles = list(session.scalars(
        select(MerkleCycle).order_by(Y.period_end)).all())
    roots: dict[str, str] = {}
    for cycle in cycles:
        leaves = _period_leaves(session, cycle.period_start, cycle.period_end)
        stored = {position: (hash_hex, snapshot_id) for position, hash_hex, snapshot_id in
                  session.execute(select(N.position, N.hash, N.snapshot_id).where(
                      N.cycle_id == cycle.id, N.level == 0)).all()}
        for position, (snapshot_id, leaf) in enumerate(leaves):
            kept = stored.get(position)
            if kept is None or kept[1] != snapshot_id:
                return len(cycles), 0, Mismatch(
                    "snapshot", snapshot_id, f"is not leaf {position} of cycle {cycle.id} "
                                             "(a snapshot was added or removed)")
            if kept[0] != leaf.hex():
                return len(cycles), 0, Mismatch(
                    "snapshot", snapshot_id, f"no longer matches its leaf in cycle "
                                             f"{cycle.id} (its content was changed)")
        if len(stored) != len(leaves):
            return len(cycles), 0, Mismatch(
                "cycle", cycle.id, f"commits {len(stored)} snapshots, the table has "
                                   f"{len(leaves)} (a snapshot was deleted)")
        root = tree_root([leaf for _, leaf in leaves])
        if root.hex() != cycle.tree_root:
            return len(cycles), 0, Mismatch("cycle", cycle.id, "its tree root does not match "
                                                               "its snapshots")
        expected = (roots.get(cycle.previous_cycle_id, "?") if cycle.previous_cycle_id
                    else GENESIS.hex())
        if cycle.previous_root != expected:
            return len(cycles), 0, Mismatch(
                "chain", cycle.id, f"does not chain to {cycle.previous_cycle_id or 'genesis'}")
        if chain_hash(root, bytes.fromhex(cycle.previous_root)).hex() != cycle.cycle_root:
            return len(cycles), 0, Mismatch("chain", cycle.id, "its cycle root does not "
                                                               "match its tree and chain")
        roots[cycle.id] = cycle.cycle_root
    checkpoints = list(session.scalars(
        select(Checkpoint).where(K.merkle_root.is_not(None)).order_by(K.period_end)).all())
    for checkpoint in checkpoints:
        covered = period_cycles(session, checkpoint.period_start, checkpoint.period_end)
        if checkpoint_root(covered) != checkpoint.merkle_root:
            return len(cycles), len(checkpoints), Mismatch(
                "checkpoint", checkpoint.id, "its Merkle root does not match the cycles of "
                                             "its period")
    return len(cycles), len(checkpoints), None
