"""``myomap interview``: the assessment page's flow in the terminal.

Mark regions, then one question at a time: the open safety questions first (the most
dangerous first), then the engine's next question. Each prompt shows its options
(y / n / ? = not sure, b = back, s = skip). At the end: a summary, and an offer to save the
assessment in the diary. ``run_interview`` returns the last result, so the command can exit
3 (urgent) or 4 (emergency) like ``assess``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from rich.console import Console
from rich.markup import escape
from rich.prompt import Confirm, Prompt

from myomap.cli.knowledge import default_atlas, default_model
from myomap.cli.render import banner_title, percent, result_view
from myomap.engine import Evidence, Pain, rank
from myomap.engine.marks import DEFAULT_INTENSITY, parse_pain
from myomap.engine.result import NextQuestion, Result
from myomap.errors import EvidenceError

__all__ = ["OPTIONS", "run_interview"]

Reply = Literal["yes", "no", "unknown", "back", "skip"]
OPTIONS = "y / n / ? = not sure, b = back, s = skip"
"""The options every question shows in its prompt."""
WORDS: dict[str, Reply] = {
    "y": "yes",
    "yes": "yes",
    "n": "no",
    "no": "no",
    "?": "unknown",
    "not sure": "unknown",
    "b": "back",
    "back": "back",
    "s": "skip",
    "skip": "skip",
}


@dataclass
class Session:
    """What the person has said so far, in order, so Back can undo the last answer."""

    evidence: Evidence
    log: list[str] = field(default_factory=list)
    skipped: set[str] = field(default_factory=set)

    def answer(self, question: NextQuestion, reply: Reply) -> None:
        ev = self.evidence
        if question.kind == "region" and reply in ("yes", "no"):
            mark = Pain(region=question.id, intensity=DEFAULT_INTENSITY if reply == "yes" else 0)
            self.evidence = ev.model_copy(update={"pain": [*ev.pain, mark]})
        elif reply in ("yes", "no", "unknown") and question.kind == "finding":
            self.evidence = ev.model_copy(update={"answers": {**ev.answers, question.id: reply}})
        else:
            self.skipped.add(question.id)
        self.log.append(question.id)

    def back(self) -> bool:
        """Undo the last answer or skip; False if there is none."""
        if not self.log:
            return False
        last = self.log.pop()
        ev = self.evidence
        self.skipped.discard(last)
        answers = {k: v for k, v in ev.answers.items() if k != last}
        pain = [p for p in ev.pain if p.region != last]
        self.evidence = ev.model_copy(update={"answers": answers, "pain": pain})
        return True


def _ask_regions(console: Console) -> Evidence:
    atlas = default_atlas()
    console.print(
        "Where does it hurt? Type region ids with an optional intensity (0-10), separated by "
        "commas, e.g. [bold]lumbar_paraspinal_r:6, thigh_anterior_upper_r:4[/bold]. "
        "Type [bold]list[/bold] to see all region ids."
    )
    while True:
        text = Prompt.ask("Painful regions", console=console).strip()
        if text == "list":
            for region in atlas.regions.values():
                console.print(f"  {region.id:<28} {region.label}", highlight=False)
            continue
        try:
            evidence = Evidence(pain=parse_pain(text))
            rank(default_model(), evidence)
        except EvidenceError as exc:
            console.print(f"[red]{exc.message}[/red] Try again.")
            continue
        if evidence.painful():
            return evidence
        console.print("[red]Mark at least one painful region.[/red]")


def _reply(console: Console, question: NextQuestion, header: str) -> Reply:
    console.print(f"\n[dim]{header}[/dim]")
    while True:
        prompt = escape(f"{question.text} [{OPTIONS}]")
        word = Prompt.ask(prompt, console=console).strip().lower()
        if word in WORDS:
            return WORDS[word]
        console.print(f"Please answer with one of: {OPTIONS}.")


def _next(session: Session, result: Result) -> tuple[NextQuestion | None, str]:
    """The question to ask now and its progress line: open safety questions first."""
    atlas = default_atlas()
    safety = [q for q in result.safety_questions if q.id not in session.skipped]
    if safety and result.triage.level != "emergency":
        done = sum(
            1
            for f in session.evidence.answers
            if f in atlas.findings and atlas.findings[f].category in ("red_flag", "risk_factor")
        )
        total = done + len(result.triage.pending or safety)
        return safety[0], f"Safety check: question {done + 1} of {max(total, done + 1)}"
    if result.triage.hide_muscle_advice:
        return None, ""
    question = result.next_question
    if question is not None and question.id in session.skipped:
        question = None
    return question, f"About your pain: question {len(session.log) + 1}"


def _summary(console: Console, result: Result) -> None:
    tri = result.triage
    console.print(f"\n[bold]Summary[/bold]: {banner_title(tri).capitalize()}. {tri.message}")
    if not tri.hide_muscle_advice:
        for cand in result.candidates[:3]:
            console.print(
                f"  {cand.name} ({cand.side}): {cand.band or ''} {percent(cand.probability)}",
                highlight=False,
            )
        if result.candidates:
            console.print(f"Read more: [bold]myomap show {result.candidates[0].muscle}[/bold]")


def _offer_save(console: Console, session: Session, result: Result) -> None:
    if not Confirm.ask("Save this assessment to your diary?", console=console, default=False):
        return
    from myomap.db import Store

    store = Store.open()
    try:
        saved = store.save_assessment(evidence=session.evidence, result=result)
    finally:
        store.close()
    console.print(f"Saved as assessment {saved.id} (see `myomap diary assessments`).")


def _first_evidence(console: Console, text: str | None) -> Evidence:
    """The description's confirmed evidence; body-map questions when it marks no pain."""
    from myomap.cli.described import evidence_from_description

    described = evidence_from_description(console, default_atlas(), text)
    if described.painful():
        return described
    marked = _ask_regions(console)
    return marked.model_copy(update={"answers": {**described.answers, **marked.answers}})


def run_interview(
    console: Console, *, max_questions: int = 40, offer_save: bool = True, text: str | None = None
) -> Result:
    """Run the interview on ``console``; the last result (for the exit code).

    It starts from a description in the person's own words (``text``, or asked for),
    confirmed item by item; pressing Enter goes straight to the body-map questions.
    """
    model = default_model()
    console.print("[bold]myomap interview[/bold] — myomap informs; it does not diagnose.\n")
    session = Session(_first_evidence(console, text))
    result = rank(model, session.evidence)
    level = result.triage.level
    for _ in range(max_questions):
        if result.triage.level != level:
            console.print(result_view(result, default_atlas()))
            level = result.triage.level
        question, header = _next(session, result)
        if question is None:
            break
        reply = _reply(console, question, header)
        if reply == "back":
            if not session.back():
                console.print("There is no earlier answer to go back to.")
        else:
            session.answer(question, reply)
        result = rank(model, session.evidence)
    console.print(result_view(result, default_atlas()))
    if result.triage.hide_muscle_advice:
        console.print("[bold]Please follow the advice above before anything else.[/bold]")
    _summary(console, result)
    if offer_save:
        _offer_save(console, session, result)
    return result
