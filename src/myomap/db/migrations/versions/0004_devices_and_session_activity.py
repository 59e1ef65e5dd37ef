"""Known devices (a browser that signed in before skips the sign-in back-off) and each
session's last activity (for the idle timeout).

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-02
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    stamp = sa.DateTime(timezone=True)
    op.create_table(
        "devices",
        sa.Column("token_hash", sa.String(64), primary_key=True),
        sa.Column(
            "user_id",
            sa.Integer(),
            sa.ForeignKey("users.id", ondelete="CASCADE"),
            nullable=False,
        ),
        sa.Column("created_at", stamp, nullable=False),
        sa.Column("expires_at", stamp, nullable=False),
    )
    op.create_index("ix_devices_user_id", "devices", ["user_id"])
    with op.batch_alter_table("sessions") as batch:
        batch.add_column(sa.Column("last_seen_at", stamp, nullable=True))
        batch.add_column(sa.Column("ip", sa.String(64), nullable=False, server_default=""))


def downgrade() -> None:
    with op.batch_alter_table("sessions") as batch:
        batch.drop_column("ip")
        batch.drop_column("last_seen_at")
    op.drop_table("devices")
