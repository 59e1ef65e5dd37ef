"""The interview measured: the engine's own questions, answered from each vignette.

Each vignette is ranked four ways, reported side by side by split and kind:

- **lookup**: the region lookup baseline, on the body map and what the person volunteers;
- **static**: the engine on the same (no questions);
- **interview**: starting from the same, the engine asks its own next question until it
  stops (or ``MAX_QUESTIONS``); a symptom question is answered from the vignette's
  ``interview`` answers ("unknown" where it has none), a region question "yes" if the region
  is in the vignette's pain list, else "no";
- **all**: the engine with every answer the vignette holds (``answers`` and ``interview``).

A hit is a listed muscle with the listed side; a "both sides" candidate matches either side.
Cases that expect no muscle (``not_myofascial``) are not ranked; for them the report gives
the share the engine leaves to "none of these muscles".
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from myomap.engine.baseline import lookup
from myomap.engine.evidence import Answer, Pain
from myomap.engine.model import Model
from myomap.engine.ranking import rank
from myomap.engine.result import Result
from myomap.evaluation.vignettes import Vignette, hit_rank

__all__ = [
    "MAX_QUESTIONS",
    "Row",
    "Transcript",
    "comment_kinds",
    "interview_markdown",
    "interview_report",
    "simulate",
]

MAX_QUESTIONS = 12
"""A safety cap on a simulated interview; the engine's stop rule normally ends it sooner."""

_KIND_COMMENT = re.compile(r"^- id: (\S+)\s+# kind: ([a-z_]+)", re.M)


@dataclass(frozen=True)
class Transcript:
    """The end of a simulated interview: the last result and the questions asked."""

    result: Result
    asked: tuple[tuple[str, str, Answer], ...]  # (kind, id, answer) in order

    def count(self, kind: str) -> int:
        return sum(1 for k, _, _ in self.asked if k == kind)


def simulate(model: Model, vignette: Vignette, limit: int = MAX_QUESTIONS) -> Transcript:
    """Run the engine's interview on a vignette, answering from what the vignette holds."""
    evidence = vignette.evidence()
    painful = {p.region for p in vignette.pain}
    asked: list[tuple[str, str, Answer]] = []
    result = rank(model, evidence, limit=len(model.hypotheses))
    while result.next_question is not None and len(asked) < limit:
        q = result.next_question
        if q.kind == "finding":
            answer: Answer = vignette.interview.get(q.id, "unknown")
            answers = {**evidence.answers, q.id: answer}
            evidence = evidence.model_copy(update={"answers": answers})
        else:
            answer = "yes" if q.id in painful else "no"
            mark = Pain(region=q.id, intensity=5 if answer == "yes" else 0)
            evidence = evidence.model_copy(update={"pain": [*evidence.pain, mark]})
        asked.append((q.kind, q.id, answer))
        result = rank(model, evidence, limit=len(model.hypotheses))
    return Transcript(result=result, asked=tuple(asked))


def _all_within(result: Result, vignette: Vignette, k: int) -> bool:
    """Whether every expected muscle (either side of a bilateral case counts) is in the top k."""
    top = result.candidates[:k]
    muscles = {t.muscle for t in vignette.expect.muscles}
    return all(any(c.muscle == m for c in top) for m in muscles)


@dataclass
class Row:
    """Figures for one group of vignettes (one kind in one split)."""

    cases: int = 0
    ranked: int = 0
    lookup_top1: float = 0.0
    lookup_top3: float = 0.0
    static_top1: float = 0.0
    static_top3: float = 0.0
    interview_top1: float = 0.0
    interview_top3: float = 0.0
    all_top1: float = 0.0
    all_top3: float = 0.0
    questions: float = 0.0
    symptom_questions: float = 0.0
    region_questions: float = 0.0
    all_in_top5: float = 0.0
    none_share: float = 0.0
    brier_static: float = 0.0
    brier_interview: float = 0.0
    _sums: dict[str, float] = field(default_factory=dict, repr=False)

    def add(self, key: str, value: float) -> None:
        self._sums[key] = self._sums.get(key, 0.0) + value

    def finish(self) -> Row:
        """Turn the running sums into means."""
        per_case = ("questions", "symptom_questions", "region_questions", "none_share")
        for key, total in self._sums.items():
            denominator = self.cases if key in per_case else self.ranked
            setattr(self, key, total / denominator if denominator else 0.0)
        return self


def _top(result: Result) -> float:
    first = result.candidates[0].probability if result.candidates else None
    return first or 0.0


