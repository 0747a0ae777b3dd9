from __future__ import annotations

import pytest

from coordinator_node.settings import DEV_PROFILE, SettingsError, load_settings


def test_defaults_are_production_like(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir("/")  # no .env
    settings = load_settings()
    assert settings.dev_mode is False
    assert settings.checkpoint_interval_seconds == 7 * 24 * 3600
    # paired with the default contract (BTC): Pyth BTC ticks
    assert (settings.feed_source, settings.feed_subjects, settings.feed_kind,
            settings.feed_granularity) == ("pyth", ["BTC"], "tick", "1s")
    assert settings.database_url.startswith("sqlite:///.data/")


def test_bad_value_names_the_variable(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("FEED_KIND", "bar")
    with pytest.raises(SettingsError, match=r"FEED_KIND: .*'tick' or 'candle'.*got 'bar'"):
        load_settings()


@pytest.mark.parametrize(
    ("variable", "value"),
    [
        ("API_PORT", "not-a-port"),
        ("MODEL_RUNNER_TIMEOUT_SECONDS", "-1"),
        ("DATABASE_URL", "mysql://x"),
        ("CRUNCH_ID", "has spaces"),
        ("FEED_GRANULARITY", "1 minute"),
        ("FEED_SUBJECTS", " , "),
    ],
)
def test_each_bad_value_is_refused_by_name(
    monkeypatch: pytest.MonkeyPatch, variable: str, value: str
) -> None:
    monkeypatch.setenv(variable, value)
    with pytest.raises(SettingsError) as info:
        load_settings()
    assert variable in str(info.value)


def test_subjects_are_a_comma_list(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("FEED_SUBJECTS", "BTC, ETH ,SOL")
    assert load_settings().feed_subjects == ["BTC", "ETH", "SOL"]


def test_dev_profile_fills_only_what_is_unset(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir("/")
    monkeypatch.setenv("SNAPSHOT_INTERVAL_SECONDS", "120")
    settings = load_settings(dev=True)
    assert settings.dev_mode is True
    assert settings.snapshot_interval_seconds == 120  # the operator's value wins
    assert settings.feed_source == DEV_PROFILE["feed_source"]
    assert settings.checkpoint_interval is None  # checkpoints on demand in dev
