"""Issue 18, parts 1, 2 and 4: the dashboard in a real browser against a real node.

`coordinator-node dev` runs on free ports (the example competition: synthetic feed, three
models in their own `model-runner` processes, real rounds on the Temporal dev server) with
`LOG_FORMAT=json`; headless Chromium (no network beyond the loopback address) opens every
page and checks what a person sees: the leaderboard rows in rank order and sortable, the
score chart, both prediction configs' rounds with their stages and counts, the link into the
Temporal Web UI, a model's predictions and call times, the feed's lag, a checkpoint created
from the command line with its emission totalling 100 %, then confirmed and advanced from
the page once an API key is entered. The page refreshes itself without reloading. Each page
is saved under test-artifacts/screenshots/. Dev mode's children log JSON lines carrying the
round's workflow id, run id, activity and crunch id."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from tests.browser import (
    chromium,
    click,
    loaded_from,
    needs_chromium,
    screenshot,
    text,
    until,
    wait_for,
)
from tests.support import free_port
from tests.test_dev_mode import get
from tests.test_dev_pipeline import CONFIGS, progress

pytestmark = [pytest.mark.slow, needs_chromium]
MODEL_NAMES = ["contrarian", "mean_reversion", "momentum"]
FIRST_CONFIG = "btc-60s-every-15s"  # the shorter horizon: its rounds are DONE first
LIVE_STAGES = {"PREDICTING", "WAITING_HORIZON", "RESOLVING", "SCORING"}


@dataclass
class DevNode:
    api: str
    ui: str
    console: Path
    checkpoint_id: str


def get_json(url: str) -> Any:
    status, raw = get(url)
    assert status == 200, (url, status, raw[:300])
    return json.loads(raw)


@pytest.fixture(scope="module")
def node(tmp_path_factory: pytest.TempPathFactory) -> Iterator[DevNode]:
    """`coordinator-node dev` with scored rounds of both configs, a leaderboard, and a
    checkpoint created from a second terminal."""
    workdir = tmp_path_factory.mktemp("dashboard-dev")
    ports = {"TEMPORAL_DEV_PORT": free_port(), "TEMPORAL_UI_PORT": free_port(),
             "API_PORT": free_port(), "MODEL_RUNNER_PORT": free_port(),
             "WORKER_METRICS_PORT": free_port()}
    env = {k: v for k, v in os.environ.items()
           if k not in {"TEMPORAL_ADDRESS", "DATABASE_URL", "TEMPORAL_UI_URL"}}
    env.update({k: str(v) for k, v in ports.items()})
    # JSON lines from every child; a snapshot cycle every 20 s, so the score chart has points.
    env.update({"LOG_FORMAT": "json", "SNAPSHOT_INTERVAL_SECONDS": "20"})
    console = workdir / "console.log"
    with console.open("wb") as sink:
        process = subprocess.Popen([sys.executable, "-m", "coordinator_node", "dev"],
                                   cwd=workdir, env=env, stdout=sink,
                                   stderr=subprocess.STDOUT, start_new_session=True)
    api = f"http://127.0.0.1:{ports['API_PORT']}"
    try:
        def ready() -> Any:
            assert process.poll() is None, console.read_text(errors="replace")[-3000:]
            seen = progress(api)
            # The 60 s config's rounds scored and ranked; the 120 s config's are on their way.
            return seen if seen.board_ready and FIRST_CONFIG in seen.scored else None

        until(ready, within=300, every=3,
              what="the first config's rounds to score and the leaderboard to fill")
        created = subprocess.run(
            [sys.executable, "-m", "coordinator_node", "checkpoint", "create", "--dev"],
            cwd=workdir, env=env, capture_output=True, text=True, timeout=180)
        assert created.returncode == 0, created.stderr
        yield DevNode(api=api, ui=f"http://127.0.0.1:{ports['TEMPORAL_UI_PORT']}",
                      console=console,
                      checkpoint_id=json.loads(created.stdout)["checkpoint_id"])
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(60)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    with chromium() as driver:
        yield driver


def rows(driver: Any, selector: str, script: str) -> list[Any]:
    return list(driver.execute_script(
        f"return [...document.querySelectorAll({json.dumps(selector)})].map(r => {script})"))


def test_the_leaderboard_shows_the_models_in_rank_order(node: DevNode, browser: Any) -> None:
    def page_matches_api() -> tuple[list[Any], list[dict[str, Any]]] | None:
        browser.get(f"{node.api}/")
        wait_for(browser, "return document.querySelectorAll('#leaderboard tbody tr').length",
                 what="the leaderboard's rows")
        shown = rows(browser, "#leaderboard tbody tr",
                     "[Number(r.dataset.rank), r.dataset.modelId, "
                     "r.querySelector('td.model a').innerText]")
        built = text(browser, "#board-meta")
        board = get_json(f"{node.api}/reports/leaderboard")
        same_build = board and board[0]["created_at"][:19].replace("T", " ") in built
        return (shown, board) if same_build else None  # not rebuilt in between

    shown, board = until(page_matches_api, within=60, what="the page and the API to agree")
    assert [rank for rank, _, _ in shown] == [1, 2, 3]  # as a person reads them, top down
    assert [model_id for _, model_id, _ in shown] == [row["model_id"] for row in board]
    assert sorted(name for _, _, name in shown) == MODEL_NAMES
    headers = rows(browser, "#leaderboard thead th", "r.innerText.trim()")
    schema = get_json(f"{node.api}/reports/schema")
    for column in schema["leaderboard_columns"]:
        if column["type"] == "VALUE":
            assert any(h.startswith(column["displayName"]) for h in headers), headers
    # the ranking score over time, one line per model (top 10 of 3)
    assert browser.execute_script(
        "return document.querySelector('#score-chart svg').dataset.series") == "3"
    assert sorted(rows(browser, "#score-chart .legend li", "r.innerText.trim()")) == \
        MODEL_NAMES
    assert loaded_from(browser) <= {node.api}  # nothing from anywhere else
    screenshot(browser, "leaderboard")


def test_the_leaderboard_sorts_by_a_score_column(node: DevNode, browser: Any) -> None:
    browser.get(f"{node.api}/")
    click(browser, 'th[data-key="score_recent"] a')
    wait_for(browser, "return location.search.includes('sort=score_recent')")
    wait_for(browser, "return document.querySelector('#leaderboard').dataset.order === 'asc'")
    ascending = rows(browser, '#leaderboard td[data-key="score_recent"]',
                     "r.title === '' ? null : Number(r.title)")
    valued = [v for v in ascending if v is not None]
    assert ascending[:len(valued)] == sorted(valued), ascending  # no score: last
    click(browser, 'th[data-key="score_recent"] a')
    wait_for(browser, "return document.querySelector('#leaderboard').dataset.order === 'desc'")
    descending = rows(browser, '#leaderboard td[data-key="score_recent"]',
                      "r.title === '' ? null : Number(r.title)")
    valued = [v for v in descending if v is not None]
    assert descending[:len(valued)] == sorted(valued, reverse=True), descending
    screenshot(browser, "leaderboard-sorted")


def test_the_page_refreshes_itself_without_reloading(node: DevNode, browser: Any) -> None:
    browser.get(f"{node.api}/")
    browser.execute_script("window.__stillHere = true")
    wait_for(browser, "return Number(document.getElementById('refresh-status')"
                      ".dataset.refreshes) >= 2", within=30, what="two refreshes")
    assert browser.execute_script("return window.__stillHere === true")  # not reloaded
    assert text(browser, "#leaderboard thead")
    assert "updated" in text(browser, "#refresh-status")


def test_rounds_show_each_config_with_stage_counts_and_workflow_link(
        node: DevNode, browser: Any) -> None:
    browser.get(f"{node.api}/dashboard/rounds")
    configs = set(rows(browser, "section.config", "r.dataset.config"))
    assert configs == CONFIGS
    for config in CONFIGS:
        section = f'section.config[data-config="{config}"] tbody tr'
        found = rows(browser, section, "({stage: r.dataset.stage, counts: Object.fromEntries("
                     "[...r.querySelectorAll('td.count')].map(c => [c.dataset.status, "
                     "Number(c.innerText)])), link: r.querySelector('a.workflow')?.href})")
        stages = [row["stage"] for row in found]
        assert set(stages) <= LIVE_STAGES | {"DONE"}, stages
        # the newest rounds are still before their horizon (60 s or 120 s, every 15/30 s)
        assert stages[0] in LIVE_STAGES, stages
        for row in found:
            if row["stage"] == "DONE":  # every model's prediction settled
                assert row["counts"]["SCORED"] + row["counts"]["FAILED"] + \
                    row["counts"]["ABSENT"] == 3 and row["counts"]["PENDING"] == 0, row
            elif row["stage"] == "WAITING_HORIZON":  # every model answered, none scored
                assert row["counts"]["SCORED"] == 0, row
        if config == FIRST_CONFIG:
            assert "DONE" in stages, stages
        assert all(row["link"].startswith(f"{node.ui}/namespaces/default/workflows/round%2F")
                   for row in found)
    screenshot(browser, "rounds")

    # The link opens the round's workflow in the Temporal Web UI.
    link = browser.execute_script(
        f"return document.querySelector('section[data-config=\"{FIRST_CONFIG}\"] "
        "tr[data-stage=\"DONE\"] a.workflow').href")
    workflow_id = link.rsplit("/", 1)[1].replace("%2F", "/").replace("%3A", ":")
    browser.get(link)
    wait_for(browser, "return document.body.innerText.includes(arguments[0]) && "
                      "document.body.innerText.includes('PredictionRoundWorkflow')",
             workflow_id, within=30, what="the Web UI to show the round's workflow")
    screenshot(browser, "temporal-ui-round")


def test_a_model_page_shows_its_predictions_and_call_times(node: DevNode, browser: Any) -> None:
    browser.get(f"{node.api}/")
    click(browser, "#leaderboard tbody tr td.model a")
    wait_for(browser, "return document.querySelectorAll('#predictions tbody tr').length")
    statuses = set(rows(browser, "#predictions tbody tr", "r.dataset.status"))
    assert "SCORED" in statuses, statuses
    calls = browser.execute_script(
        "return Number(document.querySelector('svg.histogram').dataset.count)")
    assert calls > 0
    assert "p50" in text(browser, "#exec-summary")
    screenshot(browser, "model")


def test_the_feed_is_live_and_charted(node: DevNode, browser: Any) -> None:
    browser.get(f"{node.api}/dashboard/feeds")
    feed = wait_for(browser, "const f = document.querySelector('section.feed'); return f && "
                             "{key: f.dataset.feed, lag: Number(f.dataset.lagSeconds), "
                             "state: f.querySelector('.badge').innerText, "
                             "lastHour: f.querySelector('.last-hour').innerText, "
                             "points: Number(f.querySelector('svg.sparkline').dataset.points)}")
    assert feed["key"] == "synthetic/BTC/candle/1s" and feed["state"] == "LIVE"
    assert feed["lag"] < 10, feed  # seconds behind now
    assert int(feed["lastHour"].replace(",", "")) > 30 and feed["points"] > 30
    screenshot(browser, "feeds")


def test_a_checkpoint_shows_its_emission_and_moves_once_a_key_is_entered(
        node: DevNode, browser: Any) -> None:
    browser.get(f"{node.api}/dashboard/checkpoints")
    listed = rows(browser, "#checkpoints tbody tr", "[r.dataset.checkpointId, r.dataset.status,"
                  " r.querySelector('.badge').innerText]")
    assert listed == [[node.checkpoint_id, "PENDING", "PENDING"]]
    screenshot(browser, "checkpoints")
    click(browser, f'#checkpoints tr[data-checkpoint-id="{node.checkpoint_id}"] a')
    wait_for(browser, "return document.getElementById('emission')")
    fracs = rows(browser, "#emission tbody tr", "Number(r.dataset.frac)")
    assert len(fracs) == 3 and sum(fracs) == 1_000_000_000
    total = text(browser, "#emission-total")
    assert "100.000000 %" in total and "1,000,000,000 of 1,000,000,000" in total
    bars = rows(browser, "svg.bars g.bar", "Number(r.dataset.value)")
    assert len(bars) == 3 and abs(sum(bars) - 100) < 1e-9
    stored = get_json(f"{node.api}/reports/checkpoints/{node.checkpoint_id}")
    assert text(browser, "#merkle-root") == stored["meta"]["merkle_root"]
    assert rows(browser, "#transitions tbody tr", "[r.dataset.to, r.dataset.actor]") == [
        ["PENDING", "workflow"]]
    # No change without a key: the controls appear only once one is entered.
    controls = browser.find_element("id", "checkpoint-controls")
    assert not controls.is_displayed()
    screenshot(browser, "checkpoint")

    browser.find_element("id", "api-key").send_keys("dev-mode-takes-any-key")
    assert controls.is_displayed()
    browser.find_element("id", "tx-hash-input").send_keys("5YxqDashboard")
    click(browser, "#confirm-button")
    wait_for(browser, "return document.getElementById('checkpoint-status')"
                      ".dataset.checkpointStatus === 'SUBMITTED'", within=30,
             what="the checkpoint to be SUBMITTED")
    assert "SUBMITTED" in text(browser, "#action-result")
    click(browser, "#advance-button")
    wait_for(browser, "return document.getElementById('checkpoint-status')"
                      ".dataset.checkpointStatus === 'CLAIMABLE'", within=30,
             what="the checkpoint to be CLAIMABLE")
    trail = rows(browser, "#transitions tbody tr",
                 "[r.dataset.to, r.dataset.actor, r.querySelector('td.mono').innerText]")
    assert trail == [["PENDING", "workflow", "—"], ["SUBMITTED", "api", "5YxqDashboard"],
                     ["CLAIMABLE", "api", "—"]]
    assert get_json(f"{node.api}/reports/checkpoints/{node.checkpoint_id}")["status"] == \
        "CLAIMABLE"
    screenshot(browser, "checkpoint-claimable")


def test_dev_mode_children_log_json_lines_with_workflow_ids(node: DevNode) -> None:
    lines = node.console.read_text(errors="replace").splitlines()
    banner = False
    parsed = []
    for line in lines:
        if line.startswith("coordinator-node dev is running"):
            banner = True
        if banner or not line.strip():  # dev mode's own banner is for a person
            banner = banner and not line.startswith("Ctrl-C stops everything")
            continue
        try:
            parsed.append(json.loads(line))
        except ValueError:
            pytest.fail(f"not a JSON line: {line!r}")
    rounds = [p for p in parsed if p["logger"] == "coordinator_node.progress"
              and p["message"].startswith("round ") and " DONE: " in p["message"]]
    assert rounds, parsed[-20:]
    for line in rounds:
        assert line["workflow_id"].startswith("round/local-crunch/btc-"), line
        assert line["run_id"] and line["activity"] == "score"
        assert line["workflow_type"] == "PredictionRoundWorkflow"
        assert line["crunch_id"] == "local-crunch"
    loggers = {p["logger"] for p in parsed}
    assert {"coordinator_node.worker", "uvicorn.access",
            "coordinator_node.runners.local.runtime"} <= loggers, loggers
    assert any("GET / HTTP" in p["message"] for p in parsed if p["logger"] == "uvicorn.access")
