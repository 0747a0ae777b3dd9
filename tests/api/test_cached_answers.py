"""Hot answers cached by version (api/answers.py), on both databases: the leaderboard, the
checkpoint list and the schema carry an ETag, `If-None-Match` with the current one answers
304 without a body, a write changes it at once, and two API processes over one database
agree on it."""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Engine, update

from coordinator_node.api import create_app
from coordinator_node.api.answers import CoalescedRead
from coordinator_node.db import session_scope
from coordinator_node.db.tables import Checkpoint, Leaderboard
from coordinator_node.db.types import utcnow
from coordinator_node.db.upsert import upsert
from tests.conftest import make_settings

T0 = datetime(2026, 3, 1, tzinfo=UTC)


def board(engine: Engine, hour: int, score: float) -> None:
    built = T0 + timedelta(hours=hour)
    with session_scope(engine) as session:
        upsert(session, Leaderboard, [{
            "id": f"crunch@{hour}", "built_at": built, "updated_at": utcnow(),
            "entries": [{"rank": 1, "model_id": "m", "model_name": "M", "cruncher_id": "c",
                         "cruncher_name": "C", "scores": {"score_recent": score},
                         "snapshot_count": 1}],
            "meta": {"windows": {"score_recent": 24}}}], ["id"],
            update_columns=["entries", "updated_at"])


def checkpoint(engine: Engine, hour: int) -> None:
    end = T0 + timedelta(hours=hour)
    with session_scope(engine) as session:
        upsert(session, Checkpoint, [{
            "id": f"crunch-{hour}", "crunch_id": "crunch", "period_start": end - timedelta(hours=1),
            "period_end": end, "status": "PENDING", "created_at": end, "updated_at": end,
            "emission": {"crunch": "C", "cruncher_rewards": [{"cruncher_index": 0,
                                                              "reward_pct": 1_000_000_000}],
                         "compute_provider_rewards": [], "data_provider_rewards": []},
            "meta": {"ranking": [{"model_id": "m", "model_name": "M", "cruncher_name": "C",
                                  "prediction_count": 1, "snapshot_count": 1,
                                  "result_summary": {"value": 1.0}, "rank": 1}],
                     "snapshot_count": 1, "model_count": 1}}], ["id"])


@pytest.fixture
def clients(engine: Engine) -> Iterator[tuple[TestClient, TestClient]]:
    """Two API processes (apps of their own) over one database."""
    url = engine.url.render_as_string(hide_password=False)
    settings = make_settings(url, temporal_address="127.0.0.1:1")
    with TestClient(create_app(settings)) as one, TestClient(create_app(settings)) as two:
        yield one, two


def revalidate(client: TestClient, path: str, etag: str) -> int:
    return client.get(path, headers={"If-None-Match": etag}).status_code


def test_the_leaderboard_is_revalidated_and_a_new_or_rebuilt_board_changes_it(
        engine: Engine, clients: tuple[TestClient, TestClient]) -> None:
    one, two = clients
    empty = one.get("/reports/leaderboard")
    assert empty.json() == [] and empty.headers["Cache-Control"] == "no-cache"
    board(engine, 1, 0.5)
    first = one.get("/reports/leaderboard")
    etag = first.headers["ETag"]
    assert etag != empty.headers["ETag"] and first.json()[0]["score_recent"] == 0.5
    not_modified = one.get("/reports/leaderboard", headers={"If-None-Match": etag})
    assert not_modified.status_code == 304 and not_modified.content == b""
    assert not_modified.headers["ETag"] == etag
    assert two.get("/reports/leaderboard").headers["ETag"] == etag  # processes agree
    assert revalidate(two, "/reports/leaderboard", f'W/{etag}, "other"') == 304

    board(engine, 1, 0.75)  # the same period rebuilt in place
    for client in (one, two):
        assert revalidate(client, "/reports/leaderboard", etag) == 200
        assert client.get("/reports/leaderboard").json()[0]["score_recent"] == 0.75
    rebuilt = one.get("/reports/leaderboard").headers["ETag"]

    board(engine, 0, 0.1)  # an older period: not the newest, nothing changes
    assert revalidate(one, "/reports/leaderboard", rebuilt) == 304
    board(engine, 2, 0.9)  # a newer one
    assert revalidate(two, "/reports/leaderboard", rebuilt) == 200
    assert one.get("/reports/leaderboard").json()[0]["score_recent"] == 0.9


