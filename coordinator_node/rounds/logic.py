"""Pure round logic: the model call's scope, validating model output, scoring, windows and
ranking."""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from pydantic import BaseModel, ValidationError

from coordinator_node.numbers import finite_number
from coordinator_node.statuses import InputStatus, PredictionStatus, RoundStage

MAX_OUTPUT_BYTES = 64 * 1024  # bigger outputs are refused (and not stored in full)
RAW_KEEP_BYTES = 4 * 1024


def call_scope(contract_scope: Mapping[str, Any], subject: str, horizon_seconds: int,
               step_seconds: int, config_scope: Mapping[str, Any]) -> dict[str, Any]:
    """What the model call's arguments are read from: the contract's scope, then the round's
    subject, horizon and step, then the prediction config's own scope (its template may
    carry competition-specific keys and a step other than the schedule's interval)."""
    return {**contract_scope, "subject": subject, "horizon_seconds": horizon_seconds,
            "step_seconds": step_seconds, **config_scope}


@dataclass(frozen=True)
class Verdict:
    output: dict[str, Any] | None  # the validated output, or None
    reason: str | None  # why it was refused
    raw: Any  # what to keep of the raw output


def _json_size(value: Any) -> int:
    try:
        return len(json.dumps(value, allow_nan=True, default=str))
    except (TypeError, ValueError):
        return MAX_OUTPUT_BYTES + 1


def storable_raw(value: Any) -> Any:
    """The raw output as JSON-safe data, truncated when large (NaN/inf become strings)."""
    text = json.dumps(value, allow_nan=True, default=repr)
    if len(text) > RAW_KEEP_BYTES:
        return {"truncated": True, "size_bytes": len(text), "head": text[:RAW_KEEP_BYTES]}
    try:
        return json.loads(text, parse_constant=str)
    except ValueError:
        return text


def validate_output(output_type: type[BaseModel], raw: Any) -> Verdict:
    size = _json_size(raw)
    if size > MAX_OUTPUT_BYTES:
        return Verdict(None, f"output too large: {size} bytes > {MAX_OUTPUT_BYTES}",
                       storable_raw(raw))
    try:
        model = output_type.model_validate(raw)
    except ValidationError as exc:
        problems = "; ".join(
            f"{'.'.join(str(p) for p in err['loc']) or 'output'}: {err['msg']}"
            for err in exc.errors()
        )
        return Verdict(None, f"invalid output: {problems}", storable_raw(raw))
    validated = model.model_dump(mode="json")
    # pydantic turns True into 1.0; a bool is not a prediction, like any other non-number.
    coerced = [name for name, value in (raw.items() if isinstance(raw, dict) else [])
               if isinstance(value, bool) and not isinstance(validated.get(name), bool)]
    if coerced:
        return Verdict(None, f"invalid output: {coerced[0]}: a bool is not a number",
                       storable_raw(raw))
    return Verdict(validated, None, storable_raw(raw))


def score_one(scoring: Callable[..., Any], score_type: type[BaseModel],
              output: Mapping[str, Any], truth: Mapping[str, Any]) -> tuple[dict[str, Any] | None,
                                                                          str | None]:
    """(score result, None) or (None, reason): an exception fails this prediction only."""
    try:
        result = scoring(dict(output), dict(truth))
        if isinstance(result, BaseModel):
            result = result.model_dump()
        validated = score_type.model_validate(result).model_dump(mode="json")
    except Exception as exc:
        return None, f"scoring failed: {type(exc).__name__}: {exc}"
    # Read before pydantic's coercion: NaN, inf and a bool are not scores.
    if "value" in result and finite_number(result["value"]) is None:
        return None, "scoring failed: non-finite score"
    return validated, None


def window_means(snapshots: Sequence[tuple[str, Any, dict[str, Any]]], windows: Mapping[str, int],
                 score_field: str, now: Any) -> dict[str, dict[str, float | None]]:
    """Per model, each window's mean of `summary[score_field]` over snapshots whose period
    ended in the last N hours. `snapshots` are (model_id, period_end, summary)."""
    from datetime import timedelta

    sums: dict[str, dict[str, list[float]]] = {}
    for model_id, period_end, summary in snapshots:
        value = finite_number(summary.get(score_field))
        if value is None:
            continue
        per_model = sums.setdefault(model_id, {name: [] for name in windows})
        for name, hours in windows.items():
            if period_end > now - timedelta(hours=hours):
                per_model[name].append(value)
    return {
        model_id: {name: (sum(v) / len(v) if v else None) for name, v in per_window.items()}
        for model_id, per_window in sums.items()
    }


def rank(scores: Mapping[str, Mapping[str, float | None]], key: str,
         direction: str) -> list[str]:
    """Model ids best first on `key`; models without a value last; ties by model id."""
    sign = -1.0 if direction == "desc" else 1.0

    def order(model_id: str) -> tuple[int, float, str]:
        value = scores[model_id].get(key)
        return (1, 0.0, model_id) if value is None else (0, sign * value, model_id)

    return sorted(scores, key=order)


def stored_round_stage(input_status: str, counts: Mapping[str, int], horizon_at: Any,
                       now: Any) -> RoundStage:
    """A round's stage as its rows show it (the workflow's query `stage` is the live one):
    EXPIRED; DONE once resolved with no prediction pending; SCORING while resolved with some
    pending; before that PREDICTING (no prediction stored yet), WAITING_HORIZON, then
    RESOLVING once the horizon has passed."""
    if input_status == InputStatus.EXPIRED:
        return RoundStage.EXPIRED
    if input_status == InputStatus.RESOLVED:
        return RoundStage.SCORING if counts.get(PredictionStatus.PENDING, 0) else RoundStage.DONE
    if not sum(counts.values()) and now < horizon_at:
        return RoundStage.PREDICTING
    return RoundStage.WAITING_HORIZON if now < horizon_at else RoundStage.RESOLVING
