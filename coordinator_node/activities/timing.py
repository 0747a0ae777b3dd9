"""The node's metrics from activities (coordinator_node.metrics): the meter, and how long an
activity's work took."""

from __future__ import annotations

import functools
import time
from collections.abc import Callable
from typing import Any, TypeVar

from temporalio import activity
from temporalio.common import MetricMeter

from coordinator_node import metrics

F = TypeVar("F", bound=Callable[..., Any])


def meter() -> MetricMeter:
    """The running activity's meter; a no-op one when the method is called directly (the
    benchmarks do), so nothing is recorded and nothing fails."""
    return activity.metric_meter() if activity.in_activity() else MetricMeter.noop


def timed(metric: str, **attributes: str) -> Callable[[F], F]:
    """Record a sync activity's duration in the histogram `metric` when it succeeds (a
    failed attempt is retried and timed again). Put it under `@activity.defn`."""
    def decorate(fn: F) -> F:
        @functools.wraps(fn)
        def wrapper(*args: Any, **kwargs: Any) -> Any:
            started = time.perf_counter()
            result = fn(*args, **kwargs)
            metrics.build_duration(meter(), metric,
                                   time.perf_counter() - started, attributes)
            return result
        return wrapper  # type: ignore[return-value]
    return decorate
