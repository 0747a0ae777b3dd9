"""How long an activity's work took, as a node metric (coordinator_node.metrics)."""

from __future__ import annotations

import functools
import time
from collections.abc import Callable
from typing import Any, TypeVar

from temporalio import activity

from coordinator_node import metrics

F = TypeVar("F", bound=Callable[..., Any])


def timed(metric: str, **attributes: str) -> Callable[[F], F]:
    """Record a sync activity's duration in the histogram `metric` when it succeeds (a
    failed attempt is retried and timed again). Put it under `@activity.defn`."""
    def decorate(fn: F) -> F:
        @functools.wraps(fn)
        def wrapper(*args: Any, **kwargs: Any) -> Any:
            started = time.perf_counter()
            result = fn(*args, **kwargs)
            metrics.build_duration(activity.metric_meter(), metric,
                                   time.perf_counter() - started, attributes)
            return result
        return wrapper  # type: ignore[return-value]
    return decorate
