"""Shared by the packaging tests."""

from __future__ import annotations

import argparse
from pathlib import Path

from coordinator_node.cli import build_parser

REPO_ROOT = Path(__file__).resolve().parents[2]


def cli_subcommands() -> dict[str, argparse.ArgumentParser]:
    """`coordinator-node`'s subcommands, by name, from the real parser."""
    for action in build_parser()._actions:
        if isinstance(action, argparse._SubParsersAction):
            return dict(action.choices)
    return {}
