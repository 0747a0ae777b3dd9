"""CheckpointWorkflow: one per period. It builds the checkpoint, then lives as the state
machine PENDING → SUBMITTED → CLAIMABLE → PAID, advanced by validated Updates (answering
callers) or Signals (fire-and-forget on-chain tooling). It ends at PAID.

CheckpointScheduleWorkflow is what the Schedule starts: it names the period from the action
time and starts that period's CheckpointWorkflow under its deterministic id, so a period is
never built twice whoever starts it (schedule, catch-up or operator)."""

from __future__ import annotations

import asyncio
from datetime import timedelta

from temporalio import workflow
from temporalio.common import WorkflowIDReusePolicy
from temporalio.exceptions import ApplicationError, WorkflowAlreadyStartedError

with workflow.unsafe.imports_passed_through():
    from coordinator_node import metrics
    from coordinator_node.activities.checkpoints import CheckpointActivities
    from coordinator_node.checkpoints.logic import confirm_problem, status_problem
    from coordinator_node.checkpoints.messages import (
        CheckpointInput,
        CheckpointState,
        CheckpointTrigger,
        ConfirmRequest,
        StatusRequest,
        TransitionInput,
    )
    from coordinator_node.ids import (
        checkpoint_id,
        checkpoint_workflow_id,
        legacy_checkpoint_workflow_id,
    )
    from coordinator_node.statuses import CheckpointPhase, CheckpointStatus, Refusal
    from coordinator_node.temporal import CHECKPOINT_STATUS, CRUNCH_ID
    from coordinator_node.workflows.common import DB_RETRY, DB_TIMEOUT, scheduled_time

MAX_REJECTED_KEPT = 20
# 0.3.0: a run lives at most `max_run_seconds`, then continues as new with its state.
BOUNDED_RUN_PATCH = "checkpoint-bounded-run"
# 0.3.0: checkpoint workflow ids take the one id style (`checkpoint/…`, was `checkpoint-…`).
WORKFLOW_ID_PATCH = "checkpoint-workflow-id-style"


def _illegal(message: str) -> ApplicationError:
    return ApplicationError(message, type=Refusal.ILLEGAL_TRANSITION, non_retryable=True)


