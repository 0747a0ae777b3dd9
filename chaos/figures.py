"""What the chaos run left in the database, as figures: rounds scheduled / captured / lost,
(round, model) rows duplicated or missing, resolution delays, the feed's holes and stalls."""

from __future__ import annotations

import itertools
from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from sqlalchemy import Engine, text


@dataclass
class RoundFigures:
    scheduled: int  # slots of the schedule's grid from the first round to the pause
    captured: int  # inputs stored
    lost: list[datetime]  # slots without an input
    not_resolved: list[str]  # inputs that did not resolve (EXPIRED or still open)
    duplicates: int  # (round, model) rows beyond the first
    missing: int  # (round, model) pairs without a row, once every model was known
    before_models: int  # rounds before the worker had first seen every model (not counted)
    pending_left: int  # predictions never scored
    statuses: Counter[str] = field(default_factory=Counter)
    reasons: Counter[str] = field(default_factory=Counter)  # why FAILED / ABSENT
    worst_delay: float = 0.0  # seconds from horizon to resolution
    worst_delay_input: str = ""
    feed_hole: float = 0.0  # largest step between stored candles (1 s = none missing)
    feed_stall: float = 0.0  # longest a candle waited to be stored after it closed
    feed_stall_at: datetime | None = None


def _reason(text_: str | None) -> str:
    """A reason without its varying tail (ids, times, exception text)."""
    head = (text_ or "").split("(")[0].split(":")[0].strip()
    return head or "-"


def round_figures(engine: Engine, config_id: str, interval: int, model_ids: list[str],
                  pause_at: datetime) -> RoundFigures:
    with engine.connect() as conn:
        inputs = conn.execute(text(
            "SELECT id, slot, status, horizon_at, resolved_at FROM inputs "
            "WHERE config_id = :c ORDER BY slot"), {"c": config_id}).all()
        rows = conn.execute(text(
            "SELECT p.input_id, p.model_id, p.status, p.failed_reason FROM predictions p "
            "JOIN inputs i ON i.id = p.input_id WHERE i.config_id = :c"),
            {"c": config_id}).all()
        duplicates = conn.execute(text(
            "SELECT coalesce(sum(n - 1), 0) FROM (SELECT count(*) AS n FROM predictions "
            "GROUP BY input_id, model_id HAVING count(*) > 1) d")).scalar_one()
        first_seen = conn.execute(text(
            "SELECT model_id, first_seen_at FROM models WHERE model_id = ANY(:ids)"),
            {"ids": model_ids}).all()
        first_slot = inputs[0].slot if inputs else pause_at
        feed = conn.execute(text(
            "SELECT ts_event, ingested_at FROM feed_records WHERE ts_event >= :start "
            "AND ts_event <= :end ORDER BY ts_event"),
            {"start": first_slot, "end": pause_at}).all()

    # A round's model call records every model the worker knows (or has known for a day);
    # a model has its row in every round whose slot is after the worker first saw it.
    all_known = max(seen for _, seen in first_seen) if len(first_seen) == len(model_ids) \
        else None
    counted = [i for i in inputs if all_known is None or i.slot >= all_known]
    slots = {i.slot for i in inputs}
    # The grid ends at the last round started, or an interval before the pause (a slot that
    # close to it may not have fired yet).
    last = max(pause_at - timedelta(seconds=interval), inputs[-1].slot if inputs else pause_at)
    grid = [first_slot + timedelta(seconds=interval * k)
            for k in range(int((last - first_slot).total_seconds() // interval) + 1)]
    figures = RoundFigures(
        scheduled=len(grid), captured=len(inputs), lost=[s for s in grid if s not in slots],
        not_resolved=[i.id for i in inputs if i.status != "RESOLVED"],
        duplicates=int(duplicates), missing=0, before_models=len(inputs) - len(counted),
        pending_left=sum(1 for r in rows if r.status == "PENDING"))
    seen: dict[str, set[str]] = {}
    for r in rows:
        seen.setdefault(r.input_id, set()).add(r.model_id)
        figures.statuses[r.status] += 1
        if r.status in ("FAILED", "ABSENT"):
            figures.reasons[f"{r.status}: {_reason(r.failed_reason)}"] += 1
    figures.missing = sum(len(set(model_ids) - seen.get(i.id, set())) for i in counted)
    for i in inputs:
        if i.resolved_at is not None:
            delay = (i.resolved_at - i.horizon_at).total_seconds()
            if delay > figures.worst_delay:
                figures.worst_delay, figures.worst_delay_input = delay, i.id
    for before, after in itertools.pairwise(feed):
        figures.feed_hole = max(figures.feed_hole,
                                (after.ts_event - before.ts_event).total_seconds())
    for record in feed:  # a 1 s candle closes a second after it opens
        stall = (record.ingested_at - record.ts_event).total_seconds() - 1.0
        if stall > figures.feed_stall:
            figures.feed_stall, figures.feed_stall_at = stall, record.ts_event
    return figures


def submitted_rows(engine: Engine, checkpoint_id: str) -> int:
    with engine.connect() as conn:
        return int(conn.execute(text(
            "SELECT count(*) FROM checkpoint_transitions WHERE checkpoint_id = :c "
            "AND to_status = 'SUBMITTED'"), {"c": checkpoint_id}).scalar_one())
