"""Shared by the packaging tests."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import typer.main

from coordinator_node.cli import build_app

REPO_ROOT = Path(__file__).resolve().parents[2]


def cli_subcommands() -> dict[str, Any]:
    """`coordinator-node`'s commands, by name, from the real command line."""
    return dict(getattr(typer.main.get_command(build_app()), "commands", {}))


def cli_group_commands(name: str) -> set[str]:
    """The commands of a command group, e.g. `checkpoint`'s."""
    return set(getattr(cli_subcommands().get(name), "commands", {}))
