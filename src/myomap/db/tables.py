"""The tables, as typed SQLAlchemy 2 models. Migrations in ``migrations/`` create them.

entries        one diary entry (soft-deleted entries keep ``deleted_at``)
entry_pain     pain per region of an entry: (entry_id, region) -> intensity
assessments    a saved assessment: evidence, result, triage level and atlas version
users          an account: the local person (id 1), people and clinicians (server mode),
               with a clinician's optional TOTP secret (accounts/totp.py)
sessions       a browser sign-in: the SHA-256 of its cookie, its expiry, its last activity
devices        a browser that signed in before (skips the sign-in back-off): its SHA-256
api_tokens     a bearer token from POST /api/v1/auth/login: its SHA-256 and expiry
shares         a person's invite code for a clinician, then the share it became
clinician_notes  a clinician's note on a patient's saved assessment
audit_log      sign-ins (good and failed), shares, revokes, exports, account deletions

Entries and assessments belong to one user (``owner_id``, a foreign key on both
databases); the store filters every query by it. SQLite runs with foreign keys on.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    DateTime,
    ForeignKey,
    Integer,
    SmallInteger,
    String,
    Text,
)
from sqlalchemy.engine import Dialect
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship
from sqlalchemy.types import TypeDecorator

__all__ = [
    "LOCAL_USER_ID",
    "ApiTokenRow",
    "AssessmentRow",
    "AuditRow",
    "Base",
    "ClinicianNoteRow",
    "DeviceRow",
    "EntryPainRow",
    "EntryRow",
    "SessionRow",
    "ShareRow",
    "UTCDateTime",
    "UserRow",
    "valid_id",
]

LOCAL_USER_ID = 1
"""The one person of local mode; migration 0002 gives them every row that existed before."""

AUTOINCREMENT = {"sqlite_autoincrement": True}
"""Integer ids are never handed out twice, on SQLite too (migration 0003)."""

MAX_ID = 2**31 - 1
"""Ids are SQL INTEGERs: a larger number (from a URL, say) names no row, on any database."""


def valid_id(value: int) -> bool:
    return 0 < value <= MAX_ID


class UTCDateTime(TypeDecorator[datetime]):
    """A point in time, stored in UTC on every database and read back as aware UTC."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime: give a time zone")
        value = value.astimezone(UTC)
        return value.replace(tzinfo=None) if dialect.name == "sqlite" else value

    def process_result_value(self, value: Any, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        assert isinstance(value, datetime)
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


class Base(DeclarativeBase):
    type_annotation_map = {  # noqa: RUF012 - the form SQLAlchemy documents
        datetime: UTCDateTime(),
        dict[str, Any]: JSON(),
        list[str]: JSON(),
    }


class EntryRow(Base):
    __tablename__ = "entries"
    __table_args__ = AUTOINCREMENT

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    owner_id: Mapped[int] = mapped_column(
        ForeignKey("users.id", ondelete="CASCADE"), index=True, default=LOCAL_USER_ID
    )
    at: Mapped[datetime] = mapped_column(index=True)
    overall: Mapped[int] = mapped_column(SmallInteger)
    quality: Mapped[list[str]]
    note: Mapped[str] = mapped_column(Text)
    self_care_done: Mapped[list[str]]
    triggers: Mapped[list[str]]
    created_at: Mapped[datetime]
    updated_at: Mapped[datetime]
    deleted_at: Mapped[datetime | None]
    pain: Mapped[list[EntryPainRow]] = relationship(
        back_populates="entry",
        cascade="all, delete-orphan",
        order_by="EntryPainRow.region",
        lazy="selectin",
    )


class EntryPainRow(Base):
    __tablename__ = "entry_pain"

    entry_id: Mapped[int] = mapped_column(
        ForeignKey("entries.id", ondelete="CASCADE"), primary_key=True
    )
    region: Mapped[str] = mapped_column(String(64), primary_key=True, index=True)
    intensity: Mapped[int] = mapped_column(SmallInteger)
    entry: Mapped[EntryRow] = relationship(back_populates="pain")


class AssessmentRow(Base):
    __tablename__ = "assessments"
    __table_args__ = AUTOINCREMENT

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    owner_id: Mapped[int] = mapped_column(
        ForeignKey("users.id", ondelete="CASCADE"), index=True, default=LOCAL_USER_ID
    )
    created_at: Mapped[datetime] = mapped_column(index=True)
    atlas_version: Mapped[str] = mapped_column(String(64))
    triage_level: Mapped[str] = mapped_column(String(16))
    evidence: Mapped[dict[str, Any]]
    result: Mapped[dict[str, Any]]
    note: Mapped[str] = mapped_column(Text)


class UserRow(Base):
    __tablename__ = "users"
    __table_args__ = AUTOINCREMENT

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    email: Mapped[str] = mapped_column(String(254), unique=True)
    password_hash: Mapped[str | None] = mapped_column(String(200))
    role: Mapped[str] = mapped_column(String(16))
    created_at: Mapped[datetime]
    reset_hash: Mapped[str | None] = mapped_column(String(64))
    reset_expires_at: Mapped[datetime | None]
    totp_secret: Mapped[str | None] = mapped_column(String(64))  # base32; on when set
    totp_pending: Mapped[str | None] = mapped_column(String(64))  # shown, not confirmed
    totp_last_step: Mapped[int | None] = mapped_column(Integer)  # last code's time step


class SessionRow(Base):
    __tablename__ = "sessions"

    token_hash: Mapped[str] = mapped_column(String(64), primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    csrf: Mapped[str] = mapped_column(String(64))  # unused since 0004; kept for old rows
    created_at: Mapped[datetime]
    expires_at: Mapped[datetime]
    last_seen_at: Mapped[datetime | None]
    ip: Mapped[str] = mapped_column(String(64), default="")


class DeviceRow(Base):
    """A browser that signed in before: it skips the per-account sign-in back-off."""

    __tablename__ = "devices"

    token_hash: Mapped[str] = mapped_column(String(64), primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    created_at: Mapped[datetime]
    expires_at: Mapped[datetime]


class ApiTokenRow(Base):
    __tablename__ = "api_tokens"

    token_hash: Mapped[str] = mapped_column(String(64), primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    created_at: Mapped[datetime]
    expires_at: Mapped[datetime]


class ShareRow(Base):
    __tablename__ = "shares"
    __table_args__ = AUTOINCREMENT

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    patient_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    clinician_id: Mapped[int | None] = mapped_column(
        ForeignKey("users.id", ondelete="CASCADE"), index=True
    )
    code_hash: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[datetime]
    expires_at: Mapped[datetime]
    accepted_at: Mapped[datetime | None]
    revoked_at: Mapped[datetime | None]


class ClinicianNoteRow(Base):
    __tablename__ = "clinician_notes"
    __table_args__ = AUTOINCREMENT

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    assessment_id: Mapped[int] = mapped_column(
        ForeignKey("assessments.id", ondelete="CASCADE"), index=True
    )
    clinician_id: Mapped[int] = mapped_column(
        ForeignKey("users.id", ondelete="CASCADE"), index=True
    )
    text: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime]
    shared: Mapped[bool] = mapped_column(Boolean, default=False)  # shown to the patient


class AuditRow(Base):
    __tablename__ = "audit_log"
    __table_args__ = AUTOINCREMENT

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    at: Mapped[datetime] = mapped_column(index=True)
    user_id: Mapped[int | None] = mapped_column(
        ForeignKey("users.id", ondelete="CASCADE"), index=True
    )
    action: Mapped[str] = mapped_column(String(32))
    subject: Mapped[str] = mapped_column(String(254), index=True)
    ok: Mapped[bool] = mapped_column(Boolean)
    ip: Mapped[str] = mapped_column(String(64))
    detail: Mapped[str] = mapped_column(Text)
