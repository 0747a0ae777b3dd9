"""Merkle commitments in the database (Postgres and SQLite): a snapshot cycle commits its
snapshots in the transaction that writes them, cycles chain, a rebuilt cycle writes the same
root and no second cycle; a checkpoint built by the real workflow carries the root of its
period's cycles; the API's proof verifies offline (`verify-proof`) and a flipped byte fails it;
the audit passes on clean rows and names a snapshot edited behind the node's back."""

from __future__ import annotations

import asyncio
import json
import subprocess
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path

from fastapi.testclient import TestClient
from sqlalchemy import Engine, func, select, text
from sqlmodel import Session
from temporalio.client import Client
from temporalio.testing import ActivityEnvironment

from coordinator_node.activities.snapshots import SnapshotActivities
from coordinator_node.api.app import create_app
from coordinator_node.checkpoints.commitments import (
    audit,
    checkpoint_root,
    commit_cycle,
    period_cycles,
)
from coordinator_node.checkpoints.merkle import GENESIS, SnapshotProof, verify_proof
from coordinator_node.cli.merkle import check_proof_file
from coordinator_node.client import checkpoints as control
from coordinator_node.contract import DEFAULT_CONTRACT
from coordinator_node.db import session_scope
from coordinator_node.db.tables import Checkpoint, MerkleCycle, MerkleNode
from coordinator_node.ids import cycle_id, snapshot_id
from coordinator_node.rounds.messages import PeriodInput
from coordinator_node.services import Services
from coordinator_node.settings import Settings
from tests.checkpoints.test_lifecycle import (  # noqa: F401 (fixtures)
    SCORES,
    built,
    node,
    period_end,
    seed_snapshots,
)
from tests.conftest import make_settings

HOUR = timedelta(hours=1)


def verify_proof_command(path: Path) -> subprocess.CompletedProcess[str]:
    """`coordinator-node verify-proof` with no settings at all: it needs none."""
    return subprocess.run([sys.executable, "-m", "coordinator_node", "verify-proof", str(path)],
                          capture_output=True, text=True, timeout=60,
                          env={"PATH": "/usr/bin:/bin"}, cwd=path.parent)


def commit_hours(engine: Engine, end: datetime, hours: int = 3) -> list[MerkleCycle]:
    """Commit each hourly cycle of the `hours` before `end`, oldest first, as the snapshot
    workflow does after each period."""
    with session_scope(engine) as session:
        cycles = [commit_cycle(session, end - (h + 1) * HOUR, end - h * HOUR)
                  for h in reversed(range(hours))]
        session.expunge_all()
    return cycles


def test_cycles_commit_their_snapshots_and_chain(engine: Engine) -> None:
    end = datetime(2026, 11, 1, 12, tzinfo=UTC)
    seed_snapshots(engine, end)
    first, second, third = commit_hours(engine, end)
    assert first.previous_cycle_id is None and first.previous_root == GENESIS.hex()
    assert (second.previous_cycle_id, second.previous_root) == (first.id, first.cycle_root)
    assert (third.previous_cycle_id, third.previous_root) == (second.id, second.cycle_root)
    assert third.id == cycle_id(end - HOUR, end) and third.snapshot_count == len(SCORES)
    with Session(engine) as session:
        leaves = session.scalars(select(MerkleNode).where(
            MerkleNode.cycle_id == third.id, MerkleNode.level == 0)  # type: ignore[arg-type]
            .order_by(MerkleNode.position)).all()  # type: ignore[arg-type]
    assert [leaf.snapshot_id for leaf in leaves] == [
        snapshot_id(m, end - HOUR, end) for m in sorted(SCORES)]  # by model id

    # Rebuilt (a retried or replayed activity): the same roots, and no second cycle.
    again = commit_hours(engine, end)
    assert [c.cycle_root for c in again] == [c.cycle_root for c in (first, second, third)]
    with Session(engine) as session:
        assert session.scalar(select(func.count()).select_from(MerkleCycle)) == 3
        assert session.scalar(select(func.count()).select_from(MerkleNode).where(
            MerkleNode.cycle_id == third.id)) == 3 + 2 + 1  # type: ignore[arg-type]
        cycles, checkpoints, mismatch = audit(session)
    assert (cycles, checkpoints, mismatch) == (3, 0, None)


def test_an_empty_cycle_keeps_the_chain(engine: Engine) -> None:
    end = datetime(2026, 11, 2, 12, tzinfo=UTC)
    with session_scope(engine) as session:
        empty = commit_cycle(session, end - HOUR, end)
        assert empty.snapshot_count == 0
        assert empty.tree_root == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"


def test_the_snapshot_activity_commits_its_cycle(engine: Engine, sqlite_url: str) -> None:
    end = datetime(2026, 11, 3, 12, tzinfo=UTC)
    seed_snapshots(engine, end, hours=1)
    services = Services(settings=make_settings(sqlite_url), contract=DEFAULT_CONTRACT,
                        engine=engine)
    ActivityEnvironment().run(SnapshotActivities(services).build_snapshots,
                              PeriodInput(crunch_id="c", period_start=end - HOUR,
                                          period_end=end))
    with Session(engine) as session:
        cycle = session.get(MerkleCycle, cycle_id(end - HOUR, end))
    assert cycle is not None and cycle.snapshot_count == len(SCORES)


def test_the_audit_names_an_edited_snapshot(engine: Engine) -> None:
    end = datetime(2026, 11, 4, 12, tzinfo=UTC)
    seed_snapshots(engine, end)
    commit_hours(engine, end)
    edited = snapshot_id("model-worst", end - 2 * HOUR, end - HOUR)
    with engine.begin() as connection:  # behind the node's back
        connection.execute(text("UPDATE snapshots SET prediction_count = 241 WHERE id = :id"),
                           {"id": edited})
    with Session(engine) as session:
        _, _, mismatch = audit(session)
    assert mismatch is not None
    assert str(mismatch) == (f"snapshot {edited}: no longer matches its leaf in cycle "
                             f"{cycle_id(end - 2 * HOUR, end - HOUR)} (its content was changed)")


