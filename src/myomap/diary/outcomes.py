"""Outcome measures and treatments a diary entry may carry, all optional.

- PEG: three 0-10 items (average pain, interference with enjoyment of life, with general
  activity) from the 3-item Brief Pain Inventory short form; the score is their mean
  (Krebs et al., J Gen Intern Med 2009;24(6):733-738; public domain).
- PSFS, the Patient-Specific Functional Scale: up to five activities the person names,
  each rated 0 (unable) to 10 (as before); the score is the mean (Stratford et al.,
  Physiotherapy Canada 1995;47:258-263).
- Treatments: what the person took or did (a medicine, a dose, when, a note).

These are recorded, scored and shown; nothing here says what a treatment did.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import datetime
from statistics import fmean

from pydantic import BaseModel, ConfigDict, Field, StrictInt, field_serializer

from myomap.diary.when import iso, parse_when
from myomap.errors import EvidenceError

__all__ = [
    "PEG_ITEMS",
    "PSFS_MAX",
    "Peg",
    "PsfsItem",
    "Treatment",
    "check_peg",
    "check_psfs",
    "check_treatments",
    "psfs_score",
]

PEG_ITEMS = {
    "pain": "What number best describes your pain on average in the past week?",
    "enjoyment": "What number best describes how, during the past week, pain has interfered "
    "with your enjoyment of life?",
    "activity": "What number best describes how, during the past week, pain has interfered "
    "with your general activity?",
}
"""The PEG's three questions, each answered 0 to 10."""
PSFS_MAX = 5
MAX_TREATMENTS = 20
MAX_TEXT = 200


class Peg(BaseModel):
    """The PEG: pain, enjoyment of life, general activity (0-10 each)."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    pain: StrictInt
    enjoyment: StrictInt
    activity: StrictInt

    @property
    def score(self) -> float:
        """The mean of the three items (0-10; higher is worse)."""
        return round(fmean((self.pain, self.enjoyment, self.activity)), 2)


class PsfsItem(BaseModel):
    """One activity the person finds hard, rated 0 (unable) to 10 (as before the problem)."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    activity: str
    score: StrictInt


class Treatment(BaseModel):
    """Something taken or done: a medicine, an exercise, a session with a therapist."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    name: str
    dose: str = ""
    at: datetime | None = Field(default=None, description="when it was taken (default: the entry)")
    note: str = ""

    @field_serializer("at")
    def _iso(self, value: datetime | None) -> str | None:
        return None if value is None else iso(value)


def psfs_score(items: Sequence[PsfsItem]) -> float | None:
    """The PSFS score: the mean of the activities' ratings (0-10; higher is better)."""
    return round(fmean(i.score for i in items), 2) if items else None


def _scale(value: int, field: str) -> None:
    if isinstance(value, bool) or not 0 <= value <= 10:
        raise EvidenceError(f"{field}: use a whole number from 0 to 10.", field=field, value=value)


def _text(value: str, field: str, *, required: bool = False) -> str:
    text = " ".join(value.split())
    if required and not text:
        raise EvidenceError(f"{field}: give a name.", field=field)
    if len(text) > MAX_TEXT:
        raise EvidenceError(f"{field}: at most {MAX_TEXT} characters.", field=field)
    return text


def check_peg(peg: Peg | None) -> Peg | None:
    if peg is not None:
        for name in PEG_ITEMS:
            _scale(getattr(peg, name), f"peg.{name}")
    return peg


def check_psfs(items: Iterable[PsfsItem]) -> list[PsfsItem]:
    checked = [
        PsfsItem(activity=_text(i.activity, f"psfs.{n}.activity", required=True), score=i.score)
        for n, i in enumerate(items)
    ]
    if len(checked) > PSFS_MAX:
        raise EvidenceError(f"psfs: at most {PSFS_MAX} activities.", field="psfs")
    for n, item in enumerate(checked):
        _scale(item.score, f"psfs.{n}.score")
    return checked


def check_treatments(items: Iterable[Treatment]) -> list[Treatment]:
    checked = [
        Treatment(
            name=_text(t.name, f"treatments.{n}.name", required=True),
            dose=_text(t.dose, f"treatments.{n}.dose"),
            at=parse_when(t.at, field=f"treatments.{n}.at") if t.at is not None else None,
            note=_text(t.note, f"treatments.{n}.note"),
        )
        for n, t in enumerate(items)
    ]
    if len(checked) > MAX_TREATMENTS:
        raise EvidenceError(f"treatments: at most {MAX_TREATMENTS}.", field="treatments")
    return checked
