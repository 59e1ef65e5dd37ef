"""Outcome measures and treatments of diary entries; clinicians' notes shared with the
patient.

questionnaire_responses  a PEG or PSFS check-in of an entry: its items and score
treatments               what the person took or did, with an entry: name, dose, time, note
clinician_notes.shared   the note's author shows it to the patient

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-02
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None

AUTOINCREMENT = {"sqlite_autoincrement": True}


def _owned() -> list[sa.Column[int]]:
    return [
        sa.Column("id", sa.Integer(), primary_key=True, autoincrement=True),
        sa.Column(
            "entry_id",
            sa.Integer(),
            sa.ForeignKey("entries.id", ondelete="CASCADE"),
            nullable=False,
        ),
        sa.Column(
            "owner_id",
            sa.Integer(),
            sa.ForeignKey("users.id", ondelete="CASCADE"),
            nullable=False,
        ),
    ]


def upgrade() -> None:
    op.create_table(
        "questionnaire_responses",
        *_owned(),
        sa.Column("instrument", sa.String(16), nullable=False),
        sa.Column("items", sa.JSON(), nullable=False),
        sa.Column("score", sa.Float(), nullable=False),
        **AUTOINCREMENT,
    )
    op.create_table(
        "treatments",
        *_owned(),
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("dose", sa.String(200), nullable=False),
        sa.Column("taken_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("note", sa.String(200), nullable=False),
        **AUTOINCREMENT,
    )
    for table in ("questionnaire_responses", "treatments"):
        for column in ("entry_id", "owner_id"):
            op.create_index(f"ix_{table}_{column}", table, [column])
    # table_kwargs: a SQLite rebuild keeps AUTOINCREMENT (ids never reused, migration 0003)
    with op.batch_alter_table(
        "clinician_notes", table_kwargs={"sqlite_autoincrement": True}
    ) as batch:
        batch.add_column(
            sa.Column("shared", sa.Boolean(), nullable=False, server_default=sa.false())
        )


def downgrade() -> None:
    with op.batch_alter_table("clinician_notes") as batch:
        batch.drop_column("shared")
    op.drop_table("treatments")
    op.drop_table("questionnaire_responses")
