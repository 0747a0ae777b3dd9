"""The example models' behaviour, on hand-made windows (each model loaded from its code
directory, `models/<name>/`)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from example_crunch.contract import CONTRACT, Prediction, score
from example_crunch.tracker import TrackerBase

Load = Callable[[str], TrackerBase]


def window(closes: list[float]) -> dict[str, Any]:
    return {"symbol": "BTC", "asof_ts": 0, "candles_1m": [
        {"ts": i, "open": c, "high": c, "low": c, "close": c, "volume": 1.0}
        for i, c in enumerate(closes)]}


def predict(model: TrackerBase, closes: list[float]) -> float:
    model.tick(window(closes))
    output = model.predict("BTC", 60, 15)
    return Prediction.model_validate(output).value


def test_momentum_follows_the_trend(load_model: Load) -> None:
    assert predict(load_model("momentum"), [100.0 + i for i in range(20)]) > 0
    assert predict(load_model("momentum"), [100.0 - i for i in range(20)]) < 0
    assert predict(load_model("momentum"), [100.0]) == 0.0  # not enough history


def test_mean_reversion_bets_on_the_average(load_model: Load) -> None:
    assert predict(load_model("mean_reversion"), [100.0] * 10 + [110.0]) < 0
    assert predict(load_model("mean_reversion"), [100.0] * 10 + [90.0]) > 0
    assert predict(load_model("mean_reversion"), []) == 0.0


def test_contrarian_reverses_the_last_move(load_model: Load) -> None:
    assert predict(load_model("contrarian"), [100.0, 101.0]) < 0
    assert predict(load_model("contrarian"), [100.0, 99.0]) > 0


@pytest.mark.parametrize("name", ["momentum", "mean_reversion", "contrarian"])
def test_models_answer_the_call_the_contract_makes(load_model: Load, name: str) -> None:
    """The node calls `CONTRACT.predict_call.method` with the scope's values by position."""
    call = CONTRACT.predict_call
    instance = load_model(name)
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
