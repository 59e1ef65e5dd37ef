"""The atlas loads, passes every rule, and each rule has a fixture that makes it fail."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest
import yaml

from myomap.atlas import RULES, Atlas, check_atlas, load_atlas
from myomap.errors import AtlasError, NotFound

from conftest import FIXTURES, TINY

FAILING = FIXTURES / "atlas" / "failing"
REQUIRED_MUSCLES = {
    "iliopsoas", "quadratus_lumborum", "iliocostalis_lumborum", "iliocostalis_thoracis",
    "longissimus_thoracis", "multifidus_rotatores", "gluteus_maximus", "gluteus_medius",
    "gluteus_minimus", "piriformis", "tensor_fasciae_latae", "rectus_abdominis",
    "external_oblique", "internal_oblique", "serratus_posterior_inferior", "latissimus_dorsi",
    "rectus_femoris", "vastus_lateralis", "vastus_medialis", "adductor_longus_brevis",
    "adductor_magnus", "pectineus", "biceps_femoris", "medial_hamstrings", "sartorius",
    "gracilis", "levator_ani_coccygeus", "obturator_internus", "soleus", "gastrocnemius",
}  # fmt: skip


def test_built_in_atlas_has_no_problems() -> None:
    _raw, problems = check_atlas()
    assert [str(p) for p in problems] == []


def test_built_in_atlas_has_the_required_muscles(atlas: Atlas) -> None:
    assert set(atlas.muscles) >= REQUIRED_MUSCLES


def test_every_region_of_the_design_vocabulary_is_present(atlas: Atlas) -> None:
    import csv

    with (FIXTURES / "regions.csv").open() as f:
        rows = list(csv.DictReader(f))
    for row in rows:
        ids = [f"{row['id']}_l", f"{row['id']}_r"] if row["paired"] == "yes" else [row["id"]]
        for rid in ids:
            assert rid in atlas.regions, rid
            assert atlas.regions[rid].label.startswith(row["label"])


def test_every_muscle_has_sources_essential_zones_and_self_care(atlas: Atlas) -> None:
    for muscle in atlas.muscles.values():
        assert muscle.sources and muscle.prior.source in atlas.sources
        zones = [z for tp in muscle.trigger_points for z in tp.referral]
        assert any(z.role == "essential" for z in zones), muscle.id
        # a muscle that lies on nerves or vessels has no pressure step, only stretches
        assert muscle.self_care.pressure_release or muscle.self_care.stretches, muscle.id
        assert muscle.self_care.stretches or muscle.self_care.daily_life, muscle.id


def test_muscle_lookup_by_alias_and_suggestions(atlas: Atlas) -> None:
    assert atlas.muscle("psoas").id == "iliopsoas"
    assert atlas.muscle("Iliopsoas").id == "iliopsoas"
    with pytest.raises(NotFound, match="iliopsoas"):
        atlas.muscle("iliopsoa")


def test_version_changes_with_content(tmp_path: Path) -> None:
    copy = tmp_path / "atlas"
    shutil.copytree(TINY, copy)
    before = load_atlas(copy).version
    (copy / "atlas.yaml").write_text('title: tiny test atlas\nversion: "0.0.1"\n# edited\n')
    after = load_atlas(copy).version
    assert before.split("+")[0] == after.split("+")[0] and before != after


def _dig(data: Any, path: str) -> tuple[Any, str | int]:
    parts: list[str | int] = [int(p) if p.isdigit() else p for p in path.split(".")]
    for part in parts[:-1]:
        data = data[part]
    return data, parts[-1]


def apply_ops(root: Path, ops: list[dict[str, Any]]) -> None:
    """Apply a failing fixture's edits to a copy of the tiny atlas."""
    for op in ops:
        if "write" in op:
            (root / op["write"]).write_text(op["text"])
            continue
        name = op.get("set") or op["append"]
        path = root / name
        data = yaml.safe_load(path.read_text())
        if "append" in op:
            data.append(op["value"])
        else:
            parent, key = _dig(data, op["path"])
            parent[key] = op["value"]
        target = path
        if name.startswith("muscles/") and op.get("path") == "id":
            pass  # keep the old file name: that is the point of MYO013
        target.write_text(yaml.safe_dump(data, sort_keys=False))


def test_tiny_atlas_is_valid() -> None:
    _raw, problems = check_atlas(TINY)
    assert problems == []


