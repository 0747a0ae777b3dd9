"""The example models' behaviour, on hand-made windows."""

from __future__ import annotations

from typing import Any

import pytest
from example_crunch.contract import CONTRACT, Prediction, score
from example_crunch.models.contrarian import ContrarianTracker
from example_crunch.models.mean_reversion import MeanReversionTracker
from example_crunch.models.momentum import MomentumTracker
from example_crunch.tracker import TrackerBase


def window(closes: list[float]) -> dict[str, Any]:
    return {"symbol": "BTC", "asof_ts": 0, "candles_1m": [
        {"ts": i, "open": c, "high": c, "low": c, "close": c, "volume": 1.0}
        for i, c in enumerate(closes)]}


def predict(model: TrackerBase, closes: list[float]) -> float:
    model.tick(window(closes))
    output = model.predict("BTC", 60, 15)
    return Prediction.model_validate(output).value


def test_momentum_follows_the_trend() -> None:
    assert predict(MomentumTracker(), [100.0 + i for i in range(20)]) > 0
    assert predict(MomentumTracker(), [100.0 - i for i in range(20)]) < 0
    assert predict(MomentumTracker(), [100.0]) == 0.0  # not enough history


def test_mean_reversion_bets_on_the_average() -> None:
    assert predict(MeanReversionTracker(), [100.0] * 10 + [110.0]) < 0
    assert predict(MeanReversionTracker(), [100.0] * 10 + [90.0]) > 0
    assert predict(MeanReversionTracker(), []) == 0.0


def test_contrarian_reverses_the_last_move() -> None:
    assert predict(ContrarianTracker(), [100.0, 101.0]) < 0
    assert predict(ContrarianTracker(), [100.0, 99.0]) > 0


@pytest.mark.parametrize("model", [MomentumTracker, MeanReversionTracker, ContrarianTracker])
def test_models_answer_the_call_the_contract_makes(model: type[TrackerBase]) -> None:
    """The node calls `CONTRACT.predict_call.method` with the scope's values by position."""
    call = CONTRACT.predict_call
    instance = model()
    instance.tick(window([100.0 + i for i in range(20)]))
    output = getattr(instance, call.method)(*call.values(CONTRACT.scope.model_dump()))
    assert Prediction.model_validate(output)


def test_scoring_rewards_the_right_direction() -> None:
    up = {"return": 0.001}
    assert score({"value": 0.5}, up)["value"] == pytest.approx(10.0)
    assert score({"value": -0.5}, up)["value"] == pytest.approx(-10.0)
    assert score({"value": 0.0}, up)["value"] == 0.0
    assert CONTRACT.scoring_function is score


def test_outputs_must_be_finite_numbers() -> None:
    for bad in ({"value": float("nan")}, {"value": float("inf")}, {"value": "up"}, {}):
        with pytest.raises(ValueError):
            Prediction.model_validate(bad)
