"""Docs that tests keep true."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from myomap.engine import Evidence, Model, rank
from myomap.engine.infer import posterior

ROOT = Path(__file__).resolve().parent.parent


def test_engine_worked_example_table_matches_the_engine(tiny: Model) -> None:
    text = (ROOT / "docs" / "engine.md").read_text()
    rows = dict(
        re.findall(
            r"^\| ([a-z ]+(?:\([a-z]+\))?|none of these muscles) \| ([0-9.]+) \|$", text, re.M
        )
    )
    assert len(rows) == 6
    ev = Evidence.model_validate(
        {"pain": [{"region": "back_r"}], "answers": {"pain_sitting": "yes"}}
    )
    p = posterior(tiny, ev)
    got = {f"{h.muscle} ({h.side})": float(p[i]) for i, h in enumerate(tiny.hypotheses)}
    got["none of these muscles"] = float(p[-1])
    assert rank(tiny, ev).candidates[0].probability == pytest.approx(got["alpha (right)"])
    for name, value in rows.items():
        assert got[name] == pytest.approx(float(value), abs=6e-5), name


def test_readme_shows_exactly_two_commands_first() -> None:
    text = (ROOT / "README.md").read_text()
    block = re.search(r"```sh\n(.*?)```", text, re.S)
    assert block is not None
    commands = [line.split("#")[0].strip() for line in block.group(1).splitlines() if line.strip()]
    assert commands == ["make run", "make test"]
    makefile = (ROOT / "Makefile").read_text()
    assert re.search(r"^run:", makefile, re.M) and re.search(r"^test:", makefile, re.M)


def test_ci_runs_the_readme_test_command() -> None:
    assert "make test" in (ROOT / ".ci" / "run").read_text()


def test_atlas_format_describes_every_muscle_field_and_rule() -> None:
    from myomap.atlas import RULES
    from myomap.atlas.schema import Muscle, TriggerPoint

    text = (ROOT / "docs" / "atlas-format.md").read_text()
    for name in [*Muscle.model_fields, *TriggerPoint.model_fields]:
        assert f"`{name}`" in text, name
    for code, rule in RULES.items():
        assert f"| {code} | {rule} |" in text, code


def test_evaluation_metrics_match_a_hand_computed_case(tiny: Model) -> None:
    """The numbers in docs/evaluation.md come from ``evaluate``; here it is checked against
    three cases worked out by hand on the tiny atlas, with the lookup baseline (muscles with
    an essential zone on a painful region, by essential matches, then spillover, then
    prevalence):

    - back_r and sacrum hurt, alpha expected: gamma (essential on sacrum, spillover on back)
      1st, alpha (essential on back only) 2nd;
    - thigh_r hurts, beta expected: beta is the only muscle with an essential zone there;
    - sacrum hurts, alpha expected: alpha has no zone there, so it is not ranked.

    top-1 = 1/3, top-3 = 2/3, MRR = (1/2 + 1 + 0) / 3 = 1/2.
    """
    from myomap.evaluation.vignettes import Vignette, evaluate

    def case(regions: list[str], muscle: str) -> Vignette:
        return Vignette.model_validate(
            {
                "id": "-".join(regions),
                "split": "dev",
                "title": muscle,
                "pain": [{"region": r, "intensity": 5} for r in regions],
                "expect": {"muscles": [{"muscle": muscle}], "triage": "self_care"},
            }
        )

    cases = [
        case(["back_r", "sacrum"], "alpha"),
        case(["thigh_r"], "beta"),
        case(["sacrum"], "alpha"),
    ]
    m = evaluate(tiny, cases, "lookup")
    assert (m.n, m.ranked) == (3, 3)
    assert m.top1 == pytest.approx(1 / 3)
    assert m.top3 == pytest.approx(2 / 3)
    assert m.mrr == pytest.approx(0.5)
    assert m.triage_accuracy == 1.0 and m.over_alarms == 0


def test_evaluation_doc_has_its_generated_tables() -> None:
    """docs/evaluation.md keeps a table per generated block, rows named as in ``Metrics``;
    `tools/eval_docs.py` rewrites them from the engine (run it after changing the engine)."""
    import sys

    from myomap.evaluation.vignettes import Metrics

    sys.path.insert(0, str(ROOT / "tools"))
    from eval_docs import BLOCKS, DOC, block

    text = DOC.read_text()
    for name in BLOCKS:
        tables = block(text, name)
        assert tables, f"docs/evaluation.md lost its {name} tables: run tools/eval_docs.py"
        for metric in ("top1", "top3", "mrr"):
            assert metric in Metrics.__dataclass_fields__
            assert f"| {metric} |" in tables, (name, metric)


def test_triage_vocabulary_table_lists_every_question_writers_may_label() -> None:
    """The table blind writers of eval sets label with (eval/*/README*.md name it) has one
    row per warning sign and risk factor, with the level a warning sign's "yes" reaches."""
    import sys

    from myomap.atlas import load_atlas

    sys.path.insert(0, str(ROOT / "tools"))
    from triage_vocabulary import table

    rows = {line.split(" | ")[0].lstrip("| "): line for line in table().splitlines()[6:]}
    findings = load_atlas().findings.values()
    asked = {f.id for f in findings if f.category in ("red_flag", "risk_factor")}
    assert set(rows) == asked
    saddle = rows["saddle_numbness"].split(" | ")
    assert saddle[1:3] == ["red_flag", "emergency"]
