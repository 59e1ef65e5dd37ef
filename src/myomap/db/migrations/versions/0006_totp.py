"""A clinician's optional second factor (TOTP): the secret, one waiting for confirmation,
and the time step of the last accepted code (a code works once).

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-02
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None

COLUMNS = ("totp_secret", "totp_pending", "totp_last_step")


def upgrade() -> None:
    # Plain ADD COLUMN (nullable), so SQLite does not rebuild the users table.
    op.add_column("users", sa.Column("totp_secret", sa.String(64), nullable=True))
    op.add_column("users", sa.Column("totp_pending", sa.String(64), nullable=True))
    op.add_column("users", sa.Column("totp_last_step", sa.Integer(), nullable=True))


def downgrade() -> None:
    for name in reversed(COLUMNS):
        op.drop_column("users", name)
