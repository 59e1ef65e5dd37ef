"""Finer regions within coarser ones (regions.yaml ``within``): a mark on either counts for a
zone on the other, and skin left unmarked is counted once.

Worked on a copy of the tiny atlas with the thigh split into an upper and a lower half:
alpha refers to the back (essential) and the thigh (spillover), beta to the thigh. (The halves
are not drawn here, `view: list`, so the tiny figures need no new shapes.)
"""

from __future__ import annotations

import shutil
from pathlib import Path

import numpy as np
import pytest
import yaml

from myomap.atlas import Atlas, load_atlas
from myomap.engine import Evidence, Model, compile_model, rank
from myomap.engine.infer import model_joint, normalise, observe
from myomap.engine.model import Hypothesis
from myomap.engine.zones import ROLE_ESSENTIAL

TINY = Path(__file__).parent / "fixtures" / "atlas" / "valid"
HALVES = [
    {"id": f"thigh_{part}", "label": f"Thigh, {part} half", "view": "list", "paired": True,
     "group": "leg", "within": ["thigh"]}
    for part in ("upper", "lower")
]  # fmt: skip


def split_atlas(tmp_path: Path, beta_zone: str = "thigh") -> Atlas:
    root = tmp_path / "atlas"
    shutil.copytree(TINY, root)
    regions = root / "regions.yaml"
    regions.write_text(regions.read_text() + yaml.safe_dump(HALVES, sort_keys=False))
    beta = root / "muscles" / "beta.yaml"
    beta.write_text(
        beta.read_text().replace("{region: thigh, role", f"{{region: {beta_zone}, role")
    )
    return load_atlas(root)


def joint(model: Model, *regions: str) -> np.ndarray:
    evidence = Evidence.model_validate({"pain": [{"region": r} for r in regions]})
    return model_joint(model, observe(model, evidence))


def test_a_part_takes_the_zones_of_its_whole(tmp_path: Path) -> None:
    atlas = split_atlas(tmp_path)
    model = compile_model(atlas, adjacency={})
    assert atlas.regions["thigh_upper_r"].within == ("thigh_r",)
    assert atlas.overlapping("thigh_r") == ("thigh_upper_r", "thigh_lower_r")
    beta = model.hypotheses.index(Hypothesis("beta", "right"))
    for region in ("thigh_r", "thigh_upper_r", "thigh_lower_r"):
        assert model.role[beta, model.region_index[region]] == ROLE_ESSENTIAL


def test_marking_a_part_is_marking_the_whole_when_no_zone_names_a_part(tmp_path: Path) -> None:
    model = compile_model(split_atlas(tmp_path), adjacency={})
    whole, part = normalise(joint(model, "thigh_r")), normalise(joint(model, "thigh_upper_r"))
    assert part == pytest.approx(whole, rel=1e-9)


def test_unmarked_skin_counts_once(tmp_path: Path) -> None:
    """Splitting a region changes nothing for a map elsewhere: the halves left unmarked do
    not add a second penalty to the muscles whose zone is the whole thigh."""
    plain = compile_model(load_atlas(TINY), adjacency={})
    split = compile_model(split_atlas(tmp_path), adjacency={})
    assert normalise(joint(split, "back_r")) == pytest.approx(
        normalise(joint(plain, "back_r")), rel=1e-9
    )


def test_a_zone_on_a_part_is_sharper_and_still_met_by_the_whole(tmp_path: Path) -> None:
    model = compile_model(split_atlas(tmp_path, beta_zone="thigh_lower"), adjacency={})
    p = {r: normalise(joint(model, r)) for r in ("thigh_r", "thigh_upper_r", "thigh_lower_r")}
    beta = model.hypotheses.index(Hypothesis("beta", "right"))
    alpha = model.hypotheses.index(Hypothesis("alpha", "right"))
    # The lower half is beta's zone and the upper half is not; a mark on the whole thigh
    # (which may mean either) counts for the zone in full.
    assert p["thigh_lower_r"][beta] == pytest.approx(p["thigh_r"][beta])
    assert p["thigh_r"][beta] > p["thigh_upper_r"][beta]
    assert p["thigh_upper_r"][alpha] > p["thigh_upper_r"][beta]
    result = rank(model, Evidence.model_validate({"pain": [{"region": "thigh_r"}]}))
    assert result.candidates[0].muscle == "beta"


def test_no_question_about_a_region_overlapping_a_marked_one(tmp_path: Path) -> None:
    model = compile_model(split_atlas(tmp_path), adjacency={})
    for marked in ("thigh_r", "thigh_upper_r"):
        evidence = Evidence.model_validate({"pain": [{"region": marked}], "answers": {}})
        overlapping = {model.regions[i] for i in model.overlaps[model.region_index[marked]]}
        asked = rank(model, evidence).next_question
        assert asked is None or asked.id not in overlapping | {marked}


def test_muscles_listed_for_a_part_include_those_of_its_whole(tmp_path: Path) -> None:
    atlas = split_atlas(tmp_path)
    listed = {m.id for m in atlas.muscles_referring_to("thigh_upper_r")}
    assert listed == {m.id for m in atlas.muscles_referring_to("thigh_r")} == {"alpha", "beta"}
