"""Consent-based sharing between a person and a clinician, and the clinician's notes.

    code = Sharing(store).invite(person.id)          # "K7QF-3MZP-…", valid 7 days
    Sharing(store).accept(clinician.id, code)         # the clinician now sees the person
    Sharing(store).patient(clinician.id, person.id)   # the person, or NotFound if not shared
    Sharing(store).revoke(person.id, share_id)        # the clinician no longer does

A clinician sees a person only through a share that was accepted and not revoked; asking
for anyone else is NotFound, exactly as if they did not exist. A clinician's notes are
theirs alone (other clinicians of the same patient never see them) unless the author
shares a note with the patient. An invite code is redeemed by one clinician only, even
when two redeem it at the same moment (one conditional UPDATE decides).
"""

from __future__ import annotations

import secrets
from datetime import datetime, timedelta

from pydantic import BaseModel
from sqlalchemy import ColumnElement, select, update
from sqlalchemy.orm import Session

from myomap.accounts import audit
from myomap.accounts.model import User, user_of
from myomap.accounts.passwords import digest
from myomap.db.store import Store
from myomap.db.tables import AssessmentRow, ClinicianNoteRow, ShareRow, UserRow, valid_id
from myomap.diary.when import now
from myomap.errors import EvidenceError, Forbidden, NotFound

__all__ = ["Note", "Share", "Sharing"]

INVITE_VALID = timedelta(days=7)
ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I: read aloud or typed
MAX_NOTE = 5000


class Share(BaseModel):
    """A person's share: pending (no clinician yet), active, revoked or expired."""

    id: int
    clinician_email: str | None
    created_at: datetime
    expires_at: datetime
    accepted_at: datetime | None
    revoked_at: datetime | None
    status: str


class Patient(BaseModel):
    id: int
    email: str
    shared_since: datetime | None


class Note(BaseModel):
    id: int
    assessment_id: int
    clinician_email: str
    text: str
    created_at: datetime
    shared: bool = False


def _code() -> str:
    raw = "".join(secrets.choice(ALPHABET) for _ in range(16))
    return "-".join(raw[i : i + 4] for i in range(0, 16, 4))


def _normal_code(code: str) -> str:
    return "".join(ch for ch in code.upper() if ch.isalnum())


def _invalid_code() -> EvidenceError:
    return EvidenceError(
        "This invite code is not valid (wrong, used, revoked or expired); ask the person "
        "for a new one.",
        field="code",
    )


def _status(row: ShareRow) -> str:
    if row.revoked_at is not None:
        return "revoked"
    if row.accepted_at is not None:
        return "active"
    return "expired" if row.expires_at <= now() else "pending"


