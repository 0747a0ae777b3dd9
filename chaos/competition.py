"""What the chaos suite's worker runs beside the example competition: a scoring function
slow enough to kill a worker inside the scoring step. (The slow model is a code directory,
chaos/models/slow, served by the model runtime like every participant's model.)"""

from __future__ import annotations

import time
from typing import Any

from example_crunch.contract import score

SCORE_SECONDS = 0.6  # per prediction: a round of four models scores for about 2.4 s


def slow_score(prediction: dict[str, Any], ground_truth: dict[str, Any]) -> dict[str, Any]:
    """The example's directional score, after a pause."""
    time.sleep(SCORE_SECONDS)
    return score(prediction, ground_truth)
