"""Running the node: dev, worker, api, migrate, search-attributes."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated, Any

import typer

from coordinator_node.cli.output import console, finish
from coordinator_node.logs import configure_logging
from coordinator_node.settings import Settings, load_settings

if TYPE_CHECKING:
    from sqlalchemy import Engine

DevFlag = Annotated[bool, typer.Option(
    "--dev", help="use the dev profile for every setting not set explicitly")]


def _settings(dev: bool) -> Settings:
    settings = load_settings(dev=dev)
    configure_logging(settings.log_format, crunch_id=settings.crunch_id,
                      level=settings.log_level)
    if settings.dev_mode:
        from coordinator_node.dev import add_template_to_path

        add_template_to_path()
    return settings


def _database(settings: Settings) -> Engine:
    """The node's database, migrated; else `DatabaseNotReady` saying which one was opened
    and what to run."""
    from coordinator_node.db import open_migrated

    hint = "coordinator-node migrate --dev" if settings.dev_mode else "coordinator-node migrate"
    return open_migrated(settings.database_url, hint)


def cmd_dev() -> None:
    """run everything locally: Temporal dev server + Web UI, worker, API, models"""
    from coordinator_node.dev import run_dev

    finish(run_dev())


def cmd_worker(dev: DevFlag = False) -> None:
    """run the Temporal worker"""
    from coordinator_node.worker import main as worker_main

    worker_main(_settings(dev))


def cmd_api(dev: DevFlag = False) -> None:
    """run the report API (uvicorn)"""
    import uvicorn

    from coordinator_node.api import create_app

    settings = _settings(dev)
    # JSON lines: uvicorn's own loggers (start-up, access log) go through the root logger's
    # JSON handler instead of uvicorn's text configuration.
    log_config: dict[str, Any] | None = (None if settings.log_format == "json"
                                         else uvicorn.config.LOGGING_CONFIG)
    # On SIGTERM, requests in flight get API_SHUTDOWN_SECONDS to finish, then are cancelled.
    uvicorn.run(create_app(settings), host=settings.api_host, port=settings.api_port,
                log_level=settings.log_level.lower(), log_config=log_config,
                timeout_graceful_shutdown=settings.api_shutdown_seconds)


def cmd_migrate(dev: DevFlag = False) -> None:
    """upgrade the database schema (idempotent)"""
    from coordinator_node.db import migrate

    settings = _settings(dev)
    migrate(settings.database_url)
    console().print(f"database is at the latest schema ({settings.database_url.split('@')[-1]})")


def cmd_search_attributes(dev: DevFlag = False) -> None:
    """register the custom search attributes on a Temporal cluster"""
    from coordinator_node.temporal import register_search_attributes, run_with_client

    settings = _settings(dev)
    added = run_with_client(settings, lambda client: register_search_attributes(
        client, settings.temporal_namespace))
    console().print(f"added: {', '.join(added)}" if added
                    else "all search attributes already registered")


def register(app: typer.Typer) -> None:
    app.command("dev")(cmd_dev)
    app.command("worker")(cmd_worker)
    app.command("api")(cmd_api)
    app.command("migrate")(cmd_migrate)
    app.command("search-attributes")(cmd_search_attributes)
