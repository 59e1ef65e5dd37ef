"""The diary's HTML pages: add an entry, history with charts, saved assessments, downloads.

Every handler gets its store through ``StoreDep`` (in server mode, the signed-in person's
diary). Writes go through the JSON API in ``diary_api.py``, called by the pages' scripts.
"""

from __future__ import annotations

import json
from datetime import datetime, time
from typing import TYPE_CHECKING, Annotated
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse, Response
from markupsafe import Markup

from myomap.atlas.figures import VIEWS
from myomap.db import Store
from myomap.diary import QUALITIES
from myomap.engine.urgency import LEVEL_WORDS
from myomap.errors import EvidenceError
from myomap.web.bodymap.figures import VIEW_LABELS, interactive_figure, pain_figure
from myomap.web.bodymap.views import region_data, region_groups
from myomap.web.diary.files import attachment
from myomap.web.diary.views import (
    care_label,
    entry_when,
    history_view,
    latest_plan,
    top_muscles,
    where_text,
)
from myomap.web.platform.deps import StateDep, StoreDep
from myomap.web.platform.render import render

if TYPE_CHECKING:  # sharing (and the password checks it imports) loads with the page
    from myomap.accounts.sharing import Note

__all__ = ["router"]

router = APIRouter(include_in_schema=False, default_response_class=HTMLResponse)


def _script_json(data: object) -> Markup:
    """JSON for a <script type="application/json"> block (no way to close the tag)."""
    return Markup(json.dumps(data, separators=(",", ":")).replace("<", "\\u003c"))


def _helpers() -> dict[str, object]:
    return {
        "when": entry_when,
        "level_words": LEVEL_WORDS,
        "top_muscles": top_muscles,
    }


@router.get("/diary")
def diary_page(
    request: Request,
    state: StateDep,
    store: StoreDep,
    edit: Annotated[int | None, Query(description="id of an entry to change")] = None,
    blank: Annotated[bool, Query(description="start from a blank map")] = False,
) -> Response:
    from myomap.db.checkins import past_treatments
    from myomap.diary.outcomes import PEG_ITEMS

    atlas = state.atlas
    entry = store.get_entry(edit) if edit is not None else None
    start = (
        None
        if entry is not None or blank
        else next(iter(store.list_entries(newest_first=True, limit=1)), None)
    )
    plan = latest_plan(store)
    regions = region_data(atlas, "label")
    return render(
        state,
        request,
        "diary.html",
        nav="diary",
        sub="diary",
        figures=[(v, VIEW_LABELS[v], interactive_figure(atlas, v)) for v in VIEWS],
        groups=region_groups(atlas),
        qualities=QUALITIES,
        plan=plan,
        entry=entry,
        regions_json=_script_json(regions),
        entry_json=_script_json(entry.model_dump(mode="json") if entry else None),
        plan_ids_json=_script_json([s.id for s in plan]),
        past_treatments=past_treatments(store),
        peg_items=list(PEG_ITEMS.items()),
        start=start,
        start_when=entry_when(start.at) if start else "",
        start_json=_script_json(
            {"pain": start.pain, "psfs": [i.activity for i in start.psfs]} if start else None
        ),
    )


@router.get("/history")
@router.get("/diary/history")
def history_page(
    request: Request,
    state: StateDep,
    store: StoreDep,
    deleted: Annotated[int | None, Query(description="an entry just deleted")] = None,
) -> Response:
    plan = latest_plan(store)
    view = history_view(state.atlas, store.list_entries(), plan)
    gone = store.get_entry(deleted, include_deleted=True) if deleted is not None else None
    return render(
        state,
        request,
        "history.html",
        nav="history",
        sub="history",
        view=view,
        deleted=gone if gone is not None and gone.deleted_at is not None else None,
        where=lambda pain: where_text(state.atlas, pain),
        care=lambda item: care_label(state.atlas, item, plan),
        clinician_notes=_shared_notes(request, store),
        **_helpers(),
    )


