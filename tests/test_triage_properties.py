"""Properties of triage that must hold for any evidence (hypothesis).

- a "yes" never lowers the level;
- every warning sign alone (and with anything else) reaches its floor;
- warning-sign and risk-factor answers never change the muscle ranking;
- painful regions can only raise the level.
"""

from __future__ import annotations

from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from myomap.atlas import Atlas
from myomap.engine import Model, rank
from myomap.engine.evidence import Evidence
from myomap.engine.safety import LEVELS, outside_ages
from myomap.engine.urgency import triage

ANSWERS = st.sampled_from(["yes", "no", "unknown"])


def safety_ids(atlas: Atlas) -> list[str]:
    kinds = ("red_flag", "risk_factor")
    return sorted(f.id for f in atlas.findings.values() if f.category in kinds)


def draw_evidence(data: st.DataObject, atlas: Atlas) -> dict[str, Any]:
    regions = data.draw(st.lists(st.sampled_from(sorted(atlas.regions)), max_size=4, unique=True))
    answers = data.draw(st.dictionaries(st.sampled_from(safety_ids(atlas)), ANSWERS, max_size=8))
    return {
        "pain": [{"region": r, "intensity": 5} for r in regions],
        "answers": answers,
        "age": data.draw(st.none() | st.integers(min_value=0, max_value=100)),
        "sex": data.draw(st.sampled_from([None, "female", "male", "other"])),
    }


def level(atlas: Atlas, raw: dict[str, Any]) -> int:
    return LEVELS.index(triage(atlas, Evidence.model_validate(raw)).level)


@settings(max_examples=150, deadline=None)
@given(data=st.data())
def test_a_yes_never_lowers_the_level(data: st.DataObject, atlas: Atlas) -> None:
    raw = draw_evidence(data, atlas)
    fid = data.draw(st.sampled_from(safety_ids(atlas)))
    before = level(atlas, raw)
    after = level(atlas, {**raw, "answers": {**raw["answers"], fid: "yes"}})
    assert after >= before


@settings(max_examples=150, deadline=None)
@given(data=st.data())
def test_every_warning_sign_reaches_its_floor_whatever_else_is_known(
    data: st.DataObject, atlas: Atlas
) -> None:
    signs = sorted(f.id for f in atlas.findings.values() if f.category == "red_flag")
    fid = data.draw(st.sampled_from(signs))
    raw = draw_evidence(data, atlas)
    floor = atlas.findings[fid].floor
    assert floor is not None
    assert level(atlas, {"answers": {fid: "yes"}}) >= LEVELS.index(floor)
    if outside_ages(atlas.findings[fid], raw["age"]) is not None:
        return  # a sign defined by an age (a first back pain after 50, a child's new limp)
    assert level(atlas, {**raw, "answers": {**raw["answers"], fid: "yes"}}) >= LEVELS.index(floor)


@settings(max_examples=150, deadline=None)
@given(data=st.data())
def test_painful_regions_can_only_raise_the_level(data: st.DataObject, atlas: Atlas) -> None:
    raw = draw_evidence(data, atlas)
    marked = {p["region"] for p in raw["pain"]}
    extra = data.draw(st.sampled_from(sorted(set(atlas.regions) - marked)))
    more = {**raw, "pain": [*raw["pain"], {"region": extra, "intensity": 7}]}
    assert level(atlas, more) >= level(atlas, raw)


@settings(max_examples=40, deadline=None)
@given(data=st.data())
def test_safety_answers_never_change_the_muscle_ranking(
    data: st.DataObject, atlas: Atlas, model: Model
) -> None:
    regions = data.draw(st.lists(st.sampled_from(sorted(atlas.regions)), min_size=1, max_size=3))
    pain = [{"region": r, "intensity": 6} for r in dict.fromkeys(regions)]
    answers = data.draw(
        st.dictionaries(st.sampled_from(safety_ids(atlas)), ANSWERS, min_size=1, max_size=6)
    )
    plain = rank(model, Evidence.model_validate({"pain": pain}))
    flagged = rank(model, Evidence.model_validate({"pain": pain, "answers": answers}))

    def order(result: Any) -> list[tuple[str, str, float | None]]:
        return [(c.muscle, c.side, c.probability) for c in result.candidates]

    assert order(flagged) == order(plain)
