"""`init-workspace`: scaffold a competition package from the template."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from coordinator_node.cli.output import console, fail


def cmd_init_workspace(
    name: Annotated[str, typer.Argument(
        metavar="NAME", help="the competition's name, e.g. btc-trend (the directory btc-trend/ "
                             "holding the package btc_trend) or btc_trend")],
    directory: Annotated[Path | None, typer.Option(
        "--directory", metavar="DIR", help="the parent directory: the workspace is created as "
                                           "DIR/NAME (default: the current directory)")] = None,
) -> None:
    """create a competition workspace (contract, models, tests) from the template"""
    from coordinator_node.workspace import WorkspaceError, create_workspace

    try:
        target = create_workspace(name, directory)
    except WorkspaceError as exc:
        fail(f"init-workspace: {exc}", 2)
    console().print(f"created the competition workspace {target}\n"
                    f"next: cd {target} && cat README.md")


def register(app: typer.Typer) -> None:
    app.command("init-workspace")(cmd_init_workspace)
