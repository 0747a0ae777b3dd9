"""The round's database writes, without Temporal or models: persisting a round's predictions
(what the predict activity writes once the models have answered: the models it saw, one row
per model) and resolving + scoring a round (the resolve and score activities), for
100 models x 100 rounds = 10,000 predictions by default. Also counted: SQL statements and
commits per round, which must not grow with the model count.

    .venv/bin/python bench/writes.py [--database-url URL] [--models 100] [--rounds 100]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from sqlalchemy import Engine, event, func, select, text

from bench._db import add_database_argument, backend, database_url, print_table, scratch_database
from coordinator_node.activities.rounds import RoundActivities
from coordinator_node.contract import DEFAULT_CONTRACT
from coordinator_node.db import create_db_engine, session_scope
from coordinator_node.db.tables import Prediction, Score
from coordinator_node.feeds.messages import FeedRef
from coordinator_node.feeds.store import store_rows
from coordinator_node.feeds.types import FeedRow
from coordinator_node.rounds.messages import CaptureInput, InputRef, PredictInput, ResolveInput
from coordinator_node.runners.base import CallStatus, ModelCallResult, ModelIdentity, ModelTurn
from coordinator_node.services import Services
from coordinator_node.settings import Settings

FEED = FeedRef(source="bench", subject="BTC", kind="candle", granularity="1s")
HORIZON = 60
INTERVAL = 15


@dataclass
class Counter:
    statements: int = 0
    commits: int = 0


@contextmanager
def counting(engine: Engine) -> Iterator[Counter]:
    counter = Counter()

    def on_execute(*_: Any) -> None:
        counter.statements += 1

    def on_commit(*_: Any) -> None:
        counter.commits += 1

    event.listen(engine, "before_cursor_execute", on_execute)
    event.listen(engine, "commit", on_commit)
    try:
        yield counter
    finally:
        event.remove(engine, "before_cursor_execute", on_execute)
        event.remove(engine, "commit", on_commit)


def turns_for(models: list[ModelIdentity], round_number: int) -> list[ModelTurn]:
    """Every model answers; a few answer badly, as in a real round."""
    turns = []
    for i, model in enumerate(models):
        tick = ModelCallResult(model, CallStatus.SUCCESS, None, 40)
        if (i + round_number) % 50 == 0:
            answer = ModelCallResult(model, CallStatus.TIMEOUT, None, 30_000_000, "TIMEOUT")
        else:
            value = ((i * 7919 + round_number * 104729) % 2000 - 1000) / 1000.0
            answer = ModelCallResult(model, CallStatus.SUCCESS, {"value": value}, 120 + i)
        turns.append(ModelTurn(model, [tick, answer]))
    return turns


def seed_feed(engine: Engine, start: datetime, seconds: int) -> None:
    rows = [FeedRow(ts_event=start + timedelta(seconds=i),
                    values={"open": 100.0 + i % 37, "high": 101.0 + i % 37,
                            "low": 99.0 + i % 37, "close": 100.0 + (i * 13) % 41,
                            "volume": 1.0}) for i in range(seconds)]
    for i in range(0, len(rows), 5000):
        with session_scope(engine) as session:
            store_rows(session, FEED.key, rows[i:i + 5000])


def run(url: str, model_count: int, rounds: int) -> dict[str, Any]:
    with scratch_database(url) as scratch:
        engine = create_db_engine(scratch)
        t0 = datetime(2026, 1, 1, tzinfo=UTC)
        seed_feed(engine, t0 - timedelta(minutes=3), rounds * INTERVAL + HORIZON + 360)
        activities = RoundActivities(Services(
            settings=Settings(database_url=scratch), contract=DEFAULT_CONTRACT, engine=engine))
        models = [ModelIdentity(f"model-{i:05d}", f"Model {i}", f"cruncher-{i}",
                                f"Cruncher {i}", f"deployment-{i}") for i in range(model_count)]
        slots = [t0 + timedelta(seconds=INTERVAL * r) for r in range(rounds)]
        inputs = []
        for slot in slots:
            inputs.append(activities.capture_input(CaptureInput(
                config_id="bench", slot=slot, horizon_seconds=HORIZON, feed=FEED,
                window_size=120)))

        persist_times = []
        with counting(engine) as persist_counter:
            for r, (the_input, slot) in enumerate(zip(inputs, slots, strict=True)):
                data = PredictInput(input_id=the_input, config_id="bench", slot=slot,
                                    subject="BTC", horizon_seconds=HORIZON,
                                    step_seconds=INTERVAL, timeout_seconds=30.0)
                turns = turns_for(models, r)
                began = time.perf_counter()
                activities._record_models(models)  # before the call, as predict does
                activities._persist_answers(data, models, turns, [])
                persist_times.append(time.perf_counter() - began)

        # Statistics as autovacuum keeps them in a running node: the table went from empty to
        # 10,000 rows in seconds, faster than its analyze threshold is checked.
        if engine.dialect.name == "postgresql":
            with engine.connect() as conn:
                conn.execute(text("ANALYZE"))
        score_times = []
        with counting(engine) as score_counter:
            for the_input, slot in zip(inputs, slots, strict=True):
                began = time.perf_counter()
                resolved = activities.resolve(ResolveInput(
                    input_id=the_input, feed=FEED, slot=slot, horizon_seconds=HORIZON))
                assert resolved.resolved, resolved
                activities.score(InputRef(input_id=the_input))
                score_times.append(time.perf_counter() - began)

        with session_scope(engine) as session:
            predictions = session.execute(select(func.count()).select_from(Prediction)).scalar()
            scores = session.execute(select(func.count()).select_from(Score)).scalar()
        engine.dispose()
    total = model_count * rounds
    assert predictions == total, (predictions, total)
    assert scores and scores > total * 0.9, scores
    return {"persist_rate": total / sum(persist_times),
            "persist_round_ms": statistics.median(persist_times) * 1000,
            "persist_statements": persist_counter.statements / rounds,
            "persist_commits": persist_counter.commits / rounds,
            "score_rate": total / sum(score_times),
            "score_round_ms": statistics.median(score_times) * 1000,
            "score_statements": score_counter.statements / rounds,
            "score_commits": score_counter.commits / rounds}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    add_database_argument(parser)
    parser.add_argument("--models", default="100,1000",
                        help="comma list of model counts (rounds each: --rounds)")
    parser.add_argument("--rounds", type=int, default=100)
    args = parser.parse_args()
    url = database_url(args.database_url)
    rows = []
    for count in (int(n) for n in args.models.split(",")):
        rounds = args.rounds if count <= 100 else max(10, args.rounds * 100 // count)
        got = run(url, count, rounds)
        rows.append([f"persist, {count:,} models x {rounds} rounds",
                     f"{got['persist_rate']:,.0f} rows/s",
                     f"{got['persist_round_ms']:.1f} ms",
                     f"{got['persist_statements']:.1f}", f"{got['persist_commits']:.1f}"])
        rows.append([f"resolve + score, {count:,} models x {rounds} rounds",
                     f"{got['score_rate']:,.0f} preds/s",
                     f"{got['score_round_ms']:.1f} ms",
                     f"{got['score_statements']:.1f}", f"{got['score_commits']:.1f}"])
    print_table(f"Round writes ({backend(url)})",
                ["figure", "throughput", "per round (median)", "statements/round",
                 "commits/round"], rows)


if __name__ == "__main__":
    main()
