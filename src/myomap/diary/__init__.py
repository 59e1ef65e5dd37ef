"""The diary's domain, with no database in sight: entries, saved assessments (and their
re-run against the current atlas), the self-care plan, progress over time, and the snapshot
format of export and import."""

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
