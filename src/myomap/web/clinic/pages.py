"""The clinician's pages: the patient list (last entry, trend, latest triage), one
patient's page (pain maps over time, charts, outcome scores, saved assessments with the
clinician's own notes), two visits compared, and the PDF and FHIR downloads. A patient who
does not share with this clinician is a 404."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Form, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from myomap.atlas.figures import VIEWS
from myomap.errors import MyomapError
from myomap.web.bodymap.figures import pain_figure
from myomap.web.clinic.overview import map_steps, outcomes, patient_rows
from myomap.web.clinic.views import compare, fhir_export, patient_store, pdf_export, visit
from myomap.web.diary.files import attachment
from myomap.web.diary.views import entry_when, history_view, latest_plan, where_text
from myomap.web.platform.deps import StateDep
from myomap.web.platform.principal import PrincipalDep, client_ip, require, sharing
from myomap.web.platform.render import page

__all__ = ["router"]

router = APIRouter(include_in_schema=False, default_response_class=HTMLResponse)


def _clinic(request: Request, who: PrincipalDep, status: int = 200, **context: object) -> Response:
    patients = sharing(request).patients_of(require(who).id)
    rows = patient_rows(request.app.state.myomap.store(), patients)
    return page(request, "clinic.html", status, nav="clinic", rows=rows, **context)


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
def patient_page(patient_id: int, request: Request, state: StateDep, who: PrincipalDep) -> Response:
    patient, store = patient_store(request, who, patient_id)
    entries = store.list_entries()
    return page(
        request,
        "patient.html",
        nav="clinic",
        patient=patient,
        since=next(
            (
                p.shared_since
                for p in sharing(request).patients_of(require(who).id)
                if p.id == patient.id
            ),
            None,
        ),
        visits=[visit(a) for a in store.list_assessments()],
        notes=sharing(request).notes(patient_id, author_id=require(who).id),
        entries=entries,
        recent=entries[::-1][:20],
        history=history_view(state.atlas, entries, latest_plan(store)),
        steps=map_steps(entries),
        scores=outcomes(entries),
        when=entry_when,
        where=lambda pain: where_text(state.atlas, pain),
    )


@router.get("/clinic/patients/{patient_id}/report.pdf")
def patient_pdf(patient_id: int, request: Request, who: PrincipalDep) -> Response:
    """The patient's clinical PDF report (audited for both)."""
    patient, store = patient_store(request, who, patient_id)
    body = pdf_export(
        store, clinician_id=require(who).id, ip=client_ip(request), name=patient.email
    )
    return attachment(body, "application/pdf", f"patient-{patient_id}-report", "pdf")


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
