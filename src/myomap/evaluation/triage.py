"""Triage measured against public guidance: the guideline-based set in ``eval/triage/``.

Each case states the level that the cited guidance gives (not what myomap's rules give),
so this can find a missing rule. A case with ``minimum: true`` expects at least that level.
Under-triage (below the expected level) is the hazard to drive to zero; over-triage is
reported on the mimics (ordinary muscle-like pain with every warning sign answered "no").

>>> from myomap.engine.urgency import LEVELS
>>> outcome("urgent", Expectation(triage="urgent", minimum=True))
'correct'
>>> outcome("see_doctor", Expectation(triage="emergency"))
'under'
>>> outcome("emergency", Expectation(triage="urgent", minimum=True))
'correct'
>>> outcome("emergency", Expectation(triage="urgent"))
'over'
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from myomap.atlas.model import Atlas
from myomap.atlas.schema import TriageLevel
from myomap.engine.evidence import Answer, Evidence, Pain
from myomap.engine.urgency import LEVELS, triage
from myomap.evaluation.cases import load_cases

__all__ = [
    "Expectation",
    "TriageCase",
    "TriageReport",
    "level_table",
    "load_triage_cases",
    "outcome",
    "score_triage",
    "tally",
    "triage_markdown",
]

Outcome = Literal["correct", "under", "over"]


class Expectation(BaseModel):
    model_config = ConfigDict(extra="forbid")

    triage: TriageLevel
    minimum: bool = False
    """True: the guidance sets a floor ("at least urgent"), so a higher level is not an error."""


class Basis(BaseModel):
    source: str
    point: str = ""
    read_via: str = ""


class TriageCase(BaseModel):
    """One presentation from public guidance, with every warning-sign answer the person gives."""

    model_config = ConfigDict(extra="forbid")

    id: str
    split: Literal["dev", "holdout"]
    condition: str
    title: str
    story: str = ""
    age: int | None = None
    sex: Literal["female", "male", "other"] | None = None
    pain: list[Pain] = Field(default_factory=list)
    answers: dict[str, Answer] = Field(default_factory=dict)
    expect: Expectation
    basis: list[Basis] = Field(default_factory=list)

    @property
    def mimic(self) -> bool:
        """Ordinary muscle-like pain: the guidance expects self-care."""
        return self.expect.triage == "self_care"

    def evidence(self) -> Evidence:
        return Evidence.model_validate(
            {"pain": self.pain, "answers": self.answers, "age": self.age, "sex": self.sex}
        )


def load_triage_cases(path: Path) -> list[TriageCase]:
    """Read and validate a triage case file; errors name the case and the field."""
    return load_cases(path, TriageCase, "case")


def outcome(given: TriageLevel, expected: Expectation) -> Outcome:
    """Whether ``given`` matches what the guidance expects, or falls under or over it."""
    have, want = LEVELS.index(given), LEVELS.index(expected.triage)
    if have < want:
        return "under"
    if have > want and not expected.minimum:
        return "over"
    return "correct"


@dataclass
class Miss:
    case: str
    condition: str
    expected: TriageLevel
    given: TriageLevel


@dataclass
class TriageReport:
    """Counts for one split: by expected level, how many cases fell under it."""

    cases: int = 0
    correct: int = 0
    by_level: dict[str, list[int]] = field(default_factory=dict)
    """expected level -> [cases, under-triaged, over-triaged]"""
    mimics: int = 0
    mimics_over: int = 0
    under: list[Miss] = field(default_factory=list)
    over: list[Miss] = field(default_factory=list)


def score_triage(atlas: Atlas, cases: Iterable[TriageCase]) -> dict[str, TriageReport]:
    """Reports for ``dev``, ``holdout`` and ``all``."""
    reports = {name: TriageReport() for name in ("dev", "holdout", "all")}
    for case in cases:
        given = triage(atlas, case.evidence()).level
        result = outcome(given, case.expect)
        miss = Miss(case.id, case.condition, case.expect.triage, given)
        for name in (case.split, "all"):
            tally(reports[name], case.expect.triage, result, mimic=case.mimic, miss=miss)
    return reports


def tally(
    report: TriageReport,
    expected: TriageLevel,
    result: Outcome,
    *,
    mimic: bool,
    miss: Miss | None = None,
) -> None:
    """Count one case into ``report``; ``miss`` is listed when the case falls under or over."""
    report.cases += 1
    row = report.by_level.setdefault(expected, [0, 0, 0])
    row[0] += 1
    if result == "correct":
        report.correct += 1
    elif result == "under":
        row[1] += 1
        if miss is not None:
            report.under.append(miss)
    else:
        row[2] += 1
        if miss is not None:
            report.over.append(miss)
    if mimic:
        report.mimics += 1
        report.mimics_over += result == "over"


def level_table(report: TriageReport, split: str, noun: str = "cases") -> list[str]:
    """A split's heading and its table of cases by expected level: under and over it."""
    lines = [
        f"### {split} ({report.cases} {noun})",
        "",
        f"| expected level | {noun} | under-triaged | over-triaged |",
        "|---|---|---|---|",
    ]
    for level in reversed(LEVELS):
        n, n_under, n_over = report.by_level.get(level, [0, 0, 0])
        if n:
            lines.append(f"| {level} | {n} | {n_under} | {n_over} |")
    return lines


def triage_markdown(
    reports: dict[str, TriageReport], splits: Sequence[str] = ("dev", "holdout", "all")
) -> str:
    """The tables for docs/evaluation.md, one per split in ``splits`` (the last one's
    under-triaged cases listed)."""
    lines: list[str] = []
    for name in splits:
        report = reports[name]
        lines += level_table(report, name)
        rate = report.mimics_over / report.mimics if report.mimics else 0.0
        lines += [
            "",
            f"Correct: {report.correct} of {report.cases}. Over-triage on mimics: "
            f"{report.mimics_over} of {report.mimics} ({rate:.0%}).",
            "",
        ]
    misses = reports[splits[-1]].under
    if misses:
        lines += ["Under-triaged cases:", ""]
        lines += [f"- {m.case} ({m.condition}): {m.given}, expected {m.expected}" for m in misses]
        lines.append("")
    return "\n".join(lines)
