"""Feed workflows: one long-running ingest per feed, past-range backfills, retention."""

from __future__ import annotations

from datetime import datetime, timedelta

from temporalio import workflow
from temporalio.common import RetryPolicy
from temporalio.exceptions import ActivityError, ApplicationError, FailureError, RetryState

with workflow.unsafe.imports_passed_through():
    from coordinator_node.activities.feeds import FeedActivities
    from coordinator_node.feeds.messages import (
        BackfillInput,
        BackfillProgress,
        CatchUpRangeInput,
        FeedIngestInput,
        FeedIngestStatus,
        FeedStateInput,
        FetchPagesInput,
        LiveInput,
        RetentionInput,
    )
    from coordinator_node.statuses import FeedState
    from coordinator_node.temporal import CRUNCH_ID, FEED_STATE

PAGE_TIMEOUT = timedelta(minutes=10)
PAGE_HEARTBEAT = timedelta(minutes=2)
PAGE_RETRY = RetryPolicy(initial_interval=timedelta(seconds=2),
                         maximum_interval=timedelta(minutes=1))
SHORT_TIMEOUT = timedelta(seconds=30)
# The live stream heartbeats every 2 s: a worker killed while streaming is noticed after this
# and the stream resumes on another (or the restarted) worker, so rounds wait seconds for
# their ground truth, not half a minute.
LIVE_HEARTBEAT = timedelta(seconds=10)
MAX_STALL_BACKOFF = timedelta(minutes=10)
PAGES_BEFORE_ROLLOVER = 200  # keeps a long backfill's history bounded
# 0.3.0: worker restarts are not stalls; backoff counts consecutive source failures only.
RESILIENT_LIVE_PATCH = "feed-resilient-live"
# 0.3.0: a backfill page fetch is tried at most `max_attempts` times, then the backfill fails
# with the fetch's last error.
BACKFILL_GIVES_UP_PATCH = "backfill-gives-up"
BACKFILL_FAILED = "BackfillFailed"


def _rows_before(err: ActivityError) -> int:
    """Rows the failed live session stored before its source failed (0 if unknown)."""
    cause = err.cause
    if isinstance(cause, ApplicationError) and cause.details:
        rows = cause.details[0]
        return rows if isinstance(rows, int) else 0
    return 0


def _failure_reason(err: ActivityError) -> str:
    """The activity's own error (`Type: message`), under Temporal's wrapping."""
    cause: BaseException | None = err.cause
    while isinstance(cause, FailureError) and not isinstance(cause, ApplicationError) and (
            cause.cause is not None):
        cause = cause.cause
    if isinstance(cause, ApplicationError):
        return f"{cause.type}: {cause.message}" if cause.type else cause.message
    return str(cause or err)


@workflow.defn
class FeedIngestWorkflow:
    """Backfill from the watermark, then stream live; roll over with continue-as-new.

    After a crash or a restart it resumes from the watermark (the DB is the truth), so there
    is no gap and — upserts on the natural key — no duplicate.
    """

    def __init__(self) -> None:
        self._state = FeedState.BACKFILLING
        self._rows = 0
        self._malformed = 0
        self._stalls = 0
        self._last_error: str | None = None
        self._feed = ""

    @workflow.run
    async def run(self, data: FeedIngestInput) -> None:
        self._feed, self._rows, self._malformed = str(data.feed), data.rows, data.malformed
        self._stalls = data.stalls
        resilient = workflow.patched(RESILIENT_LIVE_PATCH)
        await self._enter(FeedState.BACKFILLING, data)
        try:
            while True:
                span = await workflow.execute_activity_method(
                    FeedActivities.catch_up_range,
                    CatchUpRangeInput(feed=data.feed, backfill_days=data.backfill_days),
                    start_to_close_timeout=SHORT_TIMEOUT,
                )
                if span.start >= span.end:
                    break
                page = await workflow.execute_activity_method(
                    FeedActivities.fetch_pages,
                    FetchPagesInput(feed=data.feed, start=span.start, end=span.end),
                    start_to_close_timeout=PAGE_TIMEOUT, heartbeat_timeout=PAGE_HEARTBEAT,
                    retry_policy=PAGE_RETRY,
                )
                self._rows += page.rows
                self._malformed += page.malformed
                if page.next_start is None:
                    break
            await self._enter(FeedState.LIVE, data)
            live = await workflow.execute_activity_method(
                FeedActivities.stream_live,
                LiveInput(feed=data.feed, session_seconds=data.live_session_minutes * 60),
                start_to_close_timeout=timedelta(minutes=data.live_session_minutes + 5),
                heartbeat_timeout=LIVE_HEARTBEAT,
                # A lost worker (heartbeat timeout) is retried at once and without limit: it
                # is not a feed stall. The source's own failures come back non-retryable.
                retry_policy=RetryPolicy(initial_interval=timedelta(seconds=1),
                                         maximum_interval=timedelta(seconds=5))
                if resilient else RetryPolicy(initial_interval=timedelta(seconds=1),
                                              backoff_coefficient=2.0, maximum_attempts=3),
            )
            self._rows += live.rows
            self._malformed += live.malformed
            self._stalls = 0
        except ActivityError as err:
            # The source failed: say so, wait (growing), then start over (catching up).
            self._last_error = str(err.cause or err)
            if resilient:
                # Consecutive failures only: a session that stored rows first starts anew.
                self._stalls = 1 if _rows_before(err) else self._stalls + 1
                backoff = min(timedelta(seconds=2 ** min(self._stalls - 1, 16)),
                              timedelta(seconds=data.max_backoff_seconds))
            else:  # a run begun by release 0.2.0
                self._stalls += 1
                backoff = min(timedelta(seconds=15 * 2 ** min(self._stalls, 10)),
                              MAX_STALL_BACKOFF)
            await self._enter(FeedState.STALLED, data, self._last_error)
            await workflow.sleep(backoff)
        workflow.continue_as_new(data.model_copy(update={
            "rows": self._rows, "malformed": self._malformed, "stalls": self._stalls}))

    async def _enter(self, state: FeedState, data: FeedIngestInput,
                     detail: str | None = None) -> None:
        self._state = state
        workflow.upsert_search_attributes([FEED_STATE.value_set(state.value),
                                           CRUNCH_ID.value_set(data.crunch_id)])
        await workflow.execute_activity_method(
            FeedActivities.set_state,
            FeedStateInput(feed=data.feed, state=state, detail=detail),
            start_to_close_timeout=SHORT_TIMEOUT,
        )

    @workflow.query
    def status(self) -> FeedIngestStatus:
        return FeedIngestStatus(feed=self._feed, state=self._state, rows=self._rows,
                                malformed=self._malformed, stalls=self._stalls,
                                last_error=self._last_error)


