"""The clinician's pages: patients, one patient's visits with notes, two visits compared,
and the FHIR export. A patient who does not share with this clinician is a 404."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Form, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from myomap.atlas.figures import VIEWS
from myomap.errors import MyomapError
from myomap.web.bodymap.figures import pain_figure
from myomap.web.clinic.views import compare, fhir_export, patient_store, visit
from myomap.web.diary.files import attachment
from myomap.web.platform.principal import PrincipalDep, client_ip, require, sharing
from myomap.web.platform.render import page

__all__ = ["router"]

router = APIRouter(include_in_schema=False, default_response_class=HTMLResponse)


def _clinic(request: Request, who: PrincipalDep, status: int = 200, **context: object) -> Response:
    patients = sharing(request).patients_of(require(who).id)
    return page(request, "clinic.html", status, patients=patients, **context)


@router.get("/clinic")
def clinic_page(request: Request, who: PrincipalDep) -> Response:
    return _clinic(request, who)


@router.post("/clinic/invites")
def accept_invite(
    request: Request, who: PrincipalDep, code: Annotated[str, Form(max_length=64)]
) -> Response:
    try:
        patient = sharing(request).accept(require(who).id, code, ip=client_ip(request))
    except MyomapError as exc:
        return _clinic(request, who, exc.status, error=exc.message, code=code)
    return RedirectResponse(f"/clinic/patients/{patient.id}", status_code=303)


@router.get("/clinic/patients/{patient_id}")
def patient_page(patient_id: int, request: Request, who: PrincipalDep) -> Response:
    patient, store = patient_store(request, who, patient_id)
    visits = [visit(a) for a in store.list_assessments()]
    notes = sharing(request).notes(patient_id, author_id=require(who).id)
    entries = store.list_entries(newest_first=True, limit=20)
    return page(
        request, "patient.html", patient=patient, visits=visits, notes=notes, entries=entries
    )


@router.get("/clinic/patients/{patient_id}/compare")
def compare_page(
    patient_id: int,
    request: Request,
    who: PrincipalDep,
    first: Annotated[int, Query()],
    second: Annotated[int, Query()],
) -> Response:
    patient, store = patient_store(request, who, patient_id)
    comparison = compare(store, first, second)
    figures = {
        v.id: [pain_figure(view, f"Visit {v.id}, {view}", v.pain) for view in VIEWS]
        for v in (comparison.first, comparison.second)
    }
    return page(request, "compare.html", patient=patient, c=comparison, figures=figures)


@router.post("/clinic/patients/{patient_id}/assessments/{assessment_id}/notes")
def add_note(
    patient_id: int,
    assessment_id: int,
    request: Request,
    who: PrincipalDep,
    text: Annotated[str, Form(max_length=5000)],
    shared: Annotated[bool, Form()] = False,
) -> Response:
    sharing(request).add_note(require(who).id, patient_id, assessment_id, text, shared=shared)
    return RedirectResponse(f"/clinic/patients/{patient_id}#visit-{assessment_id}", status_code=303)


@router.get("/clinic/patients/{patient_id}/fhir.json")
def patient_fhir(patient_id: int, request: Request, who: PrincipalDep) -> Response:
    patient, store = patient_store(request, who, patient_id)
    body = fhir_export(
        store, clinician_id=require(who).id, ip=client_ip(request), name=patient.email
    )
    return attachment(body, "application/fhir+json", f"patient-{patient_id}-fhir", "json")
