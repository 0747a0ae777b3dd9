from __future__ import annotations

import asyncio
import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI
from fastapi.middleware.cors import CORSMiddleware

from coordinator_node import __version__
from coordinator_node.api.routes import checkpoints, feeds, health, rounds, schema
from coordinator_node.competition import load_competition
from coordinator_node.db import create_db_engine
from coordinator_node.settings import Settings, load_settings
from coordinator_node.temporal import connect

log = logging.getLogger("coordinator_node.api")


async def _connect_temporal_forever(app: FastAPI) -> None:
    """The API serves reports without Temporal; confirm/status answer 503 until connected."""
    settings: Settings = app.state.settings
    delay = 0.5
    while app.state.temporal is None:
        try:
            app.state.temporal = await connect(settings)
            log.info("connected to Temporal at %s", settings.temporal_address)
        except Exception as exc:
            app.state.temporal_error = str(exc)
            await asyncio.sleep(delay)
            delay = min(delay * 2, 10.0)


def create_app(settings: Settings | None = None) -> FastAPI:
    settings = settings or load_settings()
    contract = load_competition(settings).contract  # fails loudly before serving anything
    # A Temporal client does not survive fork: connections are made in the lifespan.

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        app.state.settings = settings
        app.state.contract = contract
        app.state.engine = create_db_engine(settings.database_url)
        app.state.temporal = None
        app.state.temporal_error = "not connected yet"
        connector = asyncio.create_task(_connect_temporal_forever(app))
        try:
            yield
        finally:
            connector.cancel()
            app.state.engine.dispose()

    app = FastAPI(
        title="coordinator-node report API",
        version=__version__,
        description="Leaderboard, predictions, feeds, snapshots, checkpoints and emissions.",
        lifespan=lifespan,
    )
    # Browsers call the node directly from the web app's pages (absolute widget URLs, the
    # platform's client): reads from any origin, and the preflight of JSON POST/PATCH.
    app.add_middleware(CORSMiddleware, allow_origins=settings.cors_origins,
                       allow_methods=["GET", "POST", "PATCH", "OPTIONS"],
                       allow_headers=["*"],
                       max_age=600)
    app.include_router(health.router)
    app.include_router(feeds.router)
    app.include_router(rounds.router)
    app.include_router(schema.router)
    app.include_router(checkpoints.router)
    return app
