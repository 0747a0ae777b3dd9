"""A slow participant model, laid out as one is submitted (a code directory with a main.py):
it answers after a pause, so a round stays PREDICTING long enough for the chaos suite to
kill the worker inside the predict step. Served by the real model runtime (.venv-models)."""

from __future__ import annotations

import time
from typing import Any

from example_crunch.tracker import TrackerBase

PREDICT_SECONDS = 1.5


class SlowMomentumTracker(TrackerBase):
    """Momentum over the whole window, after a pause."""

    def predict(self, subject: str, horizon_seconds: int, step_seconds: int) -> dict[str, Any]:
        time.sleep(PREDICT_SECONDS)
        closes = self.closes()
        return {"value": closes[-1] - closes[0] if len(closes) > 1 else 0.0}
