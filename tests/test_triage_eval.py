"""The guideline-based triage cases (eval/triage/vignettes.yaml) through triage().

The cases were written from public guidance without the rules; their expected level is what
the cited page says. No case may end below it (under-triage), and no muscle-like mimic
answered "no" to every warning sign may be sent to a doctor (over-triage).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from myomap.atlas import Atlas
from myomap.engine.evidence import Evidence, validate_evidence
from myomap.engine.safety import LEVELS
from myomap.engine.triage import triage

CASES = Path(__file__).parent.parent / "eval" / "triage" / "vignettes.yaml"


def load_cases() -> list[dict[str, Any]]:
    if not CASES.is_file():
        return []
    cases: list[dict[str, Any]] = yaml.safe_load(CASES.read_text(encoding="utf-8"))
    return cases


def evidence(atlas: Atlas, case: dict[str, Any]) -> Evidence:
    raw = {
        "pain": case.get("pain") or [],
        "answers": case.get("answers") or {},
        "age": case.get("age"),
        "sex": case.get("sex"),
    }
    return validate_evidence(atlas, Evidence.model_validate(raw))


CASE_LIST = load_cases()
pytestmark = pytest.mark.skipif(not CASE_LIST, reason="eval/triage/vignettes.yaml is not there")


@pytest.mark.parametrize("case", CASE_LIST, ids=[c["id"] for c in CASE_LIST])
def test_no_case_ends_below_the_level_its_guidance_gives(
    atlas: Atlas, case: dict[str, Any]
) -> None:
    result = triage(atlas, evidence(atlas, case))
    expected = case["expect"]["triage"]
    assert LEVELS.index(result.level) >= LEVELS.index(expected), (
        case["id"],
        case["condition"],
        [r.id for r in result.reasons],
    )
    if not case["expect"].get("minimum", False):
        assert result.level == expected, (case["id"], [r.id for r in result.reasons])


def test_mimics_are_not_over_triaged_and_never_told_no_warning_signs_early(
    atlas: Atlas,
) -> None:
    mimics = [c for c in CASE_LIST if c["condition"] == "muscular"]
    assert mimics
    for case in mimics:
        result = triage(atlas, evidence(atlas, case))
        assert result.level == "self_care", (case["id"], [r.id for r in result.reasons])
        if not result.checked:
            assert "No warning signs" not in result.message