@workflow.defn
class CheckpointWorkflow:
    def __init__(self) -> None:
        self._state: CheckpointState | None = None
        self._lock = asyncio.Lock()  # one transition at a time, in arrival order

    @workflow.run
    async def run(self, data: CheckpointInput) -> CheckpointState:
        workflow.upsert_search_attributes([CRUNCH_ID.value_set(data.crunch_id)])
        if data.carried is not None:  # a later run of a built checkpoint
            self._state = data.carried
            self._publish()
        else:
            the_id = checkpoint_id(data.crunch_id, data.period_end)
            self._state = CheckpointState(checkpoint_id=the_id, status=CheckpointPhase.BUILDING,
                                          period_end=data.period_end)
            self._publish()
            built = await workflow.execute_activity_method(
                CheckpointActivities.build_checkpoint, data,
                start_to_close_timeout=timedelta(minutes=10), retry_policy=DB_RETRY)
            self._state = built.state
            if not built.built:
                self._state.status = CheckpointPhase.NOT_BUILT
                self._publish()
                return self._state
            self._publish()

        def paid() -> bool:
            return self._status == CheckpointStatus.PAID and workflow.all_handlers_finished()

        if not workflow.patched(BOUNDED_RUN_PATCH):  # a run begun by release 0.2.0
            await workflow.wait_condition(paid)
            return self._state
        try:
            await workflow.wait_condition(paid, timeout=timedelta(seconds=data.max_run_seconds))
        except TimeoutError:
            # Bounded lifetime: roll over (after any transition in flight) carrying the state,
            # so the next run replays on the newest code and old patches can be retired.
            await workflow.wait_condition(workflow.all_handlers_finished)
            workflow.continue_as_new(data.model_copy(update={"carried": self._state}))
        return self._state

    @property
    def _status(self) -> CheckpointPhase:
        return self._state.status if self._state else CheckpointPhase.BUILDING

    def _publish(self) -> None:
        assert self._state is not None
        workflow.upsert_search_attributes([CHECKPOINT_STATUS.value_set(self._state.status)])
        metrics.checkpoint_status(workflow.metric_meter(), self._state.checkpoint_id,
                                  self._state.status)
        workflow.set_current_details(
            f"{self._state.status}" + (f": {self._state.detail}" if self._state.detail else ""))

    # --- rules shared by Updates and Signals ---------------------------------------------
    def _confirm_problem(self, request: ConfirmRequest) -> ApplicationError | None:
        if not request.tx_hash.strip():
            return ApplicationError("tx_hash is required", type=Refusal.INVALID_REQUEST,
                                    non_retryable=True)
        state = self._state
        if state is None or state.status in (CheckpointPhase.BUILDING, CheckpointPhase.NOT_BUILT):
            detail = state.detail if state and state.detail else "it is still being built"
            return ApplicationError(f"checkpoint has no emission to confirm: {detail}",
                                    type=Refusal.NOT_BUILT, non_retryable=True)
        problem = confirm_problem(state, request.tx_hash)
        return _illegal(problem) if problem else None

    def _status_problem(self, request: StatusRequest) -> ApplicationError | None:
        state = self._state
        if request.status not in CheckpointStatus.__members__:
            return ApplicationError(
                f"unknown status {request.status!r}; statuses are "
                f"{', '.join(CheckpointStatus.__members__)}", type=Refusal.INVALID_REQUEST,
                non_retryable=True)
        if state is None or state.status in (CheckpointPhase.BUILDING, CheckpointPhase.NOT_BUILT):
            return ApplicationError("checkpoint has no emission yet", type=Refusal.NOT_BUILT,
                                    non_retryable=True)
        problem = status_problem(state, request.status)
        return _illegal(problem) if problem else None

    async def _move(self, to_status: CheckpointStatus, actor: str,
                    tx_hash: str | None) -> CheckpointState:
        """Persist the transition (activity) before the in-memory state changes."""
        assert self._state is not None
        persisted = await workflow.execute_activity_method(
            CheckpointActivities.record_transition,
            TransitionInput(checkpoint_id=self._state.checkpoint_id,
                            from_status=CheckpointStatus(self._state.status),
                            to_status=to_status,
                            tx_hash=tx_hash, actor=actor, at=workflow.now()),
            start_to_close_timeout=DB_TIMEOUT, retry_policy=DB_RETRY)
        persisted.rejected = self._state.rejected
        self._state = persisted
        self._publish()
        return self._state

    async def _confirm(self, request: ConfirmRequest) -> CheckpointState:
        async with self._lock:  # concurrent callers queue here; re-check inside
            if (problem := self._confirm_problem(request)) is not None:
                raise problem
            assert self._state is not None
            if self._state.status != CheckpointStatus.PENDING:
                return self._state
            return await self._move(CheckpointStatus.SUBMITTED, request.actor,
                                    request.tx_hash)

    async def _set_status(self, request: StatusRequest) -> CheckpointState:
        async with self._lock:
            if (problem := self._status_problem(request)) is not None:
                raise problem
            assert self._state is not None
            if self._state.status == request.status:
                return self._state
            return await self._move(CheckpointStatus(request.status), request.actor, None)

    # --- Updates: validated first, so an illegal call is refused with nothing written ----
    @workflow.update
    async def confirm(self, request: ConfirmRequest) -> CheckpointState:
        return await self._confirm(request)

    @confirm.validator
    def _validate_confirm(self, request: ConfirmRequest) -> None:
        if (problem := self._confirm_problem(request)) is not None:
            raise problem

    @workflow.update
    async def set_status(self, request: StatusRequest) -> CheckpointState:
        return await self._set_status(request)

    @set_status.validator
    def _validate_set_status(self, request: StatusRequest) -> None:
        if (problem := self._status_problem(request)) is not None:
            raise problem

    # --- Signals: same rules; a refusal is logged and kept in the state ------------------
    @workflow.signal
    async def on_chain_confirm(self, request: ConfirmRequest) -> None:
        try:
            await self._confirm(request.model_copy(update={"actor": "signal"}))
        except ApplicationError as refused:
            self._refuse(f"on_chain_confirm: {refused.message}")

    @workflow.signal
    async def on_chain_status(self, request: StatusRequest) -> None:
        try:
            await self._set_status(request.model_copy(update={"actor": "signal"}))
        except ApplicationError as refused:
            self._refuse(f"on_chain_status: {refused.message}")

    def _refuse(self, message: str) -> None:
        workflow.logger.warning("signal refused: %s", message)
        if self._state is not None:
            self._state.rejected = [*self._state.rejected, message][-MAX_REJECTED_KEPT:]

    @workflow.query
    def state(self) -> CheckpointState:
        if self._state is None:
            raise ApplicationError("checkpoint workflow has not started yet")
        return self._state


@workflow.defn
class CheckpointScheduleWorkflow:
    """Started by the Schedule: starts (once) the period's CheckpointWorkflow and returns."""

    @workflow.run
    async def run(self, data: CheckpointTrigger) -> str:
        end = scheduled_time(data.period_seconds)
        the_id = checkpoint_id(data.crunch_id, end)
        try:
            await workflow.start_child_workflow(
                CheckpointWorkflow.run,
                CheckpointInput(crunch_id=data.crunch_id, period_end=end,
                                period_seconds=data.period_seconds,
                                crunch_pubkey=data.crunch_pubkey,
                                compute_provider=data.compute_provider,
                                data_provider=data.data_provider),
                id=(checkpoint_workflow_id(the_id) if workflow.patched(WORKFLOW_ID_PATCH)
                    else legacy_checkpoint_workflow_id(the_id)),
                id_reuse_policy=WorkflowIDReusePolicy.REJECT_DUPLICATE,
                parent_close_policy=workflow.ParentClosePolicy.ABANDON,
                static_summary=f"Checkpoint {the_id}",
            )
        except WorkflowAlreadyStartedError:
            return f"{the_id}: already started"
        return f"{the_id}: started"


CHECKPOINT_WORKFLOWS: list[type] = [CheckpointWorkflow, CheckpointScheduleWorkflow]
