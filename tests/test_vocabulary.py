"""The shared vocabulary: one number rule (a bool is not a number), statuses that cannot be
confused with refusal types, and one id style for workflows and schedules."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from coordinator_node import ids
from coordinator_node.checkpoints.logic import rank_period
from coordinator_node.contract import InferenceOutput, ScoreResult, default_aggregate_snapshot
from coordinator_node.numbers import finite_number
from coordinator_node.rounds.logic import score_one, validate_output, window_means
from coordinator_node.statuses import (
    CheckpointPhase,
    CheckpointStatus,
    FeedState,
    InputStatus,
    PredictionStatus,
    Refusal,
    RoundStage,
)

T = datetime(2026, 11, 1, tzinfo=UTC)


@pytest.mark.parametrize(("value", "expected"), [
    (1, 1.0), (-2.5, -2.5), (0, 0.0), (True, None), (False, None), (float("nan"), None),
    (float("inf"), None), (float("-inf"), None), ("1.0", None), (None, None), ([1], None),
])
def test_finite_number(value: object, expected: float | None) -> None:
    assert finite_number(value) == expected


def test_a_bool_output_is_refused_like_other_non_numbers() -> None:
    verdict = validate_output(InferenceOutput, {"value": True})
    assert verdict.output is None
    assert verdict.reason == "invalid output: value: a bool is not a number"
    assert verdict.raw == {"value": True}
    assert validate_output(InferenceOutput, {"value": 1}).output == {"value": 1.0}


def test_a_bool_score_fails_the_prediction() -> None:
    result, reason = score_one(lambda p, t: {"value": True}, ScoreResult, {}, {})
    assert result is None and reason == "scoring failed: non-finite score"


def test_bools_are_ignored_wherever_scores_are_summed() -> None:
    assert default_aggregate_snapshot([{"value": 1.0, "success": True},
                                       {"value": 3.0, "success": False}]) == {"value": 2.0}
    means = window_means([("a", T, {"value": True}), ("b", T, {"value": 0.5})],
                         {"recent": 24}, "value", T)
    assert means == {"b": {"recent": 0.5}}
    ranked = rank_period([("a", 10, {"value": True}), ("b", 10, {"value": 0.5})], "value",
                         "desc")
    assert [r["model_id"] for r in ranked] == ["b"]


def test_statuses_and_refusals_cannot_be_confused() -> None:
    statuses = {s.value for enum in (InputStatus, PredictionStatus, CheckpointStatus,
                                     CheckpointPhase, FeedState, RoundStage) for s in enum}
    assert all(r.value.endswith("Error") for r in Refusal)
    assert statuses.isdisjoint({r.value for r in Refusal})
    # A stored status is always a phase of the checkpoint workflow, with the same value.
    assert {s.value for s in CheckpointStatus} <= {p.value for p in CheckpointPhase}


def test_workflow_and_schedule_ids_share_one_style() -> None:
    made = [ids.checkpoint_workflow_id("c-20261101T000000Z"),
            ids.ingest_workflow_id("c", "synthetic/BTC/candle/1s"),
            ids.backfill_workflow_id("c", "synthetic/BTC/candle/1s"),
            ids.round_schedule_id("c", "btc-60s-every-15s"), ids.snapshot_schedule_id("c"),
            ids.checkpoint_schedule_id("c"), ids.checkpoint_trigger_id("c"),
            ids.retention_schedule_id("c")]
    for the_id in made:
        kind, _, rest = the_id.partition("/")
        assert rest and kind.replace("-", "").isalpha(), the_id
    assert ids.checkpoint_workflow_id("x") == "checkpoint/x"
    assert ids.legacy_checkpoint_workflow_id("x") == "checkpoint-x"  # 0.2.0's, still found
