"""`CrunchContract`: every type and rule of one competition, in one object (SPEC §3).

A competition supplies its own contract as an importable `module:attr`; `load_contract` fails
loudly when it cannot be loaded and never falls back to the defaults.
"""

from __future__ import annotations

import importlib
import math
from collections.abc import Callable, Mapping, Sequence
from enum import StrEnum
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, JsonValue, TypeAdapter, model_validator

from coordinator_node.ids import config_id
from coordinator_node.numbers import finite_number

FRAC64_ONE = 1_000_000_000  # reward_pct unit: 1,000,000,000 = 100%


class ContractError(RuntimeError):
    """The configured contract cannot be loaded or is not a CrunchContract."""


# --- default types --------------------------------------------------------------------
class Meta(BaseModel):
    model_config = ConfigDict(extra="allow")


class RawInput(BaseModel):
    model_config = ConfigDict(extra="allow")


class Candle(BaseModel):
    ts: int  # epoch seconds of the candle's open
    open: float
    high: float
    low: float
    close: float
    volume: float = 0.0


class InputWindow(BaseModel):
    """What a model receives each round: the newest window of the feed."""

    model_config = ConfigDict(extra="allow")
    symbol: str
    asof_ts: int
    candles_1m: list[Candle] = Field(default_factory=list)


class InferenceOutput(BaseModel):
    # allow_inf_nan=False: a model that answers NaN or infinity fails validation.
    model_config = ConfigDict(allow_inf_nan=False)
    value: float = 0.0


class ScoreResult(BaseModel):
    model_config = ConfigDict(allow_inf_nan=False, extra="allow")
    value: float = 0.0
    success: bool = True
    failed_reason: str | None = None


class GroundTruth(BaseModel):
    model_config = ConfigDict(extra="allow")
    entry_price: float
    resolved_price: float
    # `return` is a keyword: the field is `ret` in Python, `return` on the wire.
    ret: float = Field(alias="return")
    direction_up: bool


class PredictionScope(BaseModel):
    model_config = ConfigDict(extra="allow")
    subject: str = "BTC"
    horizon_seconds: int = Field(default=60, ge=1)
    step_seconds: int = Field(default=15, ge=1)


class PredictionSchedule(BaseModel):
    """When a config's rounds run: every `prediction_interval_seconds`, resolved
    `resolve_after_seconds` after the slot (the horizon). Extra keys are kept."""

    model_config = ConfigDict(extra="allow")
    prediction_interval_seconds: int = Field(ge=1)
    resolve_after_seconds: int = Field(ge=0)


class ScheduledPredictionConfig(BaseModel):
    """One prediction config, in the envelope the old engine's config files use."""

    # The key names rounds, inputs and their Schedule: a safe id.
    scope_key: str = Field(min_length=1, pattern=r"^[A-Za-z0-9_.-]+$")
    # subject, horizon, step and any competition-specific keys; passed to the models.
    scope_template: dict[str, Any]
    schedule: PredictionSchedule
    active: bool = True
    order: int = 0
    meta: dict[str, Any] = Field(default_factory=dict)  # e.g. input_window_size

    @model_validator(mode="after")
    def _has_subject(self) -> ScheduledPredictionConfig:
        subject = self.scope_template.get("subject")
        if not isinstance(subject, str) or not subject:
            raise ValueError(f"config {self.scope_key!r}: scope_template needs a 'subject'")
        return self

    @property
    def subject(self) -> str:
        return str(self.scope_template["subject"])

    @property
    def horizon_seconds(self) -> int:
        return self.schedule.resolve_after_seconds

    @property
    def interval_seconds(self) -> int:
        return self.schedule.prediction_interval_seconds

    @property
    def scope(self) -> dict[str, Any]:
        """What models are asked about: the template, with horizon and step filled in."""
        return {"horizon": self.horizon_seconds, "step": self.interval_seconds,
                **self.scope_template}

    @classmethod
    def from_scope(cls, scope: PredictionScope) -> ScheduledPredictionConfig:
        extras = {k: v for k, v in scope.model_dump().items()
                  if k not in ("subject", "horizon_seconds", "step_seconds")}
        return cls(
            scope_key=config_id(scope),
            scope_template={"subject": scope.subject, "horizon": scope.horizon_seconds,
                            "step": scope.step_seconds, **extras},
            schedule=PredictionSchedule(prediction_interval_seconds=scope.step_seconds,
                                        resolve_after_seconds=scope.horizon_seconds))


