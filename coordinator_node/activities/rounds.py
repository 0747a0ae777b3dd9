"""Round activities: capture the input, tick and ask the models, resolve, score."""

from __future__ import annotations

import asyncio
from collections import Counter
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import func, select, update
from temporalio import activity
from temporalio.exceptions import ApplicationError

from coordinator_node import metrics
from coordinator_node.activities.heartbeat import heartbeating, heartbeating_thread
from coordinator_node.activities.progress import progress
from coordinator_node.activities.timing import meter
from coordinator_node.contract import ArgType, CallArgError
from coordinator_node.db import session_scope
from coordinator_node.db.tables import Input, Model, Prediction, Score, Snapshot
from coordinator_node.db.types import utcnow
from coordinator_node.db.upsert import update_rows, upsert
from coordinator_node.feeds.store import as_plain, input_window, newest_records, records_between
from coordinator_node.feeds.types import granularity_seconds
from coordinator_node.ids import input_id, prediction_id
from coordinator_node.numbers import finite_number
from coordinator_node.rounds.logic import call_scope, score_one, validate_output
from coordinator_node.rounds.messages import (
    CaptureInput,
    InputRef,
    LostRoundInput,
    PredictInput,
    ResolveInput,
    ResolveResult,
    RoundCounts,
)
from coordinator_node.runners.base import (
    Arg,
    CallStatus,
    Departure,
    ModelIdentity,
    ModelTurn,
    Step,
    explain,
)
from coordinator_node.services import Services
from coordinator_node.statuses import InputStatus, PredictionStatus

# A model seen this recently that does not answer a round is ABSENT from it.
KNOWN_MODEL_WINDOW = timedelta(hours=24)
HEARTBEAT_SECONDS = 2.0
WRITE_HEADROOM_SECONDS = 15.0  # of the predict activity's timeout, kept to write the round
# A model's last_seen_at is refreshed when it is this old: every round would rewrite every
# model's row for nothing (what matters is KNOWN_MODEL_WINDOW, a day).
SEEN_REFRESH = timedelta(seconds=60)
IDENTITY_COLUMNS = ("model_name", "cruncher_id", "cruncher_name", "deployment_id", "infos")

PREDICTIONS = Prediction.__table__  # type: ignore[attr-defined]
P = PREDICTIONS.c
S = Score.__table__.c  # type: ignore[attr-defined]
N = Snapshot.__table__.c  # type: ignore[attr-defined]
M = Model.__table__.c  # type: ignore[attr-defined]
INPUTS = Input.__table__  # type: ignore[attr-defined]
IN = INPUTS.c


def _prediction_row(data: PredictInput | LostRoundInput, model_id: str, status: str,
                    created_at: datetime, **fields: Any) -> dict[str, Any]:
    return {"id": prediction_id(data.input_id, model_id), "input_id": data.input_id,
            "config_id": data.config_id, "model_id": model_id, "slot": data.slot,
            "status": status, "output": None, "raw_output": None, "failed_reason": None,
            "exec_time_us": None, "created_at": created_at, "scored_at": None, **fields}


def _model_row(model: ModelIdentity, seen_at: datetime) -> dict[str, Any]:
    return {"model_id": model.model_id, "model_name": model.model_name,
            "cruncher_id": model.cruncher_id, "cruncher_name": model.cruncher_name,
            "deployment_id": model.deployment_id,
            "infos": {k: v for k, v in model.infos.items() if isinstance(v, str | int | float)},
            "first_seen_at": seen_at, "last_seen_at": seen_at}


