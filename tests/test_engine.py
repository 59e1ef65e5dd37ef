"""The engine on a tiny hand-checked atlas, and its properties on the real one."""

from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from myomap.atlas import Atlas
from myomap.engine import Evidence, Model, lookup, mirror_evidence, next_question, rank
from myomap.engine.infer import entropy, posterior
from myomap.engine.model import ESSENTIAL, LEAK, OTHER_PRIOR, OTHER_REGION, SPILLOVER
from myomap.errors import EvidenceError

# The tiny atlas (tests/fixtures/atlas/valid): alpha refers to back (essential) and thigh
# (spillover), beta to thigh (essential), gamma (midline) to sacrum (essential) and both
# backs (spillover). Regions: back_r, back_l, thigh_r, thigh_l, sacrum.
E = 1 - (1 - LEAK) * (1 - ESSENTIAL)  # 0.608: an essential zone hurts
S = 1 - (1 - LEAK) * (1 - SPILLOVER)  # 0.216: a spillover zone hurts
N = LEAK  # 0.02: an unrelated region hurts


def hand_posterior() -> dict[str, float]:
    """Pain in back_r only, and 'yes' to pain_sitting (default 0.2, alpha 0.8)."""
    scale = (1 - OTHER_PRIOR) / (0.2 + 0.2 + 0.1 + 0.1 + 0.1)
    prior = {
        "alpha:right": 0.2 * scale,
        "alpha:left": 0.2 * scale,
        "beta:right": 0.1 * scale,
        "beta:left": 0.1 * scale,
        "gamma:midline": 0.1 * scale,
        "other": OTHER_PRIOR,
    }
    #            back_r    back_l     thigh_r    thigh_l    sacrum     pain_sitting
    like = {
        "alpha:right": E * (1 - N) * (1 - S) * (1 - N) * (1 - N) * 0.8,
        "alpha:left": N * (1 - E) * (1 - N) * (1 - S) * (1 - N) * 0.8,
        "beta:right": N * (1 - N) * (1 - E) * (1 - N) * (1 - N) * 0.2,
        "beta:left": N * (1 - N) * (1 - N) * (1 - E) * (1 - N) * 0.2,
        "gamma:midline": S * (1 - S) * (1 - N) * (1 - N) * (1 - E) * 0.2,
        "other": OTHER_REGION * (1 - OTHER_REGION) ** 4 * 0.2,
    }
    joint = {h: prior[h] * like[h] for h in prior}
    total = sum(joint.values())
    return {h: v / total for h, v in joint.items()}


BACK_R = Evidence.model_validate(
    {"pain": [{"region": "back_r", "intensity": 6}], "answers": {"pain_sitting": "yes"}}
)


def test_posterior_matches_the_hand_computation(tiny: Model) -> None:
    expected = hand_posterior()
    result = rank(tiny, BACK_R)
    got = {f"{c.muscle}:{c.side}": c.probability for c in result.candidates}
    assert got["alpha:right"] == pytest.approx(expected["alpha:right"], abs=1e-6)
    assert got["gamma:midline"] == pytest.approx(expected["gamma:midline"], abs=1e-6)
    assert result.other_probability == pytest.approx(expected["other"], abs=1e-6)
    assert result.candidates[0].muscle == "alpha" and result.candidates[0].side == "right"


def test_reasons_name_regions_and_answers(tiny: Model) -> None:
    top = rank(tiny, BACK_R).candidates[0]
    assert [(z.region, z.role) for z in top.explains] == [("back_r", "essential")]
    assert top.unexplained == []
    assert [a.finding for a in top.supporting] == ["pain_sitting"]
    assert top.supporting[0].weight == pytest.approx(math.log(0.8 / 0.2), abs=1e-3)


def test_a_no_answer_speaks_against(tiny: Model) -> None:
    ev = BACK_R.model_copy(update={"answers": {"pain_sitting": "no"}})
    top = next(c for c in rank(tiny, ev).candidates if c.muscle == "alpha")
    assert [a.finding for a in top.against] == ["pain_sitting"]
    assert top.against[0].weight == pytest.approx(math.log(0.2 / 0.8), abs=1e-3)


def test_explanation_set_combines_muscles_for_separate_areas(tiny: Model) -> None:
    ev = Evidence.model_validate(
        {"pain": [{"region": "back_r", "intensity": 5}, {"region": "thigh_l", "intensity": 5}]}
    )
    result = rank(tiny, ev)
    members = {(m.muscle, m.side) for m in result.explanation_set.members}
    assert members == {("alpha", "right"), ("beta", "left")}
    assert result.coverage == 1.0


def test_both_side_and_midline_referral(tiny: Model) -> None:
    ev = Evidence.model_validate(
        {"pain": [{"region": "sacrum"}, {"region": "back_l"}, {"region": "back_r"}]}
    )
    top = rank(tiny, ev).candidates[0]
    assert (top.muscle, top.side) == ("gamma", "midline")
    assert {z.region for z in top.explains} == {"sacrum", "back_l", "back_r"}


