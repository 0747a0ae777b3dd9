"""What the chaos suite's node runs beside the example competition: a model slow enough that a
round stays PREDICTING for a while, and a scoring function slow enough to kill a worker in."""

from __future__ import annotations

import time
from typing import Any

from example_crunch.contract import score
from example_crunch.tracker import TrackerBase

PREDICT_SECONDS = 1.5
SCORE_SECONDS = 0.6  # per prediction: a round of four models scores for about 2.4 s


class SlowTracker(TrackerBase):
    """Momentum, after a pause."""

    def predict(self, subject: str, horizon_seconds: int, step_seconds: int) -> dict[str, Any]:
        time.sleep(PREDICT_SECONDS)
        closes = self.closes()
        return {"value": closes[-1] - closes[0] if len(closes) > 1 else 0.0}


def slow_score(prediction: dict[str, Any], ground_truth: dict[str, Any]) -> dict[str, Any]:
    """The example's directional score, after a pause."""
    time.sleep(SCORE_SECONDS)
    return score(prediction, ground_truth)
