"""Database engine, sessions and migrations."""

from coordinator_node.db.engine import create_db_engine, migrate, session_scope

__all__ = ["create_db_engine", "migrate", "session_scope"]
