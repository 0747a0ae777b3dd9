"""The competition this node runs, checked before anything connects: the contract (with the
SCORING_FUNCTION override), its prediction configs (or the SCHEDULED_PREDICTION_CONFIGS_PATH
file's), and their agreement with the feed settings. Every refusal names the settings."""

from __future__ import annotations

import importlib
import json
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import TypeAdapter, ValidationError

from coordinator_node.contract import (
    CallArgError,
    ContractError,
    CrunchContract,
    ScheduledPredictionConfig,
    load_contract,
    unique_configs,
)
from coordinator_node.feeds.types import granularity_seconds
from coordinator_node.rounds.logic import call_scope
from coordinator_node.rounds.metrics import (
    ENSEMBLE_METRICS,
    METRIC_NAME_PATTERN,
    check_metric,
    metric_specs,
    reported_metric_names,
)
from coordinator_node.settings import Settings, SettingsError

_CONFIGS = TypeAdapter(list[ScheduledPredictionConfig])


@dataclass(frozen=True)
class Competition:
    contract: CrunchContract
    configs: list[ScheduledPredictionConfig]  # every config, active or not, by order

    @property
    def active_configs(self) -> list[ScheduledPredictionConfig]:
        return [c for c in self.configs if c.active]


def load_competition(settings: Settings) -> Competition:
    contract = load_contract(settings.contract)
    updates: dict[str, Any] = {}
    if settings.scoring_function:
        updates["scoring_function"] = _load_callable(settings.scoring_function)
    if settings.input_window_size:
        updates["input_window_size"] = settings.input_window_size
    if updates:
        contract = contract.model_copy(update=updates)
    configs = (load_config_file(settings.scheduled_prediction_configs_path)
               if settings.scheduled_prediction_configs_path else contract.prediction_configs)
    competition = Competition(contract=contract, configs=configs)
    check_consistency(settings, competition)
    return competition


def _load_callable(path: str) -> Callable[..., Any]:
    module_name, sep, attr = path.partition(":")
    try:
        if not sep:
            raise ValueError("must look like 'package.module:function'")
        found = getattr(importlib.import_module(module_name), attr)
    except Exception as exc:
        raise SettingsError(f"invalid configuration: SCORING_FUNCTION {path!r}: {exc}") from None
    if not callable(found):
        raise SettingsError(f"invalid configuration: SCORING_FUNCTION {path!r} is not callable")
    return found


def load_config_file(path: str) -> list[ScheduledPredictionConfig]:
    """A JSON array of configs; anything else is refused with the file name and the reason."""
    where = f"SCHEDULED_PREDICTION_CONFIGS_PATH {path}"
    try:
        raw = json.loads(Path(path).read_text())
    except OSError as exc:
        raise SettingsError(f"invalid configuration: {where}: {exc.strerror}") from None
    except ValueError as exc:
        raise SettingsError(f"invalid configuration: {where}: not JSON: {exc}") from None
    if not isinstance(raw, list) or not raw:
        raise SettingsError(f"invalid configuration: {where}: must be a non-empty JSON array "
                            "of prediction configs")
    try:
        return unique_configs(_CONFIGS.validate_python(raw), where)
    except ValidationError as exc:
        problems = "; ".join(f"[{'.'.join(str(p) for p in e['loc'])}] {e['msg']}"
                             for e in exc.errors())
        raise SettingsError(f"invalid configuration: {where}: {problems}") from None
    except ValueError as exc:
        raise SettingsError(f"invalid configuration: {exc}") from None


