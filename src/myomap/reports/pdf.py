"""The clinician's PDF: pain maps, diary charts, the latest assessment and the plan.

Charts are the SVG of ``charts.py`` converted to vector drawings (svglib); body maps are
drawn from the figures' paths (``pdf_bodymap.py``).
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from datetime import datetime, timedelta
from statistics import fmean
from typing import Any
from xml.sax.saxutils import escape

from reportlab.graphics.shapes import Drawing
from reportlab.lib import colors
from reportlab.lib.enums import TA_LEFT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle, getSampleStyleSheet
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    CondPageBreak,
    KeepTogether,
    Paragraph,
    SimpleDocTemplate,
    Spacer,
    Table,
    TableStyle,
)
from svglib.svglib import svg2rlg

import myomap.reports.charts as charts
from myomap.diary.entry import Entry
from myomap.diary.plan import step_label
from myomap.diary.progress import overlap, pain_extent, self_care_effects
from myomap.engine.triage import LEVEL_WORDS
from myomap.reports.pdf_bodymap import BodyMaps, intensity_colour
from myomap.reports.summary import Summary

__all__ = ["render_pdf"]

MARGIN = 16 * mm
FRAME_WIDTH = A4[0] - 2 * MARGIN
LEVEL_COLOURS = {
    "self_care": "#1e8449",
    "see_doctor": "#b9770e",
    "urgent": "#c0392b",
    "emergency": "#922b21",
}
GRID = colors.HexColor("#d5d8dc")
HEAD = colors.HexColor("#eef1f4")


def _styles() -> dict[str, ParagraphStyle]:
    base = getSampleStyleSheet()
    body = ParagraphStyle("body", parent=base["BodyText"], fontSize=9, leading=12)
    return {
        "title": ParagraphStyle(
            "title", parent=base["Title"], fontSize=18, alignment=TA_LEFT, spaceAfter=2
        ),
        "h2": ParagraphStyle(
            "h2", parent=base["Heading2"], fontSize=12.5, spaceBefore=10, spaceAfter=4
        ),
        "body": body,
        "small": ParagraphStyle(
            "small", parent=body, fontSize=7.5, leading=9.5, textColor=colors.HexColor("#5d6d7e")
        ),
        "cell": ParagraphStyle("cell", parent=body, fontSize=7.8, leading=9.6),
    }


S = _styles()


def _p(text: str, style: str = "body") -> Paragraph:
    return Paragraph(text, S[style])


def _cell(text: str) -> Paragraph:
    return Paragraph(escape(text), S["cell"])


def _date(at: datetime) -> str:
    return at.astimezone().strftime("%d %b %Y")


def _datetime(at: datetime) -> str:
    return at.astimezone().strftime("%d %b %Y %H:%M")


def _chart(svg: str) -> Drawing:
    drawing = svg2rlg(io.BytesIO(svg.encode("utf-8")))
    assert drawing is not None
    factor = FRAME_WIDTH / drawing.width
    drawing.width, drawing.height = drawing.width * factor, drawing.height * factor
    drawing.scale(factor, factor)
    return drawing


def _table(rows: list[list[Any]], widths: Sequence[float], *, header: bool = True) -> Table:
    table = Table(rows, colWidths=list(widths), repeatRows=1 if header else 0)
    style: list[Any] = [
        ("GRID", (0, 0), (-1, -1), 0.4, GRID),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("FONTSIZE", (0, 0), (-1, -1), 8),
        ("TOPPADDING", (0, 0), (-1, -1), 2.5),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 2.5),
    ]
    if header:
        style += [
            ("BACKGROUND", (0, 0), (-1, 0), HEAD),
            ("FONTNAME", (0, 0), (-1, 0), "Helvetica-Bold"),
        ]
    table.setStyle(TableStyle(style))
    return table


def _week_mean(entries: Sequence[Entry], *, first: bool) -> float | None:
    if not entries:
        return None
    edge = entries[0].at if first else entries[-1].at
    week = timedelta(days=7)
    chosen = [e.overall for e in entries if (e.at < edge + week if first else e.at > edge - week)]
    return fmean(chosen)


def _glance(summary: Summary) -> list[Any]:
    entries = summary.entries
    if not entries:
        return [_p("No diary entries in this period.")]
    first, last = entries[0], entries[-1]
    days = len({e.at.astimezone().date() for e in entries})
    start, end = _week_mean(entries, first=True), _week_mean(entries, first=False)
    rows = [
        ["Diary entries", f"{len(entries)} on {days} day(s), {_date(first.at)} – {_date(last.at)}"],
        [
            "Overall pain, first week → last week (mean, 0–10)",
            f"{start:.1f} → {end:.1f}"
            if last.at - first.at >= timedelta(days=14)
            else "— (the diary spans less than two weeks)",
        ],
        ["Overall pain, first → latest entry", f"{first.overall} → {last.overall}"],
        [
            "Body area marked painful, first → latest",
            f"{100 * pain_extent(first.pain):.1f}% → {100 * pain_extent(last.pain):.1f}%",
        ],
        [
            "Overlap of first and latest pain maps (Jaccard, by area)",
            f"{100 * overlap(first.pain, last.pain):.0f}%",
        ],
    ]
    return [
        _table(
            [[_cell(a), _cell(b)] for a, b in rows], [95 * mm, FRAME_WIDTH - 95 * mm], header=False
        )
    ]


def _legend() -> Table:
    cells = [""] + [str(i) for i in range(1, 11)]
    table = Table([["pain", *cells[1:]]], colWidths=[12 * mm] + [6 * mm] * 10, rowHeights=9)
    style = [
        ("FONTSIZE", (0, 0), (-1, -1), 6.5),
        ("ALIGN", (0, 0), (-1, -1), "CENTER"),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("TOPPADDING", (0, 0), (-1, -1), 0),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 1),
    ]
    for i in range(1, 11):
        style.append(("BACKGROUND", (i, 0), (i, 0), intensity_colour(i)))
        if i >= 6:
            style.append(("TEXTCOLOR", (i, 0), (i, 0), colors.white))
    table.setStyle(TableStyle(style))
    return table


def _maps(summary: Summary) -> list[Any]:
    entries = summary.entries
    maps: list[tuple[str, dict[str, int]]] = []
    if entries:
        if len(entries) > 1:
            maps.append((f"First entry, {_date(entries[0].at)}", entries[0].pain))
        maps.append((f"Latest entry, {_date(entries[-1].at)}", entries[-1].pain))
    if summary.assessment is not None and len(maps) < 2:
        maps.append(
            (
                f"Assessment, {_date(summary.assessment.created_at)}",
                summary.assessment.evidence.painful(),
            )
        )
    if not maps:
        return []
    return [KeepTogether([_p("Pain maps", "h2"), BodyMaps(maps, height=62 * mm), _legend()])]


def _diary(summary: Summary) -> list[Any]:
    if not summary.entries:
        return []
    labels = {r: summary.region_label(r) for e in summary.entries for r in e.pain}
    return [
        CondPageBreak(80 * mm),
        _p("Overall pain over time", "h2"),
        _chart(charts.overall_chart(summary.entries)),
        KeepTogether(
            [
                _p("Most painful regions over time (daily mean)", "h2"),
                _chart(charts.regions_chart(summary.entries, labels=labels)),
            ]
        ),
    ]


def _reasons(summary: Summary, candidate: Any) -> str:
    zones = ", ".join(
        f"{escape(summary.region_label(z.region))} ({z.role})" for z in candidate.explains
    )
    parts = [f"<b>Explains:</b> {zones or '—'}"]
    if candidate.supporting:
        parts.append(
            "<b>For:</b> "
            + "; ".join(f"{escape(a.question)} – {a.answer}" for a in candidate.supporting[:3])
        )
    if candidate.against:
        parts.append(
            "<b>Against:</b> "
            + "; ".join(f"{escape(a.question)} – {a.answer}" for a in candidate.against[:3])
        )
    return "<br/>".join(parts)


def _assessment(summary: Summary) -> list[Any]:
    a = summary.assessment
    if a is None:
        return [_p("Latest assessment", "h2"), _p("No saved assessment.")]
    triage = a.result.triage
    colour = LEVEL_COLOURS[triage.level]
    out: list[Any] = [
        CondPageBreak(90 * mm),
        _p(f"Latest assessment, {_datetime(a.created_at)}", "h2"),
        _p(
            f"Atlas version {escape(a.atlas_version)}. Evidence: "
            f"{len(a.evidence.painful())} painful region(s), {len(a.evidence.answers)} answer(s)"
            + (f", age {a.evidence.age}" if a.evidence.age is not None else "")
            + (f", {a.evidence.sex}" if a.evidence.sex else "")
            + ".",
            "small",
        ),
        Spacer(1, 4),
        _p(
            f'<font color="{colour}"><b>Triage: {LEVEL_WORDS[triage.level]}.</b></font> '
            f"{escape(triage.message)}"
        ),
    ]
    for reason in triage.reasons:
        out.append(
            _p(
                f"• <b>{escape(reason.title)}</b>: {escape(reason.reason)} "
                f"<i>{escape(reason.action)}</i>"
            )
        )
    answers = summary.triage_answers
    out.append(_p("Warning-sign questions", "h2"))
    if answers:
        asked: list[list[Any]] = [["Question", "Answer"]]
        asked += [[_cell(t.question), t.answer] for t in answers]
        out.append(_table(asked, [FRAME_WIDTH - 25 * mm, 25 * mm]))
    else:
        out.append(_p("None were answered in this assessment."))
    out.append(_p("Muscles whose trigger points may contribute, most likely first", "h2"))
    if triage.hide_muscle_advice:
        out.append(_p("Not shown: the triage calls for emergency care, not muscle treatment."))
        return out
    rows: list[list[Any]] = [["#", "Muscle (side)", "Chance", "Reasons"]]
    for n, c in enumerate(a.result.candidates[:6], start=1):
        chance = "—" if c.probability is None else f"{100 * c.probability:.0f}%"
        if c.probability is not None and c.probability < 0.005:
            chance = "<1%"
        rows.append(
            [
                str(n),
                _cell(f"{c.name} ({c.side})"),
                chance,
                Paragraph(_reasons(summary, c), S["cell"]),
            ]
        )
    out.append(_table(rows, [7 * mm, 42 * mm, 15 * mm, FRAME_WIDTH - 64 * mm]))
    unexplained = a.result.unexplained_regions
    if unexplained:
        names = ", ".join(summary.region_label(r) for r in unexplained)
        out.append(_p(f"Regions no listed muscle refers to: {escape(names)}.", "small"))
    return out


def _plan(summary: Summary) -> list[Any]:
    if not summary.plan:
        return []
    out: list[Any] = [_p("Self-care plan", "h2")]
    rows: list[list[Any]] = [["Step", "What to do", "How much"]]
    for step in summary.plan:
        rows.append(
            [
                _cell(f"{step.muscle_name} ({step.side})\n{step.id}"),
                Paragraph(f"<b>{escape(step.title)}</b><br/>{escape(step.how)}", S["cell"]),
                _cell(step.dose),
            ]
        )
    out.append(_table(rows, [40 * mm, FRAME_WIDTH - 80 * mm, 40 * mm]))
    return out


def _effects(summary: Summary) -> list[Any]:
    effects = [e for e in self_care_effects(summary.entries) if e.count_doing >= 2][:8]
    if not effects:
        return []
    rows: list[list[Any]] = [
        ["Self-care done", "Change at next entry after doing (n)", "… after not doing (n)"]
    ]
    for e in effects:
        doing = "—" if e.after_doing is None else f"{e.after_doing:+.1f} ({e.count_doing})"
        not_doing = (
            "—" if e.after_not_doing is None else f"{e.after_not_doing:+.1f} ({e.count_not_doing})"
        )
        rows.append([_cell(step_label(summary.atlas, e.item, summary.plan)), doing, not_doing])
    return [
        CondPageBreak(50 * mm),
        _p("Self-care and the next entry", "h2"),
        _p(
            "Mean change in overall pain from one entry to the next, after the entries where "
            "the person did an item and after those where they did not. This describes the "
            "diary; it does not show that an item caused a change.",
            "small",
        ),
        _table(rows, [FRAME_WIDTH - 100 * mm, 50 * mm, 50 * mm]),
    ]


def _recent(summary: Summary, limit: int = 20) -> list[Any]:
    entries = summary.entries[-limit:][::-1]
    if not entries:
        return []
    rows: list[list[Any]] = [["When", "Overall", "Where (intensity)", "Note"]]
    for e in entries:
        ranked = sorted(e.pain.items(), key=lambda kv: (-kv[1], kv[0]))
        where = ", ".join(f"{summary.region_label(r)} {i}" for r, i in ranked if i)
        note = "; ".join(x for x in [", ".join(e.quality), e.note] if x)
        rows.append([_datetime(e.at), str(e.overall), _cell(where), _cell(note)])
    title = (
        f"Latest {len(entries)} diary entries"
        if len(summary.entries) > limit
        else ("Diary entries")
    )
    return [
        CondPageBreak(40 * mm),
        _p(title, "h2"),
        _table(rows, [30 * mm, 14 * mm, 70 * mm, FRAME_WIDTH - 114 * mm]),
    ]


def _footer(canvas: Canvas, document: SimpleDocTemplate) -> None:
    canvas.saveState()
    canvas.setFont("Helvetica", 7)
    canvas.setFillColor(colors.HexColor("#5d6d7e"))
    canvas.drawString(
        MARGIN, 9 * mm, "myomap pain report — information for a clinician, not a diagnosis."
    )
    canvas.drawRightString(A4[0] - MARGIN, 9 * mm, f"page {document.page}")
    canvas.restoreState()


def render_pdf(summary: Summary) -> bytes:
    """The report as PDF bytes."""
    buffer = io.BytesIO()
    document = SimpleDocTemplate(
        buffer,
        pagesize=A4,
        leftMargin=MARGIN,
        rightMargin=MARGIN,
        topMargin=MARGIN,
        bottomMargin=16 * mm,
        title="myomap pain report",
        author="myomap",
        subject="Pain diary and trigger point assessment",
    )
    period = "the whole diary"
    if summary.entries:
        period = f"{_date(summary.entries[0].at)} – {_date(summary.entries[-1].at)}"
    story: list[Any] = [
        _p("Pain report", "title"),
        _p(f"Period: {period}. Made {_datetime(summary.generated_at)} by myomap.", "small"),
        _p(
            "myomap suggests which muscles' myofascial trigger points may contribute to the "
            "pain the person reported; it does not diagnose. Please examine and judge.",
            "small",
        ),
        _p("At a glance", "h2"),
        *_glance(summary),
        *_maps(summary),
        *_diary(summary),
        *_assessment(summary),
        *_plan(summary),
        *_effects(summary),
        *_recent(summary),
    ]
    document.build(story, onFirstPage=_footer, onLaterPages=_footer)
    return buffer.getvalue()