class Sharing:
    """Invites, shares, the clinician's patient list and notes."""

    def __init__(self, store: Store) -> None:
        self.store = store

    def invite(self, patient_id: int, *, ip: str = "") -> tuple[Share, str]:
        """A new invite code for the person to hand to a clinician."""
        code = _code()
        stamp = now()
        with self.store.writing() as session:
            row = ShareRow(
                patient_id=patient_id,
                clinician_id=None,
                code_hash=digest(_normal_code(code)),
                created_at=stamp,
                expires_at=stamp + INVITE_VALID,
                accepted_at=None,
                revoked_at=None,
            )
            session.add(row)
            session.flush()
            audit.record(session, "share_create", user_id=patient_id, ip=ip, detail=str(row.id))
            return self._share(session, row), code

    def accept(self, clinician_id: int, code: str, *, ip: str = "") -> Patient:
        """The clinician redeems a person's invite code."""
        with self.store.writing() as session:
            clinician = session.get(UserRow, clinician_id)
            if clinician is None or clinician.role != "clinician":
                raise Forbidden("Only a clinician's account can accept an invite code.")
            row = session.scalar(
                select(ShareRow).where(ShareRow.code_hash == digest(_normal_code(code)))
            )
            if row is None or _status(row) != "pending" or row.patient_id == clinician_id:
                raise _invalid_code()
            stamp = now()
            claimed = session.execute(
                update(ShareRow)
                .where(
                    ShareRow.id == row.id,
                    ShareRow.clinician_id.is_(None),
                    ShareRow.accepted_at.is_(None),
                    ShareRow.revoked_at.is_(None),
                    ShareRow.expires_at > stamp,
                )
                .values(clinician_id=clinician_id, accepted_at=stamp)
                .execution_options(synchronize_session=False)
            )
            if claimed.rowcount != 1:  # type: ignore[attr-defined]
                raise _invalid_code()  # another clinician redeemed it a moment ago
            session.refresh(row)
            audit.record(session, "share_accept", user_id=clinician_id, ip=ip, detail=str(row.id))
            audit.record(session, "share_accept", user_id=row.patient_id, ip=ip, detail=str(row.id))
            patient = session.get(UserRow, row.patient_id)
            assert patient is not None
            return Patient(id=patient.id, email=patient.email, shared_since=row.accepted_at)

    def revoke(self, patient_id: int, share_id: int, *, ip: str = "") -> Share:
        """The person withdraws a share (or an unused invite); the clinician loses access."""
        with self.store.writing() as session:
            row = session.get(ShareRow, share_id) if valid_id(share_id) else None
            if row is None or row.patient_id != patient_id:
                raise NotFound(f"No share with id {share_id}.", field="id", value=share_id)
            if row.revoked_at is None:
                row.revoked_at = now()
                audit.record(
                    session, "share_revoke", user_id=patient_id, ip=ip, detail=str(share_id)
                )
            return self._share(session, row)

    def shares_of(self, patient_id: int) -> list[Share]:
        with self.store.reading() as session:
            rows = session.scalars(
                select(ShareRow).where(ShareRow.patient_id == patient_id).order_by(ShareRow.id)
            )
            return [self._share(session, row) for row in rows]

    def patients_of(self, clinician_id: int) -> list[Patient]:
        """The people who share with this clinician now."""
        with self.store.reading() as session:
            rows = session.execute(
                select(UserRow, ShareRow.accepted_at)
                .join(ShareRow, ShareRow.patient_id == UserRow.id)
                .where(ShareRow.clinician_id == clinician_id, ShareRow.revoked_at.is_(None))
                .order_by(UserRow.email)
            ).all()
            seen: dict[int, Patient] = {}
            for user, since in rows:
                seen.setdefault(user.id, Patient(id=user.id, email=user.email, shared_since=since))
            return list(seen.values())

    def patient(self, clinician_id: int, patient_id: int) -> User:
        """The person, if they share with this clinician now; otherwise NotFound. Every
        such look is audited for both (``patient_view``): the person sees in their audit
        log which clinician looked at their data, and when."""
        with self.store.writing() as session:
            row = (
                None
                if not valid_id(patient_id)
                else session.scalar(
                    select(UserRow)
                    .join(ShareRow, ShareRow.patient_id == UserRow.id)
                    .where(
                        ShareRow.clinician_id == clinician_id,
                        ShareRow.patient_id == patient_id,
                        ShareRow.revoked_at.is_(None),
                    )
                    .limit(1)
                )
            )
            if row is None:
                raise NotFound(
                    f"No patient with id {patient_id} shares with you.",
                    field="patient_id",
                    value=patient_id,
                )
            clinician = session.get(UserRow, clinician_id)
            seen_by = clinician.email if clinician is not None else str(clinician_id)
            for user_id in (clinician_id, patient_id):
                audit.record(session, "patient_view", user_id=user_id, detail=seen_by)
            return user_of(row)

    def add_note(
        self,
        clinician_id: int,
        patient_id: int,
        assessment_id: int,
        text: str,
        *,
        shared: bool = False,
    ) -> Note:
        """A clinician's note on one of a sharing patient's assessments: private to its
        author unless ``shared`` with the patient."""
        self.patient(clinician_id, patient_id)
        body = text.strip()
        if not body or len(body) > MAX_NOTE:
            raise EvidenceError(
                f"A note needs some text, at most {MAX_NOTE} characters.", field="text"
            )
        self.store.for_owner(patient_id).get_assessment(assessment_id)  # theirs, or NotFound
        with self.store.writing() as session:
            row = ClinicianNoteRow(
                assessment_id=assessment_id,
                clinician_id=clinician_id,
                text=body,
                created_at=now(),
                shared=shared,
            )
            session.add(row)
            session.flush()
            return self._note(session, row)

    def notes(self, patient_id: int, *, author_id: int) -> dict[int, list[Note]]:
        """The notes ``author_id`` (a clinician) wrote on the patient's assessments, by
        assessment id: nobody else's."""
        return self._notes(patient_id, ClinicianNoteRow.clinician_id == author_id)

    def shared_notes(self, patient_id: int) -> dict[int, list[Note]]:
        """The notes clinicians shared with the patient, by assessment id."""
        return self._notes(patient_id, ClinicianNoteRow.shared.is_(True))

    def _notes(self, patient_id: int, which: ColumnElement[bool]) -> dict[int, list[Note]]:
        with self.store.reading() as session:
            rows = session.scalars(
                select(ClinicianNoteRow)
                .join(AssessmentRow, AssessmentRow.id == ClinicianNoteRow.assessment_id)
                .where(AssessmentRow.owner_id == patient_id, which)
                .order_by(ClinicianNoteRow.id)
            ).all()
            found: dict[int, list[Note]] = {}
            for row in rows:
                found.setdefault(row.assessment_id, []).append(self._note(session, row))
            return found

    def _note(self, session: Session, row: ClinicianNoteRow) -> Note:
        author = session.get(UserRow, row.clinician_id)
        return Note(
            id=row.id,
            assessment_id=row.assessment_id,
            clinician_email=author.email if author else "",
            text=row.text,
            created_at=row.created_at,
            shared=row.shared,
        )

    def _share(self, session: Session, row: ShareRow) -> Share:
        clinician = session.get(UserRow, row.clinician_id) if row.clinician_id else None
        return Share(
            id=row.id,
            clinician_email=clinician.email if clinician else None,
            created_at=row.created_at,
            expires_at=row.expires_at,
            accepted_at=row.accepted_at,
            revoked_at=row.revoked_at,
            status=_status(row),
        )
