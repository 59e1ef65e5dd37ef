"""What the clinician sees at a glance: each patient's last entry, the trend of their overall
pain and their latest triage level (the patient list); and, for one patient, pain maps over
time side by side with their overlap, and the PEG and PSFS scores first and latest.

Built from the patient's store and the diary's pure functions (``diary.progress``); no
claims beyond what the diary holds: the trend says how the recorded pain moved, not why.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from statistics import fmean

from markupsafe import Markup

from myomap.accounts.sharing import Patient
from myomap.atlas.figures import VIEWS
from myomap.db import Store
from myomap.diary import Entry
from myomap.diary.outcomes import psfs_score
from myomap.diary.progress import overlap, pain_extent
from myomap.web.bodymap.figures import pain_figure

__all__ = [
    "TREND_ENTRIES",
    "MapStep",
    "Outcomes",
    "PatientRow",
    "Trend",
    "map_steps",
    "outcomes",
    "patient_rows",
    "trend",
]

TREND_ENTRIES = 6
"""The trend compares the newer half of this many latest entries with the older half."""
TREND_STEP = 1.0
"""A change in mean overall pain (0-10) smaller than this reads as steady."""
MAP_STEPS = 4
"""Pain maps shown side by side on the patient page: the first, the latest, and between."""


@dataclass(frozen=True)
class Trend:
    """Where the overall pain of the latest entries went: an arrow and its words."""

    arrow: str
    words: str
    change: float | None

    @property
    def css(self) -> str:
        return {"↑": "up", "↓": "down", "→": "steady"}.get(self.arrow, "none")


def trend(entries: Sequence[Entry]) -> Trend:
    """The trend of overall pain over the latest ``TREND_ENTRIES`` entries (oldest first):
    the mean of the newer half minus the mean of the older half."""
    recent = sorted(entries, key=lambda e: (e.at, e.id))[-TREND_ENTRIES:]
    if len(recent) < 2:
        return Trend("", "too few entries for a trend", None)
    half = len(recent) // 2
    change = round(
        fmean(e.overall for e in recent[half:]) - fmean(e.overall for e in recent[:half]), 1
    )
    if change >= TREND_STEP:
        return Trend("↑", f"pain higher ({change:+.1f})", change)
    if change <= -TREND_STEP:
        return Trend("↓", f"pain lower ({change:+.1f})", change)
    return Trend("→", f"pain steady ({change:+.1f})", change)


@dataclass(frozen=True)
class PatientRow:
    """One line of the clinician's patient list."""

    patient: Patient
    last_entry: datetime | None
    last_overall: int | None
    trend: Trend
    triage: str | None
    triage_at: datetime | None


def patient_rows(store: Store, patients: Sequence[Patient]) -> list[PatientRow]:
    """The patient list's lines, most recent diary activity first (no entries last)."""
    rows = []
    for patient in patients:
        theirs = store.for_owner(patient.id)
        latest = theirs.list_entries(newest_first=True, limit=TREND_ENTRIES)
        assessment = theirs.latest_assessment()
        rows.append(
            PatientRow(
                patient=patient,
                last_entry=latest[0].at if latest else None,
                last_overall=latest[0].overall if latest else None,
                trend=trend(latest),
                triage=assessment.result.triage.level if assessment else None,
                triage_at=assessment.created_at if assessment else None,
            )
        )
    return sorted(rows, key=lambda r: (r.last_entry is None, -(r.last_entry or _EPOCH).timestamp()))


_EPOCH = datetime.fromtimestamp(0).astimezone()


@dataclass(frozen=True)
class MapStep:
    """One pain map of the series, with how much it overlaps the one before it."""

    entry: Entry
    figures: list[Markup]
    extent: float
    overlap_before: float | None


def _spread(count: int, wanted: int) -> list[int]:
    """``wanted`` indexes from 0 to ``count - 1``, evenly spread, first and last included."""
    if count <= wanted:
        return list(range(count))
    step = (count - 1) / (wanted - 1)
    return sorted({round(i * step) for i in range(wanted)})


def map_steps(entries: Sequence[Entry], wanted: int = MAP_STEPS) -> list[MapStep]:
    """Pain maps over time (entries oldest first): the first, the latest and evenly spaced
    ones between, each with its share of the body and its overlap with the previous map."""
    marked = [e for e in entries if any(v > 0 for v in e.pain.values())]
    steps: list[MapStep] = []
    previous: Entry | None = None
    for index in _spread(len(marked), wanted):
        entry = marked[index]
        when = entry.at.astimezone().strftime("%d %b %Y")
        steps.append(
            MapStep(
                entry=entry,
                figures=[
                    pain_figure(v, f"Pain map of {when}, {v} view", entry.pain) for v in VIEWS
                ],
                extent=pain_extent(entry.pain),
                overlap_before=overlap(previous.pain, entry.pain) if previous else None,
            )
        )
        previous = entry
    return steps


@dataclass(frozen=True)
class Score:
    at: datetime
    value: float


@dataclass(frozen=True)
class Outcomes:
    """PEG (lower is better) and PSFS (higher is better) scores, oldest first."""

    peg: list[Score]
    psfs: list[Score]
    activities: list[str]

    @property
    def any(self) -> bool:
        return bool(self.peg or self.psfs)


def outcomes(entries: Sequence[Entry]) -> Outcomes:
    """The check-in scores of the entries (oldest first) and the activities the PSFS named."""
    peg = [Score(e.at, e.peg.score) for e in entries if e.peg is not None]
    psfs = [Score(e.at, s) for e in entries if (s := psfs_score(e.psfs)) is not None]
    activities = list(dict.fromkeys(i.activity for e in entries for i in e.psfs))
    return Outcomes(peg, psfs, activities)