def unique_configs(configs: Sequence[ScheduledPredictionConfig], where: str
                   ) -> list[ScheduledPredictionConfig]:
    """The configs by `order`; two with one scope_key are refused, naming it and `where`."""
    seen: set[str] = set()
    for config in configs:
        if config.scope_key in seen:
            raise ValueError(f"{where}: two prediction configs have scope_key "
                             f"{config.scope_key!r}")
        seen.add(config.scope_key)
    return sorted(configs, key=lambda c: (c.order, c.scope_key))


# --- the model call -------------------------------------------------------------------
class ArgType(StrEnum):
    """How a model-call argument travels: model-runner-client's `Variant` types."""

    STRING = "STRING"
    INT = "INT"
    DOUBLE = "DOUBLE"
    JSON = "JSON"


# Python types a contract may write instead of an ArgType: `("subject", str)`.
_PYTHON_ARG_TYPES: dict[Any, ArgType] = {
    str: ArgType.STRING, int: ArgType.INT, float: ArgType.DOUBLE,
    dict: ArgType.JSON, list: ArgType.JSON,
}
_INT64 = (-(2**63), 2**63 - 1)  # the INT variant is 8 signed bytes
_JSON: TypeAdapter[Any] = TypeAdapter(JsonValue)


class CallArgError(ValueError):
    """A model-call argument cannot be taken from the round's scope (missing or wrong type)."""


class CallArg(BaseModel):
    """One positional argument of the model call: the scope's value at `key`, sent as `type`."""

    model_config = ConfigDict(frozen=True)
    key: str = Field(min_length=1)
    type: ArgType

    @model_validator(mode="before")
    @classmethod
    def _from_pair(cls, value: Any) -> Any:
        if isinstance(value, tuple | list) and len(value) == 2:
            key, kind = value
            return {"key": key,
                    "type": _PYTHON_ARG_TYPES.get(kind, kind) if isinstance(kind, type) else kind}
        return value

    def value_in(self, scope: Mapping[str, Any]) -> Any:
        """The scope's value at `key` as a value of `type`; CallArgError names what is wrong."""
        if self.key not in scope:
            raise CallArgError(f"the scope has no {self.key!r} (it has: "
                               f"{', '.join(sorted(scope)) or 'nothing'})")
        value = scope[self.key]
        if self.type is ArgType.STRING and isinstance(value, str):
            return value
        # INT takes integral floats and numeric strings too (a JSON scope may carry 60.0, the
        # old engine took int(value)); a bool is not a number here.
        if self.type is ArgType.INT and not isinstance(value, bool):
            whole = _as_int(value)
            if whole is not None and _INT64[0] <= whole <= _INT64[1]:
                return whole
        if self.type is ArgType.DOUBLE and (number := finite_number(value)) is not None:
            return number
        if self.type is ArgType.JSON:
            try:
                return _JSON.validate_python(value)
            except ValueError:
                pass
        raise CallArgError(f"scope[{self.key!r}] = {value!r} is not a valid {self.type.value}")


def _as_int(value: Any) -> int | None:
    if isinstance(value, int):
        return value
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, str):
        try:
            return int(value.strip())
        except ValueError:
            return None
    return None


def _default_predict_args() -> list[CallArg]:
    return [CallArg(key="subject", type=ArgType.STRING),
            CallArg(key="horizon_seconds", type=ArgType.INT),
            CallArg(key="step_seconds", type=ArgType.INT)]


class PredictCall(BaseModel):
    """How each round asks every model for its prediction: `method(*args)`, each argument the
    round's scope value at its key, by position (participants name the parameters as they
    like). The default is the old engine's call, `predict(subject, horizon_seconds,
    step_seconds)` as STRING, INT, INT; a competition whose models take other arguments lists
    its own keys, e.g. `PredictCall(method="forecast", args=[("asset", str), ("window", int)])`.
    """

    model_config = ConfigDict(frozen=True)
    method: str = Field(default="predict", pattern=r"^[A-Za-z_][A-Za-z0-9_]*$")
    args: list[CallArg] = Field(default_factory=_default_predict_args)

    def values(self, scope: Mapping[str, Any]) -> list[Any]:
        """Each argument's value from `scope`, in order; CallArgError when one is unusable."""
        return [arg.value_in(scope) for arg in self.args]


# The quant metrics a contract computes unless it names others (coordinator_node/rounds/metrics.py
# defines them; a contract may list any of the built-ins and its own `custom_metrics`).
DEFAULT_METRIC_NAMES: tuple[str, ...] = ("ic", "ic_sharpe", "hit_rate", "max_drawdown",
                                         "model_correlation")


