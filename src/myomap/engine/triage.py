"""Red-flag triage: runs first, on its own, and always wins over the muscle ranking."""

from __future__ import annotations

from myomap.atlas.model import Atlas
from myomap.atlas.schema import RedFlag, TriageLevel
from myomap.engine.evidence import Evidence
from myomap.engine.result import Triage, TriageReason

__all__ = ["LEVELS", "LEVEL_WORDS", "MESSAGES", "safety_questions", "triage"]

LEVELS: tuple[TriageLevel, ...] = ("self_care", "see_doctor", "urgent", "emergency")
"""Triage levels from the mildest to the most serious."""

LEVEL_WORDS: dict[TriageLevel, str] = {
    "self_care": "Self-care",
    "see_doctor": "See a doctor soon",
    "urgent": "See a doctor today",
    "emergency": "Emergency",
}
"""A short label for each level, the same on every page and report."""

MESSAGES: dict[TriageLevel, str] = {
    "self_care": "No warning signs in your answers. Self-care is reasonable; see a clinician "
    "if the pain is severe, keeps getting worse, or has not eased after a few weeks.",
    "see_doctor": "Some of your answers need a doctor's look. Book an appointment; the muscle "
    "guidance below can help meanwhile, but it does not replace that visit.",
    "urgent": "Some of your answers need a doctor today. Please arrange that before trying "
    "self-care.",
    "emergency": "Your answers point to something that needs emergency care now, not "
    "muscle treatment.",
}


def _fires(rule: RedFlag, evidence: Evidence) -> bool:
    answers = evidence.answers
    if not all(answers.get(f) == "yes" for f in rule.all):
        return False
    if rule.any and not any(answers.get(f) == "yes" for f in rule.any):
        return False
    if rule.min_age is not None and evidence.age is not None and evidence.age < rule.min_age:
        return False
    # An unknown age does not rule a flag out: safety first.
    return not (rule.sex is not None and evidence.sex is not None and evidence.sex != rule.sex)


def triage(atlas: Atlas, evidence: Evidence) -> Triage:
    """The most serious level among the red-flag rules that fire, with every reason."""
    fired = [rule for rule in atlas.red_flags.values() if _fires(rule, evidence)]
    fired.sort(key=lambda r: -LEVELS.index(r.level))
    level: TriageLevel = fired[0].level if fired else "self_care"
    reasons = [
        TriageReason(id=r.id, level=r.level, title=r.title, reason=r.reason, action=r.action)
        for r in fired
    ]
    return Triage(
        level=level,
        reasons=reasons,
        message=MESSAGES[level],
        hide_muscle_advice=level == "emergency",
    )


def safety_questions(atlas: Atlas, evidence: Evidence, muscles: list[str]) -> list[str]:
    """Unanswered red-flag findings linked to the given muscles, in catalogue order.

    The red flags a muscle links to are the dangers that can look like its pain, so these
    are the warning signs worth asking about for this pain map.
    """
    wanted: set[str] = set()
    for muscle_id in muscles:
        for rule_id in atlas.muscles[muscle_id].red_flags:
            rule = atlas.red_flags[rule_id]
            wanted.update(rule.all)
            wanted.update(rule.any)
    return [
        f
        for f, finding in atlas.findings.items()
        if f in wanted and finding.category == "red_flag" and f not in evidence.answers
    ]
