"""Per-model quant metrics over a window of scored predictions (issue 20).

Every metric is a pure, vectorised function of one `MetricPanel` (M models by T rounds) that
returns one value per model: a float, or NaN where the metric is undefined for that model.
`compute_metrics` turns NaN (and ±inf) into None, so a stored or served metric is a number or
null, never NaN, and a metric that raises is null for every model instead of failing the cycle.

A *round* is one input: one (prediction config, slot), with one realised return. Rounds are
ordered by slot, then prediction config. Each round belongs to an *era* (`MetricPanel.eras`):
the rounds whose predictions are compared with each other. The snapshot cycle makes each
prediction config one era, so a cycle's IC is the rank correlation, per config, of a model's
predictions with the returns that followed, averaged over the configs; `turnover` compares
consecutive rounds of one era only.

A competition's contract can register its own metric: any `function(panel) -> M values`
(see `CrunchContract.custom_metrics`).
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
from numpy.typing import NDArray

from coordinator_node.contract import DEFAULT_METRIC_NAMES

Array = NDArray[np.float64]
MetricFunction = Callable[["MetricPanel"], Any]


@dataclass(frozen=True)
class MetricPanel:
    """The scored predictions of a window, as dense arrays.

    `predictions[m, t]`: model m's signal in round t (NaN: no valid prediction);
    `returns[t]`: the realised return of round t (NaN: unknown);
    `scores[m, t]`: the score of that prediction (NaN: not scored successfully);
    `eras[t]`: the era (an integer label) of round t.
    """

    models: list[str]
    predictions: Array
    returns: Array
    scores: Array
    eras: NDArray[np.int64] = field(default_factory=lambda: np.zeros(0, dtype=np.int64))
    # Each round's ground truth as resolved (for scoring ensembles); empty when not known.
    ground_truths: tuple[Any, ...] = ()

    def __post_init__(self) -> None:
        m, t = len(self.models), len(self.returns)
        if self.eras.shape != (t,):
            object.__setattr__(self, "eras", np.zeros(t, dtype=np.int64))
        if self.predictions.shape != (m, t) or self.scores.shape != (m, t):
            raise ValueError(f"panel shapes disagree: {m} models, {t} rounds, predictions "
                             f"{self.predictions.shape}, scores {self.scores.shape}")

    @classmethod
    def build(cls, models: Sequence[str], predictions: Any, returns: Any,
              scores: Any = None, eras: Any = None) -> MetricPanel:
        """A panel from nested lists (None = missing), for tests and custom code."""
        r = np.array(returns, dtype=np.float64).reshape(-1)
        p = np.array(predictions, dtype=np.float64).reshape(len(models), r.shape[0])
        s = (np.full_like(p, np.nan) if scores is None
             else np.array(scores, dtype=np.float64).reshape(p.shape))
        e = (np.zeros(r.shape[0], dtype=np.int64) if eras is None
             else np.array(eras, dtype=np.int64).reshape(-1))
        return cls(list(models), p, r, s, e)


# --- helpers -------------------------------------------------------------------------------
def _nan(shape: int) -> Array:
    return np.full(shape, np.nan)


def _rank_rows(x: Array) -> Array:
    """Average ranks (1-based, ties share their mean rank) of each row's finite entries; NaN
    entries stay NaN."""
    if x.size == 0:
        return x.copy()
    n = x.shape[1]
    order = np.argsort(x, axis=1, kind="mergesort")  # NaN sorts last
    xs = np.take_along_axis(x, order, axis=1)
    start = np.ones(xs.shape, dtype=bool)
    start[:, 1:] = xs[:, 1:] != xs[:, :-1]  # NaN != NaN: every NaN its own run
    end = np.ones(xs.shape, dtype=bool)
    end[:, :-1] = start[:, 1:]
    pos = np.broadcast_to(np.arange(n), xs.shape)
    first = np.maximum.accumulate(np.where(start, pos, 0), axis=1)
    last = np.minimum.accumulate(np.where(end, pos, n)[:, ::-1], axis=1)[:, ::-1]
    ranked = (first + last) / 2.0 + 1.0
    ranked[np.isnan(xs)] = np.nan
    out = np.empty_like(ranked)
    np.put_along_axis(out, order, ranked, axis=1)
    return out


def centered_pairs(a: Array, b: Array) -> tuple[NDArray[np.bool_], NDArray[np.int_], Array,
                                                Array]:
    """Per row, over the columns where both `a` and `b` are finite: that mask, its count, and
    `a` and `b` minus their means over it (0 elsewhere; a row with no such column is 0)."""
    both = np.isfinite(a) & np.isfinite(b)
    n = both.sum(axis=1)
    a0, b0 = np.where(both, a, 0.0), np.where(both, b, 0.0)
    with np.errstate(invalid="ignore", divide="ignore"):
        ma, mb = a0.sum(axis=1) / n, b0.sum(axis=1) / n
        da = np.where(both, a0 - ma[:, None], 0.0)
        db = np.where(both, b0 - mb[:, None], 0.0)
    return both, n, da, db


def _row_corr(a: Array, b: Array) -> Array:
    """Pearson correlation per row over the columns where both are finite; NaN with fewer than
    two such columns or a constant side."""
    _, n, da, db = centered_pairs(a, b)
    with np.errstate(invalid="ignore", divide="ignore"):
        cov = (da * db).sum(axis=1)
        var = (da * da).sum(axis=1) * (db * db).sum(axis=1)
        corr = cov / np.sqrt(var)
    tiny = var <= 1e-24
    return np.where((n >= 2) & ~tiny, np.clip(corr, -1.0, 1.0), np.nan)


def _spearman_rows(p: Array, r: Array) -> Array:
    """Spearman correlation of each row of `p` with `r` (broadcast), on their common finite
    columns: the Pearson correlation of the average ranks."""
    r2 = np.broadcast_to(r, p.shape)
    both = np.isfinite(p) & np.isfinite(r2)
    return _row_corr(_rank_rows(np.where(both, p, np.nan)), _rank_rows(np.where(both, r2, np.nan)))


def _era_ics(panel: MetricPanel) -> Array:
    """(M, E) Spearman IC of each model in each era."""
    eras = np.unique(panel.eras)
    out = np.full((len(panel.models), len(eras)), np.nan)
    for k, era in enumerate(eras):  # one vectorised pass per era, never per model
        cols = panel.eras == era
        out[:, k] = _spearman_rows(panel.predictions[:, cols], panel.returns[cols])
    return out


def _nanmean_rows(x: Array) -> Array:
    ok = np.isfinite(x)
    n = ok.sum(axis=1)
    with np.errstate(invalid="ignore", divide="ignore"):
        return np.where(n > 0, np.where(ok, x, 0.0).sum(axis=1) / n, np.nan)


def _nanstd_rows(x: Array) -> Array:
    """Sample standard deviation (ddof 1) of each row's finite entries; NaN below two."""
    ok = np.isfinite(x)
    n = ok.sum(axis=1)
    mean = _nanmean_rows(x)
    with np.errstate(invalid="ignore", divide="ignore"):
        dev = np.where(ok, x - mean[:, None], 0.0)
        return np.where(n >= 2, np.sqrt((dev * dev).sum(axis=1) / (n - 1)), np.nan)