def test_the_audit_names_a_deleted_snapshot(engine: Engine) -> None:
    end = datetime(2026, 11, 5, 12, tzinfo=UTC)
    seed_snapshots(engine, end, hours=1)
    commit_hours(engine, end, hours=1)
    with engine.begin() as connection:
        connection.execute(text("DELETE FROM snapshots WHERE id = :id"),
                           {"id": snapshot_id("model-best", end - HOUR, end)})
    with Session(engine) as session:
        _, _, mismatch = audit(session)
    assert mismatch is not None and mismatch.where == "snapshot"
    assert "a snapshot was added or removed" in mismatch.detail


async def test_a_checkpoint_commits_its_cycles_and_its_proofs_verify_offline(
        node: tuple[Client, Settings], pg_engine: Engine, pg_url: str,  # noqa: F811
        tmp_path: Path) -> None:
    client, settings = node
    end = period_end()
    seed_snapshots(pg_engine, end)
    commit_hours(pg_engine, end)
    the_id, _ = await control.create_checkpoint(client, settings, DEFAULT_CONTRACT, end)
    assert (await built(client, the_id)).status == "PENDING"
    with Session(pg_engine) as session:
        row = session.get(Checkpoint, the_id)
        assert row is not None
        cycles = period_cycles(session, row.period_start, row.period_end)
    assert [c.period_end for c in cycles][-3:] == [end - 2 * HOUR, end - HOUR, end]
    assert row.merkle_root == checkpoint_root(cycles) == row.meta["merkle_root"]

    # The proof, as a participant fetches it.
    target = snapshot_id("model-mid", end - 2 * HOUR, end - HOUR)
    with TestClient(create_app(make_settings(pg_url, temporal_address="127.0.0.1:1"))) as api:
        answer = api.get("/reports/merkle/proof", params={"snapshot_id": target})
        assert answer.status_code == 200
        payload = api.get(f"/reports/checkpoints/{the_id}/payload").json()
        unknown = api.get("/reports/merkle/proof", params={"snapshot_id": "nope"})
        listed = api.get("/reports/merkle/cycles", params={"limit": 2}).json()
        detail = api.get(f"/reports/merkle/cycles/{cycle_id(end - HOUR, end)}").json()
    proof = SnapshotProof.model_validate(answer.json())
    verify_proof(proof)
    assert proof.checkpoint is not None
    assert proof.checkpoint.checkpoint_id == the_id
    assert proof.checkpoint.merkle_root == row.merkle_root == payload["merkle_root"]
    assert unknown.status_code == 404
    assert unknown.json()["detail"] == "no committed snapshot nope"
    assert [c["period_end"] for c in listed] == sorted(
        (c["period_end"] for c in listed), reverse=True)
    assert len(detail["leaves"]) == len(SCORES)

    # verify-proof, offline, from a file: verified; one byte flipped: refused, step named.
    good = tmp_path / "proof.json"
    good.write_text(answer.text)
    assert check_proof_file(good)[0] == 0
    result = await asyncio.to_thread(verify_proof_command, good)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith(f"proof verifies: snapshot {target} is in cycle ")
    data = json.loads(answer.text)
    data["snapshot"]["summary"]["value"] = 0.11  # was 0.1
    bad = tmp_path / "tampered.json"
    bad.write_text(json.dumps(data))
    result = await asyncio.to_thread(verify_proof_command, bad)
    assert result.returncode == 1
    assert result.stderr.startswith("proof does NOT verify: leaf: the snapshot hashes to ")
    flipped = answer.text.replace(proof.checkpoint.merkle_root,
                                  ("0" if proof.checkpoint.merkle_root[0] != "0" else "1")
                                  + proof.checkpoint.merkle_root[1:])
    bad.write_text(flipped)
    assert check_proof_file(bad)[0] == 1
    assert check_proof_file(bad)[1].startswith("proof does NOT verify: checkpoint: ")
    bad.write_text("{not json")
    assert check_proof_file(bad)[0] == 2


async def test_the_audit_command_passes_then_names_the_edited_row(
        node: tuple[Client, Settings], pg_engine: Engine, pg_url: str,  # noqa: F811
        tmp_path: Path) -> None:
    client, settings = node
    end = period_end()
    seed_snapshots(pg_engine, end)
    commit_hours(pg_engine, end)
    the_id, _ = await control.create_checkpoint(client, settings, DEFAULT_CONTRACT, end)
    await built(client, the_id)
    env = {"PATH": "/usr/bin:/bin", "DATABASE_URL": pg_url, "HOME": str(tmp_path)}

    def run_audit() -> subprocess.CompletedProcess[str]:
        return subprocess.run([sys.executable, "-m", "coordinator_node", "audit"],
                              capture_output=True, text=True, timeout=120, env=env,
                              cwd=tmp_path)

    clean = run_audit()
    assert clean.returncode == 0, clean.stderr
    assert clean.stdout.startswith("audit passed: ")
    edited = snapshot_id("model-best", end - HOUR, end)
    with pg_engine.begin() as connection:
        connection.execute(text(
            "UPDATE snapshots SET summary = jsonb_set(summary, '{value}', '0.95') "
            "WHERE id = :id"), {"id": edited})
    broken = run_audit()
    assert broken.returncode == 1
    assert f"audit FAILED: snapshot {edited}: no longer matches its leaf" in broken.stderr
