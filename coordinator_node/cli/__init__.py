"""`coordinator-node` command line: each module registers its own subcommands."""

from __future__ import annotations

import argparse
import logging
import sys
from collections.abc import Sequence

from coordinator_node.cli import checkpoints, core, feeds, merkle, workspace
from coordinator_node.contract import ContractError
from coordinator_node.settings import SettingsError


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="coordinator-node",
        description="Run a CrunchDAO prediction competition on Temporal.",
    )
    subparsers = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for module in (core, feeds, checkpoints, merkle, workspace):
        module.register(subparsers)
    return parser


def main(argv: Sequence[str] | None = None) -> None:
    args = build_parser().parse_args(argv)
    logging.basicConfig(
        level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s"
    )
    logging.getLogger("alembic").setLevel(logging.WARNING)  # schema chatter, not news
    try:
        code = args.handler(args)
    except (SettingsError, ContractError) as exc:
        print(f"coordinator-node: {exc}", file=sys.stderr)
        sys.exit(2)
    sys.exit(code or 0)
