"""The base class every participant's model subclasses.

Each round the coordinator calls `tick(data)` with the newest market window (one JSON
argument), then `predict(subject, horizon_seconds, step_seconds)` (a str and two ints), and
expects `{"value": float}`: the expected return of `subject` over the next `horizon_seconds`
(its sign is what scores). Both calls pass their arguments by position, so a subclass may
name the parameters as it likes, e.g. `predict(self, subject, resolve_horizon_seconds,
step_seconds)`. The contract's `predict_call` says which method and arguments are used.
"""

from __future__ import annotations

from typing import Any


class TrackerBase:
    def __init__(self) -> None:
        self.latest: dict[str, Any] | None = None

    def tick(self, data: dict[str, Any]) -> None:
        """Receive `{symbol, asof_ts, candles_1m: [{ts, open, high, low, close, volume}]}`."""
        self.latest = data

    def predict(self, subject: str, horizon_seconds: int, step_seconds: int) -> dict[str, Any]:
        raise NotImplementedError

    # helpers for subclasses
    def closes(self) -> list[float]:
        if not self.latest:
            return []
        return [float(c["close"]) for c in self.latest.get("candles_1m", [])]
