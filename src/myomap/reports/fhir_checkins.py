"""FHIR resources for a diary entry's check-ins: the PEG and the PSFS as
QuestionnaireResponses, each treatment as a MedicationStatement. Every one refers to the
bundle's Patient (``subject``)."""

from __future__ import annotations

import uuid
from typing import Any

from myomap.diary.entry import Entry, iso
from myomap.diary.outcomes import PEG_ITEMS, Treatment, psfs_score

__all__ = ["PEG_QUESTIONNAIRE", "PSFS_QUESTIONNAIRE", "checkin_resources"]

PEG_QUESTIONNAIRE = "https://myomap.org/fhir/Questionnaire/peg"
PSFS_QUESTIONNAIRE = "https://myomap.org/fhir/Questionnaire/psfs"
TREATMENT_SYSTEM = "https://myomap.org/fhir/diary-treatment"


def _uuid(entry: Entry, what: str) -> str:
    return str(uuid.uuid5(uuid.NAMESPACE_URL, f"https://myomap.org/entry/{entry.id}/{what}"))


def _response(
    entry: Entry, what: str, questionnaire: str, items: list[dict[str, Any]], subject: Any
) -> dict[str, Any]:
    return {
        "resourceType": "QuestionnaireResponse",
        "id": _uuid(entry, what),
        "questionnaire": questionnaire,
        "status": "completed",
        "subject": subject,
        "authored": iso(entry.at),
        "item": items,
    }


def _integer(link: str, text: str, value: int) -> dict[str, Any]:
    return {"linkId": link, "text": text, "answer": [{"valueInteger": value}]}


def _score(link: str, text: str, value: float) -> dict[str, Any]:
    return {"linkId": link, "text": text, "answer": [{"valueDecimal": value}]}


def _peg(entry: Entry, subject: Any) -> list[dict[str, Any]]:
    if entry.peg is None:
        return []
    items = [_integer(f"peg.{k}", q, getattr(entry.peg, k)) for k, q in PEG_ITEMS.items()]
    items.append(_score("peg.score", "PEG score (mean of the three items, 0-10)", entry.peg.score))
    return [_response(entry, "peg", PEG_QUESTIONNAIRE, items, subject)]


def _psfs(entry: Entry, subject: Any) -> list[dict[str, Any]]:
    score = psfs_score(entry.psfs)
    if score is None:
        return []
    items = [
        {
            "linkId": f"psfs.{n}",
            "text": "Activity and how well it can be done (0 unable, 10 as before)",
            "item": [
                {"linkId": f"psfs.{n}.activity", "answer": [{"valueString": i.activity}]},
                _integer(f"psfs.{n}.score", "Rating, 0-10", i.score),
            ],
        }
        for n, i in enumerate(entry.psfs)
    ]
    items.append(_score("psfs.score", "PSFS score (mean of the ratings, 0-10)", score))
    return [_response(entry, "psfs", PSFS_QUESTIONNAIRE, items, subject)]


def _statement(entry: Entry, n: int, t: Treatment, subject: Any) -> dict[str, Any]:
    resource: dict[str, Any] = {
        "resourceType": "MedicationStatement",
        "id": _uuid(entry, f"treatment/{n}"),
        "identifier": [{"system": TREATMENT_SYSTEM, "value": f"{entry.id}/{n}"}],
        "status": "completed",
        "medicationCodeableConcept": {"text": t.name},
        "subject": subject,
        "effectiveDateTime": iso(t.at or entry.at),
        "dateAsserted": iso(entry.at),
    }
    if t.dose:
        resource["dosage"] = [{"text": t.dose}]
    if t.note:
        resource["note"] = [{"text": t.note}]
    return resource


def checkin_resources(entry: Entry, subject: Any) -> list[dict[str, Any]]:
    """The entry's PEG, PSFS and treatments as FHIR resources (none if it has none)."""
    statements = [_statement(entry, n, t, subject) for n, t in enumerate(entry.treatments)]
    return [*_peg(entry, subject), *_psfs(entry, subject), *statements]
