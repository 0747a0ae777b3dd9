"""Mean reversion: an example model, laid out as a participant submits one.

This directory is the model's code directory. The model runtime (crunch-model-runner)
imports every module in it and serves the first subclass of `TrackerBase` it finds
outside the `example_crunch` package; so a model lives here, not inside the package.
"""

from __future__ import annotations

from typing import Any

from example_crunch.tracker import TrackerBase


class MeanReversionTracker(TrackerBase):
    """Bets the price returns to its moving average over the window."""

    def predict(self, subject: str, horizon_seconds: int, step_seconds: int) -> dict[str, Any]:
        closes = self.closes()
        if not closes:
            return {"value": 0.0}
        mean = sum(closes) / len(closes)
        return {"value": (mean - closes[-1]) / closes[-1]}
