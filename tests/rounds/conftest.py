"""Round test helpers: a rising test feed, and the real client runner on the real model
runtime (one `model-runner` process per model, announced by the local orchestrator)."""

from __future__ import annotations

import asyncio
import tempfile
from collections.abc import AsyncIterator, Callable, Iterator
from contextlib import asynccontextmanager, contextmanager
from datetime import UTC, datetime, timedelta
from pathlib import Path

from sqlalchemy import Engine

from coordinator_node.db import session_scope
from coordinator_node.feeds.messages import FeedRef
from coordinator_node.feeds.store import store_rows
from coordinator_node.feeds.types import FeedRow
from coordinator_node.rounds.messages import RoundInput
from coordinator_node.runners.client import ModelRunnerClientRunner
from coordinator_node.runners.local.cluster import LocalCluster, model_identity
from tests.support import eventually

BASE = "example_crunch.tracker.TrackerBase"
FEED = FeedRef(source="test", subject="BTC", kind="candle", granularity="1s")
REPO_ROOT = Path(__file__).resolve().parents[2]


def id_of(name: str) -> str:
    return str(model_identity(name)["model_id"])


def write_code_directory(parent: Path, name: str) -> Path:
    """`parent/name/main.py` serving tests.rounds.misbehaving's `name`: a participant's
    layout, so the runtime's own discovery finds the class (it is outside example_crunch)."""
    directory = parent / name
    directory.mkdir()
    (directory / "main.py").write_text(
        f"from tests.rounds.misbehaving import {name}  # noqa: F401\n")
    return directory


@contextmanager
def code_directories(names: list[str]) -> Iterator[list[Path]]:
    with tempfile.TemporaryDirectory(prefix="models-") as parent:
        yield [write_code_directory(Path(parent), name) for name in names]


def seed_rising_feed(engine: Engine, start: datetime, seconds: int) -> None:
    """A market that only goes up: every horizon's return is positive."""
    rows = [FeedRow(ts_event=start + timedelta(seconds=i),
                    values={"open": 100.0 + i, "high": 100.5 + i, "low": 99.5 + i,
                            "close": 100.0 + i + 0.5, "volume": 1.0})
            for i in range(seconds)]
    with session_scope(engine) as session:
        store_rows(session, FEED.key, rows)


def now_second() -> datetime:
    return datetime.now(UTC).replace(microsecond=0)


def round_input(slot: datetime, **overrides: object) -> RoundInput:
    values: dict[str, object] = {
        "crunch_id": "test-crunch", "config_id": "btc-2s-every-1s", "subject": "BTC",
        "horizon_seconds": 2, "interval_seconds": 1, "feed": FEED, "window_size": 30,
        "model_timeout_seconds": 1.0, "resolve_deadline_seconds": 30, "resolve_poll_seconds": 1,
        "slot": slot,
    }
    values.update(overrides)
    return RoundInput.model_validate(values)


RunnerFactory = Callable[[], ModelRunnerClientRunner]


def local_cluster(crunch_id: str, directories: list[Path]) -> LocalCluster:
    """The misbehaving models' module comes from this repository: on the runtime's path."""
    return LocalCluster(crunch_id, directories, BASE, python_path=[REPO_ROOT])


@asynccontextmanager
async def local_models(
    names: list[str], crunch_id: str = "test-crunch", model_timeout: float = 1.0
) -> AsyncIterator[tuple[LocalCluster, RunnerFactory]]:
    """`model-runner` processes serving `names` (from tests.rounds.misbehaving), and a
    factory for real client runners connected to their orchestrator."""
    with code_directories(names) as directories:
        async with local_cluster(crunch_id, directories) as cluster:
            def make() -> ModelRunnerClientRunner:
                return ModelRunnerClientRunner(crunch_id, "127.0.0.1", cluster.port, BASE,
                                               timeout_seconds=model_timeout)
            yield cluster, make


async def connected(runner: ModelRunnerClientRunner, count: int) -> None:
    await asyncio.wait_for(runner.connected.wait(), 30)

    async def all_there() -> bool:
        return len(await runner.models()) == count

    await eventually(all_there, within=30, what=f"the runner to follow {count} models")
