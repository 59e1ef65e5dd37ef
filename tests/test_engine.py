"""The engine on a tiny hand-checked atlas, and its properties on the real one."""

from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from myomap.atlas import Atlas
from myomap.engine import Evidence, Model, lookup, mirror_evidence, next_question, rank
from myomap.engine.evidence import Pain
from myomap.engine.infer import (
    MAP_ONLY_CAP,
    entropy,
    log_joint,
    model_joint,
    normalise,
    observe,
    posterior,
)
from myomap.engine.model import Hypothesis, Params, compile_model
from myomap.engine.question import CONFIDENT
from myomap.engine.result import band
from myomap.errors import EvidenceError

# The tiny atlas (tests/fixtures/atlas/valid): alpha refers to back (essential) and thigh
# (spillover), beta to thigh (essential), gamma (midline) to sacrum (essential) and both
# backs (spillover). Regions: back_r, back_l, thigh_r, thigh_l, sacrum. Paired muscles have
# a right, a left and a "both sides" hypothesis.
P = Params()
E = 1 - (1 - P.leak) * (1 - P.essential)  # an essential zone is marked
S = 1 - (1 - P.leak) * (1 - P.spillover)  # a spillover zone is marked
N = P.leak  # an unrelated region is marked


def hand_posterior() -> dict[str, float]:
    """Pain in back_r only, and 'yes' to pain_sitting (default 0.2, alpha 0.8)."""
    one, both = (1 - P.bilateral) / 2, P.bilateral
    raw = {
        "alpha:right": 0.4 * one,
        "alpha:left": 0.4 * one,
        "alpha:both": 0.4 * both,
        "beta:right": 0.2 * one,
        "beta:left": 0.2 * one,
        "beta:both": 0.2 * both,
        "gamma:midline": 0.1,
    }
    prior = {h: v * (1 - P.other_prior) / sum(raw.values()) for h, v in raw.items()}
    prior["other"] = P.other_prior
    #                  back_r    back_l     thigh_r    thigh_l    sacrum
    regions = {
        "alpha:right": E * (1 - N) * (1 - S) * (1 - N) * (1 - N),
        "alpha:left": N * (1 - E) * (1 - N) * (1 - S) * (1 - N),
        "alpha:both": E * (1 - E) * (1 - S) * (1 - S) * (1 - N),
        "beta:right": N * (1 - N) * (1 - E) * (1 - N) * (1 - N),
        "beta:left": N * (1 - N) * (1 - N) * (1 - E) * (1 - N),
        "beta:both": N * (1 - N) * (1 - E) * (1 - E) * (1 - N),
        "gamma:midline": S * (1 - S) * (1 - N) * (1 - N) * (1 - E),
        # "None of these": a marked region has OTHER_REGION, an unmarked one costs the leak.
        "other": P.other_region * (1 - N) ** 4,
    }
    sitting = {h: 0.8 if h.startswith("alpha") else 0.2 for h in prior}
    joint = {
        h: prior[h] * regions[h] ** P.region_weight * sitting[h] ** P.finding_weight for h in prior
    }
    total = sum(joint.values())
    return {h: v / total for h, v in joint.items()}


BACK_R = Evidence.model_validate(
    {"pain": [{"region": "back_r", "intensity": 6}], "answers": {"pain_sitting": "yes"}}
)


def test_posterior_matches_the_hand_computation(tiny: Model) -> None:
    expected = hand_posterior()
    result = rank(tiny, BACK_R)
    got = {f"{c.muscle}:{c.side}": c.probability for c in result.candidates}
    for h in ("alpha:right", "gamma:midline"):
        assert got[h] == pytest.approx(expected[h], abs=1e-6), h
    # Each muscle is listed once, on its best side; beta is not listed (it refers to no
    # painful region). Every hypothesis has its posterior all the same.
    assert "alpha:both" not in got and "beta:right" not in got
    p = posterior(tiny, BACK_R)
    for h in ("alpha:both", "beta:right"):
        muscle, side = h.split(":")
        assert p[tiny.hypotheses.index(Hypothesis(muscle, side))] == pytest.approx(expected[h])
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
    # No symptom is answered yet, so the engine asks one before any further region.
    assert question is not None and question.kind == "finding"
    assert question.id == "pain_sitting"
    # Brute force over the hypotheses that refer pain to the marked thigh, and "none of
    # these muscles" (the tiny world has fewer of them than the focus): the entropy now
    # minus the expected entropy after Bayes' rule with each answer.
    col = tiny.region_index["thigh_r"]
    refers = np.flatnonzero((tiny.role[:, col] != 0) | tiny.near[:, col]).tolist()
    keep = [*refers, tiny.other]
    p = p[keep] / p[keep].sum()
    yes = tiny.yes[keep, tiny.finding_index["pain_sitting"]]
    p_yes = float(p @ yes)
    after = p_yes * float(entropy(p * yes / p_yes))
    after += (1 - p_yes) * float(entropy(p * (1 - yes) / (1 - p_yes)))
    assert question.gain == pytest.approx(float(entropy(p)) - after, abs=1e-3)


