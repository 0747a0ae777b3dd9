"""Workflow definitions. Deterministic code only: no I/O, no settings, `workflow.now()`."""

from coordinator_node.workflows.checkpoints import CHECKPOINT_WORKFLOWS
from coordinator_node.workflows.feeds import FEED_WORKFLOWS
from coordinator_node.workflows.rounds import ROUND_WORKFLOWS
from coordinator_node.workflows.snapshots import SNAPSHOT_WORKFLOWS

WORKFLOWS: list[type] = [*FEED_WORKFLOWS, *ROUND_WORKFLOWS, *SNAPSHOT_WORKFLOWS,
                         *CHECKPOINT_WORKFLOWS]

__all__ = ["WORKFLOWS"]
