"""The OpenAPI document describes the API as it answers: one error body shape, every error
status documented, times that are ISO date-times only, and a schemathesis run with every
check against the real process (uvicorn, Postgres, the Temporal dev server) finding nothing."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import pytest
import schemathesis
import schemathesis.engine
from fastapi.testclient import TestClient
from pydantic import ValidationError
from schemathesis.engine import Status
from schemathesis.engine import events as engine_events
from sqlalchemy import Engine
from temporalio.testing import WorkflowEnvironment

from coordinator_node.api import create_app
from coordinator_node.api.params import as_utc
from coordinator_node.api.routes.checkpoints import ConfirmBody
from coordinator_node.db import session_scope
from coordinator_node.db.tables import FeedRecord, FeedWatermark
from coordinator_node.db.upsert import upsert
from tests.api.live import live_api
from tests.conftest import make_settings
from tests.rounds.test_round_api import seed as seed_rounds

KEY = "s3cret"
MAX_EXAMPLES = 30  # per operation and phase: enough to find what the issue found, in ~a minute
SEED = 15
ERROR_BODY = {"$ref": "#/components/schemas/ErrorBody"}


@pytest.fixture
def http(sqlite_engine: Engine) -> Iterator[TestClient]:
    url = sqlite_engine.url.render_as_string(hide_password=False)
    with TestClient(create_app(make_settings(url, temporal_address="127.0.0.1:1",
                                             api_key=KEY))) as client:
        yield client


def operations(doc: dict[str, Any]) -> Iterator[tuple[str, str, dict[str, Any]]]:
    for path, methods in doc["paths"].items():
        for method, operation in methods.items():
            yield path, method, operation


def test_every_error_is_documented_with_the_one_error_body(http: TestClient) -> None:
    doc = http.get("/openapi.json").json()
    assert "HTTPValidationError" not in doc["components"]["schemas"]  # FastAPI's list shape
    for path, method, operation in operations(doc):
        responses = operation["responses"]
        name = f"{method.upper()} {path}"
        if path in ("/healthz", "/readyz", "/info"):
            continue
        if path.startswith("/reports/schema"):
            # no parameter, no database; cached with an ETag
            assert set(responses) == {"200", "304"}, name
            continue
        if "304" in responses:  # answers cached by version: If-None-Match, no body
            assert "content" not in responses["304"], name
        for status, response in responses.items():
            if status not in ("200", "304"):
                assert response["content"]["application/json"]["schema"] == ERROR_BODY, name
        assert "503" in responses, name  # every report reads the database
        assert responses["503"]["headers"]["Retry-After"]["required"] is True
        assert ("422" in responses) == bool(operation.get("parameters")
                                            or operation.get("requestBody")), name
        if "{checkpoint_id}" in path or path.endswith("/latest"):
            assert "404" in responses, name
        if method in ("post", "patch"):
            assert {"401", "404", "409", "415", "422", "503"} <= set(responses), name
            assert operation["security"]  # the key's three forms
    readyz = doc["paths"]["/readyz"]["get"]["responses"]
    assert readyz["503"]["content"]["application/json"]["schema"] == {
        "$ref": "#/components/schemas/Health"}


def test_validation_errors_have_the_one_error_shape(http: TestClient) -> None:
    answer = http.get("/reports/predictions", params={"limit": 0, "start": "soon"})
    assert answer.status_code == 422
    body = answer.json()
    assert set(body) == {"detail", "errors"} and isinstance(body["detail"], str)
    assert "query.limit: Input should be greater than or equal to 1" in body["detail"]
    assert [e["loc"] for e in body["errors"]] == [["query", "start"], ["query", "limit"]]
    # A rule between two parameters: the same shape, without `errors`.
    reversed_window = http.get("/reports/models/global", params={
        "start": "2026-11-02T00:00:00Z", "end": "2026-11-01T00:00:00Z"})
    assert reversed_window.status_code == 422
    assert set(reversed_window.json()) == {"detail"}
    # Routing's own errors too.
    assert http.get("/nowhere").json() == {"detail": "Not Found"}
    wrong_method = http.delete("/reports/models")
    assert wrong_method.status_code == 405 and wrong_method.json() == {
        "detail": "Method Not Allowed"}
    assert wrong_method.headers["Allow"] == "GET"


@pytest.mark.parametrize("value", ["0.5", "1700000000", "-1", "2026-03-20", "yesterday",
                                   "2026-03-20T09:15:02+05", "2026-02-30T00:00:00Z"])
def test_times_are_iso_date_times_only(http: TestClient, value: str) -> None:
    for path, name in (("/reports/predictions", "start"), ("/reports/models/global", "end"),
                       ("/reports/snapshots", "since"), ("/reports/snapshots", "until")):
        answer = http.get(path, params={name: value})
        assert answer.status_code == 422, (path, name, value)
        assert answer.json()["errors"][0]["loc"] == ["query", name]


@pytest.mark.parametrize("value", ["2026-03-20T09:15:02.123Z", "2026-03-20T09:15:02",
                                   "2026-03-20T09:15", "2026-03-20 09:15:02+01:00",
                                   "2026-03-20t09:15:02.123456789z", "2026-03-20T09:15:02+0100",
                                   "0001-01-01T00:00:00+01:00", "9999-12-31T23:59:59-01:00"])
def test_iso_date_times_are_read_as_utc(http: TestClient, value: str) -> None:
    for name in ("since", "until"):
        assert http.get("/reports/snapshots", params={name: value}).status_code == 200
    assert http.get("/reports/predictions", params={"end": value}).status_code == 200


def test_times_beyond_the_utc_range_are_clamped_to_it() -> None:
    earliest, latest = datetime.min.replace(tzinfo=UTC), datetime.max.replace(tzinfo=UTC)
    assert as_utc(datetime(1, 1, 1)) == earliest
    assert as_utc(datetime(1, 1, 1, tzinfo=timezone(timedelta(hours=1)))) == earliest
    assert as_utc(datetime(9999, 12, 31, 23, tzinfo=timezone(timedelta(hours=-2)))) == latest


def test_a_nul_in_an_id_or_name_is_a_422_on_both_databases(engine: Engine) -> None:
    """PostgreSQL text cannot hold NUL: refused up front, never a database error (500)."""
    url = engine.url.render_as_string(hide_password=False)
    settings = make_settings(url, temporal_address="127.0.0.1:1", api_key=KEY)
    with TestClient(create_app(settings), raise_server_exceptions=False) as client:
        for path, params in (("/reports/checkpoints/a%00b", {}),
                             ("/reports/checkpoints/a%00b/prizes", {}),
                             ("/reports/snapshots", {"model_id": "a\x00"}),
                             ("/reports/checkpoints/rewards", {"model_id": "a\x00"}),
                             ("/reports/feeds/tail", {"source": "\x00"}),
                             ("/reports/predictions", {"projectIds": "m-a,\x00"})):
            answer = client.get(path, params=params)
            assert answer.status_code == 422, (path, answer.text)
            assert "should match pattern" in answer.json()["detail"]


@pytest.mark.parametrize("tx_hash", ["0x\x00", "0x\u0085", "0x ab", "0x\u00e9", ""])
def test_a_tx_hash_is_printable_ascii_without_spaces(tx_hash: str) -> None:
    with pytest.raises(ValidationError):
        ConfirmBody(tx_hash=tx_hash)
    assert ConfirmBody(tx_hash="5Yx9kP").tx_hash == "5Yx9kP"


def test_a_body_that_is_not_utf8_is_a_422(http: TestClient) -> None:
    answer = http.post("/reports/checkpoints/x/confirm", content=b'{"tx_hash": "\xff\xfe"}',
                       headers={"X-API-Key": KEY, "Content-Type": "application/json"})
    assert answer.status_code == 422
    assert answer.json()["detail"] == "body: the body is not UTF-8 encoded JSON"
    broken = http.post("/reports/checkpoints/x/confirm", content=b'{"tx_hash": ',
                       headers={"X-API-Key": KEY, "Content-Type": "application/json"})
    assert broken.status_code == 422 and broken.json()["errors"][0]["type"] == "json_invalid"


# --- schemathesis ---------------------------------------------------------------------------
def seed_feeds(engine: Engine) -> None:
    now = datetime.now(UTC).replace(microsecond=0)
    key = {"source": "synthetic", "subject": "BTC", "kind": "candle", "granularity": "1s"}
    with session_scope(engine) as session:
        upsert(session, FeedRecord, [
            {**key, "ts_event": now - timedelta(seconds=i), "values": {"close": 1.0 + i},
             "meta": {}, "ingested_at": now} for i in range(5)],
            ["source", "subject", "kind", "granularity", "ts_event"])
        upsert(session, FeedWatermark, [{**key, "last_event_ts": now, "state": "LIVE",
                                         "updated_at": now}],
               ["source", "subject", "kind", "granularity"])


def _time(value: Any) -> datetime | None:
    try:
        return as_utc(datetime.fromisoformat(value)) if isinstance(value, str) else None
    except ValueError:
        return None


def states_a_reversed_window(query: dict[str, Any] | None) -> bool:
    """`start` must be before `end` (default now): a rule the descriptions state and JSON
    Schema cannot (it spans two parameters and the clock). A generated query breaking it is
    rightly refused with 422, so it is no test of "valid data is accepted"."""
    if not query or "start" not in query:
        return False
    start = _time(query["start"])
    end = _time(query["end"]) if "end" in query else datetime.now(UTC)
    return start is not None and end is not None and start >= end


def failures_of(schema: Any) -> tuple[list[str], int]:
    """Run schemathesis (every phase and check, as `st run --checks all`) through its engine;
    each failure as text, and how many requests were sent."""
    found, requests = [], 0
    for event in schemathesis.engine.from_schema(schema).execute():
        if isinstance(event, engine_events.ScenarioFinished):
            requests += len(event.recorder.interactions)
            for checks in event.recorder.checks.values():
                for check in checks:
                    if check.status == Status.FAILURE and check.failure_info is not None:
                        info = check.failure_info
                        found.append(f"{event.recorder.label}: {check.name}: "
                                     f"{info.failure.title}\n{info.failure.message}\n"
                                     f"{info.code_sample}")
        elif isinstance(event, engine_events.NonFatalError | engine_events.FatalError):
            found.append(f"error: {event}")
        elif isinstance(event, engine_events.EngineFinished):
            found += [f"after the run: {failure}" for failure in event.failures]
    return found, requests


def test_the_api_keeps_every_promise_of_its_openapi_document(
    temporal_env: WorkflowEnvironment, pg_engine: Engine, pg_url: str, tmp_path: Path
) -> None:
    seed_rounds(pg_engine)
    seed_feeds(pg_engine)
    env = {"DATABASE_URL": pg_url, "CRUNCH_ID": f"crunch-{uuid.uuid4().hex[:6]}",
           "TEMPORAL_ADDRESS": temporal_env.client.service_client.config.target_host,
           "TEMPORAL_TASK_QUEUE": f"tq-{uuid.uuid4().hex[:8]}", "API_KEY": KEY,
           "LOG_LEVEL": "WARNING"}
    with live_api(env, tmp_path) as api:
        config = schemathesis.Config.from_dict({
            "headers": {"X-API-Key": KEY},  # past the guard; `ignored_auth` drops it itself
            "checks": {"enabled": True},  # all of them
            "generation": {"max-examples": MAX_EXAMPLES},
            "seed": SEED,
        })
        schema = schemathesis.openapi.from_url(f"{api.url}/openapi.json", config=config)

        @schema.hook
        def filter_case(_context: Any, case: Any) -> bool:
            positive = case.meta is None or case.meta.generation.mode.is_positive
            return not (positive and states_a_reversed_window(case.query))

        found, requests = failures_of(schema)
    assert requests > 500  # it did test
    assert not found, "\n\n".join(found)
