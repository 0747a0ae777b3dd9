"""The leaderboard's pure logic: each window's mean of the score field per model
(`window_means`), and the order those means rank models in (`rank`)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

import pytest

from coordinator_node.rounds.logic import rank, window_means

NOW = datetime(2026, 5, 1, 12, tzinfo=UTC)
WINDOWS = {"score_recent": 24, "score_steady": 72, "score_anchor": 168}


def ended(hours_ago: float) -> datetime:
    return NOW - timedelta(hours=hours_ago)


def snap(model_id: str, hours_ago: float, **summary: Any) -> tuple[str, datetime, dict[str, Any]]:
    return model_id, ended(hours_ago), summary


# --- window_means ---------------------------------------------------------------------------
def test_each_window_averages_the_snapshots_that_ended_inside_it() -> None:
    snapshots = [snap("a", 1, value=1.0), snap("a", 30, value=3.0), snap("a", 100, value=8.0)]
    assert window_means(snapshots, WINDOWS, "value", NOW) == {
        "a": {"score_recent": 1.0, "score_steady": 2.0, "score_anchor": 4.0}}


def test_a_snapshot_ending_exactly_at_a_windows_start_is_outside_it() -> None:
    snapshots = [snap("a", 24, value=10.0), snap("a", 23.5, value=2.0)]
    means = window_means(snapshots, WINDOWS, "value", NOW)
    assert means["a"]["score_recent"] == 2.0
    assert means["a"]["score_steady"] == 6.0


def test_a_window_with_no_snapshot_is_none_and_every_window_is_named() -> None:
    means = window_means([snap("old", 50, value=4.0)], WINDOWS, "value", NOW)
    assert means == {"old": {"score_recent": None, "score_steady": 4.0, "score_anchor": 4.0}}


def test_the_mean_is_per_snapshot_and_per_model() -> None:
    snapshots = [snap("a", 1, value=1.0), snap("a", 2, value=2.0), snap("a", 3, value=6.0),
                 snap("b", 1, value=-1.0)]
    means = window_means(snapshots, {"w": 24}, "value", NOW)
    assert means == {"a": {"w": 3.0}, "b": {"w": -1.0}}


def test_only_the_score_field_counts_and_only_when_it_is_a_finite_number() -> None:
    snapshots = [
        snap("a", 1, value=2, other=100.0),  # an int counts (as a float)
        snap("a", 2, other=50.0),  # no score field: skipped
        snap("a", 3, value="high"),  # not a number: skipped
        snap("a", 4, value=True),  # a bool is not a score: skipped
        snap("a", 5, value=None),
        snap("a", 6, value=float("nan")),  # not finite: skipped
        snap("a", 7, value=float("inf")),
        snap("a", 8, value=float("-inf")),
        snap("b", 1, other=1.0),  # nothing to average: b is left out entirely
        snap("c", 1, value=False),
    ]
    means = window_means(snapshots, {"w": 24}, "value", NOW)
    assert means == {"a": {"w": 2.0}}
    assert isinstance(means["a"]["w"], float)
    assert window_means(snapshots, {"w": 24}, "other", NOW) == {"a": {"w": 75.0}, "b": {"w": 1.0}}


def test_no_snapshots_no_means() -> None:
    assert window_means([], WINDOWS, "value", NOW) == {}
    assert window_means([snap("a", 1, value=1.0)], {}, "value", NOW) == {"a": {}}


# --- rank -----------------------------------------------------------------------------------
SCORES: dict[str, dict[str, float | None]] = {
    "m-mid": {"score_recent": 0.5, "score_steady": 0.0},
    "m-top": {"score_recent": 2.0, "score_steady": -1.0},
    "m-low": {"score_recent": -3.0, "score_steady": 5.0},
}


def test_desc_ranks_the_highest_first_and_asc_the_lowest() -> None:
    assert rank(SCORES, "score_recent", "desc") == ["m-top", "m-mid", "m-low"]
    assert rank(SCORES, "score_recent", "asc") == ["m-low", "m-mid", "m-top"]
    assert rank(SCORES, "score_steady", "desc") == ["m-low", "m-mid", "m-top"]


@pytest.mark.parametrize("direction", ["asc", "desc"])
def test_ties_are_broken_by_model_id_in_either_direction(direction: str) -> None:
    tied = {"m-c": {"k": 1.0}, "m-a": {"k": 1.0}, "m-b": {"k": 1.0}, "m-z": {"k": 0.0}}
    order = rank(tied, "k", direction)
    assert [m for m in order if m != "m-z"] == ["m-a", "m-b", "m-c"]
    assert order.index("m-z") == (0 if direction == "asc" else 3)


@pytest.mark.parametrize("direction", ["asc", "desc"])
def test_models_without_a_value_come_last_in_model_id_order(direction: str) -> None:
    scores: dict[str, dict[str, float | None]] = {
        "m-none": {"k": None},
        "m-missing": {"other": 9.0},  # no such key at all
        "m-worst": {"k": -100.0 if direction == "desc" else 100.0},
        "m-best": {"k": 1.0 if direction == "desc" else -1.0},
    }
    assert rank(scores, "k", direction) == ["m-best", "m-worst", "m-missing", "m-none"]


def test_rank_of_nothing_is_empty() -> None:
    assert rank({}, "score_recent", "desc") == []


def test_the_leaderboard_pipeline_ranks_on_the_ranking_window() -> None:
    """As the leaderboard rebuild uses them: means per window, ranked on one window; a model
    with no snapshot in that window ranks after every model that has one."""
    snapshots = [snap("steady", 1, value=0.1), snap("steady", 48, value=0.1),
                 snap("spiky", 1, value=0.9), snap("spiky", 48, value=-5.0),
                 snap("gone-quiet", 100, value=9.0)]
    means = window_means(snapshots, WINDOWS, "value", NOW)
    assert rank(means, "score_recent", "desc") == ["spiky", "steady", "gone-quiet"]
    assert rank(means, "score_steady", "desc") == ["steady", "spiky", "gone-quiet"]
    assert rank(means, "score_anchor", "desc") == ["gone-quiet", "steady", "spiky"]
