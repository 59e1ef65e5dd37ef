"""The diary and saved assessments as JSON, under /api/v1: what the diary pages' scripts call.

    POST   /api/v1/diary                  add an entry            -> 201, the entry with its id
    GET    /api/v1/diary                  entries, newest first
    GET    /api/v1/diary/{id}             one entry
    PUT    /api/v1/diary/{id}             change the fields given; the others stay
    DELETE /api/v1/diary/{id}             delete (soft)           -> the entry, deleted_at set
    POST   /api/v1/diary/{id}/restore     undo a delete
    POST   /api/v1/diary/import           load a JSON export (the body is the file)
    POST   /api/v1/assessments            save {evidence, note}; the result is computed here
    GET    /api/v1/assessments            saved assessments, newest first
    GET    /api/v1/assessments/{id}       one; DELETE removes it
    GET    /api/v1/assessments/{id}/rerun the old evidence on today's atlas: what changed

Every handler gets its store through ``StoreDep`` (scoped to the signed-in person in server
mode). Values are checked by the store; an error names the field and nothing is stored.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import JSONResponse
from pydantic import BaseModel, ConfigDict, Field

from myomap.db import Store
from myomap.diary import Assessment, Entry, Rerun
from myomap.diary.outcomes import Peg, PsfsItem, Treatment
from myomap.diary.snapshot import parse_snapshot
from myomap.engine import Evidence, Model, rank
from myomap.errors import EvidenceError
from myomap.web.platform.deps import StateDep, StoreDep

__all__ = ["EntryChanges", "EntryIn", "NewAssessment", "router"]

router = APIRouter(prefix="/api/v1", tags=["diary"])

MAX_IMPORT = 50 * 1024 * 1024
"""Bytes of a JSON export the import accepts."""


class EntryIn(BaseModel):
    """A new diary entry. ``at`` is ISO-8601 (default: now); a time without a zone is the
    server's local time."""

    model_config = ConfigDict(extra="forbid", strict=True)  # "5" is not 5

    at: str | None = Field(default=None, examples=["2025-03-01T08:30:00+01:00"])
    overall: int = Field(description="overall pain, 0 (none) to 10 (worst imaginable)")
    pain: dict[str, int] = Field(default_factory=dict, description="region id -> intensity 0 to 10")
    quality: list[str] = Field(default_factory=list, description="aching, burning, …")
    note: str = ""
    self_care_done: list[str] = Field(
        default_factory=list, description="plan step ids or free text"
    )
    triggers: list[str] = Field(default_factory=list)
    peg: Peg | None = Field(default=None, description="PEG check-in: pain, enjoyment, activity")
    psfs: list[PsfsItem] = Field(
        default_factory=list, description="Patient-Specific Functional Scale: activity, 0-10"
    )
    treatments: list[Treatment] = Field(
        default_factory=list, description="medicines and treatments taken: name, dose, at, note"
    )


class EntryChanges(BaseModel):
    """The fields of an entry to change; fields left out stay as they are."""

    model_config = ConfigDict(extra="forbid", strict=True)  # "5" is not 5

    at: str | None = None
    overall: int | None = None
    pain: dict[str, int] | None = None
    quality: list[str] | None = None
    note: str | None = None
    self_care_done: list[str] | None = None
    triggers: list[str] | None = None
    peg: Peg | None = None
    psfs: list[PsfsItem] | None = None
    treatments: list[Treatment] | None = None


class NewAssessment(BaseModel):
    """What the assessment page has gathered; the server ranks it before saving."""

    model_config = ConfigDict(extra="forbid")

    evidence: Evidence
    note: str = ""


def _json(model: BaseModel, status: int = 200) -> JSONResponse:
    return JSONResponse(model.model_dump(mode="json"), status_code=status)


# -- entries -------------------------------------------------------------------------------


@router.post("/diary", response_model=Entry, status_code=201)
def add_entry(entry: EntryIn, store: StoreDep) -> JSONResponse:
    """Add a diary entry; several a day are fine."""
    return _json(store.add_entry(**entry.model_dump(exclude_none=True)), 201)