class RoundActivities:
    def __init__(self, services: Services) -> None:
        self.services = services

    # --- input -------------------------------------------------------------------------
    @activity.defn
    def capture_input(self, data: CaptureInput) -> str:
        """The newest window at the slot, stored once per (config, slot)."""
        the_id = input_id(data.config_id, data.slot)
        with session_scope(self.services.engine) as session:
            records = newest_records(session, data.feed.key, data.slot, data.window_size)
            payload = input_window(records, data.feed.subject, data.slot)
            upsert(session, Input, [{
                "id": the_id, "config_id": data.config_id, "slot": data.slot,
                "status": InputStatus.RECEIVED, "payload": payload, "ground_truth": None,
                "horizon_at": data.slot + timedelta(seconds=data.horizon_seconds),
                "received_at": utcnow(), "resolved_at": None,
                "detail": None if records else f"no {data.feed} records at or before the slot",
            }], ["id"])
        return the_id

    # --- the model call ----------------------------------------------------------------
    @activity.defn
    async def predict(self, data: PredictInput) -> RoundCounts:
        """Tick then predict every model, once, and persist the round's predictions in one
        transaction. Never retried (the workflow gives it one attempt)."""
        runner = self.services.runner
        if runner is None:
            raise RuntimeError("this worker has no model runner")
        payload = await asyncio.to_thread(self._payload, data.input_id)

        present = await runner.models()
        # Known before the call: if this attempt is lost, they still get their row.
        await asyncio.to_thread(self._record_models, present)
        method, args = self._predict_call(data)  # before any tick: a bad call asks nobody
        # Each model's turn: tick, then (only if the tick succeeded) predict, with no other
        # round's call in between; a model still busy when too little time is left for both
        # is not called, so the activity ends (and writes) before Temporal's timeout.
        steps = [Step("tick", [Arg(ArgType.JSON, payload)]), Step(method, args)]
        async with heartbeating(HEARTBEAT_SECONDS):
            turns = await runner.call_in_turn(steps, timeout_seconds=data.timeout_seconds,
                                              budget_seconds=self._call_budget())
        departed = await runner.departed()
        metrics.model_calls(meter(), ((str(turn.results[-1].status).lower(),
                                       turn.results[-1].exec_time_us) for turn in turns))
        return await asyncio.to_thread(self._persist_answers, data, present, turns, departed)

    @staticmethod
    def _call_budget() -> float | None:
        """Seconds this attempt may spend calling models: what its start-to-close timeout
        leaves, minus headroom to write the round."""
        info = activity.info()
        if info.start_to_close_timeout is None:
            return None
        spent = (datetime.now(UTC) - info.started_time).total_seconds()
        return info.start_to_close_timeout.total_seconds() - spent - WRITE_HEADROOM_SECONDS

    def _predict_call(self, data: PredictInput) -> tuple[str, list[Arg]]:
        """The contract's predict call with this round's values, positional and typed as
        participants' models expect (default: `predict(subject, horizon, step)`)."""
        call = self.services.contract.predict_call
        scope = call_scope(self.services.contract.scope.model_dump(), data.subject,
                           data.horizon_seconds, data.step_seconds, data.scope)
        try:
            values = call.values(scope)
        except CallArgError as exc:
            raise ApplicationError(f"cannot build the model call {call.method}(…): {exc}",
                                   type="CallArgError", non_retryable=True) from exc
        return call.method, [Arg(spec.type, value) for spec, value in zip(call.args, values,
                                                                           strict=True)]

    def _payload(self, the_input_id: str) -> dict[str, Any]:
        with session_scope(self.services.engine) as session:
            row = session.get(Input, the_input_id)
            if row is None:
                raise ValueError(f"unknown input {the_input_id}")
            return row.payload

    def _persist_answers(self, data: PredictInput, present: list[ModelIdentity],
                         turns: list[ModelTurn], departed: list[Departure]) -> RoundCounts:
        """The round's rows, whatever the model count in a constant number of statements:
        the known models (one SELECT), the models that are new or changed (one upsert, none
        usually: `predict` recorded them before the call) and every prediction (one
        INSERT … ON CONFLICT DO NOTHING)."""
        contract = self.services.contract
        timeout = data.timeout_seconds
        now = utcnow()
        rows: dict[str, dict[str, Any]] = {}
        for turn in turns:
            model_id = turn.model.model_id
            tick, answer = turn.results[0], turn.results[-1]
            common = {"exec_time_us": answer.exec_time_us}
            if tick.status != CallStatus.SUCCESS:  # its predict was not called
                rows[model_id] = _prediction_row(
                    data, model_id, PredictionStatus.FAILED, now, **common,
                    failed_reason=f"tick: {explain(tick, timeout)}")
            elif answer.status != CallStatus.SUCCESS:
                rows[model_id] = _prediction_row(
                    data, model_id, PredictionStatus.FAILED, now, **common,
                    failed_reason=explain(answer, timeout))
            else:
                verdict = validate_output(contract.output_type, answer.result)
                rows[model_id] = _prediction_row(
                    data, model_id,
                    PredictionStatus.PENDING if verdict.output else PredictionStatus.FAILED,
                    now, **common, output=verdict.output, raw_output=verdict.raw,
                    failed_reason=verdict.reason)
        # A model the runner stopped for failing is recorded FAILED with the reason while the
        # stop is recent (known from then on, even if it failed at Setup and never answered);
        # a known model the orchestrator took away is ABSENT with the reason.
        recent = now - KNOWN_MODEL_WINDOW
        gone = {d.model.model_id: d for d in departed if d.at >= recent}
        identities = {m.model_id: m for m in [*present, *(t.model for t in turns)]}
        recorded = {m.model_id: m for m in present}  # by _record_models, before the call
        with session_scope(self.services.engine) as session:
            self._sync_models(session, [m for m in identities.values()
                                        if recorded.get(m.model_id) != m
                                        or recorded[m.model_id].infos != m.infos], now)
            stopped = [_model_row(d.model, d.at) for d in gone.values()
                       if d.failed and d.model.model_id not in identities]
            self._upsert_model_rows(session, stopped)
            for model_id in self._known_models(session) | set(identities):
                if model_id in rows:
                    continue
                if model_id in gone:
                    status = (PredictionStatus.FAILED if gone[model_id].failed
                              else PredictionStatus.ABSENT)
                    rows[model_id] = _prediction_row(data, model_id, status, now,
                                                     failed_reason=gone[model_id].reason)
                    continue
                reason = ("no answer from the model runner" if model_id in identities
                          else "model not connected to the orchestrator")
                rows[model_id] = _prediction_row(data, model_id, PredictionStatus.ABSENT, now,
                                                 failed_reason=reason)
            upsert(session, Prediction, list(rows.values()), ["input_id", "model_id"])
        counts = Counter(row["status"] for row in rows.values())
        return RoundCounts(pending=counts[PredictionStatus.PENDING],
                           failed=counts[PredictionStatus.FAILED],
                           absent=counts[PredictionStatus.ABSENT])

    def _record_models(self, models: list[ModelIdentity]) -> None:
        with session_scope(self.services.engine) as session:
            self._sync_models(session, models, utcnow())

    def _sync_models(self, session: Any, models: list[ModelIdentity], now: datetime) -> None:
        """Models seen now: the new or changed ones are upserted; the others only get their
        `last_seen_at` moved, and only when it is older than SEEN_REFRESH (one UPDATE). At
        most three statements, whatever the model count, and usually one SELECT."""
        if not models:
            return
        wanted = {m.model_id: _model_row(m, now) for m in models}
        stored = {row.model_id: row for row in session.execute(
            select(M.model_id, M.last_seen_at, *(M[c] for c in IDENTITY_COLUMNS))
            .where(M.model_id.in_(sorted(wanted)))).all()}
        changed, stale = [], []
        for model_id, row in wanted.items():
            have = stored.get(model_id)
            if have is None or any(getattr(have, c) != row[c] for c in IDENTITY_COLUMNS):
                changed.append(row)
            elif have.last_seen_at < now - SEEN_REFRESH:
                stale.append({"model_id": model_id, "last_seen_at": now})
        self._upsert_model_rows(session, changed)
        update_rows(session, Model, "model_id", stale)

    def _upsert_model_rows(self, session: Any, rows: list[dict[str, Any]]) -> None:
        upsert(session, Model, rows, ["model_id"], update_columns=[
            *IDENTITY_COLUMNS, "last_seen_at"])

    def _known_models(self, session: Any) -> set[str]:
        since = utcnow() - KNOWN_MODEL_WINDOW
        return set(session.execute(select(M.model_id).where(M.last_seen_at >= since)).scalars())

    @activity.defn
    def record_lost_round(self, data: LostRoundInput) -> RoundCounts:
        """The model call was lost (e.g. the worker died mid-call): every known model gets its
        one row for the round as ABSENT with the reason; rows already written stay."""
        with session_scope(self.services.engine) as session:
            now = utcnow()
            rows = [_prediction_row(data, model_id, PredictionStatus.ABSENT, now,
                                    failed_reason=data.reason)
                    for model_id in sorted(self._known_models(session))]
            upsert(session, Prediction, rows, ["input_id", "model_id"])
        return self._counts(data.input_id)

    # --- ground truth and scoring ------------------------------------------------------
    @activity.defn
    def resolve(self, data: ResolveInput) -> ResolveResult:
        horizon_at = data.slot + timedelta(seconds=data.horizon_seconds)
        step = timedelta(seconds=granularity_seconds(data.feed.granularity))
        with session_scope(self.services.engine) as session:
            row = session.execute(select(IN.status, IN.detail)  # not the payload
                                  .where(IN.id == data.input_id)).first()
            if row is None:
                raise ValueError(f"unknown input {data.input_id}")
            if row.status != InputStatus.RECEIVED:
                return ResolveResult(resolved=row.status == InputStatus.RESOLVED, covered=True,
                                     detail=row.detail)
            newest = newest_records(session, data.feed.key, datetime.max.replace(tzinfo=UTC), 1)
            if not newest or newest[-1].ts_event + step < horizon_at:
                seen = newest[-1].ts_event.isoformat() if newest else "nothing"
                return ResolveResult(resolved=False, covered=False,
                                     detail=f"feed covers up to {seen}, horizon is "
                                            f"{horizon_at.isoformat()}")
            records = records_between(session, data.feed.key, data.slot, horizon_at)
            truth = self.services.contract.resolve_ground_truth([as_plain(r) for r in records])
            if truth is None:
                return ResolveResult(resolved=False, covered=True,
                                     detail=f"ground truth unresolvable from {len(records)} "
                                            f"feed records in [slot, horizon]")
            session.execute(update(INPUTS).where(IN.id == data.input_id,
                                                 IN.status == InputStatus.RECEIVED)
                            .values(status=InputStatus.RESOLVED, ground_truth=dict(truth),
                                    resolved_at=utcnow()))
        return ResolveResult(resolved=True, covered=True)

    @activity.defn
    def expire(self, data: InputRef) -> RoundCounts:
        """Ground truth never arrived: the input EXPIRES, its pending predictions FAIL."""
        with session_scope(self.services.engine) as session:
            row = session.get(Input, data.input_id)
            if row is not None and row.status == InputStatus.RECEIVED:
                row.status = InputStatus.EXPIRED
                row.detail = data.reason
            session.execute(
                update(PREDICTIONS)
                .where(P.input_id == data.input_id, P.status == PredictionStatus.PENDING)
                .values(status=PredictionStatus.FAILED, failed_reason=data.reason)
            )
            config_id, slot = (row.config_id, row.slot) if row is not None else (
                data.input_id, None)
        counts = self._counts(data.input_id)
        round_finished(config_id, slot, "EXPIRED", counts, data.reason)
        return counts

    @activity.defn
    def score(self, data: InputRef) -> RoundCounts:
        """Score every pending prediction of a resolved input in one pass, then write them in
        one transaction of a constant number of statements whatever the model count: the
        scores (one INSERT … ON CONFLICT), the predictions' new status (one UPDATE … FROM)
        and the round's counts (one grouped SELECT). It heartbeats while it runs (a scoring
        function may be slow): a worker that dies mid-scoring is noticed within the heartbeat
        timeout and the scoring retried."""
        with heartbeating_thread(HEARTBEAT_SECONDS):
            config_id, slot, counts = self._score(data)
        round_finished(config_id, slot, "DONE", counts)
        return counts

    def _score(self, data: InputRef) -> tuple[str, datetime, RoundCounts]:
        contract = self.services.contract
        score_field = contract.aggregation.score_field
        with session_scope(self.services.engine) as session:
            row = session.execute(select(IN.status, IN.ground_truth, IN.config_id, IN.slot)
                                  .where(IN.id == data.input_id)).first()
            if row is None or row.status != InputStatus.RESOLVED or row.ground_truth is None:
                raise ValueError(f"input {data.input_id} is not resolved")
            truth = row.ground_truth
            pending = session.execute(
                select(P.id, P.model_id, P.output)
                .where(P.input_id == data.input_id, P.status == PredictionStatus.PENDING)
            ).all()
            now = utcnow()
            scores: list[dict[str, Any]] = []
            outcomes: list[dict[str, Any]] = []
            for pid, model_id, output in pending:
                result, reason = score_one(contract.scoring_function, contract.score_type,
                                           output or {}, truth)
                if result is None:
                    outcomes.append({"id": pid, "status": PredictionStatus.FAILED,
                                     "failed_reason": reason, "scored_at": now})
                    continue
                scores.append({"prediction_id": pid, "model_id": model_id,
                               "value": finite_number(result.get(score_field)),
                               "success": bool(result.get("success", True)),
                               "failed_reason": result.get("failed_reason"), "result": result,
                               "scored_at": now})
                outcomes.append({"id": pid, "status": PredictionStatus.SCORED,
                                 "failed_reason": None, "scored_at": now})
            upsert(session, Score, scores, ["prediction_id"])
            update_rows(session, Prediction, "id", outcomes, where="t.status = :pending",
                        where_params={"pending": PredictionStatus.PENDING.value})
            return row.config_id, row.slot, self._counts_in(session, data.input_id)

    def _counts(self, the_input_id: str) -> RoundCounts:
        with session_scope(self.services.engine) as session:
            return self._counts_in(session, the_input_id)

    @staticmethod
    def _counts_in(session: Any, the_input_id: str) -> RoundCounts:
        by_status = dict(session.execute(
            select(P.status, func.count()).where(P.input_id == the_input_id)
            .group_by(P.status)).all())
        return RoundCounts(**{status.lower(): count for status, count in by_status.items()})


def round_finished(config_id: str, slot: datetime | None, stage: str, counts: RoundCounts,
                   reason: str | None = None) -> None:
    """One console line per finished round (dev mode shows the worker's log)."""
    when = slot.isoformat() if slot is not None else "?"
    progress.info("round %s %s %s: %d scored, %d failed, %d absent%s", config_id, when, stage,
                  counts.scored, counts.failed, counts.absent, f" ({reason})" if reason else "")


def activities(services: Services) -> list[Callable[..., Any]]:
    rounds = RoundActivities(services)
    return [rounds.capture_input, rounds.predict, rounds.record_lost_round, rounds.resolve,
            rounds.expire, rounds.score]