def test_next_question_has_the_largest_expected_information_gain(tiny: Model) -> None:
    ev = Evidence.model_validate({"pain": [{"region": "thigh_r"}]})  # beta_r or alpha_r?
    p = posterior(tiny, ev)
    question = next_question(tiny, ev)
    assert question is not None
    # Brute force: the gain of asking pain_sitting, from the posteriors after each answer.
    i = tiny.finding_index["pain_sitting"]
    p_yes = float(p @ tiny.yes[:, i])
    after = 0.0
    for answer, weight in (("yes", p_yes), ("no", 1 - p_yes)):
        post = posterior(tiny, ev.model_copy(update={"answers": {"pain_sitting": answer}}))
        after += weight * float(entropy(post))
    gain = float(entropy(p)) - after
    assert question.gain >= gain - 1e-3
    if question.kind == "finding":
        assert question.id == "pain_sitting"
        assert question.gain == pytest.approx(gain, abs=1e-3)


def test_stops_when_one_candidate_is_clear(tiny: Model) -> None:
    ev = Evidence.model_validate(
        {"pain": [{"region": "back_r"}, {"region": "thigh_r"}], "answers": {"pain_sitting": "yes"}}
    )
    result = rank(tiny, ev)
    if result.candidates[0].probability and result.candidates[0].probability >= 0.85:
        assert result.next_question is None and result.stop.done


def test_triage_runs_first_and_wins(tiny: Model) -> None:
    ev = BACK_R.model_copy(update={"answers": {"fever": "yes"}})
    result = rank(tiny, ev)
    assert result.triage.level == "see_doctor"
    assert [r.id for r in result.triage.reasons] == ["fever"]
    # Red-flag findings never rank muscles.
    assert rank(tiny, ev).candidates[0].supporting == []


def test_unknown_region_is_named_with_suggestions(tiny: Model) -> None:
    with pytest.raises(EvidenceError, match=r"'bak_r'.*back_r"):
        rank(tiny, Evidence.model_validate({"pain": [{"region": "bak_r"}]}))
    with pytest.raises(EvidenceError, match="back_l or back_r"):
        rank(tiny, Evidence.model_validate({"pain": [{"region": "back"}]}))


def test_bad_values_are_refused(tiny: Model) -> None:
    with pytest.raises(EvidenceError, match="out of range"):
        rank(tiny, Evidence.model_validate({"pain": [{"region": "back_r", "intensity": 11}]}))
    with pytest.raises(EvidenceError, match="pain_sittin"):
        rank(tiny, Evidence.model_validate({"answers": {"pain_sittin": "yes"}}))
    with pytest.raises(EvidenceError, match="Age"):
        rank(tiny, Evidence.model_validate({"age": 300}))


def test_lookup_orders_by_essential_then_spillover_then_prevalence(tiny: Model) -> None:
    ev = Evidence.model_validate({"pain": [{"region": "thigh_r"}, {"region": "back_r"}]})
    result = lookup(tiny, ev)
    order = [(c.muscle, c.side) for c in result.candidates]
    # alpha_r: 1 essential + 1 spillover; beta_r: 1 essential; gamma: 0 essential (excluded).
    assert order == [("alpha", "right"), ("beta", "right")]
    assert all(c.probability is None for c in result.candidates)


# --- properties on the real atlas --------------------------------------------------------


@st.composite
def evidence(draw: st.DrawFn, atlas: Atlas) -> Evidence:
    regions = draw(
        st.lists(st.sampled_from(sorted(atlas.regions)), min_size=1, max_size=5, unique=True)
    )
    ranking = sorted(f for f, x in atlas.findings.items() if x.category != "red_flag")
    answers = draw(
        st.dictionaries(st.sampled_from(ranking), st.sampled_from(["yes", "no"]), max_size=4)
    )
    pain = [{"region": r, "intensity": draw(st.integers(1, 10))} for r in regions]
    return Evidence.model_validate({"pain": pain, "answers": answers})


def _by_side(result_candidates: list[object]) -> dict[tuple[str, str], float]:
    return {(c.muscle, c.side): c.probability for c in result_candidates}  # type: ignore[attr-defined]


@settings(max_examples=60, deadline=None)
@given(data=st.data())
def test_mirroring_left_and_right_mirrors_the_result(data: st.DataObject, model: Model) -> None:
    ev = data.draw(evidence(model.atlas))
    p = posterior(model, ev)
    q = posterior(model, mirror_evidence(ev))
    flip = {"right": "left", "left": "right", "midline": "midline"}
    index = {(h.muscle, h.side): i for i, h in enumerate(model.hypotheses)}
    mirrored = np.array([q[index[(h.muscle, flip[h.side])]] for h in model.hypotheses])
    assert np.allclose(p[:-1], mirrored, atol=1e-9)
    assert p[-1] == pytest.approx(q[-1], abs=1e-9)


def test_iliopsoas_presentation_ranks_iliopsoas_first(model: Model) -> None:
    ev = Evidence.model_validate(
        {
            "pain": [
                {"region": "lumbar_paraspinal_r", "intensity": 6},
                {"region": "thigh_anterior_upper_r", "intensity": 4},
            ],
            "answers": {"pain_rising_from_sitting": "yes", "fever": "no"},
            "age": 41,
            "sex": "female",
        }
    )
    result = rank(model, ev)
    assert (result.candidates[0].muscle, result.candidates[0].side) == ("iliopsoas", "right")
    assert result.triage.level == "self_care"


def test_emergency_hides_muscle_advice(model: Model) -> None:
    ev = Evidence.model_validate(
        {"pain": [{"region": "sacrum"}], "answers": {"saddle_numbness": "yes"}}
    )
    result = rank(model, ev)
    assert result.triage.level == "emergency"
    assert result.triage.hide_muscle_advice and result.next_question is None
