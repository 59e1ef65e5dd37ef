"""The diary: entries, pain per region, saved assessments.

Revision ID: 0001
Revises:
Create Date: 2025-01-01
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    stamp = sa.DateTime(timezone=True)
    op.create_table(
        "entries",
        sa.Column("id", sa.Integer(), primary_key=True, autoincrement=True),
        sa.Column("at", stamp, nullable=False),
        sa.Column("overall", sa.SmallInteger(), nullable=False),
        sa.Column("quality", sa.JSON(), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("self_care_done", sa.JSON(), nullable=False),
        sa.Column("triggers", sa.JSON(), nullable=False),
        sa.Column("created_at", stamp, nullable=False),
        sa.Column("updated_at", stamp, nullable=False),
        sa.Column("deleted_at", stamp, nullable=True),
        sa.CheckConstraint("overall BETWEEN 0 AND 10", name="ck_entries_overall"),
    )
    op.create_index("ix_entries_at", "entries", ["at"])
    op.create_table(
        "entry_pain",
        sa.Column(
            "entry_id",
            sa.Integer(),
            sa.ForeignKey("entries.id", ondelete="CASCADE"),
            primary_key=True,
        ),
        sa.Column("region", sa.String(64), primary_key=True),
        sa.Column("intensity", sa.SmallInteger(), nullable=False),
        sa.CheckConstraint("intensity BETWEEN 0 AND 10", name="ck_entry_pain_intensity"),
    )
    op.create_index("ix_entry_pain_region", "entry_pain", ["region"])
    op.create_table(
        "assessments",
        sa.Column("id", sa.Integer(), primary_key=True, autoincrement=True),
        sa.Column("created_at", stamp, nullable=False),
        sa.Column("atlas_version", sa.String(64), nullable=False),
        sa.Column("triage_level", sa.String(16), nullable=False),
        sa.Column("evidence", sa.JSON(), nullable=False),
        sa.Column("result", sa.JSON(), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
    )
    op.create_index("ix_assessments_created_at", "assessments", ["created_at"])


def downgrade() -> None:
    op.drop_table("assessments")
    op.drop_table("entry_pain")
    op.drop_table("entries")
