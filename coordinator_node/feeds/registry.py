"""Providers by name, built from settings (once per worker process)."""

from __future__ import annotations

from coordinator_node.feeds.binance import BinanceProvider
from coordinator_node.feeds.pyth import PythProvider
from coordinator_node.feeds.replay import ReplayProvider
from coordinator_node.feeds.synthetic import SyntheticProvider
from coordinator_node.feeds.types import FeedProvider
from coordinator_node.settings import Settings

PROVIDERS = ("binance", "pyth", "synthetic", "replay")


class UnknownFeedSource(ValueError):
    pass


def build_provider(settings: Settings, source: str | None = None) -> FeedProvider:
    source = source or settings.feed_source
    if source == "binance":
        return BinanceProvider(settings.binance_api_url, settings.binance_stream_url)
    if source == "pyth":
        return PythProvider(settings.pyth_hermes_url, settings.pyth_feed_ids,
                            settings.pyth_poll_seconds)
    if source == "synthetic":
        return SyntheticProvider(settings.synthetic_seed)
    if source == "replay":
        if not settings.replay_file:
            raise UnknownFeedSource("FEED_SOURCE=replay needs REPLAY_FILE")
        return ReplayProvider(settings.replay_file, settings.replay_speed, settings.replay_start)
    raise UnknownFeedSource(f"unknown feed source {source!r}: one of {', '.join(PROVIDERS)}")