# --- the built-in metrics ----------------------------------------------------------------
def ic(panel: MetricPanel) -> Array:
    """Information coefficient: in each era, the Spearman rank correlation (Pearson correlation
    of average ranks) between the model's predictions and the realised returns of the rounds
    it predicted; then the mean over the eras where it is defined. Undefined (null) in an era
    with fewer than two such rounds or with constant predictions or returns."""
    return _nanmean_rows(_era_ics(panel))


def ic_sharpe(panel: MetricPanel) -> Array:
    """mean(IC) / std(IC) over the eras (sample standard deviation): how consistent the IC is.
    Null with fewer than two eras with an IC, or when the ICs do not vary."""
    ics = _era_ics(panel)
    mean, std = _nanmean_rows(ics), _nanstd_rows(ics)
    with np.errstate(invalid="ignore", divide="ignore"):
        return np.where(std > 1e-12, mean / std, np.nan)


def mean_return(panel: MetricPanel) -> Array:
    """Mean return of the long-short portfolio the signals form: in each round the model is
    long one unit when its prediction is positive, short one unit when negative and flat at
    zero, earning sign(prediction) * realised return; the mean over the rounds it predicted.
    Null when it predicted no round with a known return."""
    ok = np.isfinite(panel.predictions) & np.isfinite(panel.returns)[None, :]
    earned = np.where(ok, np.sign(np.where(ok, panel.predictions, 0.0))
                      * np.where(np.isfinite(panel.returns), panel.returns, 0.0)[None, :], 0.0)
    n = ok.sum(axis=1)
    with np.errstate(invalid="ignore", divide="ignore"):
        return np.where(n > 0, earned.sum(axis=1) / n, np.nan)


