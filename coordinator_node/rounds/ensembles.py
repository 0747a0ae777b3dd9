"""Ensembles (issue 20): virtual models `ensemble:<name>` built each snapshot cycle from the
participants' signals, scored like a model, never rewarded; and the per-model metrics
measured against an ensemble (`contribution`, leave-one-out, and `ensemble_correlation`).

An ensemble's signal in a round is the weighted mean of its members' signals there (the
weights of the members that predicted the round, renormalised); a round none of them
predicted has no ensemble signal. It is scored with the contract's scoring function on
`{signal_field: signal}` and the round's ground truth.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

import numpy as np
from pydantic import BaseModel

from coordinator_node.contract import Ensemble
from coordinator_node.ids import ensemble_model_id, is_ensemble
from coordinator_node.rounds.metrics import (
    Array,
    MetricPanel,
    _nanstd_rows,
    _row_corr,
    centered_pairs,
    ic,
)


@dataclass(frozen=True)
class EnsembleResult:
    model_id: str
    weights: Array  # (M,) summing to 1 over the members (0 elsewhere)
    signal: Array  # (T,) NaN where no member predicted
    scores: Array  # (T,) NaN where unscored
    results: list[dict[str, Any]]  # the scoring function's results, for aggregate_snapshot


def member_weights(ensemble: Ensemble, panel: MetricPanel,
                   metrics: Mapping[str, Mapping[str, float | None]]) -> Array:
    """(M,) weights summing to 1 over the members, 0 for the others (all 0: no member)."""
    keep = np.array([not is_ensemble(m) and (ensemble.model_filter is None
                                             or bool(ensemble.model_filter(m)))
                     for m in panel.models], dtype=bool)
    keep &= np.isfinite(panel.predictions).any(axis=1) if panel.models else keep
    weights = keep.astype(np.float64)
    if ensemble.strategy == "inverse_variance":
        std = _nanstd_rows(panel.scores) if panel.models else np.zeros(0)
        with np.errstate(invalid="ignore", divide="ignore"):
            inverse = np.where(keep & (std > 1e-9), 1.0 / (std * std), 0.0)
        if inverse.sum() > 0:  # else: nobody has a score spread, equal weights
            weights = inverse
    elif ensemble.strategy == "top_k":
        sign = -1.0 if ensemble.metric_direction == "desc" else 1.0
        ranked = sorted(
            (i for i, m in enumerate(panel.models)
             if keep[i] and metrics.get(m, {}).get(ensemble.metric) is not None),
            key=lambda i: (sign * float(metrics[panel.models[i]][ensemble.metric] or 0.0),
                           panel.models[i]))
        weights = np.zeros(len(panel.models))
        weights[ranked[:ensemble.k]] = 1.0
    total = weights.sum()
    return weights / total if total > 0 else weights


def combine(predictions: Array, weights: Array) -> Array:
    """(T,) weighted mean of the members' signals per round; NaN where none predicted."""
    ok = np.isfinite(predictions) & (weights[:, None] > 0)
    num = np.where(ok, predictions * weights[:, None], 0.0).sum(axis=0)
    den = np.where(ok, weights[:, None], 0.0).sum(axis=0)
    with np.errstate(invalid="ignore", divide="ignore"):
        return np.where(den > 0, num / den, np.nan)


def score_signal(signal: Array, truths: tuple[Any, ...], scoring: Callable[..., Any],
                 signal_field: str) -> tuple[Array, list[dict[str, Any]]]:
    """Each round's score of `signal` by the contract's scoring function (NaN where there is
    no signal or ground truth, or scoring fails), and the successful results."""
    scores = np.full(signal.shape, np.nan)
    results: list[dict[str, Any]] = []
    for t, value in enumerate(signal.tolist()):
        truth = truths[t] if t < len(truths) else None
        if not math.isfinite(value) or not isinstance(truth, Mapping):
            continue
        try:
            result = scoring({signal_field: value}, dict(truth))
            if isinstance(result, BaseModel):
                result = result.model_dump()
            score = result.get("value")
        except Exception:
            continue
        if (isinstance(score, int | float) and not isinstance(score, bool)
                and math.isfinite(score) and result.get("success", True) is not False):
            scores[t] = float(score)
            results.append(dict(result))
    return scores, results


