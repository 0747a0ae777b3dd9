"""Snapshot activities: roll a period's scores into per-model snapshots, rebuild the
leaderboard. Both upsert on natural keys, so a retry rewrites the same rows, and both
heartbeat while they run, so a worker that dies mid-way is noticed within the heartbeat
timeout (not the ten-minute start-to-close timeout)."""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Callable
from datetime import timedelta
from typing import Any

from sqlalchemy import select
from temporalio import activity

from coordinator_node.activities.heartbeat import heartbeating_thread
from coordinator_node.activities.progress import progress
from coordinator_node.activities.timing import timed
from coordinator_node.checkpoints.commitments import commit_cycle
from coordinator_node.db import session_scope
from coordinator_node.db.tables import Input, Leaderboard, Model, Prediction, Score, Snapshot
from coordinator_node.db.types import utcnow
from coordinator_node.db.upsert import upsert
from coordinator_node.ids import is_ensemble, leaderboard_id, snapshot_id
from coordinator_node.rounds.ensembles import (
    build_ensemble,
    contributions,
    ensemble_correlations,
    ensemble_panel,
    feature_neutral_ic,
)
from coordinator_node.rounds.logic import rank
from coordinator_node.rounds.messages import PeriodInput
from coordinator_node.rounds.metrics import (
    build_panel,
    compute_metrics,
    metric_specs,
    reported_metric_names,
    snapshot_metric_names,
    window_metrics,
)
from coordinator_node.rounds.store import window_aggregates
from coordinator_node.services import Services

S = Score.__table__.c  # type: ignore[attr-defined]
N = Snapshot.__table__.c  # type: ignore[attr-defined]
M = Model.__table__.c  # type: ignore[attr-defined]
HEARTBEAT_SECONDS = 2.0
P = Prediction.__table__.c  # type: ignore[attr-defined]
I = Input.__table__.c  # type: ignore[attr-defined]  # noqa: E741


