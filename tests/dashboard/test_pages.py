"""The dashboard's pages as HTML (no browser): outside the OpenAPI document, sync routes only,
nothing loaded from elsewhere, names escaped, the pages of an empty node, of seeded rounds
(both databases) and of a checkpoint built and confirmed by the real workflow."""

from __future__ import annotations

import inspect
import re
from collections.abc import Iterator
from datetime import timedelta
from html import unescape
from pathlib import Path

import pytest
from fastapi.routing import APIRoute
from fastapi.testclient import TestClient
from sqlalchemy import Engine

from coordinator_node.api import create_app, dashboard
from coordinator_node.api.dashboard.charts import nice_ticks
from coordinator_node.db import migrate, session_scope
from coordinator_node.db.tables import Checkpoint, Model
from coordinator_node.db.upsert import upsert
from coordinator_node.ids import round_workflow_id
from coordinator_node.rounds.logic import stored_round_stage
from coordinator_node.settings import Settings, SettingsError, load_settings
from tests.checkpoints.test_lifecycle import Period, node, period  # noqa: F401 (fixtures)
from tests.conftest import make_settings
from tests.rounds.test_round_api import CONFIG, T0, seed, slot
from tests.upgrade.releases import release_versions, sqlite_copy

PAGES = ["/", "/dashboard/rounds", "/dashboard/feeds", "/dashboard/checkpoints"]


def client_for(engine: Engine, **settings: object) -> TestClient:
    url = engine.url.render_as_string(hide_password=False)
    return TestClient(create_app(make_settings(url, temporal_address="127.0.0.1:1",
                                               **settings)))


@pytest.fixture
def empty(sqlite_engine: Engine) -> Iterator[TestClient]:
    with client_for(sqlite_engine) as client:
        yield client


@pytest.fixture
def seeded(engine: Engine) -> Iterator[TestClient]:
    seed(engine)
    with client_for(engine, temporal_ui_url="http://ui.example:8233/") as client:
        yield client


def text_of(html: str) -> str:
    return " ".join(unescape(re.sub(r"<[^>]+>", " ", html)).split())


def test_dashboard_routes_stay_out_of_the_schema_and_off_the_event_loop(
        empty: TestClient) -> None:
    pages = [r for r in dashboard.router.routes if isinstance(r, APIRoute)]
    assert {r.path for r in pages} >= {"/", "/dashboard/rounds", "/dashboard/feeds",
                                       "/dashboard/checkpoints",
                                       "/dashboard/checkpoints/{checkpoint_id}",
                                       "/dashboard/models/{model_id:path}"}
    for route in pages:
        assert route.include_in_schema is False, route.path
        assert not inspect.iscoroutinefunction(route.endpoint), route.path  # a worker thread
    schema_paths = set(empty.get("/openapi.json").json()["paths"])
    assert not {p for p in schema_paths if p == "/" or p.startswith("/dashboard")}
    assert empty.get("/docs").status_code == 200  # /docs stays


def test_an_empty_node_says_what_comes_when(empty: TestClient) -> None:
    said = {path: text_of(empty.get(path).text) for path in PAGES}
    assert "No leaderboard yet" in said["/"]
    assert "No prediction config and no round yet" in said["/dashboard/rounds"]
    assert "No feed yet" in said["/dashboard/feeds"]
    assert "No checkpoint yet" in said["/dashboard/checkpoints"]
    assert empty.get("/dashboard/checkpoints/nope").status_code == 404
    assert "There is no checkpoint nope" in text_of(empty.get("/dashboard/checkpoints/nope").text)
    assert empty.get("/dashboard/models/nobody").status_code == 404


def test_every_asset_is_the_nodes_own(empty: TestClient) -> None:
    for path in PAGES:
        html = empty.get(path).text
        assert "<style>" in html
        sources = re.findall(r'<(?:script|link|img)[^>]+(?:src|href)="([^"]+)"', html)
        assert sources, path
        assert all(s.startswith("/") or s.startswith("data:") for s in sources), sources
    script = empty.get("/dashboard/static/dashboard.js")
    assert script.status_code == 200 and "X-Dashboard-Partial" in script.text
    assert "http://" not in script.text and "https://" not in script.text


def test_the_refresher_gets_the_content_only(seeded: TestClient) -> None:
    whole = seeded.get("/").text
    part = seeded.get("/", headers={"X-Dashboard-Partial": "1"}).text
    assert whole.startswith("<!doctype html>") and "<html" not in part
    assert 'id="leaderboard"' in part and part.strip() in whole


