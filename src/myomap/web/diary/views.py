"""What the diary pages show: the entry form's choices, the history's charts and maps, the
self-care table, and saved assessments. Built from the store's records and the reports'
pure functions; the handlers in ``diary_pages.py`` only call these and render.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from markupsafe import Markup, escape

from myomap.atlas import Atlas
from myomap.atlas.figures import VIEWS
from myomap.db import Store
from myomap.diary import Assessment, Entry
from myomap.diary.plan import PlanStep, plan_steps
from myomap.diary.plan import step_label as care_label
from myomap.web.bodymap.figures import pain_figure

__all__ = [
    "HistoryView",
    "MapPair",
    "care_label",
    "entry_when",
    "history_view",
    "inline_svg",
    "latest_plan",
    "where_text",
]

LIST_LIMIT = 200
"""Entries listed on the history page (the charts use them all)."""


_ID = re.compile(r'\bid="([^"]+)"')
_REF = re.compile(r'(href="#|url\(#)([^")]+)')
_PROLOG = re.compile(r"\A.*?(?=<svg)", re.S)
_PLACEHOLDERS = re.compile(r"\s*<(title|desc)>\.\.\.</\1>")


def inline_svg(svg: str, *, prefix: str, label: str) -> Markup:
    """A chart's SVG made fit to sit in a page: no XML prolog or placeholder title, ids made
    unique with ``prefix`` (several charts share ids), and an accessible name."""
    body = _PROLOG.sub("", svg, count=1)
    body = _PLACEHOLDERS.sub("", body)
    body = _ID.sub(lambda m: f'id="{prefix}-{m.group(1)}"', body)
    body = _REF.sub(lambda m: f"{m.group(1)}{prefix}-{m.group(2)}", body)
    body = body.replace("<svg ", f'<svg role="img" aria-label="{escape(label)}" ', 1)
    return Markup(body)


def latest_plan(store: Store) -> list[PlanStep]:
    """The steps of the plan from the latest saved assessment (none without one)."""
    latest = store.latest_assessment()
    return plan_steps(store.atlas, latest.result) if latest else []


def entry_when(at: datetime) -> str:
    """An entry's time in this computer's zone, as a person reads it."""
    return at.astimezone().strftime("%a %d %b %Y, %H:%M")


def where_text(atlas: Atlas, pain: dict[str, int]) -> str:
    """Painful regions, most painful first: "Low back beside the spine (right) 6, …"."""
    ranked = sorted(pain.items(), key=lambda kv: (-kv[1], kv[0]))
    labels = atlas.regions
    return ", ".join(f"{labels[r].label if r in labels else r} {i}" for r, i in ranked if i)


@dataclass(frozen=True)
class MapPair:
    """The first and latest pain maps, side by side, and how much they overlap."""

    first: Entry
    latest: Entry
    first_figures: list[Markup]
    latest_figures: list[Markup]
    first_extent: float
    latest_extent: float
    overlap: float


@dataclass(frozen=True)
class HistoryView:
    entries: list[Entry]
    shown: list[Entry]
    charts: dict[str, Markup]
    maps: MapPair | None
    effects: list[dict[str, Any]]


def _figures(entry: Entry, name: str) -> list[Markup]:
    when = entry_when(entry.at)
    return [pain_figure(v, f"{name} pain map, {when}, {v} view", entry.pain) for v in VIEWS]


def _maps(entries: Sequence[Entry]) -> MapPair | None:
    from myomap.diary.progress import overlap, pain_extent

    if len(entries) < 2:
        return None
    first, latest = entries[0], entries[-1]
    return MapPair(
        first=first,
        latest=latest,
        first_figures=_figures(first, "First"),
        latest_figures=_figures(latest, "Latest"),
        first_extent=pain_extent(first.pain),
        latest_extent=pain_extent(latest.pain),
        overlap=overlap(first.pain, latest.pain),
    )


def _signed(value: float | None) -> str:
    return "—" if value is None else f"{value:+.1f}"


def _effects(
    atlas: Atlas, entries: Sequence[Entry], plan: Sequence[PlanStep]
) -> list[dict[str, Any]]:
    from myomap.diary.progress import self_care_effects

    return [
        {
            "item": care_label(atlas, e.item, plan),
            "doing": _signed(e.after_doing),
            "count_doing": e.count_doing,
            "not_doing": _signed(e.after_not_doing),
            "count_not_doing": e.count_not_doing,
        }
        for e in self_care_effects(entries)
    ]


def _charts(atlas: Atlas, entries: Sequence[Entry]) -> dict[str, Markup]:
    import myomap.reports.charts as charts
    from myomap.reports.plot import svg

    labels = {r.id: r.label for r in atlas.regions.values()}
    return {
        "overall": inline_svg(
            svg(charts.overall_chart(entries)),
            prefix="overall",
            label="Chart of overall pain (0 to 10) by day: daily mean, lowest to highest, "
            "and each entry",
        ),
        "regions": inline_svg(
            svg(charts.regions_chart(entries, labels=labels)),
            prefix="regions",
            label="Chart of the most painful regions by day (daily mean intensity, 0 to 10)",
        ),
        "outcomes": inline_svg(
            svg(charts.outcomes_chart(entries)),
            prefix="outcomes",
            label="Chart of the PEG and activity (PSFS) scores at each check-in, 0 to 10",
        )
        if any(e.peg or e.psfs for e in entries)
        else Markup(""),
        "extent": inline_svg(
            svg(charts.extent_chart(entries)),
            prefix="extent",
            label="Chart of the share of the body marked painful at each entry, in percent",
        ),
    }


def history_view(atlas: Atlas, entries: list[Entry], plan: Sequence[PlanStep]) -> HistoryView:
    """Everything the history page shows, from the entries oldest first."""
    return HistoryView(
        entries=entries,
        shown=entries[::-1][:LIST_LIMIT],
        charts=_charts(atlas, entries) if entries else {},
        maps=_maps(entries),
        effects=_effects(atlas, entries, plan),
    )


def top_muscles(assessment: Assessment, count: int = 3) -> str:
    """The leading candidates of a saved assessment, for a list."""
    if assessment.result.triage.hide_muscle_advice:
        return "— (warning signs first)"
    names = [
        f"{c.name} ({c.side})"
        + ("" if c.probability is None else f" {round(100 * c.probability)}%")
        for c in assessment.result.candidates[:count]
    ]
    return ", ".join(names) or "—"
