"""Client-side checkpoint operations shared by the API and the CLI: start a period's workflow
(once), and send it the confirm / set_status Updates, turning every outcome into either the
checkpoint's state or a `CheckpointRefused` that says why.

A call whose move has already happened (the same confirm again, as a retrying client sends)
is answered from the stored row or the workflow's state (a Query) without an Update: Updates
are limited per workflow run (10 in flight, 2,000 in all) and each one writes history."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, timedelta
from typing import Any, Literal

from temporalio.client import (
    Client,
    WorkflowHandle,
    WorkflowQueryFailedError,
    WorkflowQueryRejectedError,
    WorkflowUpdateFailedError,
)
from temporalio.common import WorkflowIDReusePolicy
from temporalio.exceptions import ApplicationError, WorkflowAlreadyStartedError
from temporalio.service import RPCError, RPCStatusCode

from coordinator_node.checkpoints.logic import confirm_problem, status_problem
from coordinator_node.checkpoints.messages import (
    CheckpointState,
    ConfirmRequest,
    StatusRequest,
)
from coordinator_node.client.inputs import checkpoint_input
from coordinator_node.contract import CrunchContract
from coordinator_node.ids import (
    checkpoint_id,
    checkpoint_workflow_id,
    legacy_checkpoint_workflow_id,
)
from coordinator_node.settings import Settings
from coordinator_node.statuses import CheckpointStatus, Refusal
from coordinator_node.workflows.checkpoints import CheckpointWorkflow

# Temporal's rejection of an Update no workflow task processed: safe to send again.
UNPROCESSED_UPDATE = "UnprocessedUpdate"
UNPROCESSED_ATTEMPTS = 5

RefusalKind = Literal["not_found", "illegal", "invalid", "unavailable"]
_KIND_OF_TYPE: dict[str | None, RefusalKind] = {
    Refusal.ILLEGAL_TRANSITION: "illegal", Refusal.NOT_BUILT: "illegal",
    Refusal.INVALID_REQUEST: "invalid"}


class CheckpointRefused(Exception):
    def __init__(self, kind: RefusalKind, message: str) -> None:
        super().__init__(message)
        self.kind = kind
        self.message = message


async def create_checkpoint(client: Client, settings: Settings, contract: CrunchContract,
                            period_end: datetime) -> tuple[str, bool]:
    """Start the period's workflow; `(checkpoint id, False)` when it already exists."""
    if period_end.tzinfo is None:
        raise CheckpointRefused("invalid", "period end must include a UTC offset")
    if period_end > datetime.now(UTC):
        raise CheckpointRefused("invalid", f"period end {period_end.isoformat()} is in the "
                                           "future: its snapshots do not exist yet")
    the_id = checkpoint_id(settings.crunch_id, period_end)
    data = checkpoint_input(settings, contract, period_end)
    if await _open_legacy_run(client, the_id):
        return the_id, False
    try:
        await client.start_workflow(
            CheckpointWorkflow.run, data, id=checkpoint_workflow_id(the_id),
            task_queue=settings.temporal_task_queue,
            id_reuse_policy=WorkflowIDReusePolicy.REJECT_DUPLICATE,
            static_summary=f"Checkpoint {the_id}")
    except WorkflowAlreadyStartedError:
        return the_id, False
    return the_id, True


async def _open_legacy_run(client: Client, the_id: str) -> bool:
    """A workflow release 0.2.0 started for this period, under its old id (still open or
    not): the period has its checkpoint workflow already."""
    try:
        await client.get_workflow_handle(legacy_checkpoint_workflow_id(the_id)).describe()
    except RPCError as err:
        if err.status == RPCStatusCode.NOT_FOUND:
            return False
        raise
    return True


async def checkpoint_handle(client: Client, the_id: str) -> WorkflowHandle[Any, Any]:
    """The checkpoint's workflow: under today's id, or under 0.2.0's if only that exists."""
    if await _open_legacy_run(client, the_id):
        return client.get_workflow_handle(legacy_checkpoint_workflow_id(the_id))
    return client.get_workflow_handle(checkpoint_workflow_id(the_id))


