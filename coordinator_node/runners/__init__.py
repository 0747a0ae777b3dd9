"""Model runners: one interface over model-runner-client (production, and dev mode and the
end-to-end tests against the real model runtime) and in-process models (unit tests)."""

from coordinator_node.runners.base import (
    CallStatus,
    ModelCallResult,
    ModelIdentity,
    ModelRunner,
)

__all__ = ["CallStatus", "ModelCallResult", "ModelIdentity", "ModelRunner"]
