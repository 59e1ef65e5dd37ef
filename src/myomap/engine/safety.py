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
    "pending",
    "rank_of",
    "safety_questions",
]

LEVELS: tuple[TriageLevel, ...] = ("self_care", "see_doctor", "urgent", "emergency")
"""Triage levels from the mildest to the most serious."""

SAFETY_LIMIT = 5
"""Safety questions offered at a time: a handful, the most dangerous first."""

_OPPOSITE = {"male": "female", "female": "male"}


def rank_of(level: TriageLevel) -> int:
    """0 for self_care up to 3 for emergency."""
    return LEVELS.index(level)


@dataclass(frozen=True)
class Context:
    """What the rules look at: the 'yes' answers, the painful areas, age and sex."""

    yes: frozenset[str]
    areas: frozenset[str]
    age: int | None
    sex: str | None

    def with_yes(self, extra: Iterable[str]) -> Context:
        return Context(self.yes | frozenset(extra), self.areas, self.age, self.sex)


def context(atlas: Atlas, evidence: Evidence) -> Context:
    """The rule context of the evidence: painful region ids with their base ids and groups."""
    areas: set[str] = set()
    for region_id in evidence.painful():
        region = atlas.regions.get(region_id)
        areas.add(region_id)
        if region is not None:
            areas.update({region.base, region.group})
    yes = frozenset(f for f, a in evidence.answers.items() if a == "yes")
    return Context(yes, frozenset(areas), evidence.age, evidence.sex)


def _too_young(from_age: int | None, age: int | None) -> bool:
    """Known to be under the age from which guidance asks this; an unknown age is asked."""
    return from_age is not None and age is not None and age < from_age


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
    return not rule.regions or any(token in ctx.areas for token in rule.regions)


def fires(rule: RedFlag, ctx: Context) -> bool:
    """True if every condition of the rule holds (an unknown age or sex never rules it out)."""
    if not all(f in ctx.yes for f in rule.all):
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


def _supported(rule: RedFlag, fid: str, ctx: Context) -> bool:
    """The rule already has something going for it besides ``fid``: a 'yes' or a region."""
    others = any(f in ctx.yes for f in [*rule.all, *rule.any] if f != fid)
    return others or bool(rule.regions and _regions_match(rule, ctx))


def _unanswered_risks(atlas: Atlas, rule: RedFlag, answered: Iterable[str]) -> set[str]:
    done = set(answered)
    return {
        f
        for f in [*rule.all, *rule.any]
        if f not in done and atlas.findings[f].category == "risk_factor"
    }


def _by_finding(atlas: Atlas) -> dict[str, list[RedFlag]]:
    """The rules that name each finding (in ``all`` or ``any``)."""
    index: dict[str, list[RedFlag]] = {}
    for rule in atlas.red_flags.values():
        for fid in dict.fromkeys([*rule.all, *rule.any]):
            index.setdefault(fid, []).append(rule)
    return index


def _through_rules(
    atlas: Atlas,
    fid: str,
    rules: Sequence[RedFlag],
    ctx: Context,
    answered: Iterable[str],
    current: int,
) -> int:
    """The highest level a 'yes' to ``fid`` reaches through a supported rule, else -1.

    Other unanswered risk factors of the same rule are taken as possible ('yes'), since
    they would be asked next; warning signs must really have been answered 'yes'.
    """
    answered = list(answered)
    best = -1
    for rule in rules:
        if rank_of(rule.level) <= current or not _supported(rule, fid, ctx):
            continue
        if fid in rule.any and not all(f in ctx.yes for f in rule.all):
            continue  # ask what the rule needs first (a fall before fragile bones)
        trial = ctx.with_yes({fid, *_unanswered_risks(atlas, rule, answered)})
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
    return "any" in finding.ask_for or any(a in ctx.areas for a in finding.ask_for)


def _yes_level(finding: Finding, rules: Sequence[RedFlag], ctx: Context, current: int) -> int:
    """The level a 'yes' to this sign gives: only rules that name it can newly fire."""
    trial = ctx.with_yes({finding.id})
    fired = [rank_of(r.level) for r in rules if fires(r, trial)]
    floor = rank_of(finding.floor) if finding.floor is not None else 0
    return max([current, floor, *fired])


def _danger(
    atlas: Atlas,
    finding: Finding,
    rules: Sequence[RedFlag],
    ctx: Context,
    evidence: Evidence,
    linked: set[str],
    current: int,
) -> int:
    """How far a 'yes' to this open question could raise the level; -1 if not relevant."""
    through = _through_rules(atlas, finding.id, rules, ctx, evidence.answers, current)
    if finding.category == "risk_factor":
        return through
    if finding.category != "red_flag":
        return -1
    if _asked_for(finding, ctx) or finding.id in linked:
        gain = _yes_level(finding, rules, ctx, current)
        return max(gain, through) if gain > current else through
    return through


def relevant(
    atlas: Atlas, evidence: Evidence, muscles: Sequence[str] = (), *, floor: int | None = None
) -> list[str]:
    """Every open safety question for this evidence, the most dangerous first.

    ``floor``: the current level's rank if something outside the rules (a 'not sure'
    answer) already set it higher; a question matters only if it could go above it.
    """
    ctx = context(atlas, evidence)
    linked = _linked(atlas, muscles)
    index = _by_finding(atlas)
    by_rules = rank_of(level_of(atlas, ctx))
    current = by_rules if floor is None else max(floor, by_rules)
    scored: list[tuple[int, int, str]] = []
    for order, finding in enumerate(atlas.findings.values()):
        if finding.id in evidence.answers or not _sex_fits(finding.sex, evidence.sex):
            continue
        if _too_young(finding.ask_from_age, evidence.age):
            continue
        if finding.category not in ("red_flag", "risk_factor"):
            continue
        rules = index.get(finding.id, [])
        danger = _danger(atlas, finding, rules, ctx, evidence, linked, by_rules)
        if danger > current:
            scored.append((-danger, order, finding.id))
    return [fid for _d, _o, fid in sorted(scored)]


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