def test_a_region_question_is_weighed_as_already_seen(tiny: Model) -> None:
    # A region the person left unmarked hurts with P(hurts) - P(marked), out of P(unmarked).
    i, h = tiny.region_index["back_r"], tiny.hypotheses.index(Hypothesis("alpha", "right"))
    hurts = E / P.marked
    assert tiny.ask_yes[h, i] == pytest.approx((hurts - E) / (1 - E))
    assert tiny.ask_yes[h, i] < E  # a "yes" is less likely than for a fresh question
    # A "no" when asked counts more than leaving the region unmarked.
    marked = Evidence.model_validate({"pain": [{"region": "thigh_r"}]})
    denied = Evidence.model_validate(
        {"pain": [{"region": "thigh_r"}, {"region": "back_r", "intensity": 0}]}
    )
    beta = tiny.hypotheses.index(Hypothesis("beta", "right"))
    before = model_joint(tiny, observe(tiny, marked))
    after = model_joint(tiny, observe(tiny, denied))
    shift = (after[h] - after[beta]) - (before[h] - before[beta])
    expected = math.log((1 - hurts) / (1 - E)) - math.log((1 - N / P.marked) / (1 - N))
    assert shift == pytest.approx(P.region_weight * expected)


def test_the_map_alone_claims_at_most_the_cap(tiny: Model) -> None:
    ev = Evidence.model_validate({"pain": [{"region": "back_r"}, {"region": "thigh_r"}]})
    model_p = normalise(model_joint(tiny, observe(tiny, ev)))
    shown = posterior(tiny, ev)
    assert model_p[:-1].max() > MAP_ONLY_CAP  # the untempered model claims more
    assert shown[:-1].max() == pytest.approx(MAP_ONLY_CAP, abs=1e-4)
    assert list(np.argsort(-shown)) == list(np.argsort(-model_p))  # same order
    assert posterior(tiny, BACK_R)[0] > MAP_ONLY_CAP  # every symptom answered: map in full
    assert np.allclose(
        log_joint(tiny, observe(tiny, BACK_R)), model_joint(tiny, observe(tiny, BACK_R))
    )


def test_the_map_alone_never_ends_the_interview(tiny: Model) -> None:
    ev = Evidence.model_validate({"pain": [{"region": "back_r"}, {"region": "thigh_r"}]})
    result = rank(tiny, ev)
    assert result.candidates[0].muscle == "alpha"
    assert not result.stop.done
    assert result.next_question is not None and result.next_question.kind == "finding"


def test_stops_when_one_candidate_is_clear(tiny: Model) -> None:
    ev = Evidence.model_validate(
        {"pain": [{"region": "back_r"}, {"region": "thigh_r"}], "answers": {"pain_sitting": "yes"}}
    )
    result = rank(tiny, ev)
    top = result.candidates[0]
    assert (top.muscle, top.side) == ("alpha", "right")
    assert top.probability is not None and top.probability >= CONFIDENT
    assert result.next_question is None and result.stop.done


def test_a_bilateral_pattern_is_one_hypothesis(tiny: Model) -> None:
    ev = Evidence.model_validate({"pain": [{"region": "back_r"}, {"region": "back_l"}]})
    top = rank(tiny, ev).candidates[0]
    assert (top.muscle, top.side) == ("alpha", "both")
    assert {(z.region, z.role) for z in top.explains} == {
        ("back_r", "essential"),
        ("back_l", "essential"),
    }


