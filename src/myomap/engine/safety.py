"""The safety check: which red-flag rules fire, and which safety questions are still open.

Pure functions over the atlas and the evidence. ``triage.py`` turns their answer into the
``Triage`` result; the question functions tell every surface what to ask next, the most
dangerous first.

A question is *relevant* when a "yes" could raise the level above the current one and it
concerns what the person marked: the body areas in the finding's ``ask_for`` (or ``any``),
the red flags linked to the leading muscles, or a rule it would complete together with an
answer already given or a painful region. Risk factors are relevant only through a rule
(they raise the level only next to a sign or a painful region).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Literal

from myomap.atlas.model import Atlas
from myomap.atlas.schema import Finding, RedFlag, TriageLevel
from myomap.engine.evidence import Evidence

__all__ = [
    "LEVELS",
    "SAFETY_LIMIT",
    "Context",
    "context",
    "fired_rules",
    "fires",
    "level_of",
    "open_questions",
    "outside_ages",
    "pending",
    "rank_of",
    "risk_partners",
    "safety_questions",
]

LEVELS: tuple[TriageLevel, ...] = ("self_care", "see_doctor", "urgent", "emergency")
"""Triage levels from the mildest to the most serious."""

SAFETY_LIMIT = 5
"""Safety questions offered at a time: a handful, the most dangerous first."""

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


def _sex_fits(wanted: str | None, sex: str | None) -> bool:
    """Only the opposite sex, when given, rules a sex-specific rule or question out."""
    return wanted is None or sex is None or _OPPOSITE.get(wanted) != sex


def _person_fits(rule: RedFlag, ctx: Context) -> bool:
    if ctx.age is not None:
        if rule.min_age is not None and ctx.age < rule.min_age:
            return False
        if rule.max_age is not None and ctx.age > rule.max_age:
            return False
    return _sex_fits(rule.sex, ctx.sex)


def _regions_match(rule: RedFlag, ctx: Context) -> bool:
    if rule.min_body_areas is not None and ctx.body_areas < rule.min_body_areas:
        return False
    return not rule.regions or any(token in ctx.areas for token in rule.regions)


def fires(rule: RedFlag, ctx: Context) -> bool:
    """True if every condition of the rule holds (an unknown age or sex never rules it out)."""
    if not ctx.yes.issuperset(rule.all):
        return False
    if rule.any and sum(f in ctx.yes for f in rule.any) < rule.at_least:
        return False
    return _regions_match(rule, ctx) and _person_fits(rule, ctx)


def fired_rules(atlas: Atlas, ctx: Context) -> list[RedFlag]:
    """The rules that fire, the most serious first (catalogue order within a level)."""
    fired = [rule for rule in atlas.red_flags.values() if fires(rule, ctx)]
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


def _supported(rule: RedFlag, fid: str, ctx: Context, named: frozenset[str]) -> bool:
    """The rule already has something going for it besides ``fid``: a 'yes' or a region.

    ``named``: the findings the rule names (in ``all`` or ``any``)."""
    others = any(f != fid for f in ctx.yes & named)
    return others or bool(rule.regions and _regions_match(rule, ctx))


@dataclass(frozen=True)
class _Index:
    """What the question weighing looks up again and again, made once per atlas."""

    by_finding: dict[str, list[RedFlag]]
    """The rules that name each finding (in ``all`` or ``any``)."""
    named: dict[str, frozenset[str]]
    """Each rule's findings (``all`` and ``any``), by rule id."""
    risks: dict[str, tuple[str, ...]]
    """Each rule's risk factors, by rule id."""


_INDEXES: dict[int, tuple[Atlas, _Index]] = {}
"""Indexes of the atlases seen lately (an atlas is immutable), keyed by identity."""


def _index(atlas: Atlas) -> _Index:
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
    index = _Index(by_finding, named, risks)
    if len(_INDEXES) >= 8:
        _INDEXES.clear()
    _INDEXES[id(atlas)] = (atlas, index)
    return index


def risk_partners(atlas: Atlas, finding_id: str) -> frozenset[str]:
    """The risk factors that some rule names together with this finding (the recent operation
    or long journey of the clot rules, for the swollen calf)."""
    index = _index(atlas)
    return frozenset(
        f for rule in index.by_finding.get(finding_id, []) for f in index.risks[rule.id]
    )


def _through_rules(
    atlas: Atlas,
    fid: str,
    rules: Sequence[RedFlag],
    ctx: Context,
    answered: Iterable[str],
    current: int,
    index: _Index | None = None,
    *,
    anchors: bool = True,
) -> int:
    """The highest level a 'yes' to ``fid`` reaches through a supported rule, else -1.

    Other unanswered risk factors of the same rule are taken as possible ('yes'), since
    they would be asked next; warning signs must really have been answered 'yes'.
    ``anchors=False`` leaves out the rules that need ``fid`` itself (``all``): a sign of
    another part of the body is not asked just because a partner sign was answered yes.
    """
    if not rules:
        return -1
    index = index or _index(atlas)
    done = answered if isinstance(answered, (set, frozenset, dict)) else set(answered)
    best = -1
    for rule in rules:
        if rank_of(rule.level) <= current or not _supported(rule, fid, ctx, index.named[rule.id]):
            continue
        if fid in rule.any and not ctx.yes.issuperset(rule.all):
            continue  # ask what the rule needs first (a fall before fragile bones)
        if not anchors and fid in rule.all:
            continue
        unanswered = {f for f in index.risks[rule.id] if f not in done}
        trial = ctx.with_yes({fid, *unanswered})
        if fires(rule, trial):
            best = max(best, rank_of(rule.level))
    return best


