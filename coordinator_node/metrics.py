"""The node's own Prometheus metrics.

They go through the Temporal SDK's metric meter, so the worker serves them on the same
`/metrics` endpoint as the SDK's runtime metrics (WORKER_METRICS_PORT), with one exporter
and no second HTTP server. A workflow's meter does not record while the workflow replays,
so a round counted once is not counted again when a worker restarts and replays it.
Counters get the `_total` suffix from the exporter (`counters_total_suffix`).
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

from temporalio.common import MetricMeter

from coordinator_node.statuses import CheckpointPhase

# name -> (type, description); the README's metrics table is checked against this.
NODE_METRICS: dict[str, tuple[str, str]] = {
    "coordinator_rounds_total": (
        "counter", "prediction rounds finished, by prediction config and final status "
                   "(RESOLVED, EXPIRED)"),
    "coordinator_predictions_total": (
        "counter", "predictions at the end of their round, by prediction config and status "
                   "(SCORED, FAILED, ABSENT, PENDING)"),
    "coordinator_model_call_seconds": (
        "histogram", "a model's predict call as the model runtime timed it, by outcome"),
    "coordinator_feed_lag_seconds": (
        "gauge", "now minus the newest stored record, by feed (source, subject, kind, "
                 "granularity), at each write"),
    "coordinator_feed_malformed_records_total": (
        "counter", "feed rows refused as malformed, by feed"),
    "coordinator_snapshot_build_seconds": (
        "histogram", "one snapshot cycle's steps, by step (snapshots, leaderboard)"),
    "coordinator_checkpoint_build_seconds": (
        "histogram", "building one checkpoint's emission"),
    "coordinator_checkpoint_status": (
        "gauge", "1 for a checkpoint's current status, 0 for its others, by checkpoint id"),
}


def _base(name: str) -> str:
    """The name given to the SDK: the exporter adds `_total` to counters itself."""
    return name.removesuffix("_total")


def round_finished(meter: MetricMeter, config_id: str, status: str,
                   counts: dict[str, int]) -> None:
    attributes = {"prediction_config": config_id}
    meter.create_counter(_base("coordinator_rounds_total"),
                         NODE_METRICS["coordinator_rounds_total"][1]).add(
        1, {**attributes, "status": status})
    predictions = meter.create_counter(_base("coordinator_predictions_total"),
                                       NODE_METRICS["coordinator_predictions_total"][1])
    for prediction_status, count in counts.items():
        if count:
            predictions.add(count, {**attributes, "status": prediction_status.upper()})


def model_calls(meter: MetricMeter, outcomes: Iterable[tuple[str, int | None]]) -> None:
    """(outcome, exec time in µs) per model call; calls with no time are not observed."""
    histogram = meter.create_histogram_float(
        "coordinator_model_call_seconds", NODE_METRICS["coordinator_model_call_seconds"][1],
        "s")
    for outcome, exec_time_us in outcomes:
        if exec_time_us is not None:
            histogram.record(exec_time_us / 1e6, {"outcome": outcome})


def feed_written(meter: MetricMeter, feed: dict[str, str], newest: datetime | None,
                 now: datetime, malformed: int) -> None:
    if newest is not None:
        meter.create_gauge_float(
            "coordinator_feed_lag_seconds", NODE_METRICS["coordinator_feed_lag_seconds"][1],
            "s").set(max((now - newest).total_seconds(), 0.0), feed)
    if malformed:
        meter.create_counter(_base("coordinator_feed_malformed_records_total"),
                             NODE_METRICS["coordinator_feed_malformed_records_total"][1]).add(
            malformed, feed)


def build_duration(meter: MetricMeter, name: str, seconds: float,
                   attributes: dict[str, str] | None = None) -> None:
    meter.create_histogram_float(name, NODE_METRICS[name][1], "s").record(seconds,
                                                                          attributes)


def checkpoint_status(meter: MetricMeter, checkpoint_id: str, status: str) -> None:
    gauge = meter.create_gauge(_base("coordinator_checkpoint_status"),
                               NODE_METRICS["coordinator_checkpoint_status"][1])
    for phase in CheckpointPhase:
        gauge.set(1 if phase == status else 0,
                  {"checkpoint_id": checkpoint_id, "status": str(phase)})
