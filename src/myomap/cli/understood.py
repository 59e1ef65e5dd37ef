"""``myomap assess --text``: show what a description was understood as, then rank it."""

from __future__ import annotations

from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text

from myomap.understand.model import Understanding

__all__ = ["understanding_view"]

_ANSWER = {"yes": "yes", "no": "no", "unknown": "not sure"}


def understanding_view(u: Understanding) -> RenderableType:
    """A table of every proposal with the words it came from, then what was not understood."""
    table = Table(title="What I understood", title_justify="left")
    table.add_column("item")
    table.add_column("answer")
    table.add_column("from your words")
    for r in u.regions:
        side = "" if r.side_from in ("stated", "midline") else f" (side {r.side_from})"
        answer = (
            "does not hurt" if r.polarity == "no" else f"{_ANSWER[r.polarity]}, {r.intensity}/10"
        )
        table.add_row(r.label + side, answer, Text(r.words))
    for f in u.findings:
        flag = "⚠ " if f.red_flag else ""
        answer = _ANSWER[f.polarity] + (" (reads like it)" if f.source == "pattern" else "")
        table.add_row(flag + f.question, answer, Text(f.words))
    for stated in (u.age, u.sex):
        if stated is not None:
            table.add_row(stated.id, stated.value, Text(stated.words))
    for t in u.time_course:
        table.add_row("time course", t.phase or t.onset or "", Text(t.words))
    parts: list[RenderableType] = [table]
    if u.not_understood:
        parts.append(Text("Not understood (not used): ", style="bold"))
        parts.extend(Text(f"  “{s.text}”") for s in u.not_understood)
    parts.append(
        Text(
            "The ranking below uses every item above as confirmed, and a warning sign "
            "marked “not sure” as yes until you answer it. To change one, run `myomap "
            "assess` with --pain/--yes/--no instead, or `myomap interview --text` to be "
            "asked.",
            style="dim",
        )
    )
    return Group(*parts)
