"""The clinician's JSON API. Every patient route answers 404 unless that person shares
with the calling clinician now (``Sharing.patient``); people get 403 (``access.py``).

    GET  /api/v1/clinic/patients
    POST /api/v1/clinic/invites {"code"}                     accept a person's invite
    GET  /api/v1/clinic/patients/{patient_id}/assessments    visits, newest first, with notes
    GET  /api/v1/clinic/patients/{patient_id}/compare?first=ID&second=ID
    POST /api/v1/clinic/patients/{patient_id}/assessments/{assessment_id}/notes {"text"}
    GET  /api/v1/clinic/patients/{patient_id}/fhir          FHIR R4 Bundle
"""

from __future__ import annotations

from fastapi import APIRouter, Query, Request, Response
from pydantic import BaseModel, Field

from myomap.accounts.sharing import Note, Patient
from myomap.web.clinic.views import Comparison, Visit, compare, fhir_export, patient_store, visit
from myomap.web.platform.principal import PrincipalDep, client_ip, require, sharing

__all__ = ["router"]

router = APIRouter(prefix="/api/v1/clinic", tags=["clinic"])


class InviteCode(BaseModel):
    code: str = Field(max_length=64, examples=["K7QF-3MZP-XW2A-9BCD"])


class NoteIn(BaseModel):
    text: str = Field(max_length=5000)
    shared: bool = Field(default=False, description="show this note to the patient")


class PatientVisit(Visit):
    notes: list[Note]


@router.get("/patients", response_model=list[Patient])
def patients(request: Request, who: PrincipalDep) -> list[Patient]:
    """The people who share with me now."""
    return sharing(request).patients_of(require(who).id)


@router.post("/invites", response_model=Patient, status_code=201)
def accept_invite(invite: InviteCode, request: Request, who: PrincipalDep) -> Patient:
    """Use a person's invite code: they become my patient."""
    return sharing(request).accept(require(who).id, invite.code, ip=client_ip(request))


@router.get("/patients/{patient_id}/assessments", response_model=list[PatientVisit])
def patient_assessments(patient_id: int, request: Request, who: PrincipalDep) -> list[PatientVisit]:
    """The patient's saved assessments (visits), newest first, with clinicians' notes."""
    _, store = patient_store(request, who, patient_id)
    notes = sharing(request).notes(patient_id, author_id=require(who).id)
    return [
        PatientVisit(**visit(a).model_dump(), notes=notes.get(a.id, []))
        for a in store.list_assessments()
    ]


@router.get("/patients/{patient_id}/compare", response_model=Comparison)
def compare_visits(
    patient_id: int,
    request: Request,
    who: PrincipalDep,
    first: int = Query(description="an assessment id"),
    second: int = Query(description="another assessment id"),
) -> Comparison:
    """Two visits side by side: pain maps, extents and their Jaccard overlap by area."""
    _, store = patient_store(request, who, patient_id)
    return compare(store, first, second)


@router.post(
    "/patients/{patient_id}/assessments/{assessment_id}/notes",
    response_model=Note,
    status_code=201,
)
def add_note(
    patient_id: int, assessment_id: int, note: NoteIn, request: Request, who: PrincipalDep
) -> Note:
    return sharing(request).add_note(
        require(who).id, patient_id, assessment_id, note.text, shared=note.shared
    )


@router.get("/patients/{patient_id}/fhir")
def patient_fhir(patient_id: int, request: Request, who: PrincipalDep) -> Response:
    """The patient's diary and assessments as a FHIR R4 Bundle (audited)."""
    patient, store = patient_store(request, who, patient_id)
    body = fhir_export(
        store, clinician_id=require(who).id, ip=client_ip(request), name=patient.email
    )
    return Response(body, media_type="application/fhir+json")
