"""The audit log: who signed in (or failed to), shared, revoked, exported or left.

Rows are written in the same transaction as the action they describe. ``subject`` is the
email an attempt named, so failed sign-ins can be counted per account across every worker
and instance (the back-off in ``throttle.py``).
"""

from __future__ import annotations

from datetime import datetime
from typing import Literal

from pydantic import BaseModel
from sqlalchemy import select
from sqlalchemy.orm import Session

from myomap.db.tables import AuditRow
from myomap.diary.when import now

__all__ = ["Action", "AuditEvent", "events_of", "record"]

Action = Literal[
    "signup",
    "login",
    "password_check",
    "logout",
    "password_change",
    "password_reset",
    "share_create",
    "share_accept",
    "share_revoke",
    "export",
    "patient_export",
    "patient_view",
    "account_delete",
    "totp_enable",
    "totp_disable",
    "totp_check",
]


class AuditEvent(BaseModel):
    at: datetime
    action: str
    ok: bool
    ip: str
    detail: str


def record(
    session: Session,
    action: Action,
    *,
    user_id: int | None,
    subject: str = "",
    ok: bool = True,
    ip: str = "",
    detail: str = "",
) -> None:
    session.add(
        AuditRow(
            at=now(),
            user_id=user_id,
            action=action,
            subject=subject[:254],
            ok=ok,
            ip=ip[:64],
            detail=detail,
        )
    )


def events_of(session: Session, user_id: int) -> list[AuditEvent]:
    rows = session.scalars(
        select(AuditRow).where(AuditRow.user_id == user_id).order_by(AuditRow.id)
    )
    return [AuditEvent(at=r.at, action=r.action, ok=r.ok, ip=r.ip, detail=r.detail) for r in rows]
