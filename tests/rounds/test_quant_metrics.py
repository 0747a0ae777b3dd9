"""The built-in quant metrics (issue 20), each against values computed by hand, with the
degenerate inputs (one round, constant predictions, nothing scored) giving None, never NaN."""

from __future__ import annotations

import math
from datetime import UTC, datetime, timedelta
from typing import Any

import numpy as np
import pytest

from coordinator_node.rounds.metrics import (
    BUILTIN_METRICS,
    DEFAULT_METRICS,
    MetricPanel,
    MetricSpec,
    build_panel,
    check_metric,
    compute_metrics,
    metric_specs,
)

N = None


def values(name: str, models: list[str], predictions: Any, returns: Any,
           scores: Any = None, eras: Any = None) -> dict[str, float | None]:
    panel = MetricPanel.build(models, predictions, returns, scores, eras)
    computed = compute_metrics(panel, [BUILTIN_METRICS[name]])
    return {m: computed[m][name] for m in models}


def test_ic_is_the_spearman_correlation_with_the_realised_returns() -> None:
    got = values("ic", ["a", "flat", "once"],
                 [[1, 2, 3, 4], [5, 5, 5, 5], [1, N, N, N]], [0.1, 0.3, 0.2, 0.4])
    # ranks 1 2 3 4 vs 1 3 2 4: 1 - 6·2 / (4·15) = 0.8
    assert got["a"] == pytest.approx(0.8)
    assert got["flat"] is None  # constant predictions
    assert got["once"] is None  # one round


def test_ic_ranks_ties_by_their_average_rank() -> None:
    got = values("ic", ["a"], [[1, 1, 2, 3]], [1, 2, 3, 4])
    # ranks 1.5 1.5 3 4 vs 1 2 3 4: cov 4.5 / sqrt(4.5 · 5)
    assert got["a"] == pytest.approx(4.5 / math.sqrt(22.5))


def test_ic_is_averaged_over_eras_and_ic_sharpe_is_its_mean_over_std() -> None:
    kwargs: dict[str, Any] = dict(models=["a"], predictions=[[1, 2, 3, 1, 2, 3]],
                  returns=[1, 2, 3, 1, 3, 2], eras=[0, 0, 0, 1, 1, 1])
    # era 0: IC 1; era 1: ranks 1 2 3 vs 1 3 2 → 0.5
    assert values("ic", **kwargs)["a"] == pytest.approx(0.75)
    assert values("ic_sharpe", **kwargs)["a"] == pytest.approx(0.75 / math.sqrt(0.125))
    # One era: no spread of ICs.
    assert values("ic_sharpe", ["a"], [[1, 2, 3]], [1, 3, 2])["a"] is None
    # Two equal ICs: std 0.
    assert values("ic_sharpe", ["a"], [[1, 2, 1, 2]], [1, 2, 1, 2], eras=[0, 0, 1, 1])["a"] is None


def test_mean_return_of_the_long_short_portfolio() -> None:
    got = values("mean_return", ["a", "none"], [[0.5, -1, 0, 2, N], [N, N, N, N, N]],
                 [0.1, 0.2, 0.3, -0.4, 9.0])
    # +0.1, -0.2, 0 (flat), -0.4; the last round was not predicted
    assert got["a"] == pytest.approx(-0.125)
    assert got["none"] is None


def test_hit_rate_counts_the_right_signs() -> None:
    got = values("hit_rate", ["a", "flat_market"], [[0.5, -1, 0, 2, 1], [1, 1, 1, 1, 1]],
                 [0.1, -0.2, 0.3, -0.4, 0.0])
    assert got["a"] == pytest.approx(0.5)  # 2 right of the 4 rounds that moved
    assert values("hit_rate", ["a"], [[1, -1]], [0.0, 0.0])["a"] is None


def test_max_drawdown_of_the_cumulative_score() -> None:
    got = values("max_drawdown", ["a", "up", "down", "none"],
                 [[0] * 5] * 4, [0] * 5,
                 scores=[[1, -2, 3, -1, -1], [1, 1, N, 1, 1], [-1, -1, N, N, N], [N] * 5])
    assert got["a"] == pytest.approx(2.0)  # 1 → -1, and 2 → 0
    assert got["up"] == 0.0
    assert got["down"] == pytest.approx(2.0)  # from the start (0) down to -2
    assert got["none"] is None


def test_sortino_ratio_is_mean_over_downside_deviation() -> None:
    got = values("sortino_ratio", ["a", "never_lost", "once"], [[0] * 4] * 3, [0] * 4,
                 scores=[[3, -1, 1, -2], [1, 2, 0, 1], [-2, N, N, N]])
    assert got["a"] == pytest.approx(0.25 / math.sqrt(1.25))
    assert got["never_lost"] is None
    assert got["once"] == pytest.approx(-1.0)


def test_turnover_within_eras_only() -> None:
    assert values("turnover", ["a"], [[1, 3, 2, N, 5]], [0] * 5)["a"] == pytest.approx(1.5)
    # the jump from era 0 to era 1 is not a change of signal
    assert values("turnover", ["a"], [[1, 2, 10, 14]], [0] * 4,
                  eras=[0, 0, 1, 1])["a"] == pytest.approx(2.5)
    assert values("turnover", ["a"], [[1]], [0])["a"] is None
    assert values("turnover", ["a"], [[7, 7, 7]], [0] * 3)["a"] == 0.0


