"""Measuring free-text understanding on the vignettes' ``story`` fields.

Each story is understood with ``myomap.understand`` and every proposal is accepted as
confirmed (the person changes nothing: the worst case for the ranking). What counts:

- **Regions**: gold = the vignette's painful regions (``pain``, intensity above 0); the
  story describes the body map, so every marked region is expected. A proposal counts when
  its region id (side included) is in the gold set.
- **Findings**: a story states the up-front ``answers`` but only some of the ``interview``
  answers, and nothing says which. So recall is measured over ``answers`` (the rule: count
  only what the story is written to contain), and also over answers + interview as a lower
  bound. Precision is *strict*: a proposed yes/no answer is right only if answers +
  interview hold the same answer for that finding; a finding they do not mention counts as
  wrong. *Verifiable* precision leaves those unmentioned findings out. F1 uses recall over
  answers and strict precision. Hedged (unknown) proposals are not answers and are left out.
- **Negation**: among proposed findings that answers + interview mention, the share whose
  polarity is right, separately where the gold answer is "no" and where it is "yes".
- **Red flags**: from the story alone (``provisional_triage``), the share of vignettes whose
  expected triage is above self-care that reach at least that level; the same against the
  level the engine's triage gives for the structured answers + interview + pain (which
  isolates understanding from the rules); and the share of self-care vignettes that stay
  at self-care.
- **End to end**: top-3 hit rate from the understood story against the structured input
  (``pain`` + ``answers`` + age + sex), for the engine (no questions) and the lookup.
"""

from __future__ import annotations

import time
from collections.abc import Sequence
from dataclasses import dataclass, field

from myomap.engine.baseline import lookup
from myomap.engine.evidence import Evidence
from myomap.engine.model import Model
from myomap.engine.ranking import rank
from myomap.engine.result import Result
from myomap.engine.urgency import LEVELS, triage
from myomap.evaluation.vignettes import Expected, Vignette, hit_rank
from myomap.understand import evidence_from, provisional_triage, understand

__all__ = ["TextMetrics", "compare_text", "evaluate_text", "text_markdown"]


@dataclass
class _Counts:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    def f1(self) -> float:
        p, r = self.precision(), self.recall()
        return 2 * p * r / (p + r) if p + r else 0.0


@dataclass
class TextMetrics:
    """Understanding figures on one set of vignettes."""

    n: int = 0
    region_precision: float = 0.0
    region_recall: float = 0.0
    region_f1: float = 0.0
    finding_precision_strict: float = 0.0
    finding_precision_verifiable: float = 0.0
    finding_recall_answers: float = 0.0
    finding_recall_all: float = 0.0
    finding_f1: float = 0.0
    negation_accuracy_gold_no: float = 0.0
    negation_accuracy_gold_yes: float = 0.0
    gold_no_found: int = 0
    age_accuracy: float = 0.0
    sex_accuracy: float = 0.0
    red_flag_cases: int = 0
    red_flag_recall: float = 0.0
    structured_flag_cases: int = 0
    red_flag_recall_vs_structured: float = 0.0
    self_care_cases: int = 0
    self_care_kept: float = 0.0
    ranked: int = 0
    top3_text_engine: float = 0.0
    top3_structured_engine: float = 0.0
    top3_text_lookup: float = 0.0
    top3_structured_lookup: float = 0.0
    not_understood_per_story: float = 0.0
    mean_ms: float = 0.0
    max_ms: float = 0.0
    misses: list[str] = field(default_factory=list, repr=False)


def _hit(result: Result, target: Expected, k: int = 3) -> bool:
    position = hit_rank(result, target)
    return position is not None and position <= k


