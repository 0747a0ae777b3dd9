"""The Merkle rules of coordinator_node.checkpoints.merkle: a pinned test vector (so a
third party's implementation can be checked against ours), trees of every small size
against a direct recursive definition, proofs that verify, and each kind of tampering
caught at the step it breaks."""

from __future__ import annotations

import hashlib
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given
from hypothesis import strategies as st

from coordinator_node.checkpoints.merkle import (
    GENESIS,
    CheckpointLink,
    ProofError,
    SnapshotProof,
    canonical_json,
    chain_hash,
    climb,
    cycle_leaf,
    inclusion_path,
    snapshot_content,
    snapshot_leaf,
    tree_levels,
    tree_root,
    verify_proof,
)

START = datetime(2026, 11, 28, 12, 0, tzinfo=UTC)
END = START + timedelta(hours=1)


def test_the_canonical_encoding_and_leaf_of_a_known_snapshot() -> None:
    content = snapshot_content("model-7", START, END, 60,
                               {"value": 0.30000000000000004, "n": 3, "tiny": 1e-07,
                                "flat": 1.0, "name": "é"})
    assert canonical_json(content) == (
        b'{"model_id":"model-7","period_end":"2026-11-28T13:00:00.000000Z",'
        b'"period_start":"2026-11-28T12:00:00.000000Z","prediction_count":60,'
        b'"summary":{"flat":1.0,"n":3,"name":"\xc3\xa9","tiny":1e-07,'
        b'"value":0.30000000000000004}}')
    # The pinned vector: H(0x00 ‖ those bytes).
    assert snapshot_leaf(content).hex() == hashlib.sha256(
        b"\x00" + canonical_json(content)).hexdigest()
    assert snapshot_leaf(content).hex() == PINNED_LEAF


# Checked with coreutils: { printf "\\x00"; printf "<the bytes above>"; } | sha256sum
PINNED_LEAF = "10371b755458429d9ce9fdb040044a820ffdfc9e92bba772216c03e07fc6628d"


def test_times_are_utc_with_six_fraction_digits() -> None:
    other_zone = START.astimezone(ZoneInfo("Asia/Tokyo"))
    assert snapshot_content("m", other_zone, END, 0, {})["period_start"] == \
        "2026-11-28T12:00:00.000000Z"
    with pytest.raises(ValueError, match="timezone-aware"):
        snapshot_content("m", START.replace(tzinfo=None), END, 0, {})


@pytest.mark.parametrize("bad", [float("nan"), float("inf"), -float("inf")])
def test_non_finite_numbers_have_no_canonical_form(bad: float) -> None:
    with pytest.raises(ValueError, match="NaN and infinities are refused"):
        canonical_json({"summary": {"x": [1, bad]}})


def reference_root(leaves: list[bytes]) -> bytes:
    """The same tree, defined recursively: pair up, carry an odd last node up unchanged."""
    if not leaves:
        return hashlib.sha256(b"").digest()
    if len(leaves) == 1:
        return leaves[0]
    paired = [hashlib.sha256(b"\x01" + leaves[i] + leaves[i + 1]).digest()
              for i in range(0, len(leaves) - 1, 2)]
    return reference_root(paired + ([leaves[-1]] if len(leaves) % 2 else []))


def leaves_of(n: int) -> list[bytes]:
    return [hashlib.sha256(b"\x00" + str(i).encode()).digest() for i in range(n)]


@pytest.mark.parametrize("n", range(0, 18))
def test_every_leaf_of_every_small_tree_proves_its_inclusion(n: int) -> None:
    leaves = leaves_of(n)
    assert tree_root(leaves) == reference_root(leaves)
    levels = tree_levels(leaves)
    for index, leaf in enumerate(leaves):
        assert climb(leaf, inclusion_path(levels, index)) == tree_root(leaves)
        if n > 1:  # another leaf with this path does not reach the root
            other = leaves[(index + 1) % n]
            assert climb(other, inclusion_path(levels, index)) != tree_root(leaves)


