"""The body-map figures: vocabulary, left/right mirroring, tiling and anatomy."""

from __future__ import annotations

import csv
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from myomap.atlas import Atlas
from myomap.atlas.figures import HEIGHT, VIEWS, WIDTH, Figure, View, load_figure, mirror_x
from myomap.atlas.figures.figure import SVG_NS, Shape

REGIONS_CSV = Path(__file__).parent / "fixtures" / "regions.csv"
STEP = 3.0


def _rows() -> list[dict[str, str]]:
    with REGIONS_CSV.open(newline="", encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


def expected_ids(view: View) -> set[str]:
    ids: set[str] = set()
    for row in _rows():
        if row["view"] not in (view, "both"):
            continue
        if row["paired"] == "yes":
            ids |= {row["id"] + "_l", row["id"] + "_r"}
        else:
            ids.add(row["id"])
    return ids


def paired_bases(view: View) -> list[str]:
    return [r["id"] for r in _rows() if r["paired"] == "yes" and r["view"] in (view, "both")]


def grid() -> list[tuple[float, float]]:
    pts = []
    y = STEP / 2
    while y < HEIGHT:
        x = STEP / 2
        while x < WIDTH:
            pts.append((x, y))
            x += STEP
        y += STEP
    return pts


@pytest.fixture(params=VIEWS)
def figure(request: pytest.FixtureRequest) -> Figure:
    return load_figure(request.param)


def drawn_ids(view: View, atlas: Atlas) -> set[str]:
    """The atlas regions of a view, with a coarse region tiled by its parts as those parts."""
    ids = {r.id for r in atlas.regions.values() if r.view in (view, "both")}
    tiled = {r for r in ids if len(atlas.parts(r)) >= 2 and set(atlas.parts(r)) <= ids}
    return ids - tiled


def test_vocabulary_is_exact(figure: Figure, atlas: Atlas) -> None:
    expected = drawn_ids(figure.view, atlas)
    assert len(expected) > 60
    assert set(figure.shapes) == expected
    # The public minimum vocabulary is drawn: each region, or its parts (the back of the
    # thigh as its upper and lower halves).
    for rid in expected_ids(figure.view):
        assert rid in figure.shapes or set(atlas.parts(rid)) <= set(figure.shapes), rid
    root = ET.fromstring(figure.svg)
    regions = [el for el in root.iter(f"{{{SVG_NS}}}path") if el.get("class") == "region"]
    assert len(regions) == len(expected)  # exactly one shape per region
    for el in regions:
        assert el.get("id") == f"{figure.view}-{el.get('data-region')}"


def test_svg_format(figure: Figure) -> None:
    root = ET.fromstring(figure.svg)
    assert root.get("viewBox") == "0 0 240 560"
    assert root.get("data-view") == figure.view
    assert f"bodymap-{figure.view}" in (root.get("class") or "")
    groups = {g.get("class"): g for g in root.findall(f"{{{SVG_NS}}}g")}
    assert set(groups) == {"outline", "regions", "side-label"}
    assert groups["outline"].get("aria-hidden") == "true"
    assert groups["side-label"].get("aria-hidden") == "true"
    labels = sorted(t.text or "" for t in groups["side-label"].iter(f"{{{SVG_NS}}}text"))
    assert labels == ["L", "R"]
    assert all(el.tag == f"{{{SVG_NS}}}path" for el in groups["regions"])
    for tag in ("script", "title", "image", "use", "style"):
        assert not list(root.iter(f"{{{SVG_NS}}}{tag}"))
    assert "style=" not in figure.svg
    assert "href" not in figure.svg
    assert len(figure.svg.encode()) < 60_000


def test_shapes_are_sampled_and_clickable(figure: Figure) -> None:
    for shape in figure.shapes.values():
        assert len(shape.polygon) >= 48, shape.region
        x0, y0, x1, y1 = shape.bbox
        assert x1 - x0 >= 5.5 and y1 - y0 >= 5.5, shape.region
        assert x0 >= 0 and x1 <= WIDTH and y0 >= 0 and y1 <= HEIGHT, shape.region
        cx, cy = shape.centroid
        assert figure.region_at(cx, cy) is not None


def test_left_right_mirroring(figure: Figure) -> None:
    bases = {r[:-2] for r in figure.shapes if r.endswith(("_l", "_r"))}
    assert set(paired_bases(figure.view)) - bases <= {"thigh_posterior"}  # drawn as halves
    for base in sorted(bases):
        right = figure.shapes[base + "_r"].centroid
        left = figure.shapes[base + "_l"].centroid
        assert abs(left[0] - mirror_x(right[0])) < 2, base
        assert abs(left[1] - right[1]) < 2, base
        if figure.view == "front":
            assert right[0] < WIDTH / 2, base
        else:
            assert right[0] > WIDTH / 2, base
    for region, shape in figure.shapes.items():
        if not region.endswith(("_l", "_r")):
            assert abs(shape.centroid[0] - WIDTH / 2) < 1, region


def test_hit_testing(figure: Figure) -> None:
    assert figure.region_at(120, 16) == "vertex"
    assert figure.region_at(5, 5) is None
    assert not figure.contains(230, 550)
    side = "_r" if figure.view == "front" else "_l"  # drawn on the viewer's left
    assert figure.region_at(105, 470) in {"shin" + side, "calf_upper" + side, "calf_lower" + side}
    shape = figure.shapes["vertex"]
    assert isinstance(shape, Shape) and shape.view == figure.view
    assert shape.contains(*shape.centroid)


def _silhouette(figure: Figure) -> list[Shape]:
    root = ET.fromstring(figure.svg)
    outline = next(g for g in root.iter(f"{{{SVG_NS}}}g") if g.get("class") == "outline")
    return [
        Shape(region=f"outline-{i}", view=figure.view, d=d, samples=96)
        for i, el in enumerate(outline.iter(f"{{{SVG_NS}}}path"))
        if (d := el.get("d"))
    ]


def test_regions_tile_the_silhouette(figure: Figure) -> None:
    silhouette = _silhouette(figure)
    shapes = list(figure.shapes.values())
    covered = overlapping = inside = uncovered = 0
    for x, y in grid():
        n = sum(1 for s in shapes if s.contains(x, y))
        in_outline = any(s.contains(x, y) for s in silhouette)
        covered += n > 0
        overlapping += n > 1
        inside += in_outline
        uncovered += in_outline and n == 0
    assert covered > 2000
    assert overlapping / covered < 0.03
    assert inside > 2000
    assert uncovered / inside < 0.03


def _cy(figure: Figure, *regions: str) -> float:
    return sum(figure.shapes[r].centroid[1] for r in regions) / len(regions)


def test_anatomical_order_front() -> None:
    f = load_figure("front")
    order = [
        ("vertex",),
        ("forehead_r", "forehead_l"),
        ("eye_r", "eye_l"),
        ("cheek_r", "cheek_l"),
        ("teeth_upper_r", "teeth_upper_l"),
        ("teeth_lower_r", "teeth_lower_l"),
        ("throat",),
        ("sternum",),
        ("abdomen_upper_r",),
        ("abdomen_periumbilical",),
        ("abdomen_lower_r",),
        ("suprapubic",),
        ("genital",),
        ("thigh_anterior_upper_r",),
        ("thigh_anterior_lower_r",),
        ("knee_anterior_r",),
        ("shin_r",),
        ("ankle_anterior_r",),
        ("foot_dorsum_r",),
        ("big_toe_r",),
    ]
    ys = [_cy(f, *group) for group in order]
    assert ys == sorted(ys), list(zip(order, ys, strict=True))
    arm = ["shoulder_front_r", "arm_anterior_r", "elbow_medial_r", "forearm_anterior_r"]
    arm += ["wrist_palmar_r", "hand_palmar_r", "fingers_radial_r"]
    ys = [_cy(f, r) for r in arm]
    assert ys == sorted(ys)
    # Lateral regions sit outside their medial neighbours (front: person's right at x < 120).
    x = {r: s.centroid[0] for r, s in f.shapes.items()}
    assert x["thigh_lateral_r"] < x["thigh_anterior_upper_r"] < x["thigh_medial_r"]
    assert x["knee_lateral_r"] < x["knee_anterior_r"] < x["knee_medial_r"]
    assert x["ankle_lateral_r"] < x["ankle_anterior_r"] < x["ankle_medial_r"]
    assert x["toes_lesser_r"] < x["big_toe_r"]
    assert x["thumb_r"] < x["hand_palmar_r"]
    assert x["elbow_lateral_r"] < x["elbow_medial_r"]
    assert x["temple_r"] < x["eye_r"] < x["teeth_upper_r"] < 120
    assert x["ear_r"] < x["temple_r"]
    assert x["flank_r"] < x["abdomen_lower_r"]


def test_anatomical_order_back() -> None:
    b = load_figure("back")
    order = [
        ("vertex",),
        ("occiput_l", "occiput_r"),
        ("neck_posterior_l",),
        ("shoulder_top_l",),
        ("scapula_l",),
        ("thoracic_paraspinal_l",),
        ("thoracolumbar_l",),
        ("lumbar_paraspinal_l",),
        ("sacrum",),
        ("coccyx",),
        ("perineum",),
        ("thigh_posterior_upper_l",),
        ("thigh_posterior_lower_l",),
        ("knee_posterior_l",),
        ("calf_upper_l",),
        ("calf_lower_l",),
        ("achilles_l",),
        ("heel_l",),
        ("sole_l",),
    ]
    ys = [_cy(b, *group) for group in order]
    assert ys == sorted(ys), list(zip(order, ys, strict=True))
    buttock = ["iliac_crest_l", "buttock_upper_l", "buttock_middle_l", "buttock_lower_l"]
    assert [_cy(b, r) for r in buttock] == sorted(_cy(b, r) for r in buttock)
    assert _cy(b, "lumbar_paraspinal_l") < _cy(b, "sacroiliac_l") < _cy(b, "coccyx")
    x = {r: s.centroid[0] for r, s in b.shapes.items()}
    # Back view: the person's left is on the viewer's left.
    assert x["hip_lateral_l"] < x["buttock_upper_l"] < x["sacroiliac_l"] < x["sacrum"]
    assert x["scapula_l"] < x["interscapular_l"] < 120 < x["interscapular_r"] < x["scapula_r"]
    assert x["lumbar_paraspinal_l"] < 120 < x["lumbar_paraspinal_r"]
    assert x["elbow_lateral_l"] < x["elbow_posterior_l"] < x["elbow_medial_l"]
    assert x["ankle_lateral_l"] < x["achilles_l"] < x["ankle_medial_l"]
    assert x["thigh_lateral_l"] < x["thigh_posterior_upper_l"]
    assert x["thumb_l"] < x["hand_dorsal_l"]


def test_views_share_lateral_regions() -> None:
    front, back = load_figure("front"), load_figure("back")
    both = {r["id"] for r in _rows() if r["view"] == "both"}
    for region in set(front.shapes) & set(back.shapes):
        base = region.removesuffix("_l").removesuffix("_r")
        assert base in both, region
        fy, by = front.shapes[region].centroid[1], back.shapes[region].centroid[1]
        assert abs(fy - by) < 30, region


def test_the_stored_region_areas_are_the_figures_own(atlas: Atlas) -> None:
    """data/areas.json is what the drawings measure (rewrite: tools/figure_areas.py); a
    coarse region drawn as its parts (the back of the thigh) covers their sum."""
    from myomap.atlas.figures.areas import (
        drawn_parts,
        figures_total,
        measure_areas,
        region_areas,
    )
    from myomap.atlas.figures.areas import stored as stored_file

    inside = {r.id: r.within for r in atlas.regions.values() if r.view == "list"}
    everything = measure_areas({r: atlas.parts(r) for r in atlas.regions}, inside)
    assert everything == stored_file()
    measured, stored = everything["regions"], region_areas()
    assert isinstance(measured, dict)
    halves = stored["thigh_posterior_upper_r"] + stored["thigh_posterior_lower_r"]
    assert stored["thigh_posterior_r"] == pytest.approx(halves)
    assert figures_total() == pytest.approx(float(str(everything["total"])))
    assert figures_total() < sum(stored.values())  # a coarse region is not counted twice
    assert drawn_parts(["rectum", "sacrum"]) == {"perineum", "sacrum"}  # inside shows outside
    assert stored.keys() == measured.keys()
    assert all(abs(stored[r] - measured[r]) < 1e-5 for r in measured)
