"""The base class every participant's model subclasses.

Each round the coordinator calls `tick(data)` with the newest market window, then
`predict(subject, horizon_seconds, step_seconds)`, and expects `{"value": float}`: the
expected return of `subject` over the next `horizon_seconds` (its sign is what scores).
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
