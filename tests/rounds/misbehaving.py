"""Models that misbehave in every way the engine must survive, served by the real model
runtime (`local_models` in tests/rounds/conftest.py gives each a code directory of its own).

This module runs inside `model-runner` processes too: it imports only the competition's base
class and the standard library. SleepyTracker and SlowTracker never answer on their own:
they wait at the test's gate (the `model_gate` fixture)."""

from __future__ import annotations

import time
from typing import Any

from example_crunch.tracker import TrackerBase

from tests.gate import wait_at_gate


class UpTracker(TrackerBase):
    def predict(self, subject: str, horizon_seconds: int, step_seconds: int) -> dict[str, Any]:
        return {"value": 1.0}


class DownTracker(TrackerBase):
    def predict(self, subject: str, horizon_seconds: int, step_seconds: int) -> dict[str, Any]:
        return {"value": -1.0}


class SleepyTracker(TrackerBase):
    """Answers only once the test opens the gate: a worker can be killed mid-call."""

    def predict(self, subject: str, horizon_seconds: int, step_seconds: int) -> dict[str, Any]:
        wait_at_gate("SleepyTracker")
        return {"value": 1.0}


class DrowsyTracker(TrackerBase):
    """Answers after 2 s, within any timeout: its round stays PREDICTING a while (the
    two-workers test kills a worker inside the predict step)."""

    def predict(self, subject: str, horizon_seconds: int, step_seconds: int) -> dict[str, Any]:
        time.sleep(2)
        return {"value": 1.0}


class PerfectTracker(TrackerBase):
    """Cheats in tests only: told the future through its tick, it always has the sign right."""

    def predict(self, subject: str, horizon_seconds: int, step_seconds: int) -> dict[str, Any]:
        future = (self.latest or {}).get("future_return", 0.0)
        return {"value": float(future)}


class EchoTracker(TrackerBase):
    """Answers what its tick carried, to prove tick and predict reach the same instance, and
    what it was called with (values and Python types, as decoded from the wire)."""

    def predict(self, subject: str, horizon_seconds: int, step_seconds: int) -> dict[str, Any]:
        return {"value": float((self.latest or {}).get("asof_ts", -1)),
                "subject": subject, "horizon": horizon_seconds, "step": step_seconds,
                "types": [type(a).__name__ for a in (subject, horizon_seconds, step_seconds)],
                "tick_type": type(self.latest).__name__}

    def echo(self, *args: Any) -> list[Any]:
        return [[a, type(a).__name__] for a in args]


class OldTemplateTracker(TrackerBase):
    """Written against the old engine's template: its own parameter names, so it only works
    when called by position; it checks the types the old engine sent (str, int, int)."""

    def predict(self, subject: str, resolve_horizon_seconds: int,
                step_seconds: int) -> dict[str, Any]:
        if not (isinstance(subject, str) and type(resolve_horizon_seconds) is int
                and type(step_seconds) is int):
            raise TypeError(f"unexpected arguments {subject!r}, {resolve_horizon_seconds!r}, "
                            f"{step_seconds!r}")
        return {"value": 1.0}


class ForecastTracker(TrackerBase):
    """A competition whose models answer `forecast(asset, horizon, features)`."""

    def forecast(self, asset: str, horizon: int, features: dict[str, Any]) -> dict[str, Any]:
        if asset != "BTCUSDT" or type(horizon) is not int or features != {"window": [1, 2]}:
            raise ValueError(f"unexpected arguments {asset!r}, {horizon!r}, {features!r}")
        return {"value": 1.0}


class RaisingTracker(TrackerBase):
    def predict(self, subject: str, horizon_seconds: int, step_seconds: int) -> dict[str, Any]:
        raise RuntimeError("model exploded")


class SlowTracker(TrackerBase):
    """Slower than any model timeout: answers only once the test opens the gate (its model
    node stays busy with the call until then)."""

    def predict(self, subject: str, horizon_seconds: int, step_seconds: int) -> dict[str, Any]:
        wait_at_gate("SlowTracker")
        return {"value": 1.0}


class NanTracker(TrackerBase):
    def predict(self, subject: str, horizon_seconds: int, step_seconds: int) -> dict[str, Any]:
        return {"value": float("nan")}


class WrongTypeTracker(TrackerBase):
    def predict(self, subject: str, horizon_seconds: int, step_seconds: int) -> Any:
        return "up"


class HugeTracker(TrackerBase):
    """Larger than the node accepts as an output (64 KiB), small enough for gRPC."""

    def predict(self, subject: str, horizon_seconds: int, step_seconds: int) -> dict[str, Any]:
        return {"value": 1.0, "padding": "x" * 200_000}


class GiantTracker(TrackerBase):
    """Larger than model-runner-client accepts from a node (gRPC's 4 MiB; the node sends up
    to 64 MiB)."""

    def predict(self, subject: str, horizon_seconds: int, step_seconds: int) -> dict[str, Any]:
        return {"value": 1.0, "padding": "x" * (5 * 1024 * 1024)}


class NoneTracker(TrackerBase):
    """Forgets to return."""

    def predict(self, subject: str, horizon_seconds: int, step_seconds: int) -> Any:
        return None
