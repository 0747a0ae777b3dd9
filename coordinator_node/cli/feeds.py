"""Feed commands: `backfill` a past range (with a progress bar), `feed-export` to CSV."""

from __future__ import annotations

import argparse
import asyncio
import csv
import sys
from datetime import UTC, datetime
from typing import Any

from sqlmodel import Session
from temporalio.client import Client, WorkflowFailureError

from coordinator_node.cli.core import _database, _dev_flag, _settings


def _aware(text: str) -> datetime:
    try:
        value = datetime.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not an ISO 8601 time") from None
    return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


def _feed_args(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--subject", required=True)
    parser.add_argument("--source", help="default: FEED_SOURCE")
    parser.add_argument("--kind", help="default: FEED_KIND")
    parser.add_argument("--granularity", help="default: FEED_GRANULARITY")
    parser.add_argument("--start", type=_aware, required=True, help="ISO 8601 (UTC if no offset)")
    parser.add_argument("--end", type=_aware, required=True, help="ISO 8601, exclusive")
    _dev_flag(parser)


def cmd_backfill(args: argparse.Namespace) -> int:
    from rich.console import Console
    from rich.progress import BarColumn, Progress, TaskProgressColumn, TextColumn

    from coordinator_node.client.backfill import backfill_status, start_backfill, workers_polling
    from coordinator_node.client.inputs import feed_ref
    from coordinator_node.temporal import run_with_client

    settings = _settings(args)
    if args.start >= args.end:
        print("coordinator-node: --start must be before --end", file=sys.stderr)
        return 2
    feed = feed_ref(settings, args.subject, source=args.source, kind=args.kind,
                    granularity=args.granularity)
    out, err = Console(highlight=False), Console(stderr=True, highlight=False)

    async def _run(client: Client) -> int:
        # One backfill per feed at a time: a running one is joined, not duplicated.
        handle = await start_backfill(client, settings, feed, args.start, args.end,
                                      args.max_attempts)
        out.print(f"backfill {feed} [{args.start.isoformat()}, {args.end.isoformat()}) "
                  f"— workflow {handle.id}", soft_wrap=True)
        if not await workers_polling(client, settings):
            err.print(f"warning: no worker polls task queue {settings.temporal_task_queue!r} "
                      f"on {settings.temporal_address}: the backfill waits until one does "
                      "(start `make dev` or `coordinator-node worker`)", soft_wrap=True)
        result = asyncio.ensure_future(handle.result())
        shown: tuple[int, str] | None = None
        columns = (TextColumn("{task.description}"), BarColumn(), TaskProgressColumn(),
                   TextColumn("{task.fields[rows]} records, {task.fields[malformed]} malformed, "
                              "at {task.fields[cursor]}"))
        with Progress(*columns, console=out, transient=not out.is_terminal) as bar:
            task = bar.add_task("backfill", total=1.0, rows=0, malformed=0,
                                cursor=args.start.isoformat())
            while not result.done():
                try:
                    status = await backfill_status(client, handle, args.start, args.end)
                except Exception:
                    status = None  # not started yet, or between runs (continue-as-new)
                if status is not None:
                    bar.update(task, completed=status.fraction, rows=status.rows,
                               malformed=status.malformed, cursor=status.cursor.isoformat())
                    if status.last_error and (status.attempt, status.last_error) != shown:
                        shown = (status.attempt, status.last_error)
                        err.print(f"fetch attempt {status.attempt - 1} failed: "
                                  f"{status.last_error}; retrying", soft_wrap=True)
                await asyncio.wait([result], timeout=0.5)
        try:
            final = result.result()
        except WorkflowFailureError as failed:
            cause = failed.cause
            message = getattr(cause, "message", None) or str(cause or failed)
            err.print(f"coordinator-node: {message}", soft_wrap=True)
            return 1
        out.print(f"100.0% {final.rows} records, {final.malformed} malformed — done")
        return 0

    return run_with_client(settings, _run)


def cmd_export(args: argparse.Namespace) -> int:
    from coordinator_node.feeds.replay import CSV_COLUMNS
    from coordinator_node.feeds.store import records_between
    from coordinator_node.feeds.types import FeedKey

    settings = _settings(args)
    key = FeedKey(args.source or settings.feed_source, args.subject,
                  args.kind or settings.feed_kind, args.granularity or settings.feed_granularity)
    engine = _database(settings)
    with Session(engine) as session, open(args.out, "w", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(CSV_COLUMNS)
        count = 0
        for record in records_between(session, key, args.start, args.end):
            if record.ts_event >= args.end:
                continue
            values = record.values
            price = values.get("price")
            writer.writerow([record.ts_event.isoformat(),
                             *(values.get(f, price if f != "volume" else 0.0)
                               for f in CSV_COLUMNS[1:])])
            count += 1
    print(f"wrote {count} records of {key} to {args.out}")
    return 0


def register(subparsers: Any) -> None:
    backfill = subparsers.add_parser("backfill", help="fill a past range of a feed")
    _feed_args(backfill)
    backfill.add_argument("--max-attempts", type=int, default=None,
                          help="attempts of one page fetch before giving up with its error "
                               "(default: BACKFILL_MAX_ATTEMPTS; 0 = never)")
    backfill.set_defaults(handler=cmd_backfill)

    export = subparsers.add_parser("feed-export",
                                   help="write a feed range as CSV (what FEED_SOURCE=replay reads)")
    _feed_args(export)
    export.add_argument("--out", required=True)
    export.set_defaults(handler=cmd_export)
