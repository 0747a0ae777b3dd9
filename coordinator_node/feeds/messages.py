"""Inputs and results of the feed workflows and activities (plain pydantic, replay-safe)."""

from __future__ import annotations

from datetime import datetime

from pydantic import BaseModel

from coordinator_node.feeds.types import FeedKey
from coordinator_node.statuses import FeedState


class FeedRef(BaseModel):
    source: str
    subject: str
    kind: str
    granularity: str

    @property
    def key(self) -> FeedKey:
        return FeedKey(self.source, self.subject, self.kind, self.granularity)

    def __str__(self) -> str:
        return str(self.key)


class CatchUpRangeInput(BaseModel):
    feed: FeedRef
    backfill_days: float


class TimeRange(BaseModel):
    start: datetime
    end: datetime


class FetchPagesInput(BaseModel):
    feed: FeedRef
    start: datetime
    end: datetime
    max_pages: int = 50


class FetchPagesResult(BaseModel):
    next_start: datetime | None  # None: [start, end) is covered
    rows: int
    malformed: int


class LiveInput(BaseModel):
    feed: FeedRef
    session_seconds: int


class LiveResult(BaseModel):
    rows: int
    malformed: int
    watermark: datetime | None


class FeedStateInput(BaseModel):
    feed: FeedRef
    state: FeedState
    detail: str | None = None


class RetentionInput(BaseModel):
    retention_days: int


class FeedIngestInput(BaseModel):
    feed: FeedRef
    crunch_id: str
    backfill_days: float
    live_session_minutes: int
    # the longest wait between attempts on a failing source (kept well under the resolve
    # deadline); 0.2.0 runs had none
    max_backoff_seconds: int = 60
    # carried across continue-as-new
    rows: int = 0
    malformed: int = 0
    stalls: int = 0


class FeedIngestStatus(BaseModel):
    feed: str
    state: FeedState
    rows: int
    malformed: int
    stalls: int
    last_error: str | None


class BackfillInput(BaseModel):
    feed: FeedRef
    start: datetime
    end: datetime
    cursor: datetime | None = None  # resume point (carried across continue-as-new)
    rows: int = 0
    malformed: int = 0
    # attempts of one page fetch before the backfill gives up with the fetch's last error
    # (0 = never; 0.2.0 runs had no limit)
    max_attempts: int = 0


class BackfillProgress(BaseModel):
    feed: str
    start: datetime
    end: datetime
    cursor: datetime
    rows: int
    malformed: int
    done: bool
    fraction: float


class FetchHeartbeat(BaseModel):
    """What `fetch_pages` heartbeats after every page: the cursor (where a retried attempt
    resumes) and what the call stored so far; the backfill command's progress reads it."""

    cursor: datetime
    rows: int = 0
    malformed: int = 0
