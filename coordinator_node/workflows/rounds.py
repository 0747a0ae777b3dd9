"""PredictionRoundWorkflow: one per prediction config and slot."""

from __future__ import annotations

from datetime import timedelta

from temporalio import workflow
from temporalio.common import RetryPolicy
from temporalio.exceptions import ActivityError

with workflow.unsafe.imports_passed_through():
    from coordinator_node import metrics
    from coordinator_node.activities.rounds import RoundActivities
    from coordinator_node.rounds.messages import (
        CaptureInput,
        InputRef,
        LostRoundInput,
        PredictInput,
        ResolveInput,
        RoundCounts,
        RoundInput,
        RoundResult,
    )
    from coordinator_node.statuses import InputStatus, RoundStage
    from coordinator_node.temporal import CRUNCH_ID, PREDICTION_CONFIG, ROUND_STATUS
    from coordinator_node.workflows.common import DB_RETRY, DB_TIMEOUT, scheduled_time

@workflow.defn
class PredictionRoundWorkflow:
    """capture input → tick + predict (once) → durable timer to the horizon → resolve ground
    truth (retrying until the feed covers it, EXPIRED after a deadline) → score."""

    def __init__(self) -> None:
        self._stage = RoundStage.STARTING
        self._counts = RoundCounts()
        self._publish = True

    @workflow.run
    async def run(self, data: RoundInput) -> RoundResult:
        slot = data.slot or scheduled_time(data.interval_seconds)
        self._publish = data.search_attributes
        if self._publish:
            workflow.upsert_search_attributes([CRUNCH_ID.value_set(data.crunch_id),
                                               PREDICTION_CONFIG.value_set(data.config_id)])
        self._enter(RoundStage.CAPTURING, f"{data.config_id} at {slot.isoformat()}")
        the_input = await workflow.execute_activity_method(
            RoundActivities.capture_input,
            CaptureInput(config_id=data.config_id, slot=slot, horizon_seconds=data.horizon_seconds,
                         feed=data.feed, window_size=data.window_size),
            start_to_close_timeout=DB_TIMEOUT, retry_policy=DB_RETRY,
        )

        self._enter(RoundStage.PREDICTING, f"{data.config_id} at {slot.isoformat()}")
        ask = PredictInput(input_id=the_input, config_id=data.config_id, slot=slot,
                           subject=data.subject, horizon_seconds=data.horizon_seconds,
                           step_seconds=data.interval_seconds,
                           timeout_seconds=data.model_timeout_seconds, scope=data.scope)
        try:
            # One attempt: a retry would re-tick every model and burn innocent models'
            # failure budgets. Per-model failures are data in the result.
            self._counts = await workflow.execute_activity_method(
                RoundActivities.predict, ask,
                start_to_close_timeout=timedelta(seconds=2 * data.model_timeout_seconds + 60),
                heartbeat_timeout=timedelta(seconds=10),
                retry_policy=RetryPolicy(maximum_attempts=1),
            )
        except ActivityError as err:
            self._counts = await workflow.execute_activity_method(
                RoundActivities.record_lost_round,
                LostRoundInput(input_id=the_input, config_id=data.config_id, slot=slot,
                               reason=f"the round's model call was lost ({err.cause or err}); "
                                      "not retried, so no model is ticked twice"),
                start_to_close_timeout=DB_TIMEOUT, retry_policy=DB_RETRY,
            )

        horizon_at = slot + timedelta(seconds=data.horizon_seconds)
        self._enter(RoundStage.WAITING_HORIZON, f"until {horizon_at}")
        if (wait := horizon_at - workflow.now()) > timedelta(0):
            await workflow.sleep(wait)

        self._enter(RoundStage.RESOLVING, "waiting for the feed to cover the horizon")
        deadline = horizon_at + timedelta(seconds=data.resolve_deadline_seconds)
        while True:
            resolved = await workflow.execute_activity_method(
                RoundActivities.resolve,
                ResolveInput(input_id=the_input, feed=data.feed, slot=slot,
                             horizon_seconds=data.horizon_seconds),
                start_to_close_timeout=DB_TIMEOUT, retry_policy=DB_RETRY,
            )
            if resolved.resolved:
                break
            if resolved.covered or workflow.now() >= deadline:
                reason = (f"ground truth never arrived by {deadline.isoformat()}: "
                          f"{resolved.detail}" if not resolved.covered
                          else f"ground truth could not be resolved: {resolved.detail}")
                self._counts = await workflow.execute_activity_method(
                    RoundActivities.expire, InputRef(input_id=the_input, reason=reason),
                    start_to_close_timeout=DB_TIMEOUT, retry_policy=DB_RETRY,
                )
                self._enter(RoundStage.EXPIRED, reason)
                metrics.round_finished(workflow.metric_meter(), data.config_id,
                                       InputStatus.EXPIRED, self._counts.model_dump())
                return RoundResult(input_id=the_input, status=InputStatus.EXPIRED,
                                   counts=self._counts, detail=reason)
            await workflow.sleep(timedelta(seconds=data.resolve_poll_seconds))

        self._enter(RoundStage.SCORING, "")
        self._counts = await workflow.execute_activity_method(
            RoundActivities.score, InputRef(input_id=the_input),
            start_to_close_timeout=timedelta(minutes=5), retry_policy=DB_RETRY,
        )
        self._enter(RoundStage.DONE, "")
        metrics.round_finished(workflow.metric_meter(), data.config_id, InputStatus.RESOLVED,
                               self._counts.model_dump())
        return RoundResult(input_id=the_input, status=InputStatus.RESOLVED,
                           counts=self._counts)

    def _enter(self, stage: RoundStage, details: str) -> None:
        self._stage = stage
        if self._publish:
            workflow.upsert_search_attributes([ROUND_STATUS.value_set(stage)])
        workflow.set_current_details(f"{stage}: {details}" if details else stage)

    @workflow.query
    def stage(self) -> RoundStage:
        return self._stage

    @workflow.query
    def counts(self) -> RoundCounts:
        return self._counts


ROUND_WORKFLOWS: list[type] = [PredictionRoundWorkflow]