QUERY_TIMEOUT = timedelta(seconds=2)


def settled(state: CheckpointState, request: ConfirmRequest | StatusRequest) -> bool:
    """The move `request` asks for has already been made: the answer is `state` as it is."""
    if isinstance(request, ConfirmRequest):
        return (state.status in (CheckpointStatus.SUBMITTED, CheckpointStatus.CLAIMABLE,
                                 CheckpointStatus.PAID) and state.tx_hash == request.tx_hash)
    return state.status == request.status and state.status != CheckpointStatus.PENDING


async def _queried(handle: WorkflowHandle[Any, Any]) -> CheckpointState | None:
    """The workflow's state, or None when it cannot say right now (the Update will)."""
    try:
        return await handle.query(CheckpointWorkflow.state, rpc_timeout=QUERY_TIMEOUT)
    except (RPCError, WorkflowQueryFailedError, WorkflowQueryRejectedError):
        return None


async def _update(client: Client, stored: CheckpointState | None,
                  request: ConfirmRequest | StatusRequest) -> CheckpointState:
    if stored is None:
        raise CheckpointRefused("not_found", "unknown checkpoint")
    if settled(stored, request):  # the row is written before the workflow's state moves
        return stored
    handle = await checkpoint_handle(client, stored.checkpoint_id)
    # A PAID checkpoint's workflow has ended: a Query would replay its history for nothing.
    if stored.status != CheckpointStatus.PAID:
        current = await _queried(handle)
        if current is not None and settled(current, request):
            return current
    try:
        for attempt in range(1, UNPROCESSED_ATTEMPTS + 1):
            try:
                if isinstance(request, ConfirmRequest):
                    return await handle.execute_update(CheckpointWorkflow.confirm, request)
                return await handle.execute_update(CheckpointWorkflow.set_status, request)
            except WorkflowUpdateFailedError as failed:
                cause = failed.cause
                if isinstance(cause, ApplicationError) and cause.type == UNPROCESSED_UPDATE:
                    # The server dropped the Update before the workflow saw it (its task
                    # failed or timed out under load): nothing was written, so send it again.
                    if attempt < UNPROCESSED_ATTEMPTS:
                        await asyncio.sleep(0.2 * attempt)
                        continue
                    raise CheckpointRefused(
                        "unavailable", f"update not processed: {cause.message}") from failed
                if isinstance(cause, ApplicationError):
                    raise CheckpointRefused(_KIND_OF_TYPE.get(cause.type, "illegal"),
                                            cause.message) from failed
                raise CheckpointRefused("unavailable", f"update failed: {cause}") from failed
        raise AssertionError("unreachable: every attempt returns or raises")
    except RPCError as err:
        if err.status != RPCStatusCode.NOT_FOUND:
            raise CheckpointRefused("unavailable", f"Temporal: {err.message}") from err
        return _answer_closed(stored, request)


def _answer_closed(stored: CheckpointState, request: ConfirmRequest | StatusRequest
                   ) -> CheckpointState:
    """The workflow has ended (the checkpoint is PAID): the workflow's own rules, applied to
    the stored state. A repeat gets the same answer; any other call is refused, a move the
    rules would allow too, since only the workflow may make it."""
    if isinstance(request, ConfirmRequest):
        problem = confirm_problem(stored, request.tx_hash)
        moves = stored.status == CheckpointStatus.PENDING
    else:
        problem = status_problem(stored, request.status)
        moves = stored.status != request.status
    if problem:
        raise CheckpointRefused("illegal", problem)
    if moves:
        raise CheckpointRefused("illegal", f"checkpoint {stored.checkpoint_id} is "
                                           f"{stored.status} but its workflow is not running; "
                                           "nothing was written")
    return stored


async def confirm(client: Client, stored: CheckpointState | None, tx_hash: str,
                  actor: str) -> CheckpointState:
    return await _update(client, stored, ConfirmRequest(tx_hash=tx_hash, actor=actor))


async def set_status(client: Client, stored: CheckpointState | None, status: str,
                     actor: str) -> CheckpointState:
    return await _update(client, stored, StatusRequest(status=status, actor=actor))
