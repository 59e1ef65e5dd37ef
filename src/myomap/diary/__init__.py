"""The diary's domain, with no database in sight: entries, saved assessments (and their
re-run against the current atlas), the self-care plan, progress over time, and the snapshot
format of export and import.

The names below load on first use (``myomap.lazy``), so adding an entry does not load the
assessment's result types or the export format.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from myomap.lazy import attributes

if TYPE_CHECKING:
    from myomap.diary.assessment import Assessment, CandidateMove, CandidateRef, Rerun
    from myomap.diary.entry import QUALITIES, Entry, EntryDraft
    from myomap.diary.snapshot import Snapshot

__all__ = [
    "QUALITIES",
    "Assessment",
    "CandidateMove",
    "CandidateRef",
    "Entry",
    "EntryDraft",
    "Rerun",
    "Snapshot",
]

__getattr__ = attributes(
    __name__,
    {
        "QUALITIES": ".entry",
        "Assessment": ".assessment",
        "CandidateMove": ".assessment",
        "CandidateRef": ".assessment",
        "Entry": ".entry",
        "EntryDraft": ".entry",
        "Rerun": ".assessment",
        "Snapshot": ".snapshot",
    },
)
