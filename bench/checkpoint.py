"""Building one checkpoint over 1,000 models x 168 hourly snapshots (a week) in Postgres: the
build activity end to end (read the period's snapshots, weighted ranking, emission,
validation, one transaction to store it).

    .venv/bin/python bench/checkpoint.py [--models 1000] [--snapshots 168]
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

from bench._pg import scratch_database
from coordinator_node.activities.checkpoints import CheckpointActivities
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
    parser = argparse.ArgumentParser()
    parser.add_argument("--models", type=int, default=1000)
    parser.add_argument("--snapshots", type=int, default=168)
    args = parser.parse_args()
    end = datetime(2026, 11, 30, tzinfo=UTC)
    rng = random.Random(7)
    with scratch_database() as url:
        engine = create_db_engine(url)
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
        print(f"seeded {len(rows):,} snapshots in {seeded:.1f} s "
              f"({len(rows) / seeded:,.0f} rows/s, bulk upsert)")

        activities = CheckpointActivities(Services(
            settings=Settings(database_url=url), contract=DEFAULT_CONTRACT, engine=engine))
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
        engine.dispose()
    print(f"checkpoint over {args.models:,} models x {args.snapshots} snapshots: "
          f"built in {build:.2f} s (peak Python memory {peak / 2**20:.0f} MiB); "
          f"repeated start returns the stored one in {again * 1000:.0f} ms")


if __name__ == "__main__":
    main()
