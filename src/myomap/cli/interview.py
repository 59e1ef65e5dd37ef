"""``myomap interview``: a terminal interview that marks regions, asks one question at a
time, shows the ranking as it changes, and stops at a red flag."""

from __future__ import annotations

from rich.console import Console
from rich.prompt import Prompt

from myomap.cli.render import result_view
from myomap.engine import Evidence, Pain, rank
from myomap.engine.defaults import default_atlas, default_model
from myomap.errors import EvidenceError

__all__ = ["run_interview"]

SCREENING = ("saddle_numbness", "bladder_control_change", "fever", "cancer_history")
"""Warning signs asked of everyone before any muscle question."""
ANSWER_WORDS = {"y": "yes", "yes": "yes", "n": "no", "no": "no", "?": "unknown", "": "unknown"}


def _ask_regions(console: Console, evidence: Evidence) -> Evidence:
    atlas = default_atlas()
    console.print(
        "Where does it hurt? Type region ids with an optional intensity, separated by commas, "
        "e.g. [bold]lumbar_paraspinal_r:6, thigh_anterior_upper_r:4[/bold]. "
        "Type [bold]list[/bold] to see all region ids."
    )
    while True:
        text = Prompt.ask("Painful regions", console=console).strip()
        if text == "list":
            for region in atlas.regions.values():
                console.print(f"  {region.id:<28} {region.label}", highlight=False)
            continue
        pains: list[Pain] = []
        try:
            for item in filter(None, (p.strip() for p in text.split(","))):
                name, _, value = item.partition(":")
                pains.append(Pain(region=name.strip(), intensity=int(value) if value else 5))
            candidate = evidence.model_copy(update={"pain": pains})
            rank(default_model(), candidate)
        except (EvidenceError, ValueError) as exc:
            console.print(f"[red]{getattr(exc, 'message', exc)}[/red] Try again.")
            continue
        if pains:
            return candidate
        console.print("[red]Mark at least one region.[/red]")


def _answer(console: Console, question: str) -> str:
    while True:
        word = Prompt.ask(f"{question} [y/n/?]", console=console, default="?").strip().lower()
        if word in ANSWER_WORDS:
            return ANSWER_WORDS[word]
        console.print("Answer y (yes), n (no) or ? (not sure).")


def run_interview(console: Console, *, max_questions: int = 10) -> None:
    """Run the interview on ``console`` until the engine stops asking or a red flag fires."""
    atlas = default_atlas()
    model = default_model()
    console.print("[bold]myomap interview[/bold] — myomap informs; it does not diagnose.\n")
    evidence = _ask_regions(console, Evidence())
    answers = dict(evidence.answers)
    console.print("\nFirst, a few safety questions.")
    for fid in SCREENING:
        answers[fid] = _answer(console, atlas.findings[fid].question)  # type: ignore[assignment]
    evidence = evidence.model_copy(update={"answers": answers})
    for _ in range(max_questions):
        result = rank(model, evidence)
        console.print(result_view(result, atlas))
        if result.triage.level in ("emergency", "urgent"):
            console.print("[bold]Please follow the advice above before anything else.[/bold]")
            return
        extra = [q for q in result.safety_questions if q.id not in evidence.answers][:2]
        question = extra[0] if extra else result.next_question
        if question is None:
            console.print(f"\n[bold]Done:[/bold] {result.stop.reason}.")
            if result.candidates:
                console.print(f"Read more: [bold]myomap show {result.candidates[0].muscle}[/bold]")
            return
        word = _answer(console, question.text)
        if question.kind == "region":
            pains = [*evidence.pain, Pain(region=question.id, intensity=5 if word == "yes" else 0)]
            evidence = evidence.model_copy(update={"pain": pains})
        else:
            evidence = evidence.model_copy(
                update={"answers": {**evidence.answers, question.id: word}}
            )
    console.print(result_view(rank(model, evidence), atlas))
