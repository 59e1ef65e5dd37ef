"""Which safety questions are still open, and how far a 'yes' to each could raise the level.

A question is *relevant* when a "yes" could raise the level above the current one and it
concerns what the person marked: the body areas in the finding's ``ask_for`` (or ``any``),
the red flags linked to the leading muscles, or a rule it would complete together with an
answer already given or a painful region. Risk factors are relevant only through a rule
(they raise the level only next to a sign or a painful region).

Every request weighs the open questions, so the weighing looks only where an answer can
matter: the rules that could still fire above the current level for this body map and
person (``_able``), and the questions asked for a marked area, linked to a leading muscle or
named by a rule already started. ``tests/test_safety_scoring.py`` checks that this gives
exactly what weighing every question through every rule gives.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from myomap.atlas.model import Atlas
from myomap.atlas.schema import Finding, RedFlag
from myomap.engine.evidence import Evidence
from myomap.engine.safety import (
    Context,
    RuleIndex,
    answers_hold,
    context,
    fires,
    level_of,
    outside_ages,
    person_fits,
    rank_of,
    regions_match,
    rule_index,
    sex_fits,
)

__all__ = ["SAFETY_LIMIT", "open_questions", "pending", "relevant", "safety_questions"]

SAFETY_LIMIT = 5
"""Safety questions offered at a time: a handful, the most dangerous first."""

Scored = list[tuple[int, str, int, int]]
"""Open questions as (catalogue order, finding id, danger alone, danger with linked)."""


def _supported(rule: RedFlag, fid: str, ctx: Context, named: frozenset[str]) -> bool:
    """The rule already has something going for it besides ``fid``: a 'yes' or a region.

    ``named``: the findings the rule names (in ``all`` or ``any``)."""
    others = any(f != fid for f in ctx.yes & named)
    return others or bool(rule.regions and regions_match(rule, ctx))


def _through_rules(
    fid: str,
    rules: Sequence[RedFlag],
    ctx: Context,
    answered: Iterable[str],
    current: int,
    index: RuleIndex,
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
    """The level a 'yes' to this sign gives: only rules that name it can newly fire.

    ``rules``: the rules naming it whose regions match and whose person fits (``_able``)."""
    yes = ctx.yes | {finding.id}
    fired = [rank_of(r.level) for r in rules if answers_hold(r, yes)]
    floor = rank_of(finding.floor) if finding.floor is not None else 0
    return max([current, floor, *fired])


def _dangers(
    finding: Finding,
    rules: Sequence[RedFlag],
    ctx: Context,
    evidence: Evidence,
    linked: set[str],
    current: int,
    index: RuleIndex,
    started: Sequence[RedFlag],
) -> tuple[int, int]:
    """How far a 'yes' to this open question could raise the level; -1 if not relevant.

    ``rules``: the rules that name the finding, ``started`` those of them that something
    already supports (rules that cannot fire above ``current`` may be left out of both).
    Two answers from one evaluation: without and with the findings ``linked`` to the
    leading muscles (a linked warning sign counts even where it was not asked for).
    """
    asked = _asked_for(finding, ctx)
    # A warning sign of a part of the body that is not marked (a headache for belly pain) is
    # not asked because a partner sign (vomiting) was answered yes, unless a leading muscle
    # links it.
    anchors = asked or not ctx.areas or finding.category == "risk_factor"
    answers = evidence.answers
    through = _through_rules(finding.id, started, ctx, answers, current, index, anchors=anchors)
    if finding.category == "risk_factor" or (not asked and finding.id not in linked):
        return through, through
    through_linked = (
        through if anchors else _through_rules(finding.id, started, ctx, answers, current, index)
    )
    gain = _yes_level(finding, rules, ctx, current)
    raised = max(gain, through_linked) if gain > current else through_linked
    return (raised if asked else through), raised


def _able(index: RuleIndex, ctx: Context, current: int) -> dict[str, RedFlag]:
    """The rules that could still raise the level for this body map and person, by id.

    Whether a rule's regions match and the person fits does not depend on the answers, and
    a rule at or below ``current`` cannot raise it."""
    able: dict[str, RedFlag] = {}
    for rank, rule, anyone in index.by_rank:
        if rank <= current:
            break
        if anyone or (regions_match(rule, ctx) and person_fits(rule, ctx)):
            able[rule.id] = rule
    return able


def _started(index: RuleIndex, ctx: Context, able: dict[str, RedFlag]) -> set[str]:
    """The able rules that a painful region or a 'yes' already supports."""
    return {
        rule_id
        for rule_id, rule in able.items()
        if rule.regions or not ctx.yes.isdisjoint(index.named[rule_id])
    }


def _weighed(index: RuleIndex, ctx: Context, linked: set[str], started: set[str]) -> set[str]:
    """The only questions whose danger can come out above -1: asked for a marked area (or
    anywhere), linked to a leading muscle, or named by a started rule."""
    out = set(index.asked_for.get("any", ()))
    for area in ctx.areas:
        out.update(index.asked_for.get(area, ()))
    out.update(linked, *(index.named[rule_id] for rule_id in started))
    return out


def _scored(atlas: Atlas, evidence: Evidence, muscles: Sequence[str]) -> tuple[int, Scored]:
    """The level the rules give now, and each open question's (order, id, danger alone,
    danger with the findings linked to ``muscles``); questions that cannot raise the level
    are left out."""
    ctx = context(atlas, evidence)
    linked = _linked(atlas, muscles)
    index = rule_index(atlas)
    by_rules = rank_of(level_of(atlas, ctx))
    able = _able(index, ctx, by_rules)
    started = _started(index, ctx, able)
    scored: Scored = []
    weighed = _weighed(index, ctx, linked, started) & index.questions.keys()
    for fid in sorted(weighed, key=index.questions.__getitem__):
        finding = atlas.findings[fid]
        if fid in evidence.answers or not sex_fits(finding.sex, evidence.sex):
            continue
        if outside_ages(finding, evidence.age) is not None:
            continue
        rules = [r for r in index.by_finding.get(fid, ()) if r.id in able]
        supported = [r for r in rules if r.id in started]
        dangers = _dangers(finding, rules, ctx, evidence, linked, by_rules, index, supported)
        scored.append((index.questions[fid], fid, *dangers))
    return by_rules, scored


def _above(scored: Scored, current: int, *, linked: bool) -> list[str]:
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
