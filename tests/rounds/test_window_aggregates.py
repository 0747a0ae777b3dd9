"""The leaderboard's window means and snapshot counts, computed by the database from the score
field alone (`rounds.store.window_aggregates`), agree with the Python reference
(`rounds.logic.window_means` over whole summaries) on random snapshots, on Postgres and
SQLite: windows ending at the build, non-numbers skipped, models without a score left out."""

from __future__ import annotations

import random
from collections import Counter
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from sqlalchemy import Engine
from sqlmodel import Session

from coordinator_node.db import session_scope
from coordinator_node.db.tables import Snapshot
from coordinator_node.db.upsert import upsert
from coordinator_node.ids import snapshot_id
from coordinator_node.rounds.logic import window_means
from coordinator_node.rounds.store import window_aggregates

END = datetime(2026, 11, 30, tzinfo=UTC)
WINDOWS = {"score_recent": 24, "score_steady": 72, "score_anchor": 168}


def random_value(rng: random.Random) -> Any:
    roll = rng.random()
    if roll < 0.6:
        return rng.uniform(-5, 5)
    if roll < 0.7:
        return rng.randint(-3, 3)
    if roll < 0.705:
        return 1e300  # finite, but its square is not
    return rng.choice([True, False, "n/a", None, [1.0], {"v": 1.0}])


def seed(engine: Engine, seed_value: int, field: str) -> list[tuple[str, datetime, dict[str, Any]]]:
    rng = random.Random(seed_value)
    rows, stored = [], []
    for hour in range(-3, 200):  # some after the build and some before the longest window
        period_end = END - timedelta(hours=hour)
        for model in (f"m{i}" for i in range(15)):
            if rng.random() < 0.3:
                continue
            summary = {"other": rng.uniform(0, 1)}
            if rng.random() < 0.9:
                summary[field] = random_value(rng)
            if model == "m14":  # never a number: not ranked
                summary[field] = "n/a"
            rows.append({"id": snapshot_id(model, period_end - timedelta(hours=1), period_end),
                         "model_id": model, "period_start": period_end - timedelta(hours=1),
                         "period_end": period_end, "prediction_count": 10,
                         "summary": summary})
            stored.append((model, period_end, summary))
    with session_scope(engine) as session:
        upsert(session, Snapshot, rows, ["id"])
    return stored


def reference(snapshots: list[tuple[str, datetime, dict[str, Any]]], windows: dict[str, int],
              field: str) -> tuple[dict[str, dict[str, float | None]], dict[str, int]]:
    """What the leaderboard rebuild computed before: the snapshots of the longest window,
    `window_means` over their whole summaries, counts of every snapshot of a ranked model."""
    longest = max(windows.values(), default=24)
    window = [s for s in snapshots if END - timedelta(hours=longest) < s[1] <= END]
    means = window_means(window, windows, field, END)
    counts = Counter(s[0] for s in window)
    return means, {model: counts[model] for model in means}


@pytest.mark.parametrize("seed_value", [1, 2, 3])
@pytest.mark.parametrize("windows", [WINDOWS, {"score_day": 24}, {}])
def test_window_aggregates_match_the_python_reference(engine: Engine, seed_value: int,
                                                      windows: dict[str, int]) -> None:
    snapshots = seed(engine, seed_value, "value")
    expected_means, expected_counts = reference(snapshots, windows, "value")
    with Session(engine) as session:
        means, counts = window_aggregates(session, END, windows, "value")
    assert counts == expected_counts
    assert set(means) == set(expected_means) and "m14" not in means
    for model, by_window in expected_means.items():
        assert set(means[model]) == set(by_window)
        for name, value in by_window.items():
            assert means[model][name] == (None if value is None else pytest.approx(value))


def test_a_score_field_with_awkward_characters_is_read_as_a_key(engine: Engine) -> None:
    field = "hit rate.v2"
    snapshots = seed(engine, 4, field)
    expected_means, expected_counts = reference(snapshots, WINDOWS, field)
    with Session(engine) as session:
        means, counts = window_aggregates(session, END, WINDOWS, field)
    assert counts == expected_counts and means.keys() == expected_means.keys()
    for model, by_window in expected_means.items():
        assert means[model] == pytest.approx(by_window)
