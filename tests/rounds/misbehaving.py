"""Models that misbehave in every way the engine must survive (hosted by local nodes)."""

from __future__ import annotations

import time
from typing import Any

from example_crunch.tracker import TrackerBase


class UpTracker(TrackerBase):
    def predict(self, subject: str, horizon_seconds: int, step_seconds: int) -> dict[str, Any]:
        return {"value": 1.0}


class DownTracker(TrackerBase):
    def predict(self, subject: str, horizon_seconds: int, step_seconds: int) -> dict[str, Any]:
        return {"value": -1.0}


class SleepyTracker(TrackerBase):
    """Answers, but only after 6 s: long enough to kill a worker mid-call."""

    def predict(self, subject: str, horizon_seconds: int, step_seconds: int) -> dict[str, Any]:
        time.sleep(6)
        return {"value": 1.0}


class PerfectTracker(TrackerBase):
    """Cheats in tests only: told the future through its tick, it always has the sign right."""

    def predict(self, subject: str, horizon_seconds: int, step_seconds: int) -> dict[str, Any]:
        future = (self.latest or {}).get("future_return", 0.0)
        return {"value": float(future)}


class EchoTracker(TrackerBase):
    """Answers what its tick carried, to prove tick and predict reach the same instance."""

    def predict(self, subject: str, horizon_seconds: int, step_seconds: int) -> dict[str, Any]:
        return {"value": float((self.latest or {}).get("asof_ts", -1)),
                "subject": subject, "horizon": horizon_seconds, "step": step_seconds}


class RaisingTracker(TrackerBase):
    def predict(self, subject: str, horizon_seconds: int, step_seconds: int) -> dict[str, Any]:
        raise RuntimeError("model exploded")


class SlowTracker(TrackerBase):
    def predict(self, subject: str, horizon_seconds: int, step_seconds: int) -> dict[str, Any]:
        time.sleep(4.5)
        return {"value": 1.0}


class NanTracker(TrackerBase):
    def predict(self, subject: str, horizon_seconds: int, step_seconds: int) -> dict[str, Any]:
        return {"value": float("nan")}


class WrongTypeTracker(TrackerBase):
    def predict(self, subject: str, horizon_seconds: int, step_seconds: int) -> Any:
        return "up"


class HugeTracker(TrackerBase):
    def predict(self, subject: str, horizon_seconds: int, step_seconds: int) -> dict[str, Any]:
        return {"value": 1.0, "padding": "x" * 200_000}
