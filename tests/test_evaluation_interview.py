"""The simulated interview on the tiny hand-checked atlas."""

from __future__ import annotations

from pathlib import Path

from myomap.engine import Model
from myomap.evaluation.interview import (
    comment_kinds,
    interview_markdown,
    interview_report,
    simulate,
)
from myomap.evaluation.vignettes import Vignette, hit_rank


def vignette(**fields: object) -> Vignette:
    base: dict[str, object] = {
        "id": "t1",
        "split": "dev",
        "title": "t",
        "pain": [{"region": "thigh_r", "intensity": 5}],
        "expect": {"muscles": [{"muscle": "alpha", "side": "right"}], "triage": "self_care"},
    }
    return Vignette.model_validate({**base, **fields})


def test_the_interview_answers_from_the_vignette(tiny: Model) -> None:
    # Thigh only: beta leads on the map. The symptom comes first and its "yes" (alpha 0.8,
    # default 0.2) brings alpha level; then alpha's essential zone is asked, and it is not in
    # the vignette's pain list, so the answer is "no".
    v = vignette(interview={"pain_sitting": "yes"})
    talk = simulate(tiny, v)
    assert talk.asked == (("finding", "pain_sitting", "yes"), ("region", "back_r", "no"))
    assert talk.result.stop.done
    assert {c.muscle for c in talk.result.candidates[:2]} == {"alpha", "beta"}


def test_a_finding_the_vignette_lacks_is_unknown(tiny: Model) -> None:
    talk = simulate(tiny, vignette())
    assert talk.asked[0] == ("finding", "pain_sitting", "unknown")


def test_a_question_limit_is_kept(tiny: Model) -> None:
    assert simulate(tiny, vignette(), limit=0).asked == ()


def test_both_sides_count_for_either_listed_side(tiny: Model) -> None:
    bilateral = vignette(pain=[{"region": "back_r"}, {"region": "back_l"}])
    result = simulate(tiny, bilateral, limit=0).result
    assert (result.candidates[0].muscle, result.candidates[0].side) == ("alpha", "both")
    assert hit_rank(result, bilateral.expect) == 1
    elsewhere = vignette(
        pain=[{"region": "back_r"}, {"region": "back_l"}],
        expect={"muscles": [{"muscle": "alpha", "side": "midline"}], "triage": "self_care"},
    )
    assert hit_rank(result, elsewhere.expect) != 1


def test_report_by_split_and_kind(tiny: Model, tmp_path: Path) -> None:
    cases = [
        vignette(id="a", kind="partial"),
        vignette(id="b", split="holdout", kind="noisy"),
        vignette(
            id="c",
            kind="not_myofascial",
            expect={"muscles": [], "triage": "see_doctor"},
        ),
    ]
    report = interview_report(tiny, cases)
    assert set(report) == {"dev", "holdout", "all"}
    assert set(report["dev"]) == {"partial", "not_myofascial", "all kinds"}
    assert report["dev"]["all kinds"].cases == 2 and report["dev"]["all kinds"].ranked == 1
    assert report["dev"]["not_myofascial"].none_share > 0
    assert "| partial |" in interview_markdown(report)
    path = tmp_path / "v.yaml"
    path.write_text("- id: v001  # kind: multi\n  split: dev\n- id: v002 # kind: typical, x\n")
    assert comment_kinds([path]) == {"v001": "multi", "v002": "typical"}
