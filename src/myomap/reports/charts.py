"""Diary charts drawn on the server as SVG (matplotlib, Agg): the page and the PDF show the
same drawing. Every function returns SVG text; nothing touches pyplot's global state.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from datetime import date, datetime, time, tzinfo
from typing import Any

import matplotlib

matplotlib.use("Agg")

import matplotlib.dates as mdates
from matplotlib import rc_context
from matplotlib.figure import Figure

from myomap.diary.entry import Entry
from myomap.diary.progress import daily_overall, outcome_series, pain_extent

__all__ = ["extent_chart", "outcomes_chart", "overall_chart", "regions_chart"]

INK = "#1f2933"
ACCENT = "#c0392b"
PALETTE = ("#c0392b", "#2471a3", "#229954", "#b9770e", "#7d3c98", "#5d6d7e")
STYLE: dict[Any, Any] = {
    "svg.fonttype": "none",
    "svg.hashsalt": "myomap",
    "font.family": "DejaVu Sans",
    "font.size": 9,
    "axes.edgecolor": "#8a949e",
    "axes.labelcolor": INK,
    "xtick.color": INK,
    "ytick.color": INK,
    "axes.spines.top": False,
    "axes.spines.right": False,
}
SIZE = (7.0, 2.3)
POINTS_UP_TO = 400
"""Draw each entry as a dot only up to this many entries; beyond, the daily band says it."""


def _x(values: Sequence[date | datetime]) -> Any:
    """Dates as matplotlib's numbers (what its typed signatures expect)."""
    return mdates.date2num(list(values))  # type: ignore[no-untyped-call]


def _noon(day: date) -> datetime:
    """A day's value is drawn at its middle, among that day's entries."""
    return datetime.combine(day, time(12))


def _svg(figure: Figure) -> str:
    buffer = io.StringIO()
    figure.savefig(buffer, format="svg", metadata={"Date": None}, bbox_inches="tight")
    return buffer.getvalue()


def _empty(figure: Figure, message: str) -> str:
    ax = figure.add_subplot()
    ax.set_axis_off()
    ax.text(0.5, 0.5, message, ha="center", va="center", color=INK)
    return _svg(figure)


def _dates(ax: object) -> None:
    locator = mdates.AutoDateLocator(minticks=3, maxticks=8)  # type: ignore[no-untyped-call]
    formatter = mdates.ConciseDateFormatter(locator)  # type: ignore[no-untyped-call]
    ax.xaxis.set_major_locator(locator)  # type: ignore[attr-defined]
    ax.xaxis.set_major_formatter(formatter)  # type: ignore[attr-defined]


def overall_chart(entries: Sequence[Entry], *, zone: tzinfo | None = None) -> str:
    """Overall pain (0-10) over time: the daily mean, its low-high band, and each entry."""
    with rc_context(STYLE):
        figure = Figure(figsize=SIZE)
        if not entries:
            return _empty(figure, "No diary entries yet")
        days = daily_overall(entries, zone=zone)
        ax = figure.add_subplot()
        x = _x([_noon(d.day) for d in days])
        ax.fill_between(
            x,
            [d.low for d in days],
            [d.high for d in days],
            color=ACCENT,
            alpha=0.15,
            linewidth=0,
            label="lowest–highest that day",
        )
        ax.plot(
            x,
            [d.mean for d in days],
            color=ACCENT,
            linewidth=1.8,
            marker="o",
            markersize=3 if len(days) < 60 else 0,
            label="daily mean",
        )
        if len(entries) <= POINTS_UP_TO:
            ax.scatter(
                _x([e.at.astimezone(zone) for e in entries]),
                [e.overall for e in entries],
                s=9,
                color=INK,
                alpha=0.5,
                zorder=3,
                label="entry",
            )
        _treatment_marks(ax, entries, zone)
        ax.set_ylim(-0.3, 10.6)
        ax.set_yticks(range(0, 11, 2))
        ax.set_ylabel("overall pain (0–10)")
        ax.grid(axis="y", color="#e5e8eb", linewidth=0.6)
        _dates(ax)
        ax.legend(
            loc="upper center", bbox_to_anchor=(0.5, -0.22), frameon=False, fontsize=7, ncols=5
        )
        return _svg(figure)


