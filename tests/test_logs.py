"""LOG_FORMAT: human-readable lines by default; with `json`, one JSON object per line carrying
the workflow id, run id, activity and crunch id where known: from temporalio's workflow and
activity loggers, from the node's own loggers inside an activity, and from `coordinator-node
api` (uvicorn's lines included) as a process."""

from __future__ import annotations

import dataclasses
import json
import logging
import re
import uuid
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path
from typing import Any

import httpx
import pytest
from temporalio import activity, workflow
from temporalio.testing import ActivityEnvironment, WorkflowEnvironment
from temporalio.worker import Worker

from coordinator_node.logs import configure_logging
from tests.api.live import live_api

progress = logging.getLogger("coordinator_node.progress")


@pytest.fixture(autouse=True)
def restore_logging() -> Iterator[None]:
    """Each test configures the root logger; put back what pytest had."""
    root = logging.getLogger()
    handlers, level = list(root.handlers), root.level
    yield
    for handler in list(root.handlers):
        root.removeHandler(handler)
    for handler in handlers:
        root.addHandler(handler)
    root.setLevel(level)
    workflow.logger.workflow_info_on_message = True
    activity.logger.activity_info_on_message = True


def json_lines(text: str) -> list[dict[str, Any]]:
    return [json.loads(line) for line in text.splitlines() if line.strip()]


def test_logging_set_up_by_someone_else_is_left_alone() -> None:
    root = logging.getLogger()
    theirs = logging.NullHandler()
    for handler in list(root.handlers):
        root.removeHandler(handler)
    root.addHandler(theirs)
    configure_logging("json", crunch_id="c-1")  # e.g. a program embedding the node
    assert root.handlers == [theirs]
    root.removeHandler(theirs)
    configure_logging("text")
    configure_logging("json", crunch_id="c-1")  # again, once the settings are read
    assert len(root.handlers) == 1  # ours, replaced
    assert root.handlers[0].formatter.__class__.__name__ == "JsonFormatter"


def test_the_default_is_one_readable_line(capsys: pytest.CaptureFixture[str]) -> None:
    configure_logging("text", crunch_id="c-1", force=True)
    progress.info("round %s DONE", "btc")
    err = capsys.readouterr().err
    assert re.fullmatch(r"\d{4}-\d\d-\d\d \d\d:\d\d:\d\d,\d{3} INFO coordinator_node.progress: "
                        r"round btc DONE\n", err), err


def test_json_lines_carry_time_level_logger_crunch_and_extras(
        capsys: pytest.CaptureFixture[str]) -> None:
    configure_logging("json", crunch_id="c-1", force=True)
    progress.info("line\nwith a break", extra={"slot": "2026-01-01T00:00:00Z"})
    try:
        raise ValueError("boom")
    except ValueError:
        progress.exception("failed")
    first, second = json_lines(capsys.readouterr().err)
    assert first["message"] == "line\nwith a break" and first["level"] == "INFO"
    assert first["logger"] == "coordinator_node.progress" and first["crunch_id"] == "c-1"
    assert first["slot"] == "2026-01-01T00:00:00Z"
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z", first["time"])
    assert second["level"] == "ERROR" and "ValueError: boom" in second["exception"]
    assert "workflow_id" not in first


def test_json_lines_inside_an_activity_name_it_and_its_workflow(
        capsys: pytest.CaptureFixture[str]) -> None:
    configure_logging("json", crunch_id="c-1", force=True)

    @activity.defn(name="score")
    def score() -> None:
        progress.info("round done")  # the node's own logger
        activity.logger.info("from the SDK's logger")

    env = ActivityEnvironment()
    env.info = dataclasses.replace(env.info, activity_type="score", activity_id="7",
                                   workflow_id="round/c-1/btc-2026-01-01T00:00:00Z",
                                   workflow_run_id="run-1", workflow_type="PredictionRound")
    env.run(score)
    ours, sdks = json_lines(capsys.readouterr().err)
    info = env.info
    for line in (ours, sdks):
        assert line["activity"] == "score" and line["crunch_id"] == "c-1"
        assert line["workflow_id"] == info.workflow_id and line["run_id"] == info.workflow_run_id
        assert line["activity_id"] == info.activity_id and line["attempt"] == info.attempt
    assert sdks["message"] == "from the SDK's logger"  # the details are fields, not text