class SnapshotActivities:
    def __init__(self, services: Services) -> None:
        self.services = services

    @activity.defn
    @timed("coordinator_snapshot_build_seconds", step="snapshots")
    def build_snapshots(self, data: PeriodInput) -> int:
        """One snapshot per model of the scores made in [start, end) (each score falls in
        exactly one period), summarised by the contract's `aggregate_snapshot`, plus the
        contract's quant metrics over those scored predictions (rounds/metrics.py)."""
        contract = self.services.contract
        # Heartbeats while it works (the workflow's heartbeat timeout is 10 s): a worker that
        # dies mid-build is noticed in seconds, a long build is not mistaken for a dead one.
        with heartbeating_thread(HEARTBEAT_SECONDS), \
                session_scope(self.services.engine) as session:
            results: dict[str, list[dict[str, Any]]] = defaultdict(list)
            scored: list[tuple[str, Any, Any, Any, Any, Any]] = []
            for row in session.execute(
                select(S.model_id, S.result, S.value, S.success, P.slot, P.config_id,
                       P.output, I.ground_truth)
                .select_from(Score.__table__)  # type: ignore[attr-defined]
                .outerjoin(Prediction.__table__,  # type: ignore[attr-defined]
                           P.id == S.prediction_id)
                .outerjoin(Input.__table__, I.id == P.input_id)  # type: ignore[attr-defined]
                .where(S.scored_at >= data.period_start, S.scored_at < data.period_end)
            ).all():
                results[row.model_id].append(row.result)
                if row.slot is not None:
                    scored.append((row.model_id, row.slot, row.config_id, row.output,
                                   row.ground_truth, row.value if row.success else None))
            panel = build_panel(scored, contract.signal_field, contract.return_field)
            specs = metric_specs(snapshot_metric_names(contract.metrics), contract.custom_metrics)
            metrics = compute_metrics(panel, specs)
            counts = {model_id: len(model_results) for model_id, model_results in results.items()}
            # Ensembles: virtual models scored like a model; the first one is what each
            # model's contribution and ensemble correlation are measured against.
            for position, ensemble in enumerate(contract.ensembles):
                built = build_ensemble(ensemble, panel, metrics, contract.scoring_function,
                                       contract.signal_field)
                if position == 0:
                    loo = contributions(built, panel, contract.scoring_function,
                                        contract.signal_field)
                    corr = ensemble_correlations(built, panel)
                    fnc = feature_neutral_ic(built, panel)
                    for i, model_id in enumerate(panel.models):
                        metrics[model_id]["contribution"] = _finite(loo[i])
                        metrics[model_id]["ensemble_correlation"] = _finite(corr[i])
                        metrics[model_id]["fnc"] = _finite(fnc[i])
                if not built.results:
                    continue
                own = compute_metrics(ensemble_panel(built, panel), specs)[built.model_id]
                metrics[built.model_id] = {
                    **own, "member_count": int((built.weights > 0).sum())}
                results[built.model_id] = built.results
                counts[built.model_id] = len(built.results)
            aggregate = contract.aggregate_snapshot
            rows = [{
                "id": snapshot_id(model_id, data.period_start, data.period_end),
                "model_id": model_id, "period_start": data.period_start,
                "period_end": data.period_end, "prediction_count": counts[model_id],
                "summary": {**metrics.get(model_id, {}), **dict(aggregate(model_results))},
                "created_at": utcnow(),
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
        with heartbeating_thread(HEARTBEAT_SECONDS), \
                session_scope(self.services.engine) as session:
            # The windows' means: only the score field of each summary is read, by the
            # database.
            means, counts = window_aggregates(session, data.period_end, aggregation.windows,
                                              aggregation.score_field)
            # Each model's quant metrics over the metrics window, from its snapshots there
            # (whole summaries, but only that window's).
            contract = self.services.contract
            metric_names = reported_metric_names(contract.metrics, bool(contract.ensembles))
            metric_window = aggregation.metric_window_name
            longest = max(aggregation.windows.values(), default=24)
            since = data.period_end - timedelta(
                hours=aggregation.windows.get(metric_window or "", longest))
            summaries: dict[str, list[dict[str, Any]]] = defaultdict(list)
            if metric_names:
                for model_id, summary in session.execute(
                        select(N.model_id, N.summary)
                        .where(N.period_end > since, N.period_end <= data.period_end)
                        .order_by(N.model_id, N.period_end)).all():
                    summaries[model_id].append(summary)
            metrics = {model_id: window_metrics(summaries.get(model_id, []), metric_names)
                       for model_id in means}
            # A model scored but never registered still ranks, with empty names.
            unknown = {"model_name": "", "cruncher_id": "", "cruncher_name": ""}
            names = {row.model_id: {"model_name": row.model_name,
                                    "cruncher_id": row.cruncher_id,
                                    "cruncher_name": row.cruncher_name}
                     for row in session.execute(
                         select(M.model_id, M.model_name, M.cruncher_id, M.cruncher_name)
                         .where(M.model_id.in_(list(means)))).all()}
            # The ranking key names a window or a metric; ties by model id. Ensembles are
            # not ranked among the models: each is listed after them with the rank it
            # would take, flagged `ensemble` (the API shows them when asked).
            values = {model_id: {**metrics[model_id], **means[model_id]} for model_id in means}
            order = rank({m: v for m, v in values.items() if not is_ensemble(m)},
                         aggregation.ranking_key, aggregation.ranking_direction)
            entries = [{
                "rank": position, "model_id": model_id, **names.get(model_id, unknown),
                "scores": means[model_id], "metrics": metrics[model_id],
                "snapshot_count": counts[model_id],
            } for position, model_id in enumerate(order, start=1)]
            for model_id in sorted(m for m in values if is_ensemble(m)):
                entries.append({
                    "rank": _would_rank(values, order, model_id, aggregation.ranking_key,
                                        aggregation.ranking_direction),
                    "model_id": model_id, "model_name": model_id, "cruncher_id": "",
                    "cruncher_name": "", "scores": means[model_id],
                    "metrics": metrics[model_id], "snapshot_count": counts[model_id],
                    "ensemble": True})
            upsert(session, Leaderboard, [{
                "id": board_id, "built_at": data.period_end, "updated_at": utcnow(),
                "entries": entries,
                "meta": {"ranking_key": aggregation.ranking_key,
                         "ranking_direction": aggregation.ranking_direction,
                         "windows": aggregation.windows,
                         "score_field": aggregation.score_field,
                         "metrics": metric_names, "metrics_window": metric_window},
            }], ["id"], update_columns=["entries", "meta", "built_at", "updated_at"])
        key = aggregation.ranking_key
        best = {**metrics[order[0]], **means[order[0]]} if order else {}
        leader = (f"leader {entries[0]['model_name'] or entries[0]['model_id']} "
                  f"({key} {_number(best.get(key))})"
                  if order else "no model ranked yet")
        progress.info("snapshot %s: %d models, %s", data.period_end.isoformat(), len(order),
                      leader)
        return board_id


def _would_rank(values: dict[str, dict[str, Any]], order: list[str], model_id: str,
                key: str, direction: str) -> int:
    """The rank an ensemble would take among the ranked models (after those it ties)."""
    mine = values[model_id].get(key)
    if mine is None:
        return len(order) + 1
    better = sum(1 for m in order if (v := values[m].get(key)) is not None
                 and (v >= mine if direction == "desc" else v <= mine))
    return better + 1


def _finite(value: float) -> float | None:
    return float(value) if math.isfinite(value) else None


def _number(value: Any) -> str:
    return f"{value:.6g}" if isinstance(value, int | float) else "-"


def activities(services: Services) -> list[Callable[..., Any]]:
    snapshots = SnapshotActivities(services)
    return [snapshots.build_snapshots, snapshots.rebuild_leaderboard]
