"""Checks relayed to light workers at request time.

Revision ID: 0006
Revises: 0005
"""

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "relayed_checks",
        sa.Column("id", sa.String(36), primary_key=True),
        sa.Column("state", sa.String(10), nullable=False, server_default="waiting"),
        sa.Column("answer", sa.JSON(), nullable=True),
        sa.Column("created_at", sa.Float(), nullable=False),
    )


def downgrade() -> None:
    op.drop_table("relayed_checks")