def build_ensemble(ensemble: Ensemble, panel: MetricPanel,
                   metrics: Mapping[str, Mapping[str, float | None]],
                   scoring: Callable[..., Any], signal_field: str) -> EnsembleResult:
    weights = member_weights(ensemble, panel, metrics)
    signal = combine(panel.predictions, weights)
    scores, results = score_signal(signal, panel.ground_truths, scoring, signal_field)
    return EnsembleResult(ensemble_model_id(ensemble.name), weights, signal, scores, results)


def ensemble_panel(result: EnsembleResult, panel: MetricPanel) -> MetricPanel:
    """The ensemble as a one-model panel, for its own metrics."""
    return MetricPanel([result.model_id], result.signal[None, :], panel.returns,
                       result.scores[None, :], panel.eras, panel.ground_truths)


def _mean_common(a: Array, b: Array) -> float:
    both = np.isfinite(a) & np.isfinite(b)
    if not both.any():
        return math.nan
    return float(a[both].mean() - b[both].mean())


def contributions(result: EnsembleResult, panel: MetricPanel, scoring: Callable[..., Any],
                  signal_field: str) -> Array:
    """(M,) leave-one-out contribution: the ensemble's mean score minus the mean score of the
    ensemble rebuilt without the model (weights of the others renormalised), over the rounds
    both are scored in. NaN for a model that is not a member."""
    out = np.full(len(panel.models), np.nan)
    w = result.weights
    if (w > 0).sum() < 2:  # the only member: without it there is no ensemble
        return out
    # Every leave-one-out signal at once: the full weighted sums minus the member's own
    # term (renormalising is implied by dividing by the remaining weight).
    ok = np.isfinite(panel.predictions) & (w[:, None] > 0)
    terms = np.where(ok, panel.predictions * w[:, None], 0.0)
    mass = np.where(ok, w[:, None], 0.0)
    num, den = terms.sum(axis=0), mass.sum(axis=0)
    rest = den[None, :] - mass
    with np.errstate(invalid="ignore", divide="ignore"):
        signals = np.where(rest > 1e-12, (num[None, :] - terms) / rest, np.nan)
    for i in np.flatnonzero(w > 0).tolist():
        scores, _ = score_signal(signals[i], panel.ground_truths, scoring, signal_field)
        out[i] = _mean_common(result.scores, scores)
    return out


def ensemble_correlations(result: EnsembleResult, panel: MetricPanel) -> Array:
    """(M,) Pearson correlation of each model's signals with the ensemble's."""
    if not panel.models:
        return np.zeros(0)
    return _row_corr(panel.predictions, np.broadcast_to(result.signal, panel.predictions.shape))


def feature_neutral_ic(result: EnsembleResult, panel: MetricPanel) -> Array:
    """(M,) `fnc`: the IC (rounds/metrics.py `ic`) of each model's signals after neutralising
    them against the ensemble's: in each era, over the rounds both have, the residual of the
    least-squares fit signal ≈ a + b · ensemble. NaN where the residual is constant (a model
    that is the ensemble, up to scale) or there are too few rounds."""
    if not panel.models:
        return np.zeros(0)
    residual = np.full(panel.predictions.shape, np.nan)
    for era in np.unique(panel.eras):
        cols = panel.eras == era
        p = panel.predictions[:, cols]
        e = np.broadcast_to(result.signal[cols], p.shape)
        both, _, dp, de = centered_pairs(p, e)
        with np.errstate(invalid="ignore", divide="ignore"):
            var = (de * de).sum(axis=1)
            beta = np.where(var > 1e-18, (dp * de).sum(axis=1) / var, 0.0)
            fitted = dp - beta[:, None] * de
        fitted = np.where(both, fitted, np.nan)
        # A residual that is only rounding noise around a fit is no signal.
        scale = np.nanmax(np.abs(np.where(both, p, np.nan)), axis=1, initial=0.0)
        noise = np.nanmax(np.abs(fitted), axis=1, initial=0.0) <= 1e-9 * np.maximum(scale, 1e-300)
        fitted[noise] = np.nan
        residual[:, cols] = fitted
    neutral = MetricPanel(panel.models, residual, panel.returns, panel.scores, panel.eras,
                          panel.ground_truths)
    return ic(neutral)
