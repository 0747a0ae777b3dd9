"""What the command line prints: Rich consoles for results (stdout) and for errors, warnings
and progress (stderr), and the one way a command fails."""

from __future__ import annotations

from typing import NoReturn

import typer
from rich.console import Console
from rich.text import Text

PROG = "coordinator-node"
# Read by scripts when not a terminal: lines are never wrapped nor tables cut to 80 columns.
PIPE_WIDTH = 1000


def console(stderr: bool = False) -> Console:
    made = Console(stderr=stderr, highlight=False, soft_wrap=True)
    if not made.is_terminal:
        made.width = PIPE_WIDTH
    return made


def error_line(message: str) -> None:
    """`coordinator-node: message` on stderr, one line (red on a terminal)."""
    console(stderr=True).print(Text.assemble((f"{PROG}: ", "bold red"), message))


def warning_line(message: str) -> None:
    console(stderr=True).print(Text.assemble(("warning: ", "bold yellow"), message))


def fail(message: str, code: int) -> NoReturn:
    error_line(message)
    raise typer.Exit(code)


def finish(code: int | None) -> None:
    """End a command with its exit code (0: return normally)."""
    if code:
        raise typer.Exit(code)
