"""Outcome measures (PEG, PSFS) and treatments: scored, stored with their entry, and in
every export: JSON export and import, CSV, PDF and FHIR."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from fhir.resources.R4B.bundle import Bundle
from fhir.resources.R4B.medicationstatement import MedicationStatement
from fhir.resources.R4B.questionnaireresponse import QuestionnaireResponse
from pypdf import PdfReader

from myomap.atlas import Atlas
from myomap.db import Store
from myomap.db.checkins import past_treatments
from myomap.diary.outcomes import Peg, PsfsItem, psfs_score
from myomap.diary.progress import self_care_effects
from myomap.errors import EvidenceError
from myomap.reports.csv_export import entries_csv
from myomap.reports.fhir import fhir_bundle
from myomap.reports.pdf import render_pdf
from myomap.reports.summary import build_summary

PAIN = {"lumbar_paraspinal_r": 6}


def test_peg_and_psfs_scores_are_the_means() -> None:
    assert Peg(pain=6, enjoyment=4, activity=5).score == 5.0
    assert Peg(pain=7, enjoyment=3, activity=3).score == 4.33
    assert (
        psfs_score([PsfsItem(activity="gardening", score=3), PsfsItem(activity="run", score=6)])
        == 4.5
    )
    assert psfs_score([]) is None


@pytest.fixture()
def store(tmp_path: Path, atlas: Atlas) -> Store:
    opened = Store.open(f"sqlite:///{tmp_path}/o.db", atlas=atlas)
    for day, (peg, taken) in enumerate([(7, True), (6, False), (5, True), (4, True)]):
        opened.add_entry(
            at=f"2025-03-0{day + 1}T09:00:00Z",
            overall=peg,
            pain=PAIN,
            peg={"pain": peg, "enjoyment": peg - 1, "activity": peg - 2},
            psfs=[{"activity": "gardening", "score": 2 + day}],
            treatments=[{"name": "ibuprofen", "dose": "400 mg", "note": "with food"}]
            if taken
            else [{"name": "heat pack", "at": f"2025-03-0{day + 1}T08:00:00Z"}],
        )
    return opened


def test_check_ins_are_stored_with_their_entry_and_suggested_later(store: Store) -> None:
    entries = store.list_entries()
    assert [e.peg.score if e.peg else None for e in entries] == [6.0, 5.0, 4.0, 3.0]
    assert entries[0].treatments[0].dose == "400 mg" and entries[1].treatments[0].at is not None
    assert store.get_entry(entries[0].id).psfs[0].activity == "gardening"
    changed = store.update_entry(entries[0].id, note="later")
    assert changed.peg == entries[0].peg and changed.treatments == entries[0].treatments
    cleared = store.update_entry(entries[0].id, peg=None, treatments=[])
    assert cleared.peg is None and cleared.treatments == []
    assert past_treatments(store)[0] == {"name": "ibuprofen", "dose": "400 mg"}
    with pytest.raises(EvidenceError, match=r"peg\.pain"):
        store.add_entry(overall=3, peg={"pain": 11, "enjoyment": 0, "activity": 0})
    with pytest.raises(EvidenceError, match=r"treatments\.0\.name"):
        store.add_entry(overall=3, treatments=[{"name": "  "}])


def test_check_ins_survive_export_and_import(store: Store, tmp_path: Path, atlas: Atlas) -> None:
    snapshot = store.export_all()
    assert snapshot.entries[0].peg is not None
    fresh = Store.open(f"sqlite:///{tmp_path}/fresh.db", atlas=atlas)
    fresh.import_all(snapshot)
    again = fresh.export_all()
    strip = ("id", "created_at", "updated_at")
    assert [e.model_dump(exclude=set(strip)) for e in again.entries] == [
        e.model_dump(exclude=set(strip)) for e in snapshot.entries
    ]


def test_check_ins_in_csv(store: Store) -> None:
    rows = list(csv.DictReader(io.StringIO(entries_csv(store.list_entries()))))
    assert rows[0]["peg_pain"] == "7" and rows[0]["peg_score"] == "6"
    assert rows[0]["psfs"] == "gardening:2" and rows[0]["psfs_score"] == "2"
    assert rows[0]["treatments"] == "ibuprofen|400 mg||with food"
    assert rows[1]["treatments"] == "heat pack||2025-03-02T08:00:00Z|"


def test_check_ins_in_fhir_with_subject(store: Store) -> None:
    bundle = fhir_bundle(build_summary(store, name="Ana Lima"))
    Bundle.model_validate(bundle)
    resources = [e["resource"] for e in bundle["entry"]]
    patient = next(r for r in resources if r["resourceType"] == "Patient")
    responses = [
        QuestionnaireResponse.model_validate(r)
        for r in resources
        if r["resourceType"] == "QuestionnaireResponse"
    ]
    statements = [
        MedicationStatement.model_validate(r)
        for r in resources
        if r["resourceType"] == "MedicationStatement"
    ]
    assert {r.questionnaire for r in responses} == {
        "https://myomap.org/fhir/Questionnaire/peg",
        "https://myomap.org/fhir/Questionnaire/psfs",
    }
    assert len(statements) == 4
    ibuprofen = statements[0]
    assert ibuprofen.medicationCodeableConcept is not None and ibuprofen.dosage
    assert ibuprofen.medicationCodeableConcept.text == "ibuprofen"
    assert ibuprofen.dosage[0].text == "400 mg"
    assert all(s.subject and s.subject.reference == f"urn:uuid:{patient['id']}" for s in statements)
    assert all(r.subject and r.subject.reference == f"urn:uuid:{patient['id']}" for r in responses)
    json.dumps(bundle)


def test_check_ins_in_the_pdf_and_the_effects_table(store: Store) -> None:
    text = "\n".join(
        p.extract_text() for p in PdfReader(io.BytesIO(render_pdf(build_summary(store)))).pages
    )
    assert "Outcome scores" in text and "6.0 → 3.0 (4 check-ins)" in text
    assert "Treatments and medicines taken" in text and "ibuprofen" in text and "400 mg" in text
    assert "ibuprofen (taken)" in text
    items = {e.item for e in self_care_effects(store.list_entries())}
    assert items == {"taken:ibuprofen", "taken:heat pack"}
