"""The command line. Each command translates its options into one core call and renders
the result; ``main`` is the one place that turns a MyomapError into a clear message."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, Literal

import typer

from myomap.cli.atlas import atlas_app
from myomap.cli.diary import register_diary_commands
from myomap.cli.evaluate import eval_
from myomap.cli.knowledge import default_atlas, default_model
from myomap.cli.output import JsonFlag, console, print_json
from myomap.cli.usage import print_version, run
from myomap.cli.users import user_app
from myomap.errors import EvidenceError, MyomapError

if TYPE_CHECKING:  # the atlas, the engine and numpy load only in the commands that use them
    from myomap.engine import Evidence
    from myomap.engine.result import Result

__all__ = ["app", "main"]

app = typer.Typer(
    help="myomap: which muscles' trigger points may be causing your pain, and what to do.",
    no_args_is_help=False,
    add_completion=False,
    rich_markup_mode=None,
    pretty_exceptions_enable=False,
)
app.add_typer(atlas_app, name="atlas")

out = console()
err = console(stderr=True)

Method = Literal["engine", "lookup"]


@app.callback(invoke_without_command=True)
def _default(
    ctx: typer.Context,
    version: Annotated[
        bool,
        typer.Option(
            "--version", callback=print_version, is_eager=True, help="Print the version and exit."
        ),
    ] = False,
) -> None:
    """With no command, start the web app (the same as `myomap serve`)."""
    if ctx.invoked_subcommand is None:
        serve()


@app.command()
def serve(
    host: Annotated[str | None, typer.Option(help="Interface to listen on.")] = None,
    port: Annotated[int | None, typer.Option(help="Port to listen on.")] = None,
    workers: Annotated[int | None, typer.Option(help="Worker processes.")] = None,
    server: Annotated[
        bool,
        typer.Option(
            "--server", help="Server mode: accounts and sign-in for many people (MYOMAP_SERVER)."
        ),
    ] = False,
) -> None:
    """Start the web app (default http://127.0.0.1:8000)."""
    from myomap.cli.lifetime import long_lived
    from myomap.web.serve import run

    long_lived()
    run(host=host, port=port, workers=workers, server=server or None)


@app.command()
def regions(as_json: JsonFlag = False) -> None:
    """List the body regions (ids are what --pain takes)."""
    atlas = default_atlas()
    rows = [
        r.model_dump(include={"id", "label", "view", "side", "group"})
        for r in atlas.regions.values()
    ]
    if as_json:
        print_json(rows)
        return
    for r in rows:
        out.print(f"{r['id']:<28} {r['label']:<55} {r['view']:<6} {r['group']}", highlight=False)


@app.command()
def muscles(
    region: Annotated[
        str | None, typer.Option(help="Only muscles that refer pain to this region id.")
    ] = None,
    as_json: JsonFlag = False,
) -> None:
    """List the muscles of the atlas."""
    atlas = default_atlas()
    chosen = atlas.muscles_referring_to(region) if region else list(atlas.muscles.values())
    rows = [
        {
            "id": m.id,
            "name": m.name,
            "latin": m.latin,
            "group": m.group,
            "laterality": m.laterality,
            "trigger_points": len(m.trigger_points),
            "prevalence": m.prior.prevalence,
        }
        for m in chosen
    ]
    if as_json:
        print_json(rows)
        return
    for r in rows:
        out.print(f"{r['id']:<30} {r['name']:<36} {r['group']}", highlight=False)


@app.command()
def findings(as_json: JsonFlag = False) -> None:
    """List the yes/no findings (ids are what --yes and --no take)."""
    atlas = default_atlas()
    rows = [
        {"id": f.id, "question": f.question, "category": f.category}
        for f in atlas.findings.values()
    ]
    if as_json:
        print_json(rows)
        return
    for r in rows:
        out.print(f"{r['id']:<34} {r['category']:<12} {r['question']}", highlight=False)


@app.command()
def show(
    muscle: Annotated[str, typer.Argument(help="Muscle id, name or alias.")],
    as_json: JsonFlag = False,
) -> None:
    """A readable guide to one muscle: referral, symptoms, self-care, sources."""
    from myomap.cli.render import guide

    atlas = default_atlas()
    m = atlas.muscle(muscle)
    if as_json:
        data = m.model_dump(mode="json")
        data["sources"] = [
            atlas.sources[s].model_dump(mode="json", exclude_none=True) for s in m.sources
        ]
        data["red_flags"] = [atlas.red_flags[r].model_dump() for r in m.red_flags]
        print_json(data)
        return
    out.print(guide(atlas, m))


def _run(evidence: Evidence, method: Method) -> Result:
    from myomap.engine import lookup, rank

    model = default_model()
    return rank(model, evidence) if method == "engine" else lookup(model, evidence)


@app.command()
def assess(
    pain: Annotated[
        str | None,
        typer.Option(help="Painful regions, REGION[:INTENSITY],… e.g. sacrum:6,groin_r:3."),
    ] = None,
    yes: Annotated[list[str] | None, typer.Option("--yes", help="A finding answered yes.")] = None,
    no: Annotated[list[str] | None, typer.Option("--no", help="A finding answered no.")] = None,
    unknown: Annotated[
        list[str] | None, typer.Option("--unknown", help="A finding answered 'not sure'.")
    ] = None,
    age: Annotated[int | None, typer.Option(help="Age in years.")] = None,
    sex: Annotated[str | None, typer.Option(help="female, male or other.")] = None,
    method: Annotated[str, typer.Option(help="engine or lookup.")] = "engine",
    batch: Annotated[
        Path | None,
        typer.Option(help="JSON-lines file of requests; writes one JSON result per line."),
    ] = None,
    save: Annotated[
        bool, typer.Option("--save", help="Also save the assessment in the diary database.")
    ] = False,
    as_json: JsonFlag = False,
    text: Annotated[
        str | None,
        typer.Option(help="Describe the pain in your own words; shows what was understood."),
    ] = None,
) -> None:
    """Rank the muscles that may cause this pain, with triage and reasons."""
    if method not in ("engine", "lookup"):
        raise EvidenceError(f"Unknown method {method!r}: use engine or lookup.", field="method")
    chosen: Method = "engine" if method == "engine" else "lookup"
    if text is not None:
        _exit_for(_assess_text(text, chosen, as_json))
        return
    if batch is not None:
        _assess_batch(batch, chosen)
        return
    if sex is not None and sex not in ("female", "male", "other"):
        raise EvidenceError(f"Unknown sex {sex!r}: use female, male or other.", field="sex")
    from myomap.engine import Evidence, validate_evidence
    from myomap.engine.marks import parse_pain

    answers: dict[str, str] = {}
    for ids, word in ((yes, "yes"), (no, "no"), (unknown, "unknown")):
        for fid in ids or []:
            answers[fid] = word
    evidence = Evidence.model_validate(
        {"pain": parse_pain(pain or ""), "answers": answers, "age": age, "sex": sex}
    )
    if not evidence.pain:  # a mistyped answer is named first, then what to do
        validate_evidence(default_atlas(), evidence)
        raise EvidenceError(
            "No pain marked: name the painful regions, e.g. `myomap assess --pain "
            "lumbar_paraspinal_r:6,sacrum:3` (region ids: `myomap regions`).",
            field="pain",
        )
    result = _run(evidence, chosen)
    if as_json:
        print_json(result.model_dump(mode="json"))
    else:
        from myomap.cli.render import result_view

        out.print(result_view(result, default_model().atlas))
    if save:
        from myomap.db import Store

        store = Store.open()
        try:
            saved = store.save_assessment(evidence=evidence, result=result)
        finally:
            store.close()
        err.print(f"saved as assessment {saved.id}", highlight=False)
    _exit_for(result)


EXIT_CODES = {"urgent": 3, "emergency": 4}
"""Exit status of ``assess`` and ``interview`` by triage level, for scripts (README, CLI)."""


def _exit_for(result: Result) -> None:
    """Exit 3 (urgent) or 4 (emergency) so a script cannot miss a warning sign."""
    code = EXIT_CODES.get(result.triage.level)
    if code is not None:
        raise typer.Exit(code)


def _assess_text(text: str, method: Method, as_json: bool) -> Result:
    """Understand a description, show it, then rank everything understood."""
    from myomap.understand import evidence_as_read, understand

    atlas = default_model().atlas
    u = understand(atlas, text)
    result = _run(evidence_as_read(atlas, u), method)
    if as_json:
        print_json(
            {"understanding": u.model_dump(mode="json"), "result": result.model_dump(mode="json")}
        )
        return result
    from myomap.cli.render import result_view
    from myomap.cli.understood import understanding_view

    out.print(understanding_view(u))
    out.print(result_view(result, default_model().atlas))
    return result


def _assess_batch(path: Path, method: Method) -> None:
    from pydantic import ValidationError

    from myomap.engine import Evidence

    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError as exc:
        raise EvidenceError(f"Cannot read {path}: {exc.strerror}.") from exc
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            evidence = Evidence.model_validate_json(line)
            result: dict[str, Any] = _run(evidence, method).model_dump(mode="json")
        except ValidationError as exc:
            first = exc.errors()[0]
            loc = ".".join(str(p) for p in first["loc"])
            result = {"error": f"line {number}: {loc}: {first['msg']}", "line": number}
        except MyomapError as exc:
            result = {"error": f"line {number}: {exc.message}", "line": number, "field": exc.field}
        sys.stdout.write(json.dumps(result, ensure_ascii=False) + "\n")


@app.command()
def interview(
    text: Annotated[
        str | None,
        typer.Option("--text", help="Start from this description instead of asking for one."),
    ] = None,
) -> None:
    """An interactive interview in the terminal: describe or mark, confirm, answer, rank."""
    from myomap.cli.interview import run_interview

    _exit_for(run_interview(out, text=text))


app.command("eval")(eval_)
register_diary_commands(app)
app.add_typer(user_app, name="user")


def main() -> None:
    """Entry point of the `myomap` command: errors end in one line (``cli/usage.py``)."""
    run(app, err)


if __name__ == "__main__":
    main()
