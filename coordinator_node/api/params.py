"""Query parameters as the web app sends them: `projectIds` comma-joined (or repeated), and
times from JavaScript's `toISOString()` (`2026-03-20T09:15:02.123Z`). A time without an
offset is read as UTC, as the engine this node replaces did."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Annotated

from fastapi import Depends, HTTPException, Query

DEFAULT_WINDOW = timedelta(days=7)


def as_utc(moment: datetime | None) -> datetime | None:
    if moment is None:
        return None
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)


def project_ids(
    project_ids: Annotated[list[str] | None, Query(
        alias="projectIds", description="model ids, comma-joined and/or repeated")] = None,
) -> list[str] | None:
    """The requested model ids, or None for every model."""
    ids = [part.strip() for value in project_ids or [] for part in value.split(",")]
    return [i for i in ids if i] or None


ProjectIds = Annotated[list[str] | None, Depends(project_ids)]
Time = Annotated[datetime | None, Query(description="ISO 8601; no offset means UTC")]


def check_range(since: datetime | None, until: datetime | None) -> None:
    if since is not None and until is not None and since >= until:
        raise HTTPException(422, f"start/since ({since.isoformat()}) must be before "
                                 f"end/until ({until.isoformat()})")


def time_window(start: datetime | None, end: datetime | None,
                now: datetime) -> tuple[datetime, datetime]:
    """`[start, end]`, defaulting to the week before `now` (as 0.1.85 does)."""
    end = as_utc(end) or now
    start = as_utc(start) or end - DEFAULT_WINDOW
    check_range(start, end)
    return start, end