def _treatment_marks(ax: Any, entries: Sequence[Entry], zone: tzinfo | None) -> None:
    """A marker along the top of the chart at each treatment taken, one colour per name."""
    taken: dict[str, list[datetime]] = {}
    for e in entries:
        for t in e.treatments:
            taken.setdefault(t.name, []).append((t.at or e.at).astimezone(zone))
    names = sorted(taken, key=lambda n: -len(taken[n]))
    for n, name in enumerate(names[: len(PALETTE) - 1]):
        ax.scatter(
            _x(taken[name]),
            [10.35 - 0.25 * n] * len(taken[name]),
            marker="v",
            s=22,
            color=PALETTE[(n + 1) % len(PALETTE)],
            zorder=4,
            label=f"taken: {name}",
        )


def outcomes_chart(entries: Sequence[Entry], *, zone: tzinfo | None = None) -> str:
    """PEG score (pain and interference, higher is worse) and PSFS score (function,
    higher is better) at each check-in."""
    with rc_context(STYLE):
        figure = Figure(figsize=SIZE)
        series = outcome_series(entries)
        if not series:
            return _empty(figure, "No PEG or PSFS check-ins yet")
        ax = figure.add_subplot()
        peg = [(at.astimezone(zone), v) for at, v, _ in series if v is not None]
        psfs = [(at.astimezone(zone), v) for at, _, v in series if v is not None]
        for points, name, colour in (
            (peg, "PEG (higher is worse)", ACCENT),
            (psfs, "PSFS (higher is better)", PALETTE[2]),
        ):
            if points:
                ax.plot(
                    _x([at for at, _ in points]),
                    [value for _, value in points],
                    color=colour,
                    linewidth=1.6,
                    marker="o",
                    markersize=3,
                    label=name,
                )
        ax.set_ylim(-0.3, 10.3)
        ax.set_yticks(range(0, 11, 2))
        ax.set_ylabel("score (0–10)")
        ax.grid(axis="y", color="#e5e8eb", linewidth=0.6)
        _dates(ax)
        ax.legend(loc="upper right", frameon=False, fontsize=7, ncols=2)
        return _svg(figure)


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
) -> str:
    """Daily mean intensity of a few regions (default: the most painful ones)."""
    with rc_context(STYLE):
        figure = Figure(figsize=SIZE)
        chosen = list(regions) if regions is not None else _top_regions(entries, top)
        if not entries or not chosen:
            return _empty(figure, "No painful regions marked yet")
        ax = figure.add_subplot()
        days = sorted({e.at.astimezone(zone).date() for e in entries})
        for colour, region in zip(PALETTE, chosen, strict=False):
            per_day: dict[object, list[int]] = {}
            for e in entries:
                per_day.setdefault(e.at.astimezone(zone).date(), []).append(e.pain.get(region, 0))
            ax.plot(
                _x([_noon(d) for d in days]),
                [sum(per_day[d]) / len(per_day[d]) for d in days],
                color=colour,
                linewidth=1.4,
                label=(labels or {}).get(region, region),
            )
        ax.set_ylim(-0.3, 10.3)
        ax.set_yticks(range(0, 11, 2))
        ax.set_ylabel("intensity (0–10)")
        ax.grid(axis="y", color="#e5e8eb", linewidth=0.6)
        _dates(ax)
        ax.legend(loc="upper right", frameon=False, fontsize=7)
        return _svg(figure)


def extent_chart(entries: Sequence[Entry], *, zone: tzinfo | None = None) -> str:
    """Share of the body marked painful at each entry, in percent."""
    with rc_context(STYLE):
        figure = Figure(figsize=SIZE)
        if not entries:
            return _empty(figure, "No diary entries yet")
        ax = figure.add_subplot()
        ordered = sorted(entries, key=lambda e: (e.at, e.id))
        ax.plot(
            _x([e.at.astimezone(zone) for e in ordered]),
            [100 * pain_extent(e.pain) for e in ordered],
            color=PALETTE[1],
            linewidth=1.4,
        )
        ax.set_ylabel("body area marked (%)")
        ax.set_ylim(bottom=0)
        ax.grid(axis="y", color="#e5e8eb", linewidth=0.6)
        _dates(ax)
        return _svg(figure)