def test_leaderboard_rows_in_rank_order_sortable_and_searchable(seeded: TestClient) -> None:
    html = seeded.get("/").text
    assert re.findall(r'data-rank="(\d+)"', html) == ["1", "2"]
    assert re.findall(r'<tr data-model-id="([^"]+)"', html) == ["m-a", "m-b"]
    # the schema's columns (one per window) head the table, with their display names
    for label in ("Recent", "Steady", "Anchor"):
        assert f">{label}</a>" in html
    assert 'data-series="2"' in html  # the score chart: both models (top 10)
    by_cruncher = seeded.get("/?sort=cruncher&order=desc").text
    assert re.findall(r'<tr data-model-id="([^"]+)"', by_cruncher) == ["m-b", "m-a"]
    found = seeded.get("/?q=CRUNCHER+m-b").text
    assert re.findall(r'<tr data-model-id="([^"]+)"', found) == ["m-b"]
    assert seeded.get("/?sort=nonsense&per=1&page=9").status_code == 200  # clamped, not 500


def test_rounds_show_stage_counts_horizon_and_the_workflow_link(seeded: TestClient) -> None:
    html = seeded.get("/dashboard/rounds?limit=30").text
    section = html.split(f'data-config="{CONFIG}"', 1)[1]
    assert "every 15 s · horizon 60 s" in text_of(section)
    rows = re.findall(r'<tr data-input-id="([^"]+)" data-stage="([A-Z_]+)"', section)
    assert len(rows) == 30
    stages = dict(rows)
    newest = rows[0][0]
    assert stages[newest] == "SCORING"  # resolved, one prediction still pending
    assert set(stages.values()) == {"DONE", "SCORING"}
    workflow = round_workflow_id("test-crunch", CONFIG, slot(29))
    assert workflow == f"round/test-crunch/{CONFIG}-{slot(29):%Y-%m-%dT%H:%M:%SZ}"
    quoted = workflow.replace("/", "%2F").replace(":", "%3A")
    assert f'href="http://ui.example:8233/namespaces/default/workflows/{quoted}"' in section


def test_rounds_without_the_ui_address_show_the_workflow_id(engine: Engine) -> None:
    seed(engine)
    with client_for(engine) as client:
        html = client.get("/dashboard/rounds").text
    assert "Temporal UI</a>" not in html
    assert round_workflow_id("test-crunch", CONFIG, slot(29)) in html


def test_a_model_page_lists_predictions_reasons_and_call_times(seeded: TestClient) -> None:
    html = seeded.get("/dashboard/models/m-b").text
    said = text_of(html)
    assert "Model name m-b" in said and "cruncher m-b" in said
    assert "invalid output: output: bad" in said  # the failure reason
    assert 'id="exec-summary"' in html and "p50 0.010 ms" in said
    assert 'class="chart histogram"' in html
    failed = seeded.get("/dashboard/models/m-b?status=FAILED").text
    assert set(re.findall(r'<tr data-status="([A-Z]+)"', failed)) == {"FAILED"}
    paged = seeded.get("/dashboard/models/m-a?per=10&page=2").text
    assert len(re.findall(r'<tr data-status=', paged)) == 10


def test_names_are_escaped(engine: Engine) -> None:
    seed(engine)
    with session_scope(engine) as session:
        upsert(session, Model, [{"model_id": "m-a", "model_name": "<script>alert(1)</script>",
                                 "cruncher_id": "x", "cruncher_name": "<b>bold</b>",
                                 "deployment_id": "d", "infos": {}, "first_seen_at": T0,
                                 "last_seen_at": T0}],
               ["model_id"], update_columns=["model_name", "cruncher_name"])
    with client_for(engine) as client:
        for path in ("/dashboard/models/m-a", "/"):
            html = client.get(path).text
            assert "<script>alert(1)</script>" not in html
            assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html or path == "/"


def test_chart_axes_cover_the_values() -> None:
    for low, high in ((-3.1, 2.4), (0.0, 0.12), (170_238.5, 172_055.1), (5.0, 5.0)):
        ticks = nice_ticks(low, high)
        assert ticks[0] <= low and ticks[-1] >= high, (low, high, ticks)


