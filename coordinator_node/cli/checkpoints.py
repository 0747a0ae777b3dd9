"""`coordinator-node checkpoint list | show ID | create [--period-end T] | confirm ID --tx-hash H
| status ID STATUS`: for operators and on-chain tooling. Reads come from the database; create,
confirm and status go through the checkpoint workflow, exactly as the API does."""

from __future__ import annotations

import asyncio
import json
from datetime import UTC, datetime
from enum import StrEnum
from typing import Annotated, Any

import typer
from temporalio.client import Client

from coordinator_node.cli.core import DevFlag, _database, _settings
from coordinator_node.cli.feeds import _aware
from coordinator_node.cli.output import console, error_line, fail, finish
from coordinator_node.settings import Settings
from coordinator_node.statuses import CheckpointStatus

EXIT_REFUSED = 1
BUILD_WAIT_SECONDS = 120


class NextStatus(StrEnum):
    """The steps `checkpoint status` takes (SUBMITTED is `checkpoint confirm`)."""

    CLAIMABLE = CheckpointStatus.CLAIMABLE.value
    PAID = CheckpointStatus.PAID.value


CheckpointId = Annotated[str, typer.Argument(metavar="CHECKPOINT_ID",
                                             help="e.g. local-crunch-20261129T000000Z")]


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
    # Plain print: JSON for tools, never re-wrapped or coloured.
    print(json.dumps(value, indent=2, default=str))


def cmd_list(
    status: Annotated[CheckpointStatus | None, typer.Option(
        "--status", case_sensitive=True, help="only checkpoints in this status")] = None,
    limit: Annotated[int, typer.Option("--limit", min=1, help="newest first")] = 20,
    dev: DevFlag = False,
) -> None:
    """checkpoints, newest period first (a table)"""
    from rich.table import Table

    from coordinator_node.checkpoints.store import list_checkpoints
    from coordinator_node.db import session_scope

    settings = _settings(dev)
    engine = _database(settings)
    with session_scope(engine) as session:
        rows = list_checkpoints(session, status, limit)
    engine.dispose()
    if not rows:
        console().print("no checkpoints")
        return
    table = Table("ID", "STATUS", "PERIOD START", "PERIOD END", "MODELS", "TX", box=None,
                  pad_edge=False)
    for row in rows:
        table.add_row(row.id, row.status, row.period_start.isoformat(),
                      row.period_end.isoformat(), str(len(row.emission["cruncher_rewards"])),
                      row.tx_hash or "-")
    console().print(table)


def cmd_show(checkpoint_id: CheckpointId, dev: DevFlag = False) -> None:
    """one checkpoint with its emission and ranking (JSON)"""
    found = _stored(_settings(dev), checkpoint_id)
    if found is None:
        fail(f"unknown checkpoint {checkpoint_id}", EXIT_REFUSED)
    state, emission, meta = found
    _print_json({**state.model_dump(mode="json", exclude={"rejected"}), "emission": emission,
                 "ranking": meta.get("ranking", [])})


def cmd_create(
    period_end: Annotated[datetime | None, typer.Option(
        "--period-end", parser=_aware, metavar="T",
        help="ISO 8601, exclusive (UTC if no offset); default: now")] = None,
    dev: DevFlag = False,
) -> None:
    """build the checkpoint of the period ending at --period-end (once)"""
    from coordinator_node.client import checkpoints as control
    from coordinator_node.competition import load_competition
    from coordinator_node.statuses import CheckpointPhase
    from coordinator_node.temporal import run_with_client
    from coordinator_node.workflows.checkpoints import CheckpointWorkflow

    settings = _settings(dev)
    contract = load_competition(settings).contract
    end = period_end or datetime.now(UTC).replace(microsecond=0)
    err = console(stderr=True)

    async def _run(client: Client) -> int:
        try:
            the_id, started = await control.create_checkpoint(client, settings, contract, end)
        except control.CheckpointRefused as refused:
            error_line(refused.message)
            return 2
        handle = await control.checkpoint_handle(client, the_id)
        err.print(f"{'started' if started else 'already exists:'} checkpoint {the_id} "
                  f"(workflow {handle.id})")
        with err.status(f"building checkpoint {the_id}"):
            for _ in range(BUILD_WAIT_SECONDS * 4):
                state = await handle.query(CheckpointWorkflow.state)
                if state.status != CheckpointPhase.BUILDING:
                    _print_json(state.model_dump(mode="json"))
                    return 0 if state.detail is None else EXIT_REFUSED
                await asyncio.sleep(0.25)
        error_line("still building; see the Web UI")
        return EXIT_REFUSED

    finish(run_with_client(settings, _run))


def _transition(checkpoint_id: str, dev: bool, send: Any) -> None:
    from coordinator_node.client import checkpoints as control
    from coordinator_node.temporal import run_with_client

    settings = _settings(dev)
    found = _stored(settings, checkpoint_id)

    async def _run(client: Client) -> int:
        try:
            state = await send(control, client, found[0] if found else None)
        except control.CheckpointRefused as refused:
            error_line(f"refused ({refused.kind}): {refused.message}")
            return EXIT_REFUSED
        _print_json(state.model_dump(mode="json"))
        return 0

    finish(run_with_client(settings, _run))


def cmd_confirm(
    checkpoint_id: CheckpointId,
    tx_hash: Annotated[str, typer.Option("--tx-hash", help="the submission's transaction")],
    dev: DevFlag = False,
) -> None:
    """PENDING → SUBMITTED with the tx hash"""
    if not tx_hash.strip():
        fail("--tx-hash must not be empty", 2)
    _transition(checkpoint_id, dev, lambda control, client, stored: control.confirm(
        client, stored, tx_hash.strip(), "cli"))


def cmd_status(
    checkpoint_id: CheckpointId,
    status: Annotated[NextStatus, typer.Argument(metavar="STATUS", case_sensitive=True,
                                                 help="CLAIMABLE, then PAID")],
    dev: DevFlag = False,
) -> None:
    """one step forward: CLAIMABLE, then PAID"""
    _transition(checkpoint_id, dev, lambda control, client, stored: control.set_status(
        client, stored, CheckpointStatus(status.value), "cli"))


def register(app: typer.Typer) -> None:
    checkpoint = typer.Typer(help="list, show, create, confirm checkpoints",
                             no_args_is_help=True)
    checkpoint.command("list")(cmd_list)
    checkpoint.command("show")(cmd_show)
    checkpoint.command("create")(cmd_create)
    checkpoint.command("confirm")(cmd_confirm)
    checkpoint.command("status")(cmd_status)
    app.add_typer(checkpoint, name="checkpoint")
