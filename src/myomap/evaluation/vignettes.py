"""Evaluation on clinical-style vignettes: ranking accuracy and triage safety.

A vignette file is a YAML list; see eval/README.md for the format. Each vignette is ranked
from what the person reports up front, then again after a simulated interview in which
myomap asks up to ``MAX_QUESTIONS`` questions and the vignette's ``interview`` answers them
(a finding it does not list is answered "unknown"; a region question is answered "no").
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from myomap.atlas.schema import TriageLevel
from myomap.engine.baseline import lookup
from myomap.engine.evidence import Answer, Evidence, Pain
from myomap.engine.model import Model
from myomap.engine.ranking import rank
from myomap.engine.result import Result
from myomap.engine.urgency import LEVELS, triage
from myomap.evaluation.cases import load_cases

__all__ = [
    "MAX_QUESTIONS",
    "Metrics",
    "Vignette",
    "compare",
    "evaluate",
    "hit_rank",
    "load_vignettes",
    "to_markdown",
]

MAX_QUESTIONS = 7
Method = Literal["engine", "lookup"]


class Expected(BaseModel):
    model_config = ConfigDict(extra="forbid")

    class Target(BaseModel):
        model_config = ConfigDict(extra="forbid")
        muscle: str
        side: Literal["right", "left", "midline"] | None = None

    muscles: list[Target]
    triage: TriageLevel


class Vignette(BaseModel):
    model_config = ConfigDict(extra="forbid")

    id: str
    split: Literal["dev", "holdout"]
    kind: str = ""
    """What makes the case hard (partial, noisy, discriminating, multi, bilateral,
    not_myofascial…); empty in sets that record it only in a comment."""
    title: str
    condition: str = ""
    """For a case with no muscle to find, the real cause."""
    story: str = ""
    age: int | None = None
    sex: Literal["female", "male", "other"] | None = None
    pain: list[Pain]
    answers: dict[str, Answer] = Field(default_factory=dict)
    interview: dict[str, Answer] = Field(default_factory=dict)
    expect: Expected
    basis: str = ""

    def evidence(self) -> Evidence:
        return Evidence.model_validate(
            {"pain": self.pain, "answers": self.answers, "age": self.age, "sex": self.sex}
        )


def load_vignettes(path: Path) -> list[Vignette]:
    """Read and validate a vignette file; errors name the vignette and the field."""
    return load_cases(path, Vignette, "vignette")


@dataclass
class Metrics:
    """Accuracy and safety figures for one method on one set of vignettes."""

    n: int = 0
    ranked: int = 0
    top1: float = 0.0
    top3: float = 0.0
    top5: float = 0.0
    mrr: float = 0.0
    triage_accuracy: float = 0.0
    red_flag_cases: int = 0
    red_flag_sensitivity: float = 0.0
    ordinary_cases: int = 0
    red_flag_specificity: float = 0.0
    over_alarms: int = 0
    mean_questions: float = 0.0
    settled_within_limit: float = 0.0
    mean_top_probability: float = 0.0


def hit_rank(result: Result, target: Expected) -> int | None:
    """Position of the first candidate that is an expected muscle on an expected side (a
    "both sides" candidate covers a listed right or left side), or None."""
    for position, cand in enumerate(result.candidates, start=1):
        for t in target.muscles:
            sides = (t.side, "both") if t.side in ("right", "left") else (t.side,)
            if cand.muscle == t.muscle and (t.side is None or cand.side in sides):
                return position
    return None


def _interview(model: Model, v: Vignette) -> tuple[Result, int]:
    evidence = v.evidence()
    result = rank(model, evidence, limit=len(model.hypotheses))
    asked = 0
    while result.next_question is not None and asked < MAX_QUESTIONS:
        q = result.next_question
        if q.kind == "finding":
            answers = {**evidence.answers, q.id: v.interview.get(q.id, "unknown")}
            evidence = evidence.model_copy(update={"answers": answers})
        else:
            evidence = evidence.model_copy(
                update={"pain": [*evidence.pain, Pain(region=q.id, intensity=0)]}
            )
        asked += 1
        result = rank(model, evidence, limit=len(model.hypotheses))
    return result, asked


def evaluate(
    model: Model, vignettes: Sequence[Vignette], method: Method, *, interview: bool = True
) -> Metrics:
    """Metrics for ``method`` over ``vignettes``; the engine is run with a simulated interview."""
    m = Metrics(n=len(vignettes))
    ranks: list[int | None] = []
    top_probs: list[float] = []
    questions = settled = 0
    triage_ok = sensitive = specific = 0
    run: Callable[[Model, Vignette], tuple[Result, int]]
    if method == "lookup":
        run = lambda model, v: (lookup(model, v.evidence(), limit=len(model.hypotheses)), 0)  # noqa: E731
    elif interview:
        run = _interview
    else:
        run = lambda model, v: (rank(model, v.evidence(), limit=len(model.hypotheses)), 0)  # noqa: E731
    for v in vignettes:
        result, asked = run(model, v)
        questions += asked
        settled += method == "engine" and interview and result.next_question is None
        if v.expect.muscles and result.candidates and result.candidates[0].probability:
            top_probs.append(result.candidates[0].probability)
        # Triage is judged on everything the person would say, as a clinician would ask it.
        full = v.evidence().model_copy(update={"answers": {**v.interview, **v.answers}})
        level = triage(model.atlas, full).level
        expected = v.expect.triage
        triage_ok += level == expected
        if expected == "self_care":
            m.ordinary_cases += 1
            specific += level == "self_care"
            m.over_alarms += level in ("urgent", "emergency")
        else:
            m.red_flag_cases += 1
            sensitive += LEVELS.index(level) >= LEVELS.index(expected)
        if v.expect.muscles:
            ranks.append(hit_rank(result, v.expect))
    m.ranked = len(ranks)
    if ranks:
        m.top1 = sum(r is not None and r <= 1 for r in ranks) / len(ranks)
        m.top3 = sum(r is not None and r <= 3 for r in ranks) / len(ranks)
        m.top5 = sum(r is not None and r <= 5 for r in ranks) / len(ranks)
        m.mrr = sum(1.0 / r for r in ranks if r is not None) / len(ranks)
    m.triage_accuracy = triage_ok / m.n if m.n else 0.0
    m.red_flag_sensitivity = sensitive / m.red_flag_cases if m.red_flag_cases else 1.0
    m.red_flag_specificity = specific / m.ordinary_cases if m.ordinary_cases else 1.0
    m.mean_questions = questions / m.n if m.n else 0.0
    m.settled_within_limit = settled / m.n if m.n else 0.0
    m.mean_top_probability = sum(top_probs) / len(top_probs) if top_probs else 0.0
    return m


Report = dict[str, dict[str, Metrics]]


def compare(model: Model, vignettes: Sequence[Vignette], *, only: str | None = None) -> Report:
    """Metrics per split (dev, holdout, all) and method, engine and lookup side by side."""
    splits = {
        "dev": [v for v in vignettes if v.split == "dev"],
        "holdout": [v for v in vignettes if v.split == "holdout"],
        "all": list(vignettes),
    }
    report: Report = {}
    for split, items in splits.items():
        per: dict[str, Metrics] = {}
        if only in (None, "engine"):
            per["engine"] = evaluate(model, items, "engine")
            per["engine_no_questions"] = evaluate(model, items, "engine", interview=False)
        if only in (None, "lookup"):
            per["lookup"] = evaluate(model, items, "lookup")
        report[split] = per
    return report


def to_markdown(report: Report) -> str:
    """One Markdown table per split: metrics as rows, methods as columns."""
    parts: list[str] = []
    for split, per in report.items():
        first = next(iter(per.values()))
        parts.append(f"### {split} ({first.n} vignettes)\n")
        parts.append("| metric | " + " | ".join(per) + " |")
        parts.append("|---|" + "---|" * len(per))
        for key, value in vars(first).items():
            if key == "n":
                continue
            cells = [
                f"{getattr(m, key):.3f}" if isinstance(value, float) else str(getattr(m, key))
                for m in per.values()
            ]
            parts.append(f"| {key} | " + " | ".join(cells) + " |")
        parts.append("")
    return "\n".join(parts)
