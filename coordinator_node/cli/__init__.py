"""`coordinator-node` command line (Typer, Rich): each module registers its own commands."""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence

import typer

from coordinator_node.cli import checkpoints, core, feeds, merkle, workspace
from coordinator_node.cli.output import PROG, error_line
from coordinator_node.contract import ContractError
from coordinator_node.db import DatabaseNotReady
from coordinator_node.logs import configure_logging
from coordinator_node.settings import SettingsError
from coordinator_node.temporal import SearchAttributesMissing, TemporalUnreachable

# Refusals that are the operator's to fix (settings, contract, where Temporal or the database
# is): one line naming what and what to do, exit code 2.
CONFIGURATION_ERRORS = (SettingsError, ContractError, TemporalUnreachable, DatabaseNotReady,
                        SearchAttributesMissing)
EXIT_CONFIGURATION = 2


def build_app() -> typer.Typer:
    # Rich panels for help and usage errors on a terminal; plain lines (never boxed nor
    # wrapped) for a pipe, where scripts and logs read them.
    app = typer.Typer(
        name=PROG, help="Run a CrunchDAO prediction competition on Temporal.",
        no_args_is_help=True, pretty_exceptions_enable=False, add_completion=True,
        context_settings={"help_option_names": ["-h", "--help"]},
        rich_markup_mode="rich" if sys.stderr.isatty() else None,
    )
    for module in (core, feeds, checkpoints, merkle, workspace):
        module.register(app)
    return app


def main(argv: Sequence[str] | None = None) -> None:
    # From the environment until the command's settings are read (`.env` included): then
    # again with LOG_FORMAT and CRUNCH_ID as the settings say (cli/core.py).
    configure_logging("json" if os.environ.get("LOG_FORMAT", "").lower() == "json" else "text")
    try:
        build_app()(args=list(argv) if argv is not None else None, prog_name=PROG)
    except CONFIGURATION_ERRORS as exc:
        error_line(str(exc))
        sys.exit(EXIT_CONFIGURATION)