def _linked(atlas: Atlas, muscles: Sequence[str]) -> set[str]:
    """Findings of the red flags linked to these muscles."""
    out: set[str] = set()
    for muscle_id in muscles:
        muscle = atlas.muscles.get(muscle_id)
        for rule_id in muscle.red_flags if muscle is not None else []:
            rule = atlas.red_flags[rule_id]
            out.update([*rule.all, *rule.any])
    return out


def _asked_for(finding: Finding, ctx: Context) -> bool:
    return "any" in finding.ask_for or not ctx.areas.isdisjoint(finding.ask_for)


def _yes_level(finding: Finding, rules: Sequence[RedFlag], ctx: Context, current: int) -> int:
    """The level a 'yes' to this sign gives: only rules that name it can newly fire."""
    trial = ctx.with_yes({finding.id})
    fired = [rank_of(r.level) for r in rules if fires(r, trial)]
    floor = rank_of(finding.floor) if finding.floor is not None else 0
    return max([current, floor, *fired])


def _dangers(
    atlas: Atlas,
    finding: Finding,
    rules: Sequence[RedFlag],
    ctx: Context,
    evidence: Evidence,
    linked: set[str],
    current: int,
    index: _Index | None = None,
) -> tuple[int, int]:
    """How far a 'yes' to this open question could raise the level; -1 if not relevant.

    Two answers from one evaluation: without and with the findings ``linked`` to the
    leading muscles (a linked warning sign counts even where it was not asked for).
    """
    if finding.category not in ("red_flag", "risk_factor"):
        return -1, -1
    asked = _asked_for(finding, ctx)
    # A warning sign of a part of the body that is not marked (a headache for belly pain) is
    # not asked because a partner sign (vomiting) was answered yes, unless a leading muscle
    # links it.
    anchors = asked or not ctx.areas or finding.category == "risk_factor"
    answers = evidence.answers
    through = _through_rules(
        atlas, finding.id, rules, ctx, answers, current, index, anchors=anchors
    )
    if finding.category == "risk_factor" or (not asked and finding.id not in linked):
        return through, through
    through_linked = (
        through
        if anchors
        else _through_rules(atlas, finding.id, rules, ctx, answers, current, index)
    )
    gain = _yes_level(finding, rules, ctx, current)
    raised = max(gain, through_linked) if gain > current else through_linked
    return (raised if asked else through), raised


def _scored(
    atlas: Atlas, evidence: Evidence, muscles: Sequence[str]
) -> tuple[int, list[tuple[int, str, int, int]]]:
    """The level the rules give now, and each open question's (order, id, danger alone,
    danger with the findings linked to ``muscles``)."""
    ctx = context(atlas, evidence)
    linked = _linked(atlas, muscles)
    index = _index(atlas)
    by_rules = rank_of(level_of(atlas, ctx))
    scored: list[tuple[int, str, int, int]] = []
    for order, finding in enumerate(atlas.findings.values()):
        if finding.category not in ("red_flag", "risk_factor"):
            continue
        if finding.id in evidence.answers or not _sex_fits(finding.sex, evidence.sex):
            continue
        if outside_ages(finding, evidence.age) is not None:
            continue
        rules = index.by_finding.get(finding.id, [])
        alone, with_linked = _dangers(atlas, finding, rules, ctx, evidence, linked, by_rules, index)
        scored.append((order, finding.id, alone, with_linked))
    return by_rules, scored


def _above(scored: list[tuple[int, str, int, int]], current: int, *, linked: bool) -> list[str]:
    """The questions whose 'yes' could go above ``current``, the most dangerous first."""
    chosen = sorted((-(near if linked else alone), o, f) for o, f, alone, near in scored)
    return [fid for danger, _o, fid in chosen if -danger > current]


def open_questions(
    atlas: Atlas, evidence: Evidence, muscles: Sequence[str] = (), *, floor: int | None = None
) -> tuple[list[str], list[str]]:
    """``(pending(atlas, evidence, floor=floor), relevant(atlas, evidence, muscles))``,
    from one pass over the findings (``rank`` needs both)."""
    by_rules, scored = _scored(atlas, evidence, muscles)
    current = by_rules if floor is None else max(floor, by_rules)
    return _above(scored, current, linked=False), _above(scored, by_rules, linked=True)


def relevant(
    atlas: Atlas, evidence: Evidence, muscles: Sequence[str] = (), *, floor: int | None = None
) -> list[str]:
    """Every open safety question for this evidence, the most dangerous first.

    ``floor``: the current level's rank if something outside the rules (a 'not sure'
    answer) already set it higher; a question matters only if it could go above it.
    """
    by_rules, scored = _scored(atlas, evidence, muscles)
    current = by_rules if floor is None else max(floor, by_rules)
    return _above(scored, current, linked=True)


def pending(atlas: Atlas, evidence: Evidence, *, floor: int | None = None) -> list[str]:
    """The relevant safety questions for the painful regions that are not answered yet."""
    return relevant(atlas, evidence, floor=floor)


def safety_questions(
    atlas: Atlas,
    evidence: Evidence,
    muscles: Sequence[str] = (),
    *,
    limit: int | None = SAFETY_LIMIT,
) -> list[str]:
    """The next open safety questions (at most ``limit``), the most dangerous first.

    They come from what the person marked (each warning sign's ``ask_for`` areas and the
    rules with a ``regions`` condition), from the red flags linked to ``muscles`` (the
    leading candidates), and from rules that an answer already given has started.
    """
    found = relevant(atlas, evidence, muscles)
    return found if limit is None else found[:limit]
