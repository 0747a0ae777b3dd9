"""Prometheus metrics: the worker's endpoint (the SDK's exporter, serving the SDK's runtime
metrics and the node's own from coordinator_node.metrics) and the report API's `/metrics`.
The end-to-end figures moving while dev mode runs rounds are checked in
tests/test_dev_pipeline.py."""

from __future__ import annotations

import re
import socket
import urllib.request
import uuid
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime, timedelta

import pytest
from fastapi.testclient import TestClient
from temporalio import activity, workflow
from temporalio.client import Client
from temporalio.testing import WorkflowEnvironment
from temporalio.worker import Worker

from coordinator_node import metrics
from coordinator_node.activities.timing import timed
from coordinator_node.api.app import create_app
from coordinator_node.settings import SettingsError
from coordinator_node.temporal import connect
from coordinator_node.worker import metrics_runtime
from tests.conftest import make_settings
from tests.packaging.helpers import REPO_ROOT
from tests.support import eventually, free_port


def scrape(port: int) -> str:
    with urllib.request.urlopen(f"http://127.0.0.1:{port}/metrics", timeout=5) as answer:
        return str(answer.read().decode())


def sample(text: str, name: str, **labels: str) -> float | None:
    """The value of the sample `name` whose labels include `labels`."""
    for line in text.splitlines():
        match = re.fullmatch(r"(\w+)(?:\{(.*)\})? (\S+)", line)
        if not match or match.group(1) != name:
            continue
        found = dict(re.findall(r'(\w+)="([^"]*)"', match.group(2) or ""))
        if labels.items() <= found.items():
            return float(match.group(3))
    return None


@activity.defn
@timed("coordinator_checkpoint_build_seconds")
def build_something(n: int) -> int:
    metrics.feed_written(activity.metric_meter(),
                         {"source": "synthetic", "subject": "BTC", "kind": "candle",
                          "granularity": "1s"},
                         datetime.now(UTC) - timedelta(seconds=3), datetime.now(UTC), n)
    metrics.model_calls(activity.metric_meter(), [("success", 250_000), ("timeout", None)])
    return n


@workflow.defn(sandboxed=False)
class MeteredWorkflow:
    @workflow.run
    async def run(self, n: int) -> int:
        done = await workflow.execute_activity(build_something, n,
                                               start_to_close_timeout=timedelta(seconds=30))
        metrics.round_finished(workflow.metric_meter(), "btc-60s", "RESOLVED",
                               {"pending": 0, "scored": 2, "failed": 1, "absent": 0})
        metrics.checkpoint_status(workflow.metric_meter(), "c-1", "SUBMITTED")
        return done


async def test_the_worker_serves_the_sdks_and_the_nodes_metrics(
        temporal_env: WorkflowEnvironment, sqlite_url: str) -> None:
    port = free_port()
    settings = make_settings(
        sqlite_url, worker_metrics_port=port,
        temporal_address=temporal_env.client.service_client.config.target_host)
    runtime = metrics_runtime(settings)
    assert runtime is not None
    client: Client = await connect(settings, runtime)
    queue = f"metrics-{uuid.uuid4().hex[:8]}"
    with ThreadPoolExecutor(2) as pool:
        async with Worker(client, task_queue=queue, workflows=[MeteredWorkflow],
                          activities=[build_something], activity_executor=pool):
            assert await client.execute_workflow(MeteredWorkflow.run, 3, id=queue,
                                                 task_queue=queue) == 3

            async def scraped() -> str | None:
                text = scrape(port)
                done = sample(text, "temporal_workflow_completed_total",
                              workflow_type="MeteredWorkflow")
                return text if done and "coordinator_rounds_total" in text else None
            text = await eventually(scraped, within=30, what="the node's metrics exported")
    assert sample(text, "coordinator_rounds_total",
                  prediction_config="btc-60s", status="RESOLVED") == 1
    assert sample(text, "coordinator_predictions_total",
                  prediction_config="btc-60s", status="SCORED") == 2
    assert sample(text, "coordinator_predictions_total",
                  prediction_config="btc-60s", status="FAILED") == 1
    assert sample(text, "coordinator_predictions_total", status="PENDING") is None  # no zeros
    assert sample(text, "coordinator_checkpoint_status",
                  checkpoint_id="c-1", status="SUBMITTED") == 1
    assert sample(text, "coordinator_checkpoint_status",
                  checkpoint_id="c-1", status="PENDING") == 0
    assert sample(text, "coordinator_feed_malformed_records_total", subject="BTC") == 3
    lag = sample(text, "coordinator_feed_lag_seconds", source="synthetic", subject="BTC")
    assert lag is not None and 2.5 < lag < 60
    assert sample(text, "coordinator_model_call_seconds_count", outcome="success") == 1
    assert sample(text, "coordinator_model_call_seconds_sum", outcome="success") == 0.25
    assert sample(text, "coordinator_model_call_seconds_count", outcome="timeout") is None
    assert sample(text, "coordinator_checkpoint_build_seconds_count") == 1
    # The SDK's own, in seconds and with `_total` on counters.
    assert sample(text, "temporal_workflow_completed_total", workflow_type="MeteredWorkflow") == 1
    assert sample(text, "temporal_activity_execution_latency_count",
                  activity_type="build_something") == 1


