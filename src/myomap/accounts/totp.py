"""An optional second factor for clinicians: a time-based one-time code (TOTP, RFC 6238).

Turning it on takes two steps: ``begin_totp`` makes a new secret and shows it once (as
text and as an ``otpauth://`` URI for an authenticator app); ``confirm_totp`` switches it
on when the person types a current code from that app. From then on a sign-in needs the
password and a current 6-digit code; turning it off needs a current code too.

The secret is kept server-side (it must be, to check codes) and never shown again. Codes
are checked for the current 30-second step and one step either side (clock drift); the
step of the last accepted code is stored, so a code (or an older one) cannot be used
twice. Wrong codes at sign-in count as failed sign-ins (the back-off of ``throttle.py``);
wrong codes when turning it on or off are throttled the same way per account.
"""

from __future__ import annotations

import hmac

import pyotp
from sqlalchemy.orm import Session

from myomap.accounts import audit, throttle
from myomap.db.store import Store
from myomap.db.tables import UserRow
from myomap.diary.when import now
from myomap.errors import EvidenceError, Forbidden, NotFound, TooManyRequests

__all__ = ["ISSUER", "SecondFactor", "code_problem", "matching_step"]

ISSUER = "myomap"
DIGITS = 6
DRIFT = 1
"""Steps either side of the current one that are accepted (30 s each)."""


def matching_step(secret: str, code: str, *, last_step: int | None) -> int | None:
    """The time step ``code`` belongs to (now, or one step either side), if it is later
    than ``last_step`` (a code is good once); None for a wrong, stale or reused code."""
    code = code.strip().replace(" ", "")
    if len(code) != DIGITS or not code.isdigit():
        return None
    totp = pyotp.TOTP(secret)
    current = totp.timecode(now())
    for step in range(current - DRIFT, current + DRIFT + 1):
        fresh = last_step is None or step > last_step
        if fresh and hmac.compare_digest(totp.generate_otp(step), code):
            return step
    return None


def code_problem(row: UserRow, code: str | None) -> str | None:
    """Why ``code`` does not complete this account's sign-in, or None when it does (the
    step is then recorded as used). Accounts without a second factor need no code."""
    secret = row.totp_secret
    if not secret:
        return None
    if not code:
        return "This account needs the 6-digit code from its authenticator app as well."
    step = matching_step(secret, code, last_step=row.totp_last_step)
    if step is None:
        return "Wrong email, password or 6-digit code (a code works once; wait for the next one)."
    row.totp_last_step = step
    return None


class SecondFactor:
    """Turning the second factor on and off for the accounts in ``store``."""

    store: Store

    def totp_enabled(self, user_id: int) -> bool:
        with self.store.reading() as session:
            row = session.get(UserRow, user_id)
            return row is not None and bool(row.totp_secret)

    def begin_totp(self, user_id: int) -> tuple[str, str]:
        """A new secret, not yet in use: (the secret as text, its otpauth:// URI).
        Refused for people (it is for clinicians) and while it is on already."""
        secret = pyotp.random_base32()
        with self.store.writing() as session:
            row = _clinician(session, user_id)
            if row.totp_secret:
                raise EvidenceError(
                    "Two-step sign-in is on already; turn it off first to change the app.",
                    field="code",
                )
            row.totp_pending = secret
        uri = pyotp.TOTP(secret).provisioning_uri(name=row.email, issuer_name=ISSUER)
        return secret, uri

    def confirm_totp(self, user_id: int, code: str, *, ip: str = "") -> None:
        """Switch the second factor on with a current code from the new secret."""
        with self.store.writing() as session:
            row = _clinician(session, user_id)
            _refuse_while_waiting(session, row.email)
            pending = row.totp_pending
            if not pending:
                raise EvidenceError(
                    "Start by creating a secret for your authenticator app.", field="code"
                )
            step = matching_step(pending, code, last_step=None)
            if step is not None:
                row.totp_secret, row.totp_pending, row.totp_last_step = pending, None, step
            _audit(session, row, "totp_enable", ok=step is not None, ip=ip)
        if step is None:
            raise EvidenceError(
                "That code is not right: type the current 6-digit code your app shows for "
                "myomap (check the phone's clock), or start again for a new secret.",
                field="code",
            )

    def disable_totp(self, user_id: int, code: str, *, ip: str = "") -> None:
        """Switch the second factor off with a current code."""
        with self.store.writing() as session:
            row = _clinician(session, user_id)
            _refuse_while_waiting(session, row.email)
            secret = row.totp_secret
            if not secret:
                raise EvidenceError("Two-step sign-in is not on.", field="code")
            step = matching_step(secret, code, last_step=row.totp_last_step)
            if step is not None:
                row.totp_secret = row.totp_pending = row.totp_last_step = None
            _audit(session, row, "totp_disable", ok=step is not None, ip=ip)
        if step is None:
            raise EvidenceError(
                "That code is not right (a code works once): type the current 6-digit code.",
                field="code",
            )


def _clinician(session: Session, user_id: int) -> UserRow:
    row = session.get(UserRow, user_id)
    if row is None:
        raise NotFound(f"No account with id {user_id}.", field="user", value=user_id)
    if row.role != "clinician":
        raise Forbidden("Two-step sign-in is for clinicians' accounts.", field="role")
    return row


def _audit(session: Session, row: UserRow, action: audit.Action, *, ok: bool, ip: str) -> None:
    # A wrong code is counted (``totp_check``) for the back-off; a right one is the action.
    name: audit.Action = action if ok else "totp_check"
    audit.record(session, name, user_id=row.id, subject=row.email, ok=ok, ip=ip)


def _refuse_while_waiting(session: Session, subject: str) -> None:
    wait = throttle.wait_seconds(session, subject, "totp_check")
    if wait:
        raise TooManyRequests(
            f"Too many wrong codes for this account; try again in {wait} seconds.",
            retry_after=wait,
        )
