"""The diary part of the PDF: numbers at a glance, pain maps, charts, self-care next to the
following entry, and the latest entries."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import timedelta
from statistics import fmean
from typing import Any

from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Table, TableStyle

import myomap.reports.charts as charts
from myomap.diary.entry import Entry
from myomap.diary.progress import overlap, pain_extent, self_care_effects
from myomap.reports.pdf_bodymap import BodyMaps, intensity_colour
from myomap.reports.pdf_style import FRAME_WIDTH, cell, chart, day, moment, para, section, table
from myomap.reports.summary import Summary
from myomap.reports.wording import care_words

__all__ = ["charts_section", "effects", "glance", "maps", "recent"]


def _week_mean(entries: Sequence[Entry], *, first: bool) -> float:
    edge = entries[0].at if first else entries[-1].at
    week = timedelta(days=7)
    return fmean(
        e.overall for e in entries if (e.at < edge + week if first else e.at > edge - week)
    )


def glance(summary: Summary) -> list[Flowable]:
    """The diary in five numbers."""
    entries = summary.entries
    if not entries:
        return section("Diary at a glance", para("No diary entries in this period."))
    first, last = entries[0], entries[-1]
    days = len({e.at.astimezone().date() for e in entries})
    long_enough = last.at - first.at >= timedelta(days=14)
    trend = (
        f"{_week_mean(entries, first=True):.1f} → {_week_mean(entries, first=False):.1f}"
        if long_enough
        else "— (the diary spans less than two weeks)"
    )
    rows = [
        ["Diary entries", f"{len(entries)} on {days} day(s), {day(first.at)} – {day(last.at)}"],
        ["Overall pain, first week → last week (mean, 0–10)", trend],
        ["Overall pain, first → latest entry (0–10)", f"{first.overall} → {last.overall}"],
        [
            "Body area marked painful, first → latest",
            f"{100 * pain_extent(first.pain):.1f}% → {100 * pain_extent(last.pain):.1f}%",
        ],
        [
            "Overlap of first and latest pain maps (Jaccard, by area)",
            f"{100 * overlap(first.pain, last.pain):.0f}%",
        ],
    ]
    cells = [[cell(a), cell(b)] for a, b in rows]
    return section(
        "Diary at a glance",
        table(cells, [95 * mm, FRAME_WIDTH - 95 * mm], header=False),
        whole=True,
    )


def _legend() -> Table:
    built = Table(
        [["pain 0–10:", *[str(i) for i in range(1, 11)]]],
        colWidths=[18 * mm] + [6 * mm] * 10,
        rowHeights=9,
    )
    style: list[Any] = [
        ("FONTSIZE", (0, 0), (-1, -1), 6.5),
        ("ALIGN", (1, 0), (-1, -1), "CENTER"),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("TOPPADDING", (0, 0), (-1, -1), 0),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 1),
    ]
    for i in range(1, 11):
        style.append(("BACKGROUND", (i, 0), (i, 0), intensity_colour(i)))
        if i >= 6:
            style.append(("TEXTCOLOR", (i, 0), (i, 0), colors.white))
    built.setStyle(TableStyle(style))
    return built


def maps(summary: Summary) -> list[Flowable]:
    """First and latest pain maps (or the assessment's), front and back, R/L marked."""
    entries = summary.entries
    chosen: list[tuple[str, dict[str, int]]] = []
    if len(entries) > 1:
        chosen.append((f"First entry, {day(entries[0].at)}", entries[0].pain))
    if entries:
        chosen.append((f"Latest entry, {day(entries[-1].at)}", entries[-1].pain))
    if summary.assessment is not None and len(chosen) < 2:
        a = summary.assessment
        chosen.append((f"Assessment, {day(a.created_at)}", a.evidence.painful()))
    if not chosen:
        return []
    note = para("R and L are the patient's right and left.", "small")
    return section("Pain maps", BodyMaps(chosen, height=62 * mm), _legend(), note, whole=True)


def charts_section(summary: Summary) -> list[Flowable]:
    """Overall pain over time (with treatment markers) and the most painful regions."""
    if not summary.entries:
        return []
    labels = {r: summary.region_label(r) for e in summary.entries for r in e.pain}
    return [
        *section(
            "Overall pain over time", chart(charts.overall_chart(summary.entries)), whole=True
        ),
        *section(
            "Most painful regions over time (daily mean)",
            chart(charts.regions_chart(summary.entries, labels=labels)),
            whole=True,
        ),
    ]


def effects(summary: Summary) -> list[Flowable]:
    """Self-care items next to the change in pain at the following entry (no causal claim)."""
    found = [e for e in self_care_effects(summary.entries) if e.count_doing >= 2][:8]
    if not found:
        return []
    rows: list[list[Any]] = [
        ["Self-care done", "Change at next entry after doing (n)", "… after not doing (n)"]
    ]
    for e in found:
        doing = "—" if e.after_doing is None else f"{e.after_doing:+.1f} ({e.count_doing})"
        not_doing = (
            "—" if e.after_not_doing is None else f"{e.after_not_doing:+.1f} ({e.count_not_doing})"
        )
        rows.append([cell(care_words(summary.atlas, e.item, summary.plan)), doing, not_doing])
    return section(
        "Self-care and the next entry",
        para(
            "Mean change in overall pain from one entry to the next, after the entries where "
            "the patient did an item and after those where they did not. This describes the "
            "diary; it does not show that an item caused a change.",
            "small",
        ),
        table(rows, [FRAME_WIDTH - 100 * mm, 50 * mm, 50 * mm]),
    )


def recent(summary: Summary, limit: int = 20) -> list[Flowable]:
    """The latest entries, newest first."""
    entries = summary.entries[-limit:][::-1]
    if not entries:
        return []
    rows: list[list[Any]] = [["When", "Overall", "Where (intensity)", "Note, self-care"]]
    for e in entries:
        ranked = sorted(e.pain.items(), key=lambda kv: (-kv[1], kv[0]))
        where = ", ".join(f"{summary.region_label(r)} {i}" for r, i in ranked if i)
        done = [care_words(summary.atlas, c, summary.plan) for c in e.self_care_done]
        note = "; ".join(x for x in [", ".join(e.quality), e.note, "; ".join(done)] if x)
        rows.append([moment(e.at), str(e.overall), cell(where), cell(note)])
    many = len(summary.entries) > limit
    title = f"Latest {len(entries)} diary entries" if many else "Diary entries"
    return section(title, table(rows, [30 * mm, 14 * mm, 62 * mm, FRAME_WIDTH - 106 * mm]))
