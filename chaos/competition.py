"""The chaos suite's competition: the example one without its ensemble, and a scoring
function slow enough to kill a worker inside the scoring step. (The slow model is a code
directory, chaos/models/slow, served by the model runtime like every participant's model.)

Why no ensemble: a snapshot cycle scores each ensemble's prediction of every round, and each
model's leave-one-out contribution, with the contract's scoring function; at 0.6 s a call that
is about 20 s per 20 s cycle, and worker kills every 10 s would restart it for ever."""

from __future__ import annotations

import time
from typing import Any

from example_crunch.contract import CONTRACT as EXAMPLE
from example_crunch.contract import score

SCORE_SECONDS = 0.6  # per prediction: a round of four models scores for about 2.4 s
CONTRACT = EXAMPLE.model_copy(update={"ensembles": []})


def slow_score(prediction: dict[str, Any], ground_truth: dict[str, Any]) -> dict[str, Any]:
    """The example's directional score, after a pause."""
    time.sleep(SCORE_SECONDS)
    return score(prediction, ground_truth)
