"""The checkpoint's weighted means, computed by the database (JSONB / JSON1), agree with the
Python reference (`weighted_summaries`, `rank_period`) on random snapshots, on Postgres and
SQLite; only the period's snapshots count."""

from __future__ import annotations

import random
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from sqlalchemy import Engine
from sqlmodel import Session

from coordinator_node.checkpoints.logic import rank_period, rank_scores, weighted_summaries
from coordinator_node.checkpoints.store import period_aggregates
from coordinator_node.db import session_scope
from coordinator_node.db.tables import Snapshot
from coordinator_node.db.upsert import upsert
from coordinator_node.ids import snapshot_id

START = datetime(2026, 11, 1, tzinfo=UTC)
END = START + timedelta(hours=48)


def random_summary(rng: random.Random) -> dict[str, Any]:
    summary: dict[str, Any] = {}
    for key in ("value", "hit_rate", "ic"):
        roll = rng.random()
        if roll < 0.6:
            summary[key] = rng.uniform(-5, 5)
        elif roll < 0.7:
            summary[key] = rng.randint(-3, 3)
        elif roll < 0.8:
            summary[key] = rng.choice([True, False])  # not a number
        elif roll < 0.9:
            summary[key] = "n/a"
    summary["success"] = True
    return summary


def seed(engine: Engine, seed_value: int) -> list[tuple[str, int, dict[str, Any]]]:
    rng = random.Random(seed_value)
    rows, in_period = [], []
    for hour in range(-6, 54):  # some before and after the period
        start = START + timedelta(hours=hour)
        for model in (f"m{i}" for i in range(12)):
            if rng.random() < 0.2:
                continue
            count, summary = rng.choice([0, 1, 5, 60, 240]), random_summary(rng)
            rows.append({"id": snapshot_id(model, start, start + timedelta(hours=1)),
                         "model_id": model, "period_start": start,
                         "period_end": start + timedelta(hours=1), "prediction_count": count,
                         "summary": summary})
            if START <= start < END:
                in_period.append((model, count, summary))
    with session_scope(engine) as session:
        upsert(session, Snapshot, rows, ["id"])
    return in_period


@pytest.mark.parametrize("seed_value", [1, 2, 3])
def test_sql_aggregates_match_the_python_reference(engine: Engine, seed_value: int) -> None:
    in_period = seed(engine, seed_value)
    with Session(engine) as session:
        count, models = period_aggregates(session, START, END)
    assert count == len(in_period)
    expected = weighted_summaries(in_period)
    assert {m: p.snapshot_count for m, p in models.items()} == {
        m: n for m, (_, n) in expected.items()}
    for model_id, (summary, _) in expected.items():
        assert models[model_id].summary == pytest.approx(summary, rel=1e-9, abs=1e-12)
    ranked = rank_scores({m: (p.summary["value"], p.weights["value"])
                          for m, p in models.items() if "value" in p.summary}, "desc")
    reference = rank_period(in_period, "value", "desc")
    assert [(e["model_id"], e["prediction_count"]) for e in ranked] == [
        (e["model_id"], e["prediction_count"]) for e in reference]
    assert [e["score"] for e in ranked] == pytest.approx([e["score"] for e in reference])


def test_an_empty_period_has_nothing(engine: Engine) -> None:
    with Session(engine) as session:
        assert period_aggregates(session, START, END) == (0, {})
