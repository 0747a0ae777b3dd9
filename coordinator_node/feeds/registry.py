"""Providers by name, built from settings (once per worker process)."""

from __future__ import annotations

from coordinator_node.feeds.types import FeedProvider
from coordinator_node.settings import Settings

PROVIDERS = ("binance", "pyth", "synthetic", "replay")


class UnknownFeedSource(ValueError):
    pass


def build_provider(settings: Settings, source: str | None = None) -> FeedProvider:
    # Imported on use: every module importing the workflows (each CLI command too) would
    # otherwise load python-binance, aiohttp and numpy.
    source = source or settings.feed_source
    if source == "binance":
        from coordinator_node.feeds.binance import BinanceProvider

        return BinanceProvider(settings.binance_api_url, settings.binance_stream_url)
    if source == "pyth":
        from coordinator_node.feeds.pyth import PythProvider

        return PythProvider(settings.pyth_hermes_url, settings.pyth_feed_ids,
                            settings.pyth_poll_seconds)
    if source == "synthetic":
        from coordinator_node.feeds.synthetic import SyntheticProvider

        return SyntheticProvider(settings.synthetic_seed)
    if source == "replay":
        if not settings.replay_file:
            raise UnknownFeedSource("FEED_SOURCE=replay needs REPLAY_FILE")
        from coordinator_node.feeds.replay import ReplayProvider

        return ReplayProvider(settings.replay_file, settings.replay_speed, settings.replay_start)
    raise UnknownFeedSource(f"unknown feed source {source!r}: one of {', '.join(PROVIDERS)}")
