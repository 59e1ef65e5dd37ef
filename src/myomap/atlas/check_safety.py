"""Atlas rules MYO030–MYO038: warning signs, risk factors and the rules that use them.

They keep the triage model unable to under-call a single sign: every warning sign has a
floor and a single-sign rule at that floor, is asked for some part of the body, and every
rule cites the guidance that sets its level. ``check.py`` lists the codes and calls
``safety_problems``.
"""

from __future__ import annotations

from myomap.atlas.model import expand_region
from myomap.atlas.raw import Problem, RawAtlas
from myomap.atlas.schema import Finding, RedFlag

__all__ = ["SAFETY_RULES", "area_tokens", "fires_alone", "safety_problems"]

SAFETY_RULES: dict[str, str] = {
    "MYO030": "a muscle gives a likelihood for a risk-factor finding (risk factors never rank "
    "muscles)",
    "MYO031": "a warning-sign finding has no floor level, or a finding that is not a warning "
    "sign has one",
    "MYO032": "a warning sign has no single-sign rule at its floor level (a rule that fires on "
    "that sign alone)",
    "MYO033": "a red flag's regions or a finding's ask_for names an unknown region or group",
    "MYO034": "a red flag rule is made only of risk factors and has no painful-region condition "
    "(risk factors raise the level only together with a sign)",
    "MYO035": "a warning sign or risk factor has no plain label",
    "MYO036": "a red flag's at_least exceeds its any list, or its min_age exceeds its max_age",
    "MYO037": "a warning sign is never asked: its ask_for is empty",
    "MYO038": "a red flag rule cites no guideline page (a source of kind guideline or review "
    "with a URL)",
}

SAFETY_CATEGORIES = ("red_flag", "risk_factor")


def area_tokens(raw: RawAtlas) -> set[str]:
    """Words a ``regions`` or ``ask_for`` list may use: region ids, base ids and groups."""
    tokens: set[str] = set()
    for spec in raw.regions:
        tokens.update({spec.record.id, spec.record.group})
        tokens.update(r.id for r in expand_region(spec.record))
    return tokens


def fires_alone(
    rule: RedFlag, finding_id: str, from_age: int | None = None, until_age: int | None = None
) -> bool:
    """True if a 'yes' to this finding alone fires the rule, whatever else is known.

    ``from_age`` and ``until_age`` are the sign's own ``ask_from_age`` and ``ask_until_age``:
    a sign defined by an age ("a first back pain after 50", "a new limp in a child") may carry
    those ages as the rule's ``min_age`` and ``max_age`` (an unknown age never rules a rule
    out, and the question is never asked outside them).
    """
    if rule.regions or rule.sex:
        return False
    if rule.min_age is not None and rule.min_age != from_age:
        return False
    if rule.max_age is not None and rule.max_age != until_age:
        return False
    if rule.all == [finding_id] and not rule.any:
        return True
    return not rule.all and finding_id in rule.any and rule.at_least <= 1


def safety_problems(raw: RawAtlas) -> list[Problem]:
    """Every MYO030–MYO038 problem of the atlas."""
    findings = {f.record.id: f.record for f in raw.findings}
    out: list[Problem] = []
    out += _muscle_risk_factors(raw, findings)
    out += _findings(raw)
    out += _rules(raw, findings)
    return out


def _muscle_risk_factors(raw: RawAtlas, findings: dict[str, Finding]) -> list[Problem]:
    out: list[Problem] = []
    for m in raw.muscles:
        for fid in m.record.findings:
            finding = findings.get(fid)
            if finding is not None and finding.category == "risk_factor":
                out.append(
                    Problem(
                        "MYO030",
                        f"muscle {m.record.id!r} gives a likelihood for risk factor {fid!r}",
                        m.file,
                    )
                )
    return out


def _findings(raw: RawAtlas) -> list[Problem]:
    tokens = area_tokens(raw) | {"any"}
    ages = {f.record.id: (f.record.ask_from_age, f.record.ask_until_age) for f in raw.findings}
    singles = {
        (fid, r.record.level)
        for r in raw.red_flags
        for fid in [*r.record.all, *r.record.any]
        if fires_alone(r.record, fid, *ages.get(fid, (None, None)))
    }
    out: list[Problem] = []
    for located in raw.findings:
        f, file = located.record, located.file
        sign = f.category == "red_flag"
        if sign and f.floor is None:
            out.append(Problem("MYO031", f"warning sign {f.id!r} has no floor level", file))
        if not sign and f.floor is not None:
            out.append(
                Problem("MYO031", f"{f.category} finding {f.id!r} has a floor; only signs do", file)
            )
        if sign and f.floor is not None and (f.id, f.floor) not in singles:
            out.append(
                Problem(
                    "MYO032",
                    f"warning sign {f.id!r} has floor {f.floor} but no rule fires on it alone "
                    "at that level",
                    file,
                )
            )
        for token in f.ask_for:
            if token not in tokens:
                out.append(
                    Problem("MYO033", f"finding {f.id!r} asks for unknown area {token!r}", file)
                )
        if f.category in SAFETY_CATEGORIES and not f.label.strip():
            out.append(Problem("MYO035", f"{f.category} finding {f.id!r} has no label", file))
        if sign and not f.ask_for:
            out.append(Problem("MYO037", f"warning sign {f.id!r} has an empty ask_for", file))
    return out


def _rules(raw: RawAtlas, findings: dict[str, Finding]) -> list[Problem]:
    tokens = area_tokens(raw)
    sources = {s.record.id: s.record for s in raw.sources}
    out: list[Problem] = []
    for located in raw.red_flags:
        rule, file = located.record, located.file
        for token in rule.regions:
            if token not in tokens:
                out.append(
                    Problem("MYO033", f"red flag {rule.id!r} names unknown area {token!r}", file)
                )
        named = [findings[f] for f in [*rule.all, *rule.any] if f in findings]
        if named and all(f.category == "risk_factor" for f in named) and not rule.regions:
            out.append(
                Problem(
                    "MYO034",
                    f"red flag {rule.id!r} names only risk factors and no painful regions",
                    file,
                )
            )
        if (rule.any and rule.at_least > len(rule.any)) or rule.at_least < 1:
            out.append(
                Problem("MYO036", f"red flag {rule.id!r} has at_least {rule.at_least}", file)
            )
        if rule.min_age is not None and rule.max_age is not None and rule.min_age > rule.max_age:
            out.append(Problem("MYO036", f"red flag {rule.id!r} has min_age > max_age", file))
        guides = [
            s
            for s in (sources.get(sid) for sid in rule.sources)
            if s is not None and s.kind in ("guideline", "review") and s.url
        ]
        if not guides:
            out.append(Problem("MYO038", f"red flag {rule.id!r} cites no guideline page", file))
    return out
