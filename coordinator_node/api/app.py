from __future__ import annotations

import asyncio
import gc
import logging
import math
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

import anyio.to_thread
from anyio import CapacityLimiter
from fastapi import FastAPI, Response
from fastapi.middleware.cors import CORSMiddleware
from fastapi_offline import FastAPIOffline
from temporalio.runtime import Runtime, TelemetryConfig

from coordinator_node import __version__
from coordinator_node.api import dashboard
from coordinator_node.api.answers import CoalescedRead, VersionedAnswers
from coordinator_node.api.errors import EXCEPTION_HANDLERS, CancelledAs503
from coordinator_node.api.metrics import ApiMetrics, MetricsMiddleware
from coordinator_node.api.offload import SharedCalls
from coordinator_node.api.routes import checkpoints, feeds, health, merkle, rounds, schema
from coordinator_node.competition import load_competition
from coordinator_node.db import create_db_engine
from coordinator_node.rounds.store import leaderboard_version
from coordinator_node.settings import Settings, load_settings
from coordinator_node.temporal import connect

log = logging.getLogger("coordinator_node.api")
# Threads that close request sessions: one per connection the pool can hand out (10 + 20).
RELEASE_THREADS = 32

DESCRIPTION = """Leaderboard, predictions, feeds, snapshots, checkpoints and emissions.

Every error answers `{"detail": "<message>"}` (a 422 from validation adds `errors`, one
`{loc, msg, type}` per problem). A 503 carries `Retry-After`: the database or Temporal did
not answer in time, and the same call again is safe (confirm / status included)."""


async def _connect_temporal_forever(app: FastAPI, runtime: Runtime) -> None:
    """The API serves reports without Temporal; confirm/status answer 503 until connected."""
    settings: Settings = app.state.settings
    delay = 0.5
    while app.state.temporal is None:
        try:
            app.state.temporal = await connect(settings, runtime)
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
        # A short wait for a pooled connection: past it, 503 + Retry-After (api/errors.py),
        # never a request (or, before, the whole event loop) hanging on the pool.
        wait = settings.api_db_wait_seconds
        connect_within = max(2, math.ceil(wait))  # libpq's least useful value is 2 s
        app.state.engine = create_db_engine(settings.database_url, pool_timeout=wait,
                                            connect_timeout=connect_within)
        app.state.release_limiter = CapacityLimiter(RELEASE_THREADS)  # api/deps.py
        # /healthz's own connection and thread, so a busy API still answers it.
        app.state.health_engine = create_db_engine(
            settings.database_url, pool_size=1, max_overflow=0,
            pool_timeout=health.HEALTH_TIMEOUT_SECONDS, connect_timeout=connect_within)
        app.state.health_limiter = CapacityLimiter(1)
        app.state.health_probes = SharedCalls()
        app.state.shared_changes = SharedCalls()  # confirm / status calls in flight
        app.state.answers = VersionedAnswers()  # hot answers by version (api/answers.py)
        app.state.leaderboard_version = CoalescedRead(app.state.engine, leaderboard_version)
        app.state.temporal = None
        app.state.temporal_error = "not connected yet"
        # A runtime of the API's own, never the SDK's process-wide default, whose threads
        # live until the interpreter ends and may abort it on the way out (temporal.
        # run_with_client says why): dropped below, its threads joined, at shutdown.
        connector = asyncio.create_task(
            _connect_temporal_forever(app, Runtime(telemetry=TelemetryConfig())))
        try:
            yield
        finally:
            connector.cancel()
            await asyncio.gather(connector, return_exceptions=True)
            for engine in (app.state.engine, app.state.health_engine):
                await anyio.to_thread.run_sync(engine.dispose)
            del connector
            app.state.temporal = None  # the client, and with it the runtime: collected now
            gc.collect()

    # Swagger UI and ReDoc from files shipped in a package (fastapi-offline), never a CDN:
    # /docs and /redoc work on a closed network.
    app = FastAPIOffline(
        title="coordinator-node report API",
        version=__version__,
        description=DESCRIPTION,
        lifespan=lifespan,
        exception_handlers=EXCEPTION_HANDLERS,
    )
    app.add_middleware(CancelledAs503)  # inside CORS: its 503 gets the CORS headers too
    # Browsers call the node directly from the web app's pages (absolute widget URLs, the
    # platform's client): reads from any origin, and the preflight of JSON POST/PATCH.
    app.add_middleware(CORSMiddleware, allow_origins=settings.cors_origins,
                       allow_methods=["GET", "POST", "PATCH", "OPTIONS"],
                       allow_headers=["*"],
                       max_age=600)
    # Outermost: every answer is counted, the middlewares' own 503s included.
    api_metrics = ApiMetrics()
    app.add_middleware(MetricsMiddleware, metrics=api_metrics)

    @app.get("/metrics", include_in_schema=False)
    def prometheus_metrics() -> Response:
        """Request counts and latencies by route, method and status (Prometheus text)."""
        body, content_type = api_metrics.exposition()
        return Response(body, media_type=content_type)

    app.include_router(health.router)
    app.include_router(feeds.router)
    app.include_router(rounds.router)
    app.include_router(schema.router)
    app.include_router(checkpoints.router)
    app.include_router(merkle.router)
    # The operator's dashboard (`/`, `/dashboard/...`): pages, not part of the API's schema.
    app.include_router(dashboard.router)
    return app
