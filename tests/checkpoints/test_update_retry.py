"""An Update the Temporal server drops unprocessed (its workflow task failed or timed out
under load) is sent again: nothing was written; after repeated drops the caller hears 503."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import pytest
from temporalio.client import WorkflowUpdateFailedError
from temporalio.exceptions import ApplicationError

from coordinator_node.checkpoints.messages import CheckpointState
from coordinator_node.client import checkpoints as control
from coordinator_node.statuses import CheckpointPhase

PENDING = CheckpointState(checkpoint_id="c-1", status=CheckpointPhase.PENDING,
                          period_end=datetime(2026, 11, 1, tzinfo=UTC))
SUBMITTED = PENDING.model_copy(update={"status": CheckpointPhase.SUBMITTED, "tx_hash": "0xa"})


class DroppingHandle:
    """A workflow handle whose first `drops` Updates the server rejects as unprocessed."""

    def __init__(self, drops: int) -> None:
        self.drops = drops
        self.sent = 0

    async def execute_update(self, update: Any, request: Any) -> CheckpointState:
        self.sent += 1
        if self.sent <= self.drops:
            raise WorkflowUpdateFailedError(ApplicationError(
                "Workflow Update is rejected because it wasn't processed by worker.",
                type="UnprocessedUpdate"))
        return SUBMITTED


@pytest.fixture
def handle(monkeypatch: pytest.MonkeyPatch, request: pytest.FixtureRequest) -> DroppingHandle:
    dropping = DroppingHandle(request.param)

    async def the_handle(client: Any, the_id: str) -> DroppingHandle:
        return dropping

    async def no_state(handle: Any) -> None:
        return None

    monkeypatch.setattr(control, "checkpoint_handle", the_handle)
    monkeypatch.setattr(control, "_queried", no_state)
    return dropping


@pytest.mark.parametrize("handle", [2], indirect=True)
async def test_a_dropped_update_is_sent_again(handle: DroppingHandle) -> None:
    answer = await control.confirm(None, PENDING, "0xa", "api")  # type: ignore[arg-type]
    assert answer == SUBMITTED and handle.sent == 3


@pytest.mark.parametrize("handle", [control.UNPROCESSED_ATTEMPTS], indirect=True)
async def test_an_update_dropped_every_time_is_unavailable(handle: DroppingHandle) -> None:
    with pytest.raises(control.CheckpointRefused) as refused:
        await control.confirm(None, PENDING, "0xa", "api")  # type: ignore[arg-type]
    assert refused.value.kind == "unavailable"
    assert refused.value.message.startswith("update not processed: Workflow Update is rejected")
    assert handle.sent == control.UNPROCESSED_ATTEMPTS