def test_a_neighbouring_region_gets_partial_credit(tiny_atlas: Atlas) -> None:
    near = compile_model(tiny_atlas, adjacency={"sacrum": ("back_r",), "back_r": ("sacrum",)})
    h, r = near.hypotheses.index(Hypothesis("alpha", "right")), near.region_index["sacrum"]
    chance = P.neighbour * P.essential
    assert math.exp(near.log_pain[h, r]) == pytest.approx(1 - (1 - P.leak) * (1 - chance))
    ev = Evidence.model_validate({"pain": [{"region": "back_r"}, {"region": "sacrum"}]})
    alpha = next(c for c in rank(near, ev).candidates if (c.muscle, c.side) == ("alpha", "right"))
    assert ("sacrum", "near") in {(z.region, z.role) for z in alpha.explains}
    assert alpha.unexplained == []


def test_the_most_intense_region_speaks_for_its_essential_muscle(tiny: Model) -> None:
    def odds(thigh: int) -> float:
        ev = Evidence.model_validate(
            {
                "pain": [
                    {"region": "back_r", "intensity": 5},
                    {"region": "thigh_r", "intensity": thigh},
                ]
            }
        )
        j = model_joint(tiny, observe(tiny, ev))
        beta = tiny.hypotheses.index(Hypothesis("beta", "right"))
        return float(j[beta] - j[tiny.hypotheses.index(Hypothesis("alpha", "right"))])

    # Thigh most intense: essential for beta, spillover for alpha; equal: no information.
    assert odds(8) - odds(5) == pytest.approx(-P.region_weight * math.log(P.peak))


def test_wording_bands() -> None:
    assert [band(p) for p in (0.9, 0.5, 0.49, 0.2, 0.19, 0.0)] == [
        "likely",
        "likely",
        "possible",
        "possible",
        "less likely",
        "less likely",
    ]
    assert band(None) is None


def test_every_candidate_carries_its_band(tiny: Model) -> None:
    data = rank(tiny, BACK_R).model_dump()
    assert [c["band"] for c in data["candidates"]] == [
        band(c["probability"]) for c in data["candidates"]
    ]
    assert data["candidates"][0]["band"] == "likely"


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
    flip = {"right": "left", "left": "right", "both": "both", "midline": "midline"}
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


SEED = Evidence.model_validate(
    {
        "pain": [
            {"region": "lumbar_paraspinal_r", "intensity": 6},
            {"region": "sacroiliac_r", "intensity": 5},
            {"region": "thigh_anterior_upper_r", "intensity": 4},
        ]
    }
)


def test_the_seed_map_alone_is_not_a_verdict(model: Model) -> None:
    result = rank(model, SEED)
    top = result.candidates[0]
    assert top.muscle == "iliopsoas"
    assert top.probability is not None and top.probability <= MAP_ONLY_CAP + 1e-9
    assert not result.stop.done
    assert result.next_question is not None and result.next_question.kind == "finding"
    muscles = [c.muscle for c in result.candidates]
    assert len(muscles) == len(set(muscles))  # each muscle once, on its best side


def test_figure_neighbours_stay_on_one_side(model: Model) -> None:
    near = model.neighbours["lumbar_paraspinal_r"]
    assert "sacroiliac_r" in near and "lumbar_paraspinal_r" not in near
    assert all(not r.endswith("_l") for r in near)
    assert all(a in model.neighbours[b] for a in model.neighbours for b in model.neighbours[a])


@pytest.mark.parametrize("region", ["sternum", "heel_r", "abdomen_lower_r", "occiput_l"])
def test_the_next_question_is_about_muscles_that_explain_the_map(model: Model, region: str) -> None:
    """A common muscle far from the marked pain must not steer the interview: the question
    asked must be one that some muscle referring to the marked region answers differently."""
    result = rank(model, Evidence(pain=[Pain(region=region, intensity=6)]))
    question = result.next_question
    assert question is not None and question.kind == "finding"
    col = model.region_index[region]
    refers = (model.role[:, col] != 0) | model.near[:, col]
    finding = model.finding_index[question.id]
    default = model.atlas.findings[question.id].default
    assert np.any(model.yes[:-1][refers, finding] != default), question.id
