"""Feed commands: `backfill` a past range (with a progress bar), `feed-export` to CSV, and
`feeds`, the feeds stored (a table)."""

from __future__ import annotations

import asyncio
import csv
from datetime import UTC, datetime
from pathlib import Path
from typing import Annotated

import typer
from sqlmodel import Session
from temporalio.client import Client, WorkflowFailureError

from coordinator_node.cli.core import DevFlag, _database, _settings
from coordinator_node.cli.output import console, fail, finish, warning_line


def _aware(text: str | datetime) -> datetime:
    if isinstance(text, datetime):
        value = text
    else:
        try:
            value = datetime.fromisoformat(text)
        except ValueError:
            raise typer.BadParameter(f"{text!r} is not an ISO 8601 time") from None
    return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


Subject = Annotated[str, typer.Option("--subject", help="e.g. BTC (Pyth), BTCUSDT (Binance)")]
Source = Annotated[str | None, typer.Option("--source", help="default: FEED_SOURCE")]
Kind = Annotated[str | None, typer.Option("--kind", help="default: FEED_KIND")]
Granularity = Annotated[str | None, typer.Option("--granularity",
                                                 help="default: FEED_GRANULARITY")]
Start = Annotated[datetime, typer.Option("--start", parser=_aware, metavar="T",
                                         help="ISO 8601 (UTC if no offset)")]
End = Annotated[datetime, typer.Option("--end", parser=_aware, metavar="T",
                                       help="ISO 8601, exclusive")]


def cmd_backfill(
    subject: Subject, start: Start, end: End, source: Source = None, kind: Kind = None,
    granularity: Granularity = None,
    max_attempts: Annotated[int | None, typer.Option(
        "--max-attempts", min=0, help="attempts of one page fetch before giving up with its "
                                      "error (default: BACKFILL_MAX_ATTEMPTS; 0 = never)")
    ] = None,
    dev: DevFlag = False,
) -> None:
    """fill a past range of a feed"""
    from rich.progress import BarColumn, Progress, TaskProgressColumn, TextColumn

    from coordinator_node.client.backfill import backfill_status, start_backfill, workers_polling
    from coordinator_node.client.inputs import feed_ref
    from coordinator_node.temporal import run_with_client

    settings = _settings(dev)
    if start >= end:
        fail("--start must be before --end", 2)
    feed = feed_ref(settings, subject, source=source, kind=kind, granularity=granularity)
    out, err = console(), console(stderr=True)

    async def _run(client: Client) -> int:
        # One backfill per feed at a time: a running one is joined, not duplicated.
        handle = await start_backfill(client, settings, feed, start, end, max_attempts)
        out.print(f"backfill {feed} [{start.isoformat()}, {end.isoformat()}) "
                  f"— workflow {handle.id}")
        if not await workers_polling(client, settings):
            warning_line(f"no worker polls task queue {settings.temporal_task_queue!r} on "
                         f"{settings.temporal_address}: the backfill waits until one does "
                         "(start `make dev` or `coordinator-node worker`)")
        result = asyncio.ensure_future(handle.result())
        shown: tuple[int, str] | None = None
        columns = (TextColumn("{task.description}"), BarColumn(), TaskProgressColumn(),
                   TextColumn("{task.fields[rows]} records, {task.fields[malformed]} malformed, "
                              "at {task.fields[cursor]}"))
        # The bar is drawn on a terminal only; a pipe gets the error lines and the result.
        with Progress(*columns, console=err, transient=not err.is_terminal) as bar:
            task = bar.add_task("backfill", total=1.0, rows=0, malformed=0,
                                cursor=start.isoformat())
            while not result.done():
                try:
                    status = await backfill_status(client, handle, start, end)
                except Exception:
                    status = None  # not started yet, or between runs (continue-as-new)
                if status is not None:
                    bar.update(task, completed=status.fraction, rows=status.rows,
                               malformed=status.malformed, cursor=status.cursor.isoformat())
                    if status.last_error and (status.attempt, status.last_error) != shown:
                        shown = (status.attempt, status.last_error)
                        bar.console.print(f"fetch attempt {status.attempt - 1} failed: "
                                          f"{status.last_error}; retrying")
                await asyncio.wait([result], timeout=0.5)
        try:
            final = result.result()
        except WorkflowFailureError as failed:
            cause = failed.cause
            fail(getattr(cause, "message", None) or str(cause or failed), 1)
        out.print(f"100.0% {final.rows} records, {final.malformed} malformed — done")
        return 0

    finish(run_with_client(settings, _run))


def cmd_export(
    subject: Subject, start: Start, end: End,
    out: Annotated[Path, typer.Option("--out", help="the CSV file to write")],
    source: Source = None, kind: Kind = None, granularity: Granularity = None,
    dev: DevFlag = False,
) -> None:
    """write a feed range as CSV (what FEED_SOURCE=replay reads)"""
    from coordinator_node.feeds.replay import CSV_COLUMNS
    from coordinator_node.feeds.store import records_between
    from coordinator_node.feeds.types import FeedKey

    settings = _settings(dev)
    key = FeedKey(source or settings.feed_source, subject, kind or settings.feed_kind,
                  granularity or settings.feed_granularity)
    engine = _database(settings)
    with Session(engine) as session, open(out, "w", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(CSV_COLUMNS)
        count = 0
        for record in records_between(session, key, start, end):
            if record.ts_event >= end:
                continue
            values = record.values
            price = values.get("price")
            writer.writerow([record.ts_event.isoformat(),
                             *(values.get(f, price if f != "volume" else 0.0)
                               for f in CSV_COLUMNS[1:])])
            count += 1
    engine.dispose()
    console().print(f"wrote {count} records of {key} to {out}")


def cmd_feeds(
    include_empty: Annotated[bool, typer.Option(
        "--include-empty", help="also feeds with a state but no record yet")] = False,
    dev: DevFlag = False,
) -> None:
    """the feeds stored: records, time span, watermark, state (a table)"""
    from rich.table import Table

    from coordinator_node.feeds.store import feed_summaries

    settings = _settings(dev)
    engine = _database(settings)
    with Session(engine) as session:
        feeds = feed_summaries(session, include_empty)
    engine.dispose()
    if not feeds:
        console().print("no feeds")
        return
    table = Table("FEED", "RECORDS", "OLDEST", "NEWEST", "MALFORMED", "STATE", "DETAIL",
                  box=None, pad_edge=False)
    for feed in feeds:
        table.add_row(f"{feed.source}/{feed.subject}/{feed.kind}/{feed.granularity}",
                      str(feed.record_count), _time(feed.oldest_ts), _time(feed.newest_ts),
                      str(feed.malformed_count), feed.state or "-", feed.detail or "")
    console().print(table)


def _time(value: datetime | None) -> str:
    return value.isoformat() if value is not None else "-"


def register(app: typer.Typer) -> None:
    app.command("backfill")(cmd_backfill)
    app.command("feed-export")(cmd_export)
    app.command("feeds")(cmd_feeds)
