"""The diary's charts, each one drawing (``plot.time_chart``) that the PDF places as it is and
the history page shows as SVG (``plot.svg``): the page and the PDF show the same chart.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime, tzinfo

from reportlab.graphics.shapes import Drawing

from myomap.diary.entry import Entry
from myomap.diary.progress import daily_overall, outcome_series, pain_extent
from myomap.reports.plot import Band, Dots, Layer, Trace, message, time_chart, value_ticks

__all__ = ["extent_chart", "outcomes_chart", "overall_chart", "regions_chart"]

INK = "#1f2933"
ENTRY = "#8f969d"
ACCENT = "#c0392b"
PALETTE = ("#c0392b", "#2471a3", "#229954", "#b9770e", "#7d3c98", "#5d6d7e")
POINTS_UP_TO = 400
"""Draw each entry as a dot only up to this many entries; beyond, the daily band says it."""
ZERO_TO_TEN = [0.0, 2.0, 4.0, 6.0, 8.0, 10.0]


def overall_chart(entries: Sequence[Entry], *, zone: tzinfo | None = None) -> Drawing:
    """Overall pain (0-10) over time: the daily mean, its low-high band, each entry, and a
    mark along the top at each treatment taken."""
    if not entries:
        return message("No diary entries yet")
    days = daily_overall(entries, zone=zone)
    layers: list[Layer] = [
        Band([(d.day, d.low, d.high) for d in days], ACCENT, "lowest–highest that day"),
        Trace(
            [(d.day, d.mean) for d in days],
            ACCENT,
            "daily mean",
            width=1.8,
            dot=1.8 if len(days) < 60 else 0,
        ),
    ]
    if len(entries) <= POINTS_UP_TO:
        layers.append(Dots([(e.at.astimezone(zone), e.overall) for e in entries], ENTRY, "entry"))
    taken = _treatments(entries, zone)
    top = 10.6 + 0.5 * len(taken)  # a row above 10 for each treatment's marks
    return time_chart(layers + taken, top=top, ticks=ZERO_TO_TEN, label="overall pain (0–10)")


def _treatments(entries: Sequence[Entry], zone: tzinfo | None) -> list[Layer]:
    """One row of marks per treatment taken (the most taken first), one colour each."""
    taken: dict[str, list[datetime]] = {}
    for e in entries:
        for t in e.treatments:
            taken.setdefault(t.name, []).append((t.at or e.at).astimezone(zone))
    names = sorted(taken, key=lambda n: (-len(taken[n]), n))
    return [
        Dots(
            [(at, 0.0) for at in taken[name]],
            PALETTE[(n + 1) % len(PALETTE)],
            f"taken: {name}",
            along_top=True,
        )
        for n, name in enumerate(names[: len(PALETTE) - 1])
    ]


def outcomes_chart(entries: Sequence[Entry], *, zone: tzinfo | None = None) -> Drawing:
    """PEG score (pain and interference, higher is worse) and PSFS score (function,
    higher is better) at each check-in."""
    series = outcome_series(entries)
    if not series:
        return message("No PEG or PSFS check-ins yet")
    peg = [(at.astimezone(zone), v) for at, v, _ in series if v is not None]
    psfs = [(at.astimezone(zone), v) for at, _, v in series if v is not None]
    layers: list[Layer] = [
        Trace(points, colour, name, width=1.6, dot=2)
        for points, name, colour in (
            (peg, "PEG (higher is worse)", ACCENT),
            (psfs, "PSFS (higher is better)", PALETTE[2]),
        )
        if points
    ]
    return time_chart(layers, top=10.4, ticks=ZERO_TO_TEN, label="score (0–10)")


def _top_regions(entries: Sequence[Entry], top: int) -> list[str]:
    totals: dict[str, int] = {}
    for e in entries:
        for region, intensity in e.pain.items():
            totals[region] = totals.get(region, 0) + intensity
    return [r for r, t in sorted(totals.items(), key=lambda kv: (-kv[1], kv[0])) if t][:top]


def regions_chart(
    entries: Sequence[Entry],
    *,
    regions: Sequence[str] | None = None,
    labels: dict[str, str] | None = None,
    top: int = 5,
    zone: tzinfo | None = None,
) -> Drawing:
    """Daily mean intensity of a few regions (default: the most painful ones); a day
    without a mark on a region counts it as 0."""
    chosen = list(regions) if regions is not None else _top_regions(entries, top)
    if not entries or not chosen:
        return message("No painful regions marked yet")
    per_day: dict[date, list[Entry]] = {}
    for e in entries:
        per_day.setdefault(e.at.astimezone(zone).date(), []).append(e)
    days = sorted(per_day)
    layers: list[Layer] = [
        Trace(
            [(d, sum(e.pain.get(region, 0) for e in per_day[d]) / len(per_day[d])) for d in days],
            colour,
            (labels or {}).get(region, region),
        )
        for colour, region in zip(PALETTE, chosen, strict=False)
    ]
    return time_chart(layers, top=10.4, ticks=ZERO_TO_TEN, label="intensity (0–10)")


def extent_chart(entries: Sequence[Entry], *, zone: tzinfo | None = None) -> Drawing:
    """Share of the body marked painful at each entry, in percent."""
    if not entries:
        return message("No diary entries yet")
    ordered = sorted(entries, key=lambda e: (e.at, e.id))
    points = [(e.at.astimezone(zone), 100 * pain_extent(e.pain)) for e in ordered]
    highest = max(v for _, v in points)
    ticks = value_ticks(highest if highest > 0 else 1.0)
    return time_chart(
        [Trace(points, PALETTE[1])], top=ticks[-1] * 1.04, ticks=ticks, label="body area marked (%)"
    )
