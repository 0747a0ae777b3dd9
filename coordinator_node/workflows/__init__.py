"""Workflow definitions. Deterministic code only: no I/O, no settings, `workflow.now()`.

`WORKFLOWS` is resolved on first use, not at import: the sandbox runs every workflow run in
fresh module state, importing this package each time, and importing every workflow module
here would re-execute all four for each run of any one of them."""

from __future__ import annotations

from typing import Any

__all__ = ["WORKFLOWS"]


def __getattr__(name: str) -> Any:
    if name == "WORKFLOWS":
        from coordinator_node.workflows.checkpoints import CHECKPOINT_WORKFLOWS
        from coordinator_node.workflows.feeds import FEED_WORKFLOWS
        from coordinator_node.workflows.rounds import ROUND_WORKFLOWS
        from coordinator_node.workflows.snapshots import SNAPSHOT_WORKFLOWS

        return [*FEED_WORKFLOWS, *ROUND_WORKFLOWS, *SNAPSHOT_WORKFLOWS, *CHECKPOINT_WORKFLOWS]
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
