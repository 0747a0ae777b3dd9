"""The period's ranking and its emission: pure functions, checked before anything is stored."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
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
    return rank_scores({model_id: (w / n, int(n)) for model_id, (w, n) in totals.items()},
                       direction)


def rank_scores(scores: Mapping[str, tuple[float, int]], direction: str
                ) -> list[dict[str, Any]]:
    """`{model_id: (score, prediction count)}` as ranking entries, best first, ties by id."""
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


def weighted_summaries(
    snapshots: Iterable[tuple[str, int, Mapping[str, Any]]],
) -> dict[str, tuple[dict[str, float], int]]:
    """Per model, `(summary, snapshot count)` over the period's snapshots: each finite number
    of the summaries averaged with the prediction counts as weights (the weighting of
    `rank_period`, so the summary's score field is the model's ranking score)."""
    totals: dict[str, dict[str, list[float]]] = {}
    counts: dict[str, int] = {}
    for model_id, count, summary in snapshots:
        counts[model_id] = counts.get(model_id, 0) + 1
        keys = totals.setdefault(model_id, {})
        if count <= 0:
            continue
        for key, raw in summary.items():
            value = finite_number(raw)
            if value is not None:
                weighted, weight = keys.setdefault(key, [0.0, 0.0])
                keys[key] = [weighted + value * count, weight + count]
    return {model_id: ({key: w / n for key, (w, n) in keys.items()}, counts[model_id])
            for model_id, keys in totals.items()}


def enrich_ranking(ranking: list[dict[str, Any]],
                   summaries: Mapping[str, tuple[Mapping[str, float], int]],
                   names: Mapping[str, tuple[str | None, str | None]],
                   score_field: str) -> list[dict[str, Any]]:
    """The ranking as a checkpoint stores it: each entry with the model's names (None when
    unknown), its snapshot count and its weighted summary, which always holds the score."""
    enriched = []
    for entry in ranking:
        summary, snapshot_count = summaries.get(entry["model_id"], ({}, 0))
        model_name, cruncher_name = names.get(entry["model_id"], (None, None))
        enriched.append({**entry, "model_name": model_name, "cruncher_name": cruncher_name,
                         "snapshot_count": snapshot_count,
                         "result_summary": {**summary, score_field: entry["score"]}})
    return enriched


def complete_ranking(meta: Mapping[str, Any],
                     names: Mapping[str, tuple[str | None, str | None]]) -> list[dict[str, Any]]:
    """A stored ranking with every field the report API promises. Rows of release 0.2.0 lack
    the names (taken from the models table now), the snapshot counts (None) and the summary
    (the stored score under the ranking key, the one number they kept)."""
    ranking_key = meta.get("ranking_key")
    completed = []
    for entry in meta.get("ranking", []):
        model_name, cruncher_name = names.get(entry["model_id"], (None, None))
        summary = entry.get("result_summary")
        if summary is None and ranking_key and entry.get("score") is not None:
            summary = {ranking_key: entry["score"]}
        completed.append({
            **entry,
            "model_name": entry["model_name"] if "model_name" in entry else model_name,
            "cruncher_name": (entry["cruncher_name"] if "cruncher_name" in entry
                              else cruncher_name),
            "snapshot_count": entry.get("snapshot_count"),
            "result_summary": summary,
        })
    return completed


def model_ids_of(metas: Iterable[Mapping[str, Any]]) -> set[str]:
    return {entry["model_id"] for meta in metas for entry in meta.get("ranking", [])}


def ranked_rewards(emission: Mapping[str, Any], ranking: Sequence[Mapping[str, Any]]
                   ) -> list[tuple[int, Mapping[str, Any] | None, int]]:
    """`(cruncher_index, ranking entry, reward_pct)` per cruncher reward, in emission order.
    `cruncher_index` i is `ranking[i]` (None when the ranking has no such entry)."""
    rewards = []
    for reward in emission["cruncher_rewards"]:
        index = reward["cruncher_index"]
        entry = ranking[index] if 0 <= index < len(ranking) else None
        rewards.append((index, entry, int(reward["reward_pct"])))
    return rewards


def frac64_percent(frac: int) -> float:
    """frac64 (1,000,000,000 = 100%) as a percentage 0-100, rounded to 6 places."""
    return round(frac * 100 / FRAC64_ONE, 6)


def prize_amount(total_prize: int, reward_pct: int) -> int:
    """`round(total_prize * reward_pct / 1e9)`, in integers (exact for any amount), halves
    rounded up as the web app's Math.round does."""
    return (2 * total_prize * reward_pct + FRAC64_ONE) // (2 * FRAC64_ONE)


def cli_format(emission: Mapping[str, Any], ranking: Sequence[Mapping[str, Any]]
               ) -> dict[str, Any]:
    """The operator's submission tool format: percentages 0-100 (6 places) keyed by model id
    (`ranking[cruncher_index]`) and by provider pubkey."""
    return {
        "crunch": emission["crunch"],
        "crunchEmission": {
            (entry["model_id"] if entry is not None else str(index)): frac64_percent(pct)
            for index, entry, pct in ranked_rewards(emission, ranking)
        },
        "computeProvider": {r["provider"]: frac64_percent(r["reward_pct"])
                            for r in emission["compute_provider_rewards"]},
        "dataProvider": {r["provider"]: frac64_percent(r["reward_pct"])
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
    if wanted == CheckpointStatus.SUBMITTED and state.status == CheckpointStatus.PENDING:
        return ("checkpoint is PENDING: SUBMITTED is reached by confirm with the transaction "
                "hash")
    return transition_problem(state.status, wanted)

