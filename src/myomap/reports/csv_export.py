"""Diary entries as CSV, one row per entry, for a spreadsheet.

Pain per region is one cell, ``region:intensity`` pairs joined by ``;``; list fields are
joined by ``;`` too. PEG items and score have a column each; the PSFS is ``activity:score``
pairs; treatments are ``name|dose|at|note``.

A text cell that a spreadsheet would run as a formula (it starts with ``= + - @``, a tab
or a carriage return) gets a leading ``'``, so ``=HYPERLINK(…)`` in a note stays text
(OWASP's advice on CSV injection).
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable

from myomap.diary.entry import Entry, iso
from myomap.diary.outcomes import Treatment, psfs_score

__all__ = ["COLUMNS", "entries_csv"]

COLUMNS = (
    "id",
    "at",
    "overall",
    "pain",
    "quality",
    "note",
    "self_care_done",
    "triggers",
    "peg_pain",
    "peg_enjoyment",
    "peg_activity",
    "peg_score",
    "psfs",
    "psfs_score",
    "treatments",
    "created_at",
    "updated_at",
)


FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def _cell(value: object) -> object:
    """``value``, with a text that would start a formula turned into plain text.

    >>> [_cell(c) for c in ("=1+1", "@SUM(A1)", "-3 after a walk", "sore", -3)]
    ["'=1+1", "'@SUM(A1)", "'-3 after a walk", 'sore', -3]
    """
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def _number(value: float | None) -> str:
    return "" if value is None else f"{value:g}"


def _peg(e: Entry) -> list[str]:
    if e.peg is None:
        return ["", "", "", ""]
    p = e.peg
    return [str(p.pain), str(p.enjoyment), str(p.activity), _number(p.score)]


def _treatment(t: Treatment) -> str:
    """``name|dose|at|note`` (empty parts kept, so the columns line up)."""
    return "|".join([t.name, t.dose, iso(t.at) if t.at else "", t.note])


def entries_csv(entries: Iterable[Entry]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(COLUMNS)
    for e in entries:
        cells = [
            e.id,
            iso(e.at),
            e.overall,
            ";".join(f"{r}:{i}" for r, i in e.pain.items()),
            ";".join(e.quality),
            e.note,
            ";".join(e.self_care_done),
            ";".join(e.triggers),
            *_peg(e),
            ";".join(f"{i.activity}:{i.score}" for i in e.psfs),
            _number(psfs_score(e.psfs)),
            ";".join(_treatment(t) for t in e.treatments),
            iso(e.created_at),
            iso(e.updated_at),
        ]
        writer.writerow([_cell(c) for c in cells])
    return buffer.getvalue()
