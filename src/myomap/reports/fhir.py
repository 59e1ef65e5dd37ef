"""A FHIR R4B Bundle of the summary, checked with fhir.resources before it is returned.

- each diary entry: an Observation of overall pain (LOINC 72514-3, 0-10) whose members
  are one Observation per painful region, with bodySite coded in myomap's region system
  and, where verified, a SNOMED CT body structure (see ``snomed.py``);
- the person: a Patient, which every other resource names as its ``subject``;
- each entry's PEG and PSFS check-ins: QuestionnaireResponses; each treatment taken: a
  MedicationStatement (``fhir_checkins.py``);
- each saved assessment: a QuestionnaireResponse with the pain map, every answer, age and
  sex, tagged with the atlas version it used.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from myomap.diary.assessment import Assessment
from myomap.diary.entry import Entry, iso
from myomap.reports.fhir_checkins import checkin_resources
from myomap.reports.snomed import SNOMED, snomed_structure
from myomap.reports.summary import Summary, pseudonym

if TYPE_CHECKING:
    from fhir.resources.R4B.bundle import Bundle

__all__ = [
    "ANSWER_SYSTEM",
    "ATLAS_TAG_SYSTEM",
    "QUESTIONNAIRE",
    "REGION_SYSTEM",
    "fhir_bundle",
    "validate_bundle",
]

LOINC = "http://loinc.org"
PAIN_SEVERITY = {
    "system": LOINC,
    "code": "72514-3",
    "display": "Pain severity - 0-10 verbal numeric rating [Score] - Reported",
}
SURVEY = {
    "coding": [
        {
            "system": "http://terminology.hl7.org/CodeSystem/observation-category",
            "code": "survey",
            "display": "Survey",
        }
    ]
}
REGION_SYSTEM = "https://myomap.org/fhir/CodeSystem/region"
QUALITY_SYSTEM = "https://myomap.org/fhir/CodeSystem/pain-quality"
ANSWER_SYSTEM = "https://myomap.org/fhir/CodeSystem/answer"
ATLAS_TAG_SYSTEM = "https://myomap.org/fhir/atlas-version"
QUESTIONNAIRE = "https://myomap.org/fhir/Questionnaire/assessment"
PATIENT_SYSTEM = "https://myomap.org/fhir/patient"
GENDERS = {"female": "female", "male": "male", "other": "other"}
BASE = "urn:uuid:"


def _uuid(kind: str, number: int, extra: str = "") -> str:
    import uuid

    return str(uuid.uuid5(uuid.NAMESPACE_URL, f"https://myomap.org/{kind}/{number}/{extra}"))


def body_site(region: str, label: str) -> dict[str, Any]:
    coding = [{"system": REGION_SYSTEM, "code": region, "display": label}]
    structure = snomed_structure(region)
    if structure is not None:
        coding.append({"system": SNOMED, "code": structure.code, "display": structure.display})
    return {"coding": coding, "text": label}


def patient_resource(summary: Summary) -> dict[str, Any]:
    """The person the bundle is about: their name (or pseudonym) and sex."""
    person = summary.person
    resource: dict[str, Any] = {
        "resourceType": "Patient",
        "id": _uuid("patient", person.owner_id),
        "identifier": [{"system": PATIENT_SYSTEM, "value": pseudonym(person.owner_id)}],
    }
    if person.named:
        resource["name"] = [{"text": person.name}]
    if person.sex is not None:
        resource["gender"] = GENDERS.get(person.sex, "unknown")
    return resource


def subject(summary: Summary) -> dict[str, str]:
    """The reference every resource of the bundle carries to its Patient."""
    return {"reference": BASE + _uuid("patient", summary.person.owner_id)}


def _entry_resources(summary: Summary, entry: Entry) -> list[dict[str, Any]]:
    members = []
    resources = []
    for region, intensity in entry.pain.items():
        uid = _uuid("entry", entry.id, region)
        members.append({"reference": BASE + uid})
        resources.append(
            {
                "resourceType": "Observation",
                "id": uid,
                "status": "final",
                "category": [SURVEY],
                "code": {"coding": [PAIN_SEVERITY], "text": "Pain severity in this region"},
                "subject": subject(summary),
                "bodySite": body_site(region, summary.region_label(region)),
                "effectiveDateTime": iso(entry.at),
                "valueInteger": intensity,
            }
        )
    overall: dict[str, Any] = {
        "resourceType": "Observation",
        "id": _uuid("entry", entry.id),
        "identifier": [{"system": "https://myomap.org/fhir/diary-entry", "value": str(entry.id)}],
        "status": "final",
        "category": [SURVEY],
        "code": {"coding": [PAIN_SEVERITY], "text": "Overall pain severity"},
        "subject": subject(summary),
        "effectiveDateTime": iso(entry.at),
        "valueInteger": entry.overall,
    }
    if members:
        overall["hasMember"] = members
    if entry.quality:
        overall["component"] = [
            {
                "code": {"text": "Pain quality"},
                "valueCodeableConcept": {
                    "coding": [{"system": QUALITY_SYSTEM, "code": q}],
                    "text": q,
                },
            }
            for q in entry.quality
        ]
    notes = [entry.note] if entry.note else []
    if entry.self_care_done:
        notes.append("Self-care done: " + "; ".join(entry.self_care_done))
    if entry.triggers:
        notes.append("Suspected triggers: " + "; ".join(entry.triggers))
    if notes:
        overall["note"] = [{"text": text} for text in notes]
    return [overall, *resources]


def _answer(summary: Summary, finding: str, answer: str) -> dict[str, Any]:
    found = summary.atlas.findings.get(finding)
    return {
        "linkId": f"finding.{finding}",
        "text": found.question if found else finding,
        "answer": [{"valueCoding": {"system": ANSWER_SYSTEM, "code": answer}}],
    }


def _assessment_resource(summary: Summary, assessment: Assessment) -> dict[str, Any]:
    evidence = assessment.evidence
    items: list[dict[str, Any]] = [
        {
            "linkId": "pain",
            "text": "Where does it hurt, and how much (0-10)?",
            "item": [
                {
                    "linkId": f"pain.{p.region}",
                    "text": summary.region_label(p.region),
                    "answer": [{"valueInteger": p.intensity}],
                }
                for p in evidence.pain
            ],
        }
    ]
    if evidence.answers:
        items.append(
            {
                "linkId": "answers",
                "text": "Questions",
                "item": [_answer(summary, f, a) for f, a in evidence.answers.items()],
            }
        )
    if evidence.age is not None:
        items.append({"linkId": "age", "text": "Age", "answer": [{"valueInteger": evidence.age}]})
    if evidence.sex is not None:
        items.append({"linkId": "sex", "text": "Sex", "answer": [{"valueString": evidence.sex}]})
    if not evidence.pain:
        items = items[1:]
    return {
        "resourceType": "QuestionnaireResponse",
        "id": _uuid("assessment", assessment.id),
        "meta": {"tag": [{"system": ATLAS_TAG_SYSTEM, "code": assessment.atlas_version}]},
        "identifier": {"system": "https://myomap.org/fhir/assessment", "value": str(assessment.id)},
        "questionnaire": QUESTIONNAIRE,
        "status": "completed",
        "subject": subject(summary),
        "authored": iso(assessment.created_at),
        "item": items,
    }


def fhir_bundle(summary: Summary, *, assessments: list[Assessment] | None = None) -> dict[str, Any]:
    """The Bundle (type collection) as JSON-ready data, validated with fhir.resources."""
    chosen = (
        assessments
        if assessments is not None
        else ([summary.assessment] if summary.assessment else [])
    )
    resources: list[dict[str, Any]] = [patient_resource(summary)]
    for assessment in chosen:
        resources.append(_assessment_resource(summary, assessment))
    for entry in summary.entries:
        resources.extend(_entry_resources(summary, entry))
        resources.extend(checkin_resources(entry, subject(summary)))
    bundle = {
        "resourceType": "Bundle",
        "id": _uuid("bundle", 0, iso(summary.generated_at)),
        "type": "collection",
        "timestamp": iso(summary.generated_at),
        "entry": [{"fullUrl": BASE + r["id"], "resource": r} for r in resources],
    }
    validate_bundle(bundle)
    return bundle


def validate_bundle(data: dict[str, Any]) -> Bundle:
    """Parse with fhir.resources (R4B); raises pydantic's ValidationError if invalid."""
    from fhir.resources.R4B.bundle import Bundle  # ~0.1 s: loaded by the exports only

    return Bundle.model_validate(data)
