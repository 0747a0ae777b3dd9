"""Database engine, sessions and migrations."""

from coordinator_node.db.engine import (
    DatabaseNotReady,
    create_db_engine,
    migrate,
    open_migrated,
    session_scope,
)

__all__ = ["DatabaseNotReady", "create_db_engine", "migrate", "open_migrated", "session_scope"]
