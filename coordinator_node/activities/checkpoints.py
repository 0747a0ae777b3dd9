"""Checkpoint activities: build a period's checkpoint once, persist each lifecycle transition
once. Both are idempotent, so a retried or replayed activity never writes twice."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import update
from temporalio import activity
from temporalio.exceptions import ApplicationError

from coordinator_node.activities.timing import timed
from coordinator_node.checkpoints.commitments import checkpoint_root, period_cycles
from coordinator_node.checkpoints.logic import (
    EmissionError,
    enrich_ranking,
    rank_scores,
    validate_emission,
)
from coordinator_node.checkpoints.messages import (
    BuildResult,
    CheckpointInput,
    CheckpointState,
    TransitionInput,
)
from coordinator_node.checkpoints.store import (
    model_names,
    newest_checkpoint,
    period_aggregates,
    state_of,
)
from coordinator_node.db import session_scope
from coordinator_node.db.tables import Checkpoint, CheckpointTransition, Snapshot
from coordinator_node.db.types import utcnow
from coordinator_node.db.upsert import upsert
from coordinator_node.ids import checkpoint_id
from coordinator_node.services import Services
from coordinator_node.statuses import CheckpointPhase, CheckpointStatus, Refusal

C = Checkpoint.__table__.c  # type: ignore[attr-defined]
N = Snapshot.__table__.c  # type: ignore[attr-defined]
BEGINNING = datetime(1970, 1, 1, tzinfo=UTC)  # the first on-demand period starts here
STATUS_TIME: dict[str, str] = {CheckpointStatus.SUBMITTED: "submitted_at",
               CheckpointStatus.CLAIMABLE: "claimable_at", CheckpointStatus.PAID: "paid_at"}


class CheckpointActivities:
    def __init__(self, services: Services) -> None:
        self.services = services

    @activity.defn
    @timed("coordinator_checkpoint_build_seconds")
    def build_checkpoint(self, data: CheckpointInput) -> BuildResult:
        """Rank the period's snapshots and store the emission as PENDING, once per period.
        A period that already has its checkpoint returns it unchanged."""
        the_id = checkpoint_id(data.crunch_id, data.period_end)
        contract = self.services.contract
        with session_scope(self.services.engine) as session:
            existing = session.get(Checkpoint, the_id)
            if existing is not None:
                return BuildResult(built=True, state=state_of(existing),
                                   ranking=existing.meta.get("ranking", []))
            newest = newest_checkpoint(session, data.crunch_id)
            if newest is not None and newest.period_end > data.period_end:
                raise ApplicationError(
                    f"checkpoint {newest.id} already covers a later period: a period ending "
                    f"{data.period_end.isoformat()} would overlap it",
                    type=Refusal.ILLEGAL_TRANSITION, non_retryable=True)
            if newest is not None:
                start = newest.period_end  # periods chain: a snapshot never counts twice
            elif data.period_seconds:
                start = data.period_end - timedelta(seconds=data.period_seconds)
            else:
                start = BEGINNING
            # A snapshot belongs to the period its own period starts in: [start, end).
            # The weighted means are computed by the database, on the numbers only.
            snapshot_count, models = period_aggregates(session, start, data.period_end)
            aggregation = contract.aggregation
            field = aggregation.score_field
            ranking = rank_scores({
                model_id: (period.summary[field], period.weights[field])
                for model_id, period in models.items() if field in period.summary
            }, aggregation.ranking_direction)
            if not ranking:
                reason = (f"no ranked model in [{start.isoformat()}, "
                          f"{data.period_end.isoformat()}): {snapshot_count} snapshots, none "
                          f"with a finite {aggregation.score_field!r}; no checkpoint built")
                return BuildResult(built=False, state=CheckpointState(
                    checkpoint_id=the_id, status=CheckpointPhase.NOT_BUILT, period_start=start,
                    period_end=data.period_end, detail=reason))
            # What the web app shows per paid model (names as registered at build time).
            ranking = enrich_ranking(
                ranking, {model_id: (period.summary, period.snapshot_count)
                          for model_id, period in models.items()},
                model_names(session, (entry["model_id"] for entry in ranking)),
                aggregation.score_field)
            try:
                # The input carries the pubkeys (settings over contract: client.inputs).
                emission = validate_emission(contract.build_emission(
                    ranking, data.crunch_pubkey, data.compute_provider or None,
                    data.data_provider or None), len(ranking))
            except EmissionError as exc:
                raise ApplicationError(f"emission refused: {exc}", type=Refusal.EMISSION_INVALID,
                                       non_retryable=True) from exc
            # The commitment: the tree over the cycle roots of the period.
            cycles = period_cycles(session, start, data.period_end)
            root = checkpoint_root(cycles)
            now = utcnow()
            upsert(session, Checkpoint, [{
                "id": the_id, "crunch_id": data.crunch_id, "period_start": start,
                "period_end": data.period_end, "status": CheckpointStatus.PENDING,
                "emission": emission, "tx_hash": None, "created_at": now, "updated_at": now,
                "merkle_root": root,
                "meta": {"ranking": ranking, "snapshot_count": snapshot_count,
                         "merkle_root": root, "merkle_cycles": [c.id for c in cycles],
                         "model_count": len(ranking),
                         "ranking_key": aggregation.score_field,
                         "ranking_direction": aggregation.ranking_direction},
            }], ["id"])
            upsert(session, CheckpointTransition, [{
                "checkpoint_id": the_id, "from_status": None,
                "to_status": CheckpointStatus.PENDING, "actor": "workflow", "at": now,
            }], ["checkpoint_id", "to_status"])
            row = session.get(Checkpoint, the_id)
            assert row is not None
            return BuildResult(built=True, state=state_of(row), ranking=ranking)

    @activity.defn
    def record_transition(self, data: TransitionInput) -> CheckpointState:
        """Move the row from `from_status` to `to_status` and write the audit row, in one
        transaction. Already there (a retry) is a no-op; anywhere else is refused."""
        with session_scope(self.services.engine) as session:
            row = session.get(Checkpoint, data.checkpoint_id)
            if row is None:
                raise ApplicationError(f"unknown checkpoint {data.checkpoint_id}",
                                       non_retryable=True)
            if row.status == data.to_status:
                return state_of(row)
            if row.status != data.from_status:
                raise ApplicationError(
                    f"checkpoint {row.id} is {row.status} in the database, expected "
                    f"{data.from_status}", type=Refusal.ILLEGAL_TRANSITION, non_retryable=True)
            values: dict[str, Any] = {"status": data.to_status, "updated_at": utcnow(),
                                      STATUS_TIME[data.to_status]: data.at}
            if data.to_status == CheckpointStatus.SUBMITTED:
                values["tx_hash"] = data.tx_hash
            session.execute(update(Checkpoint.__table__)  # type: ignore[attr-defined]
                            .where(C.id == row.id, C.status == data.from_status)
                            .values(**values))
            upsert(session, CheckpointTransition, [{
                "checkpoint_id": row.id, "from_status": data.from_status,
                "to_status": data.to_status, "tx_hash": data.tx_hash, "actor": data.actor,
                "at": data.at,
            }], ["checkpoint_id", "to_status"])
            session.refresh(row)
            return state_of(row)


def activities(services: Services) -> list[Callable[..., Any]]:
    checkpoints = CheckpointActivities(services)
    return [checkpoints.build_checkpoint, checkpoints.record_transition]
