"""The guideline-based triage cases (eval/triage/vignettes.yaml, the later blind dev sets
vignettes_dev2.yaml to vignettes_dev10.yaml, the held-out sets vignettes_holdout2.yaml and
vignettes_holdout3.yaml) through triage().

The cases were written from public guidance without the rules; their expected level is what
the cited page says. No case may end below it (under-triage), and no muscle-like mimic
answered "no" to every warning sign may be sent to a doctor (over-triage).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from myomap.atlas import Atlas
from myomap.engine.evidence import validate_evidence
from myomap.engine.result import Triage
from myomap.engine.safety import LEVELS
from myomap.engine.urgency import triage
from myomap.evaluation.triage import TriageCase, load_triage_cases

TRIAGE = Path(__file__).parent.parent / "eval" / "triage"
CASES = [
    c
    for name in (
        "vignettes.yaml",
        "vignettes_dev2.yaml",
        "vignettes_dev3.yaml",
        "vignettes_dev4.yaml",
        "vignettes_dev5.yaml",
        "vignettes_dev6.yaml",
        "vignettes_dev7.yaml",
        "vignettes_dev8.yaml",
        "vignettes_dev9.yaml",
        "vignettes_dev10.yaml",
        "vignettes_holdout2.yaml",
        "vignettes_holdout3.yaml",
    )
    for c in load_triage_cases(TRIAGE / name)
]


KNOWN_OVER = {
    "v023": "see_doctor",
    "x031": "see_doctor",
    "x048": "see_doctor",
    "z051": "see_doctor",
}
"""Cases the model answers higher by design, with the level it gives: v023 (the jaw sign at
28), x031 and z051 (nerve pain down the leg, early or improving) say "yes" to a warning sign,
which is never met with self-care; x048 has pain in every body area for months, which the
widespread-pain rule sends to a doctor even though one has already seen it (README_dev3.md,
README_dev4.md, README_dev6.md)."""

KNOWN_UNDER: dict[str, str] = {}
"""Under-calls no question can reach yet, with the level given. A listed case fails the test
once it is reached, so that its entry goes. (Empty since the four gap cases of README_dev8.md
got their rules: pelvic girdle pain in pregnancy, a stress fracture, exertional compartment
syndrome, shingles pain before the rash.)"""


def run(atlas: Atlas, case: TriageCase) -> Triage:
    return triage(atlas, validate_evidence(atlas, case.evidence()))


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_no_case_ends_below_the_level_its_guidance_gives(atlas: Atlas, case: TriageCase) -> None:
    result = run(atlas, case)
    expected = case.expect.triage
    if case.id in KNOWN_UNDER:
        assert result.level == KNOWN_UNDER[case.id], (case.id, [r.id for r in result.reasons])
        return
    assert LEVELS.index(result.level) >= LEVELS.index(expected), (
        case.id,
        case.condition,
        [r.id for r in result.reasons],
    )
    if case.id in KNOWN_OVER:
        assert result.level == KNOWN_OVER[case.id], (case.id, [r.id for r in result.reasons])
    elif not case.expect.minimum:
        assert result.level == expected, (case.id, [r.id for r in result.reasons])


def test_mimics_are_not_over_triaged_and_never_told_no_warning_signs_early(
    atlas: Atlas,
) -> None:
    mimics = [c for c in CASES if c.condition == "muscular" and c.id not in KNOWN_OVER]
    assert mimics
    for case in mimics:
        result = run(atlas, case)
        assert result.level == "self_care", (case.id, [r.id for r in result.reasons])
        if not result.checked:
            assert "No warning signs" not in result.message