def test_an_unchanged_leaderboard_is_encoded_once(
        engine: Engine, clients: tuple[TestClient, TestClient]) -> None:
    one, _ = clients
    board(engine, 1, 0.5)
    answers = one.app.state.answers  # type: ignore[attr-defined]
    bodies = {one.get("/reports/leaderboard").content for _ in range(5)}
    assert len(bodies) == 1 and answers.builds == 1
    board(engine, 2, 0.6)
    one.get("/reports/leaderboard")
    assert answers.builds == 2


def test_the_checkpoint_list_changes_with_a_build_and_a_transition(
        engine: Engine, clients: tuple[TestClient, TestClient]) -> None:
    one, two = clients
    checkpoint(engine, 1)
    first = one.get("/reports/checkpoints")
    etag = first.headers["ETag"]
    assert [c["id"] for c in first.json()] == ["crunch-1"]
    assert revalidate(two, "/reports/checkpoints", etag) == 304
    assert one.get("/reports/checkpoints", params={"limit": 1}).headers["ETag"] != etag

    with session_scope(engine) as session:  # as record_transition writes a move
        session.execute(update(Checkpoint.__table__)  # type: ignore[attr-defined]
                        .values(status="SUBMITTED", tx_hash="tx", updated_at=utcnow()))
    assert revalidate(one, "/reports/checkpoints", etag) == 200
    moved = two.get("/reports/checkpoints")
    assert moved.json()[0]["status"] == "SUBMITTED"

    checkpoint(engine, 2)
    assert revalidate(one, "/reports/checkpoints", moved.headers["ETag"]) == 200
    assert [c["id"] for c in one.get("/reports/checkpoints").json()] == [
        "crunch-2", "crunch-1"]


def test_the_schema_has_one_etag_per_contract(clients: tuple[TestClient, TestClient]) -> None:
    one, two = clients
    for path in ("/reports/schema", "/reports/schema/leaderboard-columns",
                 "/reports/schema/metrics-widgets"):
        answer = one.get(path)
        etag = answer.headers["ETag"]
        assert answer.json() and two.get(path).headers["ETag"] == etag
        assert revalidate(two, path, etag) == 304
        assert revalidate(one, path, '"stale"') == 200


async def test_a_coalesced_read_is_shared_and_never_older_than_the_request(
        sqlite_engine: Engine) -> None:
    reads: list[int] = []
    gate = threading.Event()

    def read(_session: Any) -> int:
        gate.wait(5)
        reads.append(len(reads) + 1)
        return len(reads)

    versions = CoalescedRead(sqlite_engine, read)
    first = asyncio.ensure_future(versions.get())
    await asyncio.sleep(0.05)  # the first read is under way (held at the gate)
    # Asked while it runs: they wait for the next read, which starts after they asked.
    later = [asyncio.ensure_future(versions.get()) for _ in range(20)]
    await asyncio.sleep(0.05)
    gate.set()
    assert await first == 1
    assert await asyncio.gather(*later) == [2] * 20  # one read for all twenty
    assert reads == [1, 2]


async def test_a_failed_coalesced_read_reaches_its_callers_and_the_next_one_reads_again(
        sqlite_engine: Engine) -> None:
    answers = iter([RuntimeError("down"), 7])

    def read(_session: Any) -> int:
        found = next(answers)
        if isinstance(found, Exception):
            raise found
        return found

    versions = CoalescedRead(sqlite_engine, read)
    with pytest.raises(RuntimeError, match="down"):
        await versions.get()
    assert await versions.get() == 7
