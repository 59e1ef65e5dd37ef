"""docs/ontology.md lists the ontology ids the muscle files carry; every id is well formed."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent
MUSCLES = ROOT / "src" / "myomap" / "atlas" / "data" / "muscles"
DOC = ROOT / "docs" / "ontology.md"
KEYS = ("uberon", "fma", "snomed")
FORMATS = {
    "uberon": re.compile(r"^UBERON:\d{7}$"),
    "fma": re.compile(r"^FMA:\d+$"),
    "snomed": re.compile(r"^\d+$"),
}
HEADER = "| muscle | UBERON | FMA | SNOMED CT | verified from |"


def _muscle_files() -> list[Path]:
    return sorted(MUSCLES.glob("*.yaml"))


def _file_ids() -> dict[str, tuple[str | None, ...]]:
    ids = {}
    for path in _muscle_files():
        ontology = yaml.safe_load(path.read_text())["ontology"]
        assert set(ontology) == set(KEYS), path.name
        ids[path.stem] = tuple(ontology[key] for key in KEYS)
    return ids


def _doc_rows() -> list[list[str]]:
    lines = DOC.read_text().splitlines()
    start = lines.index(HEADER) + 2  # skip the header and the separator row
    rows = []
    for line in lines[start:]:
        if not line.startswith("|"):
            break
        rows.append([cell.strip() for cell in line.strip().strip("|").split("|")])
    return rows


def test_doc_table_has_one_row_per_muscle_file_in_file_name_order() -> None:
    assert [row[0] for row in _doc_rows()] == [path.stem for path in _muscle_files()]


def test_doc_table_ids_match_the_muscle_files() -> None:
    files = _file_ids()
    for row in _doc_rows():
        muscle, *cells, _source = row
        documented = tuple(None if cell == "—" else cell for cell in cells)
        assert documented == files[muscle], muscle


def test_rows_without_ids_say_not_verified_and_rows_with_ids_name_a_source() -> None:
    for muscle, *cells, source in _doc_rows():
        if all(cell == "—" for cell in cells):
            assert source == "not verified", muscle
        else:
            assert source and source != "not verified", muscle


@pytest.mark.parametrize("path", _muscle_files(), ids=lambda p: p.stem)
def test_ontology_ids_are_well_formed(path: Path) -> None:
    text = path.read_text()
    line = re.search(r"^ontology: .*$", text, re.M)
    assert line, "no one-line ontology field"
    ontology = yaml.safe_load(text)["ontology"]
    sources = set(yaml.safe_load(text).get("sources", []))
    for key in KEYS:
        value = ontology[key]
        if value is None:
            continue
        assert isinstance(value, str), f"{key} must be a quoted string"
        assert FORMATS[key].match(value), f"{key}: {value!r}"
        if key in ("uberon", "fma"):
            assert key in sources, f"{key} id given but {key!r} missing from sources"
