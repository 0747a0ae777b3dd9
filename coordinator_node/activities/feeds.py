"""Feed activities: paged backfill, the live stream, feed state, retention."""

from __future__ import annotations

import asyncio
import dataclasses
import logging
from collections.abc import Callable, Sequence
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import delete, select
from temporalio import activity
from temporalio.exceptions import ApplicationError

from coordinator_node import metrics
from coordinator_node.activities.heartbeat import heartbeating
from coordinator_node.activities.timing import meter
from coordinator_node.db import session_scope
from coordinator_node.db.tables import FeedRecord
from coordinator_node.db.types import utcnow
from coordinator_node.feeds.messages import (
    CatchUpRangeInput,
    FeedStateInput,
    FetchHeartbeat,
    FetchPagesInput,
    FetchPagesResult,
    LiveInput,
    LiveResult,
    RetentionInput,
    TimeRange,
)
from coordinator_node.feeds.registry import build_provider
from coordinator_node.feeds.store import (
    read_watermark,
    record_malformed,
    set_feed_state,
    store_rows,
)
from coordinator_node.feeds.types import (
    FeedKey,
    FeedProvider,
    FeedRow,
    floor_time,
    granularity_seconds,
)
from coordinator_node.services import Services
from coordinator_node.statuses import FeedState

log = logging.getLogger("coordinator_node.activities.feeds")

HEARTBEAT_SECONDS = 2.0  # the live stream's beat (its heartbeat timeout is 10 s)
FEED_SOURCE_ERROR = "FeedSourceError"
PURGE_BATCH = 10_000


