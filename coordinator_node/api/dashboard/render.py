"""Templates (Jinja2, shipped in this package, autoescaped: model and cruncher names come from
participants) and the small formatting filters the pages share."""

from __future__ import annotations

import math
from collections.abc import Mapping
from datetime import UTC, datetime
from typing import Any
from urllib.parse import quote, urlencode

from fastapi import Request
from fastapi.responses import HTMLResponse
from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape

from coordinator_node.api.dashboard.charts import number

PARTIAL_HEADER = "x-dashboard-partial"  # the page's refresher asks for the content only
REFRESH_SECONDS = 5


def ts(moment: datetime | None) -> str:
    if moment is None:
        return "—"
    return moment.astimezone(UTC).strftime("%Y-%m-%d %H:%M:%SZ")


def ago(moment: datetime | None, now: datetime | None = None) -> str:
    """`12 s ago`, `3 min ago`, `in 40 s`: relative to now, for a person."""
    if moment is None:
        return "—"
    seconds = ((now or datetime.now(UTC)) - moment).total_seconds()
    future, seconds = seconds < 0, abs(seconds)
    if seconds < 120:
        text = f"{seconds:.0f} s"
    elif seconds < 7200:
        text = f"{seconds / 60:.0f} min"
    elif seconds < 172800:
        text = f"{seconds / 3600:.1f} h"
    else:
        text = f"{seconds / 86400:.1f} d"
    return f"in {text}" if future else f"{text} ago"


def duration(seconds: float | None) -> str:
    if seconds is None:
        return "—"
    if seconds < 120:
        return f"{seconds:.1f} s"
    if seconds < 7200:
        return f"{seconds / 60:.1f} min"
    return f"{seconds / 3600:.1f} h"


def score(value: float | None, fmt: str | None = "decimal-2") -> str:
    """A score in the schema column's format (`decimal-N`: N decimals); a value that would
    show as 0 there keeps 3 significant digits instead."""
    if value is None or not isinstance(value, int | float) or not math.isfinite(value):
        return "—"
    decimals = 4
    if fmt and fmt.startswith("decimal-") and fmt.removeprefix("decimal-").isdigit():
        decimals = int(fmt.removeprefix("decimal-"))
    if value != 0 and abs(value) < 10 ** -decimals:
        return number(value, 3)
    return f"{value:,.{decimals}f}"


def ms(milliseconds: float | None) -> str:
    """A call time: `0.012 ms`, `2.25 ms`, `1,204 ms`."""
    if milliseconds is None:
        return "—"
    if milliseconds < 1:
        return f"{milliseconds:.3f} ms"
    if milliseconds < 100:
        return f"{milliseconds:.2f} ms"
    return f"{milliseconds:,.0f} ms"


def exec_ms(microseconds: int | None) -> str:
    return ms(None if microseconds is None else microseconds / 1000)


def short(text: str | None, keep: int = 12) -> str:
    if not text:
        return "—"
    return text if len(text) <= keep + 1 else f"{text[:keep]}…"


def path_quote(text: str) -> str:
    return quote(text, safe="")


ENV = Environment(
    loader=PackageLoader("coordinator_node.api.dashboard", "templates"),
    autoescape=select_autoescape(["html"]),
    undefined=StrictUndefined,
    trim_blocks=True,
    lstrip_blocks=True,
)
ENV.filters.update(ts=ts, ago=ago, duration=duration, score=score, exec_ms=exec_ms, ms=ms,
                   short=short, num=number, q=path_quote)


def query_url(request: Request, **changes: Any) -> str:
    """This page's URL with some query parameters changed (None removes one)."""
    params = dict(request.query_params)
    for key, value in changes.items():
        if value is None:
            params.pop(key, None)
        else:
            params[key] = str(value)
    return request.url.path + (f"?{urlencode(params)}" if params else "")


def page(request: Request, template: str, context: Mapping[str, Any],
         status_code: int = 200) -> HTMLResponse:
    """The whole page, or only its `content` block when the page's refresher asks."""
    values = {"request": request, "url": lambda **changes: query_url(request, **changes),
              "refresh_seconds": REFRESH_SECONDS, "now": datetime.now(UTC),
              "crunch_id": request.app.state.settings.crunch_id, **context}
    found = ENV.get_template(template)
    if request.headers.get(PARTIAL_HEADER) == "1":
        body = "".join(found.blocks["content"](found.new_context(values)))
    else:
        body = found.render(values)
    return HTMLResponse(body, status_code=status_code,
                        headers={"Cache-Control": "no-store"})
