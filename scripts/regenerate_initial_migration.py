"""Regenerate `0001_initial_schema.py` from the tables (pre-release only).

Until the first release the schema lives in one initial migration. After a release, add a new
revision instead (`alembic revision --autogenerate`) and never edit a released one.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

from alembic import command

import coordinator_node.db.tables  # noqa: F401
from coordinator_node.db.engine import MIGRATIONS_DIR, alembic_config


def main() -> None:
    for old in (MIGRATIONS_DIR / "versions").glob("0001_*.py"):
        old.unlink()
    with tempfile.TemporaryDirectory() as tmp:
        config = alembic_config(f"sqlite:///{Path(tmp) / 'empty.db'}")
        command.revision(config, message="initial schema", autogenerate=True, rev_id="0001")


if __name__ == "__main__":
    main()
