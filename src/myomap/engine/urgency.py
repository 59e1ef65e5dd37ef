"""Red-flag triage: runs first, on its own, and always wins over the muscle ranking.

The level is the highest of: the red-flag rules that fire (red_flags.yaml), the floor of
every warning sign answered "yes" (findings/safety.yaml), and the level a "not sure" to a
serious sign calls for (see ``UNSURE_STEP``). The result also says whether the safety check
is done (``checked``) and which relevant questions are still open (``pending``), and names
the risk factors the person gave. ``triage`` is pure: atlas and evidence in, result out.
"""

from __future__ import annotations

from collections.abc import Sequence

from myomap.atlas.model import Atlas
from myomap.atlas.schema import Finding, RedFlag, TriageLevel
from myomap.engine.evidence import Evidence
from myomap.engine.result import Triage, TriageReason
from myomap.engine.safety import LEVELS, context, fired_rules, outside_ages, rank_of, risk_partners
from myomap.engine.safety_weighing import (
    SAFETY_LIMIT,
    open_questions,
    pending,
    safety_questions,
)

__all__ = [
    "AGE_PROMPT",
    "HIDDEN_AT",
    "LEVELS",
    "LEVEL_WORDS",
    "MESSAGES",
    "SAFETY_LIMIT",
    "UNSURE_STEP",
    "safety_questions",
    "triage",
    "triage_and_questions",
]

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
    "urgent": "Some of your answers need a doctor today. Please arrange that now; muscle "
    "self-care waits until a doctor has seen you.",
    "emergency": "Your answers point to something that needs emergency care now, not "
    "muscle treatment.",
}
"""The message of each level once the safety check is done and nothing else is to be said."""

AGE_PROMPT = "Give your age to check."
"""The last sentence of a reason that counts only because no age was given (a page with an
age field links it there)."""

NOT_DONE = (
    "The safety check is not finished: {n} warning-sign question{s} {are} not answered yet. "
    "Answer {them} before you rely on self-care."
)
STILL_OPEN = " The safety check is not finished: {n} more question{s} could make this more urgent."
NONE_FOUND = "None of the warning signs you were asked about is present."
CARE_ADVICE = (
    " Self-care is reasonable; see a clinician if the pain is severe, keeps getting worse, "
    "or has not eased after a few weeks."
)

UNSURE_STEP: dict[TriageLevel, TriageLevel] = {"emergency": "urgent", "urgent": "see_doctor"}
"""The level a "not sure" to a warning sign calls for, by the sign's floor.

A person who cannot say whether an emergency sign is there gets the advice a clinician on a
telephone line gives: be assessed today (urgent), and call emergency services as soon as the
sign is clearly there. Not sure about an urgent sign: book a doctor (see_doctor). Not sure
about a see-a-doctor sign: no change of level, but the message names it. docs/safety.md
gives the reasons.
"""

HIDDEN_AT: tuple[TriageLevel, ...] = ("urgent", "emergency")
"""Levels at which muscle self-care is hidden."""

ACTIONS: dict[TriageLevel, str] = {
    "emergency": "Call emergency services now.",
    "urgent": "See a doctor today, or call your urgent care line.",
    "see_doctor": "Book an appointment with your doctor.",
    "self_care": "",
}


def _cap(text: str) -> str:
    return text[:1].upper() + text[1:]


def _listing(labels: list[str]) -> str:
    if len(labels) <= 1:
        return "".join(labels)
    return ", ".join(labels[:-1]) + " and " + labels[-1]


def _sign_reason(finding: Finding, level: TriageLevel) -> TriageReason:
    """A warning sign's floor, when no rule already gives that level (a safety net)."""
    return TriageReason(
        id=f"sign_{finding.id}",
        level=level,
        title=_cap(finding.label or finding.id),
        reason="This warning sign needs a doctor rather than muscle self-care.",
        action=ACTIONS[level],
    )