def test_model_correlation_with_the_other_models() -> None:
    got = values("model_correlation", ["a", "b", "c", "flat"],
                 [[1, 2, 3, 4], [2, 4, 6, 8], [4, 3, 2, 1], [1, 1, 1, 1]], [0] * 4)
    assert got["a"] == pytest.approx(0.0)  # +1 with b, -1 with c
    assert got["b"] == pytest.approx(0.0)
    assert got["c"] == pytest.approx(-1.0)
    assert got["flat"] is None  # constant: no correlation with anyone
    assert values("model_correlation", ["alone"], [[1, 2]], [0, 0])["alone"] is None
    # pairs compare the rounds both predicted
    got = values("model_correlation", ["a", "b"], [[1, 2, 3, N], [1, 2, 3, -50]], [0] * 4)
    assert got == {"a": pytest.approx(1.0), "b": pytest.approx(1.0)}


@pytest.mark.parametrize("name", sorted(BUILTIN_METRICS))
def test_degenerate_panels_give_none_never_nan(name: str) -> None:
    cases: list[tuple[Any, Any, Any, Any]] = [
        ([], [], [], None),  # nothing at all
        (["a"], [[]], [], [[]]),  # no round
        (["a"], [[0.3]], [0.01], [[0.5]]),  # one round
        (["a", "b"], [[1, 1, 1], [1, 1, 1]], [0, 0, 0], [[0, 0, 0], [0, 0, 0]]),  # constants
        (["a"], [[N, N]], [N, N], [[N, N]]),  # all missing
    ]
    for models, predictions, returns, scores in cases:
        got = values(name, models, predictions, returns, scores)
        for value in got.values():
            assert value is None or math.isfinite(value)


def test_every_builtin_has_its_definition_in_its_docstring() -> None:
    for spec in BUILTIN_METRICS.values():
        assert len(spec.tooltip) > 60, spec.name
        assert spec.direction in ("asc", "desc")
    assert set(DEFAULT_METRICS) <= set(BUILTIN_METRICS)


def test_a_failing_custom_metric_is_none_and_check_metric_names_it() -> None:
    def broken(panel: MetricPanel) -> list[float]:
        raise ZeroDivisionError("boom")

    def wrong_length(panel: MetricPanel) -> list[float]:
        return [1.0]

    def score_sum(panel: MetricPanel) -> np.ndarray:
        """Total score."""
        return np.nansum(panel.scores, axis=1)

    specs = metric_specs(["score_sum", "broken", "ic"],
                         {"broken": broken, "score_sum": score_sum})
    panel = MetricPanel.build(["a", "b"], [[1, 2], [2, 1]], [1, 2], [[1, 2], [3, 4]])
    got = compute_metrics(panel, specs)
    assert got["a"] == {"score_sum": 3.0, "broken": None, "ic": 1.0}
    assert got["b"]["score_sum"] == 7.0
    with pytest.raises(ValueError, match=r"'broken'.*boom"):
        check_metric(MetricSpec("broken", broken, "Broken", ""))
    with pytest.raises(ValueError, match="1 values for 3 models"):
        check_metric(MetricSpec("wrong_length", wrong_length, "W", ""))
    with pytest.raises(ValueError, match="unknown metric 'nope'"):
        metric_specs(["nope"])
    for spec in BUILTIN_METRICS.values():
        check_metric(spec)


def test_build_panel_orders_rounds_by_slot_and_makes_configs_eras() -> None:
    t0 = datetime(2026, 1, 1, tzinfo=UTC)
    rows: list[tuple[Any, ...]] = [
        ("m2", t0 + timedelta(seconds=30), "cfg-b", {"value": 2.0}, {"return": 0.2}, 1.0),
        ("m1", t0, "cfg-a", {"value": 1.0}, {"return": 0.1}, 0.5),
        ("m1", t0 + timedelta(seconds=30), "cfg-b", {"value": True}, {"return": 0.2}, None),
        ("m1", t0 + timedelta(seconds=15), "cfg-a", {"value": 3.0}, {"return": "x"}, -1.0),
    ]
    panel = build_panel(rows, "value", "return")
    assert panel.models == ["m1", "m2"]
    np.testing.assert_array_equal(panel.eras, [0, 0, 1])
    np.testing.assert_array_equal(panel.predictions, [[1.0, 3.0, np.nan], [np.nan, np.nan, 2.0]])
    np.testing.assert_array_equal(panel.returns, [0.1, np.nan, 0.2])
    np.testing.assert_array_equal(panel.scores, [[0.5, -1.0, np.nan], [np.nan, np.nan, 1.0]])


def test_the_readme_defines_every_builtin_metric() -> None:
    from pathlib import Path

    readme = (Path(__file__).resolve().parents[2] / "README.md").read_text()
    section = readme.split("\n## Quant metrics", 1)[1].split("\n## ", 1)[0]
    for name in BUILTIN_METRICS:
        assert f"\n| `{name}` | " in section, name
