"""Sign-ins that last: browser sessions, API tokens and known devices.

A session ends at the first of: sign-out, its absolute lifetime (``session_hours``), an
idle time without requests (``idle_minutes``), a password change or reset (every session
and token of the account ends; the browser that changed it gets a new session id), or the
person revoking it from their list of sessions. Only SHA-256 digests of the secrets are
stored. A session is named to its owner by ``handle``: the first 16 hex digits of that
digest (not the secret, and useless for signing in).

A known device is a browser that signed in to an account before; it carries a second
random cookie that lets it skip the sign-in back-off (``throttle.py``) for that account.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from pydantic import BaseModel
from sqlalchemy import delete, select, update
from sqlalchemy.orm import Session

from myomap.accounts import audit
from myomap.accounts.model import User, user_of
from myomap.accounts.passwords import digest, new_token
from myomap.db.store import Store
from myomap.db.tables import ApiTokenRow, DeviceRow, SessionRow, UserRow
from myomap.diary.when import now
from myomap.errors import NotFound

__all__ = ["ActiveSession", "Sessions"]

DEVICE_LIFE = timedelta(days=180)
TOUCH_EVERY = timedelta(seconds=60)
"""A session's last activity is written at most this often (not on every request)."""
HANDLE = 16


class ActiveSession(BaseModel):
    """One of a person's signed-in browsers, as their session list shows it."""

    handle: str
    created_at: datetime
    last_seen_at: datetime
    expires_at: datetime
    ip: str
    current: bool


class Sessions:
    """Sessions, tokens and devices of the accounts in ``store``."""

    def __init__(
        self,
        store: Store,
        *,
        session_hours: int = 336,
        token_hours: int = 720,
        idle_minutes: int = 120,
    ) -> None:
        self.store = store
        self.session_life = timedelta(hours=session_hours)
        self.token_life = timedelta(hours=token_hours)
        self.idle = timedelta(minutes=idle_minutes)

    # -- browser sessions --------------------------------------------------------------------

    def start_session(self, user_id: int, *, ip: str = "") -> str:
        """A new browser session: the cookie's secret."""
        with self.store.writing() as session:
            return self._new_session(session, user_id, ip=ip)

    def _new_session(self, session: Session, user_id: int, *, ip: str = "") -> str:
        token, stamp = new_token(), now()
        session.add(
            SessionRow(
                token_hash=digest(token),
                user_id=user_id,
                csrf="",
                created_at=stamp,
                expires_at=stamp + self.session_life,
                last_seen_at=stamp,
                ip=ip[:64],
            )
        )
        return token

    def session_user(self, token: str) -> User | None:
        """The signed-in user, or None (unknown, expired or idle too long)."""
        stamp = now()
        key = digest(token)
        with self.store.reading() as session:
            found = session.execute(
                select(UserRow, SessionRow.last_seen_at, SessionRow.created_at)
                .join(SessionRow, SessionRow.user_id == UserRow.id)
                .where(SessionRow.token_hash == key, SessionRow.expires_at > stamp)
            ).first()
        if found is None:
            return None
        row, seen, created = found
        seen = seen or created
        if seen <= stamp - self.idle:
            self.end_session(token)
            return None
        if seen <= stamp - TOUCH_EVERY:
            with self.store.writing() as session:
                session.execute(
                    update(SessionRow)
                    .where(SessionRow.token_hash == key)
                    .values(last_seen_at=stamp)
                )
        return user_of(row)

    def end_session(self, token: str, *, ip: str = "") -> None:
        with self.store.writing() as session:
            row = session.get(SessionRow, digest(token))
            if row is not None:
                audit.record(session, "logout", user_id=row.user_id, ip=ip)
                session.delete(row)

    def sessions_of(self, user_id: int, *, current: str | None = None) -> list[ActiveSession]:
        """The person's signed-in browsers, newest first."""
        mine = digest(current) if current else ""
        with self.store.reading() as session:
            rows = session.scalars(
                select(SessionRow)
                .where(SessionRow.user_id == user_id, SessionRow.expires_at > now())
                .order_by(SessionRow.created_at.desc())
            ).all()
        return [
            ActiveSession(
                handle=row.token_hash[:HANDLE],
                created_at=row.created_at,
                last_seen_at=row.last_seen_at or row.created_at,
                expires_at=row.expires_at,
                ip=row.ip,
                current=row.token_hash == mine,
            )
            for row in rows
        ]

    def revoke_session(self, user_id: int, handle: str, *, ip: str = "") -> None:
        """End one of the person's sessions by its handle (NotFound if not theirs)."""
        if len(handle) != HANDLE or not all(c in "0123456789abcdef" for c in handle):
            raise NotFound(f"No session {handle!r}.", field="handle", value=handle[:40])
        with self.store.writing() as session:
            row = session.scalar(
                select(SessionRow).where(
                    SessionRow.user_id == user_id, SessionRow.token_hash.startswith(handle)
                )
            )
            if row is None:
                raise NotFound(f"No session {handle!r}.", field="handle", value=handle)
            audit.record(session, "logout", user_id=user_id, ip=ip, detail="revoked")
            session.delete(row)

    # -- API tokens ----------------------------------------------------------------------------

    def issue_token(self, user_id: int) -> str:
        token = new_token()
        stamp = now()
        with self.store.writing() as session:
            session.add(
                ApiTokenRow(
                    token_hash=digest(token),
                    user_id=user_id,
                    created_at=stamp,
                    expires_at=stamp + self.token_life,
                )
            )
        return token

    def revoke_token(self, token: str) -> None:
        with self.store.writing() as session:
            session.execute(delete(ApiTokenRow).where(ApiTokenRow.token_hash == digest(token)))

    def token_user(self, token: str) -> User | None:
        with self.store.reading() as session:
            row = session.scalar(
                select(UserRow)
                .join(ApiTokenRow, ApiTokenRow.user_id == UserRow.id)
                .where(ApiTokenRow.token_hash == digest(token), ApiTokenRow.expires_at > now())
            )
            return user_of(row) if row is not None else None

    def end_all(self, session: Session, user_id: int) -> None:
        """Every session and token of the account ends (a password change or reset)."""
        session.execute(delete(SessionRow).where(SessionRow.user_id == user_id))
        session.execute(delete(ApiTokenRow).where(ApiTokenRow.user_id == user_id))

    # -- known devices -------------------------------------------------------------------------

    def remember_device(self, user_id: int) -> str:
        """A secret for the browser that just signed in: it skips the back-off later."""
        token, stamp = new_token(), now()
        with self.store.writing() as session:
            session.add(
                DeviceRow(
                    token_hash=digest(token),
                    user_id=user_id,
                    created_at=stamp,
                    expires_at=stamp + DEVICE_LIFE,
                )
            )
        return token

    @staticmethod
    def known_device(session: Session, user_id: int, token: str | None) -> bool:
        if not token:
            return False
        row = session.get(DeviceRow, digest(token))
        return row is not None and row.user_id == user_id and row.expires_at > now()
