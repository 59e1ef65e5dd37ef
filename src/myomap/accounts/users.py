"""Accounts of server mode: sign-up, sign-in, sessions, API tokens, passwords, leaving.

    accounts = Accounts(store)
    user = accounts.signup("ana@example.org", "a long passphrase")
    user = accounts.authenticate("ana@example.org", "a long passphrase", ip="127.0.0.1")
    token = accounts.start_session(user.id)             # the cookie's secret
    accounts.session_user(token)                        # -> the user, or None
    bearer = accounts.issue_token(user.id)              # for Authorization: Bearer
    accounts.token_user(bearer)                         # -> user or None
    reset = accounts.reset_token("ana@example.org")     # the operator's CLI prints it
    accounts.export(user.id) / accounts.delete(user.id) # data rights

Secrets (cookies, tokens, reset codes) are random; the database keeps only their SHA-256,
passwords only their argon2id hash. Every sign-in, good or bad, is in the audit log.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from sqlalchemy import delete, or_, select, update
from sqlalchemy.orm import Session

from myomap.accounts import audit, throttle
from myomap.accounts.audit import Action
from myomap.accounts.model import ROLES, Role, User, normal_email, user_of
from myomap.accounts.passwords import digest, hash_password, new_token, verify_password, weakness
from myomap.accounts.sessions import Sessions
from myomap.accounts.sharing import Sharing
from myomap.accounts.totp import SecondFactor, code_problem
from myomap.db.tables import (
    LOCAL_USER_ID,
    AssessmentRow,
    AuditRow,
    ClinicianNoteRow,
    DeviceRow,
    ShareRow,
    UserRow,
)
from myomap.diary.when import now
from myomap.errors import Conflict, EvidenceError, NotFound, NotSignedIn, TooManyRequests

__all__ = ["Accounts", "Role", "User", "normal_email", "user_of"]

RESET_VALID = timedelta(hours=24)


class Accounts(SecondFactor, Sessions):
    """Users, their passwords and data rights, (from ``Sessions``) their sessions, tokens
    and devices, and (from ``SecondFactor``) a clinician's TOTP, in the store's database."""

    # -- creating and finding -------------------------------------------------------------

    def signup(self, email: str, password: str, *, role: Role = "person", ip: str = "") -> User:
        """A new account; refused if the email is taken or the password is weak."""
        address = normal_email(email)
        reason = weakness(password, email=address)
        if reason:
            raise EvidenceError(reason, field="password")
        return self._create(address, hash_password(password), role, ip=ip)

    def add_user(self, email: str, *, role: Role = "person") -> User:
        """An account with no password yet (the operator's CLI); set one with a reset code."""
        if role not in ROLES:
            raise EvidenceError(f"Unknown role {role!r}: use person or clinician.", field="role")
        return self._create(normal_email(email), None, role)

    def _create(self, email: str, password_hash: str | None, role: Role, *, ip: str = "") -> User:
        with self.store.writing() as session:
            if session.scalar(select(UserRow.id).where(UserRow.email == email)) is not None:
                raise Conflict(
                    "An account with this email exists already: sign in instead.",
                    field="email",
                )
            row = UserRow(email=email, password_hash=password_hash, role=role, created_at=now())
            session.add(row)
            session.flush()
            audit.record(session, "signup", user_id=row.id, subject=email, ip=ip, detail=role)
            return user_of(row)

    def user(self, user_id: int) -> User:
        with self.store.reading() as session:
            row = session.get(UserRow, user_id)
            if row is None:
                raise NotFound(f"No account with id {user_id}.", field="user", value=user_id)
            return user_of(row)

    def all_users(self) -> list[User]:
        """Every account but the local person, by id."""
        with self.store.reading() as session:
            rows = session.scalars(
                select(UserRow).where(UserRow.id != LOCAL_USER_ID).order_by(UserRow.id)
            )
            return [user_of(row) for row in rows]

    def by_email(self, email: str) -> User:
        with self.store.reading() as session:
            row = session.scalar(select(UserRow).where(UserRow.email == normal_email(email)))
            if row is None:
                raise NotFound(f"No account for {email}.", field="email", value=email)
            return user_of(row)

    # -- signing in -----------------------------------------------------------------------

    def authenticate(
        self,
        email: str,
        password: str,
        *,
        ip: str = "",
        device: str | None = None,
        code: str | None = None,
    ) -> User:
        """The account if the password (and, when the account has a second factor, the
        6-digit ``code``) is right; every attempt is audited. Repeated failures, wrong
        codes included, slow further attempts down (``throttle.py``), except from a
        browser that signed in to this account before (``device``)."""
        address = email.strip().lower()[:254]
        problem: str | None = None
        with self.store.writing() as session:
            row = session.scalar(select(UserRow).where(UserRow.email == address))
            known = row is not None and self.known_device(session, row.id, device)
            if not known:
                _refuse_while_waiting(session, address, "login")
            ok = verify_password(row.password_hash if row else None, password)
            if ok and row is not None:
                problem = code_problem(row, code)
                ok = problem is None
            user_id = row.id if row is not None else None
            audit.record(
                session,
                "login",
                user_id=user_id,
                subject=address,
                ok=ok,
                ip=ip,
                detail="code" if problem else "",
            )
        if problem:
            raise NotSignedIn(problem, field="code")
        if not ok or row is None:
            raise NotSignedIn("Wrong email or password.", field="password")
        return user_of(row)

    def check_password(self, user_id: int, password: str, *, field: str = "password") -> None:
        """A signed-in person's password re-check (changing it, deleting the account):
        throttled like sign-ins, so a stolen session cannot guess it."""
        with self.store.writing() as session:
            row = self._row(session, user_id)
            _refuse_while_waiting(session, row.email, "password_check")
            ok = verify_password(row.password_hash, password)
            if not ok:
                audit.record(
                    session, "password_check", user_id=user_id, subject=row.email, ok=False
                )
        if not ok:
            raise EvidenceError("The password is not right.", field=field)

    # -- passwords ------------------------------------------------------------------------

    def change_password(
        self, user_id: int, current: str, new: str, *, keep_session: str | None = None
    ) -> str | None:
        """Check the current password, set the new one and end every session and token.
        With ``keep_session`` (the browser that asked), that browser gets a new session:
        its new cookie secret is returned."""
        self.check_password(user_id, current, field="current")
        with self.store.writing() as session:
            row = self._row(session, user_id)
            self._set_password(session, row, new)
            audit.record(session, "password_change", user_id=user_id, subject=row.email)
            return self._new_session(session, user_id) if keep_session else None

    def reset_token(self, email: str) -> str:
        """A one-time code (valid 24 hours) to set a new password; the operator hands it
        over. Issuing a new one cancels the old."""
        code = new_token(12)
        with self.store.writing() as session:
            row = session.scalar(select(UserRow).where(UserRow.email == normal_email(email)))
            if row is None or row.id == LOCAL_USER_ID:
                raise NotFound(f"No account for {email}.", field="email", value=email)
            row.reset_hash, row.reset_expires_at = digest(code), now() + RESET_VALID
        return code

    def reset_password(self, email: str, code: str, new: str, *, ip: str = "") -> User:
        """Set a new password with a reset code; the code works once."""
        with self.store.writing() as session:
            row = session.scalar(select(UserRow).where(UserRow.email == email.strip().lower()))
            valid = (
                row is not None
                and row.reset_hash == digest(code)
                and row.reset_expires_at is not None
                and row.reset_expires_at > now()
            )
            if not valid or row is None:
                raise EvidenceError(
                    "This reset code is not valid (wrong, used or expired); ask the operator "
                    "for a new one.",
                    field="code",
                )
            self._set_password(session, row, new)
            row.reset_hash = row.reset_expires_at = None
            audit.record(session, "password_reset", user_id=row.id, subject=row.email, ip=ip)
            return user_of(row)

    def _set_password(self, session: Session, row: UserRow, new: str) -> None:
        reason = weakness(new, email=row.email)
        if reason:
            raise EvidenceError(reason, field="password")
        row.password_hash = hash_password(new)
        self.end_all(session, row.id)

    def _row(self, session: Session, user_id: int) -> UserRow:
        row = session.get(UserRow, user_id)
        if row is None:
            raise NotFound(f"No account with id {user_id}.", field="user", value=user_id)
        return row

    # -- data rights ----------------------------------------------------------------------

    def export(self, user_id: int, *, ip: str = "") -> dict[str, Any]:
        """Everything myomap holds about this person, as JSON-ready data (audited)."""
        with self.store.writing() as session:
            audit.record(session, "export", user_id=user_id, ip=ip)
        user = self.user(user_id)
        diary = self.store.for_owner(user_id).export_all()
        with self.store.reading() as session:
            events = audit.events_of(session, user_id)
            written = session.scalars(
                select(ClinicianNoteRow)
                .where(ClinicianNoteRow.clinician_id == user_id)
                .order_by(ClinicianNoteRow.id)
            ).all()
            notes_written = [
                {
                    "assessment_id": n.assessment_id,
                    "text": n.text,
                    "shared_with_patient": n.shared,
                    "created_at": n.created_at.isoformat(),
                }
                for n in written
            ]
        sharing = Sharing(self.store)
        shared = [n for notes in sharing.shared_notes(user_id).values() for n in notes]
        return {
            "format": "myomap-account-export",
            "version": 1,
            "account": user.model_dump(mode="json"),
            "diary": diary.model_dump(mode="json"),
            "shares": [s.model_dump(mode="json") for s in sharing.shares_of(user_id)],
            "patients": [p.model_dump(mode="json") for p in sharing.patients_of(user_id)],
            "clinician_notes_on_my_assessments": [n.model_dump(mode="json") for n in shared],
            "notes_i_wrote": notes_written,
            "audit_log": [e.model_dump(mode="json") for e in events],
        }

    def delete(self, user_id: int, password: str | None = None, *, ip: str = "") -> None:
        """Remove the account and everything that is theirs, in one transaction."""
        if user_id == LOCAL_USER_ID:
            raise EvidenceError("The local person cannot be deleted.", field="user")
        if password is not None:
            self.check_password(user_id, password)
        scoped = self.store.for_owner(user_id)
        with self.store.writing() as session:
            row = self._row(session, user_id)
            mine = select(AssessmentRow.id).where(AssessmentRow.owner_id == user_id)
            session.execute(
                delete(ClinicianNoteRow).where(
                    or_(
                        ClinicianNoteRow.assessment_id.in_(mine),
                        ClinicianNoteRow.clinician_id == user_id,
                    )
                )
            )
            scoped.delete_all(session)
            session.execute(
                delete(ShareRow).where(
                    or_(ShareRow.patient_id == user_id, ShareRow.clinician_id == user_id)
                )
            )
            self.end_all(session, user_id)
            session.execute(delete(DeviceRow).where(DeviceRow.user_id == user_id))
            # The audit trail stays, de-identified: what happened and when, not to whom,
            # from where or with which details.
            session.execute(
                update(AuditRow)
                .where(or_(AuditRow.user_id == user_id, AuditRow.subject == row.email))
                .values(user_id=None, subject="", ip="", detail="")
            )
            session.delete(row)
            session.flush()
            audit.record(session, "account_delete", user_id=None, ip="")


def _refuse_while_waiting(session: Session, subject: str, action: Action) -> None:
    wait = throttle.wait_seconds(session, subject, action)
    if wait:
        raise TooManyRequests(
            f"Too many wrong passwords for this account; try again in {wait} seconds, or "
            "sign in from a browser you used before, or set a new password with a reset "
            "code.",
            retry_after=wait,
        )