def evaluate_text(model: Model, vignettes: Sequence[Vignette]) -> TextMetrics:
    """Understanding metrics over the vignettes that have a story."""
    atlas = model.atlas
    items = [v for v in vignettes if v.story.strip()]
    m = TextMetrics(n=len(items))
    regions, strict, verifiable, rec_answers, rec_all = (_Counts() for _ in range(5))
    neg_no = [0, 0]
    neg_yes = [0, 0]
    age_ok = sex_ok = age_n = sex_n = flagged = flagged_structured = kept = 0
    hits = dict.fromkeys(("te", "se", "tl", "sl"), 0)
    times: list[float] = []
    unread = 0
    for v in items:
        start = time.perf_counter()
        u = understand(atlas, v.story)
        times.append((time.perf_counter() - start) * 1000)
        unread += len(u.not_understood)
        gold_regions = {p.region for p in v.pain if p.intensity > 0}
        said = {r.region for r in u.regions if r.polarity == "yes"}
        regions.tp += len(said & gold_regions)
        regions.fp += len(said - gold_regions)
        regions.fn += len(gold_regions - said)
        for r in sorted(gold_regions - said):
            m.misses.append(f"{v.id} region {r}")
        gold = {**v.interview, **v.answers}
        proposed = {f.finding: f.polarity for f in u.findings if f.polarity != "unknown"}
        for fid, answer in proposed.items():
            right = gold.get(fid) == answer
            strict.tp += right
            strict.fp += not right
            if fid in gold:
                verifiable.tp += right
                verifiable.fp += not right
                bucket = neg_no if gold[fid] == "no" else neg_yes
                bucket[0] += right
                bucket[1] += 1
        for fid, said_up_front in v.answers.items():
            got = proposed.get(fid) == said_up_front
            rec_answers.tp += got
            rec_answers.fn += not got
            if not got:
                m.misses.append(f"{v.id} answer {fid}={said_up_front}")
        for fid, known in gold.items():
            got = proposed.get(fid) == known
            rec_all.tp += got
            rec_all.fn += not got
        if v.age is not None:
            age_n += 1
            age_ok += u.age is not None and u.age.value == str(v.age)
        if v.sex is not None:
            sex_n += 1
            sex_ok += u.sex is not None and u.sex.value == v.sex
        level = provisional_triage(atlas, u).level
        full = v.evidence().model_copy(update={"answers": gold})
        structured_level = triage(atlas, full).level
        if structured_level != "self_care":
            m.structured_flag_cases += 1
            reached_structured = LEVELS.index(level) >= LEVELS.index(structured_level)
            flagged_structured += reached_structured
            if not reached_structured:
                m.misses.append(f"{v.id} structured {level} < {structured_level}")
        if v.expect.triage == "self_care":
            m.self_care_cases += 1
            kept += level == "self_care"
        else:
            m.red_flag_cases += 1
            reached = LEVELS.index(level) >= LEVELS.index(v.expect.triage)
            flagged += reached
            if not reached:
                m.misses.append(f"{v.id} triage {level} < {v.expect.triage}")
        if v.expect.muscles:
            m.ranked += 1
            text_evidence = evidence_from(u, u.item_ids())
            _score(model, text_evidence, v.evidence(), v.expect, hits)
    m.region_precision, m.region_recall, m.region_f1 = (
        regions.precision(),
        regions.recall(),
        regions.f1(),
    )
    m.finding_precision_strict = strict.precision()
    m.finding_precision_verifiable = verifiable.precision()
    m.finding_recall_answers = rec_answers.recall()
    m.finding_recall_all = rec_all.recall()
    fp_, fr_ = m.finding_precision_strict, m.finding_recall_answers
    m.finding_f1 = 2 * fp_ * fr_ / (fp_ + fr_) if fp_ + fr_ else 0.0
    m.negation_accuracy_gold_no = neg_no[0] / neg_no[1] if neg_no[1] else 1.0
    m.negation_accuracy_gold_yes = neg_yes[0] / neg_yes[1] if neg_yes[1] else 1.0
    m.gold_no_found = neg_no[1]
    m.age_accuracy = age_ok / age_n if age_n else 1.0
    m.sex_accuracy = sex_ok / sex_n if sex_n else 1.0
    m.red_flag_recall = flagged / m.red_flag_cases if m.red_flag_cases else 1.0
    m.red_flag_recall_vs_structured = (
        flagged_structured / m.structured_flag_cases if m.structured_flag_cases else 1.0
    )
    m.self_care_kept = kept / m.self_care_cases if m.self_care_cases else 1.0
    if m.ranked:
        m.top3_text_engine = hits["te"] / m.ranked
        m.top3_structured_engine = hits["se"] / m.ranked
        m.top3_text_lookup = hits["tl"] / m.ranked
        m.top3_structured_lookup = hits["sl"] / m.ranked
    m.not_understood_per_story = unread / m.n if m.n else 0.0
    m.mean_ms = sum(times) / len(times) if times else 0.0
    m.max_ms = max(times, default=0.0)
    return m


def _score(
    model: Model, text: Evidence, structured: Evidence, expect: Expected, hits: dict[str, int]
) -> None:
    limit = len(model.hypotheses)
    if text.pain or text.answers:
        hits["te"] += _hit(rank(model, text, limit=limit), expect)
        hits["tl"] += _hit(lookup(model, text, limit=limit), expect)
    hits["se"] += _hit(rank(model, structured, limit=limit), expect)
    hits["sl"] += _hit(lookup(model, structured, limit=limit), expect)


TextReport = dict[str, TextMetrics]


def compare_text(model: Model, vignettes: Sequence[Vignette]) -> TextReport:
    """Metrics for the dev split, the holdout split and both."""
    return {
        "dev": evaluate_text(model, [v for v in vignettes if v.split == "dev"]),
        "holdout": evaluate_text(model, [v for v in vignettes if v.split == "holdout"]),
        "all": evaluate_text(model, vignettes),
    }


def text_markdown(report: TextReport) -> str:
    """One table: metrics as rows, splits as columns."""
    splits = list(report)
    lines = [
        "| metric | " + " | ".join(f"{s} ({report[s].n})" for s in splits) + " |",
        "|---|" + "---|" * len(splits),
    ]
    for key, value in vars(next(iter(report.values()))).items():
        if key in ("n", "misses"):
            continue
        cells = [
            f"{getattr(report[s], key):.3f}"
            if isinstance(value, float)
            else str(getattr(report[s], key))
            for s in splits
        ]
        lines.append(f"| {key} | " + " | ".join(cells) + " |")
    return "\n".join(lines) + "\n"
