"""Reports: one Summary of a person's diary and latest assessment, many renderings.

build_summary(store)      -> Summary
render_pdf(summary)       -> bytes   (the clinician's report)
fhir_bundle(summary)      -> dict    (FHIR R4B Bundle, validated with fhir.resources)
entries_csv(entries)      -> str
plan_calendar(plan)       -> bytes   (iCalendar reminders)
progress.* and charts.*   the numbers and SVG charts behind the diary pages

The names are imported on first use, so ``myomap.diary.plan`` (which the web pages need)
does not load matplotlib and reportlab.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from myomap.diary.plan import PlanStep, plan_steps
    from myomap.reports.calendar import plan_calendar
    from myomap.reports.csv_export import entries_csv
    from myomap.reports.fhir import fhir_bundle
    from myomap.reports.pdf import render_pdf
    from myomap.reports.summary import Summary, build_summary

__all__ = [
    "PlanStep",
    "Summary",
    "build_summary",
    "entries_csv",
    "fhir_bundle",
    "plan_calendar",
    "plan_steps",
    "render_pdf",
]

_HOMES = {
    "PlanStep": "plan",
    "Summary": "summary",
    "build_summary": "summary",
    "entries_csv": "csv_export",
    "fhir_bundle": "fhir",
    "plan_calendar": "calendar",
    "plan_steps": "plan",
    "render_pdf": "pdf",
}


def __getattr__(name: str) -> Any:
    if name not in _HOMES:
        raise AttributeError(f"module 'myomap.reports' has no attribute {name!r}")
    return getattr(importlib.import_module(f"myomap.reports.{_HOMES[name]}"), name)
