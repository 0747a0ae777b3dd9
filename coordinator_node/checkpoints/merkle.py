"""Merkle commitments: what a snapshot's leaf is, how trees and chains are hashed, and how a
proof is checked. Pure functions, no database: a participant can check a proof with this
module alone, and the README states the same rules for reimplementing them elsewhere.

- A snapshot's **leaf content** is the canonical JSON of `{model_id, period_start,
  period_end, prediction_count, summary}`: keys sorted, no whitespace, UTF-8, times as
  `YYYY-MM-DDTHH:MM:SS.ffffffZ` (UTC, always six fraction digits), floats in their shortest
  round-trip form (`0.1`, `1.0`, `1e-07`), NaN and infinities refused.
- Hashes are SHA-256 with a one-byte domain tag, so a leaf can never pass for a node:
  leaf = H(0x00 ‖ content), node = H(0x01 ‖ left ‖ right), chain = H(0x02 ‖ tree root ‖
  previous cycle root).
- A **tree** is built level by level: adjacent pairs are hashed together; an odd node at
  the end of a level moves up unchanged (nothing is duplicated). The root of no leaves is
  H(empty).
- A **cycle root** chains a snapshot cycle's tree root to the previous cycle's root (32 zero
  bytes before the first cycle); a **checkpoint root** is the tree over the leaves
  H(0x00 ‖ cycle root) of the cycles in its period, oldest first.
"""

from __future__ import annotations

import hashlib
import json
import math
from collections.abc import Mapping, Sequence
from datetime import UTC, datetime
from typing import Any, Literal

from pydantic import BaseModel, Field

LEAF_TAG, NODE_TAG, CHAIN_TAG = b"\x00", b"\x01", b"\x02"
GENESIS = bytes(32)  # the "previous root" of the first cycle
PROOF_VERSION = 1


class ProofError(ValueError):
    """A proof that does not verify; `step` names the check that failed."""

    def __init__(self, step: str, message: str) -> None:
        super().__init__(f"{step}: {message}")
        self.step = step