def test_a_leaf_cannot_pass_for_a_node() -> None:
    leaves = leaves_of(2)
    node_bytes = leaves[0] + leaves[1]
    # The root is H(0x01 ‖ l0 ‖ l1); presenting l0‖l1 as a one-leaf tree gives H(0x00 ‖ …).
    assert hashlib.sha256(b"\x00" + node_bytes).digest() != tree_root(leaves)


def make_proof(n: int = 5, index: int = 2, cycles: int = 3, cycle_index: int = 1
               ) -> SnapshotProof:
    contents = [snapshot_content(f"model-{i}", START, END, 10 + i, {"value": i / 7})
                for i in range(n)]
    leaves = [snapshot_leaf(c) for c in contents]
    levels = tree_levels(leaves)
    previous = hashlib.sha256(b"previous cycle").digest()
    root = tree_root(leaves)
    cycle_root = chain_hash(root, previous)
    cycle_roots = [hashlib.sha256(bytes([i])).digest() for i in range(cycles)]
    cycle_roots[cycle_index] = cycle_root
    cycle_levels = tree_levels([cycle_leaf(r) for r in cycle_roots])
    return SnapshotProof(
        snapshot_id=f"model-{index}@x", snapshot=contents[index], leaf=leaves[index].hex(),
        path=inclusion_path(levels, index), cycle_id="c", tree_root=root.hex(),
        previous_cycle_root=previous.hex(), cycle_root=cycle_root.hex(),
        checkpoint=CheckpointLink(checkpoint_id="k", merkle_root=cycle_levels[-1][0].hex(),
                                  path=inclusion_path(cycle_levels, cycle_index)))


def test_a_proof_verifies() -> None:
    verify_proof(make_proof())
    verify_proof(make_proof(n=1, index=0, cycles=1, cycle_index=0))
    proof = make_proof()
    proof.checkpoint = None  # a cycle no checkpoint covers yet
    verify_proof(proof)


def flip(hex_text: str) -> str:
    return ("0" if hex_text[0] != "0" else "1") + hex_text[1:]


@pytest.mark.parametrize(("tamper", "step"), [
    (lambda p: p.snapshot["summary"].update(value=0.5), "leaf"),
    (lambda p: p.snapshot.update(prediction_count=99), "leaf"),
    (lambda p: setattr(p, "leaf", flip(p.leaf)), "leaf"),
    (lambda p: setattr(p.path[0], "hash", flip(p.path[0].hash)), "path"),
    (lambda p: setattr(p.path[0], "side", "left" if p.path[0].side == "right" else "right"),
     "path"),
    (lambda p: setattr(p, "tree_root", flip(p.tree_root)), "path"),
    (lambda p: setattr(p, "previous_cycle_root", flip(p.previous_cycle_root)), "chain"),
    (lambda p: setattr(p, "cycle_root", flip(p.cycle_root)), "chain"),
    (lambda p: setattr(p.checkpoint, "merkle_root", flip(p.checkpoint.merkle_root)),
     "checkpoint"),
    (lambda p: setattr(p.checkpoint.path[0], "hash", "zz"), "checkpoint"),
    (lambda p: setattr(p, "version", 2), "version"),
])
def test_tampering_fails_at_the_step_it_breaks(tamper: object, step: str) -> None:
    proof = make_proof()
    tamper(proof)  # type: ignore[operator]
    with pytest.raises(ProofError) as raised:
        verify_proof(proof)
    assert raised.value.step == step
    assert str(raised.value).startswith(f"{step}: ")


def test_the_first_cycle_chains_to_zeros() -> None:
    root = tree_root(leaves_of(3))
    assert chain_hash(root, GENESIS) == hashlib.sha256(b"\x02" + root + bytes(32)).digest()


@given(st.lists(st.binary(min_size=32, max_size=32), min_size=1, max_size=40),
       st.data())
def test_any_tree_any_leaf(leaves: list[bytes], data: st.DataObject) -> None:
    index = data.draw(st.integers(0, len(leaves) - 1))
    levels = tree_levels(leaves)
    assert levels[-1] == [reference_root(leaves)]
    assert climb(leaves[index], inclusion_path(levels, index)) == reference_root(leaves)
