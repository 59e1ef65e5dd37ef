"""The tables, as typed SQLAlchemy 2 models. Migrations in ``migrations/`` create them.

entries        one diary entry (soft-deleted entries keep ``deleted_at``)
entry_pain     pain per region of an entry: (entry_id, region) -> intensity
assessments    a saved assessment: evidence, result, triage level and atlas version
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import JSON, DateTime, ForeignKey, Integer, SmallInteger, String, Text
from sqlalchemy.engine import Dialect
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship
from sqlalchemy.types import TypeDecorator

__all__ = ["AssessmentRow", "Base", "EntryPainRow", "EntryRow", "UTCDateTime"]


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

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
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

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    created_at: Mapped[datetime] = mapped_column(index=True)
    atlas_version: Mapped[str] = mapped_column(String(64))
    triage_level: Mapped[str] = mapped_column(String(16))
    evidence: Mapped[dict[str, Any]]
    result: Mapped[dict[str, Any]]
    note: Mapped[str] = mapped_column(Text)
