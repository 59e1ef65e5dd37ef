"""The PDF's page geometry, type styles and building blocks (paragraphs, tables, charts,
sections whose heading never sits alone at the foot of a page)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any
from xml.sax.saxutils import escape

from reportlab.graphics.shapes import Drawing
from reportlab.lib import colors
from reportlab.lib.enums import TA_LEFT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle, getSampleStyleSheet
from reportlab.lib.units import mm
from reportlab.platypus import CondPageBreak, Flowable, KeepTogether, Paragraph, Table, TableStyle

__all__ = [
    "FRAME_WIDTH",
    "MARGIN",
    "S",
    "cell",
    "chart",
    "day",
    "moment",
    "para",
    "section",
    "table",
]

MARGIN = 16 * mm
FRAME_WIDTH = A4[0] - 2 * MARGIN
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
            "h2",
            parent=base["Heading2"],
            fontSize=12.5,
            spaceBefore=10,
            spaceAfter=4,
        ),
        "body": body,
        "small": ParagraphStyle(
            "small", parent=body, fontSize=7.5, leading=9.5, textColor=colors.HexColor("#5d6d7e")
        ),
        "cell": ParagraphStyle("cell", parent=body, fontSize=7.8, leading=9.6),
    }


S = _styles()


def para(text: str, style: str = "body") -> Paragraph:
    """A paragraph of reportlab mark-up (escape what came from people or the atlas)."""
    return Paragraph(text, S[style])


def cell(text: str) -> Paragraph:
    """Plain text in a table cell, wrapped."""
    return Paragraph(escape(text), S["cell"])


def day(at: datetime) -> str:
    return at.astimezone().strftime("%d %b %Y")


def moment(at: datetime) -> str:
    return at.astimezone().strftime("%d %b %Y %H:%M")


def chart(drawing: Drawing) -> Drawing:
    """A chart (``myomap.reports.charts``) scaled to the width of the page's frame."""
    factor = FRAME_WIDTH / drawing.width
    drawing.width, drawing.height = drawing.width * factor, drawing.height * factor
    drawing.scale(factor, factor)
    return drawing


def table(rows: list[list[Any]], widths: Sequence[float], *, header: bool = True) -> Table:
    """A ruled table; the header row repeats on a new page."""
    built = Table(rows, colWidths=list(widths), repeatRows=1 if header else 0)
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
    built.setStyle(TableStyle(style))
    return built


def section(
    title: str, *content: Flowable, whole: bool = False, room: float = 45 * mm
) -> list[Flowable]:
    """A heading that never sits alone at the foot of a page: kept with all its content
    when ``whole`` (charts, short tables), else started on a new page unless ``room`` is
    left for the heading and the first lines of what follows (long tables split)."""
    heading = para(escape(title), "h2")
    if whole:
        return [KeepTogether([heading, *content])]
    return [CondPageBreak(room), heading, *content]
