"""`init-workspace`: scaffold a competition package from the template."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any


def cmd_init_workspace(args: argparse.Namespace) -> int:
    from coordinator_node.workspace import WorkspaceError, create_workspace

    try:
        target = create_workspace(args.name, args.directory)
    except WorkspaceError as exc:
        print(f"coordinator-node init-workspace: {exc}", file=sys.stderr)
        return 2
    print(f"created the competition workspace {target}\n"
          f"next: cd {target} && cat README.md")
    return 0


def register(subparsers: Any) -> None:
    init = subparsers.add_parser(
        "init-workspace",
        help="create a competition workspace (contract, models, tests) from the template")
    init.add_argument("name", metavar="NAME",
                      help="the competition's name, e.g. btc-trend (the directory btc-trend/ "
                           "holding the package btc_trend) or btc_trend")
    init.add_argument("--directory", type=Path, default=None,
                      help="the parent directory: the workspace is created as DIR/NAME "
                           "(default: the current directory)")
    init.set_defaults(handler=cmd_init_workspace)