@workflow.defn(sandboxed=False)
class LoggingWorkflow:
    @workflow.run
    async def run(self) -> None:
        workflow.logger.info("signal refused: %s", "not now")
        await workflow.sleep(timedelta(seconds=1))


async def test_json_lines_from_workflow_code_carry_its_ids(
        capsys: pytest.CaptureFixture[str], time_skipping_env: WorkflowEnvironment) -> None:
    configure_logging("json", crunch_id="c-1", force=True)
    queue = f"logs-{uuid.uuid4().hex[:6]}"
    async with Worker(time_skipping_env.client, task_queue=queue, workflows=[LoggingWorkflow]):
        handle = await time_skipping_env.client.start_workflow(
            LoggingWorkflow.run, id=f"logs/{queue}", task_queue=queue)
        await handle.result()
    lines = [line for line in json_lines(capsys.readouterr().err)
             if line["logger"] == "temporalio.workflow"]
    assert len(lines) == 1, lines  # not again when the history replays
    assert lines[0]["message"] == "signal refused: not now"
    assert lines[0]["workflow_id"] == f"logs/{queue}"
    assert lines[0]["run_id"] == handle.result_run_id
    assert lines[0]["workflow_type"] == "LoggingWorkflow" and lines[0]["crunch_id"] == "c-1"


def test_the_api_process_writes_json_lines_only(sqlite_url: str, tmp_path: Path) -> None:
    settings = {"DATABASE_URL": sqlite_url, "TEMPORAL_ADDRESS": "127.0.0.1:1",
                "LOG_FORMAT": "json", "CRUNCH_ID": "json-crunch"}
    with live_api(settings, tmp_path, temporal=False) as api:
        assert httpx.get(f"{api.url}/reports/feeds", timeout=10).status_code == 200
    lines = api.output().splitlines()
    assert lines
    parsed = [json.loads(line) for line in lines]  # every line, start-up and shutdown included
    assert all(line["crunch_id"] == "json-crunch" for line in parsed)
    access = [line for line in parsed if line["logger"] == "uvicorn.access"]
    assert any("GET /reports/feeds" in line["message"] for line in access), access
    assert not any("\x1b[" in json.dumps(line) for line in parsed)  # no terminal colours


def test_the_api_process_writes_text_by_default(sqlite_url: str, tmp_path: Path) -> None:
    settings = {"DATABASE_URL": sqlite_url, "TEMPORAL_ADDRESS": "127.0.0.1:1"}
    with live_api(settings, tmp_path, temporal=False) as api:
        httpx.get(f"{api.url}/healthz", timeout=10)
    output = api.output()
    assert "Uvicorn running on" in output and not output.lstrip().startswith("{")


def test_log_level_applies_to_the_nodes_own_loggers(
    sqlite_url: str, tmp_path: Path, temporal_env: WorkflowEnvironment
) -> None:
    """The API logs "connected to Temporal" at INFO: written by default, not with
    LOG_LEVEL=WARNING (which once reached uvicorn's loggers only)."""
    address = temporal_env.client.service_client.config.target_host
    outputs = {}
    for level in ("INFO", "WARNING"):
        settings = {"DATABASE_URL": sqlite_url, "TEMPORAL_ADDRESS": address,
                    "LOG_LEVEL": level, "LOG_FORMAT": "json"}
        workdir = tmp_path / level
        workdir.mkdir()
        with live_api(settings, workdir) as api:  # until connected to Temporal
            assert httpx.get(f"{api.url}/healthz", timeout=10).status_code == 200
        outputs[level] = json_lines(api.output())
    assert any(line["logger"] == "coordinator_node.api" and line["level"] == "INFO"
               for line in outputs["INFO"]), outputs["INFO"]
    assert {line["level"] for line in outputs["WARNING"]} <= {"WARNING", "ERROR", "CRITICAL"}, (
        outputs["WARNING"])
