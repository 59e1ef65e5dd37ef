"""The open safety questions, weighed only where an answer can matter, are exactly those that
weighing every warning sign and risk factor through every rule gives.

``safety_questions._scored`` skips the rules that cannot fire above the current level for
this body map and person, and the questions no marked area, leading muscle or started rule
reaches. The reference here is the plain definition: every open question, every rule that
names it, and a 'yes' tried through each with ``fires``.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from myomap.atlas import Atlas
from myomap.atlas.schema import Finding
from myomap.engine.evidence import Evidence
from myomap.engine.safety import (
    Context,
    context,
    fired_rules,
    fires,
    level_of,
    outside_ages,
    rank_of,
    rule_index,
    sex_fits,
)
from myomap.engine.safety_weighing import _above, _linked, _through_rules, open_questions

ANSWERS = st.sampled_from(["yes", "yes", "no", "unknown"])


def reference_dangers(
    atlas: Atlas, finding: Finding, ctx: Context, evidence: Evidence, linked: set[str], current: int
) -> tuple[int, int]:
    """How far a 'yes' could raise the level (alone, with linked), through every rule."""
    index = rule_index(atlas)
    rules = index.by_finding.get(finding.id, [])
    asked = "any" in finding.ask_for or not ctx.areas.isdisjoint(finding.ask_for)
    anchors = asked or not ctx.areas or finding.category == "risk_factor"
    answers = evidence.answers
    through = _through_rules(finding.id, rules, ctx, answers, current, index, anchors=anchors)
    if finding.category == "risk_factor" or (not asked and finding.id not in linked):
        return through, through
    if not anchors:
        through_linked = _through_rules(finding.id, rules, ctx, answers, current, index)
    else:
        through_linked = through
    trial = ctx.with_yes({finding.id})
    floor = rank_of(finding.floor) if finding.floor is not None else 0
    gain = max([current, floor, *(rank_of(r.level) for r in rules if fires(r, trial))])
    raised = max(gain, through_linked) if gain > current else through_linked
    return (raised if asked else through), raised


def reference(
    atlas: Atlas, evidence: Evidence, muscles: Sequence[str], floor: int | None
) -> tuple[list[str], list[str]]:
    """``open_questions`` by its definition, with nothing skipped."""
    ctx = context(atlas, evidence)
    linked = _linked(atlas, muscles)
    by_rules = rank_of(level_of(atlas, ctx))
    scored = []
    for order, finding in enumerate(atlas.findings.values()):
        if finding.category not in ("red_flag", "risk_factor"):
            continue
        if finding.id in evidence.answers or not sex_fits(finding.sex, evidence.sex):
            continue
        if outside_ages(finding, evidence.age) is not None:
            continue
        alone, near = reference_dangers(atlas, finding, ctx, evidence, linked, by_rules)
        scored.append((order, finding.id, alone, near))
    current = by_rules if floor is None else max(floor, by_rules)
    return _above(scored, current, linked=False), _above(scored, by_rules, linked=True)


def reference_fired(atlas: Atlas, ctx: Context) -> list[str]:
    """``fired_rules`` by its definition: every rule tried."""
    fired = [rule for rule in atlas.red_flags.values() if fires(rule, ctx)]
    return [rule.id for rule in sorted(fired, key=lambda r: -rank_of(r.level))]


def draw(data: st.DataObject, atlas: Atlas) -> dict[str, Any]:
    safety = sorted(
        f.id for f in atlas.findings.values() if f.category in ("red_flag", "risk_factor")
    )
    regions = data.draw(st.lists(st.sampled_from(sorted(atlas.regions)), max_size=5, unique=True))
    return {
        "pain": [{"region": r, "intensity": 5} for r in regions],
        "answers": data.draw(st.dictionaries(st.sampled_from(safety), ANSWERS, max_size=6)),
        "age": data.draw(st.none() | st.integers(min_value=0, max_value=95)),
        "sex": data.draw(st.sampled_from([None, "female", "male"])),
    }


@settings(max_examples=400, deadline=None)
@given(data=st.data())
def test_weighing_where_it_matters_gives_what_weighing_everything_gives(
    data: st.DataObject, atlas: Atlas
) -> None:
    evidence = Evidence.model_validate(draw(data, atlas))
    muscles = data.draw(st.lists(st.sampled_from(sorted(atlas.muscles)), max_size=5))
    floor = data.draw(st.none() | st.integers(min_value=0, max_value=3))
    assert open_questions(atlas, evidence, muscles, floor=floor) == reference(
        atlas, evidence, muscles, floor
    )


@settings(max_examples=300, deadline=None)
@given(data=st.data())
def test_the_rules_that_fire_are_found_through_the_index(data: st.DataObject, atlas: Atlas) -> None:
    ctx = context(atlas, Evidence.model_validate(draw(data, atlas)))
    assert [rule.id for rule in fired_rules(atlas, ctx)] == reference_fired(atlas, ctx)
