"""Warning signs read from a person's own words: the red-flag stories in ``eval/stories/``.

Each story is a short first-person description written from public guidance by someone who
did not read myomap's rules or phrase lists, labelled with the warning signs a careful reader
finds in it (``signs``), those it denies (``negated``) and the level the guidance gives. The
free-text reader sees the story alone; the triage that counts is the one given *before*
anything is confirmed (``provisional_triage``), since that is what a warning sign must raise.

Measured per split: triage under and over the expected level (over-triage on the mimics,
ordinary muscle pain that mentions a warning topic only to deny it), recall of the labelled
signs (read as "yes" or "not sure"), and negations kept (a denied sign never read as "yes").
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from myomap.atlas.model import Atlas
from myomap.atlas.schema import TriageLevel
from myomap.evaluation.cases import load_cases
from myomap.evaluation.triage import Expectation, TriageReport, level_table, outcome, tally
from myomap.understand import provisional_triage, understand

__all__ = ["Story", "StoryReport", "load_stories", "score_stories", "stories_markdown"]


class StoryExpectation(Expectation):
    signs: list[str] = Field(default_factory=list)
    hedged: list[str] = Field(default_factory=list)
    negated: list[str] = Field(default_factory=list)


class Story(BaseModel):
    """One first-person description and what guidance makes of it."""

    model_config = ConfigDict(extra="forbid")

    id: str
    split: Literal["dev", "holdout"]
    story: str
    age: int | None = None
    sex: Literal["female", "male", "other"] | None = None
    expect: StoryExpectation
    basis: list[str] = Field(default_factory=list)

    @property
    def mimic(self) -> bool:
        return self.expect.triage == "self_care"


def load_stories(path: Path) -> list[Story]:
    """Read and validate a story file; errors name the story and the field."""
    return load_cases(path, Story, "story")


@dataclass
class StoryMiss:
    story: str
    expected: TriageLevel
    given: TriageLevel
    missed_signs: list[str]
    read_as_yes: list[str]


@dataclass
class StoryReport:
    """One split: triage from the text alone, sign recall and negations kept."""

    triage: TriageReport = field(default_factory=TriageReport)
    signs: int = 0
    signs_found: int = 0
    negated: int = 0
    negated_kept: int = 0
    misses: list[StoryMiss] = field(default_factory=list)

    @property
    def sign_recall(self) -> float:
        return self.signs_found / self.signs if self.signs else 1.0

    @property
    def negation_accuracy(self) -> float:
        return self.negated_kept / self.negated if self.negated else 1.0


def score_stories(atlas: Atlas, stories: Iterable[Story]) -> dict[str, StoryReport]:
    """Reports for ``dev``, ``holdout`` and ``all``."""
    reports = {name: StoryReport() for name in ("dev", "holdout", "all")}
    for story in stories:
        reading = understand(atlas, story.story)
        given = provisional_triage(atlas, reading).level
        flagged = {f.finding for f in reading.red_flags}
        said_yes = {f.finding for f in reading.findings if f.polarity == "yes"}
        missed = [s for s in story.expect.signs if s not in flagged]
        wrong = [s for s in story.expect.negated if s in said_yes]
        result = outcome(given, story.expect)
        for name in (story.split, "all"):
            report = reports[name]
            tally(report.triage, story.expect.triage, result, mimic=story.mimic)
            report.signs += len(story.expect.signs)
            report.signs_found += len(story.expect.signs) - len(missed)
            report.negated += len(story.expect.negated)
            report.negated_kept += len(story.expect.negated) - len(wrong)
            if result != "correct" or missed or wrong:
                report.misses.append(StoryMiss(story.id, story.expect.triage, given, missed, wrong))
    return reports


def stories_markdown(reports: dict[str, StoryReport], *, show: Iterable[str] = ("dev",)) -> str:
    """The tables for docs/evaluation.md; misses are listed only for the splits in ``show``
    (never the holdout by default: reading its misses would be tuning on it)."""
    lines: list[str] = []
    for split in [n for n in ("dev", "holdout", "all") if n in reports]:
        report = reports[split]
        t = report.triage
        lines += level_table(t, split, "stories")
        under = sum(row[1] for row in t.by_level.values())
        lines += [
            "",
            f"Triage from the text alone: {t.correct} of {t.cases} as expected, {under} under. "
            f"Over-triage on mimics: {t.mimics_over} of {t.mimics}. Warning signs found: "
            f"{report.signs_found} of {report.signs} ({report.sign_recall:.0%}). Denied signs "
            f"kept denied: {report.negated_kept} of {report.negated} "
            f"({report.negation_accuracy:.0%}).",
            "",
        ]
    for name in show:
        misses = reports[name].misses
        if misses:
            lines += [f"Misses ({name}):", ""]
            lines += [_miss(m) for m in misses]
            lines.append("")
    return "\n".join(lines)


def _miss(m: StoryMiss) -> str:
    parts = [f"- {m.story}: {m.given}, expected {m.expected}"]
    if m.missed_signs:
        parts.append(f"missed {', '.join(m.missed_signs)}")
    if m.read_as_yes:
        parts.append(f"denied but read as yes: {', '.join(m.read_as_yes)}")
    return "; ".join(parts)