def hit_rate(panel: MetricPanel) -> Array:
    """Share of predictions with the right sign: among the rounds the model predicted whose
    realised return is not zero, the share where prediction * return > 0 (a zero prediction
    is not a hit). Null when there is no such round."""
    r = panel.returns[None, :]
    ok = np.isfinite(panel.predictions) & np.isfinite(r) & (r != 0)
    hits = ok & (np.where(ok, panel.predictions * r, 0.0) > 0)
    n = ok.sum(axis=1)
    with np.errstate(invalid="ignore", divide="ignore"):
        return np.where(n > 0, hits.sum(axis=1) / n, np.nan)


def max_drawdown(panel: MetricPanel) -> Array:
    """Worst peak-to-trough fall of the cumulative score, as a non-negative number (0: the
    cumulative score never fell). The running sum starts at 0 and adds the model's scores
    round by round (rounds without a score add nothing); the drawdown at a round is the
    highest earlier level (0 included) minus the current one. Null without any score."""
    s = panel.scores
    has = np.isfinite(s).any(axis=1)
    if s.shape[1] == 0:
        return _nan(s.shape[0])
    cum = np.cumsum(np.where(np.isfinite(s), s, 0.0), axis=1)
    peak = np.maximum(np.maximum.accumulate(cum, axis=1), 0.0)
    return np.where(has, np.max(peak - cum, axis=1), np.nan)


def sortino_ratio(panel: MetricPanel) -> Array:
    """Mean score over downside deviation, sqrt(mean(min(score, 0)²)), both over the model's
    scored rounds. Null without scores or without a negative score (no downside)."""
    s = panel.scores
    ok = np.isfinite(s)
    n = ok.sum(axis=1)
    s0 = np.where(ok, s, 0.0)
    with np.errstate(invalid="ignore", divide="ignore"):
        mean = s0.sum(axis=1) / n
        downside = np.sqrt((np.minimum(s0, 0.0) ** 2).sum(axis=1) / n)
        return np.where((n > 0) & (downside > 1e-12), mean / downside, np.nan)


def turnover(panel: MetricPanel) -> Array:
    """Mean absolute change of the signal between consecutive rounds of one era, over the
    pairs of consecutive rounds the model predicted both of. Null with no such pair (one
    round)."""
    m = len(panel.models)
    total, count = np.zeros(m), np.zeros(m)
    for era in np.unique(panel.eras):
        p = panel.predictions[:, panel.eras == era]
        if p.shape[1] < 2:
            continue
        d = np.abs(np.diff(p, axis=1))
        ok = np.isfinite(d)
        total += np.where(ok, d, 0.0).sum(axis=1)
        count += ok.sum(axis=1)
    with np.errstate(invalid="ignore", divide="ignore"):
        return np.where(count > 0, total / count, np.nan)


def model_correlation(panel: MetricPanel) -> Array:
    """Mean Pearson correlation of the model's predictions with each other model's, each pair
    over the rounds both predicted; pairs with fewer than two common rounds or a constant side
    are left out. Null with no other model to compare with."""
    p = panel.predictions
    m = p.shape[0]
    if m < 2 or p.shape[1] == 0:
        return _nan(m)
    w = np.isfinite(p).astype(np.float64)
    x = np.where(w > 0, p, 0.0)
    # Pairwise-complete sums as four matrix products: n_ij, Σx_i, Σx_i², Σx_i·x_j over the
    # rounds both i and j predicted.
    n = w @ w.T
    sx = x @ w.T  # Σ over common rounds of x_i (row i, column j)
    sxx = (x * x) @ w.T
    sxy = x @ x.T
    with np.errstate(invalid="ignore", divide="ignore"):
        mx, my = sx / n, sx.T / n
        cov = sxy / n - mx * my
        vx = sxx / n - mx * mx
        vy = sxx.T / n - my * my
        corr = cov / np.sqrt(vx * vy)
    valid = (n >= 2) & (vx > 1e-18) & (vy > 1e-18) & ~np.eye(m, dtype=bool)
    corr = np.where(valid, np.clip(corr, -1.0, 1.0), 0.0)
    k = valid.sum(axis=1)
    with np.errstate(invalid="ignore", divide="ignore"):
        return np.where(k > 0, corr.sum(axis=1) / k, np.nan)


