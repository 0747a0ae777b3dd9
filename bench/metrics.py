"""The quant metrics (issue 20) for 1,000 models x 1,000 rounds: what one snapshot cycle adds
to its activity. Two parts, timed apart: turning the cycle's scored predictions (one row per
prediction: model, slot, config, output, ground truth, score) into the dense panel, and
computing every built-in metric on it; then an equal-weight ensemble of every model and each
model's leave-one-out contribution. The database read is not included (see
bench/checkpoint.py for reading a period's rows).

    .venv/bin/python bench/metrics.py [--models 1000] [--rounds 1000] [--missing 0.05]
"""

from __future__ import annotations

import argparse
import sys
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from coordinator_node.contract import Ensemble, default_scoring_function
from coordinator_node.rounds.ensembles import build_ensemble, contributions, ensemble_correlations
from coordinator_node.rounds.metrics import (
    BUILTIN_METRICS,
    build_panel,
    compute_metrics,
)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--models", type=int, default=1000)
    parser.add_argument("--rounds", type=int, default=1000)
    parser.add_argument("--missing", type=float, default=0.05,
                        help="share of (model, round) without a prediction")
    args = parser.parse_args()
    rng = np.random.default_rng(7)
    t0 = datetime(2026, 11, 30, tzinfo=UTC)
    returns = rng.normal(0, 0.001, args.rounds)
    skill = rng.normal(0, 0.3, args.models)
    signals = skill[:, None] * returns[None, :] + rng.normal(0, 0.001, (args.models, args.rounds))
    present = rng.random((args.models, args.rounds)) >= args.missing
    # Two prediction configs taking turns, as the example competition's do.
    slots = [t0 + timedelta(seconds=15 * t) for t in range(args.rounds)]
    configs = [f"cfg-{t % 2}" for t in range(args.rounds)]
    truths = [{"return": float(r)} for r in returns]
    rows = []
    for m in range(args.models):
        model = f"model-{m:04d}"
        for t in np.flatnonzero(present[m]).tolist():
            value = float(signals[m, t])
            score = abs(returns[t]) if value * returns[t] > 0 else -abs(returns[t])
            rows.append((model, slots[t], configs[t], {"value": value}, truths[t], float(score)))

    started = time.perf_counter()
    panel = build_panel(rows, "value", "return")
    built = time.perf_counter() - started
    timings = {}
    for name, spec in BUILTIN_METRICS.items():
        started = time.perf_counter()
        compute_metrics(panel, [spec])
        timings[name] = time.perf_counter() - started
    started = time.perf_counter()
    results = compute_metrics(panel, list(BUILTIN_METRICS.values()))
    every = time.perf_counter() - started
    defined = sum(v is not None for r in results.values() for v in r.values())

    print(f"quant metrics: {args.models:,} models x {args.rounds:,} rounds, "
          f"{len(rows):,} scored predictions ({args.missing:.0%} missing)")
    print(f"  panel from the rows: {built:.2f} s")
    for name, seconds in timings.items():
        print(f"  {name:<18} {seconds * 1000:8.1f} ms")
    print(f"  all {len(BUILTIN_METRICS)} metrics:      {every:.2f} s "
          f"({defined:,} of {len(results) * len(BUILTIN_METRICS):,} values defined)")
    print(f"  total (panel + metrics): {built + every:.2f} s")

    # One equal-weight ensemble of every model, scored by the default scoring function, and
    # every model's leave-one-out contribution (one rescoring of the ensemble per member).
    started = time.perf_counter()
    ensemble = build_ensemble(Ensemble(name="crowd"), panel, results, default_scoring_function,
                              "value")
    combined = time.perf_counter() - started
    started = time.perf_counter()
    contributions(ensemble, panel, default_scoring_function, "value")
    ensemble_correlations(ensemble, panel)
    loo = time.perf_counter() - started
    print(f"  ensemble (build + score): {combined * 1000:.0f} ms; contribution and ensemble "
          f"correlation of {len(panel.models):,} models: {loo:.2f} s")


if __name__ == "__main__":
    main()