def _shared_notes(request: Request, store: Store) -> list[tuple[datetime, Note]]:
    """The notes clinicians chose to share with this person (with the date of the
    assessment each is about), newest first; private notes never reach this page."""
    from myomap.accounts.sharing import Sharing

    dates = {a.id: a.created_at for a in store.list_assessments()}
    shared = Sharing(request.app.state.myomap.store()).shared_notes(store.owner_id)
    notes = [(dates[aid], n) for aid, ns in shared.items() if aid in dates for n in ns]
    return sorted(notes, key=lambda pair: pair[1].created_at, reverse=True)


@router.get("/assessments")
def assessments_page(request: Request, state: StateDep, store: StoreDep) -> Response:
    return render(
        state,
        request,
        "assessments.html",
        sub="assessments",
        assessments=store.list_assessments(),
        **_helpers(),
    )


@router.get("/assessments/{assessment_id}")
def assessment_page(
    assessment_id: int, request: Request, state: StateDep, store: StoreDep
) -> Response:
    saved = store.get_assessment(assessment_id)
    painful = saved.evidence.painful()
    title = f"Pain map of assessment {saved.id}"
    return render(
        state,
        request,
        "assessment_detail.html",
        sub="assessments",
        a=saved,
        figures=[pain_figure(v, f"{title}, {v} view", painful) for v in VIEWS],
        where=where_text(state.atlas, painful),
        questions={f.id: f.question for f in state.atlas.findings.values()},
        **_helpers(),
    )


@router.get("/assessments/{assessment_id}/rerun")
def rerun_page(assessment_id: int, request: Request, state: StateDep, store: StoreDep) -> Response:
    rerun = store.rerun_assessment(assessment_id, model=state.model)
    return render(
        state, request, "assessments_rerun.html", sub="assessments", rerun=rerun, **_helpers()
    )


# -- downloads -----------------------------------------------------------------------------


@router.get("/downloads")
def downloads_page(request: Request, state: StateDep, store: StoreDep) -> Response:
    return render(
        state,
        request,
        "downloads.html",
        sub="downloads",
        counts=store.counts(),
        has_plan=bool(latest_plan(store)),
    )


@router.get("/downloads/report.pdf")
def report_pdf(
    store: StoreDep,
    name: Annotated[str, Query(max_length=120, description="name on the report")] = "",
) -> Response:
    from myomap.reports.pdf import render_pdf
    from myomap.reports.summary import build_summary

    pdf = render_pdf(build_summary(store, name=name or None))
    return attachment(pdf, "application/pdf", "report", "pdf")


@router.get("/downloads/fhir.json")
def report_fhir(store: StoreDep) -> Response:
    from myomap.reports.fhir import fhir_bundle
    from myomap.reports.summary import build_summary

    bundle = fhir_bundle(build_summary(store), assessments=store.list_assessments()[::-1])
    text = json.dumps(bundle, ensure_ascii=False, indent=1) + "\n"
    return attachment(text, "application/fhir+json", "fhir", "json")


@router.get("/downloads/diary.json")
def export_json(store: StoreDep) -> Response:
    return attachment(store.export_all().to_json(), "application/json", "diary", "json")


@router.get("/downloads/diary.csv")
def export_csv(store: StoreDep) -> Response:
    from myomap.reports.csv_export import entries_csv

    return attachment(entries_csv(store.list_entries()), "text/csv; charset=utf-8", "diary", "csv")


def _zone(name: str) -> str:
    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError, OSError):  # OSError: a name too long for a path
        raise EvidenceError(
            f"Unknown time zone {name[:60]!r}: use a name such as Europe/Paris or UTC.",
            field="zone",
            value=name[:60],
        ) from None
    return name


@router.get("/downloads/plan.ics")
def plan_ics(
    request: Request,
    store: StoreDep,
    zone: Annotated[str, Query(description="IANA time zone of the reminder")] = "UTC",
    at: Annotated[time, Query(description="time of day of the reminder, HH:MM")] = time(20, 0),
) -> Response:
    """One daily reminder to log the day's pain (and the plan's steps), from its next
    occurrence."""
    from myomap.diary.when import now
    from myomap.reports.calendar import daily_reminder

    calendar = daily_reminder(
        latest_plan(store),
        at=at.replace(second=0, microsecond=0, tzinfo=None),
        zone=_zone(zone),
        now=now(),
        link=str(request.url_for("diary_page")),
    )
    return attachment(calendar, "text/calendar", "reminder", "ics")
