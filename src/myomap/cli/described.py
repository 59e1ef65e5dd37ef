"""The interview's first step in the person's own words: understand, show, confirm.

``myomap interview`` (or ``--text "…"``) reads a description, lists every item it
understood with the words it came from, and asks the person to keep or remove each one
(y / n per item, or ``all``). Red-flag wording raises triage at once, before anything is
confirmed; a hedged warning sign is asked as its safety question first. Only what the
person kept becomes evidence for the rest of the interview.
"""

from __future__ import annotations

from rich.console import Console
from rich.markup import escape
from rich.prompt import Prompt

from myomap.atlas.model import Atlas
from myomap.cli.render import banner_title
from myomap.engine import Evidence
from myomap.engine.evidence import Answer
from myomap.understand import evidence_from, provisional_triage, understand
from myomap.understand.model import Understanding

__all__ = ["DESCRIBE_PROMPT", "evidence_from_description", "items"]

DESCRIBE_PROMPT = (
    "Describe your pain in your own words (or press Enter to use the body map questions)"
)
_ANSWER = {"yes": "yes", "no": "no", "unknown": "not sure"}


def items(u: Understanding) -> list[tuple[str, str, str]]:
    """Every proposal as (id, what it means, the words it came from), in the order shown."""
    out = []
    for r in u.regions:
        said = "does not hurt" if r.polarity == "no" else f"hurts, {r.intensity}/10"
        side = "" if r.side_from in ("stated", "midline") else f" (side {r.side_from})"
        out.append((r.id, f"{r.label}{side}: {said}", r.words))
    for f in u.findings:
        flag = "warning sign: " if f.red_flag else ""
        out.append((f.id, f"{flag}{f.question} {_ANSWER[f.polarity]}", f.words))
    for stated in (u.age, u.sex):
        if stated is not None:
            out.append((stated.id, f"{stated.id}: {stated.value}", stated.words))
    return out


def _show(console: Console, atlas: Atlas, u: Understanding) -> None:
    tri = provisional_triage(atlas, u)
    if tri.level != "self_care":
        console.print(f"\n[bold red]{escape(banner_title(tri).capitalize())}[/bold red]")
        console.print(escape(tri.message))
        for reason in tri.reasons:
            console.print(f"  - {escape(reason.title)}: {escape(reason.reason)}")
    console.print("\n[bold]What I understood[/bold]")
    for n, (_, meaning, words) in enumerate(items(u), start=1):
        line = f"  {n}. {escape(meaning)}  [dim]from “{escape(words)}”[/dim]"
        console.print(line, soft_wrap=True)
    for span in u.not_understood:
        line = f"  [dim]not understood (not used): “{escape(span.text)}”[/dim]"
        console.print(line, soft_wrap=True)


KEEP_WORDS = {"all": "all", "a": "all", "y": "all", "yes": "all", "each": "each",
              "e": "each", "none": "none", "n": "none", "no": "none"}  # fmt: skip
"""What the person may type to "Keep these?": every item, one by one, or none."""


def _confirm(console: Console, u: Understanding) -> list[str]:
    listed = items(u)
    prompt = escape("Keep these? [all / each = decide one by one / none]")
    word = KEEP_WORDS.get(Prompt.ask(prompt, console=console, default="all").strip().lower())
    while word is None:
        console.print("Please answer all (keep every item), each (decide one by one) or none.")
        word = KEEP_WORDS.get(Prompt.ask(prompt, console=console, default="all").strip().lower())
    if word != "each":
        return [i for i, _, _ in listed] if word == "all" else []
    kept: list[str] = []
    for item_id, meaning, _ in listed:
        reply = ""
        while reply not in ("y", "n"):
            ask = escape(f"Keep “{meaning}”? [y / n]")
            reply = Prompt.ask(ask, console=console).strip().lower()[:1]
        if reply == "y":
            kept.append(item_id)
    return kept


def _ask_hedged_flags(console: Console, u: Understanding, kept: list[str]) -> dict[str, Answer]:
    """A warning sign said with doubt ("maybe numb down below") is asked outright, first."""
    answers: dict[str, Answer] = {}
    for f in u.red_flags:
        if f.polarity != "unknown" or f.id not in kept:
            continue
        reply = ""
        while reply not in ("y", "n", "?"):
            prompt = escape(f"Safety check: {f.question} [y / n / ? = not sure]")
            reply = Prompt.ask(prompt, console=console).strip().lower()[:1]
        answers[f.finding] = {"y": "yes", "n": "no", "?": "unknown"}[reply]  # type: ignore[assignment]
    return answers


def evidence_from_description(console: Console, atlas: Atlas, text: str | None) -> Evidence:
    """Ask for (or take) a description and return the evidence the person confirmed.

    An empty description returns empty evidence: the interview then asks for regions.
    """
    if text is None:
        text = Prompt.ask(DESCRIBE_PROMPT, console=console, default="", show_default=False)
    text = text.strip()
    if not text:
        return Evidence()
    u = understand(atlas, text)
    if not u.item_ids():
        console.print("Nothing in that description was understood; let's use the body map.")
        return Evidence()
    _show(console, atlas, u)
    kept = _confirm(console, u)
    evidence = evidence_from(u, kept)
    hedged = _ask_hedged_flags(console, u, kept)
    if hedged:
        evidence = evidence.model_copy(update={"answers": {**evidence.answers, **hedged}})
    return evidence
