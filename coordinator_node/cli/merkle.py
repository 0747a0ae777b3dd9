"""`verify-proof FILE` (offline: no settings, no database, no network) and `audit` (every
stored commitment recomputed from the rows)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer
from pydantic import ValidationError

from coordinator_node.checkpoints.merkle import ProofError, SnapshotProof, verify_proof
from coordinator_node.cli.core import DevFlag, _database, _settings
from coordinator_node.cli.output import console, finish
from coordinator_node.settings import Settings


def check_proof_file(path: Path) -> tuple[int, str]:
    """(exit code, the line to print): 0 verified, 1 does not verify, 2 unreadable."""
    try:
        data = json.loads(path.read_text())
    except (OSError, ValueError) as exc:
        return 2, f"cannot read a proof from {path}: {exc}"
    try:
        proof = SnapshotProof.model_validate(data)
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(part) for part in first["loc"]) or "the proof"
        return 2, f"{path} is not a proof: {where}: {first['msg']}"
    try:
        verify_proof(proof)
    except ProofError as exc:
        return 1, f"proof does NOT verify: {exc}"
    covered = (f"and checkpoint {proof.checkpoint.checkpoint_id} (root "
               f"{proof.checkpoint.merkle_root})" if proof.checkpoint
               else "(no checkpoint covers its cycle yet)")
    return 0, (f"proof verifies: snapshot {proof.snapshot_id} is in cycle {proof.cycle_id} "
               f"(root {proof.cycle_root}) {covered}")


def audit_database(settings: Settings) -> tuple[int, str]:
    from coordinator_node.checkpoints.commitments import audit
    from coordinator_node.db import create_db_engine, session_scope

    engine = create_db_engine(settings.database_url)
    try:
        with session_scope(engine) as session:
            cycles, checkpoints, mismatch = audit(session)
    finally:
        engine.dispose()
    if mismatch is not None:
        return 1, f"audit FAILED: {mismatch}"
    return 0, (f"audit passed: {cycles} cycles and {checkpoints} checkpoints match their "
               "rows")


def _report(code: int, line: str) -> None:
    if code == 0:
        console().print(line)
    else:
        console(stderr=True).print(line)
    finish(code)


def cmd_verify_proof(
        file: Annotated[Path, typer.Argument(help="the proof, as JSON (GET "
                                                  "/reports/merkle/proof)")]) -> None:
    """check a snapshot's Merkle proof offline; exit 1 naming the failing step"""
    _report(*check_proof_file(file))


def cmd_audit(dev: DevFlag = False) -> None:
    """recompute every Merkle commitment from the database's rows; exit 1 naming the first
    mismatch"""
    settings = _settings(dev)
    _database(settings).dispose()  # a database that is not migrated: say so, and what to run
    _report(*audit_database(settings))


def register(app: typer.Typer) -> None:
    app.command("verify-proof")(cmd_verify_proof)
    app.command("audit")(cmd_audit)
