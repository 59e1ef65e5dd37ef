"""What the clinician's API and pages share: a sharing patient's store, their visits, and
two visits compared (pain maps side by side and their area-weighted Jaccard overlap)."""

from __future__ import annotations

import json
from typing import Any

from fastapi import Request
from pydantic import BaseModel

from myomap.accounts import audit
from myomap.accounts.users import User
from myomap.db import Store
from myomap.diary import Assessment
from myomap.diary.progress import overlap, pain_extent
from myomap.reports.fhir import fhir_bundle
from myomap.reports.summary import build_summary
from myomap.web.platform.principal import Principal, require, sharing

__all__ = [
    "Comparison",
    "Visit",
    "compare",
    "fhir_export",
    "patient_store",
    "pdf_export",
    "visit",
]


class Visit(BaseModel):
    """One saved assessment as a clinician reviews it."""

    id: int
    created_at: str
    triage: str
    top_muscles: list[str]
    pain: dict[str, int]
    extent: float
    note: str


class Comparison(BaseModel):
    first: Visit
    second: Visit
    overlap: float
    extent_change: float


def patient_store(request: Request, who: Principal | None, patient_id: int) -> tuple[User, Store]:
    """The patient and their store, if they share with this clinician (else NotFound)."""
    clinician = require(who)
    patient = sharing(request).patient(clinician.id, patient_id)
    return patient, request.app.state.myomap.store().for_owner(patient_id)


def pain_map(assessment: Assessment) -> dict[str, int]:
    return {p.region: p.intensity for p in assessment.evidence.pain}


def visit(assessment: Assessment) -> Visit:
    pain = pain_map(assessment)
    return Visit(
        id=assessment.id,
        created_at=assessment.created_at.isoformat(),
        triage=assessment.result.triage.level,
        top_muscles=[f"{c.name} ({c.side})" for c in assessment.result.candidates[:3]],
        pain=pain,
        extent=round(pain_extent(pain), 4),
        note=assessment.note,
    )


def compare(store: Store, first_id: int, second_id: int) -> Comparison:
    """Two visits of one patient: their maps, and how much of the pain area they share."""
    first, second = store.get_assessment(first_id), store.get_assessment(second_id)
    a, b = visit(first), visit(second)
    return Comparison(
        first=a,
        second=b,
        overlap=round(overlap(a.pain, b.pain), 4),
        extent_change=round(b.extent - a.extent, 4),
    )


def _audit_export(store: Store, clinician_id: int, ip: str, what: str) -> None:
    """A clinician's export of a patient's data, in both their audit logs."""
    with store.writing() as session:
        for user_id in (clinician_id, store.owner_id):
            detail = f"patient {store.owner_id} by clinician {clinician_id} ({what})"
            audit.record(session, "patient_export", user_id=user_id, ip=ip, detail=detail)


def pdf_export(store: Store, *, clinician_id: int, ip: str, name: str | None = None) -> bytes:
    """The patient's clinical PDF report (the same as their own download); audited for
    both the clinician and the patient."""
    from myomap.reports.pdf import render_pdf

    _audit_export(store, clinician_id, ip, "pdf")
    return render_pdf(build_summary(store, name=name))


def fhir_export(store: Store, *, clinician_id: int, ip: str, name: str | None = None) -> str:
    """The patient's FHIR R4 Bundle (diary and assessments), as JSON text; audited for
    both the clinician and the patient."""
    _audit_export(store, clinician_id, ip, "fhir")
    summary = build_summary(store, name=name)
    bundle: dict[str, Any] = fhir_bundle(summary, assessments=store.list_assessments()[::-1])
    return json.dumps(bundle, ensure_ascii=False, indent=1) + "\n"