@workflow.defn
class BackfillWorkflow:
    """Fill a past range `[start, end)`; the cursor lives in the workflow, so a retried or
    restarted backfill resumes where it was. One per feed at a time (workflow id)."""

    def __init__(self) -> None:
        self._progress: BackfillProgress | None = None

    @workflow.run
    async def run(self, data: BackfillInput) -> BackfillProgress:
        cursor = data.cursor or data.start
        rows, malformed = data.rows, data.malformed
        self._set_progress(data, cursor, rows, malformed, done=False)
        gives_up = workflow.patched(BACKFILL_GIVES_UP_PATCH)
        retry = PAGE_RETRY
        if gives_up:
            retry = RetryPolicy(initial_interval=PAGE_RETRY.initial_interval,
                                maximum_interval=PAGE_RETRY.maximum_interval,
                                maximum_attempts=max(0, data.max_attempts))
        for _ in range(PAGES_BEFORE_ROLLOVER):
            if cursor >= data.end:
                break
            fetch = workflow.execute_activity_method(
                FeedActivities.fetch_pages,
                FetchPagesInput(feed=data.feed, start=cursor, end=data.end, max_pages=10),
                start_to_close_timeout=PAGE_TIMEOUT, heartbeat_timeout=PAGE_HEARTBEAT,
                retry_policy=retry,
            )
            if not gives_up:  # a run begun by release 0.2.0
                page = await fetch
            else:
                try:
                    page = await fetch
                except ActivityError as err:
                    reason = _failure_reason(err)
                    spent = (f" after {data.max_attempts} attempts"
                             if err.retry_state == RetryState.MAXIMUM_ATTEMPTS_REACHED else "")
                    raise ApplicationError(
                        f"backfill of {data.feed} gave up at {cursor.isoformat()}{spent}: "
                        f"{reason}", type=BACKFILL_FAILED, non_retryable=True) from err
            rows += page.rows
            malformed += page.malformed
            cursor = page.next_start or data.end
            self._set_progress(data, cursor, rows, malformed, done=cursor >= data.end)
        if cursor < data.end:
            workflow.continue_as_new(data.model_copy(update={
                "cursor": cursor, "rows": rows, "malformed": malformed}))
        return self._set_progress(data, data.end, rows, malformed, done=True)

    def _set_progress(self, data: BackfillInput, cursor: datetime, rows: int, malformed: int,
                      done: bool) -> BackfillProgress:
        span = (data.end - data.start).total_seconds() or 1.0
        at = min(cursor, data.end)
        self._progress = BackfillProgress(
            feed=str(data.feed), start=data.start, end=data.end, cursor=at, rows=rows,
            malformed=malformed, done=done,
            fraction=1.0 if done else max(0.0, (at - data.start).total_seconds() / span))
        return self._progress

    @workflow.query
    def progress(self) -> BackfillProgress | None:
        return self._progress


@workflow.defn
class FeedRetentionWorkflow:
    @workflow.run
    async def run(self, data: RetentionInput) -> int:
        return await workflow.execute_activity_method(
            FeedActivities.purge_old_records, data,
            start_to_close_timeout=timedelta(hours=1), heartbeat_timeout=timedelta(minutes=2),
        )


FEED_WORKFLOWS: list[type] = [FeedIngestWorkflow, BackfillWorkflow, FeedRetentionWorkflow]
