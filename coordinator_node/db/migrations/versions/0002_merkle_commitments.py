"""Merkle commitments: merkle_cycles, merkle_nodes, checkpoints.merkle_root

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-29 14:20:00
"""

import sqlalchemy as sa
import sqlmodel
from alembic import op

import coordinator_node.db.types

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "merkle_cycles",
        sa.Column("id", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("period_start", coordinator_node.db.types.UTCDateTime(timezone=True),
                  nullable=False),
        sa.Column("period_end", coordinator_node.db.types.UTCDateTime(timezone=True),
                  nullable=False),
        sa.Column("snapshot_count", sa.Integer(), nullable=False),
        sa.Column("tree_root", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("previous_cycle_id", sqlmodel.sql.sqltypes.AutoString(), nullable=True),
        sa.Column("previous_root", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("cycle_root", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("created_at", coordinator_node.db.types.UTCDateTime(timezone=True),
                  nullable=False),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("period_start", "period_end", name="uq_merkle_cycles_period"),
    )
    op.create_index("ix_merkle_cycles_period_end", "merkle_cycles", ["period_end"])
    op.create_table(
        "merkle_nodes",
        sa.Column("cycle_id", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("level", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("hash", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("snapshot_id", sqlmodel.sql.sqltypes.AutoString(), nullable=True),
        sa.PrimaryKeyConstraint("cycle_id", "level", "position"),
    )
    op.create_index("ix_merkle_nodes_snapshot", "merkle_nodes", ["snapshot_id"])
    # A checkpoint built before this release has no root (NULL), which the API reports as such.
    with op.batch_alter_table("checkpoints") as batch:
        batch.add_column(sa.Column("merkle_root", sqlmodel.sql.sqltypes.AutoString(),
                                   nullable=True))


def downgrade() -> None:
    raise NotImplementedError("migrations are forward-only: restore a backup to go back")
