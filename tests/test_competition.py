"""What start-up refuses, before it connects to anything, naming the settings; prediction
configs from the contract or a JSON file; the old engine's environment names."""

from __future__ import annotations

import json
import logging
from pathlib import Path

import pytest

from coordinator_node.competition import load_competition
from coordinator_node.contract import (
    ContractError,
    CrunchContract,
    PredictionScope,
    ScheduledPredictionConfig,
)
from coordinator_node.settings import SettingsError, load_settings
from tests.conftest import make_settings

TWO_CONFIGS = [
    {"scope_key": "btc-60s-every-15s", "scope_template": {"subject": "BTC"},
     "schedule": {"prediction_interval_seconds": 15, "resolve_after_seconds": 60}, "order": 1},
    {"scope_key": "btc-120s-every-30s",
     "scope_template": {"subject": "BTC", "horizon": 120, "step": 30, "venue": "spot"},
     "schedule": {"prediction_interval_seconds": 30, "resolve_after_seconds": 120,
                  "jitter": 0}, "order": 0, "meta": {"input_window_size": 60}},
]


@pytest.fixture
def clean_env(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> pytest.MonkeyPatch:
    monkeypatch.chdir(tmp_path)  # no .env
    return monkeypatch


def write(tmp_path: Path, content: object) -> str:
    path = tmp_path / "configs.json"
    path.write_text(content if isinstance(content, str) else json.dumps(content))
    return str(path)


def test_the_production_defaults_are_consistent(clean_env: pytest.MonkeyPatch) -> None:
    competition = load_competition(load_settings())
    [config] = competition.configs
    assert (config.scope_key, config.subject, config.horizon_seconds,
            config.interval_seconds) == ("btc-60s-every-15s", "BTC", 60, 15)


def test_a_contract_without_configs_gets_one_from_its_scope() -> None:
    contract = CrunchContract(scope=PredictionScope(subject="ETH", horizon_seconds=300,
                                                    step_seconds=60, venue="perp"))
    [config] = contract.prediction_configs
    assert config.scope_key == "eth-300s-every-60s"
    assert config.scope == {"subject": "ETH", "horizon": 300, "step": 60, "venue": "perp"}


def test_configs_from_a_file_replace_the_contracts(tmp_path: Path) -> None:
    settings = make_settings("sqlite://", scheduled_prediction_configs_path=write(
        tmp_path, TWO_CONFIGS), feed_subjects=["BTC"], feed_granularity="1s")
    configs = load_competition(settings).configs
    assert [c.scope_key for c in configs] == ["btc-120s-every-30s", "btc-60s-every-15s"]
    first = configs[0]
    assert first.scope == {"subject": "BTC", "horizon": 120, "step": 30, "venue": "spot"}
    assert first.schedule.model_dump()["jitter"] == 0  # extra schedule keys are kept
    assert configs[1].scope == {"horizon": 60, "step": 15, "subject": "BTC"}


@pytest.mark.parametrize(("content", "reason"), [
    ("{not json", "not JSON"),
    ({"scope_key": "x"}, "must be a non-empty JSON array"),
    ([], "must be a non-empty JSON array"),
    ([{"scope_key": "x", "scope_template": {}, "schedule": {
        "prediction_interval_seconds": 15, "resolve_after_seconds": 60}}], "needs a 'subject'"),
    ([{"scope_key": "x", "scope_template": {"subject": "BTC"}, "schedule": {
        "prediction_interval_seconds": 0, "resolve_after_seconds": 60}}],
     "[0.schedule.prediction_interval_seconds] Input should be greater than or equal to 1"),
    ([TWO_CONFIGS[0], TWO_CONFIGS[0]], "two prediction configs have scope_key "
                                       "'btc-60s-every-15s'"),
    ([{**TWO_CONFIGS[0], "scope_key": "a/b"}], "String should match pattern"),
])
def test_a_bad_config_file_is_refused_naming_it(tmp_path: Path, content: object,
                                                reason: str) -> None:
    path = write(tmp_path, content)
    with pytest.raises(SettingsError) as refused:
        load_competition(make_settings("sqlite://", scheduled_prediction_configs_path=path,
                                       feed_subjects=["BTC"]))
    assert f"SCHEDULED_PREDICTION_CONFIGS_PATH {path}" in str(refused.value)
    assert reason in str(refused.value)


def test_a_missing_config_file_is_refused(tmp_path: Path) -> None:
    with pytest.raises(SettingsError, match="No such file"):
        load_competition(make_settings("sqlite://", scheduled_prediction_configs_path=str(
            tmp_path / "nope.json")))


def test_a_subject_that_is_not_ingested_is_refused() -> None:
    with pytest.raises(SettingsError) as refused:
        load_competition(make_settings("sqlite://", feed_subjects=["BTCUSDT"]))
    assert str(refused.value) == (
        "inconsistent configuration: prediction config 'btc-60s-every-15s' predicts subject "
        "'BTC', but FEED_SUBJECTS ingests only BTCUSDT")


def test_a_horizon_shorter_than_the_granularity_is_refused() -> None:
    with pytest.raises(SettingsError) as refused:
        load_competition(make_settings("sqlite://", feed_granularity="5m"))
    assert str(refused.value) == (
        "inconsistent configuration: prediction config 'btc-60s-every-15s' resolves after 60s, "
        "shorter than FEED_GRANULARITY=5m")


def test_an_inactive_config_is_not_checked(tmp_path: Path) -> None:
    eth = {**TWO_CONFIGS[0], "scope_key": "eth", "scope_template": {"subject": "ETH"},
           "active": False}
    settings = make_settings("sqlite://", feed_subjects=["BTC"], scheduled_prediction_configs_path=
                             write(tmp_path, [TWO_CONFIGS[0], eth]))
    assert [c.scope_key for c in load_competition(settings).active_configs] == [
        "btc-60s-every-15s"]


def test_two_configs_with_one_scope_key_in_a_contract_are_refused() -> None:
    config = ScheduledPredictionConfig.model_validate(TWO_CONFIGS[0])
    with pytest.raises(ValueError, match="the contract: two prediction configs have scope_key"):
        CrunchContract(prediction_configs=[config, config])


def test_a_score_field_the_snapshots_never_carry_is_refused(
        monkeypatch: pytest.MonkeyPatch) -> None:
    import coordinator_node.contract as contracts

    monkeypatch.setattr(contracts, "ODD_CONTRACT", CrunchContract(
        aggregation={"score_field": "pnl"}), raising=False)
    with pytest.raises(ContractError) as refused:
        load_competition(make_settings("sqlite://",
                                       contract="coordinator_node.contract:ODD_CONTRACT"))
    assert "aggregation.score_field 'pnl' is not in what aggregate_snapshot returns" in str(
        refused.value)
    assert "CONTRACT coordinator_node.contract:ODD_CONTRACT" in str(refused.value)


def test_scoring_function_overrides_the_contracts() -> None:
    competition = load_competition(make_settings(
        "sqlite://", scoring_function="tests.test_competition:always_one"))
    assert competition.contract.scoring_function({}, {}) == {"value": 1.0}
    with pytest.raises(SettingsError, match="SCORING_FUNCTION 'nowhere:fn'"):
        load_competition(make_settings("sqlite://", scoring_function="nowhere:fn"))


def always_one(prediction: object, truth: object) -> dict[str, float]:
    return {"value": 1.0}


def test_old_engine_names_are_accepted_with_a_warning(
        clean_env: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture) -> None:
    for name, value in {"POSTGRES_HOST": "db.internal", "POSTGRES_PORT": "6543",
                        "POSTGRES_USER": "crunch", "POSTGRES_PASSWORD": "p@ss word",
                        "POSTGRES_DB": "coordinator", "MODEL_RUNNER_NODE_HOST": "10.0.0.7",
                        "MODEL_RUNNER_NODE_PORT": "9191", "COMPUTE_PROVIDER_PUBKEY": "Comp1",
                        "DATA_PROVIDER_PUBKEY": "Data1", "FEED_PROVIDER": "binance",
                        "FEED_ASSETS": "BTCUSDT,ETHUSDT", "FEED_RECORD_TTL_DAYS": "30",
                        "FEED_POLL_SECONDS": "2.5", "FEED_BACKFILL_MINUTES": "720",
                        "FEED_CANDLES_WINDOW": "60"}.items():
        clean_env.setenv(name, value)
    with caplog.at_level(logging.WARNING, "coordinator_node.settings"):
        settings = load_settings()
    assert settings.database_url == "postgresql://crunch:p%40ss%20word@db.internal:6543/coordinator"
    assert (settings.model_runner_host, settings.model_runner_port) == ("10.0.0.7", 9191)
    assert (settings.compute_provider, settings.data_provider) == ("Comp1", "Data1")
    assert (settings.feed_source, settings.feed_subjects) == ("binance", ["BTCUSDT", "ETHUSDT"])
    assert (settings.feed_retention_days, settings.pyth_poll_seconds) == (30, 2.5)
    assert (settings.feed_backfill_days, settings.input_window_size) == (0.5, 60)
    warnings = [r.getMessage() for r in caplog.records]
    assert "FEED_ASSETS is the old engine's name: use FEED_SUBJECTS" in warnings
    assert len(warnings) == 11  # one line each (the five POSTGRES_* make one DATABASE_URL)


def test_an_old_and_a_new_name_that_disagree_are_refused(
        clean_env: pytest.MonkeyPatch) -> None:
    clean_env.setenv("FEED_ASSETS", "ETHUSDT")
    clean_env.setenv("FEED_SUBJECTS", "BTC")
    with pytest.raises(SettingsError) as refused:
        load_settings()
    assert str(refused.value) == ("invalid configuration: FEED_ASSETS (old name) and "
                                  "FEED_SUBJECTS are both set, to different values; keep only "
                                  "FEED_SUBJECTS")
    clean_env.setenv("FEED_SUBJECTS", "ETHUSDT")  # the same value twice is fine
    assert load_settings().feed_subjects == ["ETHUSDT"]


def test_a_model_call_no_config_can_fill_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    import coordinator_node.contract as contracts
    from coordinator_node.contract import PredictCall

    monkeypatch.setattr(contracts, "VENUE_CONTRACT", CrunchContract(
        predict_call=PredictCall(method="forecast", args=[("venue", str)])), raising=False)
    with pytest.raises(SettingsError) as refused:
        load_competition(make_settings("sqlite://",
                                       contract="coordinator_node.contract:VENUE_CONTRACT"))
    assert str(refused.value).startswith(
        "inconsistent configuration: prediction config 'btc-60s-every-15s' cannot fill the "
        "contract's model call forecast(…): ")
    assert "venue" in str(refused.value)


def test_a_feed_backoff_longer_than_half_the_resolve_deadline_is_refused() -> None:
    with pytest.raises(SettingsError) as refused:
        load_competition(make_settings("sqlite://", feed_max_backoff_seconds=400,
                                       resolve_deadline_seconds=600))
    assert str(refused.value).startswith(
        "inconsistent configuration: FEED_MAX_BACKOFF_SECONDS=400 must be at most half of "
        "RESOLVE_DEADLINE_SECONDS=600")
