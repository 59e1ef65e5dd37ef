"""SQLite integrity: ``owner_id`` becomes a real foreign key, and ids are never reused.

Migration 0002 left ``entries.owner_id`` and ``assessments.owner_id`` without a foreign
key on SQLite, and SQLite reuses the largest rowid after a delete unless a table is
declared AUTOINCREMENT. Together that let a diary write racing an account deletion
survive it, and let the next sign-up inherit the deleted person's id and rows. This
revision rebuilds every table with an integer id on SQLite (batch mode: copy, drop,
rename; ``myomap.db.migrate`` switches foreign keys off for the rebuild and checks them
before committing) with AUTOINCREMENT, and the two owner columns with their foreign key.
Rows whose owner no longer exists are removed first: they belong to nobody.

PostgreSQL already had both (sequences never hand out an id twice), so nothing changes
there.

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-02
"""

from __future__ import annotations

from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None

OWNED = ("entries", "assessments")
WITH_IDS = ("users", "entries", "assessments", "shares", "clinician_notes", "audit_log")


def upgrade() -> None:
    if op.get_bind().dialect.name != "sqlite":
        return
    for table in OWNED:
        op.execute(f"DELETE FROM {table} WHERE owner_id NOT IN (SELECT id FROM users)")
    op.execute("DELETE FROM entry_pain WHERE entry_id NOT IN (SELECT id FROM entries)")
    op.execute(
        "DELETE FROM clinician_notes WHERE assessment_id NOT IN (SELECT id FROM assessments)"
    )
    for table in WITH_IDS:
        with op.batch_alter_table(
            table,
            recreate="always",
            table_kwargs={"sqlite_autoincrement": True},
        ) as batch:
            if table in OWNED:
                batch.create_foreign_key(
                    f"fk_{table}_owner", "users", ["owner_id"], ["id"], ondelete="CASCADE"
                )


def downgrade() -> None:
    if op.get_bind().dialect.name != "sqlite":
        return
    for table in OWNED:
        with op.batch_alter_table(table, recreate="always") as batch:
            batch.drop_constraint(f"fk_{table}_owner", type_="foreignkey")
