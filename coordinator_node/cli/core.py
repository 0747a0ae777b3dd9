"""Running the node: dev, worker, api, migrate, search-attributes."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING, Any

from coordinator_node.settings import Settings, load_settings

if TYPE_CHECKING:
    from sqlalchemy import Engine


def _settings(args: argparse.Namespace) -> Settings:
    settings = load_settings(dev=getattr(args, "dev", False))
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


def _dev_flag(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--dev", action="store_true",
                        help="use the dev profile for every setting not set explicitly")


def cmd_dev(args: argparse.Namespace) -> int:
    from coordinator_node.dev import run_dev

    return run_dev()


def cmd_worker(args: argparse.Namespace) -> int:
    from coordinator_node.worker import main as worker_main

    worker_main(_settings(args))
    return 0


def cmd_api(args: argparse.Namespace) -> int:
    import uvicorn

    from coordinator_node.api import create_app

    settings = _settings(args)
    # On SIGTERM, requests in flight get API_SHUTDOWN_SECONDS to finish, then are cancelled.
    uvicorn.run(create_app(settings), host=settings.api_host, port=settings.api_port,
                log_level=settings.log_level.lower(),
                timeout_graceful_shutdown=settings.api_shutdown_seconds)
    return 0


def cmd_migrate(args: argparse.Namespace) -> int:
    from coordinator_node.db import migrate

    settings = _settings(args)
    migrate(settings.database_url)
    print(f"database is at the latest schema ({settings.database_url.split('@')[-1]})")
    return 0


def cmd_search_attributes(args: argparse.Namespace) -> int:
    from coordinator_node.temporal import register_search_attributes, run_with_client

    settings = _settings(args)
    added = run_with_client(settings, lambda client: register_search_attributes(
        client, settings.temporal_namespace))
    print(f"added: {', '.join(added)}" if added else "all search attributes already registered")
    return 0


def register(subparsers: Any) -> None:
    dev = subparsers.add_parser(
        "dev", help="run everything locally: Temporal dev server + Web UI, worker, API, models")
    dev.set_defaults(handler=cmd_dev)

    worker = subparsers.add_parser("worker", help="run the Temporal worker")
    _dev_flag(worker)
    worker.set_defaults(handler=cmd_worker)

    api = subparsers.add_parser("api", help="run the report API (uvicorn)")
    _dev_flag(api)
    api.set_defaults(handler=cmd_api)

    migrate = subparsers.add_parser("migrate", help="upgrade the database schema (idempotent)")
    _dev_flag(migrate)
    migrate.set_defaults(handler=cmd_migrate)

    attrs = subparsers.add_parser(
        "search-attributes", help="register the custom search attributes on a Temporal cluster")
    _dev_flag(attrs)
    attrs.set_defaults(handler=cmd_search_attributes)
