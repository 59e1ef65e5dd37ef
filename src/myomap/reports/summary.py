"""The Summary: everything a report shows, gathered once and rendered many ways.

A person's diary entries in a date range, their latest saved assessment (ranked muscles with
reasons, triage and the answers behind it) and the self-care plan that follows from it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from myomap.atlas.model import Atlas
from myomap.db.store import Store
from myomap.diary.assessment import Assessment
from myomap.diary.entry import Entry
from myomap.diary.plan import PlanStep, plan_steps
from myomap.diary.when import now, parse_when

__all__ = ["Person", "Summary", "TriageAnswer", "build_summary", "pseudonym"]


@dataclass(frozen=True)
class Person:
    """Who the report is about: a name or pseudonym, and age and sex when known."""

    name: str
    age: int | None = None
    sex: str | None = None
    owner_id: int = 0
    named: bool = False
    """Whether ``name`` was given (else it is a pseudonym)."""

    @property
    def line(self) -> str:
        """ "Ana Lima, 46, female" (unknowns said so)."""
        age = f"{self.age} years" if self.age is not None else "age not given"
        return f"{self.name}, {age}, {self.sex or 'sex not given'}"


@dataclass(frozen=True)
class TriageAnswer:
    finding: str
    question: str
    answer: str


@dataclass(frozen=True)
class Summary:
    atlas: Atlas = field(repr=False)
    generated_at: datetime
    since: datetime | None
    until: datetime | None
    entries: list[Entry]
    assessment: Assessment | None
    plan: list[PlanStep]
    person: Person = field(default_factory=lambda: Person("Not named"))

    @property
    def triage_answers(self) -> list[TriageAnswer]:
        """The latest assessment's answers to warning-sign questions, in catalogue order."""
        if self.assessment is None:
            return []
        answers = self.assessment.evidence.answers
        return [
            TriageAnswer(finding.id, finding.question, answers[finding.id])
            for finding in self.atlas.findings.values()
            if finding.category == "red_flag" and finding.id in answers
        ]

    def region_label(self, region: str) -> str:
        found = self.atlas.regions.get(region)
        return found.label if found else region


def build_summary(
    store: Store,
    *,
    since: datetime | str | None = None,
    until: datetime | str | None = None,
    name: str | None = None,
) -> Summary:
    """The summary of the diary between ``since`` and ``until`` (default: all of it), about
    the person ``name`` (default: a pseudonym from the diary's owner)."""
    start = parse_when(since, field="since") if since is not None else None
    end = parse_when(until, field="until") if until is not None else None
    assessment = store.latest_assessment()
    plan = plan_steps(store.atlas, assessment.result) if assessment else []
    return Summary(
        atlas=store.atlas,
        generated_at=now(),
        since=start,
        until=end,
        entries=store.list_entries(since=start, until=end),
        assessment=assessment,
        plan=plan,
        person=_person(store, assessment, name),
    )


def pseudonym(owner_id: int) -> str:
    """A stable stand-in for a name: "Person P-0007"."""
    return f"Person P-{owner_id:04d}"


def _person(store: Store, assessment: Assessment | None, name: str | None) -> Person:
    evidence = assessment.evidence if assessment else None
    given = " ".join((name or "").split())[:120]
    return Person(
        name=given or pseudonym(store.owner_id),
        age=evidence.age if evidence else None,
        sex=evidence.sex if evidence else None,
        owner_id=store.owner_id,
        named=bool(given),
    )
