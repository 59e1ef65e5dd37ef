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


def test_evaluation_tables_match_the_engine() -> None:
    import sys

    sys.path.insert(0, str(ROOT / "tools"))
    from eval_docs import DOC, block, tables

    text = DOC.read_text()
    for name, table in tables().items():
        assert block(text, name) == table, f"run tools/eval_docs.py ({name} tables are stale)"
