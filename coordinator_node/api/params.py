"""Query parameters as the web app sends them: `projectIds` comma-joined (or repeated), and
times from JavaScript's `toISOString()` (`2026-03-20T09:15:02.123Z`). A time without an
offset is read as UTC, as the engine this node replaces did. Times are ISO 8601 date-times
only: pydantic alone would also read a number (`start=0.5`) as a Unix time."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta
from typing import Annotated, Any

from fastapi import Depends, HTTPException, Path, Query
from pydantic import AfterValidator, BeforeValidator, StringConstraints, WithJsonSchema

DEFAULT_WINDOW = timedelta(days=7)
# PostgreSQL text cannot hold NUL, so no id or name here can contain one: a value that does is
# a bad request (422), stated in the schema, not a database error (500).
NO_NUL = r"^[^\x00]*$"
# Date and time (minutes at least), optional seconds and fraction, optional offset.
ISO_DATE_TIME = re.compile(
    r"\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?([Zz]|[+-]\d{2}:?\d{2})?")
EARLIEST = datetime.min.replace(tzinfo=UTC)
LATEST = datetime.max.replace(tzinfo=UTC)


def as_utc(moment: datetime | None) -> datetime | None:
    if moment is None:
        return None
    if moment.tzinfo is None:
        return moment.replace(tzinfo=UTC)
    try:
        return moment.astimezone(UTC)
    except OverflowError:  # e.g. 0001-01-01T00:00+01:00: before the first representable UTC
        return EARLIEST if moment.year == datetime.min.year else LATEST


def _iso_only(value: Any) -> Any:
    if isinstance(value, datetime):
        return value
    if not isinstance(value, str) or not ISO_DATE_TIME.fullmatch(value):
        raise ValueError("expected an ISO 8601 datetime such as 2026-03-20T09:15:02.123Z "
                         "(no offset: UTC)")
    return value


def _time_schema(description: str, example: str) -> WithJsonSchema:
    return WithJsonSchema({"type": "string", "format": "date-time", "description": description,
                           "examples": [example]})


_ISO = "ISO 8601 date-time, e.g. `2026-03-20T09:15:02.123Z`; no offset means UTC. "
_START = _ISO + "Window start (default: `end` minus 7 days); must be before `end`, else 422."
_END = _ISO + "Window end (default: now); must be after `start`, else 422."
_SINCE = _ISO + "Keeps snapshots whose `period_end` is at or after it."
_UNTIL = _ISO + "Keeps snapshots whose `period_start` is at or before it (may be before `since`)."


# A time parameter: ISO text only, aware UTC once read, documented as a date-time.
IsoTime = Annotated[datetime | None, BeforeValidator(_iso_only), AfterValidator(as_utc)]
_EARLIER, _LATER = "2026-03-13T09:15:02.123Z", "2026-03-20T09:15:02.123Z"
Start = Annotated[IsoTime, _time_schema(_START, _EARLIER), Query(description=_START)]
End = Annotated[IsoTime, _time_schema(_END, _LATER), Query(description=_END)]
Since = Annotated[IsoTime, _time_schema(_SINCE, _EARLIER), Query(description=_SINCE)]
Until = Annotated[IsoTime, _time_schema(_UNTIL, _LATER), Query(description=_UNTIL)]


def text(description: str) -> Any:
    """An optional text query parameter (an id or a name) with this description."""
    return Query(pattern=NO_NUL, description=description)


CheckpointId = Annotated[str, Path(pattern=NO_NUL, description="the checkpoint's id")]
ModelId = Annotated[str | None, text("only this model's rows")]
_Id = Annotated[str, StringConstraints(pattern=NO_NUL)]


def project_ids(
    project_ids: Annotated[list[_Id], Query(
        alias="projectIds", description="model ids, comma-joined and/or repeated; none: "
                                        "every model")] = [],  # noqa: B006 (never mutated)
) -> list[str] | None:
    """The requested model ids, or None for every model."""
    ids = [part.strip() for value in project_ids for part in value.split(",")]
    return [i for i in ids if i] or None


ProjectIds = Annotated[list[str] | None, Depends(project_ids)]


def check_range(since: datetime | None, until: datetime | None) -> None:
    if since is not None and until is not None and since >= until:
        raise HTTPException(422, f"start/since ({since.isoformat()}) must be before "
                                 f"end/until ({until.isoformat()})")


def time_window(start: datetime | None, end: datetime | None,
                now: datetime) -> tuple[datetime, datetime]:
    """`[start, end]`, defaulting to the week before `now` (as 0.1.85 does). A `start` given
    must be before `end`; a defaulted one is (or, at the first representable time, is it)."""
    end = as_utc(end) or now
    if start is None:
        return max(EARLIEST + DEFAULT_WINDOW, end) - DEFAULT_WINDOW, end
    start = as_utc(start)
    assert start is not None
    check_range(start, end)
    return start, end
