"""Rendering for the terminal (rich): a muscle guide and an assessment result."""

from __future__ import annotations

from rich.console import Group, RenderableType
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from myomap.atlas.model import Atlas
from myomap.atlas.schema import Muscle
from myomap.engine.result import Result, Triage
from myomap.engine.urgency import LEVEL_WORDS

__all__ = ["LEVEL_STYLE", "banner_title", "guide", "percent", "result_view"]

LEVEL_STYLE = {
    "emergency": "bold white on red",
    "urgent": "bold black on yellow",
    "see_doctor": "bold black on cyan",
    "self_care": "bold black on green",
}
PENDING_STYLE = "bold black on bright_yellow"
PENDING_TITLE = "SAFETY CHECK NOT DONE"


def banner_title(triage: Triage) -> str:
    """The banner's title: the level's one label (``LEVEL_WORDS``), or, while safety
    questions are still open at self-care, that the check is not done (never "no warning
    signs")."""
    if triage.level == "self_care" and not triage.checked:
        return PENDING_TITLE
    return LEVEL_WORDS[triage.level].upper()


def percent(p: float | None) -> str:
    """One percentage format: "<1%" below one percent, else a whole number (the pages' macro
    ``percent`` in _macros.html follows the same rule).

    >>> percent(0.004), percent(0.62), percent(None)
    ('<1%', '62%', '—')
    """
    if p is None:
        return "—"
    return "<1%" if p < 0.01 else f"{round(p * 100)}%"


def _bullets(items: list[str]) -> str:
    return "\n".join(f"- {item}" for item in items)


def _side_words(side: str) -> str:
    return {
        "same": "same side",
        "opposite": "opposite side",
        "both": "both sides",
        "midline": "midline",
    }[side]


def guide(atlas: Atlas, muscle: Muscle) -> RenderableType:
    """A readable guide to one muscle, like a good reference page."""
    from rich.markdown import Markdown  # markdown-it and Pygments: only the guide needs them

    parts: list[RenderableType] = []
    head = Text(muscle.name, style="bold")
    head.append(f"  ({muscle.latin})", style="italic dim")
    parts.append(head)
    parts.append(Markdown(f"{muscle.function}\n\n*Group:* {muscle.group.replace('_', ' ')}"))

    md: list[str] = ["## Where it refers pain"]
    for tp in muscle.trigger_points:
        md.append(f"**{tp.name}** — found: {tp.location}")
        for role in ("essential", "spillover"):
            zones = [
                f"{atlas.region_specs[z.region].label.lower()} ({_side_words(z.side)})"
                for z in tp.referral
                if z.role == role
            ]
            if zones:
                label = "Main pain zone" if role == "essential" else "Sometimes also"
                md.append(f"- *{label}:* " + "; ".join(zones))
        md.append("")
    md += ["## Symptoms", _bullets(muscle.symptoms)]
    md += ["## What makes it worse", _bullets(muscle.aggravating)]
    md += ["## What eases it", _bullets(muscle.relieving)]
    md += ["## What keeps it going", _bullets(muscle.perpetuating)]
    md.append("## Self-care")
    md.append("### Pressure release")
    for pr in muscle.self_care.pressure_release:
        md.append(
            f"- **Where:** {pr.where}  \n  **How:** {pr.how}  \n  **With:** {pr.tool}  \n"
            f"  **How long:** {pr.duration}  \n  **How often:** {pr.frequency}"
        )
    md.append("### Stretches")
    for st in muscle.self_care.stretches:
        md.append(f"- **{st.name}:** {st.how} Hold {st.hold}; {st.repeat}.")
    md += ["### In daily life", _bullets(muscle.self_care.daily_life)]
    md += ["### Cautions", _bullets(muscle.self_care.cautions)]
    md.append("## Could it be something else?")
    md += [f"- **{d.condition}:** {d.how_to_tell}" for d in muscle.differentials]
    md.append("## When to see a doctor instead")
    for rid in muscle.red_flags:
        flag = atlas.red_flags[rid]
        md.append(f"- **{flag.title}** — {flag.action}")
    md.append(
        "- Pain that is severe, keeps getting worse, or has not eased after a few weeks of "
        "self-care."
    )
    md.append("## Sources")
    for sid in muscle.sources:
        src = atlas.sources[sid]
        where = f" <{src.url}>" if src.url else ""
        year = f" ({src.year})" if src.year else ""
        md.append(f"- {src.title}. {src.publisher}{year}.{where}")
    md.append(
        f"\n*How common:* {muscle.prior.note} (source: {atlas.sources[muscle.prior.source].title})"
    )
    parts.append(Markdown("\n".join(md)))
    parts.append(
        Text(
            "myomap informs; it does not diagnose. Trigger point referral patterns vary "
            "between people.",
            style="dim italic",
        )
    )
    return Group(*parts)


def result_view(result: Result, atlas: Atlas) -> RenderableType:
    """The triage banner first, then (unless it is an emergency) the ranked candidates."""
    tri = result.triage
    lines = [tri.message]
    for reason in tri.reasons:
        lines.append(f"\n{reason.title}: {reason.reason}\nWhat to do: {reason.action}")
    pending = tri.level == "self_care" and not tri.checked
    if tri.hide_reason:
        lines.append(f"\n{tri.hide_reason}")
    banner = Panel(
        "\n".join(lines),
        title=banner_title(tri),
        style=PENDING_STYLE if pending else LEVEL_STYLE[tri.level],
        expand=True,
    )
    parts: list[RenderableType] = [banner]
    if tri.hide_muscle_advice:
        return Group(*parts)
    table = Table(title=f"Candidate muscles ({result.method})", expand=True)
    table.add_column("#", justify="right")
    table.add_column("muscle")
    table.add_column("side")
    table.add_column("probability", justify="right")
    table.add_column("why")
    for i, cand in enumerate(result.candidates, start=1):
        why = []
        if cand.explains:
            why.append(
                "explains: " + ", ".join(f"{z.label.lower()} ({z.role})" for z in cand.explains)
            )
        if cand.supporting:
            why.append(
                "for: "
                + "; ".join(_answer_words(a.question, a.answer) for a in cand.supporting[:3])
            )
        if cand.against:
            why.append(
                "against: "
                + "; ".join(_answer_words(a.question, a.answer) for a in cand.against[:3])
            )
        prob = percent(cand.probability)
        if cand.band:
            prob = f"{cand.band} ({prob})"
        table.add_row(str(i), cand.name, cand.side, prob, "\n".join(why))
    parts.append(table)
    ex = result.explanation_set
    if ex.members:
        names = " + ".join(f"{m.name} ({m.side})" for m in ex.members)
        parts.append(
            Text(f"Best explanation: {names}, explaining {percent(ex.share)} of your pain.")
        )
    if result.unexplained_regions:
        labels = ", ".join(atlas.regions[r].label.lower() for r in result.unexplained_regions)
        parts.append(Text(f"Not explained by any candidate: {labels}.", style="yellow"))
    safety = result.safety_questions
    if safety and not tri.checked:
        parts.append(Text(f"Safety question first: {safety[0].text}", style="bold"))
    elif result.next_question is not None:
        parts.append(Text(f"Next question: {result.next_question.text}", style="bold"))
    parts.append(Text(f"atlas {result.atlas_version}", style="dim"))
    return Group(*parts)


def _answer_words(question: str, answer: str) -> str:
    q = question.rstrip("?")
    return f"{answer} to “{q}”"
