"""Ensembles (issue 20): weights by strategy, the combined signal, scoring it like a model, and
the per-model leave-one-out contribution and ensemble correlation."""

from __future__ import annotations

import math
from typing import Any

import numpy as np
import pytest

from coordinator_node.contract import Ensemble, default_scoring_function
from coordinator_node.rounds.ensembles import (
    EnsembleResult,
    build_ensemble,
    combine,
    contributions,
    ensemble_correlations,
    feature_neutral_ic,
    member_weights,
    score_signal,
)
from coordinator_node.rounds.metrics import MetricPanel

RETURNS = [0.01, -0.02, 0.03, -0.01]
TRUTHS = tuple({"return": r} for r in RETURNS)


def panel(signals: dict[str, Any], scores: Any = None) -> MetricPanel:
    built = MetricPanel.build(list(signals), list(signals.values()), RETURNS, scores)
    return MetricPanel(built.models, built.predictions, built.returns, built.scores,
                       built.eras, TRUTHS)


def mean_score(result_scores: np.ndarray) -> float:
    return float(np.nanmean(result_scores))


def test_an_ensemble_of_identical_models_has_contribution_zero_for_each() -> None:
    same = [1.0, -2.0, 3.0, -1.0]
    p = panel({"a": same, "b": same, "c": same})
    built = build_ensemble(Ensemble(name="all"), p, {}, default_scoring_function, "value")
    np.testing.assert_allclose(built.weights, [1 / 3] * 3)
    np.testing.assert_allclose(built.signal, same)
    assert built.model_id == "ensemble:all"
    assert mean_score(built.scores) == pytest.approx(sum(abs(r) for r in RETURNS) / 4)
    assert contributions(built, p, default_scoring_function, "value").tolist() == [0.0] * 3
    np.testing.assert_allclose(ensemble_correlations(built, p), [1.0] * 3)


def test_removing_the_best_model_lowers_the_ensembles_score() -> None:
    p = panel({"best": [3, -3, 3, -3], "m2": [-1, 1, 1, 1], "m3": [1, 1, -1, -1]})
    built = build_ensemble(Ensemble(name="all"), p, {}, default_scoring_function, "value")
    # (3-1+1)/3, (-3+1+1)/3, (3+1-1)/3, (-3+1-1)/3: every sign right
    np.testing.assert_allclose(built.signal, [1, -1 / 3, 1, -1])
    full = mean_score(built.scores)
    assert full == pytest.approx(0.0175)
    without_best, _ = score_signal(combine(p.predictions, np.array([0, 0.5, 0.5])), TRUTHS,
                                   default_scoring_function, "value")
    assert mean_score(without_best) < full  # m2+m3: 0, +1 (wrong), 0, 0
    contribution = contributions(built, p, default_scoring_function, "value")
    assert contribution[0] == pytest.approx(full - mean_score(without_best))
    assert contribution[0] > 0
    assert contribution[0] == max(contribution)


def test_strategies_and_filters_choose_the_weights() -> None:
    p = panel({"a": [1, 2, 3, 4], "b": [1, 1, 1, 1], "c": [None, None, None, None]},
              scores=[[1, -1, 1, -1], [0.5, 0.7, 0.5, 0.7], [None] * 4])
    # c never predicted: never a member
    np.testing.assert_allclose(member_weights(Ensemble(name="e"), p, {}), [0.5, 0.5, 0])
    # inverse variance of the scores: var(a) = 4/3, var(b) = 0.04/3
    w = member_weights(Ensemble(name="e", strategy="inverse_variance"), p, {})
    np.testing.assert_allclose(w, np.array([3 / 4, 3 / 0.04, 0]) / (3 / 4 + 3 / 0.04))
    metrics = {"a": {"ic": 0.2}, "b": {"ic": 0.5}, "c": {"ic": 0.9}}
    w = member_weights(Ensemble(name="e", strategy="top_k", k=1, metric="ic"), p, metrics)
    np.testing.assert_allclose(w, [0, 1, 0])
    w = member_weights(Ensemble(name="e", model_filter=lambda m: m != "b"), p, {})
    np.testing.assert_allclose(w, [1, 0, 0])
    # the only member: without it there is no ensemble, so no contribution
    built = build_ensemble(Ensemble(name="e", model_filter=lambda m: m == "a"), p, {},
                           default_scoring_function, "value")
    assert math.isnan(contributions(built, p, default_scoring_function, "value")[0])


def test_a_round_renormalises_over_the_members_that_predicted_it() -> None:
    predictions = np.array([[1.0, np.nan, np.nan], [3.0, 2.0, np.nan]])
    np.testing.assert_allclose(combine(predictions, np.array([0.75, 0.25])),
                               [1.5, 2.0, np.nan])


def test_fnc_is_the_ic_left_after_neutralising_against_the_ensemble() -> None:
    p = MetricPanel.build(["m", "same", "scaled"], [[1, 2, 3, 4], [1, 1, 2, 2], [2, 2, 4, 4]],
                          [0, 1, 0, 1])
    ensemble = EnsembleResult("ensemble:e", np.array([0.0, 1.0, 0.0]),
                              np.array([1.0, 1.0, 2.0, 2.0]), np.full(4, np.nan), [])
    fnc = feature_neutral_ic(ensemble, p)
    # m = 2.5 + 2·(E - 1.5) + (-0.5, 0.5, -0.5, 0.5): the residual ranks as the returns do
    assert fnc[0] == pytest.approx(1.0)
    assert math.isnan(fnc[1]) and math.isnan(fnc[2])  # nothing left beside the ensemble