@dataclass(frozen=True)
class MetricSpec:
    """A registered metric: its function, how the leaderboard shows it, and which way is
    better (`desc`: higher is better)."""

    name: str
    function: MetricFunction
    display_name: str
    tooltip: str
    direction: str = "desc"


def _spec(function: MetricFunction, display: str, direction: str = "desc") -> MetricSpec:
    doc = " ".join((function.__doc__ or display).split())
    return MetricSpec(function.__name__, function, display, doc, direction)


BUILTIN_METRICS: dict[str, MetricSpec] = {s.name: s for s in (
    _spec(ic, "IC"),
    _spec(ic_sharpe, "IC Sharpe"),
    _spec(mean_return, "Mean return"),
    _spec(hit_rate, "Hit rate"),
    _spec(max_drawdown, "Max drawdown", "asc"),
    _spec(sortino_ratio, "Sortino ratio"),
    _spec(turnover, "Turnover", "asc"),
    _spec(model_correlation, "Model correlation", "asc"),
)}

# What a contract computes unless it says otherwise.
DEFAULT_METRICS: tuple[str, ...] = DEFAULT_METRIC_NAMES

METRIC_NAME_PATTERN = r"^[a-z][a-z0-9_]*$"


def metric_specs(names: Sequence[str],
                 custom: Mapping[str, MetricFunction] | None = None) -> list[MetricSpec]:
    """The specs of `names`, in order: a contract's own functions first, then the built-ins.
    An unknown name is a ValueError naming the known ones."""
    custom = dict(custom or {})
    specs = []
    for name in names:
        if name in custom:
            fn = custom[name]
            doc = " ".join((getattr(fn, "__doc__", None) or name).split())
            specs.append(MetricSpec(name, fn, name.replace("_", " ").capitalize(), doc))
        elif name in BUILTIN_METRICS:
            specs.append(BUILTIN_METRICS[name])
        else:
            known = sorted({*BUILTIN_METRICS, *custom})
            raise ValueError(f"unknown metric {name!r} (known: {', '.join(known)})")
    return specs


def _as_values(raw: Any, count: int) -> list[float | None]:
    values = np.asarray(raw, dtype=np.float64).reshape(-1)
    if values.shape[0] != count:
        raise ValueError(f"returned {values.shape[0]} values for {count} models")
    return [float(v) if math.isfinite(v) else None for v in values.tolist()]


def compute_metrics(panel: MetricPanel, specs: Sequence[MetricSpec]
                    ) -> dict[str, dict[str, float | None]]:
    """{model_id: {metric: value or None}} for every model of the panel. A metric that raises
    or returns the wrong shape is None for every model (the cycle goes on)."""
    results: dict[str, dict[str, float | None]] = {m: {} for m in panel.models}
    for spec in specs:
        try:
            with np.errstate(all="ignore"):
                values = _as_values(spec.function(panel), len(panel.models))
        except Exception:
            values = [None] * len(panel.models)
        for model_id, value in zip(panel.models, values, strict=True):
            results[model_id][spec.name] = value
    return results


def check_metric(spec: MetricSpec) -> None:
    """Run a metric on a small sample panel (3 models by 4 rounds, 2 eras, one model missing a
    round): a ValueError says what is wrong with it."""
    sample = MetricPanel.build(
        ["a", "b", "c"],
        [[0.1, -0.2, 0.3, 0.05], [0.2, 0.1, None, -0.1], [-0.1, 0.0, 0.2, 0.3]],
        [0.01, -0.02, 0.03, -0.01],
        [[1.0, 2.0, -1.0, 0.5], [0.5, -0.5, None, 1.0], [-1.0, 0.0, 2.0, 1.0]],
        [0, 0, 1, 1])
    try:
        with np.errstate(all="ignore"):
            _as_values(spec.function(sample), 3)
    except Exception as exc:
        raise ValueError(f"metric {spec.name!r} fails on a sample panel: {exc!r}") from None


