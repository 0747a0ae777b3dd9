"""Snapshot activities: roll a period's scores into per-model snapshots, rebuild the
leaderboard. Both upsert on natural keys, so a retry rewrites the same rows."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from typing import Any

from sqlalchemy import select
from temporalio import activity

from coordinator_node.activities.timing import timed
from coordinator_node.checkpoints.commitments import commit_cycle
from coordinator_node.db import session_scope
from coordinator_node.db.tables import Leaderboard, Model, Score, Snapshot
from coordinator_node.db.types import utcnow
from coordinator_node.db.upsert import upsert
from coordinator_node.ids import leaderboard_id, snapshot_id
from coordinator_node.rounds.logic import rank
from coordinator_node.rounds.messages import PeriodInput
from coordinator_node.rounds.store import window_aggregates
from coordinator_node.services import Services

S = Score.__table__.c  # type: ignore[attr-defined]
N = Snapshot.__table__.c  # type: ignore[attr-defined]
M = Model.__table__.c  # type: ignore[attr-defined]


class SnapshotActivities:
    def __init__(self, services: Services) -> None:
        self.services = services

    @activity.defn
    @timed("coordinator_snapshot_build_seconds", step="snapshots")
    def build_snapshots(self, data: PeriodInput) -> int:
        """One snapshot per model of the scores made in [start, end) (each score falls in
        exactly one period), summarised by the contract's `aggregate_snapshot`."""
        with session_scope(self.services.engine) as session:
            results: dict[str, list[dict[str, Any]]] = defaultdict(list)
            for model_id, result in session.execute(
                select(S.model_id, S.result)
                .where(S.scored_at >= data.period_start, S.scored_at < data.period_end)
            ).all():
                results[model_id].append(result)
            aggregate = self.services.contract.aggregate_snapshot
            rows = [{
                "id": snapshot_id(model_id, data.period_start, data.period_end),
                "model_id": model_id, "period_start": data.period_start,
                "period_end": data.period_end, "prediction_count": len(model_results),
                "summary": dict(aggregate(model_results)), "created_at": utcnow(),
            } for model_id, model_results in sorted(results.items())]
            upsert(session, Snapshot, rows, ["model_id", "period_start", "period_end"],
                   update_columns=["prediction_count", "summary", "created_at"])
            # The cycle's Merkle commitment, in the same transaction as its snapshots.
            commit_cycle(session, data.period_start, data.period_end)
        return len(rows)

    @activity.defn
    @timed("coordinator_snapshot_build_seconds", step="leaderboard")
    def rebuild_leaderboard(self, data: PeriodInput) -> str:
        aggregation = self.services.contract.aggregation
        board_id = leaderboard_id(data.crunch_id, data.period_end)
        with session_scope(self.services.engine) as session:
            # Only the score field of each summary is read, by the database.
            means, counts = window_aggregates(session, data.period_end, aggregation.windows,
                                              aggregation.score_field)
            # A model scored but never registered still ranks, with empty names.
            unknown = {"model_name": "", "cruncher_id": "", "cruncher_name": ""}
            names = {row.model_id: {"model_name": row.model_name,
                                    "cruncher_id": row.cruncher_id,
                                    "cruncher_name": row.cruncher_name}
                     for row in session.execute(
                         select(M.model_id, M.model_name, M.cruncher_id, M.cruncher_name)
                         .where(M.model_id.in_(list(means)))).all()}
            order = rank(means, aggregation.ranking_key, aggregation.ranking_direction)
            entries = [{
                "rank": position, "model_id": model_id, **names.get(model_id, unknown),
                "scores": means[model_id], "snapshot_count": counts[model_id],
            } for position, model_id in enumerate(order, start=1)]
            upsert(session, Leaderboard, [{
                "id": board_id, "built_at": data.period_end, "updated_at": utcnow(),
                "entries": entries,
                "meta": {"ranking_key": aggregation.ranking_key,
                         "ranking_direction": aggregation.ranking_direction,
                         "windows": aggregation.windows,
                         "score_field": aggregation.score_field},
            }], ["id"], update_columns=["entries", "meta", "built_at", "updated_at"])
        return board_id


def activities(services: Services) -> list[Callable[..., Any]]:
    snapshots = SnapshotActivities(services)
    return [snapshots.build_snapshots, snapshots.rebuild_leaderboard]