def _said_yes(evidence: Evidence) -> set[str]:
    return {f for f, a in evidence.answers.items() if a == "yes"}


def _unsure_reason(finding: Finding, level: TriageLevel, risks: Sequence[str] = ()) -> TriageReason:
    """A "not sure" to a warning sign: one step below its floor, or at an urgent floor when
    a risk factor of that very danger is there (after an operation, an uncertain swollen
    calf is checked the same day, as a clot would be)."""
    floor = finding.floor or "see_doctor"
    because = f" With {' and '.join(risks)}, it is more likely." if risks else ""
    return TriageReason(
        id=f"unsure_{finding.id}",
        level=level,
        title=f"Not sure: {finding.label or finding.id}",
        reason=(
            f"You were not sure whether you have {finding.label or finding.id}. When it is "
            f"there it calls for: {LEVEL_WORDS[floor].lower()}.{because} A clinician would "
            "not wait to find out."
        ),
        action=(
            "Get checked today: call your doctor or your urgent care line (NHS 111 in "
            "England) and describe it. If it becomes clear that it is there, call emergency "
            "services."
            if level == "urgent"
            else "Book an appointment with your doctor; be seen today if it becomes clear "
            "that it is there."
        ),
    )


def _reasons(atlas: Atlas, evidence: Evidence) -> list[TriageReason]:
    ctx = context(atlas, evidence)
    reasons = [
        TriageReason(
            id=r.id,
            level=r.level,
            title=r.title,
            reason=r.reason + _age_unknown(r, evidence.age),
            action=r.action,
            age_unknown=bool(_age_unknown(r, evidence.age)),
        )
        for r in fired_rules(atlas, ctx)
    ]
    by_rules = max((rank_of(r.level) for r in reasons), default=0)
    for fid, answer in evidence.answers.items():
        finding = atlas.findings.get(fid)
        if finding is None or finding.floor is None:
            continue
        if answer == "yes" and rank_of(finding.floor) > by_rules:
            if _outside_ages_of(atlas, finding, evidence.age):
                continue
            reasons.append(_sign_reason(finding, finding.floor))
        elif answer == "unknown" and finding.floor in UNSURE_STEP:
            risks = sorted(risk_partners(atlas, fid) & _said_yes(evidence))
            level = "urgent" if finding.floor == "urgent" and risks else UNSURE_STEP[finding.floor]
            reasons.append(_unsure_reason(finding, level, _labels(atlas, risks)))
    return sorted(reasons, key=lambda r: -rank_of(r.level))


def _age_unknown(rule: RedFlag, age: int | None) -> str:
    """A note for a rule of an age band that fired because the age is not known (an unknown
    age never rules a rule out): the person can say it, and the rule then applies or not."""
    if age is not None or (rule.min_age is None and rule.max_age is None):
        return ""
    if rule.min_age is not None and rule.max_age is not None:
        band = f"from {rule.min_age} to {rule.max_age}"
    elif rule.min_age is not None:
        band = f"from age {rule.min_age}"
    else:
        band = f"up to age {rule.max_age}"
    return f" Your age was not given, so this counts for now: it applies {band}. {AGE_PROMPT}"


def _outside_ages_of(atlas: Atlas, finding: Finding, age: int | None) -> bool:
    """True for a sign defined by an age ("a first back pain after 50", "a new limp in a
    child": its single-sign rule's ``min_age`` or ``max_age`` is the sign's ``ask_from_age``
    or ``ask_until_age``) said by someone known to be outside it, whom the rule itself leaves
    out. Any other sign keeps its floor at every age."""
    side = outside_ages(finding, age)
    if side is None:
        return False
    return any(
        r.all == [finding.id]
        and not r.any
        and (
            r.min_age == finding.ask_from_age
            if side == "young"
            else r.max_age == finding.ask_until_age
        )
        for r in atlas.red_flags.values()
    )


def _labels(atlas: Atlas, ids: list[str]) -> list[str]:
    return [atlas.findings[f].label or f for f in ids]


