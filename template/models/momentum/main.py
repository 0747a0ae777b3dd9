"""Momentum: an example model, laid out as a participant submits one.

This directory is the model's code directory. The model runtime (crunch-model-runner)
imports every module in it and serves the first subclass of `TrackerBase` it finds
outside the `example_crunch` package; so a model lives here, not inside the package.
"""

from __future__ import annotations

from typing import Any

from example_crunch.tracker import TrackerBase


class MomentumTracker(TrackerBase):
    """Bets the recent trend continues: the return over the last `lookback` candles."""

    lookback = 10

    def predict(self, subject: str, horizon_seconds: int, step_seconds: int) -> dict[str, Any]:
        closes = self.closes()
        if len(closes) <= self.lookback or closes[-self.lookback - 1] == 0:
            return {"value": 0.0}
        return {"value": closes[-1] / closes[-self.lookback - 1] - 1.0}
