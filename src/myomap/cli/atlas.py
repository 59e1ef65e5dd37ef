"""``myomap atlas check|rules``: the knowledge base's own checks, always in full.

``check`` reads and checks every file (it never uses the atlas cache), so it is the
command to run after editing the atlas.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from myomap.cli.output import console, print_json

__all__ = ["atlas_app"]

out = console()
atlas_app = typer.Typer(
    help="Check and inspect the knowledge base.", add_completion=False, rich_markup_mode=None
)


@atlas_app.command("check")
def atlas_check(
    path: Annotated[
        Path | None, typer.Option(help="Atlas directory to check (default: the built-in one).")
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON instead of a table.")] = False,
) -> None:
    """Check the atlas against every rule (MYO000…); exit 1 if anything is wrong."""
    from myomap.atlas import check_atlas
    from myomap.atlas.check import review_summary

    raw, problems = check_atlas(path)
    review = review_summary(raw)
    if as_json:
        data = {
            "ok": not problems,
            "muscles": len(raw.muscles),
            "review": review,
            "problems": [{"code": p.code, "file": p.file, "message": p.message} for p in problems],
        }
        print_json(data)
    else:
        for p in problems:
            out.print(f"[red]{p.code}[/red] {p.file}: {p.message}", highlight=False)
        if problems:
            out.print(f"{len(problems)} problem(s). Rules: `myomap atlas rules`.")
        else:
            out.print(
                f"atlas OK: {len(raw.muscles)} muscles, {len(raw.regions)} base regions, "
                f"{len(raw.findings)} findings, {len(raw.red_flags)} red flags, "
                f"{len(raw.sources)} sources"
            )
        out.print(_review_line(review), highlight=False, soft_wrap=True)
    if problems:
        raise typer.Exit(1)


def _review_line(review: dict[str, list[str]]) -> str:
    """One line on the review trail: counts by status, and the entries without a review."""
    line = (
        f"review: clinician-signed {len(review['clinician_signed'])}, "
        f"reviewed {len(review['reviewed'])}, needs review {len(review['needs_review'])}, "
        f"unreviewed {len(review['unreviewed'])}"
    )
    if review["unreviewed"]:
        line += f" ({', '.join(review['unreviewed'])})"
    return line


@atlas_app.command("rules")
def atlas_rules() -> None:
    """List the checker's rule codes."""
    from myomap.atlas import RULES

    for code, text in RULES.items():
        out.print(f"{code}  {text}", highlight=False, soft_wrap=True)
