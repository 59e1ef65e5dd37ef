"""The safety rules: which red-flag rules fire for the evidence, and the level they give.

Pure functions over the atlas and the evidence. ``triage.py`` turns their answer into the
``Triage`` result; ``safety_weighing.py`` weighs which questions are still open. The rule
index (``rule_index``) is built once per atlas for both.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Literal

from myomap.atlas.model import Atlas
from myomap.atlas.schema import Finding, RedFlag, TriageLevel
from myomap.engine.evidence import Evidence

__all__ = [
    "LEVELS",
    "Context",
    "RuleIndex",
    "answers_hold",
    "context",
    "fired_rules",
    "fires",
    "level_of",
    "outside_ages",
    "person_fits",
    "rank_of",
    "regions_match",
    "risk_partners",
    "rule_index",
    "sex_fits",
]

LEVELS: tuple[TriageLevel, ...] = ("self_care", "see_doctor", "urgent", "emergency")
"""Triage levels from the mildest to the most serious."""

_OPPOSITE = {"male": "female", "female": "male"}


_RANKS: dict[str, int] = {level: i for i, level in enumerate(LEVELS)}


def rank_of(level: TriageLevel) -> int:
    """0 for self_care up to 3 for emergency."""
    try:
        return _RANKS[level]
    except KeyError:
        raise ValueError(f"{level!r} is not in tuple") from None


@dataclass(frozen=True)
class Context:
    """What the rules look at: the 'yes' answers, the painful areas, age and sex, and in how
    many of the five body areas of the widespread-pain definition it hurts."""

    yes: frozenset[str]
    areas: frozenset[str]
    age: int | None
    sex: str | None
    body_areas: int = 0

    def with_yes(self, extra: Iterable[str]) -> Context:
        return Context(self.yes | frozenset(extra), self.areas, self.age, self.sex, self.body_areas)


AXIAL_GROUPS = frozenset({"neck", "upper_back", "low_back"})
LIMB_GROUPS = {"shoulder": "upper", "upper_limb": "upper", "lower_limb": "lower"}
HIP_REGIONS = frozenset({"buttock_upper", "buttock_lower", "hip_lateral"})
"""The five body areas of the generalised-pain criterion of the 2016 fibromyalgia criteria
(left and right upper limb with the shoulder girdle, left and right lower limb with the hip
and buttock, and the axial area: neck, upper and lower back; jaw, chest and belly do not
count), in the atlas's region groups."""


def body_area(group: str, base: str, side: str) -> str | None:
    """Which of the five areas a region belongs to, if any ("left upper", "axial", …)."""
    if group in AXIAL_GROUPS:
        return "axial"
    limb = "lower" if base in HIP_REGIONS else LIMB_GROUPS.get(group)
    if limb is None or side not in ("left", "right"):
        return None
    return f"{side} {limb}"


def context(atlas: Atlas, evidence: Evidence) -> Context:
    """The rule context of the evidence: painful region ids with their base ids and groups."""
    areas: set[str] = set()
    spread: set[str] = set()
    for region_id in evidence.painful():
        region = atlas.regions.get(region_id)
        areas.add(region_id)
        if region is not None:
            areas.update({region.base, region.group})
            if (where := body_area(region.group, region.base, region.side)) is not None:
                spread.add(where)
    yes = frozenset(f for f, a in evidence.answers.items() if a == "yes")
    return Context(yes, frozenset(areas), evidence.age, evidence.sex, len(spread))


def outside_ages(finding: Finding, age: int | None) -> Literal["young", "old"] | None:
    """ "young" when known to be under the age from which guidance asks this, "old" when over
    the age up to which it does, else None (an unknown age is asked)."""
    if age is None:
        return None
    if finding.ask_from_age is not None and age < finding.ask_from_age:
        return "young"
    if finding.ask_until_age is not None and age > finding.ask_until_age:
        return "old"
    return None


def sex_fits(wanted: str | None, sex: str | None) -> bool:
    """Only the opposite sex, when given, rules a sex-specific rule or question out."""
    return wanted is None or sex is None or _OPPOSITE.get(wanted) != sex


def person_fits(rule: RedFlag, ctx: Context) -> bool:
    if ctx.age is not None:
        if rule.min_age is not None and ctx.age < rule.min_age:
            return False
        if rule.max_age is not None and ctx.age > rule.max_age:
            return False
    return sex_fits(rule.sex, ctx.sex)


def regions_match(rule: RedFlag, ctx: Context) -> bool:
    if rule.min_body_areas is not None and ctx.body_areas < rule.min_body_areas:
        return False
    return not rule.regions or any(token in ctx.areas for token in rule.regions)


def fires(rule: RedFlag, ctx: Context) -> bool:
    """True if every condition of the rule holds (an unknown age or sex never rules it out)."""
    return answers_hold(rule, ctx.yes) and regions_match(rule, ctx) and person_fits(rule, ctx)


