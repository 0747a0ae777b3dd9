"""`verify-proof FILE` (offline: no settings, no database, no network) and `audit` (every
stored commitment recomputed from the rows)."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from coordinator_node.checkpoints.merkle import ProofError, SnapshotProof, verify_proof
from coordinator_node.cli.core import _dev_flag, _settings
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


def _report(code: int, line: str) -> int:
    print(line, file=sys.stdout if code == 0 else sys.stderr)
    return code


def cmd_verify_proof(args: argparse.Namespace) -> int:
    return _report(*check_proof_file(Path(args.file)))


def cmd_audit(args: argparse.Namespace) -> int:
    return _report(*audit_database(_settings(args)))


def register(subparsers: Any) -> None:
    verify = subparsers.add_parser(
        "verify-proof", help="check a snapshot's Merkle proof (GET /reports/merkle/proof) "
                             "offline; exit 1 naming the failing step")
    verify.add_argument("file", help="the proof, as JSON")
    verify.set_defaults(handler=cmd_verify_proof)
    audit = subparsers.add_parser(
        "audit", help="recompute every Merkle commitment from the database's rows; exit 1 "
                      "naming the first mismatch")
    _dev_flag(audit)
    audit.set_defaults(handler=cmd_audit)
