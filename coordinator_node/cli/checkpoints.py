"""`coordinator-node checkpoint list | show ID | create [--period-end T] | confirm ID --tx-hash H
| status ID STATUS`: for operators and on-chain tooling. Reads come from the database; create,
confirm and status go through the checkpoint workflow, exactly as the API does."""

from __future__ import annotations

import argparse
import asyncio
import json
import sys
from datetime import UTC, datetime
from typing import Any

from temporalio.client import Client

from coordinator_node.cli.core import _database, _dev_flag, _settings
from coordinator_node.cli.feeds import _aware
from coordinator_node.settings import Settings
from coordinator_node.statuses import CheckpointStatus

EXIT_REFUSED = 1
BUILD_WAIT_SECONDS = 120


def _stored(settings: Settings, checkpoint_id: str) -> Any:
    from coordinator_node.checkpoints.store import get_checkpoint, state_of
    from coordinator_node.db import session_scope

    engine = _database(settings)
    try:
        with session_scope(engine) as session:
            row = get_checkpoint(session, checkpoint_id)
            return None if row is None else (state_of(row), row.emission, row.meta)
    finally:
        engine.dispose()


def _print_json(value: Any) -> None:
    print(json.dumps(value, indent=2, default=str))


def cmd_list(args: argparse.Namespace) -> int:
    from coordinator_node.checkpoints.store import list_checkpoints
    from coordinator_node.db import session_scope

    settings = _settings(args)
    engine = _database(settings)
    with session_scope(engine) as session:
        rows = list_checkpoints(session, args.status, args.limit)
    engine.dispose()
    if not rows:
        print("no checkpoints")
        return 0
    print(f"{'ID':<44} {'STATUS':<10} {'PERIOD START':<26} {'PERIOD END':<26} MODELS  TX")
    for row in rows:
        print(f"{row.id:<44} {row.status:<10} {row.period_start.isoformat():<26} "
              f"{row.period_end.isoformat():<26} {len(row.emission['cruncher_rewards']):6d}  "
              f"{row.tx_hash or '-'}")
    return 0


def cmd_show(args: argparse.Namespace) -> int:
    found = _stored(_settings(args), args.checkpoint_id)
    if found is None:
        print(f"coordinator-node: unknown checkpoint {args.checkpoint_id}", file=sys.stderr)
        return EXIT_REFUSED
    state, emission, meta = found
    _print_json({**state.model_dump(mode="json", exclude={"rejected"}), "emission": emission,
                 "ranking": meta.get("ranking", [])})
    return 0


def cmd_create(args: argparse.Namespace) -> int:
    from coordinator_node.client import checkpoints as control
    from coordinator_node.competition import load_competition
    from coordinator_node.statuses import CheckpointPhase
    from coordinator_node.temporal import run_with_client
    from coordinator_node.workflows.checkpoints import CheckpointWorkflow

    settings = _settings(args)
    contract = load_competition(settings).contract
    period_end = args.period_end or datetime.now(UTC).replace(microsecond=0)

    async def _run(client: Client) -> int:
        try:
            the_id, started = await control.create_checkpoint(client, settings, contract,
                                                              period_end)
        except control.CheckpointRefused as refused:
            print(f"coordinator-node: {refused.message}", file=sys.stderr)
            return 2
        handle = await control.checkpoint_handle(client, the_id)
        print(f"{'started' if started else 'already exists:'} checkpoint {the_id} "
              f"(workflow {handle.id})", file=sys.stderr)
        for _ in range(BUILD_WAIT_SECONDS * 4):
            state = await handle.query(CheckpointWorkflow.state)
            if state.status != CheckpointPhase.BUILDING:
                _print_json(state.model_dump(mode="json"))
                return 0 if state.detail is None else EXIT_REFUSED
            await asyncio.sleep(0.25)
        print("coordinator-node: still building; see the Web UI", file=sys.stderr)
        return EXIT_REFUSED

    return run_with_client(settings, _run)


def _transition(args: argparse.Namespace, send: Any) -> int:
    from coordinator_node.client import checkpoints as control
    from coordinator_node.temporal import run_with_client

    settings = _settings(args)
    found = _stored(settings, args.checkpoint_id)

    async def _run(client: Client) -> int:
        try:
            state = await send(control, client, found[0] if found else None)
        except control.CheckpointRefused as refused:
            print(f"coordinator-node: refused ({refused.kind}): {refused.message}",
                  file=sys.stderr)
            return EXIT_REFUSED
        _print_json(state.model_dump(mode="json"))
        return 0

    return run_with_client(settings, _run)


def cmd_confirm(args: argparse.Namespace) -> int:
    if not args.tx_hash.strip():
        print("coordinator-node: --tx-hash must not be empty", file=sys.stderr)
        return 2
    return _transition(args, lambda control, client, stored: control.confirm(
        client, stored, args.tx_hash.strip(), "cli"))


def cmd_status(args: argparse.Namespace) -> int:
    return _transition(args, lambda control, client, stored: control.set_status(
        client, stored, args.status, "cli"))


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser("checkpoint", help="list, show, create, confirm checkpoints")
    commands = parser.add_subparsers(dest="checkpoint_command", required=True, metavar="ACTION")

    listing = commands.add_parser("list", help="checkpoints, newest period first")
    listing.add_argument("--status", choices=list(CheckpointStatus))
    listing.add_argument("--limit", type=int, default=20)
    listing.set_defaults(handler=cmd_list)

    show = commands.add_parser("show", help="one checkpoint with its emission and ranking (JSON)")
    show.add_argument("checkpoint_id")
    show.set_defaults(handler=cmd_show)

    create = commands.add_parser(
        "create", help="build the checkpoint of the period ending at --period-end (once)")
    create.add_argument("--period-end", type=_aware, default=None,
                        help="ISO 8601, exclusive (UTC if no offset); default: now")
    create.set_defaults(handler=cmd_create)

    confirm = commands.add_parser("confirm", help="PENDING → SUBMITTED with the tx hash")
    confirm.add_argument("checkpoint_id")
    confirm.add_argument("--tx-hash", required=True)
    confirm.set_defaults(handler=cmd_confirm)

    status = commands.add_parser("status", help="one step forward: CLAIMABLE, then PAID")
    status.add_argument("checkpoint_id")
    status.add_argument("status", choices=[CheckpointStatus.CLAIMABLE, CheckpointStatus.PAID])
    status.set_defaults(handler=cmd_status)

    for command in (listing, show, create, confirm, status):
        _dev_flag(command)
