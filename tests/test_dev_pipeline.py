"""`coordinator-node dev` shows the whole pipeline within minutes: both example prediction
configs run side by side (each with its `PredictionConfig` workflows) and score, and every
core report route answers in the web app's shape, the three default widgets included (their
30-day window, the three example models)."""

from __future__ import annotations

import asyncio
import json
import os
import re
import signal
import subprocess
import sys
import urllib.parse
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from tests.support import distinct_free_ports, eventually
from tests.test_dev_mode import get

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
    names = ("TEMPORAL_DEV_PORT", "TEMPORAL_UI_PORT", "API_PORT", "MODEL_RUNNER_PORT",
             "WORKER_METRICS_PORT")
    ports = dict(zip(names, distinct_free_ports(len(names)), strict=True))
    env = {k: v for k, v in os.environ.items() if k not in {"TEMPORAL_ADDRESS", "DATABASE_URL"}}
    env.update({k: str(v) for k, v in ports.items()})
    console = tmp_path / "console.log"  # what a person sees in the terminal
    with console.open("wb") as sink:
        process = await asyncio.create_subprocess_exec(
            sys.executable, "-m", "coordinator_node", "dev", cwd=tmp_path, env=env,
            stdout=sink, stderr=subprocess.STDOUT, start_new_session=True)
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
        # Issue 20: the quant metric columns for the three example models, and the example
        # contract's ensemble only when asked for.
        properties = [c["property"] for c in schema["leaderboard_columns"]]
        assert {"score_ic", "score_hit_rate", "score_contribution"} <= set(properties)
        assert len(board) == 3 and not any(r.get("ensemble") for r in board)
        with_ensembles = get_json(f"{api}/reports/leaderboard?include_ensembles=true")
        assert [r["model_id"] for r in with_ensembles if r.get("ensemble")] == [
            "ensemble:crowd"]
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

        # The README's tour from a second terminal: the `--dev` commands find dev mode's
        # Temporal server on its moved port (TEMPORAL_DEV_PORT), nothing else.
        second = {k: v for k, v in env.items() if k != "TEMPORAL_DEV_PORT"}
        second["TEMPORAL_DEV_PORT"] = str(ports["TEMPORAL_DEV_PORT"])
        the_id = None
        for args in (["checkpoint", "create", "--dev"],
                     ["checkpoint", "confirm", "ID", "--tx-hash", "5Yxq", "--dev"],
                     ["checkpoint", "status", "ID", "CLAIMABLE", "--dev"]):
            args = [the_id if a == "ID" else a for a in args]
            done = await asyncio.to_thread(
                subprocess.run, [sys.executable, "-m", "coordinator_node", *args], cwd=tmp_path,
                env=second, capture_output=True, text=True, timeout=180)
            assert done.returncode == 0, (args, done.stderr)
            assert "Traceback" not in done.stderr, done.stderr
            the_id = the_id or json.loads(done.stdout)["checkpoint_id"]
        # ... and the tour's backfill: six hours of the feed, two days back.
        begin = (datetime.now(UTC) - timedelta(days=2)).replace(minute=0, second=0,
                                                                 microsecond=0)
        done = await asyncio.to_thread(
            subprocess.run, [sys.executable, "-m", "coordinator_node", "backfill", "--dev",
                             "--subject", "BTC", "--start", begin.isoformat(),
                             "--end", (begin + timedelta(hours=6)).isoformat()],
            cwd=tmp_path, env=second, capture_output=True, text=True, timeout=300)
        assert done.returncode == 0, done.stderr
        assert "Traceback" not in done.stderr, done.stderr
        assert re.search(r"100\.0% 21600 records, 0 malformed — done", done.stdout), done.stdout

        # Dev mode's console: a line per finished round, snapshot cycle and checkpoint step.
        def console_lines() -> list[str] | None:
            lines = console.read_text(errors="replace").splitlines()
            said = "\n".join(lines)
            wanted = [f"checkpoint {the_id}: built, PENDING",
                      f"checkpoint {the_id}: PENDING → SUBMITTED (cli, tx 5Yxq)",
                      f"checkpoint {the_id}: SUBMITTED → CLAIMABLE (cli)"]
            return lines if all(w in said for w in wanted) else None

        lines = await eventually(console_lines, within=30, every=0.5,
                                 what="the checkpoint's steps on the console")
        rounds = [ln for ln in lines if re.search(
            r"coordinator_node.progress: round btc-\S+ \S+ DONE: \d+ scored, \d+ failed, "
            r"\d+ absent$", ln)]
        assert {c for c in CONFIGS if any(f"round {c} " in ln for ln in rounds)} == CONFIGS
        assert any(re.search(r"coordinator_node.progress: snapshot \S+: 3 models, leader "
                             r"\w+ \(", ln) for ln in lines), lines[-40:]
        assert not any("Traceback" in ln for ln in lines)

        # Tamper evidence: a snapshot the checkpoint covers has a proof that verifies
        # offline, and the same proof with one byte flipped does not.
        checkpoint = get_json(f"{api}/reports/checkpoints/{the_id}")
        covered = [s for s in get_json(f"{api}/reports/snapshots?limit=100")
                   if s["period_end"] <= checkpoint["period_end"]]
        status, raw = get(f"{api}/reports/merkle/proof?snapshot_id="
                          f"{urllib.parse.quote(covered[-1]['id'])}")
        assert status == 200, raw
        proof = json.loads(raw)
        assert proof["checkpoint"]["checkpoint_id"] == the_id
        assert proof["checkpoint"]["merkle_root"] == checkpoint["meta"]["merkle_root"]
        good, bad = tmp_path / "proof.json", tmp_path / "flipped.json"
        good.write_bytes(raw)
        root = proof["cycle_root"]
        bad.write_bytes(raw.replace(root.encode(), (("0" if root[0] != "0" else "1")
                                                    + root[1:]).encode()))
        for path, code in ((good, 0), (bad, 1)):
            verified = await asyncio.to_thread(
                subprocess.run, [sys.executable, "-m", "coordinator_node", "verify-proof",
                                 str(path)], capture_output=True, text=True, timeout=60)
            assert verified.returncode == code, (path, verified.stdout, verified.stderr)

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
