"""docs/safety.md stays true: every verifying test it names exists, every hazard has one,
and its floor table matches the atlas.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

from myomap.atlas import Atlas

ROOT = Path(__file__).resolve().parent.parent
DOC = ROOT / "docs" / "safety.md"
TEST_REF = re.compile(r"`(tests/[\w/]+\.py)::(\w+)`")
FLOOR_ROW = re.compile(r"^\| `(\w+)` \| (emergency|urgent|see_doctor) \|")


def _doc() -> str:
    return DOC.read_text(encoding="utf-8")


def _test_names(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    return {
        node.name
        for node in ast.walk(tree)
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef) and node.name.startswith("test")
    }


def test_every_listed_test_exists() -> None:
    refs = TEST_REF.findall(_doc())
    assert len(refs) >= 30
    missing = []
    for file, name in refs:
        path = ROOT / file
        if not path.is_file() or name not in _test_names(path):
            missing.append(f"{file}::{name}")
    assert missing == []


def test_every_hazard_has_causes_controls_and_a_verifying_test() -> None:
    sections = re.split(r"^### ", _doc(), flags=re.MULTILINE)[1:]
    hazards = [s for s in sections if re.match(r"H\d+ ", s)]
    assert len(hazards) >= 10
    for section in hazards:
        title = section.splitlines()[0]
        assert "- Causes:" in section, title
        assert "- Controls:" in section, title
        assert "- Verified by:" in section, title
        assert TEST_REF.search(section), title


def test_the_floor_table_matches_the_atlas(atlas: Atlas) -> None:
    rows = {m.group(1): m.group(2) for line in _doc().splitlines() if (m := FLOOR_ROW.match(line))}
    floors = {f.id: f.floor for f in atlas.findings.values() if f.category == "red_flag"}
    assert rows == floors
