"""leaderboards.updated_at: when the row was last written (a rebuild of the same period
rewrites it in place), the version the report API's cache and ETag are keyed on

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-29 14:15:00
"""

import sqlalchemy as sa
from alembic import op

import coordinator_node.db.types

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Rows already there get the migration's time: a version they never had, so a client's
    # cached copy from before the upgrade is revalidated once.
    with op.batch_alter_table("leaderboards", schema=None) as batch_op:
        batch_op.add_column(sa.Column(
            "updated_at", coordinator_node.db.types.UTCDateTime(timezone=True), nullable=False,
            server_default=sa.func.current_timestamp()))


def downgrade() -> None:
    raise NotImplementedError("migrations are forward-only: restore a backup to go back")