@router.get("/diary", response_model=list[Entry])
def list_entries(
    store: StoreDep,
    since: Annotated[str | None, Query(description="ISO-8601: entries from then on")] = None,
    until: Annotated[str | None, Query(description="ISO-8601: entries up to then")] = None,
    limit: Annotated[int | None, Query(ge=1, le=100_000)] = None,
) -> list[Entry]:
    """Diary entries, newest first."""
    return store.list_entries(since=since, until=until, limit=limit, newest_first=True)


@router.get("/diary/{entry_id}", response_model=Entry)
def get_entry(entry_id: int, store: StoreDep) -> Entry:
    return store.get_entry(entry_id)


@router.put("/diary/{entry_id}", response_model=Entry)
def update_entry(entry_id: int, changes: EntryChanges, store: StoreDep) -> Entry:
    """Change the fields given; the others stay as they are."""
    given = changes.model_dump(exclude_unset=True)
    # null leaves a field as it is, except the PEG, where null removes the check-in
    fields = {k: v for k, v in given.items() if v is not None or k == "peg"}
    return store.update_entry(entry_id, **fields)


@router.delete("/diary/{entry_id}", response_model=Entry)
def delete_entry(entry_id: int, store: StoreDep) -> Entry:
    """Delete an entry; ``POST /api/v1/diary/{id}/restore`` brings it back."""
    return store.delete_entry(entry_id)


@router.post("/diary/{entry_id}/restore", response_model=Entry)
def restore_entry(entry_id: int, store: StoreDep) -> Entry:
    """Undo a delete."""
    return store.restore_entry(entry_id)


def _import(store: Store, body: bytes, replace: bool, model: Model) -> dict[str, int]:
    try:
        text = body.decode("utf-8")
    except UnicodeDecodeError:
        raise EvidenceError(
            "The file is not a myomap diary export (it is not UTF-8 text); nothing was imported.",
            field="file",
        ) from None
    snapshot = parse_snapshot(text, source="The file")
    if not replace and not store.is_empty():
        raise EvidenceError(
            "Your diary already holds entries or assessments, and importing would mix two "
            "diaries. Choose “Replace everything” to import this file instead of them; "
            "nothing was imported.",
            field="replace",
        )
    return store.import_all(snapshot, replace=replace, model=model)


@router.post("/diary/import")
async def import_diary(
    request: Request,
    state: StateDep,
    store: StoreDep,
    replace: Annotated[bool, Query(description="replace everything in the diary")] = False,
) -> dict[str, int]:
    """Load a JSON export (the request body is the file). A corrupt or foreign file is
    refused with its first problem named, and nothing is stored."""
    body = await request.body()
    if len(body) > MAX_IMPORT:
        raise EvidenceError("The file is larger than 50 MB; nothing was imported.", field="file")
    return await run_in_threadpool(_import, store, body, replace, state.model)


# -- assessments ---------------------------------------------------------------------------


@router.post("/assessments", response_model=Assessment, status_code=201)
def save_assessment(new: NewAssessment, state: StateDep, store: StoreDep) -> JSONResponse:
    """Rank the evidence on today's atlas and keep both, with the atlas version."""
    saved = store.save_assessment(
        evidence=new.evidence, result=rank(state.model, new.evidence), note=new.note
    )
    return _json(saved, 201)


@router.get("/assessments", response_model=list[Assessment])
def list_assessments(
    store: StoreDep, limit: Annotated[int | None, Query(ge=1, le=10_000)] = None
) -> JSONResponse:
    """Saved assessments, newest first."""
    saved = store.list_assessments(limit=limit)
    return JSONResponse([a.model_dump(mode="json") for a in saved])


@router.get("/assessments/{assessment_id}", response_model=Assessment)
def get_assessment(assessment_id: int, store: StoreDep) -> JSONResponse:
    return _json(store.get_assessment(assessment_id))


@router.delete("/assessments/{assessment_id}", response_model=Assessment)
def delete_assessment(assessment_id: int, store: StoreDep) -> JSONResponse:
    """Remove a saved assessment for good."""
    return _json(store.delete_assessment(assessment_id))


@router.get("/assessments/{assessment_id}/rerun", response_model=Rerun)
def rerun_assessment(assessment_id: int, state: StateDep, store: StoreDep) -> JSONResponse:
    """The saved evidence ranked on today's atlas: candidates added, removed, moved."""
    return _json(store.rerun_assessment(assessment_id, model=state.model))
