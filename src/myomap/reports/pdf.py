"""The clinician's PDF: who and when, the triage first, pain maps, the ranked muscles with
reasons, the diary's charts and outcome scores, the plan, the entries and the sources.

The sections live in ``pdf_clinical.py`` and ``pdf_diary.py``; charts are the SVG of
``charts.py`` as vector drawings; body maps are drawn from the figures' paths
(``pdf_bodymap.py``).
"""

from __future__ import annotations

import io

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable, SimpleDocTemplate

from myomap.reports import pdf_clinical as clinical
from myomap.reports import pdf_diary as diary
from myomap.reports.pdf_style import MARGIN, para
from myomap.reports.summary import Summary

__all__ = ["render_pdf"]

FOOTER = "myomap pain report — information for a clinician, not a diagnosis."


def _footer(canvas: Canvas, document: SimpleDocTemplate) -> None:
    canvas.saveState()
    canvas.setFont("Helvetica", 7)
    canvas.setFillColor(colors.HexColor("#5d6d7e"))
    canvas.drawString(MARGIN, 9 * mm, FOOTER)
    canvas.drawRightString(A4[0] - MARGIN, 9 * mm, f"page {document.page}")
    canvas.restoreState()


def story(summary: Summary) -> list[Flowable]:
    """Every section, in reading order for a clinician."""
    return [
        para("Pain report", "title"),
        *clinical.person(summary),
        para(
            "myomap suggests which muscles' myofascial trigger points may contribute to the "
            "pain the patient reported; it does not diagnose. Please examine and judge.",
            "small",
        ),
        *clinical.triage(summary),
        *diary.maps(summary),
        *clinical.muscles(summary),
        *diary.glance(summary),
        *diary.charts_section(summary),
        *diary.outcomes(summary),
        *diary.treatments(summary),
        *clinical.plan(summary),
        *diary.effects(summary),
        *diary.recent(summary),
        *clinical.sources(summary),
    ]


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
    document.build(story(summary), onFirstPage=_footer, onLaterPages=_footer)
    return buffer.getvalue()