class Aggregation(BaseModel):
    # window name -> hours; each window is the mean snapshot score over the last N hours.
    windows: dict[str, int] = Field(
        default_factory=lambda: {"score_recent": 24, "score_steady": 72, "score_anchor": 168}
    )
    # Which score field snapshots carry and windows average (it must exist in the
    # aggregate_snapshot summary; the old engine averaged a key that was never there).
    score_field: str = "value"
    # A window name, or the name of one of the contract's `metrics` (its value over
    # `metrics_window`); ties are broken by model id.
    ranking_key: str = "score_recent"
    ranking_direction: Literal["asc", "desc"] = "desc"
    # The window the leaderboard's metric columns (`score_<metric>`) average the snapshots'
    # metrics over; None: the first window.
    metrics_window: str | None = None
    # What checkpoints rank models by for rewards: the period's prediction-weighted mean of
    # this snapshot summary key (None: `score_field`; e.g. "contribution" to reward what a
    # model adds to the contract's first ensemble), in `reward_direction` (None:
    # `ranking_direction`).
    reward_field: str | None = None
    reward_direction: Literal["asc", "desc"] | None = None

    @property
    def reward_key(self) -> str:
        return self.reward_field or self.score_field

    @property
    def reward_order(self) -> str:
        return self.reward_direction or self.ranking_direction

    @property
    def metric_window_name(self) -> str | None:
        return self.metrics_window or next(iter(self.windows), None)


# --- default callables ----------------------------------------------------------------
def _price(values: Mapping[str, Any]) -> float | None:
    for key in ("close", "price"):
        raw = values.get(key)
        if raw is not None:
            try:
                price = float(raw)
            except (TypeError, ValueError):
                return None
            return price if math.isfinite(price) else None
    return None


def default_resolve_ground_truth(records: Sequence[Mapping[str, Any]]) -> dict[str, Any] | None:
    """Entry = first record's close/price, resolved = last record's, over [t, t+horizon]."""
    if not records:
        return None
    entry = _price(records[0].get("values", records[0]))
    resolved = _price(records[-1].get("values", records[-1]))
    if entry is None or resolved is None:
        return None
    ret = (resolved - entry) / max(abs(entry), 1e-9)
    return {
        "entry_price": entry,
        "resolved_price": resolved,
        "return": ret,
        "direction_up": resolved > entry,
    }


def default_scoring_function(
    prediction: Mapping[str, Any], ground_truth: Mapping[str, Any]
) -> dict[str, Any]:
    """Signed return agreement: positive when the predicted sign matches the move."""
    predicted = float(prediction.get("value", 0.0))
    actual = float(ground_truth["return"])
    if predicted == 0.0 or actual == 0.0:
        return {"value": 0.0, "success": True, "failed_reason": None}
    agreement = math.copysign(1.0, predicted) * math.copysign(1.0, actual)
    return {"value": agreement * abs(actual), "success": True, "failed_reason": None}


def default_aggregate_snapshot(score_results: Sequence[Mapping[str, Any]]) -> dict[str, float]:
    """Mean of every numeric value across the period's score results (bools excluded)."""
    sums: dict[str, float] = {}
    counts: dict[str, int] = {}
    for result in score_results:
        for key, value in result.items():
            number = finite_number(value)
            if number is None:
                continue
            sums[key] = sums.get(key, 0.0) + number
            counts[key] = counts.get(key, 0) + 1
    return {key: sums[key] / counts[key] for key in sums}


# Rank tiers of the default distribution: 1st 35%, 2nd-5th 10%, 6th-10th 5%, then 0%.
_TIER_PCT = [35.0] + [10.0] * 4 + [5.0] * 5


def rank_percentages(n: int) -> list[float]:
    """Percent per rank for `n` ranked models; what fewer than 10 leave is split equally."""
    if n <= 0:
        return []
    pcts = [(_TIER_PCT[i] if i < len(_TIER_PCT) else 0.0) for i in range(n)]
    unassigned = 100.0 - sum(pcts)
    if unassigned > 0:
        share = unassigned / n
        pcts = [p + share for p in pcts]
    return pcts


def to_frac64(percentages: Sequence[float]) -> list[int]:
    """Percent -> frac64, rounded; the rounding difference goes to the first entry."""
    values = [round(p / 100.0 * FRAC64_ONE) for p in percentages]
    if values:
        values[0] += FRAC64_ONE - sum(values)
    return values


def default_build_emission(
    ranked_entries: Sequence[Mapping[str, Any]],
    crunch_pubkey: str,
    compute_provider: str | None,
    data_provider: str | None,
) -> dict[str, Any]:
    """Emission in the on-chain shape; `cruncher_index` is the entry's position in the ranking."""
    rewards = to_frac64(rank_percentages(len(ranked_entries)))
    return {
        "crunch": crunch_pubkey,
        "cruncher_rewards": [
            {"cruncher_index": index, "reward_pct": pct} for index, pct in enumerate(rewards)
        ],
        "compute_provider_rewards": (
            [{"provider": compute_provider, "reward_pct": FRAC64_ONE}] if compute_provider else []
        ),
        "data_provider_rewards": (
            [{"provider": data_provider, "reward_pct": FRAC64_ONE}] if data_provider else []
        ),
    }


