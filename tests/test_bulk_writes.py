"""The set-based writes (`db/upsert.py`) on both databases: one statement whatever the row
count, rows stored exactly as the ORM stores them, idempotent, and a conditional UPDATE."""

from __future__ import annotations

import random
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import Engine, event, select, text
from sqlmodel import Session

from coordinator_node.db import session_scope
from coordinator_node.db.tables import FeedRecord, Input, Prediction, Score
from coordinator_node.db.upsert import update_rows, upsert
from coordinator_node.statuses import InputStatus, PredictionStatus

T0 = datetime(2026, 3, 1, tzinfo=UTC)


@contextmanager
def statements(engine: Engine) -> Iterator[list[str]]:
    seen: list[str] = []

    def record(_conn: Any, _cursor: Any, statement: str, *_: Any) -> None:
        seen.append(statement)

    event.listen(engine, "before_cursor_execute", record)
    try:
        yield seen
    finally:
        event.remove(engine, "before_cursor_execute", record)


def _input(session: Session, the_id: str) -> None:
    session.add(Input(id=the_id, config_id=the_id, slot=T0, status=InputStatus.RECEIVED,
                      payload={}, horizon_at=T0))


def random_predictions(rng: random.Random, input_id: str, count: int) -> list[dict[str, Any]]:
    def output() -> Any:
        return rng.choice([None, {"value": rng.uniform(-1, 1)}, {"value": 1, "note": "é\"'"},
                           {"nested": [1, None, {"a": True}]}])

    return [{"id": f"{input_id}#m{i}", "input_id": input_id, "config_id": "c",
             "model_id": f"m{i}", "slot": T0 + timedelta(microseconds=rng.randint(0, 10**6)),
             "status": rng.choice(list(PredictionStatus)), "output": output(),
             "raw_output": rng.choice([None, [1, "x"], "text", 3.5]),
             "failed_reason": rng.choice([None, "", "why; 'quoted'"]),
             "exec_time_us": rng.choice([None, 0, 2**31 - 1]), "created_at": T0,
             "scored_at": rng.choice([None, T0])} for i in range(count)]


def stored(engine: Engine, input_id: str) -> list[tuple[Any, ...]]:
    """The rows as the database holds them (JSON as text), the input's name taken out."""
    as_text = "CAST(output AS TEXT), CAST(raw_output AS TEXT)"
    with engine.connect() as conn:
        rows = conn.execute(text(
            f"SELECT model_id, slot, status, {as_text}, failed_reason, exec_time_us, "
            "created_at, scored_at FROM predictions WHERE input_id = :i ORDER BY model_id"),
            {"i": input_id}).all()
    return [tuple(row) for row in rows]


def test_upsert_stores_rows_as_the_orm_does_in_one_statement(engine: Engine) -> None:
    rng = random.Random(16)
    rows = random_predictions(rng, "bulk", 300)
    with session_scope(engine) as session:
        _input(session, "bulk")
        _input(session, "orm")
    with statements(engine) as seen, session_scope(engine) as session:
        assert upsert(session, Prediction, rows, ["input_id", "model_id"]) == 300
    assert len(seen) == 1
    with session_scope(engine) as session:
        for row in rows:
            session.add(Prediction(**{**row, "id": row["id"].replace("bulk", "orm"),
                                      "input_id": "orm"}))
    assert stored(engine, "bulk") == stored(engine, "orm")


def test_upsert_is_idempotent_and_updates_only_the_columns_named(engine: Engine) -> None:
    with session_scope(engine) as session:
        _input(session, "i")
        rows = random_predictions(random.Random(1), "i", 50)
        assert upsert(session, Prediction, rows, ["input_id", "model_id"]) == 50
        assert upsert(session, Prediction, rows, ["input_id", "model_id"]) == 0
        changed = [{**row, "failed_reason": "new", "exec_time_us": 7} for row in rows]
        assert upsert(session, Prediction, changed, ["id"], update_columns=["failed_reason"]) == 50
    with Session(engine) as session:
        found = session.execute(select(Prediction.failed_reason, Prediction.exec_time_us)).all()
    assert {reason for reason, _ in found} == {"new"}
    assert [t for _, t in found] != [7] * 50


def test_upsert_fills_defaults_and_quotes_reserved_names(engine: Engine) -> None:
    with session_scope(engine) as session:
        upsert(session, FeedRecord, [
            {"source": "s", "subject": "BTC", "kind": "candle", "granularity": "1s",
             "ts_event": T0 + timedelta(seconds=i), "values": {"close": i}, "meta": {}}
            for i in range(3)], ["source", "subject", "kind", "granularity", "ts_event"])
    with Session(engine) as session:
        records = session.execute(select(FeedRecord)).scalars().all()
    assert [r.values for r in records] == [{"close": 0}, {"close": 1}, {"close": 2}]
    assert all(r.ingested_at is not None and r.ingested_at.tzinfo for r in records)


def test_update_rows_sets_each_rows_values_where_the_condition_holds(engine: Engine) -> None:
    with session_scope(engine) as session:
        _input(session, "i")
        rows = random_predictions(random.Random(2), "i", 400)
        for row in rows:
            row["status"] = PredictionStatus.PENDING
        rows[0]["status"] = PredictionStatus.ABSENT  # not PENDING: left alone
        upsert(session, Prediction, rows, ["id"])
    outcomes = [{"id": row["id"], "status": PredictionStatus.SCORED if i % 2 else
                 PredictionStatus.FAILED, "failed_reason": None if i % 2 else f"r{i}",
                 "scored_at": T0 + timedelta(hours=1)} for i, row in enumerate(rows)]
    with statements(engine) as seen, session_scope(engine) as session:
        updated = update_rows(session, Prediction, "id", outcomes,
                              where="t.status = :pending", where_params={"pending": "PENDING"})
    assert updated == 399 and len(seen) == 1
    with Session(engine) as session:
        found = {p.id: p for p in session.execute(select(Prediction)).scalars()}
    assert found[rows[0]["id"]].status == PredictionStatus.ABSENT
    for i, row in enumerate(rows[1:], start=1):
        got = found[row["id"]]
        assert (got.status, got.failed_reason, got.scored_at) == (
            outcomes[i]["status"], outcomes[i]["failed_reason"], T0 + timedelta(hours=1))


def test_one_statement_for_one_row_or_thousands(engine: Engine) -> None:
    with session_scope(engine) as session:
        _input(session, "i")
        upsert(session, Prediction, random_predictions(random.Random(3), "i", 3000), ["id"])
    for count in (1, 3000):
        scores = [{"prediction_id": f"i#m{i}", "model_id": f"m{i}", "value": 0.5,
                   "success": True, "failed_reason": None, "result": {"value": 0.5}}
                  for i in range(count)]
        with statements(engine) as seen, session_scope(engine) as session:
            upsert(session, Score, scores, ["prediction_id"],
                   update_columns=["value", "result"])
        assert len(seen) == 1
