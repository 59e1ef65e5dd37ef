"""Triage against public guidance (eval/triage/): the scorer, and the safety bar itself."""

from __future__ import annotations

import dataclasses
import doctest
from pathlib import Path

import pytest

import myomap.evaluation.triage as scoring
from myomap.atlas import Atlas
from myomap.errors import EvidenceError
from myomap.evaluation.triage import load_triage_cases, score_triage, triage_markdown

CASES = Path(__file__).resolve().parents[1] / "eval" / "triage" / "vignettes.yaml"


def test_docstring_examples_run() -> None:
    failed, tried = doctest.testmod(scoring, verbose=False)
    assert tried > 0 and failed == 0


def test_the_set_covers_every_level_and_both_splits() -> None:
    cases = load_triage_cases(CASES)
    assert {c.expect.triage for c in cases} == {"self_care", "see_doctor", "urgent", "emergency"}
    assert {c.split for c in cases} == {"dev", "holdout"}
    assert all(c.basis for c in cases), "every case cites the guidance that sets its level"


def test_a_missing_rule_would_show_as_under_triage(atlas: Atlas) -> None:
    """The scorer does not ask the rules what to expect: an atlas without red-flag rules
    and floors under-triages the emergencies."""
    findings = {k: f.model_copy(update={"floor": None}) for k, f in atlas.findings.items()}
    bare = dataclasses.replace(atlas, red_flags={}, findings=findings)
    report = score_triage(bare, load_triage_cases(CASES))["all"]
    assert report.by_level["emergency"][1] > 0
    assert "Under-triaged cases:" in triage_markdown(
        {"dev": report, "holdout": report, "all": report}
    )


def test_a_bad_file_names_the_case_and_field(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("- {id: t1, split: dev, condition: x, title: y, expect: {triage: maybe}}\n")
    with pytest.raises(EvidenceError, match=r"case 1, expect\.triage"):
        load_triage_cases(bad)