class Ensemble(BaseModel):
    """A virtual model `ensemble:<name>` each snapshot cycle builds from the models' signals
    (rounds/ensembles.py): per round, the weighted mean of its members' signals, scored with
    the contract's scoring function. Shown with `include_ensembles=true`; never rewarded.

    `strategy`: `equal_weight`; `inverse_variance` (weight 1 / variance of the member's scores
    in the cycle); `top_k` (the `k` best models by `metric` in the cycle, equal weights).
    `model_filter(model_id) -> bool` keeps only some models as members."""

    model_config = ConfigDict(arbitrary_types_allowed=True)
    name: str = Field(pattern=r"^[a-z][a-z0-9_-]*$")
    strategy: Literal["equal_weight", "inverse_variance", "top_k"] = "equal_weight"
    k: int = Field(default=5, ge=1)
    metric: str = "ic"
    metric_direction: Literal["asc", "desc"] = "desc"
    model_filter: Callable[[str], bool] | None = None


class CrunchContract(BaseModel):
    """Types, scope, aggregation and rules of one competition."""

    model_config = ConfigDict(arbitrary_types_allowed=True)

    meta_type: type[BaseModel] = Meta
    raw_input_type: type[BaseModel] = RawInput
    ground_truth_type: type[BaseModel] | None = None  # None: same shape as raw input
    input_type: type[BaseModel] = InputWindow
    output_type: type[BaseModel] = InferenceOutput
    score_type: type[BaseModel] = ScoreResult

    scope: PredictionScope = Field(default_factory=PredictionScope)
    # Empty: one config built from `scope` (so contracts written for one config keep working).
    prediction_configs: list[ScheduledPredictionConfig] = Field(default_factory=list)


    predict_call: PredictCall = Field(default_factory=PredictCall)
    aggregation: Aggregation = Field(default_factory=Aggregation)
    input_window_size: int = Field(default=120, ge=1)

    crunch_pubkey: str = ""
    compute_provider: str = ""
    data_provider: str = ""

    # Quant metrics (rounds/metrics.py) each snapshot carries: built-in names and the
    # contract's own `custom_metrics` (name -> function(panel) -> one value per model). They
    # read the model's signal at `signal_field` of its output and the realised return at
    # `return_field` of the ground truth.
    metrics: list[str] = Field(default_factory=lambda: list(DEFAULT_METRIC_NAMES))
    custom_metrics: dict[str, Callable[..., Any]] = Field(default_factory=dict)
    signal_field: str = "value"
    return_field: str = "return"
    # Virtual models combining the participants' signals; the first one is the ensemble the
    # per-model `contribution` and `ensemble_correlation` are measured against.
    ensembles: list[Ensemble] = Field(default_factory=list)

    scoring_function: Callable[..., Any] = default_scoring_function
    resolve_ground_truth: Callable[..., Any] = default_resolve_ground_truth
    aggregate_snapshot: Callable[..., Any] = default_aggregate_snapshot
    build_emission: Callable[..., Any] = default_build_emission

    @model_validator(mode="after")
    def _configs(self) -> CrunchContract:
        self.prediction_configs = unique_configs(
            self.prediction_configs or [ScheduledPredictionConfig.from_scope(self.scope)],
            "the contract")
        return self

    @property
    def effective_ground_truth_type(self) -> type[BaseModel]:
        return self.ground_truth_type or self.raw_input_type


DEFAULT_CONTRACT = CrunchContract()


def load_contract(path: str) -> CrunchContract:
    """Import `module:attr`; anything but a CrunchContract there is a loud error."""
    module_name, sep, attr = path.partition(":")
    if not sep or not module_name or not attr:
        raise ContractError(f"contract path {path!r} must look like 'package.module:attribute'")
    try:
        module = importlib.import_module(module_name)
    except Exception as exc:
        raise ContractError(f"cannot import contract module {module_name!r}: {exc!r}") from exc
    try:
        contract = getattr(module, attr)
    except AttributeError as exc:
        raise ContractError(f"module {module_name!r} has no attribute {attr!r}") from exc
    if callable(contract) and not isinstance(contract, CrunchContract):
        contract = contract()
    if not isinstance(contract, CrunchContract):
        raise ContractError(
            f"{path!r} is a {type(contract).__name__}, not a CrunchContract"
        )
    return contract
