"""``myomap eval``: the engine measured on vignettes: ranking (engine against the lookup
baseline), the simulated interview (``--interview``), triage against guidance (``--triage``)
and warning signs read from first-person stories (``--stories``)."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from myomap.cli.knowledge import default_atlas, default_model
from myomap.cli.output import JsonFlag, console, print_json
from myomap.errors import EvidenceError

__all__ = ["eval_"]

out = console()


def eval_(
    files: Annotated[
        list[Path], typer.Argument(help="Vignette YAML file(s), e.g. eval/vignettes.yaml.")
    ],
    method: Annotated[
        str | None, typer.Option(help="engine or lookup (default: both side by side).")
    ] = None,
    as_json: JsonFlag = False,
    markdown: Annotated[bool, typer.Option("--markdown", help="Print Markdown tables.")] = False,
    triage_cases: Annotated[
        bool,
        typer.Option(
            "--triage",
            help="The files are guideline-based triage cases (eval/triage/): report under- "
            "and over-triage.",
        ),
    ] = False,
    interview_mode: Annotated[
        bool,
        typer.Option(
            "--interview",
            help="Simulate the engine's own interview on each vignette: lookup, static, "
            "interview and all-answers top-1/3 and questions asked, by split and kind.",
        ),
    ] = False,
    stories: Annotated[
        bool,
        typer.Option(
            "--stories",
            help="The files are first-person red-flag stories (eval/stories/): triage from "
            "the text alone, warning signs found and denials kept, by split.",
        ),
    ] = False,
) -> None:
    """Top-1/3/5, MRR and triage safety on vignettes, engine and lookup side by side.

    "engine" ranks after a simulated interview of up to 7 questions; "engine_no_questions"
    ranks from what the person reports up front, like the lookup. With --triage, the
    triage levels against what the cited guidance gives.
    """
    if triage_cases:
        _eval_triage(files, as_json=as_json)
        return
    if stories:
        _eval_stories(files, as_json=as_json)
        return
    if interview_mode:
        _eval_interview(files, as_json=as_json)
        return
    from myomap.evaluation.vignettes import compare, load_vignettes, to_markdown

    if method not in (None, "engine", "lookup"):
        raise EvidenceError(f"Unknown method {method!r}: use engine or lookup.", field="method")
    vignettes = [v for file in files for v in load_vignettes(file)]
    model = default_model()
    report = compare(model, vignettes, only=method)
    if as_json:
        data = {s: {m: vars(x) for m, x in per.items()} for s, per in report.items()}
        print_json({"atlas_version": model.atlas.version, "results": data})
        return
    if markdown:
        sys.stdout.write(to_markdown(report))
        return
    from rich.table import Table

    for split, per_method in report.items():
        n = next(iter(per_method.values())).n
        table = Table(title=f"{split} ({n} vignettes)")
        table.add_column("metric")
        for name in per_method:
            table.add_column(name, justify="right")
        for key in vars(next(iter(per_method.values()))):
            cells = [_cell(getattr(values, key)) for values in per_method.values()]
            table.add_row(key, *cells)
        out.print(table)


def _eval_triage(files: list[Path], *, as_json: bool) -> None:
    from dataclasses import asdict

    from myomap.evaluation.triage import load_triage_cases, score_triage, triage_markdown

    cases = [c for file in files for c in load_triage_cases(file)]
    reports = score_triage(default_atlas(), cases)
    if as_json:
        print_json({split: asdict(report) for split, report in reports.items()})
    else:
        sys.stdout.write(triage_markdown(reports))


def _eval_stories(files: list[Path], *, as_json: bool) -> None:
    from dataclasses import asdict

    from myomap.evaluation.stories import load_stories, score_stories, stories_markdown

    reports = score_stories(default_atlas(), [s for f in files for s in load_stories(f)])
    if as_json:
        data = {
            split: {
                **asdict(r),
                "sign_recall": r.sign_recall,
                "negation_accuracy": r.negation_accuracy,
            }
            for split, r in reports.items()
        }
        for split in data:
            if split != "dev":
                del data[split]["misses"]  # holdout misses stay unread: no tuning on them
        print_json(data)
    else:
        sys.stdout.write(stories_markdown(reports))


def _eval_interview(files: list[Path], *, as_json: bool) -> None:
    from dataclasses import asdict

    from myomap.evaluation.interview import comment_kinds, interview_markdown, interview_report
    from myomap.evaluation.vignettes import load_vignettes

    vignettes = [v for file in files for v in load_vignettes(file)]
    report = interview_report(default_model(), vignettes, comment_kinds(files))
    if as_json:
        data = {
            split: {
                k: {f: x for f, x in asdict(row).items() if not f.startswith("_")}
                for k, row in rows.items()
            }
            for split, rows in report.items()
        }
        print_json({"atlas_version": default_model().atlas.version, "results": data})
    else:
        sys.stdout.write(interview_markdown(report))


def _cell(value: object) -> str:
    return f"{value:.3f}" if isinstance(value, float) else str(value)
