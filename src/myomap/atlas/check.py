"""Cross-file rules of the atlas, each with a stable code (MYO000…).

``check(raw, figures)`` returns every problem found; ``load_atlas`` refuses an atlas with
problems. Every rule has a failing fixture in tests/fixtures/atlas/failing/.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Mapping
from typing import Protocol

from myomap.atlas.check_care import CARE_RULES, DANGER_SITES, self_care_problems
from myomap.atlas.check_safety import SAFETY_RULES, safety_problems
from myomap.atlas.check_sources import (
    SOURCE_RULES,
    bare_home_page,
    review_and_terms_problems,
    review_summary,
    specific_source_problems,
)
from myomap.atlas.lexicon import LEXICON_RULES, lexicon_problems
from myomap.atlas.model import expand_region
from myomap.atlas.raw import Located, Problem, RawAtlas
from myomap.atlas.schema import Muscle, Position

__all__ = [
    "DANGER_SITES",
    "RULES",
    "FigureLike",
    "bare_home_page",
    "check",
    "review_summary",
    "trigger_point_xy",
]

RULES: dict[str, str] = {
    "MYO000": "a file is missing, is not valid YAML, or a record does not match the schema",
    "MYO001": "a referral zone or trigger point names a region that is not in the region atlas",
    "MYO002": "a muscle or red flag names a finding that is not in the findings catalogue",
    "MYO003": "two records of the same kind share an id",
    "MYO004": "a muscle, trigger point or red flag cites no source",
    "MYO005": "a cited source id is not in the sources catalogue",
    "MYO006": "a probability is outside the open interval 0..1",
    "MYO007": "a trigger point lies outside the body figure",
    "MYO008": "a region has no shape on a figure of its view",
    "MYO009": "a figure has a shape for a region that is not in the region atlas",
    "MYO010": "a muscle has no essential referral zone",
    "MYO011": "a zone's side does not fit its region (paired regions take same, opposite or "
    "both; midline regions take midline)",
    "MYO012": "a muscle links a red flag that is not in the red flag catalogue",
    "MYO013": "a muscle file is not named after the muscle's id",
    "MYO014": "an id is not snake_case",
    "MYO015": "a muscle gives a likelihood for a red-flag finding (red flags never rank muscles)",
    "MYO016": "a red flag rule names no findings (and has no min_body_areas map condition)",
    "MYO044": "a region lies within an unknown region, itself, or a region that lies within "
    "another (one level of parts only)",
    **SAFETY_RULES,
    **LEXICON_RULES,
    **CARE_RULES,
    **SOURCE_RULES,
}

SNAKE = re.compile(r"^[a-z][a-z0-9]*(_[a-z0-9]+)*$")


class ShapeLike(Protocol):
    @property
    def centroid(self) -> tuple[float, float]: ...


class FigureLike(Protocol):
    @property
    def shapes(self) -> Mapping[str, ShapeLike]: ...

    def contains(self, x: float, y: float) -> bool: ...


def trigger_point_xy(position: Position, figure: FigureLike) -> tuple[float, float] | None:
    """Figure coordinates of a trigger point of the right-side muscle, or None."""
    shape = figure.shapes.get(f"{position.region}_r") or figure.shapes.get(position.region)
    if shape is None:
        return None
    cx, cy = shape.centroid
    return cx + position.dx, cy + position.dy


def check(raw: RawAtlas, figures: Mapping[str, FigureLike] | None = None) -> list[Problem]:
    """Every problem of the atlas: the schema problems found on reading, then the rules."""
    problems = list(raw.problems)
    problems += _duplicates(raw)
    problems += _within(raw)
    problems += _ids(raw)
    problems += _sources(raw)
    problems += _probabilities(raw)
    problems += _red_flags(raw)
    problems += specific_source_problems(raw)
    problems += safety_problems(raw)
    problems += lexicon_problems(raw)
    for located in raw.muscles:
        problems += _muscle(raw, located)
        problems += self_care_problems(located)
        problems += review_and_terms_problems(raw, located)
    if figures is not None:
        problems += _figures(raw, figures)
    return problems


def _within(raw: RawAtlas) -> list[Problem]:
    specs = {spec.record.id: spec.record for spec in raw.regions}
    out: list[Problem] = []
    for spec in specs.values():
        for parent in spec.within:
            if parent not in specs or parent == spec.id or specs[parent].within:
                out.append(
                    Problem(
                        "MYO044",
                        f"region {spec.id!r} lies within {parent!r}, which is unknown, itself "
                        "or a part of another region",
                        "regions.yaml",
                    )
                )
    return out


def _duplicates(raw: RawAtlas) -> list[Problem]:
    out: list[Problem] = []
    kinds: dict[str, Iterable[Located[object]]] = {
        "region": raw.regions,
        "finding": raw.findings,
        "red flag": raw.red_flags,
        "source": raw.sources,
        "muscle": raw.muscles,
    }
    for kind, items in kinds.items():
        seen: set[str] = set()
        for item in items:
            rid = str(getattr(item.record, "id", ""))
            if rid in seen:
                out.append(Problem("MYO003", f"{kind} id {rid!r} is used twice", item.file))
            seen.add(rid)
    expanded = Counter(r.id for spec in raw.regions for r in expand_region(spec.record))
    base = {spec.record.id for spec in raw.regions}
    for rid, count in expanded.items():
        if count == 1 and rid in base:
            continue
        if rid in base or count > 1:
            out.append(
                Problem("MYO003", f"region id {rid!r} clashes with an expanded id", "regions.yaml")
            )
    for m in raw.muscles:
        tp_ids = Counter(tp.id for tp in m.record.trigger_points)
        for tp_id, count in tp_ids.items():
            if count > 1:
                out.append(Problem("MYO003", f"trigger point id {tp_id!r} is used twice", m.file))
    return out


def _ids(raw: RawAtlas) -> list[Problem]:
    out: list[Problem] = []
    groups: list[Iterable[Located[object]]] = [
        raw.regions,
        raw.findings,
        raw.red_flags,
        raw.sources,
        raw.muscles,
    ]
    for items in groups:
        for item in items:
            rid = str(getattr(item.record, "id", ""))
            if not SNAKE.match(rid):
                out.append(
                    Problem("MYO014", f"id {rid!r} is not snake_case (a-z, 0-9, _)", item.file)
                )
    for m in raw.muscles:
        stem = m.file.rsplit("/", 1)[-1].removesuffix(".yaml")
        if stem != m.record.id:
            out.append(
                Problem(
                    "MYO013",
                    f"muscle {m.record.id!r} is in {stem}.yaml; name the file {m.record.id}.yaml",
                    m.file,
                )
            )
        for tp in m.record.trigger_points:
            if not SNAKE.match(tp.id):
                out.append(
                    Problem("MYO014", f"trigger point id {tp.id!r} is not snake_case", m.file)
                )
    return out


def _sources(raw: RawAtlas) -> list[Problem]:
    known = {s.record.id for s in raw.sources}
    out: list[Problem] = []

    def cite(ids: list[str], what: str, file: str) -> None:
        if not ids:
            out.append(Problem("MYO004", f"{what} cites no source", file))
        for sid in ids:
            if sid not in known:
                out.append(Problem("MYO005", f"{what} cites unknown source {sid!r}", file))

    for m in raw.muscles:
        muscle = m.record
        cite(muscle.sources, f"muscle {muscle.id!r}", m.file)
        cite(
            [muscle.prior.source] if muscle.prior.source else [],
            f"the prior of {muscle.id!r}",
            m.file,
        )
        for tp in muscle.trigger_points:
            cite(tp.sources, f"trigger point {tp.id!r}", m.file)
    for rf in raw.red_flags:
        cite(rf.record.sources, f"red flag {rf.record.id!r}", rf.file)
    return out


def _probabilities(raw: RawAtlas) -> list[Problem]:
    out: list[Problem] = []

    def inside(value: float, what: str, file: str) -> None:
        if not 0.0 < value < 1.0:
            out.append(
                Problem("MYO006", f"{what} is {value}; it must lie strictly between 0 and 1", file)
            )

    for f in raw.findings:
        inside(f.record.default, f"the default of finding {f.record.id!r}", f.file)
    for m in raw.muscles:
        inside(m.record.prior.prevalence, f"the prevalence of {m.record.id!r}", m.file)
        for fid, p in m.record.findings.items():
            inside(p, f"the likelihood of {fid!r} for {m.record.id!r}", m.file)
    return out


def _red_flags(raw: RawAtlas) -> list[Problem]:
    findings = {f.record.id for f in raw.findings}
    out: list[Problem] = []
    for rf in raw.red_flags:
        rule = rf.record
        if not rule.all and not rule.any and rule.min_body_areas is None:
            out.append(
                Problem("MYO016", f"red flag {rule.id!r} names no findings in all or any", rf.file)
            )
        for fid in [*rule.all, *rule.any]:
            if fid not in findings:
                out.append(
                    Problem(
                        "MYO002", f"red flag {rule.id!r} names unknown finding {fid!r}", rf.file
                    )
                )
    return out


def _muscle(raw: RawAtlas, located: Located[Muscle]) -> list[Problem]:
    muscle, file = located.record, located.file
    specs = {s.record.id: s.record for s in raw.regions}
    findings = {f.record.id: f.record for f in raw.findings}
    red_flags = {r.record.id for r in raw.red_flags}
    out: list[Problem] = []
    essential = False
    for tp in muscle.trigger_points:
        where = f"trigger point {tp.id!r}"
        if tp.position.region not in specs:
            out.append(
                Problem(
                    "MYO001", f"{where} is placed on unknown region {tp.position.region!r}", file
                )
            )
        for zone in tp.referral:
            spec = specs.get(zone.region)
            if spec is None:
                out.append(
                    Problem("MYO001", f"{where} refers to unknown region {zone.region!r}", file)
                )
                continue
            essential = essential or zone.role == "essential"
            if spec.paired and zone.side == "midline":
                out.append(
                    Problem(
                        "MYO011",
                        f"{where}: region {zone.region!r} is paired; "
                        "use side same, opposite or both",
                        file,
                    )
                )
            if not spec.paired and zone.side != "midline":
                out.append(
                    Problem(
                        "MYO011",
                        f"{where}: region {zone.region!r} is on the midline; use side midline",
                        file,
                    )
                )
    if not essential and muscle.trigger_points:
        out.append(Problem("MYO010", f"muscle {muscle.id!r} has no essential referral zone", file))
    if not muscle.trigger_points:
        out.append(Problem("MYO010", f"muscle {muscle.id!r} has no trigger points", file))
    for fid in muscle.findings:
        finding = findings.get(fid)
        if finding is None:
            out.append(
                Problem("MYO002", f"muscle {muscle.id!r} names unknown finding {fid!r}", file)
            )
        elif finding.category == "red_flag":
            out.append(
                Problem(
                    "MYO015",
                    f"muscle {muscle.id!r} gives a likelihood for red-flag finding {fid!r}",
                    file,
                )
            )
    for rid in muscle.red_flags:
        if rid not in red_flags:
            out.append(
                Problem("MYO012", f"muscle {muscle.id!r} links unknown red flag {rid!r}", file)
            )
    return out


def _figures(raw: RawAtlas, figures: Mapping[str, FigureLike]) -> list[Problem]:
    out: list[Problem] = []
    expected: dict[str, set[str]] = {view: set() for view in figures}
    paired = {spec.record.id: spec.record.paired for spec in raw.regions}
    parts: dict[str, set[str]] = {}
    for spec in raw.regions:
        for region in expand_region(spec.record, paired):
            for parent in region.within:
                parts.setdefault(parent, set()).add(region.id)
            for view in figures:
                if region.view in (view, "both"):
                    expected[view].add(region.id)
    for view, figure in figures.items():
        drawn = set(figure.shapes)
        # A coarse region is drawn as its parts when two or more parts tile it and all are
        # drawn (the back of the thigh as its upper and lower halves).
        by_parts = {r for r in expected[view] if len(parts.get(r, ())) >= 2 and parts[r] <= drawn}
        for rid in sorted(expected[view] - drawn - by_parts):
            out.append(
                Problem(
                    "MYO008",
                    f"region {rid!r} has no shape on the {view} figure",
                    f"figures/{view}.svg",
                )
            )
        for rid in sorted(drawn - expected[view]):
            out.append(
                Problem(
                    "MYO009",
                    f"the {view} figure has a shape for unknown region {rid!r}",
                    f"figures/{view}.svg",
                )
            )
    for m in raw.muscles:
        for tp in m.record.trigger_points:
            fig = figures.get(tp.position.view)
            if fig is None or tp.position.region not in {s.record.id for s in raw.regions}:
                continue
            xy = trigger_point_xy(tp.position, fig)
            where = f"trigger point {tp.id!r} of {m.record.id!r}"
            if xy is None:
                out.append(
                    Problem(
                        "MYO007",
                        f"{where} is anchored to {tp.position.region!r}, which is not drawn on the "
                        f"{tp.position.view} figure",
                        m.file,
                    )
                )
            elif not fig.contains(*xy):
                out.append(
                    Problem(
                        "MYO007",
                        f"{where} at ({xy[0]:.1f}, {xy[1]:.1f}) lies outside the "
                        f"{tp.position.view} figure",
                        m.file,
                    )
                )
    return out
