"""Building one checkpoint over 1,000 models x 168 hourly snapshots (a week): the
build activity end to end (read the period's snapshots, weighted ranking, emission,
validation, the Merkle root over the period's cycles, one transaction to store it), and the
Merkle commitment each snapshot cycle writes (a tree over 1,000 snapshots, chained).

    .venv/bin/python bench/checkpoint.py [--database-url URL] [--models 1000] [--snapshots 168]
"""

from __future__ import annotations

import argparse
import random
import sys
import time
import tracemalloc
from datetime import UTC, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench._db import add_database_argument, backend, database_url, print_table, scratch_database
from coordinator_node.activities.checkpoints import CheckpointActivities
from coordinator_node.checkpoints.commitments import (
    audit,
    checkpoint_root,
    commit_cycle,
    period_cycles,
)
from coordinator_node.checkpoints.messages import CheckpointInput
from coordinator_node.contract import DEFAULT_CONTRACT
from coordinator_node.db import create_db_engine, session_scope
from coordinator_node.db.tables import Snapshot
from coordinator_node.db.upsert import upsert
from coordinator_node.ids import snapshot_id
from coordinator_node.services import Services
from coordinator_node.settings import Settings

PAGE = 5000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    add_database_argument(parser)
    parser.add_argument("--models", type=int, default=1000)
    parser.add_argument("--snapshots", type=int, default=168)
    args = parser.parse_args()
    end = datetime(2026, 11, 30, tzinfo=UTC)
    rng = random.Random(7)
    url = database_url(args.database_url)
    with scratch_database(url) as scratch:
        engine = create_db_engine(scratch)
        rows = []
        for hour in range(args.snapshots):
            start = end - timedelta(hours=hour + 1)
            for m in range(args.models):
                model_id = f"model-{m:05d}"
                rows.append({"id": snapshot_id(model_id, start, start + timedelta(hours=1)),
                             "model_id": model_id, "period_start": start,
                             "period_end": start + timedelta(hours=1),
                             "prediction_count": rng.randint(200, 240),
                             "summary": {"value": rng.gauss(0, 1), "success": 1.0}})
        began = time.perf_counter()
        for i in range(0, len(rows), PAGE):
            with session_scope(engine) as session:
                upsert(session, Snapshot, rows[i:i + PAGE], ["id"])
        seeded = time.perf_counter() - began
        # Each hour's cycle commitment, oldest first, as the snapshot activity writes it.
        began = time.perf_counter()
        for hour in reversed(range(args.snapshots)):
            with session_scope(engine) as session:
                commit_cycle(session, end - timedelta(hours=hour + 1), end - timedelta(hours=hour))
        per_cycle = (time.perf_counter() - began) / args.snapshots

        activities = CheckpointActivities(Services(
            settings=Settings(database_url=scratch), contract=DEFAULT_CONTRACT, engine=engine))
        data = CheckpointInput(crunch_id="bench", period_end=end,
                               period_seconds=args.snapshots * 3600, crunch_pubkey="Crunch")
        tracemalloc.start()
        began = time.perf_counter()
        result = activities.build_checkpoint(data)
        build = time.perf_counter() - began
        _, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        assert result.built and len(result.ranking) == args.models
        began = time.perf_counter()
        activities.build_checkpoint(data)  # the period again: returns the stored checkpoint
        again = time.perf_counter() - began
        began = time.perf_counter()
        with session_scope(engine) as session:  # the build's Merkle part alone
            cycles = period_cycles(session, end - timedelta(hours=args.snapshots), end)
            root = checkpoint_root(cycles)
        merkle = time.perf_counter() - began
        with session_scope(engine) as session:
            checked, _, mismatch = audit(session)
        assert len(cycles) == args.snapshots == checked and mismatch is None and root
        engine.dispose()
    print_table(f"Checkpoint build ({backend(url)})", ["figure", "value"], [
        [f"checkpoint over {args.models:,} models x {args.snapshots} snapshots",
         f"{build:.2f} s"],
        [f"  of which the Merkle root over {args.snapshots} cycle roots",
         f"{merkle * 1000:.0f} ms"],
        ["peak Python memory of the build", f"{peak / 2**20:.0f} MiB"],
        [f"one cycle's commitment ({args.models:,} snapshots: leaves, tree, chain, nodes)",
         f"{per_cycle * 1000:.0f} ms"],
        ["the same period again (returns the stored one)", f"{again * 1000:.0f} ms"],
        [f"seeding {len(rows):,} snapshots (bulk upsert, pages of {PAGE:,})",
         f"{len(rows) / seeded:,.0f} rows/s"]])

if __name__ == "__main__":
    main()
