"""Every workflow input, built from (Settings, CrunchContract) in exactly one place: the
workflows never read settings, so what they need travels in their input."""

from __future__ import annotations

from datetime import UTC, datetime

from coordinator_node.checkpoints.messages import CheckpointInput, CheckpointTrigger
from coordinator_node.contract import CrunchContract, ScheduledPredictionConfig
from coordinator_node.feeds.messages import (
    BackfillInput,
    FeedIngestInput,
    FeedRef,
    RetentionInput,
)
from coordinator_node.rounds.messages import RoundInput, SnapshotInput
from coordinator_node.settings import Settings


def on_chain_identities(settings: Settings, contract: CrunchContract) -> dict[str, str]:
    """The pubkeys an emission names: a setting wins over the contract's value."""
    return {"crunch_pubkey": settings.crunch_pubkey or contract.crunch_pubkey,
            "compute_provider": settings.compute_provider or contract.compute_provider,
            "data_provider": settings.data_provider or contract.data_provider}


def feed_ref(settings: Settings, subject: str, *, source: str | None = None,
             kind: str | None = None, granularity: str | None = None) -> FeedRef:
    """A feed of `subject`; source, kind and granularity default to the settings'."""
    return FeedRef(source=source or settings.feed_source, subject=subject,
                   kind=kind or settings.feed_kind,
                   granularity=granularity or settings.feed_granularity)


def configured_feeds(settings: Settings) -> list[FeedRef]:
    return [feed_ref(settings, subject) for subject in settings.feed_subjects]


def feed_ingest_input(settings: Settings, feed: FeedRef) -> FeedIngestInput:
    return FeedIngestInput(feed=feed, crunch_id=settings.crunch_id,
                           backfill_days=settings.feed_backfill_days,
                           live_session_minutes=settings.feed_live_session_minutes,
                           max_backoff_seconds=settings.feed_max_backoff_seconds)


def backfill_input(feed: FeedRef, start: datetime, end: datetime,
                   max_attempts: int = 0) -> BackfillInput:
    return BackfillInput(feed=feed, start=start, end=end, max_attempts=max_attempts)


def retention_input(settings: Settings) -> RetentionInput:
    return RetentionInput(retention_days=settings.feed_retention_days)


def round_input(settings: Settings, contract: CrunchContract,
                config: ScheduledPredictionConfig) -> RoundInput:
    """One config's rounds: its subject's feed, its interval and horizon, its scope."""
    window = config.meta.get("input_window_size")
    return RoundInput(
        crunch_id=settings.crunch_id, config_id=config.scope_key, subject=config.subject,
        horizon_seconds=config.horizon_seconds, interval_seconds=config.interval_seconds,
        feed=feed_ref(settings, config.subject),
        window_size=window if isinstance(window, int) and window > 0
        else contract.input_window_size,
        model_timeout_seconds=settings.model_runner_timeout_seconds,
        resolve_deadline_seconds=settings.resolve_deadline_seconds, scope=config.scope,
    )


def snapshot_input(settings: Settings) -> SnapshotInput:
    return SnapshotInput(crunch_id=settings.crunch_id,
                         period_seconds=settings.snapshot_interval_seconds)


def checkpoint_input(settings: Settings, contract: CrunchContract,
                     period_end: datetime) -> CheckpointInput:
    return CheckpointInput(crunch_id=settings.crunch_id, period_end=period_end.astimezone(UTC),
                           period_seconds=settings.checkpoint_interval_seconds or None,
                           **on_chain_identities(settings, contract))


def checkpoint_trigger(settings: Settings, contract: CrunchContract) -> CheckpointTrigger:
    return CheckpointTrigger(crunch_id=settings.crunch_id,
                             period_seconds=settings.checkpoint_interval_seconds,
                             **on_chain_identities(settings, contract))