def test_a_taken_metrics_port_stops_the_worker_naming_the_setting(sqlite_url: str) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        with pytest.raises(SettingsError) as raised:
            metrics_runtime(make_settings(sqlite_url, worker_metrics_port=port))
    assert str(raised.value).startswith(
        f"WORKER_METRICS_PORT: cannot serve metrics on 127.0.0.1:{port} (")
    assert "Address already in use" in str(raised.value)
    assert metrics_runtime(make_settings(sqlite_url, worker_metrics_port=0)) is None


def test_the_api_counts_requests_by_route_template(sqlite_url: str) -> None:
    with TestClient(create_app(make_settings(sqlite_url))) as api:
        for _ in range(2):
            assert api.get("/reports/leaderboard").status_code == 200
        assert api.get("/reports/checkpoints/no-such-checkpoint").status_code == 404
        assert api.get("/no/such/path").status_code == 404
        answer = api.get("/metrics")
    assert answer.status_code == 200
    assert answer.headers["content-type"].startswith("text/plain; version=")
    text = answer.text
    assert sample(text, "coordinator_api_requests_total", method="GET",
                  route="/reports/leaderboard", status="200") == 2
    assert sample(text, "coordinator_api_requests_total", method="GET",
                  route="/reports/checkpoints/{checkpoint_id}", status="404") == 1
    assert sample(text, "coordinator_api_requests_total", method="GET",
                  route="unmatched", status="404") == 1
    assert "no-such-checkpoint" not in text  # raw paths never become series
    assert sample(text, "coordinator_api_request_seconds_count", method="GET",
                  route="/reports/leaderboard") == 2


def test_the_readme_lists_every_node_metric() -> None:
    readme = (REPO_ROOT / "README.md").read_text()
    rows = set(re.findall(r"^\| `(coordinator_\w+)` \| (\w+) \|", readme, re.MULTILINE))
    expected = {(name, kind) for name, (kind, _) in metrics.NODE_METRICS.items()}
    expected |= {("coordinator_api_requests_total", "counter"),
                 ("coordinator_api_request_seconds", "histogram")}
    assert rows == expected


def test_the_alert_rules_use_only_metrics_the_node_exports() -> None:
    import yaml

    rules = yaml.safe_load((REPO_ROOT / "deploy/prometheus/alerts.yml").read_text())
    names = {rule["alert"]: rule["expr"] for group in rules["groups"]
             for rule in group["rules"]}
    assert {"CoordinatorFeedLagging", "CoordinatorRoundsExpiring",
            "CoordinatorLeaderboardStale"} <= set(names)
    known = set(metrics.NODE_METRICS)
    for alert, expr in names.items():
        used = set(re.findall(r"\b(coordinator_\w+)", expr))
        assert used or expr.startswith('up{job="coordinator-'), alert
        for name in used:
            base = re.sub(r"_(count|sum|bucket)$", "", name)
            assert name in known or base in known, f"{alert}: {name} is not exported"