@pytest.mark.parametrize("code", sorted(RULES))
def test_each_rule_has_a_failing_fixture(code: str, tmp_path: Path) -> None:
    fixture = FAILING / f"{code}.yaml"
    assert fixture.is_file(), f"rule {code} needs a failing fixture at {fixture}"
    spec = yaml.safe_load(fixture.read_text())
    assert spec["expect"] == code
    root = tmp_path / "atlas"
    shutil.copytree(TINY, root)
    apply_ops(root, spec["ops"])
    _raw, problems = check_atlas(root)
    codes = {p.code for p in problems}
    assert code in codes, [str(p) for p in problems]
    with pytest.raises(AtlasError, match=code):
        load_atlas(root)


def test_no_fixture_without_a_rule() -> None:
    assert {p.stem for p in FAILING.glob("*.yaml")} <= set(RULES)


def test_whole_body_atlas_has_at_least_80_muscles(atlas: Atlas) -> None:
    assert len(atlas.muscles) >= 80


def test_every_muscle_has_at_least_two_vignettes(atlas: Atlas) -> None:
    from myomap.evaluation.vignettes import load_vignettes

    root = FIXTURES.parent.parent / "eval"
    counts: dict[str, int] = {}
    for path in sorted(root.glob("vignettes*.yaml")):
        for v in load_vignettes(path):
            for target in v.expect.muscles:
                assert target.muscle in atlas.muscles, (v.id, target.muscle)
                counts[target.muscle] = counts.get(target.muscle, 0) + 1
    thin = {m: counts.get(m, 0) for m in atlas.muscles if counts.get(m, 0) < 2}
    assert thin == {}


@pytest.mark.parametrize(
    "text",
    [
        "press just outside the pulse of the femoral artery",
        "in the femoral triangle below the groin crease",
        "pinch beside the carotid at the front of the neck",
        "press into the hollow behind the knee",
        "lean on a ball over the kidneys",
        "slide the fingers deep in the armpit",
        "press on the bands above the collarbone",
    ],
)
def test_danger_site_words_are_found(text: str) -> None:
    from myomap.atlas.check import DANGER_SITES

    assert any(p.search(text) for p in DANGER_SITES.values()), text


def test_safe_places_are_not_danger_sites() -> None:
    from myomap.atlas.check import DANGER_SITES

    for text in ["the back fold of the armpit", "the outer thigh", "the upper back of the forearm"]:
        assert not any(p.search(text) for p in DANGER_SITES.values()), text


def test_every_caution_has_plain_words() -> None:
    from typing import get_args

    from myomap.atlas.schema import CAUTIONS, Caution

    assert set(CAUTIONS) == set(get_args(Caution))
    assert all(len(text) > 30 for text in CAUTIONS.values())


def test_every_pressure_step_carries_the_bleeding_caution(atlas: Atlas) -> None:
    steps = [p for m in atlas.muscles.values() for p in m.self_care.pressure_release]
    assert steps
    assert all("anticoagulants_or_bleeding_disorder" in p.cautions for p in steps)


def test_bare_home_pages_are_recognised() -> None:
    from myomap.atlas.check import bare_home_page

    assert bare_home_page("https://webmanmed.com/")
    assert bare_home_page("https://www.nielasher.com/blogs/video-blog")
    assert not bare_home_page(
        "https://www.nielasher.com/blogs/video-blog/treating-trigger-points-supinator"
    )
    assert not bare_home_page("http://triggerpointbook.com/index.php?option=com_zoo&item_id=7")


def test_review_summary_lists_unreviewed_entries() -> None:
    from myomap.atlas.check import review_summary

    raw, _problems = check_atlas(TINY)
    assert review_summary(raw)["unreviewed"] == ["alpha", "beta", "gamma"]


def test_atlas_check_prints_the_review_counts_and_unreviewed_ids() -> None:
    from myomap.cli.atlas import _review_line

    review = {
        "clinician_signed": [],
        "reviewed": ["alpha"],
        "needs_review": ["beta", "gamma"],
        "unreviewed": ["delta"],
    }
    assert _review_line(review) == (
        "review: clinician-signed 0, reviewed 1, needs review 2, unreviewed 1 (delta)"
    )


def test_everyday_causes_of_an_unknown_finding_are_reported(tmp_path: Path) -> None:
    root = tmp_path / "atlas"
    shutil.copytree(TINY, root)
    modifiers = root / "lexicon" / "modifiers.yaml"
    data = yaml.safe_load(modifiers.read_text())
    data["causes"] = {"no_such_finding": ["beetroot"]}
    modifiers.write_text(yaml.safe_dump(data, sort_keys=False))
    _raw, problems = check_atlas(root)
    assert [p.code for p in problems if "no_such_finding" in str(p)] == ["MYO040"]
