"""A diary entry: what the person felt at one moment. Several a day are fine.

``EntryDraft`` is what a person types (checked by ``check_draft`` against the atlas before
anything is written); ``Entry`` is what the store gives back, with its id and timestamps.
Its JSON form is what ``myomap diary list --json`` prints and what exports hold::

    {"id": 3, "at": "2025-03-01T07:30:00Z", "overall": 4,
     "pain": {"lumbar_paraspinal_r": 5, "buttock_upper_r": 3}, "quality": ["aching"],
     "note": "stiff after sitting", "self_care_done": ["gluteus_medius/stretch/1"],
     "triggers": ["long drive"], "peg": {"pain": 5, "enjoyment": 4, "activity": 6},
     "psfs": [{"activity": "gardening", "score": 4}],
     "treatments": [{"name": "ibuprofen", "dose": "400 mg", "at": null, "note": ""}],
     "created_at": "…", "updated_at": "…", "deleted_at": null}
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import datetime

from pydantic import BaseModel, ConfigDict, Field, StrictInt, field_serializer

from myomap.atlas.names import RegionNames
from myomap.atlas.suggest import did_you_mean
from myomap.diary.outcomes import (
    Peg,
    PsfsItem,
    Treatment,
    check_peg,
    check_psfs,
    check_treatments,
)
from myomap.diary.when import iso
from myomap.errors import EvidenceError

__all__ = ["MAX_ITEM", "MAX_NOTE", "QUALITIES", "Entry", "EntryDraft", "check_draft", "iso"]

QUALITIES: tuple[str, ...] = (
    "aching",
    "burning",
    "cramping",
    "dull",
    "numb",
    "sharp",
    "shooting",
    "stabbing",
    "stiff",
    "tender",
    "throbbing",
    "tingling",
)
"""Words for how the pain feels; an entry's ``quality`` takes any of them."""

MAX_NOTE = 10_000
MAX_ITEM = 200
MAX_ITEMS = 50


class EntryDraft(BaseModel):
    """The person's input for one entry; ``at`` is aware UTC once checked."""

    model_config = ConfigDict(frozen=True)

    at: datetime
    overall: StrictInt
    pain: dict[str, StrictInt] = Field(default_factory=dict)
    quality: list[str] = Field(default_factory=list)
    note: str = ""
    self_care_done: list[str] = Field(default_factory=list)
    triggers: list[str] = Field(default_factory=list)
    peg: Peg | None = None
    psfs: list[PsfsItem] = Field(default_factory=list)
    treatments: list[Treatment] = Field(default_factory=list)


class Entry(BaseModel):
    """A stored diary entry."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    id: int
    at: datetime
    overall: int
    pain: dict[str, int] = Field(default_factory=dict)
    quality: list[str] = Field(default_factory=list)
    note: str = ""
    self_care_done: list[str] = Field(default_factory=list)
    triggers: list[str] = Field(default_factory=list)
    peg: Peg | None = None
    psfs: list[PsfsItem] = Field(default_factory=list)
    treatments: list[Treatment] = Field(default_factory=list)
    created_at: datetime
    updated_at: datetime
    deleted_at: datetime | None = None

    @field_serializer("at", "created_at", "updated_at", "deleted_at")
    def _iso(self, value: datetime | None) -> str | None:
        return None if value is None else iso(value)

    def draft(self) -> EntryDraft:
        return EntryDraft.model_validate(self.model_dump(include=set(EntryDraft.model_fields)))


def _check_scale(value: object, what: str, field: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= 10:
        raise EvidenceError(
            f"{what} {value!r} is out of range: use a whole number from 0 (no pain) "
            "to 10 (worst imaginable).",
            field=field,
            value=value,
        )
    return value


def _check_pain(regions: RegionNames, pain: Mapping[str, object]) -> dict[str, int]:
    checked: dict[str, int] = {}
    for region, intensity in pain.items():
        if region not in regions.ids:
            hint = did_you_mean(region, regions.ids)
            if region in regions.paired:
                hint = f" This region has two sides: use {region}_l or {region}_r."
            raise EvidenceError(
                f"Unknown region {region!r}.{hint}", field=f"pain.{region}", value=region
            )
        checked[region] = _check_scale(intensity, f"Intensity for {region!r}", f"pain.{region}")
    return dict(sorted(checked.items()))


def _check_words(items: Iterable[str], field: str) -> list[str]:
    words = [" ".join(str(item).split()) for item in items]
    words = list(dict.fromkeys(w for w in words if w))
    if len(words) > MAX_ITEMS:
        raise EvidenceError(f"{field}: at most {MAX_ITEMS} items, please.", field=field)
    for word in words:
        if len(word) > MAX_ITEM:
            raise EvidenceError(
                f"{field}: {word[:40]!r}… is longer than {MAX_ITEM} characters; shorten it "
                "or put it in the note.",
                field=field,
            )
    return words


def _check_quality(items: Iterable[str]) -> list[str]:
    words = [w.lower() for w in _check_words(items, "quality")]
    for word in words:
        if word not in QUALITIES:
            raise EvidenceError(
                f"Unknown pain quality {word!r}.{did_you_mean(word, QUALITIES)} "
                f"Use any of: {', '.join(QUALITIES)}.",
                field="quality",
                value=word,
            )
    return words


def check_draft(regions: RegionNames, draft: EntryDraft) -> EntryDraft:
    """The draft, normalised, if every value is valid; otherwise an EvidenceError naming it.

    ``regions``: the atlas's region names (``myomap.atlas.names``)."""
    _check_scale(draft.overall, "Overall pain", "overall")
    note = draft.note.strip()
    if len(note) > MAX_NOTE:
        raise EvidenceError(f"The note is longer than {MAX_NOTE} characters.", field="note")
    return draft.model_copy(
        update={
            "pain": _check_pain(regions, draft.pain),
            "quality": _check_quality(draft.quality),
            "note": note,
            "self_care_done": _check_words(draft.self_care_done, "self_care_done"),
            "triggers": _check_words(draft.triggers, "triggers"),
            "peg": check_peg(draft.peg),
            "psfs": check_psfs(draft.psfs),
            "treatments": check_treatments(draft.treatments),
        }
    )
