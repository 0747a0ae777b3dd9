"""The competition's contract: types, scope and rules the coordinator node runs."""

from __future__ import annotations

import math
from typing import Any

from pydantic import BaseModel, ConfigDict

from coordinator_node.contract import (
    CrunchContract,
    Ensemble,
    PredictionSchedule,
    ScheduledPredictionConfig,
)


class Prediction(BaseModel):
    """What a model returns: the expected return over the horizon (finite)."""

    model_config = ConfigDict(allow_inf_nan=False, extra="forbid")
    value: float


def score(prediction: dict[str, Any], ground_truth: dict[str, Any]) -> dict[str, Any]:
    """Directional score: +|return| when the sign is right, -|return| when wrong, 0 if flat.

    Scaled to basis points so the leaderboard shows readable numbers.
    """
    predicted, actual = float(prediction["value"]), float(ground_truth["return"])
    if predicted == 0.0 or actual == 0.0:
        return {"value": 0.0, "success": True, "failed_reason": None}
    sign = math.copysign(1.0, predicted) * math.copysign(1.0, actual)
    return {"value": sign * abs(actual) * 10_000, "success": True, "failed_reason": None}


def every(seconds: int, horizon: int) -> ScheduledPredictionConfig:
    """BTC, asked every `seconds`, resolved `horizon` seconds after each round."""
    return ScheduledPredictionConfig(
        scope_key=f"btc-{horizon}s-every-{seconds}s",
        scope_template={"subject": "BTC", "horizon": horizon, "step": seconds},
        schedule=PredictionSchedule(prediction_interval_seconds=seconds,
                                    resolve_after_seconds=horizon))


CONTRACT = CrunchContract(
    output_type=Prediction,
    # Two prediction configs side by side; each gets its own rounds and Schedule.
    prediction_configs=[every(15, 60), every(30, 120)],
    scoring_function=score,
    # The leaderboard shows the default quant metrics (IC, IC Sharpe, hit rate, max drawdown,
    # model correlation) beside the score, and each model's contribution to this
    # equal-weight ensemble of every model (`ensemble:crowd`, shown with
    # `include_ensembles=true`, never rewarded).
    ensembles=[Ensemble(name="crowd")],
)
