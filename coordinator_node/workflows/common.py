"""What every workflow shares: the DB activity policies and the schedule's action time."""

from __future__ import annotations

from datetime import datetime, timedelta

from temporalio import workflow
from temporalio.common import RetryPolicy, SearchAttributeKey

SCHEDULED_START = SearchAttributeKey.for_datetime("TemporalScheduledStartTime")
# A database step: retried with backoff until the database answers (each is idempotent).
# Its timeout is short because it is also how long a step a killed worker was running waits
# before it is retried elsewhere.
DB_TIMEOUT = timedelta(seconds=20)
# A long database step (scoring, snapshots, a checkpoint's build) heartbeats every couple of
# seconds: a dead worker is noticed after this, not after its start-to-close timeout.
DB_HEARTBEAT_TIMEOUT = timedelta(seconds=10)
DB_RETRY = RetryPolicy(initial_interval=timedelta(seconds=1),
                       maximum_interval=timedelta(seconds=30))


def scheduled_time(fallback_step: int) -> datetime:
    """The schedule's action time (not now()): it names the slot or the period. Started by
    hand, the start time floored to `fallback_step` seconds."""
    scheduled = workflow.info().typed_search_attributes.get(SCHEDULED_START)
    if scheduled is not None:
        return scheduled
    start = workflow.info().start_time
    epoch = int(start.timestamp())
    return datetime.fromtimestamp(epoch - epoch % fallback_step, start.tzinfo)
