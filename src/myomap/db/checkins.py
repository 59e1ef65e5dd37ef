"""Check-ins of diary entries: PEG and PSFS responses and treatments taken, one row each,
tied to an entry and its owner (migration 0005). Deleting an entry or an account removes
them (foreign keys, ON DELETE CASCADE).

The store calls ``write`` inside an entry's write transaction (an import adds ``rows`` for
its new entries) and ``attach`` when it hands entries out, so an ``Entry`` always carries its
check-ins.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from contextlib import AbstractContextManager
from datetime import datetime
from typing import Any, Protocol

from sqlalchemy import JSON, Float, ForeignKey, Integer, String, delete, select
from sqlalchemy.orm import Mapped, Session, mapped_column

from myomap.db.tables import AUTOINCREMENT, Base
from myomap.diary.entry import Entry, EntryDraft
from myomap.diary.outcomes import Peg, PsfsItem, Treatment, psfs_score


class Reader(Protocol):
    """What reads check-ins: a store or a repository of one person's rows."""

    owner_id: int

    def reading(self, *, consistent: bool = False) -> AbstractContextManager[Session]: ...


__all__ = ["QuestionnaireRow", "TreatmentRow", "attach", "past_treatments", "write"]


class QuestionnaireRow(Base):
    __tablename__ = "questionnaire_responses"
    __table_args__ = AUTOINCREMENT

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    entry_id: Mapped[int] = mapped_column(ForeignKey("entries.id", ondelete="CASCADE"), index=True)
    owner_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    instrument: Mapped[str] = mapped_column(String(16))
    items: Mapped[Any] = mapped_column(JSON)
    score: Mapped[float] = mapped_column(Float)


class TreatmentRow(Base):
    __tablename__ = "treatments"
    __table_args__ = AUTOINCREMENT

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    entry_id: Mapped[int] = mapped_column(ForeignKey("entries.id", ondelete="CASCADE"), index=True)
    owner_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    name: Mapped[str] = mapped_column(String(200))
    dose: Mapped[str] = mapped_column(String(200))
    taken_at: Mapped[datetime | None]
    note: Mapped[str] = mapped_column(String(200))


def rows(owner_id: int, entry_id: int, draft: EntryDraft) -> list[Base]:
    """The rows that hold the draft's check-ins for one entry."""
    found: list[Base] = []
    if draft.peg is not None:
        found.append(
            QuestionnaireRow(
                entry_id=entry_id,
                owner_id=owner_id,
                instrument="peg",
                items=draft.peg.model_dump(),
                score=draft.peg.score,
            )
        )
    if draft.psfs:
        found.append(
            QuestionnaireRow(
                entry_id=entry_id,
                owner_id=owner_id,
                instrument="psfs",
                items=[i.model_dump() for i in draft.psfs],
                score=psfs_score(draft.psfs) or 0.0,
            )
        )
    found += [
        TreatmentRow(
            entry_id=entry_id,
            owner_id=owner_id,
            name=t.name,
            dose=t.dose,
            taken_at=t.at,
            note=t.note,
        )
        for t in draft.treatments
    ]
    return found


def write(session: Session, owner_id: int, entry: Entry, draft: EntryDraft) -> Entry:
    """Replace the check-ins of ``entry`` with the draft's; the entry as it now is.

    The deletes find the rows they removed in the session by fetching their keys (the
    default tests every object in the session against the criteria: time in n² over a
    session that holds n entries).
    """
    fetch = {"synchronize_session": "fetch"}
    session.execute(
        delete(QuestionnaireRow).where(QuestionnaireRow.entry_id == entry.id),
        execution_options=fetch,
    )
    session.execute(
        delete(TreatmentRow).where(TreatmentRow.entry_id == entry.id), execution_options=fetch
    )
    session.add_all(rows(owner_id, entry.id, draft))
    session.flush()
    return entry.model_copy(
        update={"peg": draft.peg, "psfs": list(draft.psfs), "treatments": list(draft.treatments)}
    )


def _load(session: Session, ids: Sequence[int]) -> dict[int, dict[str, Any]]:
    found: dict[int, dict[str, Any]] = defaultdict(dict)
    for chunk in range(0, len(ids), 900):  # SQLite's bound-parameter limit
        part = ids[chunk : chunk + 900]
        for q in session.scalars(
            select(QuestionnaireRow).where(QuestionnaireRow.entry_id.in_(part))
        ):
            if q.instrument == "peg":
                found[q.entry_id]["peg"] = Peg.model_validate(q.items)
            else:
                found[q.entry_id]["psfs"] = [PsfsItem.model_validate(i) for i in q.items]
        treatments = session.scalars(
            select(TreatmentRow).where(TreatmentRow.entry_id.in_(part)).order_by(TreatmentRow.id)
        )
        for t in treatments:
            found[t.entry_id].setdefault("treatments", []).append(
                Treatment(name=t.name, dose=t.dose, at=t.taken_at, note=t.note)
            )
    return found


def attach(store: Reader, entries: Iterable[Entry]) -> list[Entry]:
    """The entries with their check-ins (one read for all of them)."""
    listed = list(entries)
    if not listed:
        return listed
    with store.reading() as session:
        found = _load(session, [e.id for e in listed])
    return [e.model_copy(update=found[e.id]) if e.id in found else e for e in listed]


def past_treatments(store: Reader, limit: int = 30) -> list[dict[str, str]]:
    """The person's own treatments, most used first, with the dose they last took: the
    suggestions of the entry form."""
    query = (
        select(TreatmentRow.name, TreatmentRow.dose)
        .where(TreatmentRow.owner_id == store.owner_id)
        .order_by(TreatmentRow.id.desc())
    )
    counts: dict[str, int] = defaultdict(int)
    dose: dict[str, str] = {}
    with store.reading() as session:
        for name, last_dose in session.execute(query):
            counts[name] += 1
            dose.setdefault(name, last_dose)
    ranked = sorted(counts, key=lambda n: (-counts[n], n.lower()))[:limit]
    return [{"name": n, "dose": dose[n]} for n in ranked]
