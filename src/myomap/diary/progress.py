"""Progress over diary entries: pure functions, no database, no drawing.

    overall_series(entries)          [(at, overall)]
    daily_overall(entries)           [(day, mean, min, max, n)]
    region_series(entries, region)   [(at, intensity)]  (a region not marked counts as 0)
    pain_extent(pain)                share of the body figures' area marked painful, 0..1
    overlap(a, b)                    Jaccard overlap of two pain maps by area, 0..1
    self_care_effects(entries)       for each self-care item and treatment: the mean change in
                                     overall pain at the next entry after doing it, against not
    outcome_series(entries)          [(at, PEG score, PSFS score)] where either was recorded

These describe what happened; they do not say what caused it.
"""

from __future__ import annotations

import functools
import itertools
import statistics
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime, tzinfo
from typing import Literal

from myomap.atlas.figures.areas import drawn_parts, figures_total
from myomap.atlas.figures.areas import region_areas as stored_areas
from myomap.diary.entry import Entry

__all__ = [
    "TAKEN",
    "DayPoint",
    "SelfCareEffect",
    "daily_overall",
    "outcome_series",
    "overall_series",
    "overlap",
    "pain_extent",
    "region_areas",
    "region_series",
    "self_care_effects",
]


@functools.cache
def region_areas() -> tuple[Mapping[str, float], float]:
    """Area of each region summed over both figures, and the figures' total area."""
    return stored_areas(), figures_total()


def _marked(pain: Mapping[str, int]) -> set[str]:
    return drawn_parts(region for region, intensity in pain.items() if intensity > 0)


def pain_extent(pain: Mapping[str, int]) -> float:
    """Share of the body figures' area (front and back) marked with pain above 0."""
    areas, total = region_areas()
    return sum(areas.get(r, 0.0) for r in _marked(pain)) / total


def overlap(a: Mapping[str, int], b: Mapping[str, int]) -> float:
    """Jaccard overlap of two pain maps, weighted by region area: shared / either.

    Two maps with no pain at all are identical (1.0).
    """
    areas, _ = region_areas()
    first, second = _marked(a), _marked(b)
    union = sum(areas.get(r, 0.0) for r in first | second)
    if union == 0:
        return 1.0 if first == second else 0.0
    return sum(areas.get(r, 0.0) for r in first & second) / union


def overall_series(entries: Iterable[Entry]) -> list[tuple[datetime, int]]:
    return [(e.at, e.overall) for e in sorted(entries, key=lambda e: (e.at, e.id))]


def region_series(entries: Iterable[Entry], region: str) -> list[tuple[datetime, int]]:
    """Intensity of one region at each entry; an entry that does not mark it counts as 0."""
    return [(e.at, e.pain.get(region, 0)) for e in sorted(entries, key=lambda e: (e.at, e.id))]


@dataclass(frozen=True)
class DayPoint:
    day: date
    mean: float
    low: int
    high: int
    count: int


def _day(at: datetime, zone: tzinfo | None) -> date:
    return at.astimezone(zone).date()


def daily_overall(entries: Iterable[Entry], *, zone: tzinfo | None = None) -> list[DayPoint]:
    """Overall pain per calendar day (local time unless ``zone``): mean, low, high, count."""
    days: dict[date, list[int]] = defaultdict(list)
    for e in entries:
        days[_day(e.at, zone)].append(e.overall)
    return [
        DayPoint(day, statistics.fmean(v), min(v), max(v), len(v))
        for day, v in sorted(days.items())
    ]


@dataclass(frozen=True)
class SelfCareEffect:
    """How overall pain changed at the next entry (or day) after doing an item, or not."""

    item: str
    after_doing: float | None
    count_doing: int
    after_not_doing: float | None
    count_not_doing: int

    @property
    def difference(self) -> float | None:
        """Mean change after doing minus after not doing (negative: pain fell more)."""
        if self.after_doing is None or self.after_not_doing is None:
            return None
        return self.after_doing - self.after_not_doing


Step = Literal["entry", "day"]
TAKEN = "taken:"
"""Prefix of a treatment among the items of ``self_care_effects`` (``taken:ibuprofen``)."""


def _done(entry: Entry) -> set[str]:
    """What the person did or took at an entry: self-care items and treatments."""
    return set(entry.self_care_done) | {TAKEN + t.name for t in entry.treatments}


def _steps(entries: Sequence[Entry], by: Step, zone: tzinfo | None) -> list[tuple[set[str], float]]:
    """(items done, change in overall pain to the next entry or day) for each step."""
    ordered = sorted(entries, key=lambda e: (e.at, e.id))
    if by == "entry":
        return [(_done(a), float(b.overall - a.overall)) for a, b in itertools.pairwise(ordered)]
    days: dict[date, list[Entry]] = defaultdict(list)
    for e in ordered:
        days[_day(e.at, zone)].append(e)
    keys = sorted(days)
    out: list[tuple[set[str], float]] = []
    for today, tomorrow in itertools.pairwise(keys):
        if (tomorrow - today).days != 1:
            continue
        done = {item for e in days[today] for item in _done(e)}
        change = statistics.fmean(e.overall for e in days[tomorrow]) - statistics.fmean(
            e.overall for e in days[today]
        )
        out.append((done, change))
    return out


def self_care_effects(
    entries: Sequence[Entry], *, by: Step = "entry", zone: tzinfo | None = None
) -> list[SelfCareEffect]:
    """For each self-care item (and each treatment, as ``taken:<name>``), the mean change
    in overall pain after doing it vs not.

    ``by="entry"`` compares each entry with the next one; ``by="day"`` compares each day's
    mean with the next calendar day's. Items are listed by how often they were done.
    """
    steps = _steps(entries, by, zone)
    items: dict[str, int] = defaultdict(int)
    for done, _ in steps:
        for item in done:
            items[item] += 1
    effects = []
    for item in sorted(items, key=lambda i: (-items[i], i)):
        doing = [change for done, change in steps if item in done]
        not_doing = [change for done, change in steps if item not in done]
        effects.append(
            SelfCareEffect(
                item=item,
                after_doing=statistics.fmean(doing) if doing else None,
                count_doing=len(doing),
                after_not_doing=statistics.fmean(not_doing) if not_doing else None,
                count_not_doing=len(not_doing),
            )
        )
    return effects


def outcome_series(entries: Iterable[Entry]) -> list[tuple[datetime, float | None, float | None]]:
    """PEG and PSFS scores at each entry that recorded either, oldest first."""
    from myomap.diary.outcomes import psfs_score

    return [
        (e.at, e.peg.score if e.peg else None, psfs_score(e.psfs))
        for e in sorted(entries, key=lambda e: (e.at, e.id))
        if e.peg is not None or e.psfs
    ]
