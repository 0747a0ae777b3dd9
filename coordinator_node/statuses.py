"""Every lifecycle the node has, one StrEnum each (SPEC §4), and the failure type names the
workflows raise. Tables, workflows, messages, the API and tests use these, never literals."""

from __future__ import annotations

from enum import StrEnum


class InputStatus(StrEnum):
    RECEIVED = "RECEIVED"
    RESOLVED = "RESOLVED"
    EXPIRED = "EXPIRED"


class PredictionStatus(StrEnum):
    PENDING = "PENDING"
    SCORED = "SCORED"
    FAILED = "FAILED"
    ABSENT = "ABSENT"


class CheckpointStatus(StrEnum):
    """What a stored checkpoint is (the `checkpoints.status` column)."""

    PENDING = "PENDING"
    SUBMITTED = "SUBMITTED"
    CLAIMABLE = "CLAIMABLE"
    PAID = "PAID"


class CheckpointPhase(StrEnum):
    """Where a checkpoint workflow is: before the row exists, or the row's status."""

    BUILDING = "BUILDING"
    NOT_BUILT = "NOT_BUILT"  # the period had no ranked model: no row, nothing to pay
    PENDING = CheckpointStatus.PENDING.value
    SUBMITTED = CheckpointStatus.SUBMITTED.value
    CLAIMABLE = CheckpointStatus.CLAIMABLE.value
    PAID = CheckpointStatus.PAID.value


class RoundStage(StrEnum):
    """A prediction round's progress (query `stage`, search attribute `RoundStatus`)."""

    STARTING = "STARTING"
    CAPTURING = "CAPTURING"
    PREDICTING = "PREDICTING"
    WAITING_HORIZON = "WAITING_HORIZON"
    RESOLVING = "RESOLVING"
    SCORING = "SCORING"
    DONE = "DONE"
    EXPIRED = InputStatus.EXPIRED.value


class FeedState(StrEnum):
    BACKFILLING = "BACKFILLING"
    LIVE = "LIVE"
    STALLED = "STALLED"
    STOPPED = "STOPPED"


class Refusal(StrEnum):
    """`ApplicationError.type` of a refused request; the API maps each to an HTTP status.
    Named as errors so none reads like a status."""

    ILLEGAL_TRANSITION = "IllegalTransitionError"  # 409
    INVALID_REQUEST = "InvalidRequestError"  # 422
    NOT_BUILT = "CheckpointNotBuiltError"  # 409: no emission (yet, or the period had none)
    EMISSION_INVALID = "EmissionInvalidError"  # the contract's emission was refused