def answers_hold(rule: RedFlag, yes: frozenset[str]) -> bool:
    """The rule's answer conditions hold for these 'yes' answers (``all`` and ``any``)."""
    if not yes.issuperset(rule.all):
        return False
    return not rule.any or sum(f in yes for f in rule.any) >= rule.at_least


def fired_rules(atlas: Atlas, ctx: Context) -> list[RedFlag]:
    """The rules that fire, the most serious first (catalogue order within a level)."""
    index = rule_index(atlas)
    named = {rule.id for fid in ctx.yes for rule in index.by_finding.get(fid, ())}
    maybe = index.unconditioned | named
    fired = [rule for rule in atlas.red_flags.values() if rule.id in maybe and fires(rule, ctx)]
    return sorted(fired, key=lambda r: -rank_of(r.level))


def _floor(atlas: Atlas, ctx: Context) -> int:
    """The highest floor among the warning signs answered 'yes'."""
    floors = [
        rank_of(f.floor)
        for fid in ctx.yes
        if (f := atlas.findings.get(fid)) is not None and f.floor is not None
    ]
    return max(floors, default=0)


def level_of(atlas: Atlas, ctx: Context) -> TriageLevel:
    """The level the rules and the sign floors give (without any 'not sure' answers)."""
    rules = max((rank_of(r.level) for r in fired_rules(atlas, ctx)), default=0)
    return LEVELS[max(rules, _floor(atlas, ctx))]


@dataclass(frozen=True)
class RuleIndex:
    """What the rules and the question weighing look up again and again, made once per atlas
    (``rule_index``)."""

    by_finding: dict[str, list[RedFlag]]
    """The rules that name each finding (in ``all`` or ``any``)."""
    named: dict[str, frozenset[str]]
    """Each rule's findings (``all`` and ``any``), by rule id."""
    risks: dict[str, tuple[str, ...]]
    """Each rule's risk factors, by rule id."""
    unconditioned: frozenset[str]
    """The rules that name no finding (they fire on the body map, age or sex alone)."""
    by_rank: tuple[tuple[int, RedFlag, bool], ...]
    """Every rule with its level's rank, the most serious first (catalogue order within a
    level), and whether it holds for anyone (no region, body-area, age or sex condition)."""
    questions: dict[str, int]
    """The warning signs and risk factors, with their place in the catalogue."""
    asked_for: dict[str, frozenset[str]]
    """The warning signs asked for each body area (region, base region or group);
    those asked whatever is marked under ``"any"``."""


def _for_anyone(rule: RedFlag) -> bool:
    conditions = (rule.min_body_areas, rule.min_age, rule.max_age, rule.sex)
    return not rule.regions and all(c is None for c in conditions)


_INDEXES: dict[int, tuple[Atlas, RuleIndex]] = {}
"""Indexes of the atlases seen lately (an atlas is immutable), keyed by identity."""


def rule_index(atlas: Atlas) -> RuleIndex:
    known = _INDEXES.get(id(atlas))
    if known is not None and known[0] is atlas:
        return known[1]
    by_finding: dict[str, list[RedFlag]] = {}
    named: dict[str, frozenset[str]] = {}
    risks: dict[str, tuple[str, ...]] = {}
    for rule in atlas.red_flags.values():
        names = dict.fromkeys([*rule.all, *rule.any])
        for fid in names:
            by_finding.setdefault(fid, []).append(rule)
        named[rule.id] = frozenset(names)
        risks[rule.id] = tuple(f for f in names if atlas.findings[f].category == "risk_factor")
    questions: dict[str, int] = {}
    asked_for: dict[str, set[str]] = {}
    for order, finding in enumerate(atlas.findings.values()):
        if finding.category in ("red_flag", "risk_factor"):
            questions[finding.id] = order
            for area in finding.ask_for:
                asked_for.setdefault(area, set()).add(finding.id)
    index = RuleIndex(
        by_finding,
        named,
        risks,
        unconditioned=frozenset(r for r, names in named.items() if not names),
        by_rank=tuple(
            sorted(
                ((rank_of(r.level), r, _for_anyone(r)) for r in atlas.red_flags.values()),
                key=lambda entry: -entry[0],
            )
        ),
        questions=questions,
        asked_for={area: frozenset(ids) for area, ids in asked_for.items()},
    )
    if len(_INDEXES) >= 8:
        _INDEXES.clear()
    _INDEXES[id(atlas)] = (atlas, index)
    return index


def risk_partners(atlas: Atlas, finding_id: str) -> frozenset[str]:
    """The risk factors that some rule names together with this finding (the recent operation
    or long journey of the clot rules, for the swollen calf)."""
    index = rule_index(atlas)
    return frozenset(
        f for rule in index.by_finding.get(finding_id, []) for f in index.risks[rule.id]
    )