async def test_a_checkpoint_page_shows_emission_trail_and_root(
        period: Period, pg_url: str) -> None:  # noqa: F811 (fixture)
    await period.confirm("0xfeed")
    settings: Settings = make_settings(pg_url, temporal_address="127.0.0.1:1",
                                       crunch_id=period.settings.crunch_id)
    with TestClient(create_app(settings)) as client:
        listed = client.get("/dashboard/checkpoints?status=SUBMITTED").text
        page = client.get(f"/dashboard/checkpoints/{period.the_id}").text
    assert f'data-checkpoint-id="{period.the_id}" data-status="SUBMITTED"' in listed
    said = text_of(page)
    assert re.findall(r'data-frac="(\d+)"', page) == ["500000000", "250000000", "250000000"]
    assert "50.000000 %" in said and "25.000000 %" in said
    assert 'data-total-frac="1000000000"' in page and "100.000000 %" in said
    assert re.findall(r'data-to="([A-Z]+)" data-actor="([a-z]+)"', page) == [
        ("PENDING", "workflow"), ("SUBMITTED", "api")]
    assert "0xfeed" in said
    with session_scope(period.engine) as session:
        row = session.get(Checkpoint, period.the_id)
        assert row is not None and row.merkle_root
        root = row.merkle_root
    assert f'id="merkle-root">{root}<' in page
    assert 'data-bars="3"' in page and 'id="api-key"' in page
    assert 'data-checkpoint-status="SUBMITTED" data-next-status="CLAIMABLE"' in page


@pytest.mark.parametrize(("status", "counts", "before_horizon", "stage"), [
    ("RECEIVED", {}, True, "PREDICTING"),
    ("RECEIVED", {"PENDING": 3}, True, "WAITING_HORIZON"),
    ("RECEIVED", {"PENDING": 2, "FAILED": 1}, False, "RESOLVING"),
    ("RESOLVED", {"PENDING": 1, "SCORED": 2}, False, "SCORING"),
    ("RESOLVED", {"SCORED": 2, "ABSENT": 1}, False, "DONE"),
    ("EXPIRED", {"FAILED": 3}, False, "EXPIRED"),
])
def test_a_rounds_stage_from_its_rows(status: str, counts: dict[str, int],
                                      before_horizon: bool, stage: str) -> None:
    horizon = T0 + timedelta(seconds=60)
    now = horizon - timedelta(seconds=1) if before_horizon else horizon + timedelta(seconds=1)
    assert stored_round_stage(status, counts, horizon, now) == stage


def test_where_the_temporal_ui_is(sqlite_url: str, monkeypatch: pytest.MonkeyPatch,
                                  tmp_path: Path) -> None:
    monkeypatch.chdir(tmp_path)  # no .env of the developer's
    for name in ("TEMPORAL_ADDRESS", "TEMPORAL_UI_URL", "TEMPORAL_UI_PORT", "TEMPORAL_DEV_PORT"):
        monkeypatch.delenv(name, raising=False)
    assert make_settings(sqlite_url).temporal_ui_base is None  # production: unless told
    told = make_settings(sqlite_url, temporal_ui_url="https://temporal.example/ui/")
    assert told.temporal_ui_base == "https://temporal.example/ui"
    own = load_settings(dev=True, database_url=sqlite_url, temporal_ui_port=18233,
                        temporal_dev_port=17233)
    assert own.temporal_ui_base == "http://127.0.0.1:18233"  # dev mode's own server
    elsewhere = load_settings(dev=True, database_url=sqlite_url,
                              temporal_address="temporal.example:7233")
    assert elsewhere.temporal_ui_base is None
    with pytest.raises(SettingsError, match="TEMPORAL_UI_URL"):
        load_settings(temporal_ui_url="127.0.0.1:8233")  # a URL, with its scheme


@pytest.mark.parametrize("version", release_versions())
def test_every_page_reads_a_release_database(version: str, tmp_path: Path) -> None:
    """What an earlier release wrote (tests/releases/<version>/), migrated to head: every
    page renders, every model's and every checkpoint's too, and each emission totals 100 %."""
    url = sqlite_copy(version, tmp_path)
    migrate(url)
    with TestClient(create_app(make_settings(url, temporal_address="127.0.0.1:1"))) as client:
        for path in PAGES:
            assert client.get(path).status_code == 200, path
        models = [m["model_id"] for m in client.get("/reports/models").json()]
        checkpoints = [c["id"] for c in client.get("/reports/checkpoints?limit=100").json()]
        assert models and checkpoints
        for model in models:
            assert client.get(f"/dashboard/models/{model}").status_code == 200, model
        for checkpoint in checkpoints:
            page = client.get(f"/dashboard/checkpoints/{checkpoint}")
            assert page.status_code == 200, checkpoint
            assert 'data-total-frac="1000000000"' in page.text, checkpoint
