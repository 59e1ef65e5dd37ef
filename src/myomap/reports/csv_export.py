"""Diary entries as CSV, one row per entry, for a spreadsheet.

Pain per region is one cell, ``region:intensity`` pairs joined by ``;``; list fields are
joined by ``;`` too.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable

from myomap.diary.entry import Entry, iso

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
    "created_at",
    "updated_at",
)


def entries_csv(entries: Iterable[Entry]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(COLUMNS)
    for e in entries:
        writer.writerow(
            [
                e.id,
                iso(e.at),
                e.overall,
                ";".join(f"{r}:{i}" for r, i in e.pain.items()),
                ";".join(e.quality),
                e.note,
                ";".join(e.self_care_done),
                ";".join(e.triggers),
                iso(e.created_at),
                iso(e.updated_at),
            ]
        )
    return buffer.getvalue()
