"""How the node's processes log: human-readable lines (`LOG_FORMAT=text`, the default) or one
JSON object per line (`LOG_FORMAT=json`) for a log pipeline.

A JSON line carries `time` (UTC, ISO 8601), `level`, `logger` and `message`, and, where known:
`crunch_id` (the process's CRUNCH_ID), `workflow_id`, `run_id` and `workflow_type` (a line
logged by workflow code, or by an activity on a workflow's behalf), `activity` and
`activity_id` (a line logged inside an activity), `attempt`, `namespace`, `task_queue`, and
`exception` (the traceback). The ids come from the `temporal_workflow` / `temporal_activity`
dicts temporalio's workflow and activity loggers put in a record's extra, or, for the node's
own loggers (e.g. `coordinator_node.progress`), from the activity or workflow the line was
logged in."""

from __future__ import annotations

import json
import logging
import sys
from collections.abc import Mapping
from datetime import UTC, datetime
from typing import Any, Literal

from temporalio import activity, workflow

LogFormat = Literal["text", "json"]
_OURS = "_coordinator_node_handler"  # marks the handler configure_logging installs
TEXT_FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"
# What a workflow's or an activity's logger details are called on a JSON line.
_WORKFLOW_KEYS = {"workflow_id": "workflow_id", "run_id": "run_id",
                  "workflow_type": "workflow_type", "namespace": "namespace",
                  "task_queue": "task_queue", "attempt": "workflow_task_attempt"}
_ACTIVITY_KEYS = {"workflow_id": "workflow_id", "workflow_run_id": "run_id",
                  "workflow_type": "workflow_type", "activity_type": "activity",
                  "activity_id": "activity_id", "attempt": "attempt",
                  "namespace": "namespace", "task_queue": "task_queue"}
# Extra keys not written: the SDK loggers' details (written under the names above), uvicorn's
# copy of the message with terminal colours.
_LEFT_OUT = {"temporal_workflow", "temporal_activity", "workflow_info", "activity_info",
             "color_message"}
# Attributes every LogRecord has: anything else on a record came in through `extra`.
_RECORD_ATTRIBUTES = set(vars(logging.LogRecord("", 0, "", 0, "", (), None))) | {
    "message", "asctime", "taskName"}


def _renamed(details: Mapping[str, Any], names: Mapping[str, str]) -> dict[str, Any]:
    return {names[key]: value for key, value in details.items()
            if key in names and value is not None}


def _temporal_context(record: logging.LogRecord) -> dict[str, Any]:
    """The workflow / activity a record belongs to: from the SDK loggers' extra, else from
    the context the line was logged in."""
    found: dict[str, Any] = {}
    details = getattr(record, "temporal_workflow", None)
    if isinstance(details, Mapping):
        found.update(_renamed(details, _WORKFLOW_KEYS))
    details = getattr(record, "temporal_activity", None)
    if isinstance(details, Mapping):
        found.update(_renamed(details, _ACTIVITY_KEYS))
    if found:
        return found
    try:
        if activity.in_activity():
            info = activity.info()
            return _renamed({"workflow_id": info.workflow_id,
                             "workflow_run_id": info.workflow_run_id,
                             "workflow_type": info.workflow_type,
                             "activity_type": info.activity_type,
                             "activity_id": info.activity_id, "attempt": info.attempt,
                             "namespace": info.namespace, "task_queue": info.task_queue},
                            _ACTIVITY_KEYS)
        if workflow.in_workflow():
            winfo = workflow.info()
            return _renamed({"workflow_id": winfo.workflow_id, "run_id": winfo.run_id,
                             "workflow_type": winfo.workflow_type,
                             "namespace": winfo.namespace, "task_queue": winfo.task_queue},
                            _WORKFLOW_KEYS)
    except Exception:  # a log line never fails over its context
        pass
    return found


class JsonFormatter(logging.Formatter):
    """One JSON object per record, on one line (newlines inside values are escaped)."""

    def __init__(self, static: Mapping[str, Any] | None = None) -> None:
        super().__init__()
        self.static = dict(static or {})

    def format(self, record: logging.LogRecord) -> str:
        line: dict[str, Any] = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(
                timespec="milliseconds").replace("+00:00", "Z"),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
            **self.static,
        }
        line.update(_temporal_context(record))
        for key, value in vars(record).items():  # a caller's own `extra` keys, kept as is
            if (key not in _RECORD_ATTRIBUTES and key not in line and not key.startswith("_")
                    and key not in _LEFT_OUT):
                line[key] = value
        if record.exc_info:
            line["exception"] = self.formatException(record.exc_info)
        elif record.exc_text:
            line["exception"] = record.exc_text
        if record.stack_info:
            line["stack"] = self.formatStack(record.stack_info)
        return json.dumps(line, ensure_ascii=False, default=str)


def configure_logging(log_format: str = "text", *, crunch_id: str | None = None,
                      level: int | str = logging.INFO, force: bool = False) -> None:
    """The root logger writes to stderr in `log_format`, replacing the handler an earlier
    call installed (a command configures once at start, then again once its settings, and so
    CRUNCH_ID, are known). Logging that someone else set up (a program embedding the node, a
    test runner) is left alone unless `force`. JSON lines leave the SDK loggers' details out
    of the message text (they are fields of the line); text lines keep them. `level` is a
    number or a name as LOG_LEVEL spells it (`logging` takes either)."""
    root = logging.getLogger()
    ours = [h for h in root.handlers if getattr(h, _OURS, False)]
    if not force and len(ours) < len(root.handlers):
        return
    handler = logging.StreamHandler(sys.stderr)
    setattr(handler, _OURS, True)
    if log_format == "json":
        handler.setFormatter(JsonFormatter({"crunch_id": crunch_id} if crunch_id else None))
    else:
        handler.setFormatter(logging.Formatter(TEXT_FORMAT))
    for old in list(root.handlers) if force else ours:
        root.removeHandler(old)
    root.addHandler(handler)
    root.setLevel(level)
    as_text = log_format != "json"
    workflow.logger.workflow_info_on_message = as_text
    activity.logger.activity_info_on_message = as_text
    logging.getLogger("alembic").setLevel(logging.WARNING)  # schema chatter, not news
