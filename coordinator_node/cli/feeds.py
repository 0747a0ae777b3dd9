"""Feed commands: `backfill` a past range (with a progress bar), `feed-export` to CSV."""

from __future__ import annotations

import argparse
import asyncio
import csv
import sys
from datetime import UTC, datetime
from typing import Any

from sqlmodel import Session
from temporalio.client import Client

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


def _bar(fraction: float, width: int = 30) -> str:
    filled = int(fraction * width)
    return "[" + "#" * filled + "." * (width - filled) + f"] {fraction * 100:5.1f}%"


def cmd_backfill(args: argparse.Namespace) -> int:
    from coordinator_node.client.backfill import start_backfill
    from coordinator_node.client.inputs import feed_ref
    from coordinator_node.temporal import run_with_client
    from coordinator_node.workflows.feeds import BackfillWorkflow

    settings = _settings(args)
    if args.start >= args.end:
        print("coordinator-node: --start must be before --end", file=sys.stderr)
        return 2
    feed = feed_ref(settings, args.subject, source=args.source, kind=args.kind,
                    granularity=args.granularity)

    async def _run(client: Client) -> int:
        # One backfill per feed at a time: a running one is joined, not duplicated.
        handle = await start_backfill(client, settings, feed, args.start, args.end)
        print(f"backfill {feed} [{args.start.isoformat()}, {args.end.isoformat()}) "
              f"— workflow {handle.id}")
        result = asyncio.ensure_future(handle.result())
        while not result.done():
            try:
                progress = await handle.query(BackfillWorkflow.progress)
            except Exception:
                progress = None
            if progress is not None:
                print(f"\r{_bar(progress.fraction)} {progress.rows} records, "
                      f"{progress.malformed} malformed", end="", flush=True)
            await asyncio.wait([result], timeout=1.0)
        final = result.result()
        print(f"\r{_bar(1.0)} {final.rows} records, {final.malformed} malformed — done")
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
    backfill.set_defaults(handler=cmd_backfill)

    export = subparsers.add_parser("feed-export",
                                   help="write a feed range as CSV (what FEED_SOURCE=replay reads)")
    _feed_args(export)
    export.add_argument("--out", required=True)
    export.set_defaults(handler=cmd_export)