def _score(model: Model, v: Vignette) -> dict[str, float]:
    """Every figure one vignette contributes (per case, and per ranked case)."""
    evidence = v.evidence()
    full = evidence.model_copy(update={"answers": {**v.interview, **v.answers}})
    limit = len(model.hypotheses)
    static = rank(model, evidence, limit=limit)
    talk = simulate(model, v)
    out = {
        "questions": float(len(talk.asked)),
        "symptom_questions": float(talk.count("finding")),
        "region_questions": float(talk.count("region")),
        "none_share": static.other_probability or 0.0,
    }
    if not v.expect.muscles:
        return out
    results = {
        "lookup": lookup(model, evidence, limit=limit),
        "static": static,
        "interview": talk.result,
        "all": rank(model, full, limit=limit),
    }
    for name, result in results.items():
        position = hit_rank(result, v.expect)
        out[f"{name}_top1"] = float(position == 1)
        out[f"{name}_top3"] = float(position is not None and position <= 3)
        if name in ("static", "interview"):
            out[f"brier_{name}"] = (_top(result) - (position == 1)) ** 2
    out["all_in_top5"] = float(_all_within(static, v, 5))
    return out


Report = dict[str, dict[str, Row]]


def interview_report(
    model: Model, vignettes: Sequence[Vignette], kinds: Mapping[str, str] | None = None
) -> Report:
    """Rows per split (dev, holdout, all) and kind, plus an "all kinds" row per split.

    ``kinds`` gives a vignette's kind when the file records it only in a comment.
    """
    kinds = kinds or {}
    scores = [(v, _score(model, v)) for v in vignettes]
    report: Report = {}
    for split in ("dev", "holdout", "all"):
        rows: dict[str, Row] = {}
        for v, figures in scores:
            if split != "all" and v.split != split:
                continue
            kind = v.kind or kinds.get(v.id, "unlabelled")
            for group in (kind, "all kinds"):
                row = rows.setdefault(group, Row())
                row.cases += 1
                row.ranked += bool(v.expect.muscles)
                for key, value in figures.items():
                    row.add(key, value)
        report[split] = {k: rows[k].finish() for k in sorted(rows, key=_kind_order)}
    return report


def _kind_order(kind: str) -> tuple[bool, str]:
    return (kind == "all kinds", kind)


def comment_kinds(paths: Iterable[Path]) -> dict[str, str]:
    """Kinds recorded as ``- id: v001  # kind: multi`` comments (the first kind listed)."""
    out: dict[str, str] = {}
    for path in paths:
        out.update(dict(_KIND_COMMENT.findall(path.read_text(encoding="utf-8"))))
    return out


COLUMNS = (
    ("cases", "cases"),
    ("lookup top-1/3", "lookup"),
    ("static top-1/3", "static"),
    ("interview top-1/3", "interview"),
    ("all answers top-1/3", "all"),
    ("questions (symptom + region)", "questions"),
    ("all in top 5", "all_in_top5"),
    ("none share", "none_share"),
    ("Brier static / interview", "brier"),
)


def _cells(row: Row) -> list[str]:
    def pair(name: str) -> str:
        if not row.ranked:
            return "–"
        top1, top3 = getattr(row, f"{name}_top1"), getattr(row, f"{name}_top3")
        return f"{100 * top1:.0f} / {100 * top3:.0f}"

    ranked = bool(row.ranked)
    return [
        f"{row.cases}" + (f" ({row.ranked} ranked)" if row.ranked != row.cases else ""),
        pair("lookup"),
        pair("static"),
        pair("interview"),
        pair("all"),
        f"{row.questions:.1f} ({row.symptom_questions:.1f} + {row.region_questions:.1f})",
        f"{100 * row.all_in_top5:.0f}" if ranked else "–",
        f"{row.none_share:.2f}",
        f"{row.brier_static:.3f} / {row.brier_interview:.3f}" if ranked else "–",
    ]


def interview_markdown(report: Report) -> str:
    """One Markdown table per split: kinds as rows, the four ways of ranking as columns."""
    parts: list[str] = []
    for split, rows in report.items():
        parts.append(f"### {split}\n")
        parts.append("| kind | " + " | ".join(title for title, _ in COLUMNS) + " |")
        parts.append("|---|" + "---|" * len(COLUMNS))
        for kind, row in rows.items():
            parts.append(f"| {kind} | " + " | ".join(_cells(row)) + " |")
        parts.append("")
    return "\n".join(parts)
