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
from myomap.diary.progress import outcome_series, overlap, pain_extent, self_care_effects
from myomap.reports.pdf_bodymap import BodyMaps, intensity_colour
from myomap.reports.pdf_style import FRAME_WIDTH, cell, chart, day, moment, para, section, table
from myomap.reports.summary import Summary
from myomap.reports.wording import care_words

__all__ = ["charts_section", "effects", "glance", "maps", "outcomes", "recent", "treatments"]


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


def _first_latest(values: list[float]) -> str:
    if not values:
        return "—"
    if len(values) == 1:
        return f"{values[0]:.1f} (once)"
    return f"{values[0]:.1f} → {values[-1]:.1f} ({len(values)} check-ins)"


def outcomes(summary: Summary) -> list[Flowable]:
    """PEG and PSFS scores: first → latest, and their chart."""
    series = outcome_series(summary.entries)
    if not series:
        return []
    peg = [v for _, v, _ in series if v is not None]
    psfs = [v for _, _, v in series if v is not None]
    rows: list[list[Any]] = [
        ["Outcome measure", "First → latest score"],
        [
            cell("PEG: pain, enjoyment of life, general activity (0–10, higher is worse)"),
            _first_latest(peg),
        ],
        [cell("PSFS: patient-specific activities (0–10, higher is better)"), _first_latest(psfs)],
    ]
    latest = next((e for e in reversed(summary.entries) if e.psfs), None)
    if latest is not None:
        rated = "; ".join(f"{i.activity} {i.score}" for i in latest.psfs)
        rows.append([cell("PSFS activities at the latest check-in"), cell(rated)])
    return section(
        "Outcome scores",
        table(rows, [FRAME_WIDTH - 60 * mm, 60 * mm]),
        chart(charts.outcomes_chart(summary.entries)),
        whole=True,
    )


def treatments(summary: Summary) -> list[Flowable]:
    """Medicines and treatments recorded: how often, the doses, first and last time."""
    taken: dict[str, list[tuple[Any, str]]] = {}
    for e in summary.entries:
        for t in e.treatments:
            taken.setdefault(t.name, []).append((t.at or e.at, t.dose))
    if not taken:
        return []
    rows: list[list[Any]] = [["Treatment or medicine", "Times", "Doses", "First – last"]]
    for name in sorted(taken, key=lambda n: (-len(taken[n]), n.lower())):
        times = sorted(at for at, _ in taken[name])
        doses = ", ".join(dict.fromkeys(d for _, d in taken[name] if d)) or "—"
        rows.append(
            [cell(name), str(len(times)), cell(doses), f"{day(times[0])} – {day(times[-1])}"]
        )
    return section(
        "Treatments and medicines taken (as recorded by the patient)",
        table(rows, [55 * mm, 14 * mm, FRAME_WIDTH - 119 * mm, 50 * mm]),
    )


def effects(summary: Summary) -> list[Flowable]:
    """Self-care items next to the change in pain at the following entry (no causal claim)."""
    found = [e for e in self_care_effects(summary.entries) if e.count_doing >= 2][:8]
    if not found:
        return []
    rows: list[list[Any]] = [
        ["Done or taken", "Change at next entry after doing (n)", "… after not doing (n)"]
    ]
    for e in found:
        doing = "—" if e.after_doing is None else f"{e.after_doing:+.1f} ({e.count_doing})"
        not_doing = (
            "—" if e.after_not_doing is None else f"{e.after_not_doing:+.1f} ({e.count_not_doing})"
        )
        rows.append([cell(care_words(summary.atlas, e.item, summary.plan)), doing, not_doing])
    return section(
        "Self-care, treatments and the next entry",
        para(
            "Mean change in overall pain from one entry to the next, after the entries where "
            "the patient did or took an item and after those where they did not. This "
            "describes the diary; it does not show that an item caused a change.",
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