# --- canonical encoding ---------------------------------------------------------------
def utc_text(ts: datetime) -> str:
    if ts.tzinfo is None:
        raise ValueError("timestamps must be timezone-aware")
    return ts.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def _finite(value: Any) -> Any:
    if isinstance(value, float) and not math.isfinite(value):
        raise ValueError(f"{value!r} has no canonical form (NaN and infinities are refused)")
    if isinstance(value, Mapping):
        return {str(k): _finite(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_finite(v) for v in value]
    return value


def canonical_json(value: Any) -> bytes:
    return json.dumps(_finite(value), sort_keys=True, separators=(",", ":"),
                      ensure_ascii=False, allow_nan=False).encode()


def snapshot_content(model_id: str, period_start: datetime, period_end: datetime,
                     prediction_count: int, summary: Mapping[str, Any]) -> dict[str, Any]:
    return {"model_id": model_id, "period_start": utc_text(period_start),
            "period_end": utc_text(period_end), "prediction_count": prediction_count,
            "summary": dict(summary)}


# --- hashing ----------------------------------------------------------------------------
def leaf_hash(content: bytes) -> bytes:
    return hashlib.sha256(LEAF_TAG + content).digest()


def node_hash(left: bytes, right: bytes) -> bytes:
    return hashlib.sha256(NODE_TAG + left + right).digest()


def chain_hash(tree_root: bytes, previous_root: bytes) -> bytes:
    return hashlib.sha256(CHAIN_TAG + tree_root + previous_root).digest()


def snapshot_leaf(content: Mapping[str, Any]) -> bytes:
    return leaf_hash(canonical_json(content))


def tree_levels(leaves: Sequence[bytes]) -> list[list[bytes]]:
    """Every level, leaves first and the root's level last."""
    levels = [list(leaves)]
    while len(levels[-1]) > 1:
        below = levels[-1]
        above = [node_hash(below[i], below[i + 1]) for i in range(0, len(below) - 1, 2)]
        if len(below) % 2:
            above.append(below[-1])  # the odd one moves up unchanged
        levels.append(above)
    return levels


def tree_root(leaves: Sequence[bytes]) -> bytes:
    if not leaves:
        return hashlib.sha256(b"").digest()
    return tree_levels(leaves)[-1][0]


class Step(BaseModel):
    side: Literal["left", "right"] = Field(description="where the sibling sits")
    hash: str = Field(description="the sibling's hash, hex")


def inclusion_path(levels: Sequence[Sequence[bytes]], index: int) -> list[Step]:
    """The siblings from leaf `index` up to the root (levels from `tree_levels`)."""
    path: list[Step] = []
    for level in levels[:-1]:
        sibling = index ^ 1
        if sibling < len(level):
            path.append(Step(side="left" if sibling < index else "right",
                             hash=level[sibling].hex()))
        index //= 2
    return path


def climb(leaf: bytes, path: Sequence[Step]) -> bytes:
    node = leaf
    for step in path:
        sibling = bytes.fromhex(step.hash)
        node = node_hash(sibling, node) if step.side == "left" else node_hash(node, sibling)
    return node


def cycle_leaf(cycle_root: bytes) -> bytes:
    return leaf_hash(cycle_root)


# --- proofs -----------------------------------------------------------------------------
class CheckpointLink(BaseModel):
    checkpoint_id: str
    merkle_root: str = Field(description="the checkpoint's Merkle root, hex")
    path: list[Step] = Field(description="from the cycle's leaf to the checkpoint root")


class SnapshotProof(BaseModel):
    """Everything needed to check, offline, that a snapshot is in a cycle's tree, that the
    cycle chains to the previous one, and (once a checkpoint covers it) that the cycle is in
    the checkpoint's tree."""

    version: int = PROOF_VERSION
    snapshot_id: str
    snapshot: dict[str, Any] = Field(description="the leaf content (snapshot_content)")
    leaf: str = Field(description="H(0x00 ‖ canonical JSON of `snapshot`), hex")
    path: list[Step] = Field(description="from the leaf to the cycle's tree root")
    cycle_id: str
    tree_root: str
    previous_cycle_root: str = Field(description="64 zeros for the first cycle")
    cycle_root: str = Field(description="H(0x02 ‖ tree_root ‖ previous_cycle_root), hex")
    checkpoint: CheckpointLink | None = None


def verify_proof(proof: SnapshotProof) -> None:
    """Raise ProofError naming the first check that fails; return quietly when all hold."""
    if proof.version != PROOF_VERSION:
        raise ProofError("version", f"unknown proof version {proof.version}")
    try:
        leaf = snapshot_leaf(proof.snapshot)
    except (TypeError, ValueError) as exc:
        raise ProofError("leaf", f"the snapshot has no canonical form: {exc}") from None
    if leaf.hex() != proof.leaf:
        raise ProofError("leaf", f"the snapshot hashes to {leaf.hex()}, the proof says "
                                 f"{proof.leaf}")
    try:
        root = climb(leaf, proof.path)
    except ValueError as exc:
        raise ProofError("path", f"a sibling hash is not hex: {exc}") from None
    if root.hex() != proof.tree_root:
        raise ProofError("path", f"the path leads to {root.hex()}, not the cycle's tree root "
                                 f"{proof.tree_root}")
    try:
        chained = chain_hash(bytes.fromhex(proof.tree_root),
                             bytes.fromhex(proof.previous_cycle_root))
    except ValueError as exc:
        raise ProofError("chain", f"a root is not hex: {exc}") from None
    if chained.hex() != proof.cycle_root:
        raise ProofError("chain", f"tree root and previous root chain to {chained.hex()}, "
                                  f"not the cycle root {proof.cycle_root}")
    if proof.checkpoint is not None:
        try:
            top = climb(cycle_leaf(chained), proof.checkpoint.path)
        except ValueError as exc:
            raise ProofError("checkpoint", f"a sibling hash is not hex: {exc}") from None
        if top.hex() != proof.checkpoint.merkle_root:
            raise ProofError("checkpoint", f"the cycle leads to {top.hex()}, not checkpoint "
                                           f"{proof.checkpoint.checkpoint_id}'s root "
                                           f"{proof.checkpoint.merkle_root}")
