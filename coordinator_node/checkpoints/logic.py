"""The period's ranking and its emission: pure functions, checked before anything is stored."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from coordinator_node.checkpoints.messages import CheckpointState
from coordinator_node.contract import FRAC64_ONE
from coordinator_node.numbers import finite_number
from coordinator_node.statuses import CheckpointStatus

# PENDING -> SUBMITTED -> CLAIMABLE -> PAID: the one step each status may take.
NEXT_STATUS: dict[str, str] = {
    CheckpointStatus.PENDING: CheckpointStatus.SUBMITTED,
    CheckpointStatus.SUBMITTED: CheckpointStatus.CLAIMABLE,
    CheckpointStatus.CLAIMABLE: CheckpointStatus.PAID,
}


class EmissionError(ValueError):
    """The contract's build_emission produced something the chain would not take."""


def rank_period(
    snapshots: Iterable[tuple[str, int, Mapping[str, Any]]], score_field: str, direction: str
) -> list[dict[str, Any]]:
    """Per model, the prediction-count-weighted mean of `summary[score_field]` over the
    period's snapshots `(model_id, prediction_count, summary)`; best first, ties by model id.
    Models with no finite score in the period are not ranked."""
    totals: dict[str, list[float]] = {}
    for model_id, count, summary in snapshots:
        value = finite_number(summary.get(score_field))
        if count <= 0 or value is None:
            continue
        weighted, weight = totals.setdefault(model_id, [0.0, 0.0])
        totals[model_id] = [weighted + value * count, weight + count]
    scores = {model_id: (w / n, int(n)) for model_id, (w, n) in totals.items()}
    sign = -1.0 if direction == "desc" else 1.0
    order = sorted(scores, key=lambda model_id: (sign * scores[model_id][0], model_id))
    return [{"rank": position, "model_id": model_id, "score": scores[model_id][0],
             "prediction_count": scores[model_id][1]}
            for position, model_id in enumerate(order, start=1)]


def validate_emission(emission: Any, ranked: int) -> dict[str, Any]:
    """The on-chain shape, one reward per ranked model, cruncher rewards summing to exactly
    1,000,000,000; each provider list empty or summing to exactly 1,000,000,000."""
    if not isinstance(emission, dict):
        raise EmissionError(f"build_emission returned {type(emission).__name__}, not a dict")
    for key in ("crunch", "cruncher_rewards", "compute_provider_rewards",
                "data_provider_rewards"):
        if key not in emission:
            raise EmissionError(f"emission has no {key!r}")
    rewards = emission["cruncher_rewards"]
    if len(rewards) != ranked:
        raise EmissionError(f"{len(rewards)} cruncher rewards for {ranked} ranked models")
    pcts = [r.get("reward_pct") for r in rewards]
    if not all(isinstance(p, int) and not isinstance(p, bool) and p >= 0 for p in pcts):
        raise EmissionError("every reward_pct must be a non-negative integer (frac64)")
    if sum(pcts) != FRAC64_ONE:
        raise EmissionError(f"cruncher rewards sum to {sum(pcts)}, not {FRAC64_ONE}")
    for key in ("compute_provider_rewards", "data_provider_rewards"):
        total = sum(int(r.get("reward_pct", 0)) for r in emission[key])
        if emission[key] and total != FRAC64_ONE:
            raise EmissionError(f"{key} sum to {total}, not {FRAC64_ONE}")
    return emission


def cli_format(emission: Mapping[str, Any], ranking: list[Mapping[str, Any]]) -> dict[str, Any]:
    """The operator's submission tool format: percentages 0-100 keyed by model id / pubkey."""
    by_index = {entry["rank"] - 1: entry["model_id"] for entry in ranking}

    def percent(frac: int) -> float:
        return frac * 100 / FRAC64_ONE

    return {
        "crunch": emission["crunch"],
        "crunchEmission": {
            by_index.get(r["cruncher_index"], str(r["cruncher_index"])): percent(r["reward_pct"])
            for r in emission["cruncher_rewards"]
        },
        "computeProvider": {r["provider"]: percent(r["reward_pct"])
                            for r in emission["compute_provider_rewards"]},
        "dataProvider": {r["provider"]: percent(r["reward_pct"])
                         for r in emission["data_provider_rewards"]},
    }


def transition_problem(current: str, wanted: str) -> str | None:
    """Why `current -> wanted` is illegal (None when it is the one allowed step)."""
    allowed = NEXT_STATUS.get(current)
    if wanted == allowed:
        return None
    allowed_text = f"only {allowed}" if allowed else "none (the checkpoint is final)"
    return f"checkpoint is {current}: cannot move to {wanted}; allowed next: {allowed_text}"


def confirm_problem(state: CheckpointState, tx_hash: str) -> str | None:
    """Why confirming with `tx_hash` is illegal now (None: allowed, or the same call again)."""
    if state.status == CheckpointStatus.PENDING or state.tx_hash == tx_hash:
        return None
    return (f"checkpoint is {state.status} with tx_hash {state.tx_hash}: cannot confirm "
            f"again with another tx_hash; allowed from PENDING only")


def status_problem(state: CheckpointState, wanted: str) -> str | None:
    """Why setting `wanted` is illegal now (None: the one step forward, or the same again)."""
    if wanted == state.status and state.status != CheckpointStatus.PENDING:
        return None
    if wanted == CheckpointStatus.SUBMITTED:
        return (f"checkpoint is {state.status}: SUBMITTED is reached by confirm with the "
                "transaction hash")
    return transition_problem(state.status, wanted)

