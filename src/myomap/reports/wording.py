"""Report wording for a clinician: findings, referral zones and self-care as words, never
as the atlas's internal ids."""

from __future__ import annotations

from collections.abc import Sequence

from myomap.atlas.model import Atlas
from myomap.diary.plan import PlanStep

__all__ = ["ROLE_WORDS", "care_words", "finding_words", "source_line"]

ROLE_WORDS = {
    "essential": "essential referral zone",
    "spillover": "spillover zone",
    "local": "local pain over the trigger point",
    "near": "next to a referral zone",
}


def finding_words(atlas: Atlas, finding: str) -> str:
    """A finding as a short clinical phrase: its label where the atlas has one, else its
    name in words ("pain rising from sitting")."""
    found = atlas.findings.get(finding)
    if found is not None and found.label:
        return found.label
    return finding.replace("_", " ")


def care_words(atlas: Atlas, item: str, plan: Sequence[PlanStep] = ()) -> str:
    """A self-care item as words: a plan step's title and muscle; a treatment as
    "<name> (taken)"; free text as written."""
    if item.startswith("taken:"):
        return f"{item.removeprefix('taken:')} (taken)"
    for step in plan:
        if step.id == item:
            return f"{step.title} ({step.muscle_name})"
    muscle, _, rest = item.partition("/")
    kind, _, number = rest.partition("/")
    if muscle in atlas.muscles and kind in ("pressure", "stretch") and number.isdigit():
        found = atlas.muscles[muscle]
        n = int(number) - 1
        if kind == "pressure":
            presses = found.self_care.pressure_release
            what = "pressure release" + (f": {presses[n].where}" if n < len(presses) else "")
        else:
            stretches = found.self_care.stretches
            what = stretches[n].name if n < len(stretches) else "stretch"
        return f"{found.name}, {what}"
    return item


def source_line(atlas: Atlas, source_id: str) -> str:
    """A source as a reference: title, publisher, year, pages and address."""
    source = atlas.sources.get(source_id)
    if source is None:
        return source_id
    parts = [source.title, source.publisher]
    if source.year:
        parts.append(str(source.year))
    if source.pages:
        parts.append(f"pp. {source.pages}")
    if source.url:
        parts.append(source.url)
    return ". ".join(p.rstrip(".") for p in parts if p) + "."