def build_panel(rows: Sequence[tuple[str, Any, Any, Any, Any, Any]],
                signal_field: str, return_field: str) -> MetricPanel:
    """A panel from scored predictions: (model_id, round key, era key, output, ground truth,
    score value). Rounds are ordered by their key ((slot, config) sorts by time); a signal or
    return that is not a finite number is NaN."""
    models = sorted({row[0] for row in rows})
    rounds = sorted({(row[1], row[2]) for row in rows}, key=lambda k: (k[0], str(k[1])))
    model_at = {m: i for i, m in enumerate(models)}
    round_at = {k: i for i, k in enumerate(rounds)}
    era_labels = {e: i for i, e in enumerate(sorted({str(k[1]) for k in rounds}))}
    p = np.full((len(models), len(rounds)), np.nan)
    s = np.full_like(p, np.nan)
    r = np.full(len(rounds), np.nan)
    for model_id, key, era, output, truth, score in rows:
        i, t = model_at[model_id], round_at[(key, era)]
        p[i, t] = _number(output.get(signal_field) if isinstance(output, Mapping) else None)
        s[i, t] = _number(score)
        if math.isnan(r[t]):
            r[t] = _number(truth.get(return_field) if isinstance(truth, Mapping) else None)
    eras = np.array([era_labels[str(k[1])] for k in rounds], dtype=np.int64)
    truths: list[Any] = [None] * len(rounds)
    for _, key, era, _, truth, _ in rows:
        t = round_at[(key, era)]
        if truths[t] is None:
            truths[t] = truth
    return MetricPanel(models, p, r, s, eras, tuple(truths))


def _number(value: Any) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float):
        return math.nan
    number = float(value)
    return number if math.isfinite(number) else math.nan


# Per-model metrics measured against the contract's first ensemble (rounds/ensembles.py),
# computed only when the contract declares ensembles.
ENSEMBLE_METRICS: dict[str, MetricSpec] = {s.name: s for s in (
    MetricSpec("contribution", lambda panel: _nan(len(panel.models)), "Contribution",
               "Leave-one-out contribution to the first ensemble: the ensemble's mean score "
               "minus its mean score rebuilt without the model, over the rounds both have "
               "(0 when the model changes nothing; null for a model not in the ensemble)."),
    MetricSpec("ensemble_correlation", lambda panel: _nan(len(panel.models)),
               "Ensemble correlation",
               "Pearson correlation of the model's signals with the first ensemble's, over the "
               "rounds both have.", "asc"),
    MetricSpec("fnc", lambda panel: _nan(len(panel.models)), "FNC",
               "Feature-neutral correlation: the IC of the model's signals after neutralising "
               "them against the first ensemble's (in each era, the residual of the "
               "least-squares fit signal = a + b * ensemble); null when nothing is left."),
)}


def reported_metric_names(metrics: Sequence[str], has_ensembles: bool) -> list[str]:
    """The metrics snapshots and the leaderboard carry: the contract's, plus the ensemble
    metrics when it declares ensembles."""
    return [*metrics, *(ENSEMBLE_METRICS if has_ensembles else ())]


def reported_metric_specs(metrics: Sequence[str], custom: Mapping[str, MetricFunction],
                          has_ensembles: bool) -> list[MetricSpec]:
    return [*metric_specs(metrics, custom),
            *(ENSEMBLE_METRICS.values() if has_ensembles else ())]


def snapshot_metric_names(names: Sequence[str]) -> list[str]:
    """What each snapshot computes for `names`: `ic` too when `ic_sharpe` is asked for, since
    the leaderboard's `ic_sharpe` is taken over the snapshots' ICs."""
    names = list(names)
    if "ic_sharpe" in names and "ic" not in names:
        names.insert(names.index("ic_sharpe"), "ic")
    return names


def window_metrics(summaries: Sequence[Mapping[str, Any]], names: Sequence[str]
                   ) -> dict[str, float | None]:
    """One model's metrics over a leaderboard window, from its snapshots' summaries there:
    each metric's mean over the snapshots where it is a finite number (None where it never
    is), except `ic_sharpe`: mean / sample std of the snapshots' `ic` (None with fewer than
    two ICs or when they do not vary)."""
    out: dict[str, float | None] = {}
    for name in names:
        key = "ic" if name == "ic_sharpe" else name
        found = [float(v) for s in summaries
                 if isinstance(v := s.get(key), int | float) and not isinstance(v, bool)
                 and math.isfinite(v)]
        if name == "ic_sharpe":
            if len(found) < 2:
                out[name] = None
                continue
            mean = sum(found) / len(found)
            std = math.sqrt(sum((v - mean) ** 2 for v in found) / (len(found) - 1))
            out[name] = mean / std if std > 1e-12 else None
        else:
            out[name] = sum(found) / len(found) if found else None
    return out