def _message(
    level: TriageLevel,
    open_: list[str],
    risks: list[str],
    unsure: list[str],
    counted: Sequence[str] = (),
) -> str:
    """``risks``: risk factors no rule used; ``counted``: those part of a reason given."""
    n = len(open_)
    plural = {"s": "s" if n != 1 else "", "are": "are" if n != 1 else "is"}
    notes = ""
    if counted:
        notes += f" Noted: {_listing(list(counted))}, part of the reason below."
    if risks:
        notes += (
            f" Noted: {_listing(risks)}. This does not change the advice on its own, but "
            "mention it to any clinician you see."
        )
    if unsure:
        notes += (
            f" You were not sure about: {_listing(unsure)}. If you find that one of these is "
            "there, see a doctor."
        )
    if level == "self_care" and open_:
        return NOT_DONE.format(n=n, them="them" if n != 1 else "it", **plural) + notes
    if level == "self_care":
        if not notes:
            return MESSAGES["self_care"]
        return NONE_FOUND + notes + CARE_ADVICE
    still = STILL_OPEN.format(n=n, **plural) if open_ and level != "emergency" else ""
    return MESSAGES[level] + notes + still


def _hide_reason(level: TriageLevel, reasons: list[TriageReason]) -> str:
    if level not in HIDDEN_AT:
        return ""
    top = reasons[0].title.rstrip(".") if reasons else "a warning sign"
    if level == "emergency":
        return (
            f"Muscle self-care is hidden: {top.lower()} needs emergency care now, and "
            "pressing, stretching or waiting could cause harm or delay."
        )
    return (
        f"Muscle self-care is hidden until a doctor has seen you: with {top.lower()}, "
        "pressing, massaging or stretching the area could do harm."
    )


def triage(atlas: Atlas, evidence: Evidence) -> Triage:
    """The triage level with every reason, the safety check's state and the message.

    Pure and fast: no I/O, a few thousand rule evaluations at most.
    """
    reasons = _reasons(atlas, evidence)
    level = _level(reasons)
    return _triage(atlas, evidence, reasons, pending(atlas, evidence, floor=rank_of(level)))


def triage_and_questions(
    atlas: Atlas, evidence: Evidence, muscles: list[str]
) -> tuple[Triage, list[str]]:
    """``triage(atlas, evidence)`` and ``safety_questions(atlas, evidence, muscles,
    limit=None)``, with the safety questions weighed once for both."""
    reasons = _reasons(atlas, evidence)
    open_, safety = open_questions(atlas, evidence, muscles, floor=rank_of(_level(reasons)))
    return _triage(atlas, evidence, reasons, open_), safety


def _level(reasons: list[TriageReason]) -> TriageLevel:
    return reasons[0].level if reasons else "self_care"


def _triage(
    atlas: Atlas, evidence: Evidence, reasons: list[TriageReason], open_: list[str]
) -> Triage:
    level = _level(reasons)
    risks = [
        f
        for f, a in evidence.answers.items()
        if a == "yes" and f in atlas.findings and atlas.findings[f].category == "risk_factor"
    ]
    unsure = [
        f
        for f, a in evidence.answers.items()
        if a == "unknown" and f in atlas.findings and atlas.findings[f].category == "red_flag"
    ]
    used = {
        f
        for r in reasons
        if (rule := atlas.red_flags.get(r.id)) is not None
        for f in [*rule.all, *rule.any]
    }
    alone = [f for f in risks if f not in used]
    counted = [f for f in risks if f in used]
    return Triage(
        level=level,
        reasons=reasons,
        message=_message(
            level, open_, _labels(atlas, alone), _labels(atlas, unsure), _labels(atlas, counted)
        ),
        hide_muscle_advice=level in HIDDEN_AT,
        hide_reason=_hide_reason(level, reasons),
        checked=not open_,
        pending=open_,
        risk_factors=risks,
        unsure=unsure,
    )
