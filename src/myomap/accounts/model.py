"""An account as the app sees it, and the rules for an email address.

>>> normal_email("  Ana@Example.ORG ")
'ana@example.org'
"""

from __future__ import annotations

from datetime import datetime
from typing import Literal

from pydantic import BaseModel

from myomap.db.tables import UserRow
from myomap.errors import EvidenceError

__all__ = ["ROLES", "Role", "User", "normal_email", "user_of"]

Role = Literal["person", "clinician"]
ROLES: tuple[Role, ...] = ("person", "clinician")


class User(BaseModel):
    """An account as the app sees it (never with its password hash)."""

    id: int
    email: str
    role: Role
    created_at: datetime


def user_of(row: UserRow) -> User:
    role: Role = "clinician" if row.role == "clinician" else "person"
    return User(id=row.id, email=row.email, role=role, created_at=row.created_at)


def normal_email(email: str) -> str:
    """Trimmed and lower-cased; refused unless it looks like an address."""
    cleaned = email.strip().lower()
    name, at, domain = cleaned.partition("@")
    if not at or not name or "." not in domain or len(cleaned) > 254 or " " in cleaned:
        raise EvidenceError(
            "Give an email address such as ana@example.org.", field="email", value=email
        )
    return cleaned
