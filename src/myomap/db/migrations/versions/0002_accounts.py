"""Accounts: users, sessions, API tokens, shares, clinician notes, the audit log, and an
owner on every entry and assessment (existing rows go to the local person, user 1).

SQLite cannot add a column with a foreign key to a table that foreign keys point at
without rebuilding it (which would cascade-delete ``entry_pain``), so there ``owner_id``
is a plain indexed column; the store deletes a person's rows explicitly either way.

Revision ID: 0002
Revises: 0001
Create Date: 2025-02-01
"""

from __future__ import annotations

from datetime import UTC, datetime

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

LOCAL_USER_ID = 1


def _user_fk(name: str, *, nullable: bool = False) -> sa.Column[int]:
    return sa.Column(
        name, sa.Integer(), sa.ForeignKey("users.id", ondelete="CASCADE"), nullable=nullable
    )


def upgrade() -> None:
    stamp = sa.DateTime(timezone=True)
    users = op.create_table(
        "users",
        sa.Column("id", sa.Integer(), primary_key=True, autoincrement=True),
        sa.Column("email", sa.String(254), nullable=False, unique=True),
        sa.Column("password_hash", sa.String(200), nullable=True),
        sa.Column("role", sa.String(16), nullable=False),
        sa.Column("created_at", stamp, nullable=False),
        sa.Column("reset_hash", sa.String(64), nullable=True),
        sa.Column("reset_expires_at", stamp, nullable=True),
        sa.CheckConstraint("role IN ('person', 'clinician')", name="ck_users_role"),
    )
    created = datetime.now(UTC)
    if op.get_bind().dialect.name == "sqlite":
        created = created.replace(tzinfo=None)
    op.bulk_insert(
        users,
        [{"id": LOCAL_USER_ID, "email": "local", "role": "person", "created_at": created}],
    )
    if op.get_bind().dialect.name == "postgresql":
        op.execute("SELECT setval(pg_get_serial_sequence('users', 'id'), 1)")
    op.create_table(
        "sessions",
        sa.Column("token_hash", sa.String(64), primary_key=True),
        _user_fk("user_id"),
        sa.Column("csrf", sa.String(64), nullable=False),
        sa.Column("created_at", stamp, nullable=False),
        sa.Column("expires_at", stamp, nullable=False),
    )
    op.create_index("ix_sessions_user_id", "sessions", ["user_id"])
    op.create_table(
        "api_tokens",
        sa.Column("token_hash", sa.String(64), primary_key=True),
        _user_fk("user_id"),
        sa.Column("created_at", stamp, nullable=False),
        sa.Column("expires_at", stamp, nullable=False),
    )
    op.create_index("ix_api_tokens_user_id", "api_tokens", ["user_id"])
    op.create_table(
        "shares",
        sa.Column("id", sa.Integer(), primary_key=True, autoincrement=True),
        _user_fk("patient_id"),
        _user_fk("clinician_id", nullable=True),
        sa.Column("code_hash", sa.String(64), nullable=False, unique=True),
        sa.Column("created_at", stamp, nullable=False),
        sa.Column("expires_at", stamp, nullable=False),
        sa.Column("accepted_at", stamp, nullable=True),
        sa.Column("revoked_at", stamp, nullable=True),
    )
    op.create_index("ix_shares_patient_id", "shares", ["patient_id"])
    op.create_index("ix_shares_clinician_id", "shares", ["clinician_id"])
    op.create_table(
        "clinician_notes",
        sa.Column("id", sa.Integer(), primary_key=True, autoincrement=True),
        sa.Column(
            "assessment_id",
            sa.Integer(),
            sa.ForeignKey("assessments.id", ondelete="CASCADE"),
            nullable=False,
        ),
        _user_fk("clinician_id"),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("created_at", stamp, nullable=False),
    )
    op.create_index("ix_clinician_notes_assessment_id", "clinician_notes", ["assessment_id"])
    op.create_index("ix_clinician_notes_clinician_id", "clinician_notes", ["clinician_id"])
    op.create_table(
        "audit_log",
        sa.Column("id", sa.Integer(), primary_key=True, autoincrement=True),
        sa.Column("at", stamp, nullable=False),
        _user_fk("user_id", nullable=True),
        sa.Column("action", sa.String(32), nullable=False),
        sa.Column("subject", sa.String(254), nullable=False),
        sa.Column("ok", sa.Boolean(), nullable=False),
        sa.Column("ip", sa.String(64), nullable=False),
        sa.Column("detail", sa.Text(), nullable=False),
    )
    op.create_index("ix_audit_log_at", "audit_log", ["at"])
    op.create_index("ix_audit_log_user_id", "audit_log", ["user_id"])
    op.create_index("ix_audit_log_subject", "audit_log", ["subject"])
    for table in ("entries", "assessments"):
        _add_owner(table)


def _add_owner(table: str) -> None:
    default = sa.text(str(LOCAL_USER_ID))
    if op.get_bind().dialect.name == "sqlite":
        op.add_column(
            table, sa.Column("owner_id", sa.Integer(), nullable=False, server_default=default)
        )
    else:
        op.add_column(table, sa.Column("owner_id", sa.Integer(), server_default=default))
        op.execute(f"UPDATE {table} SET owner_id = {LOCAL_USER_ID}")
        op.alter_column(table, "owner_id", nullable=False)
        op.create_foreign_key(
            f"fk_{table}_owner", table, "users", ["owner_id"], ["id"], ondelete="CASCADE"
        )
    op.create_index(f"ix_{table}_owner_id", table, ["owner_id"])


def downgrade() -> None:
    for table in ("entries", "assessments"):
        op.drop_index(f"ix_{table}_owner_id", table_name=table)
        if op.get_bind().dialect.name != "sqlite":
            op.drop_constraint(f"fk_{table}_owner", table, type_="foreignkey")
        op.drop_column(table, "owner_id")
    for table in ("audit_log", "clinician_notes", "shares", "api_tokens", "sessions", "users"):
        op.drop_table(table)