class FeedActivities:
    def __init__(self, services: Services,
                 providers: dict[str, FeedProvider] | None = None) -> None:
        self.services = services
        self._providers = providers or {}

    def provider(self, source: str) -> FeedProvider:
        if source not in self._providers:
            self._providers[source] = build_provider(self.services.settings, source)
        return self._providers[source]

    def _store(self, key: FeedKey, rows: list[FeedRow], malformed: int = 0) -> datetime | None:
        """One transaction: the rows, the watermark and the malformed count move together."""
        with session_scope(self.services.engine) as session:
            record_malformed(session, key, malformed)
            newest = store_rows(session, key, rows)
        metrics.feed_written(meter(), dataclasses.asdict(key), newest,
                             utcnow(), malformed)
        return newest

    @activity.defn
    def catch_up_range(self, data: CatchUpRangeInput) -> TimeRange:
        """From just after the watermark (or `backfill_days` ago) to the last closed period."""
        key = data.feed.key
        step = timedelta(seconds=granularity_seconds(key.granularity))
        now = datetime.now(UTC)
        with session_scope(self.services.engine) as session:
            watermark = read_watermark(session, key)
        start = watermark + step if watermark else now - timedelta(days=data.backfill_days)
        end = floor_time(now, int(step.total_seconds()))
        return TimeRange(start=start, end=max(start, end))

    @activity.defn
    def fetch_pages(self, data: FetchPagesInput) -> FetchPagesResult:
        """Page through [start, end), one transaction per page. After every page the
        heartbeat carries the cursor (a retried attempt resumes after the last committed page)
        and the records stored so far (the backfill command's progress)."""
        key = data.feed.key
        provider = self.provider(key.source)
        cursor: datetime | None
        cursor, rows, malformed = _resume(activity.info().heartbeat_details, data.start)
        for _ in range(data.max_pages):
            if cursor is None or cursor >= data.end:
                return FetchPagesResult(next_start=None, rows=rows, malformed=malformed)
            page = provider.fetch(key, cursor, data.end)
            self._store(key, page.rows, page.malformed)
            rows += len(page.rows)
            malformed += page.malformed
            cursor = page.next_start
            reached = cursor or data.end
            # The cursor first, as 0.2.0 workers wrote it (an attempt they began resumes here).
            activity.heartbeat(reached.isoformat(), FetchHeartbeat(
                cursor=reached, rows=rows, malformed=malformed).model_dump(mode="json"))
        done = cursor is None or cursor >= data.end
        return FetchPagesResult(next_start=None if done else cursor, rows=rows,
                                malformed=malformed)

    @activity.defn
    async def stream_live(self, data: LiveInput) -> LiveResult:
        """Store live records as they arrive for `session_seconds`, then return so the
        workflow can roll over. A gap since the watermark is fetched first (REST)."""
        key = data.feed.key
        provider = self.provider(key.source)
        step = timedelta(seconds=granularity_seconds(key.granularity))
        with session_scope(self.services.engine) as session:
            watermark = read_watermark(session, key)
        rows = malformed = 0
        live = False

        async def consume() -> None:
            nonlocal watermark, rows, malformed, live
            async for batch in provider.live(key, watermark):
                skipped = batch.malformed
                final = [r for r in batch.rows if r.final]
                if final and watermark is not None and final[0].ts_event > watermark + step:
                    gap = await asyncio.to_thread(
                        provider.fetch, key, watermark + step, final[0].ts_event)
                    batch.rows[:0] = gap.rows
                    skipped += gap.malformed
                malformed += skipped
                if batch.rows or skipped:
                    newest = await asyncio.to_thread(self._store, key, batch.rows, skipped)
                    rows += len(batch.rows)
                    if newest is not None and (watermark is None or newest > watermark):
                        watermark = newest
                if not live and batch.rows:
                    live = True
                    await asyncio.to_thread(self._set_state, key, FeedState.LIVE, None)

        def progress() -> tuple[Any, ...]:
            return (watermark.isoformat() if watermark else None, rows)

        try:
            async with heartbeating(HEARTBEAT_SECONDS, progress):
                await asyncio.wait_for(consume(), timeout=data.session_seconds)
        except TimeoutError:
            pass  # the session is over: the workflow rolls over
        except asyncio.CancelledError:
            raise
        except Exception as exc:
            # The source failed (a lost worker is a heartbeat timeout instead, retried by
            # Temporal): the workflow decides the backoff, knowing how many rows came first.
            detail = f"{type(exc).__name__}: {exc}"
            log.warning("feed %s stalled: %s", key, detail)
            await asyncio.to_thread(self._set_state, key, FeedState.STALLED, detail)
            raise ApplicationError(detail, rows, type=FEED_SOURCE_ERROR,
                                   non_retryable=True) from exc
        return LiveResult(rows=rows, malformed=malformed, watermark=watermark)

    def _set_state(self, key: FeedKey, state: FeedState, detail: str | None) -> None:
        with session_scope(self.services.engine) as session:
            set_feed_state(session, key, state, detail)

    @activity.defn
    def set_state(self, data: FeedStateInput) -> None:
        self._set_state(data.feed.key, data.state, data.detail)

    @activity.defn
    def purge_old_records(self, data: RetentionInput) -> int:
        """Delete records older than the TTL, in batches (short transactions)."""
        cutoff = datetime.now(UTC) - timedelta(days=data.retention_days)
        purged = 0
        while True:
            with session_scope(self.services.engine) as session:
                ids = session.execute(
                    select(FeedRecord.__table__.c.id)  # type: ignore[attr-defined]
                    .where(FeedRecord.__table__.c.ts_event < cutoff)  # type: ignore[attr-defined]
                    .limit(PURGE_BATCH)
                ).scalars().all()
                if not ids:
                    return purged
                session.execute(delete(FeedRecord).where(FeedRecord.id.in_(ids)))  # type: ignore[union-attr]
                purged += len(ids)
            activity.heartbeat(purged)


def _resume(details: Sequence[Any], start: datetime) -> tuple[datetime, int, int]:
    """Where a retried attempt picks up: (cursor, rows, malformed) from the last heartbeat
    (a 0.2.0 worker's heartbeat is the cursor alone), else the start with nothing stored."""
    if not details:
        return start, 0, 0
    if len(details) > 1 and isinstance(details[1], dict):
        beat = FetchHeartbeat.model_validate(details[1])
        return beat.cursor, beat.rows, beat.malformed
    return datetime.fromisoformat(details[0]), 0, 0


def activities(services: Services) -> list[Callable[..., Any]]:
    feeds = FeedActivities(services)
    return [feeds.catch_up_range, feeds.fetch_pages, feeds.stream_live, feeds.set_state,
            feeds.purge_old_records]
