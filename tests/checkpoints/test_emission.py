"""Emission math: SPEC §5's worked values exactly, the exact 1,000,000,000 sum for every N and
for random ties, the ranking (weighted, direction, ties by model id), what a checkpoint's
ranking stores and serves, the CLI format and the prizes."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from coordinator_node.checkpoints.logic import (
    EmissionError,
    cli_format,
    complete_ranking,
    enrich_ranking,
    prize_amount,
    rank_period,
    ranked_rewards,
    transition_problem,
    validate_emission,
    weighted_summaries,
)
from coordinator_node.contract import FRAC64_ONE, default_build_emission

WORKED = {
    1: [1000000000],
    2: [625000000, 375000000],
    3: [500000000, 250000000, 250000000],
    5: [400000000] + [150000000] * 4,
    7: [371428574] + [121428571] * 4 + [71428571] * 2,
    10: [350000000] + [100000000] * 4 + [50000000] * 5,
}


def pcts(n: int) -> list[int]:
    ranked = [{"rank": i + 1, "model_id": f"m{i}"} for i in range(n)]
    emission = default_build_emission(ranked, "crunch", None, None)
    return [r["reward_pct"] for r in emission["cruncher_rewards"]]


@pytest.mark.parametrize("n", sorted(WORKED))
def test_worked_values(n: int) -> None:
    assert pcts(n) == WORKED[n]


def test_eleventh_and_later_get_nothing() -> None:
    assert pcts(12) == [350000000] + [100000000] * 4 + [50000000] * 5 + [0, 0]


@settings(max_examples=500, deadline=None)
@given(st.integers(min_value=1, max_value=500))
def test_sum_is_exact_for_every_n(n: int) -> None:
    values = pcts(n)
    assert len(values) == n and sum(values) == FRAC64_ONE and min(values) >= 0
    validate_emission(default_build_emission(
        [{"rank": i + 1} for i in range(n)], "crunch", "cp", "dp"), n)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(st.sampled_from([f"m{i:02d}" for i in range(40)]),
                          st.integers(min_value=1, max_value=50),
                          st.sampled_from([-1.0, 0.0, 0.5, 1.0])),  # few values: many ties
                min_size=1, max_size=200))
def test_random_ties_rank_by_model_id_and_sum_exactly(
        snapshots: list[tuple[str, int, float]]) -> None:
    ranking = rank_period([(m, c, {"value": v}) for m, c, v in snapshots], "value", "desc")
    assert sorted(e["model_id"] for e in ranking) == sorted({m for m, _, _ in snapshots})
    keys = [(-e["score"], e["model_id"]) for e in ranking]
    assert keys == sorted(keys)  # best first; equal scores in model-id order
    emission = validate_emission(default_build_emission(ranking, "c", None, None), len(ranking))
    assert sum(r["reward_pct"] for r in emission["cruncher_rewards"]) == FRAC64_ONE


def test_ranking_is_weighted_by_prediction_count_and_reads_the_score_field() -> None:
    snapshots = [
        ("a", 90, {"value": 1.0}), ("a", 10, {"value": -9.0}),  # weighted mean 0.0
        ("b", 10, {"value": 0.5}),
        ("c", 50, {"value": -0.5}), ("c", 0, {"value": 99.0}),  # an empty snapshot: ignored
        ("d", 5, {"other": 3.0}),  # no score field: not ranked
        ("e", 5, {"value": float("nan")}),  # not finite: not ranked
        ("f", 5, {"value": True}),  # a bool is not a score
    ]
    ranking = rank_period(snapshots, "value", "desc")
    assert [(e["model_id"], e["score"], e["prediction_count"]) for e in ranking] == [
        ("b", 0.5, 10), ("a", 0.0, 100), ("c", -0.5, 50)]
    assert [e["rank"] for e in ranking] == [1, 2, 3]
    assert [e["model_id"] for e in rank_period(snapshots, "value", "asc")] == ["c", "a", "b"]
    assert rank_period(snapshots, "missing", "desc") == []


def test_providers_and_cli_format() -> None:
    ranking = [{"rank": 1, "model_id": "alpha"}, {"rank": 2, "model_id": "beta"}]
    emission = default_build_emission(ranking, "CrunchPub", "ComputePub", None)
    assert emission == {
        "crunch": "CrunchPub",
        "cruncher_rewards": [{"cruncher_index": 0, "reward_pct": 625000000},
                             {"cruncher_index": 1, "reward_pct": 375000000}],
        "compute_provider_rewards": [{"provider": "ComputePub", "reward_pct": FRAC64_ONE}],
        "data_provider_rewards": [],
    }
    assert cli_format(emission, ranking) == {
        "crunch": "CrunchPub", "crunchEmission": {"alpha": 62.5, "beta": 37.5},
        "computeProvider": {"ComputePub": 100.0}, "dataProvider": {}}


def test_cli_format_rounds_percents_to_6_places_and_maps_index_to_ranking_position() -> None:
    ranking = [{"rank": i + 1, "model_id": f"m{i}"} for i in range(7)]
    emission = default_build_emission(ranking, "c", None, None)
    shown = cli_format(emission, ranking)["crunchEmission"]
    assert shown == {"m0": 37.142857, **{f"m{i}": 12.142857 for i in range(1, 5)},
                     "m5": 7.142857, "m6": 7.142857}
    # cruncher_index i is ranking[i], whatever order the rewards come in.
    emission["cruncher_rewards"].reverse()
    assert list(cli_format(emission, ranking)["crunchEmission"]) == [f"m{i}" for i in
                                                                     reversed(range(7))]
    assert [(i, e and e["model_id"], p) for i, e, p in ranked_rewards(
        {"cruncher_rewards": [{"cruncher_index": 5, "reward_pct": FRAC64_ONE}]}, ranking[:2])
    ] == [(5, None, FRAC64_ONE)]


def test_summaries_are_weighted_by_prediction_count_and_the_ranking_is_enriched() -> None:
    snapshots: list[tuple[str, int, dict[str, Any]]] = [
        ("a", 100, {"value": 0.5, "success": 1.0, "note": "text"}),
        ("a", 300, {"value": 1.0, "success": 0.0}),
        ("a", 0, {"value": 99.0}),  # no predictions: counted, not weighed
        ("b", 10, {"value": -1.0, "hit": True})]  # a bool is not a number
    summaries = weighted_summaries(snapshots)
    assert summaries == {"a": ({"value": 0.875, "success": 0.25}, 3), "b": ({"value": -1.0}, 1)}
    ranking = rank_period(snapshots, "value", "desc")
    enriched = enrich_ranking(ranking, summaries, {"a": ("alpha", "alice")}, "value")
    assert enriched == [
        {"rank": 1, "model_id": "a", "score": 0.875, "prediction_count": 400,
         "model_name": "alpha", "cruncher_name": "alice", "snapshot_count": 3,
         "result_summary": {"value": 0.875, "success": 0.25}},
        {"rank": 2, "model_id": "b", "score": -1.0, "prediction_count": 10,
         "model_name": None, "cruncher_name": None, "snapshot_count": 1,
         "result_summary": {"value": -1.0}}]
    # A stored enriched ranking is served as stored (names as at build time).
    assert complete_ranking({"ranking": enriched}, {"a": ("renamed", "x")}) == enriched


def test_a_ranking_of_release_0_2_0_is_completed_at_read_time() -> None:
    meta = {"ranking_key": "value", "ranking": [
        {"rank": 1, "model_id": "a", "score": 0.5, "prediction_count": 3},
        {"rank": 2, "model_id": "gone", "score": None, "prediction_count": 1}]}
    assert complete_ranking(meta, {"a": ("alpha", None)}) == [
        {"rank": 1, "model_id": "a", "score": 0.5, "prediction_count": 3,
         "model_name": "alpha", "cruncher_name": None, "snapshot_count": None,
         "result_summary": {"value": 0.5}},
        {"rank": 2, "model_id": "gone", "score": None, "prediction_count": 1,
         "model_name": None, "cruncher_name": None, "snapshot_count": None,
         "result_summary": None}]


@pytest.mark.parametrize(("total", "reward_pct", "prize"), [
    (1000, 500_000_000, 500), (1001, 500_000_000, 501), (1001, 250_000_000, 250),
    (3, 500_000_000, 2), (0, FRAC64_ONE, 0), (10**30, 1, 10**21),
])
def test_prizes_are_rounded_halves_up_in_integers(total: int, reward_pct: int,
                                                  prize: int) -> None:
    assert prize_amount(total, reward_pct) == prize


@pytest.mark.parametrize(("emission", "ranked", "message"), [
    ([], 1, "build_emission returned list, not a dict"),
    ({"crunch": "c", "cruncher_rewards": []}, 0, "emission has no 'compute_provider_rewards'"),
    ({"crunch": "c", "cruncher_rewards": [{"cruncher_index": 0, "reward_pct": 999999999}],
      "compute_provider_rewards": [], "data_provider_rewards": []}, 1,
     "cruncher rewards sum to 999999999, not 1000000000"),
    ({"crunch": "c", "cruncher_rewards": [{"cruncher_index": 0, "reward_pct": 1e9}],
      "compute_provider_rewards": [], "data_provider_rewards": []}, 1,
     "every reward_pct must be a non-negative integer (frac64)"),
    ({"crunch": "c", "cruncher_rewards": [{"cruncher_index": 0, "reward_pct": FRAC64_ONE}],
      "compute_provider_rewards": [], "data_provider_rewards": []}, 2,
     "1 cruncher rewards for 2 ranked models"),
    ({"crunch": "c", "cruncher_rewards": [{"cruncher_index": 0, "reward_pct": FRAC64_ONE}],
      "compute_provider_rewards": [{"provider": "p", "reward_pct": 5}],
      "data_provider_rewards": []}, 1, "compute_provider_rewards sum to 5, not 1000000000"),
])
def test_invalid_emissions_are_refused(emission: object, ranked: int, message: str) -> None:
    with pytest.raises(EmissionError) as refused:
        validate_emission(emission, ranked)
    assert str(refused.value) == message


def test_transition_rules_name_current_and_allowed() -> None:
    assert transition_problem("PENDING", "SUBMITTED") is None
    assert transition_problem("SUBMITTED", "CLAIMABLE") is None
    assert transition_problem("CLAIMABLE", "PAID") is None
    assert transition_problem("SUBMITTED", "PAID") == (
        "checkpoint is SUBMITTED: cannot move to PAID; allowed next: only CLAIMABLE")
    assert transition_problem("PAID", "PENDING") == (
        "checkpoint is PAID: cannot move to PENDING; allowed next: none (the checkpoint is "
        "final)")
