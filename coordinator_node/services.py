"""What the worker's activities hold: settings, the contract, the DB engine, the model runner.

Created once per process (never in workflow code) and closed on shutdown.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import AsyncExitStack, asynccontextmanager
from dataclasses import dataclass, field

from sqlalchemy import Engine

from coordinator_node.competition import Competition, load_competition
from coordinator_node.contract import CrunchContract, ScheduledPredictionConfig
from coordinator_node.db import create_db_engine
from coordinator_node.runners.base import ModelRunner
from coordinator_node.settings import Settings


@dataclass
class Services:
    settings: Settings
    contract: CrunchContract
    engine: Engine
    configs: list[ScheduledPredictionConfig] = field(default_factory=list)
    runner: ModelRunner | None = None
    resources: AsyncExitStack = field(default_factory=AsyncExitStack)

    @property
    def prediction_configs(self) -> list[ScheduledPredictionConfig]:
        """The configs loaded at start (a file may replace the contract's)."""
        return self.configs or self.contract.prediction_configs


@asynccontextmanager
async def open_services(
    settings: Settings, *, runner: ModelRunner | None = None
) -> AsyncIterator[Services]:
    """Load the contract (loudly), open the DB engine, and start the model runner (the
    model-runner-client one unless another is given)."""
    competition: Competition = load_competition(settings)
    engine = create_db_engine(settings.database_url)
    if runner is None:
        from coordinator_node.runners.client import ModelRunnerClientRunner

        runner = ModelRunnerClientRunner(
            crunch_id=settings.crunch_id, host=settings.model_runner_host,
            port=settings.model_runner_port, base_classname=settings.model_base_classname,
            timeout_seconds=settings.model_runner_timeout_seconds,
        )
    await runner.start()
    services = Services(settings=settings, contract=competition.contract, engine=engine,
                        configs=competition.configs, runner=runner)
    async with services.resources:
        try:
            yield services
        finally:
            if services.runner is not None:
                await services.runner.close()
            engine.dispose()
