"""Model runners: one interface over model-runner-client, the local nodes, and in-process."""

from coordinator_node.runners.base import (
    CallStatus,
    ModelCallResult,
    ModelIdentity,
    ModelRunner,
)

__all__ = ["CallStatus", "ModelCallResult", "ModelIdentity", "ModelRunner"]