def check_consistency(settings: Settings, competition: Competition) -> None:
    """Refuse settings that cannot work together, naming both sides."""
    if settings.feed_max_backoff_seconds * 2 > settings.resolve_deadline_seconds:
        raise SettingsError(
            f"inconsistent configuration: FEED_MAX_BACKOFF_SECONDS="
            f"{settings.feed_max_backoff_seconds} must be at most half of "
            f"RESOLVE_DEADLINE_SECONDS={settings.resolve_deadline_seconds}: a feed waiting that "
            "long to retry would expire rounds that have nothing wrong")
    granularity = granularity_seconds(settings.feed_granularity)
    for config in competition.active_configs:
        if config.subject not in settings.feed_subjects:
            raise SettingsError(
                f"inconsistent configuration: prediction config {config.scope_key!r} predicts "
                f"subject {config.subject!r}, but FEED_SUBJECTS ingests only "
                f"{','.join(settings.feed_subjects)}")
        try:  # the model call must be fillable from every config's scope
            competition.contract.predict_call.values(call_scope(
                competition.contract.scope.model_dump(), config.subject,
                config.horizon_seconds, config.interval_seconds, config.scope))
        except CallArgError as exc:
            raise SettingsError(
                f"inconsistent configuration: prediction config {config.scope_key!r} cannot "
                f"fill the contract's model call "
                f"{competition.contract.predict_call.method}(…): {exc}") from None
        if config.horizon_seconds < granularity:
            raise SettingsError(
                f"inconsistent configuration: prediction config {config.scope_key!r} resolves "
                f"after {config.horizon_seconds}s, shorter than FEED_GRANULARITY="
                f"{settings.feed_granularity}")
    contract = competition.contract
    field = contract.aggregation.score_field
    try:
        sample = contract.score_type().model_dump(mode="json")
    except ValidationError:
        sample = {field: 0.0}
    try:
        summary = dict(contract.aggregate_snapshot([sample]))
    except Exception as exc:
        raise ContractError(f"CONTRACT {settings.contract}: aggregate_snapshot fails on a "
                            f"sample score {sample}: {exc!r}") from None
    if field not in summary:
        raise ContractError(
            f"CONTRACT {settings.contract}: aggregation.score_field {field!r} is not in what "
            f"aggregate_snapshot returns for a sample score (keys: {sorted(summary)}): "
            "snapshots would never carry the score the leaderboard ranks")
    check_metrics(settings, contract, summary)


def check_metrics(settings: Settings, contract: CrunchContract, summary: dict[str, Any]) -> None:
    """The contract's quant metrics: known names (built-in or its own), each function runs on
    a sample panel, no name that would hide a score key or a window, and a ranking key and
    metrics window that exist."""
    where = f"CONTRACT {settings.contract}"
    aggregation = contract.aggregation
    for name, function in contract.custom_metrics.items():
        if not re.match(METRIC_NAME_PATTERN, name):
            raise ContractError(f"{where}: custom metric name {name!r} must be lower-case "
                                "letters, digits and underscores, starting with a letter")
        if not callable(function):
            raise ContractError(f"{where}: custom metric {name!r} is not callable")
        if contract.ensembles and name in ENSEMBLE_METRICS:
            raise ContractError(f"{where}: custom metric {name!r} has the name of an "
                                "ensemble metric the node computes")
    if len(set(contract.metrics)) != len(contract.metrics):
        raise ContractError(f"{where}: metrics lists a name twice: {contract.metrics}")
    try:
        specs = metric_specs(contract.metrics, contract.custom_metrics)
    except ValueError as exc:
        raise ContractError(f"{where}: metrics: {exc}") from None
    for spec in specs:
        if spec.name in summary or spec.name in aggregation.windows \
                or f"score_{spec.name}" in aggregation.windows:
            raise ContractError(
                f"{where}: metric {spec.name!r} has the name of a score key or a window "
                f"(score keys: {sorted(summary)}, windows: {sorted(aggregation.windows)})")
        try:
            check_metric(spec)
        except ValueError as exc:
            raise ContractError(f"{where}: {exc}") from None
    reported = reported_metric_names(contract.metrics, bool(contract.ensembles))
    names = [e.name for e in contract.ensembles]
    if len(set(names)) != len(names):
        raise ContractError(f"{where}: two ensembles have one name: {names}")
    for ensemble in contract.ensembles:
        if ensemble.strategy == "top_k" and ensemble.metric not in contract.metrics:
            raise ContractError(
                f"{where}: ensemble {ensemble.name!r} picks its top {ensemble.k} by "
                f"{ensemble.metric!r}, which is not one of the metrics "
                f"({', '.join(contract.metrics) or 'none'})")
    if aggregation.ranking_key not in {*aggregation.windows, *reported}:
        raise ContractError(
            f"{where}: aggregation.ranking_key {aggregation.ranking_key!r} is neither a "
            f"window ({', '.join(aggregation.windows)}) nor one of the metrics "
            f"({', '.join(reported) or 'none'})")
    if aggregation.reward_field is not None \
            and aggregation.reward_field not in {*summary, *reported}:
        raise ContractError(
            f"{where}: aggregation.reward_field {aggregation.reward_field!r} is neither a "
            f"score key ({', '.join(sorted(summary))}) nor one of the metrics "
            f"({', '.join(reported) or 'none'})")
    if aggregation.metrics_window is not None \
            and aggregation.metrics_window not in aggregation.windows:
        raise ContractError(
            f"{where}: aggregation.metrics_window {aggregation.metrics_window!r} is not a "
            f"window ({', '.join(aggregation.windows)})")
