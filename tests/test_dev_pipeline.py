"""`coordinator-node dev` shows the whole pipeline within minutes: both example prediction
configs run side by side (each with its `PredictionConfig` workflows) and score, and every
core report route answers in the web app's shape, the three default widgets included (their
30-day window, the three example models)."""

from __future__ import annotations

import asyncio
import json
import os
import signal
import subprocess
import sys
import urllib.parse
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from tests.support import eventually
from tests.test_dev_mode import free_port, get

pytestmark = pytest.mark.slow
CONFIGS = {"btc-60s-every-15s", "btc-120s-every-30s"}


def js_time(moment: datetime) -> str:
    return moment.strftime("%Y-%m-%dT%H:%M:%S.%f")[:-3] + "Z"


def get_json(url: str) -> Any:
    status, raw = get(url)
    assert status == 200, (url, status, raw[:300])
    return json.loads(raw)


@dataclass
class Progress:
    """What dev mode has shown so far; truthy once both configs scored and the leaderboard
    has rows, or once the command has exited."""

    scored: set[str] = field(default_factory=set)
    models: list[dict[str, Any]] = field(default_factory=list)
    board_ready: bool = False
    exited: int | None = None

    def __bool__(self) -> bool:
        return self.exited is not None or (self.scored == CONFIGS and self.board_ready)


def progress(api: str) -> Progress:
    status, raw = get(f"{api}/reports/models")
    models = json.loads(raw) if status == 200 else []
    if not models:
        return Progress()
    query = urllib.parse.urlencode({
        "projectIds": ",".join(m["model_id"] for m in models),
        "start": js_time(datetime.now(UTC) - timedelta(days=30)),
        "end": js_time(datetime.now(UTC))}, safe=",:")
    status, raw = get(f"{api}/reports/predictions?{query}")
    rows = json.loads(raw) if status == 200 else []
    scored = {r["scope_key"] for r in rows if r["score_success"]}
    board_ready = get(f"{api}/reports/leaderboard")[1].startswith(b"[{")
    return Progress(scored, models, board_ready)


async def test_dev_mode_runs_both_configs_and_serves_the_web_app(tmp_path: Path) -> None:
    ports = {"TEMPORAL_DEV_PORT": free_port(), "TEMPORAL_UI_PORT": free_port(),
             "API_PORT": free_port(), "MODEL_RUNNER_PORT": free_port(),
             "WORKER_METRICS_PORT": free_port()}
    env = {k: v for k, v in os.environ.items() if k not in {"TEMPORAL_ADDRESS", "DATABASE_URL"}}
    env.update({k: str(v) for k, v in ports.items()})
    process = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "coordinator_node", "dev", cwd=tmp_path, env=env,
        stdout=asyncio.subprocess.DEVNULL, stderr=asyncio.subprocess.DEVNULL,
        start_new_session=True)
    api = f"http://127.0.0.1:{ports['API_PORT']}"

    async def scored_or_exited() -> Progress:
        if process.returncode is not None:
            return Progress(exited=process.returncode)
        return await asyncio.to_thread(progress, api)

    try:
        seen = await eventually(scored_or_exited, within=300, every=3,
                                what="both configs to score and the leaderboard to fill")
        assert process.returncode is None, "dev mode stopped"
        scored, models = seen.scored, seen.models
        assert scored == CONFIGS, f"scored configs: {scored}"
        # the template's example models, named by their code directories
        assert sorted(m["model_name"] for m in models) == ["contrarian", "mean_reversion",
                                                             "momentum"]

        # The web app's calls, as it makes them.
        schema = get_json(f"{api}/reports/schema")
        board = get_json(f"{api}/reports/leaderboard")
        assert [r["rank"] for r in board] == sorted(r["rank"] for r in board)
        for row in board:
            assert all(c["property"] in row for c in schema["leaderboard_columns"])
        query = urllib.parse.urlencode({
            "projectIds": ",".join(m["model_id"] for m in models),
            "start": js_time(datetime.now(UTC) - timedelta(days=30)),
            "end": js_time(datetime.now(UTC))}, safe=",:")
        for widget in schema["metrics_widgets"]:
            rows = get_json(f"{api}{widget['endpointUrl']}?{query}")
            assert {r["model_id"] for r in rows} == {m["model_id"] for m in models}, widget
            series = [s["name"] for s in widget["nativeConfiguration"]["yAxis"]["series"]]
            assert all(name in row for row in rows for name in series)
        feeds = get_json(f"{api}/reports/feeds")
        assert [(f["source"], f["subject"]) for f in feeds] == [("synthetic", "BTC")]
        assert get_json(f"{api}/reports/feeds/tail?subject=BTC&limit=20")[0]["ts_ingested"]
        assert get_json(f"{api}/reports/snapshots?limit=10")
        assert get_json(f"{api}/reports/checkpoints") == []
        assert get_json(f"{api}/healthz")["status"] == "ok"

        # Prometheus: the worker serves the SDK's metrics and the node's own, the API its
        # requests.
        status, raw = get(f"http://127.0.0.1:{ports['WORKER_METRICS_PORT']}/metrics")
        worker_metrics = raw.decode()
        assert status == 200
        assert "temporal_workflow_task_execution_latency" in worker_metrics  # the SDK's
        for config in CONFIGS:
            assert f'prediction_config="{config}"' in worker_metrics
        for name in ("coordinator_rounds_total{", "coordinator_predictions_total{",
                     "coordinator_model_call_seconds_bucket{", "coordinator_feed_lag_seconds{",
                     "coordinator_snapshot_build_seconds_bucket{"):
            assert name in worker_metrics, name
        status, raw = get(f"{api}/metrics")
        assert status == 200
        assert 'coordinator_api_requests_total{method="GET",route="/reports/leaderboard",' \
               'status="200"}' in raw.decode()

        # Each config's rounds are their own workflows, found by the search attribute.
        for config in CONFIGS:
            listed = await asyncio.to_thread(
                subprocess.run,
                [str(Path(sys.executable).parent / "temporal"), "workflow", "count",
                 "--address", f"127.0.0.1:{ports['TEMPORAL_DEV_PORT']}",
                 "--query", f'PredictionConfig = "{config}"'],
                capture_output=True, text=True, timeout=30)
            assert listed.returncode == 0, listed.stderr
            assert int(listed.stdout.split()[-1]) > 0, listed.stdout
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        try:
            await asyncio.wait_for(process.wait(), 60)
        except TimeoutError:
            os.killpg(process.pid, signal.SIGKILL)
