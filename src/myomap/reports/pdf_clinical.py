"""The clinical part of the PDF: who, the triage and its reasons (first), the muscles that
may contribute with their reasons in clinical words, the self-care plan and the sources."""

from __future__ import annotations

from typing import Any
from xml.sax.saxutils import escape

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Paragraph, Spacer

from myomap.engine.result import Candidate
from myomap.engine.urgency import LEVEL_WORDS
from myomap.reports.pdf_style import FRAME_WIDTH, S, cell, day, moment, para, section, table
from myomap.reports.summary import Summary
from myomap.reports.wording import ROLE_WORDS, finding_words, source_line

__all__ = ["muscles", "person", "plan", "sources", "triage"]

LEVEL_COLOURS = {
    "self_care": "#1e8449",
    "see_doctor": "#b9770e",
    "urgent": "#c0392b",
    "emergency": "#922b21",
}
MUSCLES_SHOWN = 6


def person(summary: Summary) -> list[Flowable]:
    """The patient line and the period the report covers."""
    period = "no diary entries"
    if summary.entries:
        period = f"{day(summary.entries[0].at)} – {day(summary.entries[-1].at)}"
    return [
        para(f"<b>Patient:</b> {escape(summary.person.line)}"),
        para(f"<b>Diary period:</b> {period}. <b>Report made:</b> {moment(summary.generated_at)}."),
    ]


def triage(summary: Summary) -> list[Flowable]:
    """Triage level, its reasons and the warning-sign answers: read first."""
    a = summary.assessment
    if a is None:
        return section("Triage", para("No assessment saved: no triage recorded."))
    t = a.result.triage
    colour = LEVEL_COLOURS[t.level]
    head = para(
        f'<font color="{colour}"><b>{LEVEL_WORDS[t.level]}</b></font> '
        f"(assessment of {moment(a.created_at)})."
    )
    reasons = [
        para(f"• <b>{escape(r.title)}</b>: {escape(r.reason)} <i>{escape(r.action)}</i>")
        for r in t.reasons
    ] or [para("No warning sign reported.")]
    if not t.checked:
        reasons.append(para(_unfinished(summary, t.pending)))
    answers = summary.triage_answers
    if answers:
        rows: list[list[Any]] = [["Warning sign asked about", "Reported"]]
        rows += [
            [
                cell(finding_words(summary.atlas, x.finding)),
                "present" if x.answer == "yes" else "absent" if x.answer == "no" else "unsure",
            ]
            for x in answers
        ]
        asked: Flowable = table(rows, [FRAME_WIDTH - 25 * mm, 25 * mm])
    else:
        asked = para("No warning-sign question was answered.", "small")
    return section("Triage", head, *reasons, Spacer(1, 3), asked, whole=True)


def _unfinished(summary: Summary, pending: list[str]) -> str:
    """The safety check was not completed: say so, never imply that no sign is present."""
    if not pending:
        return (
            "<b>Safety check not completed</b> when this assessment was saved: the level above "
            "covers only the warning-sign questions that were answered."
        )
    named = "; ".join(escape(finding_words(summary.atlas, f)) for f in pending[:6])
    more = f" and {len(pending) - 6} more" if len(pending) > 6 else ""
    return (
        f"<b>Safety check not completed</b>: {len(pending)} warning-sign question(s) relevant "
        f"to this pain map were not answered ({named}{more}). The level above covers only "
        "the questions that were answered."
    )


def _reasons(summary: Summary, c: Candidate) -> str:
    zones = "; ".join(
        f"{escape(summary.region_label(z.region))} ({ROLE_WORDS.get(z.role, z.role)})"
        for z in c.explains
    )
    parts = [f"<b>Referral pattern covers:</b> {zones or '—'}"]
    if c.supporting:
        words = [
            f"{escape(finding_words(summary.atlas, w.finding))} ({_present(w.answer)})"
            for w in c.supporting[:3]
        ]
        parts.append("<b>Consistent with:</b> " + "; ".join(words))
    if c.against:
        words = [
            f"{escape(finding_words(summary.atlas, w.finding))} ({_present(w.answer)})"
            for w in c.against[:3]
        ]
        parts.append("<b>Less consistent with:</b> " + "; ".join(words))
    if c.unexplained:
        names = ", ".join(escape(summary.region_label(r)) for r in c.unexplained)
        parts.append(f"<b>Does not refer to:</b> {names}")
    return "<br/>".join(parts)


def _present(answer: str) -> str:
    return "present" if answer == "yes" else "absent"


def _chance(c: Candidate) -> str:
    if c.probability is None:
        return "—"
    return "<1%" if c.probability < 0.005 else f"{100 * c.probability:.0f}%"


def muscles(summary: Summary) -> list[Flowable]:
    """The ranked muscles whose trigger points may contribute, with reasons."""
    a = summary.assessment
    title = "Muscles whose trigger points may contribute, most likely first"
    if a is None:
        return []
    if a.result.triage.hide_muscle_advice:
        return section(title, para("Not listed: the triage calls for medical care first."))
    rows: list[list[Any]] = [["#", "Muscle (side)", "Estimate", "Reasons"]]
    for n, c in enumerate(a.result.candidates[:MUSCLES_SHOWN], start=1):
        rows.append(
            [
                str(n),
                cell(f"{c.name} ({c.side})"),
                _chance(c),
                Paragraph(_reasons(summary, c), S["cell"]),
            ]
        )
    evidence = a.evidence
    basis = para(
        f"From the pain map ({len(evidence.painful())} painful region(s)) and "
        f"{len(evidence.answers)} answered question(s); atlas {escape(a.atlas_version)}. "
        "Estimates are the model's posterior probabilities, not diagnoses.",
        "small",
    )
    out = section(title, basis, table(rows, [7 * mm, 40 * mm, 16 * mm, FRAME_WIDTH - 63 * mm]))
    if a.result.unexplained_regions:
        names = ", ".join(summary.region_label(r) for r in a.result.unexplained_regions)
        out.append(para(f"Painful regions no listed muscle refers to: {escape(names)}.", "small"))
    return out


def plan(summary: Summary) -> list[Flowable]:
    """The self-care plan, step by step."""
    if not summary.plan:
        return []
    rows: list[list[Any]] = [["Muscle (side)", "What to do", "How much"]]
    for step in summary.plan:
        rows.append(
            [
                cell(f"{step.muscle_name} ({step.side})"),
                Paragraph(f"<b>{escape(step.title)}</b><br/>{escape(step.how)}", S["cell"]),
                cell(step.dose),
            ]
        )
    return section(
        "Self-care plan given to the patient",
        table(rows, [36 * mm, FRAME_WIDTH - 76 * mm, 40 * mm]),
    )


def _cited(summary: Summary) -> list[str]:
    a = summary.assessment
    if a is None:
        return []
    ids: list[str] = []
    for reason in a.result.triage.reasons:
        flag = summary.atlas.red_flags.get(reason.id)
        ids += flag.sources if flag else []
    if not a.result.triage.hide_muscle_advice:
        for c in a.result.candidates[:MUSCLES_SHOWN]:
            muscle = summary.atlas.muscles.get(c.muscle)
            ids += muscle.sources if muscle else []
    return list(dict.fromkeys(i for i in ids if i in summary.atlas.sources))


def sources(summary: Summary) -> list[Flowable]:
    """The sources behind the triage rules and the listed muscles."""
    cited = _cited(summary)
    if not cited:
        return []
    lines = [
        para(f"{n}. {escape(source_line(summary.atlas, s))}", "small")
        for n, s in enumerate(cited, start=1)
    ]
    return section("Sources", *lines)
